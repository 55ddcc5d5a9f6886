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
