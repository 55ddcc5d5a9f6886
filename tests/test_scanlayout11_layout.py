"""The shortcuts of the eleventh layout round against the code they stand for.

* ``runlines.row_order``: a line that took superscripts keeps its runs whole when they
  follow one another along x; the chars must come out in the per-char row order
  (``sorted(chars, key=lines.row_key)``) and ``_run_line`` must give the same line;
* ``layout.runs_body_size``: the body size counted per run equals ``body_size`` counted
  per char;
* ``runs._cjk_starts`` (the CJK gate of ``text_runs``): a lower bound of the number of
  runs, so ``text_runs`` answers as if it had made the runs.
"""
from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from layoutkit.layout import body_size, runlines, runs, runs_body_size
from layoutkit.layout.chars import Char, PageContent
from layoutkit.layout.lines import row_key
from layoutkit.params import LayoutParams
from tests import runs_reference

P = LayoutParams()
_LETTERS = st.sampled_from(["a", "e", "l", "1", ",", "”", "中", "国", " "])


@st.composite
def _words(draw) -> list[Char]:
    """Words drawn char by char on one or two rows, sizes from 4 to 24 pt, positions on a
    grid of 0.05 pt near the 0.11 pt step (and the rounding to 0.1 pt), some words drawn
    over others or small and high (superscripts)."""
    chars: list[Char] = []
    x = draw(st.sampled_from([10.0, 10.04, 10.06]))
    for _ in range(draw(st.integers(1, 6))):
        size = draw(st.sampled_from([4.0, 5.0, 8.0, 9.0, 24.0]))
        top = 20.0 + draw(st.sampled_from([0.0, 0.0, -2.0, 12.0])) - 0.88 * size
        x += draw(st.sampled_from([0.0, 0.05, 0.1, 0.12, 0.15, 2.0, -3.0, -0.05]))
        for letter in draw(st.lists(_LETTERS, min_size=1, max_size=5)):
            w = draw(st.sampled_from([0.05, 0.1, 0.12, 2.5]))
            chars.append(Char(letter, x, top, x + w, top + size, size, "Times"))
            x += w + draw(st.sampled_from([0.0, 0.01, 0.06, 1.0, 3.0]))
    return chars


def _runs_of(chars: list[Char]) -> list[runs.Run]:
    return runs_reference.gather(tuple(chars), runs_reference.starts(tuple(chars), P.dedupe_tolerance))


@settings(max_examples=300, deadline=None)
@given(_words(), st.data())
def test_row_order_is_the_per_char_row_order(chars, data):
    made = _runs_of(chars)
    seg = data.draw(st.permutations(made))
    got = runlines.row_order(list(seg))
    plain = sorted(runs.singles(list(seg)), key=row_key)
    assert [c for r in got for c in r.chars] == [r.chars[0] for r in plain]
    assert runlines._run_line(got, P) == runlines._run_line(plain, P)


def test_row_order_keeps_runs_whole_when_they_follow_one_another():
    word = [Char(t, 10.0 + 5 * k, 10.0, 14.0 + 5 * k, 20.0, 10.0, "Times") for k, t in enumerate("word")]
    mark = [Char("1", 30.2, 8.0, 33.0, 13.0, 5.0, "Times")]
    made = _runs_of(word + mark)
    assert len(made) == 2
    got = runlines.row_order([made[1], made[0]])
    assert got == [made[0], made[1]]  # whole runs, in row order
    line = runlines._run_line(got, P)
    assert line.text == "word1" and line.nchars == 5


def test_row_order_takes_overlapping_runs_apart():
    word = [Char(t, 10.0 + 5 * k, 10.0, 14.0 + 5 * k, 20.0, 10.0, "Times") for k, t in enumerate("word")]
    mark = [Char("*", 16.0, 8.0, 18.0, 13.0, 5.0, "Times")]  # over the word's second letter
    made = _runs_of(word + mark)
    got = runlines.row_order(made)
    assert [r.text for r in got] == ["w", "o", "*", "r", "d"]


def test_row_order_with_nan_goes_char_by_char():
    a = [Char("a", math.nan, 10.0, 2.0, 20.0, 10.0, "Times")]
    b = [Char("b", 5.0, 10.0, 7.0, 20.0, 10.0, "Times")]
    seg = [runs.single(a[0]), runs.single(b[0])]
    assert runlines.row_order(seg) == sorted(seg, key=row_key)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["a", "b", " ", "中"]), st.sampled_from([8.0, 8.04, 9.0, 9.96, 10.0, 0.0]),
                          st.sampled_from([0.0, 1.0, 30.0]), st.sampled_from([1.0, 3.0])), min_size=1, max_size=40))
def test_runs_body_size_is_body_size(spec):
    chars = []
    x = 0.0
    for text, size, step, width in spec:
        x += step
        chars.append(Char(text, x, 10.0, x + width, 10.0 + size, size, "Times"))
        x += width
    made = _runs_of(chars)
    page = PageContent(1, 600.0, 800.0, tuple(chars), (), ())
    assert runs_body_size(made) == body_size(page)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["中", "国", "a", "b", "1", " "]), min_size=1, max_size=300))
def test_cjk_gate_answers_as_the_runs_would(texts):
    chars = tuple(Char(t, 10.0 + 3 * k, 10.0, 12.0 + 3 * k, 20.0, 10.0, "Song") for k, t in enumerate(texts))
    starts = runs_reference.starts(chars, P.dedupe_tolerance)[0]
    assert runs._cjk_starts(chars) <= len(starts)
    got = runs.text_runs(chars, P.dedupe_tolerance)
    if len(starts) > runs.GROUPED_SHARE * len(chars):
        assert got is None
    else:
        assert got == runs_reference.gather(chars, runs_reference.starts(chars, P.dedupe_tolerance))


# --- run formation in one loop, and the band cut without a prefilter -------------------

from tests.test_pdf_words9 import _page  # noqa: E402  (random OCR-like pages)


@settings(max_examples=200, deadline=None)
@given(_page(), st.sampled_from([0.15, 0.0, 0.05, 0.6]))
def test_formed_runs_are_the_gathered_runs(chars, tolerance):
    chars = tuple(chars)
    if not chars:
        return
    got = runs._formed(chars, tolerance)
    want = runs_reference.gather(chars, runs_reference.starts(chars, tolerance))
    assert got == want
    # field by field with the type and sign of each value (``==`` takes 0.0 for -0.0)
    assert [tuple(map(repr, r[:7])) + tuple(map(repr, r[8:])) for r in got] == \
        [tuple(map(repr, r[:7])) + tuple(map(repr, r[8:])) for r in want]


def test_formed_takes_the_first_chars_top_when_tops_are_equal_but_signed():
    a = Char("a", 1.0, 0.0, 2.0, 10.0, 10.0, "Times")
    b = Char("b", 3.0, -0.0, 4.0, 10.0, 10.0, "Times")
    (run,) = runs._formed((a, b), 0.15)
    assert repr(run.top) == "0.0" and run.text == "ab"


def _cut_prefiltered(band, params, head_limit, body):
    """``lines._cut`` as it was (a prefilter of C-level maps, the exact test on the pairs
    it left): the reference for the plain loop."""
    from itertools import compress, repeat
    from operator import gt, le, mul, ne, or_, sub
    from layoutkit.textwidth import is_cjk
    n = len(band)
    if n < 2:
        return [band] if band else []
    split_gap, latin_gap, size_jump = params.split_gap, params.latin_split_gap, params.size_jump
    head_gap = params.head_split_gap * body
    drift = params.band_tolerance * 1.5
    sizes = [c.size for c in band]
    smalls = list(map(min, sizes, sizes[1:]))
    if min(smalls) > 1e-6:
        x1s = [c.x1 for c in band]
        sums = [c.top + c.bottom for c in band]
        maybe = map(or_, map(or_, map(ne, sizes, sizes[1:]), map(le, [c.bottom for c in band[1:]], repeat(head_limit))),
                    map(or_, map(gt, map(sub, [c.x0 for c in band[1:]], x1s), map(mul, repeat(latin_gap), smalls)),
                        map(gt, map(sub, sums[1:], sums), map(mul, repeat(2 * drift * (1 - 1e-6)), smalls))))
        pairs = compress(range(n - 1), maybe)
    else:
        pairs = range(n - 1)
    out, start = [], 0
    for k in pairs:
        p, c = band[k], band[k + 1]
        ps, cs = p.size, c.size
        small, big = (ps, cs) if ps <= cs else (cs, ps)
        small = small if small > 1e-6 else 1e-6
        space = c.x0 - p.x1
        jump = ps != cs and big / small > size_jump and space > 0.5 * big
        if c.bottom <= head_limit:
            wide = space > head_gap
        elif space > latin_gap * small:
            wide = space > (split_gap if is_cjk(p.text[-1]) or is_cjk(c.text[0]) else latin_gap) * small
        else:
            wide = False
        if wide or jump or (c.top + c.bottom - p.top - p.bottom) / 2 > drift * small:
            out.append(band[start:k + 1])
            start = k + 1
    out.append(band[start:])
    return out


@settings(max_examples=200, deadline=None)
@given(_page(), st.sampled_from([-1.0, 25.0, 60.0]))
def test_cut_is_the_prefiltered_cut(chars, head_limit):
    from layoutkit.layout import lines
    for band in lines._bands(chars, P):
        lines._order_band(band)
        assert lines._cut(band, P, head_limit, 9.0) == _cut_prefiltered(band, P, head_limit, 9.0)
    made = _runs_of(chars) if chars else []
    for band in lines._bands(made, P):
        band.sort(key=lambda r: r.x0)
        assert lines._cut(band, P, head_limit, 9.0) == _cut_prefiltered(band, P, head_limit, 9.0)


def _crossing_mapped(made, which, reach, tolerance):
    """``runs._crossing`` as it was (the overlaps found by ``accumulate``/``compress``
    chains over the sorted keys and ends): the reference for the plain loop."""
    from itertools import accumulate, compress
    from operator import add, ge, le
    if len(which) < 2:
        return set()
    pick = list(which)
    chosen = [made[k] for k in pick]
    x0s = [r.x0 for r in chosen]
    tops = [r.top for r in chosen]
    stops = [r.last_x0 + tolerance * r.size for r in chosen]
    low = min(x0s)
    width = max(stops) - low + 1.0
    cell = max(2 * reach * (1 + 1e-6), 1.0)
    margin = 1e-6 + 1e-14 * ((max(map(abs, tops)) / cell + 2) * width + abs(low))
    stops = [stop + margin for stop in stops]
    found = set()
    for shift in (0.0, 0.5):
        offsets = [(top / cell + shift) // 1.0 * width - low for top in tops]
        keys = list(map(add, offsets, x0s))
        ends = list(map(add, offsets, stops))
        order = sorted(range(len(pick)), key=keys.__getitem__)
        sorted_keys = [keys[i] for i in order]
        sorted_ends = [ends[i] for i in order]
        met = list(compress(range(1, len(order)), map(le, sorted_keys[1:], accumulate(sorted_ends, max))))
        met += compress(range(len(order) - 1), map(ge, sorted_ends, sorted_keys[1:]))
        found.update(pick[order[p]] for p in met)
    return found


@settings(max_examples=200, deadline=None)
@given(_page(), st.sampled_from([0.15, 0.0, 0.3, 1.0]), st.sampled_from([0.5, 1.5, 3.0]),
       st.sampled_from([None, math.nan, math.inf]), st.data())
def test_crossing_is_the_mapped_crossing(chars, tolerance, reach, odd, data):
    if odd is not None and chars:  # a NaN or infinite top somewhere (the two must still agree)
        k = data.draw(st.integers(0, len(chars) - 1))
        c = chars[k]
        chars = chars[:k] + [Char(c.text, c.x0, odd, c.x1, c.bottom, c.size, c.font)] + chars[k + 1:]
    made = _runs_of(chars) if chars else []
    which = range(len(made))
    assert runs._crossing(made, which, reach, tolerance) == _crossing_mapped(made, which, reach, tolerance)


def _dominant_keyed(sizes, fonts):
    """``lines.dominant_of_counts`` as it was (``max`` with Python key functions)."""
    if len(sizes) == 1:
        size = round(next(iter(sizes)), 1)
    else:
        merged = {}
        for s, n in sizes.items():
            r = round(s, 1)
            merged[r] = merged.get(r, 0) + n
        size = max(merged.items(), key=lambda kv: (kv[1], kv[0]))[0]
    font = next(iter(fonts)) if len(fonts) == 1 else max(fonts.items(), key=lambda kv: kv[1])[0]
    return size, font


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from([8.0, 8.04, 8.96, 9.0, 9.04, 12.0, math.nan, 0.0]), st.integers(1, 4),
                       min_size=1, max_size=6),
       st.dictionaries(st.sampled_from(["A", "B", "C", "D"]), st.integers(1, 3), min_size=1, max_size=4))
def test_dominant_of_counts_is_the_keyed_max(sizes, fonts):
    from layoutkit.layout.lines import dominant_of_counts
    got, want = dominant_of_counts(sizes, fonts), _dominant_keyed(sizes, fonts)
    assert repr(got) == repr(want)
