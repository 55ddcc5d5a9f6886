"""A clamped, monotone cell index along one axis, for neighbour searches among boxes.

Several layout questions ask, for one box, which of the page's boxes lie within some
reach of it (a title's kicker and byline). Asked of every box of an OCR page (thousands
of blocks) by scanning a list, they are quadratic; filed in strips (cells along x), each
question reads the few strips its search range touches. A strip only narrows the search:
the caller applies its own exact test to every box it finds there.

The index is a monotone clamped function of the coordinate: values below the first cell
(or -inf) fall in the first, above the last (or +inf) in the last; an interval with a NaN
end spans every cell, since no comparison with NaN can rule a box out. So a box whose
interval meets a search interval (closed, either end order) always shares a cell with it.
"""
from __future__ import annotations

from math import isnan
from typing import Sequence

#: Most cells along the axis: beyond it cells are made larger.
MAX_CELLS = 256


class Axis:
    """``n`` cells of ``size`` from ``origin`` covering the finite ``values``."""

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
        if isnan(lo) or isnan(hi):
            return range(self.n)
        a, b = self.index(lo), self.index(hi)
        return range(a, b + 1) if a <= b else range(b, a + 1)
