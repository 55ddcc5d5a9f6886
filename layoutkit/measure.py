"""Line metrics in ems, the unit every text tolerance uses.

One em is the width of one CJK character; a half-width (Latin, digit) character is half an
em. In a CJK line, spaces are gaps the extractor inserted (justification, CJK/Latin
spacing) and take no width; in a Latin line a space is a character like any other.

CJK punctuation has no fixed width: typesetters compress it to half an em where it meets
other punctuation or where a line needs room (标点挤压). So a CJK line's width is an
interval ``[lo, hi]``: every punctuation mark counted as half an em gives ``lo``, as a
full em gives ``hi``. A line is full when the column measure lies in (or near) that
interval. East-Asian-ambiguous characters (“ ” ‘ ’ … — ·) count as punctuation in CJK
lines and as half-width characters in Latin lines.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from itertools import repeat
from operator import sub
from typing import Any, Callable, Iterable, Optional, Sequence

from .scriptcount import CharMap
from .slotbuild import slot_setters, twin_fits
from .textwidth import _LAST_COUNTS, is_cjk


def _classify_char(ch: str) -> str:
    """One letter per character class, so a line's widths can be counted with C-speed
    string operations: h CJK letter, q CJK punctuation (compressible), w other wide,
    a East-Asian-ambiguous, n narrow, z zero-width, s space."""
    if ch.isspace():
        return "s"
    if unicodedata.combining(ch):
        return "z"
    eaw = unicodedata.east_asian_width(ch)
    if eaw in ("W", "F"):
        punct = unicodedata.category(ch).startswith("P") or ch in "％～"
        if is_cjk(ch):
            return "q" if punct else "h"
        return "q" if punct else "w"
    if eaw == "A":
        return "a"
    return "n"


#: Code point -> class letter (``_classify_char``), filled on demand.
_CLASSES = CharMap(_classify_char)
#: Class letters -> ``q`` for compressible punctuation (``q``, ``a``), ``x`` for the rest:
#: the number of runs of compressible marks is then the number of ``xq`` boundaries.
_RUN_MARKS = str.maketrans("hwnzsaq", "xxxxxqq")


def char_classes(text: str) -> str:
    return _CLASSES.translate(text)


@dataclass(frozen=True, slots=True)
class LineShape:
    """What the reflow and column stages need to know about one line's text."""

    #: Narrowest width the line can have (compressed punctuation), in ems.
    lo: float
    #: Widest width (full-width punctuation), in ems.
    hi: float
    #: Share of non-space characters that are CJK.
    cjk: float
    #: Number of leading spaces in the raw text (an indent in Latin OCR text).
    indent: int
    #: True when the line is letter-spaced for justification (``支 配 收 入``): a full line.
    letterspaced: bool
    #: Best single estimate of the width: the middle of the interval. Derived from ``lo``
    #: and ``hi`` once, when the shape is made (the column and reflow stages read it
    #: thousands of times a page; a property would recompute it on every read).
    ems: float = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "ems", (self.lo + self.hi) / 2)


class _ShapeInit:
    """A mutable twin of ``LineShape``'s slot layout (``shape-twin``, as ``model``'s
    ``_LineInit`` for ``Line``): its plain ``__init__`` stores the six fields with slot
    stores, and the object becomes a ``LineShape`` by ``__class__`` assignment, about half
    the cost of the slot setters (a page makes a hundred shapes). ``_shape_builder`` uses
    it only when that makes exactly ``LineShape(...)``: not in the compiled build, where
    ``LineShape`` is a native class and the assignment is refused."""

    __slots__ = ("lo", "hi", "cjk", "indent", "letterspaced", "ems")

    def __init__(self, lo: float, hi: float, cjk: float, indent: int, spaced: bool) -> None:
        self.lo = lo
        self.hi = hi
        self.cjk = cjk
        self.indent = indent
        self.letterspaced = spaced
        self.ems = (lo + hi) / 2  # (as ``__post_init__``)


def _twin_builder() -> Optional[Callable[[float, float, float, int, bool], LineShape]]:
    """``make_shape`` through ``_ShapeInit`` (``shape-twin``), or None when the twin does
    not make exactly ``LineShape(...)`` (checked on a probe of distinct values)."""
    if not twin_fits(_ShapeInit, LineShape, (1.5, 4.0, 0.25, 3, True)):
        return None
    twin: Any = _ShapeInit
    cls = LineShape

    def build(lo: float, hi: float, cjk: float, indent: int, spaced: bool) -> LineShape:
        s = twin(lo, hi, cjk, indent, spaced)
        s.__class__ = cls
        return s  # type: ignore[no-any-return]

    return build


def _shape_builder() -> Callable[[float, float, float, int, bool], LineShape]:
    """``LineShape(lo, hi, cjk, indent, letterspaced)``, built as ``_ShapeInit``'s twin
    (``shape-twin``) or by setting its slots directly (``slotbuild``) when it is a plain
    Python class; the class itself otherwise (compiled, or grown a field this builder
    does not set)."""
    twin = _twin_builder()
    if twin is not None:
        return twin
    names = ("lo", "hi", "cjk", "indent", "letterspaced", "ems")
    setters = slot_setters(LineShape, names)
    if setters is None:
        return LineShape
    set_lo, set_hi, set_cjk, set_indent, set_spaced, set_ems = setters
    new = LineShape.__new__  # (object.__new__ refuses a compiled class: slotbuild)

    def build(lo: float, hi: float, cjk: float, indent: int, spaced: bool) -> LineShape:
        s = new(LineShape)
        set_lo(s, lo)
        set_hi(s, hi)
        set_cjk(s, cjk)
        set_indent(s, indent)
        set_spaced(s, spaced)
        set_ems(s, (lo + hi) / 2)  # (as ``__post_init__``)
        return s  # type: ignore[no-any-return]

    return build


#: Builds a ``LineShape`` from its five values (see ``_shape_builder``).
make_shape = _shape_builder()


def is_cjk_text(cjk_share: float) -> bool:
    return cjk_share >= 0.3


def width_interval(text: str, cjk_context: bool) -> tuple[float, float]:
    """``(lo, hi)`` width of ``text`` in ems.

    A run of k adjacent CJK punctuation marks is squeezed by typesetters to between k/2
    and k/2 + 1/2 ems (``’，`` takes about one em, not two); a lone mark to between half
    and one em.
    """
    return _interval(char_classes(text), cjk_context)


def _interval(classes: str, cjk_context: bool) -> tuple[float, float]:
    wide = classes.count("h") + classes.count("w")
    if cjk_context:
        body = classes.replace("s", "")
        compressible = body.count("q") + body.count("a")
        runs = ("x" + body).translate(_RUN_MARKS).count("xq")  # runs of [qa]+
        narrow = body.count("n")
        lo = wide + 0.5 * narrow + 0.5 * compressible
        return lo, lo + 0.5 * runs
    # in Latin text punctuation is not compressed; full-width marks still take an em
    full = wide + classes.count("q")
    narrow = classes.count("n") + classes.count("a") + classes.count("s")
    w = full + 0.5 * narrow
    return w, w


class _TokenTable(dict):
    """``str.translate`` table for ``letterspaced``: whitespace stays (tokens split where
    they did), every other character becomes one letter for its two facts: ``X`` CJK and
    alphanumeric, ``Y`` CJK only, ``Z`` alphanumeric only, ``W`` neither. Filled on demand."""

    def __missing__(self, key: int) -> str:
        ch = chr(key)
        if ch.isspace():
            value = ch
        else:
            value = ("X" if ch.isalnum() else "Y") if is_cjk(ch) else ("Z" if ch.isalnum() else "W")
        self[key] = value
        return value


_TOKENS = _TokenTable()


def letterspaced(text: str, share: float = 0.6) -> bool:
    """True when most CJK tokens of the line are single characters separated by spaces,
    the signature of justification spacing extracted as spaces (``化 中 扮 演 着``)."""
    tokens = text.split()
    if len(tokens) < 4:
        return False
    # per token, with C-speed tests on its translated letters (``_TokenTable``): a token is
    # CJK when it holds a CJK character, single when at most one character is alphanumeric
    cjk_tokens = [t for t in text.translate(_TOKENS).split() if "X" in t or "Y" in t]
    if len(cjk_tokens) < 4:
        return False
    several = [t for t in cjk_tokens if len(t) > 1 and t.count("X") + t.count("Z") > 1]
    return (len(cjk_tokens) - len(several)) / len(cjk_tokens) >= share


#: Line shapes already computed, by (text, letterspace_share): stages look at the same
#: lines again (columns, reflow, continuation, classify). Bounded: emptied when full.
_SHAPES: dict[tuple[str, float], LineShape] = {}
SHAPE_CACHE_SIZE = 16384
#: One ``LineShape`` per distinct value, by its fields: a page's lines have a few dozen
#: distinct shapes (most full lines of a column are alike), and building a frozen
#: dataclass costs about ten times a lookup here. Shapes are immutable, so sharing one
#: object between lines is safe. Bounded like ``_SHAPES``.
_INTERNED: dict[tuple[float, float, float, int, bool], LineShape] = {}


def shape(text: str, letterspace_share: float = 0.6) -> LineShape:
    """The shape of one line of text (memoized in ``_SHAPES``).

    Called with or without ``letterspace_share``, the same line hits one cache entry."""
    key = (text, letterspace_share)
    found = _SHAPES.get(key)
    if found is None:
        if len(_SHAPES) >= SHAPE_CACHE_SIZE:
            _SHAPES.clear()
        found = _SHAPES[key] = _shape(text, letterspace_share)
    return found


def clear_shape_cache() -> None:
    """Forget every memoized line shape (benchmarks: a repeated page must not hit it),
    and the other per-page memos registered with ``forget_with_shapes``."""
    _SHAPES.clear()
    _INTERNED.clear()
    for forget in _FORGET:
        forget()


#: Functions that forget other memos of a page's text (``clear_shape_cache``).
_FORGET: list[Callable[[], None]] = []


def forget_with_shapes(forget: Callable[[], None]) -> None:
    """Have ``clear_shape_cache`` call ``forget`` too (a module that memoizes what it
    learnt of the last page, e.g. ``language``'s page codes, which ``measure`` cannot
    import)."""
    _FORGET.append(forget)


# (``textwidth`` cannot import this module: its last page text is forgotten from here)
forget_with_shapes(_LAST_COUNTS.clear)


def _shape(text: str, letterspace_share: float) -> LineShape:
    """``shape`` without the memo: what ``_interval`` gives for the line's classes, in
    one function and with the fewest string passes (see ``_shape_of``)."""
    stripped = text.strip()
    return _shape_of(text, stripped, _CLASSES.translate(stripped), letterspace_share)


def _shape_of(text: str, stripped: str, classes: str, letterspace_share: float) -> LineShape:
    """The shape of ``text`` from its stripped text and that text's class letters.
    ``_shape_reference`` in tests/test_speed_equivalence.py states the same plainly; the
    shortcuts, each exact:

    * a Latin line's runs of spaces count one space each (the reference classifies the
      text again with runs collapsed): the stripped text has ``len(split()) - 1`` of them;
    * a line without compressible marks has no runs of them;
    * ``letterspaced`` needs four tokens, so three spaces at least.
    """
    spaces = classes.count("s")
    n = len(classes) - spaces
    h = classes.count("h")
    q = classes.count("q")
    cjk = (h + q) / n if n else 0.0
    wide = h + classes.count("w")
    a = classes.count("a")
    if cjk >= 0.3:  # (``is_cjk_text``)
        lo = wide + 0.5 * classes.count("n") + 0.5 * (q + a)
        if q or a:
            body = classes.replace("s", "") if spaces else classes
            hi = lo + 0.5 * ("x" + body).translate(_RUN_MARKS).count("xq")
        else:
            hi = lo
        spaced = spaces >= 3 and letterspaced(stripped, letterspace_share)
    else:
        if spaces > 1 and "ss" in classes:
            spaces = len(stripped.split()) - 1
        lo = hi = wide + q + 0.5 * (classes.count("n") + a + spaces)
        spaced = False
    return _interned(lo, hi, cjk, len(text) - len(text.lstrip(" ")), spaced)


def _interned(lo: float, hi: float, cjk: float, indent: int, spaced: bool) -> LineShape:
    """The one ``LineShape`` of these values (``_INTERNED``)."""
    key = (lo, hi, cjk, indent, spaced)
    found = _INTERNED.get(key)
    if found is None:
        if len(_INTERNED) >= SHAPE_CACHE_SIZE:
            _INTERNED.clear()
        found = _INTERNED[key] = make_shape(lo, hi, cjk, indent, spaced)
    return found


def _classify_page_char(ch: str) -> str:
    """``_classify_char``, except that a line break is ``|``: the class letters of a
    page's lines joined by line breaks split into each line's class letters."""
    return "|" if ch == "\n" else _classify_char(ch)


#: Code point -> class letter for page text (``_classify_page_char``), filled on demand.
_PAGE_CLASSES = CharMap(_classify_page_char)
#: ``_classify_page_char`` under its public name (``language`` folds it into its codes).
page_char_class = _classify_page_char


def _per_line_bytes(page: bytes, drop: bytes) -> list[int]:
    """How many letters each line of ``page`` (class letters as bytes, lines separated by
    ``|``) keeps when the letters ``drop`` are deleted: one C-level translate, split and
    ``len`` over the page (``bytes`` forms: cheaper than ``str``'s, and the letters are
    ASCII, so the counts are the same)."""
    return list(map(len, page.translate(None, drop).split(b"|")))


def _runs_per_line(page: bytes) -> list[int]:
    """How many runs of compressible marks (``q`` or ``a``) each line of ``page`` (class
    letters as bytes, lines separated by ``|``, spaces ignored) holds, the number
    ``_shape_of`` counts as ``xq`` boundaries. ``page-mark-runs``: each run is squeezed
    to one mark by replacing doubled marks over the whole page until none is left (one
    C-level pass each; runs are short, so two or three passes; the other letters, ``x``,
    keep runs apart and are deleted after), and the marks left are counted per line
    like the other quantities — instead of a ``count`` and a
    ``startswith`` called per line."""
    marks = page.translate(_RUN_BYTES, b"s")
    while b"qq" in marks:
        marks = marks.replace(b"qq", b"q")
    return list(map(len, marks.translate(None, b"x").split(b"|")))


#: Class letters (bytes) -> compressible marks (``q``, ``a``) as ``q``, the other letters
#: as ``x`` (which keep runs apart until the runs are squeezed); spaces are deleted with it.
_RUN_BYTES = bytes.maketrans(b"hwnza", b"xxxxq")


def page_shapes(texts: Sequence[str], stripped: Sequence[str], letterspace_share: float = 0.6) -> list[LineShape]:
    """``[shape(t, letterspace_share) for t in texts]`` for a page's non-blank lines, given
    each text stripped; the answers go into the memo that ``shape`` reads, so later
    stages asking about a line find it.

    ``page-line-shapes``: instead of a dozen string operations per line, the page's
    stripped lines are classified with one ``translate`` of their texts joined by line
    breaks (which classify as ``|``), and each quantity a CJK line's shape needs (its
    non-space characters, CJK characters, wide characters, half-em characters, runs of
    compressible marks) is counted for every line at once: the page's class letters
    translated to keep only the letters counted, split at the ``|``, the pieces'
    lengths. A CJK line with fewer than three spaces (it cannot be letter-spaced) is then
    a few arithmetic operations; other lines (Latin, possibly letter-spaced) go through
    ``_shape_of`` on their own class letters. Same numbers as ``_shape_of``: every
    width is a whole number of half ems, so adding them in another order is exact."""
    if not texts:
        return []
    classes = _PAGE_CLASSES.translate("\n".join(stripped)).split("|")
    if len(classes) != len(texts):  # (some text holds a line break of its own)
        out = [_shape_of(t, p, _CLASSES.translate(p), letterspace_share) for t, p in zip(texts, stripped)]
        _remember(texts, out, letterspace_share)
        return out
    return shapes_of_classes(texts, classes, letterspace_share)


def shapes_of_classes(texts: Sequence[str], classes: Sequence[str], letterspace_share: float = 0.6
                      ) -> list[LineShape]:
    """``page_shapes`` given the class letters of each stripped text (no line break in
    any text), e.g. read off codes made for another stage (``columns.text_regions``)."""
    page = "|".join(classes).encode("ascii")  # (class letters are ASCII: ``CharMap``)
    nonspace = _per_line_bytes(page, b"s")
    cjk_chars = _per_line_bytes(page, b"swanz")
    wide = _per_line_bytes(page, b"sqanz")
    half: Iterable[int]
    if b"z" in page:
        half = _per_line_bytes(page, b"shwz")
    else:  # (every non-space letter is then wide, ``hw``, or half, ``nqa``)
        half = map(sub, nonspace, wide)
    runs = _runs_per_line(page)
    out: list[LineShape] = []
    append = out.append
    interned = _INTERNED
    if len(interned) + len(texts) > SHAPE_CACHE_SIZE:
        interned.clear()  # (once here, so a new shape below goes in without a size test)
    for text, cls, n, c, w, hf, r in zip(texts, classes, nonspace, cjk_chars, wide, half, runs):
        cjk = c / n  # (a non-blank line has a non-space character)
        if cjk < 0.3 or len(cls) - n >= 3:
            append(_shape_of(text, text.strip(), cls, letterspace_share))
            continue
        lo = w + 0.5 * hf
        hi = lo + 0.5 * r
        indent = len(text) - len(text.lstrip(" ")) if text[0] == " " else 0
        key = (lo, hi, cjk, indent, False)
        found = interned.get(key)
        if found is None:  # (``_interned``, inlined: a fresh page misses for half its lines)
            found = interned[key] = make_shape(lo, hi, cjk, indent, False)
        append(found)
    _remember(texts, out, letterspace_share)
    return out


def _remember(texts: Sequence[str], shapes: list[LineShape], letterspace_share: float) -> None:
    """Put a page's shapes into ``shape``'s memo (emptied first when it would overflow)."""
    if len(_SHAPES) + len(shapes) > SHAPE_CACHE_SIZE:
        _SHAPES.clear()
    _SHAPES.update(zip(zip(texts, repeat(letterspace_share)), shapes))
