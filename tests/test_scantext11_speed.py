"""The fast paths of the scantext11 round (text stages of scanned Latin pages) against
the plain code they replaced, kept here as reference functions: each fast path must give
the same answer on every input (hypothesis), and real pages of a scan the same output."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from layoutkit.noise import _CJK_VISIBLE, _WORDLIKE, MAX_NOISE_CHARS, is_noise

#: ASCII text of the kinds a scan's OCR layer holds: words in every case, quotes,
#: brackets, hyphens, apostrophes, digits, punctuation and every kind of ASCII space.
_ASCII = st.text(st.sampled_from(list("abcdeXYZ AB'\"()[]-.,;:!?§0123456789\t\x1c\x1f\n\x0b=*")), max_size=70)
_ANY = st.text(st.sampled_from(list("abcXYZ éßſ’„“»«⸗ 12.,:;-()§\u3000本报（）Ａ\t'\"")), max_size=70) | st.text(max_size=40)


def _is_noise_reference(text: str) -> bool:
    """``noise.is_noise`` as it was: a test per character, a regex match per token."""
    t = text.strip()
    if not t or t.startswith("§"):
        return False
    if not t.isascii() and _CJK_VISIBLE.search(t):
        return False
    visible = len(t) - sum(map(str.isspace, t))
    letters = sum(map(str.isalpha, t))
    tokens = t.split()
    if letters * 2 < visible and (len(t) <= MAX_NOISE_CHARS or len(tokens) * 8 < len(t)):
        return True
    if len(t) > MAX_NOISE_CHARS:
        return False
    in_words = sum(map(len, filter(_WORDLIKE.match, tokens)))
    return in_words * 3 < visible


@settings(max_examples=3000)
@given(_ASCII | _ANY)
def test_is_noise_equals_reference(text: str) -> None:
    assert is_noise(text) == _is_noise_reference(text)


def test_is_noise_on_known_lines() -> None:
    for text in ["^g*^'fT| I UW |i|lWW__", "rq - 61", "fKr ) i])", "the Harbor of New-York,", "\"Well,\" he said.",
                 "l'empereur", "§. 1.", "(a) [b] c-d e'f", "AB Cd eF", "1887-88", "x\x1cyy\x1fzz"]:
        assert is_noise(text) == _is_noise_reference(text), text


# --- profile: the anchored union with its common opening factored (anchored-union-prefix)

import regex  # noqa: E402

from layoutkit.profile import BUILTIN, PATTERN_KEYS, _alternation, _anchored, _anchored_alternation  # noqa: E402
from layoutkit.profile import builtin_profile  # noqa: E402

_PROFILE_TEXT = st.text(st.sampled_from(list(" \t\n\u3000By Photo Continued on Page 4 LONDON, Sept. 21.—(AP) No 12"
                                             "MONDAY 1855-01-02 本报记者杨鹤（作者为）——。,.-–abcXYZ")), max_size=40)
_SYNTHETIC = [r"^\s*?ab", r"^\s*+ab", r"^\s*", r"^x\s*y", r"^\s*(?i:by)\s+\p{Lu}", r"^\s*\d{1,3}\s*$",
              r"^\s*(?P<role>[Bb]y)\s", r"^\s*\s+z", r"^(?:a|\s*b)", r"^\s*[-–—]?\s*\d+$"]


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(sorted(BUILTIN)), _PROFILE_TEXT)
def test_anchored_union_answers_as_the_plain_union(name: str, text: str) -> None:
    prof = builtin_profile(name)
    patterns = tuple(p for key in PATTERN_KEYS for p in getattr(prof, key) if _anchored(p.pattern))
    plain, factored = _alternation(patterns, single=True), _anchored_alternation(patterns)
    assert (plain is None) == (factored is None)
    if plain is not None:
        assert (plain.match(text) is None) == (factored.match(text) is None)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_SYNTHETIC), min_size=1, max_size=5, unique=True),
       st.text(st.sampled_from(list(" \t\nabByXzZ0123-–")), max_size=12))
def test_anchored_union_of_synthetic_openings(patterns: list[str], text: str) -> None:
    """Openings that must not be factored (``\\s*?``, ``\\s*+``) and others
    that may: whether the union matches is whether some pattern does."""
    compiled = tuple(regex.compile(p) for p in patterns)
    factored = _anchored_alternation(compiled)
    assert factored is not None
    assert (factored.match(text) is not None) == any(p.match(text) for p in compiled)


def _is_table_reference(lines: list[str]) -> bool:
    """``noise.is_table`` as it was: a test per character."""
    from layoutkit.noise import _DIGITS

    if len(lines) < 3:
        return False
    joined = "".join(lines)
    visible = len(joined) - sum(map(str.isspace, joined))
    if sum(map(str.isdigit, joined)) * 4 < visible:
        return False
    return len(list(filter(_DIGITS.search, lines))) * 5 >= len(lines) * 4


_TABLE_LINE = st.text(st.sampled_from(list("0123456789 .,-ab\t\x1c½²٣")), max_size=20)


@settings(max_examples=1000)
@given(st.lists(_TABLE_LINE | _ASCII, max_size=6))
def test_is_table_equals_reference(lines: list[str]) -> None:
    from layoutkit.noise import is_table

    assert is_table(lines) == _is_table_reference(lines)
