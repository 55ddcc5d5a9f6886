"""Reading order of a page's blocks.

1. ``page-head`` / ``page-foot``: small blocks lying entirely in the top or bottom
   ``MARGIN_ZONE`` of the page (running heads, folios, page credits), apart from the
   text columns (``_Columns.attached``), come first / last.
2. ``title-cluster``: a title block (text ``title_ratio`` times the body size) and the
   short blocks hugging it (kicker above, byline below, for a vertical title the
   byline beside it) are ordered as one unit, so a byline centred under a headline is
   read with it and not after the columns to its left.
3. Breuel's partial order (2003) on the units:

   * ``above``: ``a`` precedes ``b`` when their x-ranges overlap and ``a`` is above ``b``;
   * ``left``: ``a`` precedes ``b`` when ``a`` lies entirely left of ``b`` and no unit
     ``c`` lying vertically between them overlaps both in x (a headline spanning
     columns separates the columns above it from those below it);
   * ``vertical-title``: a vertical title (CJK, top to bottom) precedes the horizontal
     text beside it on its left, because vertical text reads right to left and a
     vertical headline stands at the right edge of its article.

4. A topological sort, taking among the free units the highest, then leftmost.

Before the XY-cut, the blocks inside a frame (``boxes``: ``boxed-sidebar``) are ordered
on their own and become one unit, so no cut goes through it.

Vertical blocks among themselves read right to left (a vertical page: ``left`` mirrored).
"""
from __future__ import annotations

import bisect
import heapq
from dataclasses import dataclass, replace
from itertools import chain, compress, repeat
from operator import and_, attrgetter, gt, le, lt, not_, sub
from typing import Callable, Sequence

from ..params import LayoutParams
from .blocks import TextBlock
from .boxes import framing_boxes
from .chars import PageContent, Rule
from .grid import Axis

#: Share of the page height at the top and bottom where running heads and folios live.
MARGIN_ZONE = 0.05

_TEXT = attrgetter("text")
_LINES = attrgetter("lines")


@dataclass
class _Unit:
    blocks: list[TextBlock]
    x0: float
    top: float
    x1: float
    bottom: float
    vertical: bool
    title: bool

    def add(self, b: TextBlock) -> None:
        self.blocks.append(b)
        self.x0, self.top = min(self.x0, b.x0), min(self.top, b.top)
        self.x1, self.bottom = max(self.x1, b.x1), max(self.bottom, b.bottom)


def _unit(b: TextBlock, title: bool) -> _Unit:
    return _Unit([b], b.x0, b.top, b.x1, b.bottom, b.vertical, title)


def _x_overlap(a: _Unit, b: _Unit, tol: float) -> bool:
    return min(a.x1, b.x1) - max(a.x0, b.x0) > tol


def _y_overlap(a: _Unit, b: _Unit, tol: float) -> bool:
    return min(a.bottom, b.bottom) - max(a.top, b.top) > tol


def _beside(h: _Unit, v: _Unit, tol: float) -> bool:
    """Horizontal text ``h`` right beside (left of, within ``6 * tol``) the vertical title ``v``."""
    return h.x1 <= v.x0 + tol and v.x0 - h.x1 <= 6 * tol and _y_overlap(h, v, tol)


def _before(a: _Unit, b: _Unit, units: Sequence[_Unit], tol: float, vertical_page: bool) -> bool:
    """``a`` precedes ``b`` (see the module docstring); ``units``: those that may lie
    between them (every unit, or at least every unit overlapping ``a`` in x)."""
    if a.vertical and a.title and not b.vertical and _beside(b, a, tol):
        return True
    if b.vertical and b.title and not a.vertical and _beside(a, b, tol):
        return False
    if _x_overlap(a, b, tol):
        return (a.top + a.bottom) / 2 < (b.top + b.bottom) / 2 and a.top < b.top + tol
    first_left = a.x1 <= b.x0 + tol
    if vertical_page:
        first_left = b.x1 <= a.x0 + tol
    if first_left:
        lo, hi = min(a.bottom, b.bottom), max(a.top, b.top)
        for c in units:
            if c is a or c is b:
                continue
            if c.top >= lo - tol and c.bottom <= hi + tol and _x_overlap(c, a, tol) and _x_overlap(c, b, tol):
                return False
        return True
    return False


def _clusters(blocks: Sequence[TextBlock], body: float, params: LayoutParams) -> list[_Unit]:
    """Title clusters (see the module docstring), other blocks as units of their own.

    Each title block, largest first, takes the short blocks within ``3 * body`` of it
    (kicker, byline, another title line); a block joins one cluster at most."""
    title_size = body * params.title_ratio
    units = [_unit(b, b.size >= title_size and len(b.lines) <= 3) for b in blocks]
    taken = [False] * len(units)
    reach = 3.0 * body
    order = sorted((i for i, u in enumerate(units) if u.title), key=lambda i: -units[i].blocks[0].size)
    # candidates: blocks of at most two lines (positions in ``small_ids``, ascending with
    # the units), with each one's (first) block box for the test ``_try_join`` starts with
    small_ids = [ui for ui, u in enumerate(units) if len(u.blocks[0].lines) <= 2]
    smalls = [units[ui].blocks[0] for ui in small_ids]
    bx0, btop, bx1, bbottom = ([getattr(b, f) for b in smalls] for f in ("x0", "top", "x1", "bottom"))
    # a title looks only at the candidates of the strips (along x, ``8 * reach`` wide)
    # its reach touches whose top lies within its reach widened by the tallest
    # candidate's height (bisection in each strip's sorted tops), and at the few
    # candidates taller than ``2 * reach`` always (one tall block would widen every
    # title's window to its height); a relative pad covers the rounding of that bound
    tall_limit = 2 * reach
    heights = list(map(sub, bbottom, btop))
    tall = [k for k, h in enumerate(heights) if not h <= tall_limit]
    tallest = max((h for h in heights if h <= tall_limit), default=0.0)
    axis = Axis([*bx0, *bx1], 8 * reach)
    strips: list[list[int]] = [[] for _ in range(axis.n)]
    for k, h in enumerate(heights):
        if h <= tall_limit:
            for col in axis.span(bx0[k], bx1[k]):
                strips[col].append(k)
    for strip in strips:
        strip.sort(key=btop.__getitem__)
    strip_tops = [[btop[k] for k in strip] for strip in strips]
    pushed = [-1] * len(small_ids)  # per candidate, the title whose search holds it
    for ti in order:
        if taken[ti]:
            continue
        t = units[ti]
        # units are tried in page order against the cluster as it grows (the same as
        # trying every unit in turn): the candidates of the windows wait in a heap; when
        # the cluster grows, those its growth adds to the windows join them (a unit
        # passed over before is not tried again, as in a pass over all units)
        below, above, right, left = t.bottom + reach, t.top - reach, t.x1 + reach, t.x0 - reach
        horizontal = not t.vertical
        heap = list(tall)
        windows: dict[int, tuple[int, int]] = {}
        for col in axis.span(left, right):
            lo, hi = _window(strip_tops[col], above - tallest, tallest, below)
            windows[col] = (lo, hi)
            heap.extend(strips[col][lo:hi])
        for k in heap:
            pushed[k] = ti
        heap = list(set(heap)) if len(windows) > 1 else heap
        heapq.heapify(heap)
        last = -1
        while heap:
            k = heapq.heappop(heap)
            last = k
            if btop[k] > below or bbottom[k] < above or bx0[k] > right or bx1[k] < left:
                continue  # (``_try_join`` would refuse: out of reach)
            ui = small_ids[k]
            if taken[ui] or ui == ti:
                continue  # (refused too)
            if horizontal and not smalls[k].vertical and btop[k] < t.bottom and t.top < bbottom[k]:
                continue  # (refused: on the title's rows, neither above nor below it)
            bounds = (t.x0, t.top, t.x1, t.bottom)
            if _try_join(t, ti, units, ui, taken, body, reach, title_size) \
                    and (t.x0, t.top, t.x1, t.bottom) != bounds:
                below, above, right, left = t.bottom + reach, t.top - reach, t.x1 + reach, t.x0 - reach
                for col in axis.span(left, right):
                    lo, hi = _window(strip_tops[col], above - tallest, tallest, below)
                    old = windows.get(col)
                    strip = strips[col]
                    grown = strip[lo:hi] if old is None else (*strip[lo:old[0]], *strip[old[1]:hi])
                    for k in grown:
                        if k > last and pushed[k] != ti:
                            pushed[k] = ti
                            heapq.heappush(heap, k)
                    windows[col] = (lo, hi) if old is None else (min(lo, old[0]), max(hi, old[1]))
    out = [u for k, u in enumerate(units) if not taken[k]]
    for u in out:
        if len(u.blocks) > 1:
            u.blocks.sort(key=lambda b: (-b.x1, b.top) if u.vertical else (b.top, b.x0))
    return out


def _window(tops: list[float], floor: float, tallest: float, below: float) -> tuple[int, int]:
    """The positions in ``tops`` (sorted) from ``floor`` to ``below``, padded by a relative
    1e-6 each way (the candidates' tops are compared with bounds computed another way)."""
    return (bisect.bisect_left(tops, floor - 1e-6 * (abs(floor) + tallest + 1.0)),
            bisect.bisect_right(tops, below + 1e-6 * (abs(below) + 1.0)))


def _try_join(t: _Unit, ti: int, units: list[_Unit], ui: int, taken: list[bool], body: float, reach: float,
              title_size: float) -> bool:
    """Unit ``ui`` joins the title cluster ``t`` when it hugs it (see ``_clusters``)."""
    u = units[ui]
    if ui == ti or taken[ui] or len(u.blocks) != 1:
        return False
    b = u.blocks[0]
    if b.top > t.bottom + reach or b.bottom < t.top - reach or b.x0 > t.x1 + reach or b.x1 < t.x0 - reach:
        return False
    if not t.vertical and not b.vertical:
        cx = (b.x0 + b.x1) / 2
        near = (0 <= b.top - t.bottom <= reach) or (0 <= t.top - b.bottom <= reach)
        inside = t.x0 - body <= cx <= t.x1 + body and b.width <= t.x1 - t.x0 + 2 * body
    elif t.vertical and b.vertical:
        cy = (b.top + b.bottom) / 2
        near = 0 <= t.x0 - b.x1 <= reach
        inside = t.top - body <= cy <= t.bottom + body
    else:
        return False
    if near and inside and (u.title or b.size < title_size):
        t.add(b)
        taken[ui] = True
        return True
    return False


def _gaps(spans: list[tuple[float, float]], min_gap: float) -> list[tuple[float, float]]:
    """Empty intervals (wider than ``min_gap``) between the union of ``spans``."""
    spans = sorted(spans)
    out = []
    end = spans[0][1]
    for lo, hi in spans[1:]:
        if lo - end > min_gap:
            out.append((end, lo))
        end = max(end, hi)
    return out


def _split(units: list[_Unit], cuts: list[tuple[float, float]], vertical_cut: bool) -> list[list[_Unit]]:
    parts: list[list[_Unit]] = [[] for _ in range(len(cuts) + 1)]
    # a unit goes after every cut starting above (left of) its centre: the cuts come sorted
    # (``_gaps``), so their number is one bisection, not a pass over the cuts per unit (an
    # OCR page's node can have hundreds of cuts and thousands of units)
    los = [lo for lo, _ in cuts]
    for u in units:
        pos = (u.x0 + u.x1) / 2 if vertical_cut else (u.top + u.bottom) / 2
        parts[bisect.bisect_left(los, pos)].append(u)
    return [p for p in parts if p]


#: Above this many units in one uncuttable node, Breuel's cubic order gives way to
#: plain top-to-bottom, left-to-right order (dense OCR noise, tables).
MAX_TOPOLOGICAL = 150


def _topological(units: list[_Unit], tol: float, vertical_page: bool) -> list[_Unit]:
    n = len(units)
    if n > MAX_TOPOLOGICAL:
        return sorted(units, key=(lambda u: (u.top, -u.x1)) if vertical_page else (lambda u: (u.top, u.x0)))
    key = (lambda u: (u.top, -u.x1)) if vertical_page else (lambda u: (u.top, u.x0))
    if not any(u.vertical and u.title for u in units) and \
            _finite([v for u in units for v in (u.x0, u.top, u.x1, u.bottom)]):
        return _kahn(units, _edge_masks(units, tol, vertical_page), key)
    return _topological_plain(units, tol, vertical_page)


def _topological_plain(units: list[_Unit], tol: float, vertical_page: bool) -> list[_Unit]:
    """Breuel's order on a node by the plain tests: each unit's row of edges, the free
    unit picked by a scan. The reference for ``_edge_masks`` + ``_kahn``, and the way for
    nodes with a vertical title or with coordinates that cannot be sorted (NaN)."""
    n = len(units)
    succ: list[list[int]] = [[] for _ in range(n)]
    indeg = [0] * n
    # ``left`` looks for a unit between two others overlapping both in x: only the units
    # overlapping the first can be one, found once per unit (n² tests, not n³)
    # (``_x_overlap(c, u, tol)`` for every c at once, in C: the same expression)
    x0s = [c.x0 for c in units]
    x1s = [c.x1 for c in units]
    over = [list(compress(units, map(gt, map(sub, map(min, x1s, repeat(u.x1)), map(max, x0s, repeat(u.x0))),
                                     repeat(tol)))) for u in units]
    if any(u.vertical and u.title for u in units):
        for i in range(n):
            a, between = units[i], over[i]
            for j in range(n):
                if i != j and _before(a, units[j], between, tol, vertical_page):
                    succ[i].append(j)
                    indeg[j] += 1
    else:
        _edges(units, over, tol, vertical_page, succ, indeg)
    done = [False] * n
    key = (lambda u: (u.top, -u.x1)) if vertical_page else (lambda u: (u.top, u.x0))
    out: list[_Unit] = []
    while len(out) < n:
        free = [i for i in range(n) if not done[i] and indeg[i] == 0]
        if not free:  # a cycle (overlapping units): break it at the highest unit
            free = [i for i in range(n) if not done[i]]
        i = min(free, key=lambda i: key(units[i]))
        done[i] = True
        out.append(units[i])
        for j in succ[i]:
            indeg[j] -= 1
    return out


def _finite(values: list[float]) -> bool:
    """No NaN or infinity among ``values`` (a sum of huge finite floats can overflow:
    then a false "no", which only sends the node the plain way)."""
    total = sum(values)
    return total - total == 0.0


def _bits(mask: int) -> list[int]:
    """The positions of the set bits of ``mask``, lowest first."""
    out = []
    while mask:
        low = mask & -mask
        out.append(low.bit_length() - 1)
        mask ^= low
    return out


def _ranked(values: list[float]) -> tuple[list[float], list[int]]:
    """``values`` sorted, and ``prefix[p]``: the bit set of the units holding the ``p``
    smallest (so the units with a value below a bound are one bisection and one lookup)."""
    order = sorted(range(len(values)), key=values.__getitem__)
    prefix = [0]
    acc = 0
    for k in order:
        acc |= 1 << k
        prefix.append(acc)
    return [values[k] for k in order], prefix


def _edge_masks(units: list[_Unit], tol: float, vertical_page: bool) -> list[int]:
    """``_edges`` as bit sets: per unit ``a``, the set of units ``b`` with ``_before(a, b)``
    (no vertical title in the node; finite coordinates).

    Every threshold test of one unit against all others (``b``'s centre below ``a``'s,
    ``b``'s top + tol above ``a``'s top, ``b`` right of ``a``) is one bisection in the
    others' sorted values and one precomputed bit set. The ``left`` rule's search for a
    unit ``c`` between ``a`` and ``b`` overlapping both is turned around: per unit ``c``
    overlapping ``a``, the set of units ``b`` it blocks is a few bit-set operations, since
    ``c.top >= min(a.bottom, b.bottom) - tol`` holds exactly when ``c.top >= a.bottom - tol``
    or ``c.top >= b.bottom - tol`` (rounding is monotone: ``fl(min(x, y) - t)`` is
    ``min(fl(x - t), fl(y - t))``), and likewise for ``c.bottom <= max(a.top, b.top) + tol``.
    The overlap tests themselves are the same C-level rows as ``_topological_plain``'s."""
    n = len(units)
    full = (1 << n) - 1
    bits = [1 << k for k in range(n)]
    x0s = [u.x0 for u in units]
    x1s = [u.x1 for u in units]
    tops = [u.top for u in units]
    bottoms = [u.bottom for u in units]
    # over[i]: the units overlapping unit i in x (``_x_overlap``, a symmetric test), by
    # bisection: ``min(a.x1, b.x1) - max(a.x0, b.x0) > tol`` holds exactly when each of the
    # four differences ``a.x1 - a.x0``, ``b.x1 - b.x0``, ``a.x1 - b.x0``, ``b.x1 - a.x0``
    # exceeds tol (monotone rounding: the difference of the min and the max is the least
    # of the four), and ``fl(a.x1 - y)`` falls as ``y`` grows: the b with
    # ``a.x1 - b.x0 > tol`` are a prefix of the units sorted by x0, those with
    # ``b.x1 - a.x0 > tol`` a suffix of the units sorted by x1
    s_x0, p_x0 = _ranked(x0s)
    s_x1, p_x1 = _ranked(x1s)
    wide = sum(compress(bits, map(gt, map(sub, x1s, x0s), repeat(tol))))
    over = []
    for i in range(n):
        if not wide >> i & 1:
            over.append(0)
            continue
        a1, a0 = x1s[i], x0s[i]
        k = bisect.bisect_left(s_x0, True, key=lambda y: not a1 - y > tol)
        m = bisect.bisect_left(s_x1, True, key=lambda y: y - a0 > tol)
        over.append(p_x0[k] & (full ^ p_x1[m]) & wide)
    cys = [(u.top + u.bottom) / 2 for u in units]
    top_tol = [t + tol for t in tops]
    bottom_less = [b - tol for b in bottoms]
    s_cy, p_cy = _ranked(cys)
    s_tt, p_tt = _ranked(top_tol)
    s_top, p_top = _ranked(tops)
    s_bottom, p_bottom = _ranked(bottoms)
    s_bl, p_bl = _ranked(bottom_less)
    if vertical_page:
        s_side, p_side = _ranked(x1s)
    else:
        s_side, p_side = _ranked([x + tol for x in x0s])
    right, left = bisect.bisect_right, bisect.bisect_left
    # per unit c: the units b whose bottom - tol <= c.top (``c.top >= b.bottom - tol``), and
    # those whose top + tol >= c.bottom (``c.bottom <= b.top + tol``)
    t_inv = [p_bl[right(s_bl, t)] for t in tops]
    u_inv = [full ^ p_tt[left(s_tt, b)] for b in bottoms]
    out = []
    for i in range(n):
        a = units[i]
        ov = over[i]
        # ``above``: overlapping, a's centre higher and its top not below b's (within tol)
        above = ov & (full ^ p_cy[right(s_cy, cys[i])]) & (full ^ p_tt[right(s_tt, a.top)])
        # ``left``: not overlapping, a entirely left of b (right of it on a vertical page)
        if vertical_page:
            side = p_side[right(s_side, a.x0 + tol)]  # b.x1 <= a.x0 + tol
        else:
            side = full ^ p_side[left(s_side, a.x1)]  # a.x1 <= b.x0 + tol
        beside = side & ~ov & full
        if beside:
            # the units c of ``ov`` with c.top >= a.bottom - tol, c.bottom <= a.top + tol
            ta = full ^ p_top[left(s_top, bottom_less[i])]
            ua = p_bottom[right(s_bottom, top_tol[i])]
            blocked = 0
            for c in _bits(ov):
                cb = bits[c]
                blocked |= over[c] & (full if ta & cb else t_inv[c]) & (full if ua & cb else u_inv[c])
            beside &= ~blocked
        out.append((above | beside) & ~bits[i])
    return out


def _kahn(units: list[_Unit], succ: list[int], key: Callable[[_Unit], tuple[float, float]]) -> list[_Unit]:
    """The topological order of ``units`` under the edges ``succ`` (bit sets), the free unit
    with the least ``key`` first (the first on a tie), a cycle broken at the unit with
    the least key: ``_topological_plain``'s order, the free units kept in a heap of
    (key, position) instead of a scan of all units per step."""
    n = len(units)
    indeg = [0] * n
    targets = [_bits(m) for m in succ]
    for row in targets:
        for j in row:
            indeg[j] += 1
    keys = [(*key(u), i) for i, u in enumerate(units)]
    heap = [keys[i] for i in range(n) if indeg[i] == 0]
    heapq.heapify(heap)
    done = [False] * n
    out: list[_Unit] = []
    while len(out) < n:
        if heap:
            i = heapq.heappop(heap)[-1]
        else:  # a cycle (overlapping units): break it at the highest unit
            i = min((keys[k] for k in range(n) if not done[k]))[-1]
        done[i] = True
        out.append(units[i])
        for j in targets[i]:
            indeg[j] -= 1
            if indeg[j] == 0 and not done[j]:
                heapq.heappush(heap, keys[j])
    return out


def _edges(units: list[_Unit], over: list[list[_Unit]], tol: float, vertical_page: bool,
           succ: list[list[int]], indeg: list[int]) -> None:
    """The edges of ``_before`` between units none of which is a vertical title (its
    ``above`` and ``left`` rules only), each unit's row of tests computed over all the
    others at once in C (``map`` over the units' coordinates, the same expressions);
    only the ``left`` pairs look for a unit between them in Python."""
    n = len(units)
    x0s = [u.x0 for u in units]
    x1s = [u.x1 for u in units]
    cys = [(u.top + u.bottom) / 2 for u in units]
    top_tol = [u.top + tol for u in units]
    x0_tol = [u.x0 + tol for u in units]
    for i in range(n):
        a = units[i]
        # ``_x_overlap(a, b, tol)`` for every b
        ov = list(map(gt, map(sub, map(min, repeat(a.x1), x1s), map(max, repeat(a.x0), x0s)), repeat(tol)))
        # ``above``: overlapping, a's centre higher and its top not below b's (within tol)
        above = map(and_, ov, map(and_, map(lt, repeat(cys[i]), cys), map(gt, top_tol, repeat(a.top))))
        # ``left``: not overlapping, a entirely left of b (right of it on a vertical page)
        left = map(and_, map(not_, ov), map(le, x1s, repeat(a.x0 + tol)) if vertical_page
                   else map(le, repeat(a.x1), x0_tol))
        for j in compress(range(n), above):
            if j != i:
                succ[i].append(j)
                indeg[j] += 1
        between = over[i]
        for j in compress(range(n), left):
            if j == i:
                continue
            b = units[j]
            lo, hi = min(a.bottom, b.bottom), max(a.top, b.top)
            # (every unit of ``between`` overlaps ``a``: ``_x_overlap(c, a, tol)`` holds)
            for c in between:
                if c is a or c is b:
                    continue
                if c.top >= lo - tol and c.bottom <= hi + tol and _x_overlap(c, b, tol):
                    break
            else:
                succ[i].append(j)
                indeg[j] += 1


def _xy_order(units: list[_Unit], tol: float, vertical_page: bool) -> list[_Unit]:
    """Recursive XY-cut: split at the widest empty horizontal band (top to bottom) or
    vertical gutter (left to right; vertical text right to left), whichever is wider,
    and recurse; where no cut exists, Breuel's order. Cutting at the widest gap first
    separates articles (wide gaps) before columns (narrow gutters)."""
    if len(units) <= 1:
        return list(units)
    hgaps = _gaps([(u.top, u.bottom) for u in units], tol * 0.4)
    vgaps = _gaps([(u.x0, u.x1) for u in units], tol * 0.4)
    if not hgaps and not vgaps:
        return _topological(units, tol, vertical_page)
    widest_h = max((hi - lo for lo, hi in hgaps), default=0.0)
    widest_v = max((hi - lo for lo, hi in vgaps), default=0.0)
    if widest_h >= widest_v:
        parts = _split(units, [g for g in hgaps if g[1] - g[0] >= widest_h - tol * 0.2], False)
    else:
        parts = _split(units, [g for g in vgaps if g[1] - g[0] >= widest_v - tol * 0.2], True)
        if vertical_page and all(any(u.vertical for u in p) for p in parts):
            # columns of vertical text read right to left
            parts = parts[::-1]
        vertical_parts = [p for p in parts if all(u.vertical for u in p)]
        if vertical_parts:
            # vertical text reads right to left and a vertical title opens the text to its left
            horizontal_parts = [p for p in parts if not all(u.vertical for u in p)]
            parts = vertical_parts[::-1] + horizontal_parts
    out: list[_Unit] = []
    for p in parts:
        out.extend(_xy_order(p, tol, vertical_page))
    return out


class _Columns:
    """The page's blocks of three lines or more (text columns), sorted by top and by
    bottom, for ``attached``: a margin block's question looks only at the blocks whose top
    (bottom) lies in its gap window, found by bisection (asking every block of the page
    for every margin block was quadratic: an OCR page has dozens of margin blocks and
    thousands of blocks)."""

    def __init__(self, blocks: Sequence[TextBlock]) -> None:
        columns = [o for o in blocks if len(o.lines) >= 3]
        self.by_top = sorted(columns, key=lambda o: o.top)
        self.tops = [o.top for o in self.by_top]
        self.by_bottom = sorted(columns, key=lambda o: o.bottom)
        self.bottoms = [o.bottom for o in self.by_bottom]

    def attached(self, b: TextBlock, body: float, below: bool) -> bool:
        """A margin-zone block that sits within one body line of a text block overlapping
        it (the last line of a column, an author note under it) belongs to that text, not
        to the page's running head or foot. (The gap test ``-0.5 body <= gap <= 1.5 body``
        picks the window of sorted tops or bottoms; each block in it is tested in full.)"""
        if below:  # gap = o.top - b.bottom
            keys, blocks, lo, hi = self.tops, self.by_top, b.bottom - 0.5 * body, b.bottom + 1.5 * body
        else:  # gap = b.top - o.bottom
            keys, blocks, lo, hi = self.bottoms, self.by_bottom, b.top - 1.5 * body, b.top + 0.5 * body
        # (the window is widened by a relative 1e-9: the gap is computed in another order
        # below from the block's own numbers)
        pad = 1e-9 * (abs(lo) + abs(hi) + 1.0)
        for o in blocks[bisect.bisect_left(keys, lo - pad):bisect.bisect_right(keys, hi + pad)]:
            if o is b or min(o.x1, b.x1) - max(o.x0, b.x0) <= 0:
                continue
            gap = (o.top - b.bottom) if below else (b.top - o.bottom)
            if -0.5 * body <= gap <= 1.5 * body:
                return True
        return False


def _boxed(units: list[_Unit], boxes: Sequence[Rule], body: float, vertical_page: bool) -> list[_Unit]:
    """``boxed-sidebar``: the units inside each framing box (``boxes``, smallest first, so
    a box in a box is ordered inside its outer box), ordered on their own by the XY-cut,
    become one unit spanning their text: the page's XY-cut cannot cut through it.
    A unit reaching out of the frame (a title cluster over it) stays outside."""
    tol = 0.5 * body
    for box in boxes:
        members = [u for u in units if u.x0 >= box.x0 - tol and u.x1 <= box.x1 + tol
                   and u.top >= box.top - tol and u.bottom <= box.bottom + tol]
        if len(members) < 2 or len(members) == len(units):
            continue
        taken = {id(u) for u in members}
        blocks = [b for u in _xy_order(members, tol, vertical_page) for b in u.blocks]
        # the unit spans its text, not the frame: the gutters around it stay as wide as the
        # text's (a frame drawn close to the next column must not make it look nearer)
        unit = _Unit(blocks, min(u.x0 for u in members), min(u.top for u in members),
                     max(u.x1 for u in members), max(u.bottom for u in members),
                     all(u.vertical for u in members), False)
        units = [u for u in units if id(u) not in taken] + [unit]
    return units


def reading_order(blocks: Sequence[TextBlock], page: PageContent, body: float,
                  params: LayoutParams) -> list[TextBlock]:
    """The blocks in reading order (see the module docstring)."""
    head_limit = page.height * MARGIN_ZONE
    foot_limit = page.height * (1 - MARGIN_ZONE)
    columns = _Columns(blocks)  # what a margin block may be attached to
    # (a picture's caption, tagged already, stays with its picture even in the margin)
    head = [b for b in blocks if b.bottom <= head_limit and len(b.lines) <= 2 and not b.zone
            and not columns.attached(b, body, below=True)]
    head_ids = {id(b) for b in head}
    foot = [b for b in blocks if b.top >= foot_limit and len(b.lines) <= 2 and id(b) not in head_ids and not b.zone
            and not columns.attached(b, body, below=False)]
    margin = {id(b) for b in head} | {id(b) for b in foot}
    rest = [b for b in blocks if id(b) not in margin]
    # (the lines' text lengths summed in C: an OCR page has thousands of lines)
    vertical_chars = sum(map(len, map(_TEXT, chain.from_iterable(b.lines for b in rest if b.vertical))))
    all_chars = sum(map(len, map(_TEXT, chain.from_iterable(map(_LINES, rest)))))
    vertical_page = vertical_chars > 0.5 * max(all_chars, 1)
    units = _boxed(_clusters(rest, body, params), framing_boxes(rest, page, body), body, vertical_page)
    out: list[TextBlock] = [replace(b, zone="page-head") for b in sorted(head, key=lambda b: (b.top, b.x0))]
    for u in _xy_order(units, 0.5 * body, vertical_page):
        out.extend(u.blocks)
    out.extend(replace(b, zone="page-foot") for b in sorted(foot, key=lambda b: (b.top, b.x0)))
    return out
