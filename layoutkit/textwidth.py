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


#: ``is_cjk``'s ranges (first, last code point), overlapping ones merged: what a block of
#: code points holds of them is counted without a call per character (``_BlockCounter``;
#: a test checks every code point against ``is_cjk``).
CJK_RANGES = ((0x2E80, 0x9FFF), (0xAC00, 0xD7AF), (0xF900, 0xFAFF), (0xFE30, 0xFE4F), (0xFF00, 0xFFEF),
              (0x20000, 0x2FA1F))


def _cjk_in(start: int, end: int) -> int:
    """How many code points of ``start..end`` (inclusive) ``is_cjk`` accepts."""
    return sum(max(0, min(last, end) - max(first, start) + 1) for first, last in CJK_RANGES)


#: The high bytes of UTF-16 surrogates (characters beyond the BMP).
_SURROGATE_HIGH = bytes(range(0xD8, 0xE0))
#: Every low byte, in order.
_LOW = bytes(range(256))
#: Latin-1 bytes that are not letters (``str.isalpha`` of their character): the letters
#: of the block U+0000..U+00FF are counted in a text's Latin-1 encoding.
_LATIN1_NOT_ALPHA = bytes(b for b in range(256) if not chr(b).isalpha())


class _Mixed:
    """A block (other than U+0000..U+00FF) whose characters are not all of one kind for
    ``is_cjk`` or for ``isalpha``: for each kind in which it is mixed, what most of its
    characters are (``cjk``, ``alpha``: the block's characters are counted as that by
    their high byte) and the exceptions, each character that is not, with its
    correction (+1 or -1) of the CJK count and of the letter count."""

    __slots__ = ("cjk", "alpha", "exceptions")

    def __init__(self, chars: str, cjk_mixed: bool, alpha_mixed: bool) -> None:
        start = ord(chars[0])
        cjk_of = [_cjk_in(start + k, start + k) > 0 for k in range(len(chars))] if cjk_mixed else [False] * len(chars)
        alpha_of = list(map(str.isalpha, chars))
        self.cjk = cjk_mixed and sum(cjk_of) * 2 >= len(chars)
        self.alpha = alpha_mixed and sum(alpha_of) * 2 >= len(chars)
        self.exceptions = [
            (ch, (int(c) - int(self.cjk)) if cjk_mixed else 0, (int(a) - int(self.alpha)) if alpha_mixed else 0)
            for ch, c, a in zip(chars, cjk_of, alpha_of)
            if (cjk_mixed and c != self.cjk) or (alpha_mixed and a != self.alpha)]


class _Exceptions:
    """The exceptions of a set of mixed blocks as one ``EncodingMap`` (``codecs``):
    encoding a text through it with ``ignore`` keeps, at C speed, one byte per exception
    character (byte 0 belongs to NUL, never an exception here); and the bytes to delete
    to keep those that add one to the CJK count, take one from it, add one to the
    letters, take one from them."""

    __slots__ = ("codes", "cjk_up", "cjk_down", "alpha_up", "alpha_down")

    def __init__(self, exceptions: list[tuple[str, int, int]]) -> None:
        self.codes = codecs.charmap_build("\x00" + "".join(ch for ch, _, _ in exceptions))

        def deleting_all_but(keep: set[int]) -> bytes:
            return bytes(b for b in range(256) if b not in keep)

        self.cjk_up = deleting_all_but({k for k, (_, c, _) in enumerate(exceptions, 1) if c > 0})
        self.cjk_down = deleting_all_but({k for k, (_, c, _) in enumerate(exceptions, 1) if c < 0})
        self.alpha_up = deleting_all_but({k for k, (_, _, a) in enumerate(exceptions, 1) if a > 0})
        self.alpha_down = deleting_all_but({k for k, (_, _, a) in enumerate(exceptions, 1) if a < 0})


#: Most exception characters one ``_Exceptions`` map holds (a byte each, 0 is NUL's).
MAX_EXCEPTIONS = 255


class _BlockCounter:
    """``block-counts``: ``cjk_and_letters`` by blocks of 256 code points (a character's
    high byte in UTF-16). Most characters of a CJK page are Han, in blocks that are all
    CJK and all letters: a text's characters are counted by block with C-level
    ``translate``s of its high bytes (deleting the blocks that do not count). In the
    few blocks of mixed kinds a page uses (full-width forms, CJK punctuation with kana,
    general punctuation), each block's characters are counted as most of its characters
    are, and the exceptions corrected from one pass of the text through an
    ``EncodingMap`` of the exceptions of those blocks (``_Exceptions``); the letters of
    U+0000..U+00FF (ASCII, Latin-1), a block of no CJK, come from the text's Latin-1
    encoding. Each block is classified once, when first seen, from its 256 characters.
    Exactly the counts of ``_char_counts``; None (the caller counts character by
    character) for a text with characters beyond the BMP (surrogates in UTF-16) or
    mixed blocks of more than ``MAX_EXCEPTIONS`` exceptions together."""

    def __init__(self) -> None:
        self.known = bytearray(256)  # 1: classified
        self.cjk_all: set[int] = set()
        self.alpha_all: set[int] = set()
        self.mixed: dict[int, _Mixed] = {}
        #: the ``_Exceptions`` of each set of mixed blocks met (None: too many exceptions)
        self.maps: dict[frozenset[int], Optional[_Exceptions]] = {}
        # (module-level and shared by threads: blocks and maps are added under the lock)
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
                if 0xD8 <= hi <= 0xDF:  # surrogates: characters beyond the BMP (never known)
                    continue
                unit = bytearray(512)
                unit[0::2] = bytes([hi]) * 256
                unit[1::2] = _LOW
                chars = unit.decode("utf-16-be")
                cjk = _cjk_in(hi << 8, (hi << 8) + 255)
                alpha = 256 if chars.isalpha() else sum(map(str.isalpha, chars))
                if cjk == 256:
                    self.cjk_all.add(hi)
                if alpha == 256:
                    self.alpha_all.add(hi)
                if 0 < cjk < 256 or 0 < alpha < 256:
                    # (U+0000..U+00FF, without CJK, is counted from the Latin-1 encoding)
                    self.mixed[hi] = _Mixed(chars, 0 < cjk < 256, 0 < alpha < 256)
                self.known[hi] = 1
            self._tables()

    def _map(self, blocks: frozenset[int]) -> Optional[_Exceptions]:
        """The ``_Exceptions`` of ``blocks`` (made once per set; None: too many)."""
        found = self.maps.get(blocks, _NO_MAP)
        if found is _NO_MAP:
            exceptions = [e for hi in sorted(blocks) for e in self.mixed[hi].exceptions]
            found = _Exceptions(exceptions) if len(exceptions) <= MAX_EXCEPTIONS else None
            with self.lock:
                if len(self.maps) >= 256:
                    self.maps.clear()
                self.maps[blocks] = found
        return found  # type: ignore[return-value]

    def counts(self, text: str) -> Optional[tuple[int, int]]:
        """``(CJK characters, letters)`` of ``text``, or None (see the class)."""
        high = text.encode("utf-16-be", "surrogatepass")[0::2]
        new = high.translate(None, self.known_bytes)
        if new:
            if len(new.translate(None, _SURROGATE_HIGH)) != len(new):
                return None
            self._learn(new)
        cjk = len(high.translate(None, self.not_cjk_all))
        letters = len(high.translate(None, self.not_alpha_all))
        in_mixed = high.translate(None, self.not_mixed)  # (the high bytes of mixed blocks)
        if not in_mixed:
            return cjk, letters
        if 0 in in_mixed:
            letters += len(text.encode("latin-1", "ignore").translate(None, _LATIN1_NOT_ALPHA))
        blocks = tuple(self.mixed)  # (a snapshot: another thread may add a block)
        mixed_here = {hi: n for hi, n in zip(blocks, map(in_mixed.count, blocks)) if n and hi}
        if not mixed_here:
            return cjk, letters
        exceptions = self._map(frozenset(mixed_here))
        if exceptions is None:
            return None
        for hi, n in mixed_here.items():
            block = self.mixed[hi]
            if block.cjk:
                cjk += n
            if block.alpha:
                letters += n
        marks = codecs.charmap_encode(text, "ignore", exceptions.codes)[0]
        cjk += len(marks.translate(None, exceptions.cjk_up)) - len(marks.translate(None, exceptions.cjk_down))
        letters += len(marks.translate(None, exceptions.alpha_up)) - len(marks.translate(None, exceptions.alpha_down))
        return cjk, letters


#: Not a map yet (``_BlockCounter._map``).
_NO_MAP = object()
_BLOCKS = _BlockCounter()


#: The last text ``cjk_and_letters`` counted and its counts: the masthead and the Latin
#: title rules both ask about the same page text (their paragraphs' texts joined), one
#: after the other; hashing the text again costs a small part of classifying it again.
_LAST_COUNTS: dict[str, tuple[int, int]] = {}
