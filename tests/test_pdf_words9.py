"""The run-by-run layout (``layout.runs``, ``layout.runlines``) against the per-char rules.

Dedupe and line building go run by run (an OCR word, a word of a born-digital line) and
fall back to the per-char functions wherever a run is not certain to get one answer for
all its chars. These tests check that the result is exactly the per-char result
(``chars.dedupe``, ``lines.build_lines``): on random pages shaped like OCR layers (words
of one size drawn char by char, fake-bold redraws, superscripts, drawn spaces, CJK,
running heads, overlapping words) and on real pages of the corpus.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from layoutkit.layout import lines as per_char
from layoutkit.layout import runlines, runs
from layoutkit.layout.chars import Char, dedupe, doubles
from layoutkit.params import LayoutParams
from tests import runs_reference

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
P = LayoutParams()


def _run_path(chars: list[Char], params: LayoutParams, head_limit: float, body: float):
    """Dedupe and lines as ``layout.analyze`` does them; None when runs do not pay."""
    made = runs_reference.gather(tuple(chars), runs_reference.starts(tuple(chars), params.dedupe_tolerance)) if chars else []
    drop = runs.run_doubles(made, params.dedupe_tolerance)
    kept = [c for k, c in enumerate(chars) if k not in drop]
    if drop:
        made = runs.without(made, drop, params.dedupe_tolerance)
    return kept, runlines.build_lines(kept, params, head_limit=head_limit, body=body, runs=made)


def _char_path(chars: list[Char], params: LayoutParams, head_limit: float, body: float):
    kept = dedupe(chars, params.dedupe_tolerance)[0]
    return kept, per_char.build_lines(kept, params, head_limit=head_limit, body=body)


# --- random pages shaped like OCR layers ------------------------------------------------

_LETTERS = st.sampled_from(["a", "b", "e", "i", "l", "m", "1", ",", "-", "ﬁ", "中", "国", "“", "”"])


@st.composite
def _page(draw) -> list[Char]:
    """Words drawn char by char: one size, top and font each, chars side by side (gaps of
    0, a hair, or wide), sometimes a trailing drawn space; then some words drawn again a
    little offset (fake bold), small words set high (superscripts), words overlapping."""
    chars: list[Char] = []
    nrows = draw(st.integers(1, 5))
    for row in range(nrows):
        base = 20.0 + row * draw(st.sampled_from([9.0, 12.0, 3.0]))
        x = draw(st.sampled_from([10.0, 10.05, 40.0]))
        for _word in range(draw(st.integers(1, 6))):
            size = draw(st.sampled_from([8.0, 9.0, 4.0, 12.0, 24.0]))
            top = base + draw(st.sampled_from([0.0, 0.0, 0.4, -3.5, 1e-9])) - 0.88 * size
            font = draw(st.sampled_from(["Times", "Times", "Times-Bold"]))
            for letter in draw(st.lists(_LETTERS, min_size=1, max_size=6)):
                w = draw(st.sampled_from([0.5, 0.1, 2.5, 4.0]))
                chars.append(Char(letter, x, top, x + w, top + size, size, font))
                x += w + draw(st.sampled_from([0.0, 0.0, 0.05, -0.3, 1.7, 10.0]))
            if draw(st.booleans()):
                chars.append(Char(" ", x, top, x + 2.0, top + size, size, font))
                x += 2.0
            x += draw(st.sampled_from([0.0, 0.5, 2.0, 3.0, 15.0]))
    # redraws (fake bold, OCR words given twice) and overlapping words, anywhere in the order
    for _ in range(draw(st.integers(0, 3))):
        if not chars:
            break
        start = draw(st.integers(0, len(chars) - 1))
        length = draw(st.integers(1, 5))
        dx, dy = draw(st.sampled_from([(0.3, 0.0), (0.0, 0.3), (1.0, 0.0), (-0.2, 0.1), (3.0, 0.0)]))
        copy = [Char(c.text, c.x0 + dx, c.top + dy, c.x1 + dx, c.bottom + dy, c.size, c.font)
                for c in chars[start:start + length]]
        at = draw(st.integers(0, len(chars)))
        chars[at:at] = copy
    return chars


@settings(max_examples=150, deadline=None)
@given(_page(), st.sampled_from([-1.0, 25.0, 60.0]), st.sampled_from([0.15, 0.0, 0.05, 0.6]))
def test_runs_give_the_per_char_lines(chars, head_limit, tolerance):
    params = LayoutParams(dedupe_tolerance=tolerance)
    assert _run_path(chars, params, head_limit, 9.0) == _char_path(chars, params, head_limit, 9.0)


@settings(max_examples=100, deadline=None)
@given(_page(), st.sampled_from([0.15, 0.0, 0.3, 1.0]))
def test_run_doubles_are_the_per_char_doubles(chars, tolerance):
    made = runs_reference.gather(tuple(chars), runs_reference.starts(tuple(chars), tolerance)) if chars else []
    assert runs.run_chars(made) == chars
    assert runs.run_doubles(made, tolerance) == doubles(chars, tolerance)


@settings(max_examples=60, deadline=None)
@given(_page(), st.data())
def test_without_remakes_the_runs_of_the_kept_chars(chars, data):
    if not chars:
        return
    drop = set(data.draw(st.lists(st.integers(0, len(chars) - 1), max_size=6)))
    made = runs_reference.gather(tuple(chars), runs_reference.starts(tuple(chars), 0.15))
    kept = tuple(c for k, c in enumerate(chars) if k not in drop)
    expected = runs_reference.gather(kept, runs_reference.starts(kept, 0.15)) if kept else []
    assert runs.without(made, drop, 0.15) == expected


def test_ocr_words_become_runs():
    word = [Char(t, 10.0 + 4 * k, 100.0, 14.0 + 4 * k, 108.0, 8.0, "Times") for k, t in enumerate("word")]
    space = Char(" ", 26.0, 100.0, 28.0, 108.0, 8.0, "Times")
    other = [Char(t, 30.0 + 4 * k, 100.5, 34.0 + 4 * k, 108.5, 8.0, "Times") for k, t in enumerate("two")]
    made = runs_reference.gather(tuple(word + [space] + other), runs_reference.starts(tuple(word + [space] + other), 0.15))
    assert [r.text for r in made] == ["word ", "two"]
    assert [r.nchars for r in made] == [4, 3]
    assert made[0].ink_right == 26.0 and made[0].right == 28.0
    lines = runlines.build_lines(word + [space] + other, P, runs=made)
    assert [ln.text for ln in lines] == ["word two"]


def test_pages_of_single_chars_go_char_by_char():
    cjk = [Char(t, 10.0 + 9 * k, 100.0, 19.0 + 9 * k, 109.0, 9.0, "Song") for k, t in enumerate("中国人民")]
    assert runs.text_runs(cjk, 0.15) is None
    assert runlines.build_lines(cjk, P) == per_char.build_lines(cjk, P)


# --- real pages --------------------------------------------------------------------------

_REAL = [SHARED / "corpus" / "pdf-misc" / "federal-register-2020-17221.pdf",
         SHARED / "corpus" / "rero-landbote1845" / "18451228_01.pdf",
         SHARED / "corpus" / "chronam-openoni" / "sn83045350_1878010301_0011.pdf"]


@pytest.mark.parametrize("path", _REAL, ids=lambda p: p.name)
def test_real_pages_give_the_per_char_lines(path):
    if not path.exists():
        pytest.skip("shared corpus not available")
    from layoutkit.layout import body_size
    from layoutkit.layout.order import MARGIN_ZONE
    from layoutkit.params import Params
    from layoutkit.readers import pdf as reader

    wanted = frozenset({1, 2, 3}) if "rero" in path.name else frozenset({1, 2})
    for content in reader._pdfium_pages(str(path), path.read_bytes(), wanted, Params()):
        upright = [c for c in content.chars if c.upright]
        kept, expected = _char_path(upright, P, content.height * MARGIN_ZONE,
                                    body_size(content))
        assert runs.text_runs(upright, P.dedupe_tolerance) is not None  # (these pages go run by run)
        got_kept, got = _run_path(upright, P, content.height * MARGIN_ZONE, body_size(content))
        assert got_kept == kept
        assert got == expected
