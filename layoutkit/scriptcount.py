"""Counting the characters of several classes (scripts, letters) of a text in one pass.

Language detection and the page-script test count Han characters, kana, hangul and
letters over thousands of characters. One ``regex.findall`` per class builds a list of
one-character strings per match and walks the text once per class; here every character
is mapped once, with ``str.translate``, to one marker per class it belongs to, and the
markers are counted with ``str.count`` (C speed). A character's classes are decided by
the same compiled patterns the callers would otherwise run, on that character alone, so
the counts are exactly ``len(pattern.findall(text))`` for single-character patterns.
"""
from __future__ import annotations

from typing import Callable, Sequence

import regex

#: Marker characters, one per class (private-use code points never occur in the markers'
#: output other than as markers, since every input character is replaced).
_MARKERS = "".join(chr(0xE000 + i) for i in range(32))


class _Table(dict):  # type: ignore[type-arg]
    """``str.translate`` table: code point -> the markers of the classes it belongs to,
    filled on demand (a page uses a few hundred distinct characters)."""

    def __init__(self, patterns: Sequence[regex.Pattern]):
        super().__init__()
        self.patterns = tuple(patterns)

    def __missing__(self, key: int) -> str:
        ch = chr(key)
        value = self[key] = "".join(_MARKERS[i] for i, p in enumerate(self.patterns) if p.fullmatch(ch))
        return value


class ScriptCounter:
    """Counts of characters matching each of several single-character patterns."""

    def __init__(self, patterns: Sequence[regex.Pattern]):
        if len(patterns) > len(_MARKERS):
            raise ValueError("too many classes")
        self._table = _Table(patterns)
        self._markers = _MARKERS[: len(patterns)]

    def counts(self, text: str) -> tuple[int, ...]:
        """How many characters of ``text`` match each pattern, in the patterns' order."""
        mapped = text.translate(self._table)
        return tuple(mapped.count(m) for m in self._markers)


class CharMap:
    """A per-character ``str.translate`` table filled on demand, kept as a *plain* dict.

    ``str.translate`` through a dict subclass with ``__missing__`` costs about three
    times as much per character as through a plain dict. Here ASCII is classified up
    front and every other character the first time it is seen: a character missing from
    the table passes through ``translate`` unchanged, and since every value is ASCII, a
    result that is not ASCII (an O(1) test) means some character was new; those are
    classified and the text is translated again. Bounded by the distinct characters seen.
    """

    __slots__ = ("classify", "table")

    def __init__(self, classify: Callable[[str], str]):
        self.classify = classify
        self.table: dict[int, str] = {}
        for code in range(128):
            self._add(code)

    def _add(self, code: int) -> None:
        value = self.classify(chr(code))
        if not value.isascii():
            raise ValueError("CharMap values must be ASCII")
        self.table[code] = value

    def translate(self, text: str) -> str:
        """``text`` with every character replaced by its ``classify`` value."""
        out = text.translate(self.table)
        if not out.isascii():  # characters not seen before passed through unchanged
            table = self.table
            for code in {ord(ch) for ch in text if ord(ch) not in table}:
                self._add(code)
            out = text.translate(table)
        return out
