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
    return runs._gather(tuple(chars), runs._starts(tuple(chars), P.dedupe_tolerance))


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
    starts = runs._starts(chars, P.dedupe_tolerance)[0]
    assert runs._cjk_starts(chars) <= len(starts)
    got = runs.text_runs(chars, P.dedupe_tolerance)
    if len(starts) > runs.GROUPED_SHARE * len(chars):
        assert got is None
    else:
        assert got == runs._gather(chars, runs._starts(chars, P.dedupe_tolerance))
