"""The article stage's fast paths decide exactly what the plain code decided.

``latin-page-bound`` (``articles._script_bound``) settles whether a page is Latin from
byte counts of its UTF-8 text; whatever it settles must agree with the letter counts
(``len(pattern.findall(text))``), and mixed pages it cannot settle are counted.
"""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from layoutkit.articles import _CJK_LETTER, _LETTER, _script_bound

#: ASCII letters and others, Latin with diacritics, Han inside and outside the bound's
#: U+5000..U+8FFF, Han punctuation, kana, hangul, CJK extension A, a lone surrogate.
PIECES = ["abc", "Z", " ", "1887", ".,;", "äéſ", "的", "一", "鬱", "龘", "中国", "。，", "かな", "カナ", "한국",
          "\u3400", "\u4dc0", "\ud800", "\u3007", "々"]
text_st = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


def _is_latin_reference(text: str) -> bool:
    letters, cjk = len(_LETTER.findall(text)), len(_CJK_LETTER.findall(text))
    return letters > 0 and cjk < 0.3 * letters


@given(st.one_of(text_st, st.text(max_size=60)))
def test_latin_page_bound_agrees_with_letter_counts(text: str) -> None:
    bound = _script_bound(text)
    if bound is not None:
        assert bound == _is_latin_reference(text)


def test_latin_page_bound_settles_pages_of_one_script() -> None:
    assert _script_bound("本报记者 杨鹤 中国人民发展，" * 20) is False
    assert _script_bound("The quick brown fox jumps over the lazy dog. " * 20) is True
    assert _script_bound("") is False  # no letters: not Latin
