"""The PDF path's fast per-char code against plain reference versions of the same rules.

The fast versions (``chars.dedupe``, ``lines._split``, ``dehyphenate._trailing_letters``)
sort with single-type keys, prefilter pairs with C-level ``map``s and search windows;
these tests check that they still give exactly what the straightforward loops give, on
random input built to hit the edge cases (doubles in chains, equal x0s, size jumps,
drifting centres, letter runs longer than the search window).
"""
from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from layoutkit.dehyphenate import _trailing_letters
from layoutkit.layout import lines
from layoutkit.layout.chars import Char, dedupe
from layoutkit.params import LayoutParams

from . import geo9_reference


def _dedupe_reference(chars: list[Char], tolerance: float = 0.15) -> tuple[list[Char], int]:
    """The rule of ``dedupe`` as first written: sort by (glyph, x0, index), compare each
    char with the following ones of the same glyph within tolerance along x."""
    keyed = sorted(zip([c.text for c in chars], [c.x0 for c in chars], range(len(chars))))
    order = [i for _, _, i in keyed]
    drop: set[int] = set()
    for pos in range(len(order)):
        i = order[pos]
        if i in drop:
            continue
        c = chars[i]
        tol = tolerance * c.size
        for q in range(pos + 1, len(order)):
            j = order[q]
            d = chars[j]
            if d.text != c.text or d.x0 - c.x0 > tol:
                break
            if j not in drop and abs(d.top - c.top) <= tol and abs(d.size - c.size) <= tol:
                drop.add(max(i, j))
                if j < i:
                    break
    return [c for k, c in enumerate(chars) if k not in drop], len(drop)


def _split_reference(band: list[Char], params: LayoutParams, head_limit: float, body: float) -> list[list[Char]]:
    """The rule of ``lines._split`` as first written: one loop over every neighbouring pair."""
    band = sorted(band, key=lambda c: (round(c.x0, 1), lines._tie_rank(c.text)))
    out: list[list[Char]] = []
    cur: list[Char] = []
    p = None
    for c in band:
        if p is not None:
            small, big = (p.size, c.size) if p.size <= c.size else (c.size, p.size)
            small = max(small, 1e-6)
            space = c.x0 - p.x1
            jump = p.size != c.size and big / small > params.size_jump and space > 0.5 * big
            if c.bottom <= head_limit:
                wide = space > params.head_split_gap * body
            elif space > params.latin_split_gap * small:
                cjk = lines.is_cjk(p.text[-1]) or lines.is_cjk(c.text[0])
                wide = space > (params.split_gap if cjk else params.latin_split_gap) * small
            else:
                wide = False
            if wide or jump or (c.top + c.bottom - p.top - p.bottom) / 2 > params.band_tolerance * 1.5 * small:
                out.append(cur)
                cur = []
        cur.append(c)
        p = c
    if cur:
        out.append(cur)
    return out


# coarse coordinates make equal and near-equal x0s, doubles and chains of doubles likely
_coord = st.integers(0, 60).map(lambda k: k * 0.35)
_char = st.builds(
    lambda text, x0, w, top, size: Char(text, x0, top, x0 + w, top + size, size, "F"),
    st.sampled_from(["a", "b", "中", "“", "”"]), _coord, st.sampled_from([0.0, 0.3, 4.0, 9.0]),
    st.integers(0, 8).map(lambda k: k * 0.6), st.sampled_from([5.0, 9.0, 10.0, 10.2, 24.0]))


@settings(max_examples=300, deadline=None)
@given(st.lists(_char, max_size=40))
def test_dedupe_matches_reference(chars):
    assert dedupe(chars) == _dedupe_reference(chars)


@settings(max_examples=300, deadline=None)
@given(st.lists(_char, min_size=1, max_size=30), st.sampled_from([-1.0, 2.0, 5.0]))
def test_split_matches_reference(band, head_limit):
    params = LayoutParams()
    assert lines._split(list(band), params, head_limit, 10.0) == _split_reference(band, params, head_limit, 10.0)


_TRAILING = regex.compile(r"[\p{L}\p{M}ꝛ]+$")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from([" ", "-", "\n", "1", "é", "ſ"]),
                          st.integers(1, 150).map(lambda n: "a" * n)), max_size=8),
       st.integers(0, 1))
def test_trailing_letters_matches_full_search(parts, cut):
    text = "".join(parts)
    end = max(0, len(text) - cut)
    m = _TRAILING.search(text[:end])
    assert _trailing_letters(text, end) == (m.group(0) if m else "")


# ---------------------------------------------------------------------------------------
# Fast paths of the layout stages after char extraction (lines, order, column-fit, the
# pdfplumber conversion), each against the plain code it replaced.

from collections import Counter  # noqa: E402
from types import SimpleNamespace  # noqa: E402

from layoutkit import columns  # noqa: E402
from layoutkit.layout import order  # noqa: E402
from layoutkit.layout.blocks import TextBlock  # noqa: E402
from layoutkit.layout.chars import make_char  # noqa: E402
from layoutkit.layout.lines import TextLine  # noqa: E402
from layoutkit.measure import LineShape  # noqa: E402
from layoutkit.model import BBox, Line  # noqa: E402
from layoutkit.readers import pdf as pdf_reader  # noqa: E402


def _dominant_reference(chars: list[Char]) -> tuple[float, str]:
    raw = Counter(c.size for c in chars)
    fonts = Counter(c.font for c in chars)
    sizes: dict[float, int] = {}
    for s, n in raw.items():
        sizes[round(s, 1)] = sizes.get(round(s, 1), 0) + n
    return max(sizes.items(), key=lambda kv: (kv[1], kv[0]))[0], max(fonts.items(), key=lambda kv: kv[1])[0]


_styled = st.builds(lambda text, x0, size, font: Char(text, x0, 0.0, x0 + 1, size, size, font),
                    st.sampled_from(["a", "中"]), _coord, st.sampled_from([9.0, 9.04, 9.96, 10.0, 10.04]),
                    st.sampled_from(["F", "G", "H-Bold"]))


@settings(max_examples=300, deadline=None)
@given(st.lists(_styled, min_size=1, max_size=12))
def test_dominant_matches_reference(chars):
    assert lines._dominant(chars) == _dominant_reference(chars)


def _superscripts_reference(segments: list[list[Char]], body: float) -> list[list[Char]]:
    """``_attach_superscripts`` as first written: each line gathers its superscripts by a
    search over every merged run."""
    merged = {}
    ext = [(min(c.x0 for c in s), min(c.top for c in s), max(c.x1 for c in s), max(c.bottom for c in s),
            max(c.size for c in s)) for s in segments]
    for k, seg in enumerate(segments):
        if len(seg) > 4:
            continue
        x0, top, x1, bottom, size = ext[k]
        for h in sorted((h for h in range(len(segments)) if len(segments[h]) > 4),
                        key=lambda h: (abs(int(((ext[h][1] + ext[h][3]) / 2) // max(body, 1.0))
                                           - int(((top + bottom) / 2) // max(body, 1.0))) != 0,
                                       int(((ext[h][1] + ext[h][3]) / 2) // max(body, 1.0))
                                       - int(((top + bottom) / 2) // max(body, 1.0)) != 1, h)):
            hx0, htop, hx1, hbottom, hsize = ext[h]
            if abs(int(((htop + hbottom) / 2) // max(body, 1.0)) - int(((top + bottom) / 2) // max(body, 1.0))) > 1:
                continue
            beside = (hx0 <= x0 and x0 - hx1 <= 0.3 * hsize) or (x1 <= hx0 + 0.1 * hsize and hx0 - x1 <= 0.3 * hsize)
            if size <= 0.85 * hsize and htop - 0.35 * hsize <= top and bottom <= hbottom + 0.1 * hsize and beside:
                merged[k] = h
                break
    out = []
    for k, seg in enumerate(segments):
        if k in merged:
            continue
        extra = [c for j, h in merged.items() if h == k for c in segments[j]]
        out.append(sorted(seg + extra, key=lambda c: (round(c.x0, 1), lines._tie_rank(c.text))) if extra else seg)
    return out


_row_char = st.builds(lambda x0, top, size: Char("a", x0, top, x0 + 0.5 * size, top + size, size, "F"),
                      st.integers(0, 40).map(lambda k: k * 2.0), st.integers(0, 6).map(lambda k: k * 3.0),
                      st.sampled_from([5.0, 6.0, 10.0]))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(_row_char, min_size=1, max_size=7), max_size=14))
def test_attach_superscripts_matches_reference(segments):
    assert lines._attach_superscripts([list(s) for s in segments], 10.0) == \
        _superscripts_reference([list(s) for s in segments], 10.0)


def _unit(x0: float, top: float, w: float, h: float, vertical: bool = False, title: bool = False) -> "order._Unit":
    return order._Unit([], x0, top, x0 + w, top + h, vertical, title)


_units = st.lists(st.builds(_unit, st.integers(0, 30).map(lambda k: k * 10.0), st.integers(0, 30).map(lambda k: k * 10.0),
                            st.sampled_from([2.0, 10.0, 40.0, 120.0]), st.sampled_from([2.0, 10.0, 60.0])),
                  max_size=25)


@settings(max_examples=200, deadline=None)
@given(_units, st.booleans())
def test_order_edges_match_before(units, vertical_page):
    """``_edges`` (the row-at-once tests) gives the edges of the plain ``_before`` loop
    (coordinates on a grid of the tolerance, so the boundary cases of every test occur)."""
    tol = 10.0
    n = len(units)
    succ: list[list[int]] = [[] for _ in range(n)]
    indeg = [0] * n
    order._edges(units, [[c for c in units if order._x_overlap(c, u, tol)] for u in units], tol, vertical_page,
                 succ, indeg)
    expected = [[j for j in range(n) if i != j and order._before(units[i], units[j], units, tol, vertical_page)]
                for i in range(n)]
    assert [sorted(s) for s in succ] == expected
    assert indeg == [sum(j in e for e in expected) for j in range(n)]


def _clusters_reference(blocks, body, params):
    """``order._clusters`` as first written: every unit of the window tried with ``_try_join``."""
    import bisect

    title_size = body * params.title_ratio
    units = [order._unit(b, b.size >= title_size and len(b.lines) <= 3) for b in blocks]
    taken = [False] * len(units)
    reach = 3.0 * body
    by_size = sorted((i for i, u in enumerate(units) if u.title), key=lambda i: -units[i].blocks[0].size)
    small = sorted((u.top, ui) for ui, u in enumerate(units) if len(units[ui].blocks[0].lines) <= 2)
    tops = [top for top, _ in small]
    tallest = max((units[ui].bottom - units[ui].top for _, ui in small), default=0.0)
    for ti in by_size:
        if taken[ti]:
            continue
        t = units[ti]
        pos = 0
        while True:
            lo = bisect.bisect_left(tops, t.top - reach - tallest)
            hi = bisect.bisect_right(tops, t.bottom + reach)
            bounds = (t.x0, t.top, t.x1, t.bottom)
            for ui in sorted(ui for _, ui in small[lo:hi] if ui >= pos):
                pos = ui + 1
                if order._try_join(t, ti, units, ui, taken, body, reach, title_size) and \
                        (t.x0, t.top, t.x1, t.bottom) != bounds:
                    break
            else:
                break
    out = [u for k, u in enumerate(units) if not taken[k]]
    for u in out:
        if len(u.blocks) > 1:
            u.blocks.sort(key=lambda b: (-b.x1, b.top) if u.vertical else (b.top, b.x0))
    return out


def _block(x0: float, top: float, w: float, size: float, nlines: int) -> TextBlock:
    lns = tuple(TextLine("x", x0, top + k * size * 1.2, x0 + w, top + k * size * 1.2 + size, size, "F", False, False)
                for k in range(nlines))
    return TextBlock(lns, x0, top, x0 + w, lns[-1].bottom)


_blocks = st.lists(st.builds(_block, st.integers(0, 20).map(lambda k: k * 12.0), st.integers(0, 40).map(lambda k: k * 7.0),
                             st.sampled_from([10.0, 40.0, 150.0]), st.sampled_from([8.0, 10.0, 16.0, 30.0]),
                             st.integers(1, 4)), max_size=30)


@settings(max_examples=200, deadline=None)
@given(_blocks)
def test_clusters_match_reference(blocks):
    params = LayoutParams()
    got = order._clusters(blocks, 10.0, params)
    want = _clusters_reference(blocks, 10.0, params)
    assert [(u.blocks, u.x0, u.top, u.x1, u.bottom, u.title) for u in got] == \
        [(u.blocks, u.x0, u.top, u.x1, u.bottom, u.title) for u in want]


# the plain reference of columns._fit_short_regions lives with the other geometric references
_fit_reference = geo9_reference.fit_short_regions


def _region(x0: float, top: float, w: float, size: float, nlines: int) -> list[Line]:
    return [Line("x", k + 1, bbox=BBox(x0, top + k * size, x0 + w, top + (k + 1) * size), font_size=size)
            for k in range(nlines)]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.builds(_region, st.integers(-5, 60).map(lambda k: k * 9.0), st.integers(0, 60).map(lambda k: k * 7.0),
                          st.sampled_from([5.0, 30.0, 90.0, 200.0, 2000.0]), st.sampled_from([0.0, 8.0, 10.0]),
                          st.integers(1, 4)), max_size=25))
def test_fit_short_regions_matches_reference(groups):
    shape = LineShape(lo=5.0, hi=5.0, cjk=0.0, indent=0, letterspaced=False)
    raw = [([columns.ShapedLine(ln, shape) for ln in g], 20.0 if len(g) >= 3 else None) for g in groups]
    assert columns._fit_short_regions(groups, raw) == _fit_reference(groups, raw)


def _plumber_char(text: str, x0: float, w: float, y: float, size: float, upright: bool, vertical_font: bool) -> dict:
    bottom = 800.0 - y + (size if vertical_font else 0.12 * size)
    return {"text": text, "x0": x0, "x1": x0 + w, "bottom": bottom, "size": size, "upright": upright,
            "matrix": (1, 0, 0, 1, x0, y), "fontname": "ABCDEF+Font-Bold"}


@settings(max_examples=100, deadline=None)
@given(st.lists(st.builds(_plumber_char, st.sampled_from(["a", " ", "\n", "(cid:12)", "中"]),
                          st.floats(0, 500), st.floats(-3, 8), st.floats(0, 800), st.floats(1, 40),
                          st.booleans(), st.booleans()), max_size=30),
       st.sampled_from([(0.0, 0.0), (10.0, 20.0)]))
def test_plumber_content_matches_make_char(chars, offset):
    """The inlined char construction of ``_plumber_content`` gives what ``make_char`` gave."""
    x_off, y_off = offset
    page = SimpleNamespace(bbox=(x_off, y_off, x_off + 600, y_off + 800), height=800.0, width=600.0, chars=chars,
                           lines=[], rects=[], curves=[], images=[])
    want = []
    for c in chars:
        text = c["text"]
        if text.startswith("(cid:") or (not text.strip() and text != " "):
            continue
        m, size, upright = c["matrix"], c["size"], c["upright"]
        baseline = 800.0 - (m[5] - y_off) if upright else c["bottom"] - (1 - 0.88) * size
        if upright and c["bottom"] - baseline > 0.5 * size:
            baseline = c["bottom"]
        want.append(make_char(text, c["x0"] - x_off, c["x1"] - x_off, baseline, size, c["fontname"], upright))
    got = pdf_reader._plumber_content(page, 1)
    assert list(got.chars) == want
    assert got.unmapped == sum(c["text"].startswith("(cid:") for c in chars)


def _build_blocks_reference(lines_: list, rules: list, params: LayoutParams, title_size: float) -> list:
    """``blocks.build_blocks`` as first written: every active block tried per line, and
    each block's measure cut found by ``max``/``min`` over the run so far."""
    from layoutkit.layout import blocks as B

    horizontal = sorted((ln for ln in lines_ if not ln.vertical), key=lambda ln: (ln.top, ln.x0))
    open_blocks: list = []
    active: list = []
    for ln in horizontal:
        best = best_key = None
        still = []
        for k in active:
            last = open_blocks[k][-1]
            if last.bottom < ln.top - params.line_gap * 1.5 * 1.15 * last.size:
                continue
            still.append(k)
            if last.x1 <= ln.x0 or ln.x1 <= last.x0 or last.bottom > ln.top + 0.5 * ln.size \
                    or ln.top - last.bottom > params.line_gap * ln.size * 1.5:
                continue
            centred = ln.size >= title_size and abs((ln.x0 + ln.x1) / 2 - (last.x0 + last.x1) / 2) <= 1.0 * ln.size
            if not B._joins(last, ln, centred, params) or B._rule_between(last, ln, rules):
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
    out = []
    for blk in open_blocks:
        if len(blk) < 4:
            out.append(B.block_of(blk, False))
            continue
        start, i = 0, 1
        while i < len(blk) - 1:
            size, run = blk[i].size, blk[start:i]
            before = max(ln.x1 for ln in run)
            if len(run) >= 2 and blk[i].x1 > before + size and blk[i + 1].x1 > before + size:
                out.append(B.block_of(run, False, ("measure-change: the column widens below",)))
                start = i
            elif len(run) >= 2 and blk[i].x0 < min(ln.x0 for ln in run) - size \
                    and blk[i + 1].x0 < min(ln.x0 for ln in run) - size:
                out.append(B.block_of(run, False, ("measure-change: the column widens to the left below",)))
                start = i
            i += 1
        out.append(B.block_of(blk[start:], False))
    return out + B._vertical_blocks([ln for ln in lines_ if ln.vertical], params)


# lines in a few columns with ragged edges, indents, size changes and gaps
_line = st.builds(
    lambda col, row, dx0, dx1, size: lines.TextLine("x", col * 60.0 + dx0, row * 6.0, col * 60.0 + 50.0 + dx1,
                                                    row * 6.0 + size, size, "F", False, False),
    st.integers(0, 3), st.integers(0, 40), st.sampled_from([0.0, 2.0, 12.0, -12.0, 30.0]),
    st.sampled_from([0.0, -20.0, 15.0, 40.0]), st.sampled_from([5.0, 5.5, 9.0, 20.0]))


@settings(max_examples=300, deadline=None)
@given(st.lists(_line, max_size=60))
def test_build_blocks_matches_reference(lines_):
    from layoutkit.layout import blocks as B
    from layoutkit.layout.chars import Rule

    params = LayoutParams()
    rules = [Rule(0.0, 61.0, 300.0, 61.5, "line")]
    assert B.build_blocks(lines_, rules, params, 15.0) == _build_blocks_reference(lines_, rules, params, 15.0)


def _attached_reference(b: TextBlock, blocks: list[TextBlock], body: float, below: bool) -> bool:
    """The margin-block test of ``order.reading_order`` as first written: every block of
    three lines or more asked."""
    for o in blocks:
        if o is b or len(o.lines) < 3 or min(o.x1, b.x1) - max(o.x0, b.x0) <= 0:
            continue
        gap = (o.top - b.bottom) if below else (b.top - o.bottom)
        if -0.5 * body <= gap <= 1.5 * body:
            return True
    return False


@settings(max_examples=100, deadline=None)
@given(_blocks, st.sampled_from([8.0, 10.0, 12.5]))
def test_columns_attached_matches_reference(blocks, body):
    """``_Columns.attached`` (a bisected window of tops or bottoms) answers as the scan
    over every block does (block edges on a grid, so gaps hit the window's ends)."""
    columns = order._Columns(blocks)
    for b in blocks:
        for below in (True, False):
            assert columns.attached(b, body, below) == _attached_reference(b, blocks, body, below)


@settings(max_examples=100, deadline=None)
@given(_units, st.booleans())
def test_xy_split_matches_cut_count(units, vertical_cut):
    """``order._split`` puts each unit after as many cuts as start before its centre."""
    spans = [(u.x0, u.x1) if vertical_cut else (u.top, u.bottom) for u in units]
    cuts = order._gaps(spans, 4.0) if units else []
    parts: list[list] = [[] for _ in range(len(cuts) + 1)]
    for u in units:
        pos = (u.x0 + u.x1) / 2 if vertical_cut else (u.top + u.bottom) / 2
        parts[sum(1 for lo, _ in cuts if pos > lo)].append(u)
    assert order._split(units, cuts, vertical_cut) == [p for p in parts if p]


def _topological_reference(units: list, tol: float, vertical_page: bool) -> list:
    """``order._topological`` for small nodes, plainly: every edge by ``_before`` against
    all units, then the highest-leftmost free unit first (a cycle broken at the highest)."""
    n = len(units)
    succ = [[j for j in range(n) if i != j and order._before(units[i], units[j], units, tol, vertical_page)]
            for i in range(n)]
    indeg = [sum(j in s for s in succ) for j in range(n)]
    key = (lambda u: (u.top, -u.x1)) if vertical_page else (lambda u: (u.top, u.x0))
    done = [False] * n
    out = []
    while len(out) < n:
        free = [i for i in range(n) if not done[i] and indeg[i] == 0] or [i for i in range(n) if not done[i]]
        i = min(free, key=lambda i: key(units[i]))
        done[i] = True
        out.append(units[i])
        for j in succ[i]:
            indeg[j] -= 1
    return out


@settings(max_examples=100, deadline=None)
@given(_units, st.booleans())
def test_topological_matches_reference(units, vertical_page):
    """The overlap lists computed in C and the ``left`` test without its always-true half
    give the order of the plain edge tests."""
    got = order._topological(units, 10.0, vertical_page)
    assert [id(u) for u in got] == [id(u) for u in _topological_reference(units, 10.0, vertical_page)]


_spread_char = st.builds(lambda x0, top, size, w: Char("a", x0, top, x0 + w, top + size, size, "F"),
                         st.integers(-20, 60).map(lambda k: k * 3.5), st.integers(-2, 6).map(lambda k: k * 4.0),
                         st.sampled_from([4.0, 6.0, 10.0, 30.0]), st.sampled_from([0.0, 2.0, 25.0]))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(_spread_char, min_size=1, max_size=8), max_size=16), st.sampled_from([0.5, 8.0, 10.0]))
def test_attach_superscripts_spread_matches_reference(segments, body):
    """The bisected candidate search of ``_attach_superscripts`` on runs spread along x
    (negative coordinates, wide and zero-width chars, large sizes, tiny bodies)."""
    assert lines._attach_superscripts([list(s) for s in segments], body) == \
        _superscripts_reference([list(s) for s in segments], body)
