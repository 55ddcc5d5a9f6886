"""The reflow fast paths of issue 2's tenth round compute what the plain code computes.

* ``reflow._paragraphs_of`` (``paragraph-arrays``: the ``cjk-columns`` pass's paragraph
  fields for the whole page by ``map``, exceptions visited one by one) against the
  per-line loop of ``tests/reflow_reference.py``, also with lines that carry boxes and
  marked hyphens (the paths a text page never takes);
* ``reflow._repeats_bigram`` (``one-word-fake-bold-bound``): a text without a repeated
  bigram is left as it is by ``dedupe_fake_bold``;
* ``continuation.unclosed`` (``bracket-sequence-memo``) against the plain bracket stack
  over the text;
* ``continuation.Vocabulary``'s page text against the per-text join it replaced.
"""
from __future__ import annotations

from typing import Optional

from hypothesis import given
from hypothesis import strategies as st

from layoutkit import continuation
from layoutkit.columns import ShapedLine, TextRegion
from layoutkit.dehyphenate import Lexicon
from layoutkit.measure import shape
from layoutkit.model import BBox, Line
from layoutkit.params import ReflowParams
from layoutkit.profile import builtin_profile
from layoutkit.reflow import CleanLine, _cjk_column_paragraphs, _cjk_region, _repeats_bigram, dedupe_fake_bold

from . import reflow_reference as ref
from .test_speed_reflow import LINES, _same, params_st, region_st

#: Han characters (some repeated), digits, full-width punctuation and brackets.
FAKE_BOLD_ALPHABET = "理论新时代谢天的一是12：:，、！？“”《》（）。 "


@given(st.text(alphabet=FAKE_BOLD_ALPHABET.strip(), max_size=14))
def test_text_without_repeated_bigram_is_not_fake_bold(text: str) -> None:
    if not _repeats_bigram(text):
        assert dedupe_fake_bold(text) == CleanLine(text)


@given(st.text(alphabet=FAKE_BOLD_ALPHABET.strip(), max_size=14))
def test_repeats_bigram_is_a_repeated_bigram(text: str) -> None:
    bigrams = [text[k:k + 2] for k in range(len(text) - 1)]
    assert _repeats_bigram(text) == (len(set(bigrams)) != len(bigrams))


def _plain_unclosed(text: str) -> Optional[str]:
    stack: list[str] = []
    for ch in text:
        if ch in continuation.OPENERS:
            stack.append(continuation.OPENERS[ch])
        elif ch in continuation.OPENERS.values() and stack and stack[-1] == ch:
            stack.pop()
    return stack[-1] if stack else None


@given(st.text(alphabet="的一（）()“”《》〈〉「」【】。 ", max_size=20))
def test_unclosed_equals_plain_bracket_stack(text: str) -> None:
    assert continuation.unclosed(text) == _plain_unclosed(text)
    assert continuation.unclosed(text) == _plain_unclosed(text)  # (the second time from the memo)


@given(st.lists(st.text(alphabet="的一 \u3000a.\t", max_size=6), max_size=6))
def test_vocabulary_text_is_the_texts_without_whitespace(texts: list[str]) -> None:
    assert continuation.Vocabulary(texts).text == "\n".join("".join(t.split()) for t in texts)


@st.composite
def boxed_region_st(draw):  # type: ignore[no-untyped-def]
    """A CJK region whose lines may carry boxes and marked hyphens (geometric input)."""
    texts = draw(st.lists(st.sampled_from(LINES[:15]), min_size=1, max_size=8))
    lines = []
    for k, t in enumerate(texts):
        bbox = draw(st.one_of(st.none(), st.just(BBox(10.0, 20.0 * k, 200.0, 20.0 * k + 15))))
        marked = draw(st.booleans())
        lines.append(ShapedLine(Line(t, k + 1, bbox=bbox, hyphenated=marked,
                                     hyphen_word=(t[:3] + "的一" if marked else None)), shape(t)))
    width = draw(st.sampled_from([15.0, 14.5, 16.0, 13.0]))
    return TextRegion(lines=tuple(lines), width=width, family=width, index=draw(st.integers(0, 3)))


@given(st.lists(st.one_of(boxed_region_st(), region_st()), min_size=1, max_size=4), params_st,
       st.sampled_from(["zh", "default"]))
def test_paragraph_arrays_equal_reference_loop(regions: list[TextRegion], params: ReflowParams, name: str) -> None:
    profile = builtin_profile(name)
    columns = [r for r in regions if _cjk_region(r) and r.width is not None and not r.vertical]
    lexicon = Lexicon.build([s.line.text for r in regions for s in r.lines])
    for lex in (None, lexicon):
        got = _cjk_column_paragraphs(columns, profile, params, lex)
        assert len(got) == len(columns)
        for region, paras in zip(columns, got):
            _same(paras, ref._region_paragraphs(region, profile, params, lex, len(regions) >= 3))
