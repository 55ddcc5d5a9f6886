"""Text blocks: lines stacked in one column stretch, in one size, with nothing between.

A line joins the block whose last line sits right above it when (each relative to the
line's font size)

* the vertical gap is at most ``line_gap`` ems (a paragraph of one column);
* the sizes agree within 15% and both are horizontal (or both vertical);
* they share a column: they overlap, and their left edges differ by at most
  ``indent_max`` ems (an indent, a short last line) or their right edges agree within
  one em (a hanging first line); or they are centred title material overlapping by more
  than half the narrower line;
* no ruling line or box edge runs between them (``rule-between``).

A block whose lines' right edge steps out by more than ``widen`` ems for good (text that
ran alongside a picture and now has the column's full width again) is cut there
(``measure-change``), so every block has one measure for the reflow stage.

Vertical lines (top-to-bottom CJK) stack right to left instead: a vertical line joins
the block whose last (leftmost) line is at most ``line_gap`` ems to its right and
overlaps it vertically.
"""
from __future__ import annotations

from typing import Sequence

from ..params import LayoutParams
from .chars import Rule
from .records import TextBlock, TextLine


def _box(lines: Sequence[TextLine], vertical: bool, reasons: tuple[str, ...] = ()) -> TextBlock:
    return TextBlock(tuple(lines), min(ln.x0 for ln in lines), min(ln.top for ln in lines),
                     max(ln.x1 for ln in lines), max(ln.bottom for ln in lines), vertical, reasons)


def _rule_between(a: TextLine, b: TextLine, rules: Sequence[Rule]) -> bool:
    """A horizontal rule (or a box's top/bottom edge) between two stacked lines."""
    lo, hi = a.bottom - 0.2 * a.size, b.top + 0.2 * b.size
    x0, x1 = max(a.x0, b.x0), min(a.x1, b.x1)
    for r in rules:
        edges: tuple[float, ...]
        if r.bottom - r.top > 3 * a.size and r.kind != "line":
            # a box: its top and bottom edges separate, its inside does not
            edges = (r.top, r.bottom)
        else:
            edges = ((r.top + r.bottom) / 2,)
        if r.x0 < x1 and r.x1 > x0 and (r.x1 - r.x0) > 0.5 * (x1 - x0):
            for y in edges:
                if lo < y < hi:
                    return True
    return False


def _joins(last: TextLine, ln: TextLine, centred: bool, params: LayoutParams) -> bool:
    size = max(min(last.size, ln.size), 1e-6)
    if max(last.size, ln.size) / size > 1.15 or last.vertical or ln.vertical:
        return False
    gap = ln.top - last.bottom
    if gap > params.line_gap * size or gap < -0.5 * size:
        return False
    overlap = min(last.x1, ln.x1) - max(last.x0, ln.x0)
    if overlap <= 0:
        return False
    left_ok = abs(ln.x0 - last.x0) <= params.indent_max * size
    right_ok = abs(ln.x1 - last.x1) <= 1.0 * size
    # a short line under an indented one overlaps it little but shares its column's edge
    return left_ok or right_ok or (centred and overlap > 0.5 * min(last.width, ln.width))


def build_blocks(lines: Sequence[TextLine], rules: Sequence[Rule], params: LayoutParams,
                 title_size: float) -> list[TextBlock]:
    """Group lines into blocks (see the module docstring). ``title_size``: sizes at or above
    it are title material, whose centred lines may stack with ragged edges."""
    horizontal = sorted((ln for ln in lines if not ln.vertical), key=lambda ln: (ln.top, ln.x0))
    open_blocks: list[list[TextLine]] = []
    # blocks whose last line lies far above the current line can take no more lines
    # (lines come sorted by top): only the active ones are searched
    active: list[int] = []
    reach = params.line_gap * 1.5 * 1.15  # the farthest a joining line can be, in the last line's ems
    # per block, its last line and the numbers the scan below reads of it, in one tuple
    # (bottom, x0, x1, reach in points, line): an OCR page keeps dozens of blocks active
    lasts: list[tuple[float, float, float, float, TextLine]] = []
    for ln in horizontal:
        best = None
        best_key = None
        still: list[int] = []
        top, x0, x1 = ln.top, ln.x0, ln.x1
        overlap_limit = top + 0.5 * ln.size
        gap_limit = params.line_gap * ln.size * 1.5
        for k in active:
            bottom, lx0, lx1, lreach, last = lasts[k]
            if bottom < top - lreach:
                continue  # too far above: the block is closed for good
            still.append(k)
            if lx1 <= x0 or x1 <= lx0 or bottom > overlap_limit or top - bottom > gap_limit:
                continue  # no x-overlap (``_joins`` would refuse) or not stacked
            centred = ln.size >= title_size and abs(ln.cy - last.cy) >= 0 and \
                abs((ln.x0 + ln.x1) / 2 - (last.x0 + last.x1) / 2) <= 1.0 * ln.size
            if not _joins(last, ln, centred, params) or _rule_between(last, ln, rules):
                continue
            key = abs(ln.x0 - last.x0)
            if best_key is None or key < best_key:
                best, best_key = k, key
        active = still
        if best is None:
            active.append(len(open_blocks))
            open_blocks.append([ln])
            lasts.append((ln.bottom, x0, x1, reach * ln.size, ln))
        else:
            open_blocks[best].append(ln)
            lasts[best] = (ln.bottom, x0, x1, reach * ln.size, ln)
    blocks: list[TextBlock] = []
    for blk in open_blocks:
        blocks.extend(_split_measure(blk, params))
    blocks.extend(_vertical_blocks([ln for ln in lines if ln.vertical], params))
    return blocks


def _split_measure(blk: list[TextLine], params: LayoutParams) -> list[TextBlock]:
    """Cut a block where its right edge steps out for good (``measure-change``): two
    consecutive lines end more than one em right of every line before them."""
    if len(blk) < 4:
        return [_box(blk, False)]
    out: list[TextBlock] = []
    start = 0
    # the right and left edge of the run blk[start:i] so far, kept as ``max``/``min`` over
    # it would find them (one comparison per line, not a pass over the run per line: a
    # column of an OCR page can be one block of dozens of lines)
    right, left = blk[0].x1, blk[0].x0
    i = 1
    while i < len(blk) - 1:
        size = blk[i].size
        before = right
        if i - start >= 2 and blk[i].x1 > before + 1.0 * size and blk[i + 1].x1 > before + 1.0 * size:
            out.append(_box(blk[start:i], False, ("measure-change: the column widens below",)))
            start = i
        elif i - start >= 2 and blk[i].x0 < left - 1.0 * size and blk[i + 1].x0 < left - 1.0 * size:
            out.append(_box(blk[start:i], False, ("measure-change: the column widens to the left below",)))
            start = i
        if start == i:
            right, left = blk[i].x1, blk[i].x0
        else:
            x1, x0 = blk[i].x1, blk[i].x0
            if x1 > right:
                right = x1
            if x0 < left:
                left = x0
        i += 1
    out.append(_box(blk[start:], False))
    return out


def _vertical_blocks(lines: Sequence[TextLine], params: LayoutParams) -> list[TextBlock]:
    ordered = sorted(lines, key=lambda ln: -ln.x1)
    groups: list[list[TextLine]] = []
    for ln in ordered:
        target = None
        for g in groups:
            last = g[-1]
            size = min(last.size, ln.size)
            if max(last.size, ln.size) / max(size, 1e-6) > 1.15:
                continue
            gap = last.x0 - ln.x1
            overlap = min(last.bottom, ln.bottom) - max(last.top, ln.top)
            if -0.5 * size <= gap <= params.line_gap * size and overlap > 0.5 * min(last.height, ln.height) \
                    and abs(ln.top - last.top) <= params.indent_max * size:
                target = g
                break
        if target is None:
            groups.append([ln])
        else:
            target.append(ln)
    return [_box(g, True) for g in groups]
