"""The article stage's fast paths decide exactly what the plain code decided.

``latin-page-bound`` (``scriptcount.latin_page_bound``) settles whether a page is Latin
from byte counts of its UTF-8 text, for the article stage (letters and CJK letters by
pattern) and the masthead stage (``isalpha`` and ``is_cjk``); whatever it settles must
agree with both stages' counts, and mixed pages it cannot settle are counted.
"""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from layoutkit.articles import _CJK_LETTER, _LETTER
from layoutkit.scriptcount import latin_page_bound
from layoutkit.textwidth import is_cjk

#: ASCII letters and others, Latin with diacritics, Han inside and outside the bound's
#: U+5000..U+8FFF, Han punctuation, kana, hangul, CJK extension A, a lone surrogate.
PIECES = ["abc", "Z", " ", "1887", ".,;", "äéſ", "的", "一", "鬱", "龘", "中国", "。，", "かな", "カナ", "한국",
          "\u3400", "\u4dc0", "\ud800", "\u3007", "々"]
text_st = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


def _is_latin_reference(text: str) -> bool:
    letters, cjk = len(_LETTER.findall(text)), len(_CJK_LETTER.findall(text))
    return letters > 0 and cjk < 0.3 * letters


def _masthead_latin_reference(text: str) -> bool:
    letters, cjk = sum(c.isalpha() for c in text), sum(map(is_cjk, text))
    return letters > 0 and cjk < 0.3 * letters


@given(st.one_of(text_st, st.text(max_size=60)))
def test_latin_page_bound_agrees_with_letter_counts(text: str) -> None:
    bound = latin_page_bound(text)
    if bound is not None:
        assert bound == _is_latin_reference(text)
        assert bound == _masthead_latin_reference(text)


def test_latin_page_bound_settles_pages_of_one_script() -> None:
    assert latin_page_bound("本报记者 杨鹤 中国人民发展，" * 20) is False
    assert latin_page_bound("The quick brown fox jumps over the lazy dog. " * 20) is True
    assert latin_page_bound("") is False  # no letters: not Latin


@given(st.one_of(text_st, st.text(max_size=60)))
def test_cjk_over_third_bound_agrees_with_counts(text: str) -> None:
    # ``latin_titles``' page test: whatever the bound settles is what the counts say
    from layoutkit.scriptcount import cjk_over_third_bound
    from layoutkit.textwidth import cjk_and_letters

    bound = cjk_over_third_bound(text)
    if bound is not None:
        cjk, letters = cjk_and_letters(text)
        assert bound == (cjk * 3 > letters)


def test_cjk_over_third_bound_settles_pages_of_one_script() -> None:
    from layoutkit.scriptcount import cjk_over_third_bound

    assert cjk_over_third_bound("本报记者 杨鹤 中国人民发展，" * 20) is True
    assert cjk_over_third_bound("The quick brown fox jumps over the lazy dog. " * 20) is False
