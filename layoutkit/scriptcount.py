"""Counting the characters of several classes (scripts, letters) of a text in one pass.

Language detection and the page-script test count Han characters, kana, hangul and
letters over thousands of characters. One ``regex.findall`` per class builds a list of
one-character strings per match and walks the text once per class; here every character
is mapped once, with ``str.translate``, to one code for the classes it belongs to, and the
codes are counted with ``str.count`` (C speed). A character's classes are decided by
the same compiled patterns the callers would otherwise run, on that character alone, so
the counts are exactly ``len(pattern.findall(text))`` for single-character patterns.
"""
from __future__ import annotations

import threading
from typing import Callable, Optional, Sequence, Union

import regex

#: Codes of the class combinations (ASCII, so that ``CharMap`` can hold them).
_CODES = "".join(chr(c) for c in range(33, 127))
#: Most classes one counter takes: every combination of them needs a code.
MAX_CLASSES = 6


class ScriptCounter:
    """Counts of characters matching each of several single-character patterns.

    Every character is mapped (``CharMap``) to one code for the combination of classes
    it belongs to (most characters belong to one class or none); each code present is
    counted once with ``str.count`` and added to its classes' totals.

    ``secondary`` (optional) folds a second classification into the codes: a function
    from a character to one ASCII letter (``measure``'s width classes). Then one
    ``translate`` of a page serves both: the counts, and the secondary letters of every
    character (``secondary_letters``, an ASCII-to-ASCII translate of the codes). The last
    text coded is remembered, and a text that starts with it is coded from there on only
    (``codes``): language detection codes a page's first lines, the column stage the
    whole page after it."""

    def __init__(self, patterns: Sequence[regex.Pattern], secondary: Optional[Callable[[str], str]] = None):
        if len(patterns) > MAX_CLASSES:
            raise ValueError("too many classes")
        self.patterns = tuple(patterns)
        self.secondary = secondary
        #: (class combination, one flag per pattern; secondary letter) -> its code, in
        #: order of first sight
        self._combos: dict[tuple[tuple[bool, ...], str], str] = {}
        #: held while a new combination gets its code: counters are module-level and
        #: shared by threads (``layoutkit.dask`` with the threads scheduler), and two
        #: threads meeting new combinations at once must not take the same code
        self._new_code = threading.Lock()
        self._map = CharMap(self._code)
        #: code -> secondary letter (``secondary_letters``), for the codes made so far
        self._letters: dict[int, int] = {}
        #: the last text coded and its codes (``codes``)
        self._last: tuple[str, str] = ("", "")

    def _code(self, ch: str) -> str:
        combo = tuple(bool(p.fullmatch(ch)) for p in self.patterns)
        key = (combo, self.secondary(ch) if self.secondary is not None else "")
        code = self._combos.get(key)
        if code is None:
            with self._new_code:
                code = self._combos.get(key)
                if code is None:
                    if len(self._combos) >= len(_CODES):
                        raise ValueError("too many class combinations")
                    code = self._combos[key] = _CODES[len(self._combos)]
        return code

    def codes(self, text: str) -> str:
        """Every character of ``text`` as its code (one ``CharMap`` translate; a text
        that extends the last one coded is coded from where that one ended)."""
        last, last_codes = self._last
        if last and text.startswith(last):
            out = last_codes + self._map.translate(text[len(last):]) if len(text) > len(last) else last_codes
        else:
            out = self._map.translate(text)
        self._last = (text, out)
        return out

    def forget(self) -> None:
        """Forget the last text coded (``codes`` codes the next one from its start)."""
        self._last = ("", "")

    def counts(self, text: str) -> tuple[int, ...]:
        """How many characters of ``text`` match each pattern, in the patterns' order."""
        mapped = self.codes(text) if self.secondary is not None else self._map.translate(text)
        totals = [0] * len(self.patterns)
        # (a snapshot: another thread may add a combination meanwhile)
        for (combo, _), code in list(self._combos.items()):
            n = mapped.count(code) if any(combo) else 0
            if n:
                for i, hit in enumerate(combo):
                    if hit:
                        totals[i] += n
        return tuple(totals)

    def secondary_letters(self, codes: str) -> str:
        """The secondary letter of every character of a text, given its ``codes``."""
        if len(self._letters) != len(self._combos):
            self._letters = {ord(code): ord(letter) for (_, letter), code in list(self._combos.items())}
        return codes.translate(self._letters)


#: Code points below this are looked up in a ``CharMap``'s list (see there).
FAST_CODES = 0x10000
#: What a list entry holds for a character not classified yet: not ASCII, so it shows.
_UNSEEN_CODE = 0x80


class CharMap:
    """A per-character ``str.translate`` table filled on demand.

    ``str.translate`` through a dict subclass with ``__missing__`` costs about three
    times as much per character as through a plain dict, and a plain dict still hashes
    and compares a new integer per character. So the table is a *list* indexed by code
    point (the Basic Multilingual Plane), holding each value as a code point: every
    entry not classified yet holds a non-ASCII code, and since every value is ASCII, a
    result that is not ASCII (an O(1) test) means some character was new (or beyond the
    list, which ``translate`` passes through unchanged). Those are classified into the
    dict ``table`` (every character seen, the reference) and the text is translated
    again through it. Bounded by the distinct characters seen.
    """

    __slots__ = ("classify", "table", "fast")

    def __init__(self, classify: Callable[[str], str]):
        self.classify = classify
        self.table: dict[int, str] = {}
        self.fast: list[Union[int, str]] = [_UNSEEN_CODE] * FAST_CODES
        for code in range(128):
            self._add(code)

    def _add(self, code: int) -> None:
        value = self.classify(chr(code))
        if not value.isascii():
            raise ValueError("CharMap values must be ASCII")
        self.table[code] = value
        if code < FAST_CODES:
            # a one-character value as its code point: ``translate`` writes it directly
            self.fast[code] = ord(value) if len(value) == 1 else value

    def translate(self, text: str) -> str:
        """``text`` with every character replaced by its ``classify`` value."""
        out = text.translate(self.fast)
        if not out.isascii():  # characters not seen before (or beyond the list) passed through
            table = self.table
            out = text.translate(table)
            if not out.isascii():  # characters not seen before
                for code in {ord(ch) for ch in text if ord(ch) not in table}:
                    self._add(code)
                out = text.translate(table)
        return out


#: UTF-8 lead bytes of U+5000..U+8FFF, code points that are all Han (CJK Unified
#: Ideographs, assigned since Unicode 1.1): each such byte is one CJK letter.
_HAN_LEADS = (b"\xe5", b"\xe6", b"\xe7", b"\xe8")
#: Every byte but the ASCII letters; every byte at or above 0x80 (not ASCII).
_NOT_ASCII_LETTER = bytes(b for b in range(256) if not (65 <= b <= 90 or 97 <= b <= 122))
_NOT_ASCII = bytes(range(128, 256))


def latin_page_bound(text: str) -> Optional[bool]:
    """The page-script test ``letters > 0 and cjk < 0.3 * letters`` ("a Latin page")
    decided from bounds counted at C speed on the UTF-8 bytes of ``text``, or None when
    the bounds do not decide it (the caller then counts).

    ``latin-page-bound``: it holds for any count of "letters" that includes the ASCII
    letters and any count of "CJK" characters that includes U+5000..U+8FFF and no ASCII
    (the stages' definitions differ, all are such). The letters are at most all
    characters and the CJK ones at least those of U+5000..U+8FFF (one lead byte each), so
    when those are 30% of all characters the page is not Latin; the CJK characters are at
    most the non-ASCII ones and the letters at least the ASCII letters, so when the
    non-ASCII characters are fewer than 30% of the ASCII letters it is. A page of either
    script is settled here; only mixed pages near the threshold are counted."""
    data = text.encode("utf-8", "surrogatepass")
    n = len(text)
    han = 0
    for lead in _HAN_LEADS:  # (a Chinese page passes after two or three of the four)
        han += data.count(lead)
        if han >= 0.3 * n:
            return False  # cjk >= han >= 0.3 * n >= 0.3 * letters
    ascii_letters = len(data.translate(None, _NOT_ASCII_LETTER))
    non_ascii = n - len(data.translate(None, _NOT_ASCII))
    if non_ascii < 0.3 * ascii_letters:
        return True  # letters >= ascii_letters > 0 and cjk <= non_ascii < 0.3 * letters
    return None


def is_latin_page(text: str, count: Callable[[str], tuple[int, int]]) -> bool:
    """The page-script test ``letters > 0 and cjk < 0.3 * letters`` on ``text``, with
    ``count(text) -> (cjk, letters)`` giving the caller's definitions of both; settled by
    ``latin_page_bound`` without counting whenever the bounds decide it."""
    bound = latin_page_bound(text)
    if bound is not None:
        return bound
    cjk, letters = count(text)
    return letters > 0 and cjk < 0.3 * letters


def cjk_over_third_bound(text: str) -> Optional[bool]:
    """The page test ``cjk * 3 > letters`` of ``latin_titles`` (a page too CJK for the
    Latin title rules, with ``textwidth.cjk_and_letters``' counts), decided from the
    bounds of ``latin_page_bound`` at this test's threshold, or None when they do not
    decide it (the caller then counts): the CJK characters are at least those of
    U+5000..U+8FFF and the letters at most all characters, so more than a third of the
    characters in that range settles it True; the CJK characters are at most the
    non-ASCII ones and the letters at least the ASCII letters, so non-ASCII characters
    at most a third of the ASCII letters settle it False."""
    data = text.encode("utf-8", "surrogatepass")
    n = len(text)
    if 3 * sum(map(data.count, _HAN_LEADS)) > n:
        return True  # cjk * 3 >= han * 3 > n >= letters
    ascii_letters = len(data.translate(None, _NOT_ASCII_LETTER))
    non_ascii = n - len(data.translate(None, _NOT_ASCII))
    if 3 * non_ascii <= ascii_letters:
        return False  # cjk * 3 <= non_ascii * 3 <= ascii_letters <= letters
    return None

