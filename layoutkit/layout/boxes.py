"""Boxed sidebars: rectangles that frame text are read as one unit.

A newspaper sets a sidebar, a column or a fact box in a frame (a stroked rectangle) or
on a tinted panel (a filled one). The text inside belongs together and is read before
or after the text around it, never interleaved with it; the recursive XY-cut
(``order``) must not cut through the frame. ``framing_boxes`` keeps the rectangles that
frame text (``boxed-sidebar``):

* at least ``3`` body sizes wide and tall (smaller ones are ornaments, highlight bars);
* not the page's background: at most half the page's area;
* enclosing at least two text blocks whole (within half an em of the frame) and not
  every block of the page;

near-duplicates (a filled panel and its stroked outline) count once. ``order`` then
orders each box's blocks on their own (innermost boxes first) and treats the box as one
unit spanning its text.
"""
from __future__ import annotations

from typing import Sequence

from .blocks import TextBlock
from .chars import PageContent, Rule


def inside(b: TextBlock, box: Rule, tol: float) -> bool:
    """``b`` lies within ``box`` (``tol`` points of slack on every side)."""
    return b.x0 >= box.x0 - tol and b.x1 <= box.x1 + tol and b.top >= box.top - tol and b.bottom <= box.bottom + tol


def framing_boxes(blocks: Sequence[TextBlock], page: PageContent, body: float) -> list[Rule]:
    """The boxes of ``page`` that frame text (see the module docstring), smallest first."""
    if not page.boxes or len(blocks) < 3:
        return []
    tol = 0.5 * body
    kept: list[Rule] = []
    for box in sorted(page.boxes, key=lambda r: (r.x1 - r.x0) * (r.bottom - r.top)):
        w, h = box.x1 - box.x0, box.bottom - box.top
        if w < 3 * body or h < 3 * body or w * h > 0.5 * page.width * page.height:
            continue
        if any(abs(k.x0 - box.x0) <= tol and abs(k.top - box.top) <= tol and abs(k.x1 - box.x1) <= tol
               and abs(k.bottom - box.bottom) <= tol for k in kept):
            continue
        n = sum(1 for b in blocks if inside(b, box, tol))
        if 2 <= n < len(blocks):
            kept.append(box)
    return kept
