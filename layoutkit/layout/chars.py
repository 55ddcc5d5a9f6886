"""Characters and graphics of one PDF page, as every PDF backend delivers them.

A backend (pdfplumber or pypdfium2, see ``readers.pdf``) turns a page into a
``PageContent``: its size, its visible characters and its graphics (ruling lines, rects,
images). Everything after this point is backend-independent, so both backends give the
same result as long as they agree on these numbers.

Character boxes are normalised here so the two backends cannot disagree on them: the
horizontal extent is the glyph's advance box (origin to origin + advance, identical in
both), and the vertical extent is derived from the baseline and the font size
(``baseline - 0.88 size`` to ``baseline + 0.12 size``, the ideographic em box) instead of
each library's own ascent/descent guess. Space glyphs the PDF draws are kept (text ``" "``)
as evidence of word spaces; spaces pdfium invents are not. Word gaps are measured again
from geometry as well (``lines``), because many PDFs draw no space glyphs at all.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from itertools import compress, repeat
from operator import and_, eq, le, mul, sub
from typing import NamedTuple, Sequence

import regex

#: Share of the font size above the baseline in the normalised char box (ideographic em box).
ASCENT = 0.88

#: Font names that mean a heavy face. Founder (FZ*) and other CJK font names spell the
#: family instead of the weight: 黑体 (Hei, ``HT``), 大黑 and 综艺 are the bold faces of
#: a Chinese page, 宋体/楷体/仿宋 the regular ones.
_BOLD_NAME = regex.compile(r"(?i)bold|black|heavy|semibold|demi|extrab|ultrab|[-,]?B$|hei|FZ\w*HT|zongyi|ZY")
_ITALIC_NAME = regex.compile(r"(?i)italic|oblique|kursiv")


@lru_cache(maxsize=4096)  # (asked once per line; a page has a few fonts)
def font_is_bold(name: str) -> bool:
    return bool(_BOLD_NAME.search(name.split("+", 1)[-1]))


@lru_cache(maxsize=4096)
def font_is_italic(name: str) -> bool:
    return bool(_ITALIC_NAME.search(name.split("+", 1)[-1]))


class Char(NamedTuple):
    """One visible character: normalised box (PDF points, origin top-left).

    A NamedTuple rather than a dataclass: a page has thousands and this is the one type
    whose construction cost shows in the benchmark (immutable all the same)."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    font: str
    #: False for glyphs drawn rotated (pdfplumber's ``upright``).
    upright: bool = True

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


def make_char(text: str, x0: float, x1: float, baseline: float, size: float, font: str, upright: bool = True) -> Char:
    """A ``Char`` with the normalised vertical box (see the module docstring)."""
    if x1 < x0:
        x0, x1 = x1, x0
    return Char(text, x0, baseline - ASCENT * size, x1, baseline + (1 - ASCENT) * size, size, font, upright)


@dataclass(frozen=True, slots=True)
class Rule:
    """A ruling line or the edge of a rect or image: something text does not cross."""

    x0: float
    top: float
    x1: float
    bottom: float
    kind: str  # "line", "rect", "image"


@dataclass(frozen=True, slots=True)
class PageContent:
    """What a backend extracts from one page."""

    number: int
    width: float
    height: float
    chars: tuple[Char, ...]
    rules: tuple[Rule, ...] = ()
    images: tuple[Rule, ...] = ()
    #: Glyphs without a Unicode mapping (``(cid:NN)``), dropped from ``chars``.
    unmapped: int = 0
    #: Characters drawn invisibly (render mode 3: an OCR layer over a scan).
    invisible: int = 0
    #: Axis-aligned rectangles wider and taller than a ruling line (stroked frames, tinted
    #: panels), each subpath of a path on its own: the candidates for boxed sidebars.
    boxes: tuple[Rule, ...] = ()


def dedupe(chars: list[Char], tolerance: float = 0.15) -> tuple[list[Char], int]:
    """Remove fake-bold doubles: the same glyph drawn again within ``tolerance`` ems of
    itself (typesetters fake a bold face by overprinting with a small offset). Returns
    the kept characters (first drawn wins, drawing order kept) and how many were removed.
    """
    drop = doubles(chars, tolerance)
    if not drop:
        return list(chars), 0
    return [c for k, c in enumerate(chars) if k not in drop], len(drop)


def doubles(chars: Sequence[Char], tolerance: float = 0.15) -> set[int]:
    """Positions in ``chars`` of the fake-bold doubles ``dedupe`` removes.

    Sorting by (glyph, x0) puts a double right after its original: only the run of
    following chars with the same glyph and an x0 within tolerance is compared (by x0
    rather than by top: the same glyph recurs many times along one line, rarely at one x0).
    Only the relative drawing order of the chars matters (first drawn wins), so asking
    about a subsequence of a page's chars that holds every char of every double pair
    gives the same doubles (``runs.run_doubles`` relies on that).
    """
    if not chars:
        return set()
    # Sorted by (glyph, x0, drawing order) in two stable sorts, each on keys of one type
    # (floats, then strings: CPython compares those without the generic tuple comparison,
    # several times faster than sorting (glyph, x0, index) tuples); then the sorted chars
    # as parallel plain sequences, read in C: the scans below index floats, not chars.
    all_texts, all_x0s, all_tops, _x1s, _bottoms, all_sizes = list(zip(*chars))[:6]
    order = sorted(range(len(chars)), key=all_x0s.__getitem__)
    order.sort(key=all_texts.__getitem__)
    n = len(order)
    texts = list(map(all_texts.__getitem__, order))
    xs = list(map(all_x0s.__getitem__, order))
    tops = list(map(all_tops.__getitem__, order))
    sizes = list(map(all_sizes.__getitem__, order))
    drop: set[int] = set()
    # only where the next glyph in order could be a double is there anything to do (the
    # same glyph within tolerance along x); found in one pass over neighbouring pairs, in C
    candidates = compress(range(n - 1), map(and_, map(eq, texts, texts[1:]),
                                            map(le, map(sub, xs[1:], xs), map(mul, repeat(tolerance), sizes))))
    for pos in candidates:
        i = order[pos]
        if i in drop:
            continue
        text, x0, top, size = texts[pos], xs[pos], tops[pos], sizes[pos]
        tol = tolerance * size
        for q in range(pos + 1, n):
            if texts[q] != text or xs[q] - x0 > tol:
                break
            if abs(tops[q] - top) <= tol and abs(sizes[q] - size) <= tol:
                j = order[q]
                if j in drop:
                    continue
                # keep whichever was drawn first
                drop.add(max(i, j))
                if j < i:
                    break
    return drop
