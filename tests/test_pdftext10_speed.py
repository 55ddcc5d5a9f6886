"""Fast paths of the text stages on scanned PDFs (pdftext10) against the plain code they
replaced (``tests/pdftext10_reference.py``): each must give exactly the reference's answer."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from layoutkit import dehyphenate
from layoutkit.dehyphenate import HYPHENS, SPECKS, Lexicon, decide, fold

from . import pdftext10_reference as ref

#: Characters the dehyphenation rules look at: ASCII letters of both cases (most of a
#: scan's text), a few non-ASCII letters and marks (``ſ``, ``é``, a combining accent,
#: ``ꝛ``, a capital sharp s, a CJK character), every hyphen mark, specks, digits, spaces.
_CHARS = st.sampled_from(list("abcdeinortuABCDEINR") + list("ſéÉ\u0301ꝛẞ中İ") + list(HYPHENS)
                         + list(SPECKS[:4]) + list("19 .,\n\"(—"))
_ASCII = st.sampled_from(list("abeinortABEINRT -=.,1"))
_TEXT = st.text(_CHARS, min_size=1, max_size=24) | st.text(_ASCII, min_size=1, max_size=24)


@settings(max_examples=400, deadline=None)
@given(st.text(_CHARS, max_size=12) | st.text(_ASCII, max_size=12))
def test_fold_matches_reference(word: str) -> None:
    fold.cache_clear()
    assert fold(word) == ref.fold(word)


@settings(max_examples=400, deadline=None)
@given(st.lists(_TEXT, max_size=10), st.lists(st.text(_ASCII, max_size=8), max_size=3), _TEXT, _TEXT,
       st.booleans())
def test_decide_matches_reference(page: list[str], extra: list[str], left: str, right: str, with_lexicon: bool) -> None:
    """Every junction: the same ``Join`` (rule, reason text, glue) with the page's words
    (the pieces themselves among them, so that the vocabulary rules are reached) or none."""
    lexicon = Lexicon.build(page + [left, right, left + right], extra) if with_lexicon else None
    assert decide(left, right, lexicon) == ref.decide(left, right, lexicon)


@settings(max_examples=300, deadline=None)
@given(st.lists(_TEXT, max_size=8), st.text(_CHARS, max_size=10) | st.text(_ASCII, max_size=10))
def test_joined_matches_reference(page: list[str], word: str) -> None:
    lexicon = Lexicon.build(page + [word], [word[:3]])
    assert lexicon.joined(word) == ref._joined(lexicon, word)


def test_dropped_hyphen_case_shortcut() -> None:
    """``dropped_hyphen``'s case test asked first: a capital after a lowercase letter is
    never a dropped hyphen, even when the page prints the joined word."""
    lexicon = Lexicon.build(["the Harbor and harbor", "HARBOR"])
    assert decide("the Har", "Bor", lexicon) == ref.decide("the Har", "Bor", lexicon)
    assert not decide("the Har", "Bor", lexicon).joined
    assert decide("the Har", "bor", lexicon).joined
    assert decide("the HAR", "BOR", lexicon).joined


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from(list("abAB é\u0301ꝛ-=.\n1")), max_size=150), st.integers(0, 160))
def test_trailing_letters_matches_reference(text: str, end: int) -> None:
    end = min(end, len(text))
    assert dehyphenate._trailing_letters(text, end) == ref.trailing_letters(text, end)


#: Lines for ``fold-page``: also a capital sigma (whose lowercase depends on its
#: neighbours: the page is then folded word by word), the Kelvin sign (lowercase ASCII),
#: a dotted capital I (two characters in lowercase) and line breaks inside a line.
_PAGE_CHARS = st.sampled_from(list("abeinortABEINRT -=.,1\u2e17\u2010ſ") + list("ΣΟΔσKİ\n\u00ad"))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(_PAGE_CHARS, max_size=20) | st.text(_ASCII, max_size=20), max_size=12))
def test_lexicon_fold_page_matches_per_word_loop(lines: list[str]) -> None:
    from .test_speed_scantext import reference_lexicon

    fast, want = Lexicon.build(lines), reference_lexicon(lines)
    assert fast.words == want.words and fast.interior == want.interior
    assert fast.pairs == want.pairs and fast.compounds == want.compounds
