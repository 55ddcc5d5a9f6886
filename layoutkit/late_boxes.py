"""Late boxes: OCR XML boxes the producer listed after the columns beside them.

An OCR producer's block order (ALTO document order) mostly reads the page column by
column, but boxes zoned late (typically the advertisement boxes at the foot of a column,
or a box at the top of a column that the zoning added last) come at the very end of the
stream, after the columns to their right. Read there, they land inside whatever article
the stream ended with, after text printed far away from them.

Rule ``late-box``: a box is late when the stream, before it, already read a box lying to
its right (in a later column) at its height (the two overlap vertically over at least
half of the shorter one), or a box of its own column below it. Only the stream's
trailing run of late boxes is touched: boxes the producer appended after the whole page.
A late box followed by boxes read in stream order belongs to a layout the stream follows
on purpose (a table's cells side by side, a tier under a rule across the page), and a
one-line box (running head, folio) is page furniture placed by its own rules.

A late box is put back where column-by-column reading meets it: right after the last
box of its own column above it, else right before the first box of its own column below
it (its column: the boxes it overlaps horizontally over at least half of the narrower
one). Late boxes landing in the same gap keep column order (left to right, then top to
bottom). A box with no box of its own column in the stream, or one spanning columns (wider
than ``SPAN`` median box widths), stays where it is.

Only ALTO is reordered: its block order is the producer's document order. PAGE files
carry an explicit ``ReadingOrder`` (on the PAGE dev cases, reordering them lowered
text_sim), and a plain-text export has no boxes to go by. (The ``.txt`` exports of the dev
pages list the same late boxes in the same place, with no position. Line widths, a
sentence or word continued across the gap, and vocabulary were measured as stand-ins
(``docs/latin.md``, ``bench/late_text_signals.py``). Shared rare words place one of them,
kb 1876 p3's theatre listing (``late_cohesion``, rule ``cohesive-late-box``); nothing
places the boxes of kb 1876 p2 and bnf p3, which stay at 0.933/0.978.)

A run of moved boxes placed together opens an untitled article (``late_starts``): the
producer zoned it apart from the stream, so it does not continue the article read before it.

Measured on the ALTO dev cases (bnf, kb, bl, rero): text_sim 0.990 -> 0.998 (kb
1876 p2 0.933 -> 1.000, p3 0.935 -> 0.998, bnf p3 0.978 -> 0.999), order_acc 0.994 ->
0.995, article_ari 0.775 -> 0.777; no case lower by more than 0.001 on any metric.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from itertools import groupby
from operator import attrgetter
from typing import Optional, Sequence

from .model import BBox, Line

REASON = "late-box"
#: Share of the shorter box's height two boxes must share to sit "at the same height".
SAME_HEIGHT = 0.5
#: Share of the narrower box's width two boxes must share to be "in the same column".
SAME_COLUMN = 0.5
#: A box wider than this many of the page's typical box widths spans columns: never late.
SPAN = 1.5
#: Most boxes a producer appends after the page (the dev cases: 8 at most); a longer
#: trailing run of late boxes is the page's own layout (and bounds the work).
MAX_LATE = 32


@dataclass(frozen=True, slots=True)
class Box:
    """One input region: its id, its box and its lines in stream order."""

    region: Optional[str]
    bbox: Optional[BBox]
    lines: tuple[Line, ...]


def _boxes(lines: Sequence[Line]) -> list[Box]:
    """The input's boxes: runs of consecutive lines of one region."""
    runs = (tuple(run) for _, run in groupby(lines, key=attrgetter("region")))
    return [Box(run[0].region, BBox.union_all([x.bbox for x in run]), run) for run in runs]


def _overlap(a0: float, a1: float, b0: float, b1: float) -> float:
    return min(a1, b1) - max(a0, b0)


def _same_column(a: BBox, b: BBox) -> bool:
    return _overlap(a.x0, a.x1, b.x0, b.x1) >= SAME_COLUMN * min(a.width, b.width) > 0


def _beside_right(a: BBox, b: BBox) -> bool:
    """``a`` lies right of ``b`` (no shared column) at ``b``'s height."""
    if a.x0 < b.x1 - (1 - SAME_COLUMN) * min(a.width, b.width) or _same_column(a, b):
        return False
    return _overlap(a.top, a.bottom, b.top, b.bottom) >= SAME_HEIGHT * min(a.height, b.height) > 0


def _below_in_column(a: BBox, b: BBox) -> bool:
    """``a`` lies in ``b``'s column, below it (the stream passed ``b``'s place there)."""
    return _same_column(a, b) and a.top > b.top + SAME_HEIGHT * b.height


def late_order(boxes: Sequence[Optional[BBox]], single: frozenset[int] = frozenset()
               ) -> tuple[list[int], frozenset[int]]:
    """``(order, moved)``: the stream indices of ``boxes`` in reading order after the
    ``late-box`` rule (module doc), and the indices it moved. Boxes without a bbox stay,
    and so do the ``single``-line ones (running heads, folios: page furniture, placed by
    its own rules)."""
    widths = sorted(b.width for b in boxes if b is not None and b.width > 0)
    if len(widths) < 3:
        return list(range(len(boxes))), frozenset()
    typical = widths[len(widths) // 2]

    def is_late(i: int) -> bool:
        b = boxes[i]
        if b is None or b.width <= 0 or b.height <= 0 or b.width > SPAN * typical or i in single:
            return False
        return any(a is not None and a.width > 0 and (_beside_right(a, b) or _below_in_column(a, b))
                   for a in boxes[:i])

    # only the stream's trailing run of late boxes: boxes the producer appended after the
    # whole page (a late box followed by boxes read in stream order is part of a layout
    # the stream follows on purpose: a table's cells, a tier under a rule). Scanned from
    # the end, so the work is the run's length times the page's boxes; a run longer than
    # ``MAX_LATE`` is no appendix but the page's own layout, left alone.
    late: list[int] = []
    while len(late) < len(boxes) and is_late(len(boxes) - 1 - len(late)):
        late.append(len(boxes) - 1 - len(late))
        if len(late) > MAX_LATE:
            return list(range(len(boxes))), frozenset()
    late.reverse()
    if not late:
        return list(range(len(boxes))), frozenset()
    late_set = set(late)
    stream = [i for i in range(len(boxes)) if i not in late_set]
    placed: list[tuple[int, float, float, int]] = []  # (gap, x0, top, index)
    kept: set[int] = set()
    for i in late:
        b = boxes[i]
        assert b is not None
        column = [k for k, j in enumerate(stream) if boxes[j] is not None and _same_column(boxes[j], b)]
        if not column:
            kept.add(i)
            continue
        above = [k for k in column if boxes[stream[k]].top < b.top]  # type: ignore[union-attr]
        gap = max(above) if above else min(column) - 1
        placed.append((gap, b.x0, b.top, i))
    if not placed:
        return list(range(len(boxes))), frozenset()
    # late boxes with no place of their own stay at their stream position, after the
    # stream box before them (so a page's own trailing order is not disturbed)
    for i in sorted(kept):
        prev = max((k for k, j in enumerate(stream) if j < i), default=-1)
        placed.append((prev, float("inf"), float("inf"), i))
    placed.sort()
    order: list[int] = []
    at = 0
    for k, j in enumerate([-1] + stream):
        if k > 0:
            order.append(j)
        while at < len(placed) and placed[at][0] == k - 1:
            order.append(placed[at][3])
            at += 1
    moved = frozenset(i for _, x, _, i in placed if x != float("inf"))
    return order, moved


def place_late_boxes(lines: Sequence[Line]) -> tuple[list[Line], frozenset[int]]:
    """The lines with late boxes moved to their column's place (module doc), renumbered
    1.. in the new order (a line's number is its emission order), and the numbers of the
    first line of every moved box."""
    boxes = _boxes(lines)
    order, moved = late_order([b.bbox for b in boxes],
                              frozenset(i for i, b in enumerate(boxes) if len(b.lines) < 2))
    if not moved:
        return list(lines), frozenset()
    out: list[Line] = []
    starts: set[int] = set()
    previous: Optional[int] = None
    for i in order:
        if i in moved and previous not in moved:  # late boxes placed together read as one
            starts.add(len(out) + 1)
        previous = i
        base = len(out)
        out.extend([replace(ln, number=base + 1 + k) for k, ln in enumerate(boxes[i].lines)])
    return out, frozenset(starts)
