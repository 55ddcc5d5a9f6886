"""Script and display-width facts about characters, used by every text stage.

Display width follows the terminal convention (Unicode East Asian Width): wide and
full-width characters take two cells, combining marks none, everything else one. A line's
width in cells is what lets the column stage compare a CJK line with a Latin one.
"""
from __future__ import annotations

import codecs
import threading
import unicodedata
from functools import lru_cache
from typing import Optional

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
    for the page-script tests run on whole pages: by blocks of the text's characters
    (``block-counts``, ``_BlockCounter``), or else with one ``translate`` and three
    ``count``s."""
    found = _LAST_COUNTS.get(text)
    if found is None:
        found = _BLOCKS.counts(text) if not text.isascii() else None
        if found is None:
            found = _char_counts(text)
        _LAST_COUNTS.clear()
        _LAST_COUNTS[text] = found
    return found


def _char_counts(text: str) -> tuple[int, int]:
    """``cjk_and_letters`` character by character (one ``CharMap`` translate)."""
    mapped = _CJK_LETTERS.translate(text)
    both = mapped.count("b")
    return both + mapped.count("c"), both + mapped.count("l")


#: The high bytes of UTF-16 surrogates (characters beyond the BMP).
_SURROGATE_HIGH = bytes(range(0xD8, 0xE0))
#: Every low byte, in order.
_LOW = bytes(range(256))
#: Most blocks of mixed classes a text may hold for ``_BlockCounter`` to count it (each
#: costs a pass over the text); more go character by character.
MAX_MIXED_BLOCKS = 6


class _Mixed:
    """A block whose characters are not all of one kind for ``is_cjk`` or ``isalpha``:
    its characters but the first (low byte 0) as an ``EncodingMap`` (``codecs``: encoding
    a text through it with ``ignore`` keeps the low byte of each of the block's
    characters, at C speed), the low bytes to delete to keep the CJK ones or the letters
    (None: the block is all or nothing, counted by its high byte), and the first
    character with what it counts for (counted with ``str.count``: the map's byte 0
    belongs to NUL)."""

    __slots__ = ("codes", "not_cjk", "not_alpha", "first", "first_cjk", "first_alpha")

    def __init__(self, chars: str, cjk_mixed: bool, alpha_mixed: bool) -> None:
        self.codes = codecs.charmap_build("\x00" + chars[1:])
        # (byte 0 is deleted from both: it is NUL's, or the first character's)
        self.not_cjk = bytes([0, *(b for b in range(1, 256) if not is_cjk(chars[b]))]) if cjk_mixed else None
        self.not_alpha = bytes([0, *(b for b in range(1, 256) if not chars[b].isalpha())]) if alpha_mixed else None
        self.first = chars[0]
        self.first_cjk = cjk_mixed and is_cjk(chars[0])
        self.first_alpha = alpha_mixed and chars[0].isalpha()


class _BlockCounter:
    """``block-counts``: ``cjk_and_letters`` by blocks of 256 code points (a character's
    high byte in UTF-16). Most characters of a CJK page are Han, in blocks that are all
    CJK and all letters: a text's characters are counted by block with one C-level
    ``translate`` of its high bytes (deleting the blocks that do not count). The few
    blocks of mixed kinds (ASCII and Latin-1, general punctuation, CJK punctuation with
    kana, full-width forms) are counted from a pass of the text through each one's
    ``_Mixed`` map. Each block is classified once, when first seen, from its 256
    characters (``is_cjk`` by its ranges, ``str.isalpha``). Exactly the counts of
    ``_char_counts``; None (the caller counts character by character) for a text with
    characters beyond the BMP (surrogates in UTF-16) or more than ``MAX_MIXED_BLOCKS``
    mixed blocks."""

    def __init__(self) -> None:
        self.known = bytearray(256)  # 1: classified
        self.cjk_all: set[int] = set()
        self.alpha_all: set[int] = set()
        self.mixed: dict[int, _Mixed] = {}
        # (module-level and shared by threads: a block is added under the lock)
        self.lock = threading.Lock()
        self._tables()

    def _tables(self) -> None:
        """The deletion tables of the high bytes, from the blocks classified so far."""
        self.known_bytes = bytes(b for b in range(256) if self.known[b])
        self.not_cjk_all = bytes(b for b in range(256) if b not in self.cjk_all)
        self.not_alpha_all = bytes(b for b in range(256) if b not in self.alpha_all)
        self.not_mixed = bytes(b for b in range(256) if b not in self.mixed)

    def _learn(self, blocks: bytes) -> None:
        with self.lock:
            for hi in set(blocks):
                if self.known[hi]:
                    continue
                if 0xD8 <= hi <= 0xDF:  # surrogates: characters beyond the BMP
                    self.known[hi] = 1
                    continue
                unit = bytearray(512)
                unit[0::2] = bytes([hi]) * 256
                unit[1::2] = _LOW
                chars = unit.decode("utf-16-be")
                cjk = sum(map(is_cjk, chars))
                alpha = 256 if chars.isalpha() else sum(map(str.isalpha, chars))
                if cjk == 256:
                    self.cjk_all.add(hi)
                if alpha == 256:
                    self.alpha_all.add(hi)
                if 0 < cjk < 256 or 0 < alpha < 256:
                    self.mixed[hi] = _Mixed(chars, 0 < cjk < 256, 0 < alpha < 256)
                self.known[hi] = 1
            self._tables()

    def counts(self, text: str) -> Optional[tuple[int, int]]:
        """``(CJK characters, letters)`` of ``text``, or None (see the class)."""
        high = text.encode("utf-16-be", "surrogatepass")[0::2]
        new = high.translate(None, self.known_bytes)
        if new:
            self._learn(new)
        mixed_here = set(high.translate(None, self.not_mixed))
        if len(mixed_here) > MAX_MIXED_BLOCKS or len(high.translate(None, _SURROGATE_HIGH)) != len(high):
            return None
        cjk = len(high.translate(None, self.not_cjk_all))
        letters = len(high.translate(None, self.not_alpha_all))
        for hi in mixed_here:
            block = self.mixed[hi]
            low = codecs.charmap_encode(text, "ignore", block.codes)[0]
            first = text.count(block.first) if block.first_cjk or block.first_alpha else 0
            if block.not_cjk is not None:
                cjk += len(low.translate(None, block.not_cjk)) + (first if block.first_cjk else 0)
            if block.not_alpha is not None:
                letters += len(low.translate(None, block.not_alpha)) + (first if block.first_alpha else 0)
        return cjk, letters


_BLOCKS = _BlockCounter()


#: The last text ``cjk_and_letters`` counted and its counts: the masthead and the Latin
#: title rules both ask about the same page text (their paragraphs' texts joined), one
#: after the other; hashing the text again costs a small part of classifying it again.
_LAST_COUNTS: dict[str, tuple[int, int]] = {}
