"""Levenshtein distance between two strings, exact and fast enough for whole pages.

``text_sim`` compares every article's text (up to tens of thousands of characters) with what
the output holds for it, so the quadratic table is out of the question. We use the
bit-vector formulation of the edit-distance table (Myers 1999, as restated for global
distance by Hyyrö 2001): one column of the table is kept as two bit vectors of vertical
deltas (+1 / -1) over the shorter string, and each character of the longer string updates
them with a handful of integer operations. Python's unbounded integers hold the whole
column, so the cost is ``len(longer) * len(shorter) / 64`` machine-word operations.

When the optional ``rapidfuzz`` package is installed, its C implementation is used instead;
both give the same exact distance.
"""
from __future__ import annotations

from typing import Callable

__all__ = ["distance", "distance_python"]


def _strip_common(a: str, b: str) -> tuple[str, str]:
    """Drop the common prefix and suffix: they never contribute to the distance."""
    n = min(len(a), len(b))
    head = 0
    while head < n and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < n - head and a[len(a) - 1 - tail] == b[len(b) - 1 - tail]:
        tail += 1
    return a[head:len(a) - tail], b[head:len(b) - tail]


def distance_python(a: str, b: str) -> int:
    """Exact Levenshtein distance (unit costs), pure Python, bit-parallel."""
    a, b = _strip_common(a, b)
    text, pattern = (a, b) if len(a) >= len(b) else (b, a)
    m = len(pattern)
    if m == 0:
        return len(text)
    # For every character, the set of pattern positions holding it, as a bit mask.
    where: dict[str, int] = {}
    for pos, ch in enumerate(pattern):
        where[ch] = where.get(ch, 0) | (1 << pos)
    mask = (1 << m) - 1
    last = 1 << (m - 1)
    plus, minus = mask, 0  # vertical deltas of the current column: all +1 at the start
    dist = m               # the bottom cell of the current column
    for ch in text:
        eq = where.get(ch, 0)
        vert = eq | minus
        diag = (((eq & plus) + plus) ^ plus) | eq
        hplus = (minus | ~(diag | plus)) & mask
        hminus = plus & diag
        if hplus & last:
            dist += 1
        elif hminus & last:
            dist -= 1
        # Shift the horizontal deltas down one row; the top row always grows by one.
        hplus = ((hplus << 1) | 1) & mask
        hminus = (hminus << 1) & mask
        plus = (hminus | ~(vert | hplus)) & mask
        minus = hplus & vert
    return dist


def _pick() -> Callable[[str, str], int]:
    try:
        from rapidfuzz.distance import Levenshtein  # optional extra "fast"
    except ImportError:
        return distance_python
    return Levenshtein.distance


#: The distance function in use (rapidfuzz when installed, else ``distance_python``).
distance: Callable[[str, str], int] = _pick()
