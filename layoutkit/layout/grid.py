"""A uniform grid of cells over the page, for neighbour queries among boxes.

Several layout questions ask, for one box, which of the page's boxes lie within some
reach of it (a title's kicker and byline, a picture's caption). Asked of every box of an
OCR page (thousands of blocks) by scanning a list, they are quadratic; filed in the
cells of a grid they touch, each question reads the few cells its search rectangle
touches. The grid only narrows the search: ``near`` returns a superset of the boxes
meeting the rectangle (every box sharing a cell with it), and the caller applies its own
exact test to each, so the answers are those of the full scan.

Cells are indexed by a monotone clamped function of the coordinate: values below the
grid (or -inf) fall in the first cell, above it (or +inf) in the last; a NaN coordinate
makes a box (or a search) span the whole axis, since no comparison with NaN can reject
it. That keeps ``near`` a superset for any float input, so the exact tests decide alone.
"""
from __future__ import annotations

from typing import Sequence

#: Most cells along one axis: beyond it cells are made larger (memory stays linear).
MAX_CELLS = 256


class _Axis:
    """The cell index along one axis: ``n`` cells of ``size`` from ``origin``."""

    __slots__ = ("origin", "size", "n")

    def __init__(self, values: Sequence[float], size: float) -> None:
        finite = [v for v in values if v - v == 0.0]  # (drops NaN and +-inf)
        lo = min(finite, default=0.0)
        hi = max(finite, default=0.0)
        if not size > 0.0 or size - size != 0.0:
            size = 1.0
        n = int((hi - lo) / size) + 1
        if n > MAX_CELLS:
            size = (hi - lo) / (MAX_CELLS - 1)
            n = MAX_CELLS
        self.origin, self.size, self.n = lo, size, n

    def index(self, v: float) -> int:
        """Monotone in ``v``, in ``0 .. n - 1`` (NaN -> 0)."""
        if v >= self.origin:
            k = (v - self.origin) / self.size
            return self.n - 1 if k >= self.n - 1 else int(k)
        return 0

    def span(self, lo: float, hi: float) -> range:
        """The cells a closed interval between ``lo`` and ``hi`` (either order) touches;
        every cell when either is NaN."""
        if lo != lo or hi != hi:
            return range(self.n)
        a, b = self.index(lo), self.index(hi)
        return range(a, b + 1) if a <= b else range(b, a + 1)


class BoxGrid:
    """Boxes (by position in the sequences given) filed in every grid cell they touch."""

    __slots__ = ("_x", "_y", "_cells")

    def __init__(self, x0s: Sequence[float], tops: Sequence[float], x1s: Sequence[float],
                 bottoms: Sequence[float], cell: float) -> None:
        self._x = _Axis([*x0s, *x1s], cell)
        self._y = _Axis([*tops, *bottoms], cell)
        nx = self._x.n
        cells: list[list[int]] = [[] for _ in range(nx * self._y.n)]
        xspan, yspan = self._x.span, self._y.span
        for i, (x0, top, x1, bottom) in enumerate(zip(x0s, tops, x1s, bottoms)):
            xs = xspan(x0, x1)
            for row in yspan(top, bottom):
                base = row * nx
                for col in xs:
                    cells[base + col].append(i)
        self._cells = cells

    def spans(self, x0: float, top: float, x1: float, bottom: float) -> tuple[range, range]:
        """The columns and rows of the cells a rectangle touches."""
        return self._x.span(x0, x1), self._y.span(top, bottom)

    def near(self, x0: float, top: float, x1: float, bottom: float) -> set[int]:
        """Every box sharing a cell with the rectangle: a superset of the boxes ``b`` with
        ``b.x0 <= x1``, ``b.x1 >= x0``, ``b.top <= bottom`` and ``b.bottom >= top``."""
        return set(self.filed(*self.spans(x0, top, x1, bottom)))

    def filed(self, xs: range, ys: range, old: tuple[range, range] = (range(0), range(0))) -> list[int]:
        """The boxes filed in the cells ``xs`` x ``ys`` but not in ``old`` (the cells of a
        rectangle ``xs`` x ``ys`` contains: a growing search reads only what its growth
        adds), with repeats (a box in several cells)."""
        nx, cells = self._x.n, self._cells
        old_xs, old_ys = old
        if xs == old_xs and ys == old_ys:
            return []  # (a growth within the same cells: the common case)
        # the columns of ``xs`` left and right of ``old_xs``: what a row of ``old_ys`` adds
        side = [*range(xs.start, min(xs.stop, old_xs.start)), *range(max(xs.start, old_xs.stop), xs.stop)]
        out: list[int] = []
        for row in ys:
            base = row * nx
            for col in (side if row in old_ys else xs):
                out.extend(cells[base + col])
        return out
