"""The layout's per-line and per-block fast paths (pdfscan10) against plain reference code.

Each fast path gives exactly what the straightforward version of its rule gives:

* ``blocks._stack`` (open blocks filed in x bins) and ``blocks.stack_plain`` (every open
  block scanned per line);
* ``order._edge_masks`` + ``order._kahn`` (edges as bit sets, free units in a heap) and
  ``order._topological_plain`` (row tests and a scan per step), on random float
  coordinates and on a grid of the tolerance (so every boundary case of the tests occurs);
* ``order._clusters`` (strips of sorted tops, a heap of candidates) and every unit tried
  in page order against the growing cluster;
* ``captions._Sides`` (bisected windows) and every block asked of every picture;
* ``records.make_blocks`` and the dataclass constructor; ``grid.Axis`` a monotone index.
"""
from __future__ import annotations

import math
from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st

from layoutkit.layout import blocks as B
from layoutkit.layout import captions as C
from layoutkit.layout import order
from layoutkit.layout.chars import Rule
from layoutkit.layout.grid import Axis
from layoutkit.layout.records import TextBlock, TextLine, make_blocks
from layoutkit.params import LayoutParams

# ---- blocks ---------------------------------------------------------------------------

_coord = st.one_of(st.integers(0, 60).map(lambda k: k * 5.0), st.floats(0.0, 300.0, allow_nan=False))
_line = st.builds(
    lambda x0, w, row, drift, size: TextLine("x", x0, row * 6.0 + drift, x0 + w, row * 6.0 + drift + size, size,
                                             "F", False, False),
    _coord, st.sampled_from([0.0, 3.0, 20.0, 50.0, 55.0, 140.0, 400.0]), st.integers(0, 40),
    st.sampled_from([0.0, 0.5, -1.0, 2.5]), st.sampled_from([5.0, 5.5, 6.0, 9.0, 20.0]))


def _sorted(lines_: list[TextLine]) -> list[TextLine]:
    return sorted((ln for ln in lines_ if not ln.vertical), key=lambda ln: (ln.top, ln.x0))


@settings(max_examples=150, deadline=None)
@given(st.lists(_line, max_size=80), st.sampled_from([6.5, 15.0, 40.0]), st.booleans())
def test_stack_matches_plain(lines_, title_size, ruled):
    params = LayoutParams()
    rules = [Rule(0.0, 61.0, 300.0, 61.5, "line")] if ruled else []
    horizontal = _sorted(lines_)
    assert B._stack(horizontal, rules, params, title_size) == B.stack_plain(horizontal, rules, params, title_size)


def test_stack_plain_for_nan_coordinates():
    """A NaN coordinate sends the page through the plain scan (no bins can file it)."""
    params = LayoutParams()
    lines_ = [TextLine("a", 0.0, 0.0, 50.0, 8.0, 8.0, "F", False, False),
              TextLine("b", float("nan"), 9.0, 50.0, 17.0, 8.0, "F", False, False),
              TextLine("c", 0.0, 10.0, 50.0, 18.0, 8.0, "F", False, False)]
    with mock.patch.object(B, "_stack", side_effect=AssertionError("not for NaN")):
        got = B.build_blocks(lines_, [], params, 10.0)
    assert sorted(ln.text for b in got for ln in b.lines) == ["a", "b", "c"]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(_line, min_size=1, max_size=4), max_size=12), st.booleans())
def test_make_blocks_matches_constructor(groups, vertical):
    parts = [tuple(g) for g in groups]
    boxes = [(min(ln.x0 for ln in g), min(ln.top for ln in g), max(ln.x1 for ln in g), max(ln.bottom for ln in g))
             for g in parts]
    reasons = [("r",) if k % 2 else () for k in range(len(parts))]
    got = make_blocks(parts, *(list(c) for c in zip(*boxes)) if parts else ([], [], [], []), vertical, reasons)
    want = [TextBlock(g, *box, vertical, why) for g, box, why in zip(parts, boxes, reasons)]
    assert got == want
    assert [b.size for b in got] == [b.size for b in want]
    assert all(b.zone == "" for b in got)


# ---- reading order: Breuel's edges and the topological sort ----------------------------

def _unit(x0: float, top: float, w: float, h: float) -> order._Unit:
    return order._Unit([], x0, top, x0 + w, top + h, False, False)


_grid_units = st.lists(st.builds(_unit, st.integers(0, 30).map(lambda k: k * 5.0),
                                 st.integers(0, 30).map(lambda k: k * 5.0),
                                 st.sampled_from([0.0, 2.0, 5.0, 10.0, 40.0, 120.0]),
                                 st.sampled_from([0.0, 2.0, 5.0, 10.0, 60.0])), max_size=40)
_float_units = st.lists(st.builds(_unit, st.floats(-50.0, 400.0), st.floats(-50.0, 400.0),
                                  st.floats(0.0, 200.0), st.floats(0.0, 100.0)), max_size=40)


@settings(max_examples=150, deadline=None)
@given(st.one_of(_grid_units, _float_units), st.booleans(), st.sampled_from([0.0, 5.0, 10.0, 2.5]))
def test_topological_bitsets_match_plain(units, vertical_page, tol):
    key = (lambda u: (u.top, -u.x1)) if vertical_page else (lambda u: (u.top, u.x0))
    got = order._kahn(units, order._edge_masks(units, tol, vertical_page), key)
    assert [id(u) for u in got] == [id(u) for u in order._topological_plain(units, tol, vertical_page)]


@settings(max_examples=100, deadline=None)
@given(st.one_of(_grid_units, _float_units), st.booleans(), st.sampled_from([0.0, 5.0, 10.0]))
def test_edge_masks_match_before(units, vertical_page, tol):
    """Every edge of the bit sets is one of ``_before``'s, and every one of its is there."""
    masks = order._edge_masks(units, tol, vertical_page)
    n = len(units)
    for i in range(n):
        want = {j for j in range(n) if i != j and order._before(units[i], units[j], units, tol, vertical_page)}
        assert {j for j in range(n) if masks[i] >> j & 1} == want


# ---- title clusters ---------------------------------------------------------------------

def _clusters_reference(blocks: list[TextBlock], body: float, params: LayoutParams) -> list[order._Unit]:
    """``order._clusters`` plainly: each title, largest first, tries every unit in page
    order against the cluster as it grows."""
    title_size = body * params.title_ratio
    units = [order._unit(b, b.size >= title_size and len(b.lines) <= 3) for b in blocks]
    taken = [False] * len(units)
    reach = 3.0 * body
    for ti in sorted((i for i, u in enumerate(units) if u.title), key=lambda i: -units[i].blocks[0].size):
        if taken[ti]:
            continue
        t = units[ti]
        for ui in range(len(units)):
            if len(units[ui].blocks[0].lines) <= 2:
                order._try_join(t, ti, units, ui, taken, body, reach, title_size)
    out = [u for k, u in enumerate(units) if not taken[k]]
    for u in out:
        if len(u.blocks) > 1:
            u.blocks.sort(key=lambda b: (-b.x1, b.top) if u.vertical else (b.top, b.x0))
    return out


def _block_of(x0: float, top: float, w: float, size: float, n: int) -> TextBlock:
    lines_ = tuple(TextLine("t", x0, top + k * size, x0 + w, top + (k + 1) * size, size, "F", False, False)
                   for k in range(n))
    return TextBlock(lines_, x0, top, x0 + w, top + n * size)


_blocks = st.lists(st.builds(_block_of, st.integers(0, 40).map(lambda k: k * 10.0),
                             st.integers(0, 80).map(lambda k: k * 6.0), st.sampled_from([10.0, 40.0, 90.0, 300.0]),
                             st.sampled_from([8.0, 10.0, 14.0, 24.0, 40.0]), st.integers(1, 4)), max_size=60)


@settings(max_examples=100, deadline=None)
@given(_blocks, st.sampled_from([8.0, 10.0]))
def test_clusters_match_reference(blocks, body):
    params = LayoutParams()
    got = order._clusters(blocks, body, params)
    want = _clusters_reference(blocks, body, params)
    assert [[id(b) for b in u.blocks] for u in got] == [[id(b) for b in u.blocks] for u in want]
    assert [(u.x0, u.top, u.x1, u.bottom, u.title) for u in got] == [(u.x0, u.top, u.x1, u.bottom, u.title)
                                                                     for u in want]


# ---- captions ----------------------------------------------------------------------------

_images = st.lists(st.builds(lambda x0, top, w, h: Rule(x0, top, x0 + w, top + h, "image"),
                             st.integers(0, 40).map(lambda k: k * 10.0), st.integers(0, 80).map(lambda k: k * 6.0),
                             st.sampled_from([80.0, 150.0, 300.0]), st.sampled_from([30.0, 100.0, 200.0])),
                   min_size=1, max_size=3)


@settings(max_examples=100, deadline=None)
@given(_blocks, _images, st.sampled_from([8.0, 10.0, 14.0]))
def test_caption_sides_match_every_block(blocks, images, body):
    """Tagging with the bisected windows gives what asking every block gives."""
    params = LayoutParams()
    got = C.tag_captions(blocks, images, body, params)
    with mock.patch.object(C._Sides, "candidates", lambda self, img, side: list(range(len(blocks)))):
        want = C.tag_captions(blocks, images, body, params)
    assert [(b.zone, b.reasons) for b in got] == [(b.zone, b.reasons) for b in want]


# ---- the axis index -----------------------------------------------------------------------

_float = st.floats(allow_nan=True, allow_infinity=True, width=64)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.floats(-1e6, 1e6), min_size=1, max_size=20), st.sampled_from([0.5, 10.0, 1e-9, 0.0, math.inf]),
       _float, _float, _float, _float)
def test_axis_span_meets_every_meeting_interval(values, size, a0, a1, b0, b1):
    """Two closed intervals that meet (as float comparisons say) share a cell."""
    axis = Axis(values, size)
    for x in (a0, a1, b0, b1):
        assert 0 <= axis.index(x) < axis.n
    meets = max(a0, a1) >= min(b0, b1) and max(b0, b1) >= min(a0, a1)
    nan = any(map(math.isnan, (a0, a1, b0, b1)))
    if meets or nan:
        assert set(axis.span(a0, a1)) & set(axis.span(b0, b1))
