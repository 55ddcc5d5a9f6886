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

from typing import Sequence

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
