"""Script and display-width facts about characters, used by every text stage.

Display width follows the terminal convention (Unicode East Asian Width): wide and
full-width characters take two cells, combining marks none, everything else one. A line's
width in cells is what lets the column stage compare a CJK line with a Latin one.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache

from .scriptcount import CharMap


@lru_cache(maxsize=65536)
def char_width(ch: str) -> int:
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def display_width(text: str) -> int:
    """Width of ``text`` in terminal cells (CJK = 2)."""
    if text.isascii():
        return len(text)
    return sum(char_width(c) for c in text)


def is_cjk(ch: str) -> bool:
    """Han, kana, hangul, CJK punctuation and full-width forms: scripts written without
    spaces between words, so line joins and justification gaps add no space."""
    if ch < "\u2e80":  # (most calls: Latin text, answered by one string comparison)
        return False
    o = ord(ch)
    return (0x2E80 <= o <= 0x9FFF or 0xAC00 <= o <= 0xD7AF or 0xF900 <= o <= 0xFAFF
            or 0xFF00 <= o <= 0xFFEF or 0x3000 <= o <= 0x303F or 0x20000 <= o <= 0x2FA1F
            or 0xFE30 <= o <= 0xFE4F)


def cjk_share(text: str) -> float:
    """Share of non-space characters that are CJK."""
    chars = [c for c in text if not c.isspace()]
    if not chars:
        return 0.0
    return sum(1 for c in chars if is_cjk(c)) / len(chars)


def _cjk_letter_class(ch: str) -> str:
    """``b`` CJK letter, ``c`` CJK and no letter, ``l`` other letter, ``o`` the rest."""
    if is_cjk(ch):
        return "b" if ch.isalpha() else "c"
    return "l" if ch.isalpha() else "o"


_CJK_LETTERS = CharMap(_cjk_letter_class)


def cjk_and_letters(text: str) -> tuple[int, int]:
    """``(number of CJK characters, number of letters)`` of ``text``: the same counts as
    ``sum(map(is_cjk, text))`` and ``sum(c.isalpha() for c in text)``, counted at C speed
    (one ``translate``, three ``count``s) for the page-script tests run on whole pages."""
    found = _LAST_COUNTS.get(text)
    if found is None:
        mapped = _CJK_LETTERS.translate(text)
        both = mapped.count("b")
        found = (both + mapped.count("c"), both + mapped.count("l"))
        _LAST_COUNTS.clear()
        _LAST_COUNTS[text] = found
    return found


#: The last text ``cjk_and_letters`` counted and its counts: the masthead and the Latin
#: title rules both ask about the same page text (their paragraphs' texts joined), one
#: after the other; hashing the text again costs a small part of classifying it again.
_LAST_COUNTS: dict[str, tuple[int, int]] = {}
