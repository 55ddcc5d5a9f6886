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

from operator import attrgetter
from typing import Sequence

from ..params import LayoutParams
from .chars import Rule
from .records import TextBlock, TextLine, make_blocks

_X0, _TOP, _X1, _BOTTOM = (attrgetter(name) for name in ("x0", "top", "x1", "bottom"))


def block_of(lines: Sequence[TextLine], vertical: bool, reasons: tuple[str, ...] = ()) -> TextBlock:
    """A block of ``lines`` (in their order) with their box."""
    if len(lines) == 1:  # (most blocks of an OCR page: its box is the line's)
        ln = lines[0]
        return TextBlock((ln,), ln.x0, ln.top, ln.x1, ln.bottom, vertical, reasons)
    return TextBlock(tuple(lines), min(map(_X0, lines)), min(map(_TOP, lines)),
                     max(map(_X1, lines)), max(map(_BOTTOM, lines)), vertical, reasons)


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
    horizontal = [ln for ln in lines if not ln.vertical]
    # sorted by (top, x0) in two stable sorts on float keys (CPython compares floats
    # without the generic tuple comparison): the order of the tuple sort
    horizontal.sort(key=_X0)
    horizontal.sort(key=_TOP)
    tops = [ln.top for ln in horizontal]
    if _finite(tops) and _finite([ln.x0 for ln in horizontal]) and _finite([ln.x1 for ln in horizontal]):
        open_blocks = _stack(horizontal, rules, params, title_size)
    else:  # (NaN or infinite coordinates: the sweep's premises fail, the plain scan decides)
        open_blocks = stack_plain(horizontal, rules, params, title_size)
    # the blocks' lines and boxes as per-page columns, the blocks made at once
    parts: list[tuple[TextLine, ...]] = []
    why: list[tuple[str, ...]] = []
    for blk in open_blocks:
        if len(blk) < 4:
            parts.append(tuple(blk))
            why.append(())
        else:
            for run, reasons in _measure_runs(blk):
                parts.append(tuple(run))
                why.append(reasons)
    x0s, tops, x1s, bottoms = [], [], [], []
    for run in parts:
        if len(run) == 1:  # (most blocks of an OCR page: its box is the line's)
            ln = run[0]
            x0s.append(ln.x0)
            tops.append(ln.top)
            x1s.append(ln.x1)
            bottoms.append(ln.bottom)
        else:
            x0s.append(min(map(_X0, run)))
            tops.append(min(map(_TOP, run)))
            x1s.append(max(map(_X1, run)))
            bottoms.append(max(map(_BOTTOM, run)))
    blocks = make_blocks(parts, x0s, tops, x1s, bottoms, False, why)
    blocks.extend(_vertical_blocks([ln for ln in lines if ln.vertical], params))
    return blocks




def _finite(values: list[float]) -> bool:
    """No NaN or infinity among ``values`` (a sum of finite floats can overflow to
    infinity: then the answer is a false "no", which only sends the page the plain way)."""
    total = sum(values)
    return total - total == 0.0


def _candidate(last: TextLine, ln: TextLine, rules: Sequence[Rule], params: LayoutParams,
               title_size: float) -> bool:
    """``ln`` may join the block whose last line is ``last``: stacked within reach, in one
    column (``_joins``), no rule between. (The cheap bounds of the scans come first.)"""
    if last.bottom > ln.top + 0.5 * ln.size or ln.top - last.bottom > params.line_gap * ln.size * 1.5:
        return False  # not stacked
    centred = ln.size >= title_size and abs(ln.cy - last.cy) >= 0 and \
        abs((ln.x0 + ln.x1) / 2 - (last.x0 + last.x1) / 2) <= 1.0 * ln.size
    return _joins(last, ln, centred, params) and not (rules and _rule_between(last, ln, rules))


def stack_plain(horizontal: Sequence[TextLine], rules: Sequence[Rule], params: LayoutParams,
                title_size: float) -> list[list[TextLine]]:
    """The lines (sorted by top, then left edge) stacked into blocks: each line joins,
    among the blocks whose last line it may follow (``_candidate``), the one whose last
    line's left edge is nearest its own (the first made on a tie), else opens a block.

    The plain scan over every block still open: the reference for ``_stack``, and the
    way for lines with coordinates it cannot file (NaN, infinite)."""
    open_blocks: list[list[TextLine]] = []
    # blocks whose last line lies far above the current line can take no more lines
    # (lines come sorted by top): only the active ones are searched
    active: list[int] = []
    reach = params.line_gap * 1.5 * 1.15  # the farthest a joining line can be, in the last line's ems
    for ln in horizontal:
        best = None
        best_key = None
        still: list[int] = []
        for k in active:
            last = open_blocks[k][-1]
            if last.bottom < ln.top - reach * last.size:
                continue  # too far above: the block is closed for good
            still.append(k)
            if last.x1 <= ln.x0 or ln.x1 <= last.x0 or not _candidate(last, ln, rules, params, title_size):
                continue
            key = abs(ln.x0 - last.x0)
            if best_key is None or key < best_key:
                best, best_key = k, key
        active = still
        if best is None:
            active.append(len(open_blocks))
            open_blocks.append([ln])
        else:
            open_blocks[best].append(ln)
    return open_blocks


def _stack(horizontal: Sequence[TextLine], rules: Sequence[Rule], params: LayoutParams,
           title_size: float) -> list[list[TextLine]]:
    """``stack_plain``'s blocks, the open blocks filed by the x-range of their last line
    in bins along x: a line reads only the bins its own x-range touches (a block it may
    join overlaps it in x), not every block still open (an OCR page keeps ~40 open, a
    handful in any one column). A block found closed in a bin leaves all its bins
    (closed for good: the lines come sorted by top). The best block is the one with the
    least (left-edge distance, block number): the plain scan's choice, whatever order
    the bins hand the blocks in. ``_candidate``'s tests are written out in the loop
    (the same expressions; the lines are all horizontal here), with the numbers of a
    block's last line kept in one tuple.

    Coordinates must be finite (``build_blocks`` checks): a line's bins are then
    ``int((x - lo) * scale)`` for its two edges, in ``0 .. n - 1``."""
    lo = min(ln.x0 for ln in horizontal) if horizontal else 0.0
    hi = max(ln.x1 for ln in horizontal) if horizontal else 0.0
    lo, hi = min(lo, hi), max(lo, hi)
    # bins about a column's width: ten title sizes (a line touches one to three), at
    # most 256 of them
    width = max(10.0 * title_size, (hi - lo) / 256)
    scale = 1.0 / width if width > 0.0 and width - width == 0.0 else 0.0
    n = int((hi - lo) * scale) + 1
    bins: list[list[int]] = [[] for _ in range(n)]
    line_gap, indent_max = params.line_gap, params.indent_max
    open_blocks: list[list[TextLine]] = []
    # per block: its last line's bottom, x0, x1, reach in points, size, line; its bins
    lasts: list[tuple[float, float, float, float, float, TextLine]] = []
    filed: list[range] = []
    reach = line_gap * 1.5 * 1.15  # the farthest a joining line can be, in the last line's ems
    seen = [-1] * len(horizontal)  # per block, the last line whose search read it
    closed: list[int] = []
    for i, ln in enumerate(horizontal):
        top, x0, x1, s = ln.top, ln.x0, ln.x1, ln.size
        overlap_limit = top + 0.5 * s
        gap_limit = line_gap * s * 1.5
        a, b = int((x0 - lo) * scale), int((x1 - lo) * scale)
        cols = range(a, b + 1) if a <= b else range(b, a + 1)
        best = -1
        best_key = 0.0
        for col in cols:
            for k in bins[col]:
                if seen[k] == i:
                    continue
                seen[k] = i
                bottom, lx0, lx1, lreach, ls, last = lasts[k]
                if bottom < top - lreach:
                    closed.append(k)
                    continue
                if lx1 <= x0 or x1 <= lx0 or bottom > overlap_limit or top - bottom > gap_limit:
                    continue  # no x-overlap (``_joins`` would refuse) or not stacked
                # ``_joins`` (both lines horizontal)
                # (``min``/``max`` of two written as the builtins choose: the first
                # argument unless the second is smaller / larger; no builtin call)
                size = s if s < ls else ls
                if 1e-6 > size:
                    size = 1e-6
                if (s if s > ls else ls) / size > 1.15:
                    continue
                gap = top - bottom
                if gap > line_gap * size or gap < -0.5 * size:
                    continue
                overlap = (x1 if x1 < lx1 else lx1) - (x0 if x0 > lx0 else lx0)
                if overlap <= 0:
                    continue
                if not (abs(x0 - lx0) <= indent_max * size or abs(x1 - lx1) <= 1.0 * size):
                    # (``centred``: title material centred under the last line)
                    centred = s >= title_size and abs(ln.cy - last.cy) >= 0 and \
                        abs((x0 + x1) / 2 - (lx0 + lx1) / 2) <= 1.0 * s
                    if not (centred and overlap > 0.5 * min(last.width, ln.width)):
                        continue
                if rules and _rule_between(last, ln, rules):
                    continue
                key = abs(x0 - lx0)
                if best < 0 or key < best_key or (key == best_key and k < best):
                    best, best_key = k, key
        if closed:
            for k in closed:  # closed for good: out of every bin
                for c in filed[k]:
                    bins[c].remove(k)
                filed[k] = range(0)
            closed.clear()
        entry = (ln.bottom, x0, x1, reach * s, s, ln)
        if best < 0:
            k = len(open_blocks)
            open_blocks.append([ln])
            lasts.append(entry)
            filed.append(cols)
            for c in cols:
                bins[c].append(k)
        else:
            open_blocks[best].append(ln)
            lasts[best] = entry
            old = filed[best]
            if old != cols:
                for c in old:
                    if c not in cols:
                        bins[c].remove(best)
                for c in cols:
                    if c not in old:
                        bins[c].append(best)
                filed[best] = cols
    return open_blocks


def _split_measure(blk: list[TextLine], params: LayoutParams) -> list[TextBlock]:
    """Cut a block where its right edge steps out for good (``measure-change``): two
    consecutive lines end more than one em right of every line before them."""
    return [block_of(run, False, reasons) for run, reasons in _measure_runs(blk)]


def _measure_runs(blk: list[TextLine]) -> list[tuple[list[TextLine], tuple[str, ...]]]:
    """The runs of ``blk`` between its measure cuts (``_split_measure``), each with the
    reasons its block records."""
    if len(blk) < 4:
        return [(blk, ())]
    out: list[tuple[list[TextLine], tuple[str, ...]]] = []
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
            out.append((blk[start:i], ("measure-change: the column widens below",)))
            start = i
        elif i - start >= 2 and blk[i].x0 < left - 1.0 * size and blk[i + 1].x0 < left - 1.0 * size:
            out.append((blk[start:i], ("measure-change: the column widens to the left below",)))
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
    out.append((blk[start:], ()))
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
    return [block_of(g, True) for g in groups]
