"""Titles from type size: a classification rule for inputs with line geometry and styles.

Old newspapers end their section heads with a full stop (``Tweede Kamer.``, ``Onderwijs.``),
so the text rules (``classify._title_like``: no sentence end) take them for body text.
OCR XML knows better: such a head is an input region of its own, set apart by its type.

Rule ``geometric-title``: a paragraph that is a whole input region of at most
``MAX_LINES`` lines, short (``ClassifyParams.title_max_ems``), not opening in lowercase,
still typed plain body (or intertitle) by the text rules, is a title when

* it is set at least ``SIZE_RATIO`` times the page's body size (the font size most of the
  page's characters carry), or
* its line boxes are ``HEIGHT_RATIO`` times the page's median line height (OCR font sizes
  are often wrong or missing) and its Latin text is in title case (``_title_cased``: a
  skewed or merged OCR line of running text is tall too), or
* it is a line of capitals not set below body size (``PLAIN_RATIO``), or
* it is bold, not smaller than the body and centered over the next paragraph's column
  (a news head: ``Grave accident.``).

A bold intertitle inside an article shares its region with the paragraphs and is left
alone. Runs after ``classify`` and before the input's own region types (``hints``), which win.

Rule ``in-region-title``: OCR engines and library zoning open a new input region (ALTO
``TextBlock``, PAGE ``TextRegion``) where an article opens, so a line the text rules call
a title that sits inside a region, below its first line, is a head within the text: an
intertitle, a table's row or section head (``Gaz Central cpt.``, ``RENTES ET ACTIONS``
inside a stock table), a market-report item head. It becomes an ``intertitle`` and
opens no article. (Measured on the ALTO dev cases: article_ari 0.688 -> 0.729, and
block_f1 up on bnf and kb.)

Rule ``geometric-not-title`` is the converse of ``geometric-title``: the text rules call any short Latin line
without a sentence end a title when the input has geometry (``classify._title_like``
leaves the case test to "other evidence"). On OCR XML that evidence is here: a line that
is neither in title case (``classify.latin_title_case``: capitals, or every long word
capitalized) nor set apart by its type (none of the signals above) is a line of running
text cut short by its box (an OCR fragment of a damaged page, the last line of a
paragraph), so it goes back to body and does not open an article.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import replace
from statistics import median

import regex
from typing import Optional, Sequence

from .classify import Typed, latin_title_case
from .measure import shape
from .params import ClassifyParams

#: A title line's font size relative to the body size (FONTSIZE is in whole points:
#: 11 pt heads over 9 pt body is 1.22).
SIZE_RATIO = 1.18
#: The same with line heights, for inputs without font sizes (a taller line box).
HEIGHT_RATIO = 1.35
MAX_LINES = 3
#: A capitals line set below this share of the body size is not a title.
PLAIN_RATIO = 1.1


def _body_size(items: Sequence[Typed]) -> Optional[float]:
    sizes: Counter[float] = Counter()
    for t in items:
        for ln in t.para.lines:
            if ln.font_size:
                sizes[ln.font_size] += len(ln.text)
    return sizes.most_common(1)[0][0] if sizes else None


def _body_height(items: Sequence[Typed]) -> Optional[float]:
    heights = [ln.bbox.height for t in items for ln in t.para.lines if ln.bbox is not None and ln.bbox.height > 0]
    return median(heights) if heights else None


def _tall(lines, height: Optional[float]) -> bool:
    """The lines' median height is at least ``HEIGHT_RATIO`` times the page's."""
    hs = [ln.bbox.height for ln in lines if ln.bbox is not None]
    return height is not None and bool(hs) and median(hs) >= HEIGHT_RATIO * height


def _centered(t: Typed, nxt: Optional[Typed]) -> bool:
    """``t`` sits centered over the next paragraph's column: both side gaps at least a
    tenth of that column's width and within a quarter of it of each other."""
    box, below = t.para.bbox, nxt.para.bbox if nxt is not None else None
    if box is None or below is None or below.width <= 0:
        return False
    left, right = box.x0 - below.x0, below.x1 - box.x1
    return min(left, right) >= 0.1 * below.width and abs(left - right) <= 0.25 * below.width


def _capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 6 and sum(c.isupper() for c in letters) >= 0.9 * len(letters) and " " in text.strip()


_LAST_WORD = regex.compile(r"(?<![\p{L}.])(\p{L}{1,2})(?!\.)\W*$")


def _clipped(text: str) -> bool:
    """The line ends in a clipped word: one letter, or two not both capitals (``Jane Cr``,
    ``Greek D``, ``So Mo``), as an OCR fragment cut by its box does; a title ends in a
    whole word (``When IN``, ``Louis XV`` end in capitals)."""
    if " " not in text.strip():
        return False
    m = _LAST_WORD.search(text)
    return bool(m) and (len(m.group(1)) == 1 or not m.group(1).isupper())


def _title_cased(text: str) -> bool:
    """CJK text, or Latin text in title case (``classify.latin_title_case``) that does not
    end in a clipped word: a tall line box alone is no title evidence for Latin running
    text (a skewed scan line or two lines the OCR merged are tall too)."""
    return shape(text).cjk >= 0.3 or (latin_title_case(text) and not _clipped(text))


def _plain_fragment(t: Typed, lines, sizes, size: Optional[float], tall: bool,
                    items: Sequence[Typed], k: int) -> bool:
    """A text-rule title with no title evidence: Latin, not title case, not larger, not
    bold and centered (``geometric-not-title`` in the module docstring); a taller line
    box is no evidence for text in running-text case (``_title_cased``)."""
    text = t.text.strip()
    if not text or shape(text).cjk >= 0.3 or (latin_title_case(text) and not _clipped(text)):
        return False
    if size is not None and sizes and median(sizes) >= SIZE_RATIO * size:
        return False
    if all(ln.bold for ln in lines) and _centered(t, items[k + 1] if k + 1 < len(items) else None):
        return False
    return True


def _inside_region(t: Typed, region_first: dict[str, int]) -> bool:
    """The paragraph does not open its input region (``in-region-title``)."""
    first = t.para.lines[0]
    return first.region is not None and region_first.get(first.region) != first.number


def apply_geometric_titles(items: Sequence[Typed], params: ClassifyParams) -> list[Typed]:
    """Retype short whole input regions set apart by their type as titles (module docstring)."""
    region_lines: Counter[str] = Counter()
    for t in items:
        for ln in t.para.lines:
            if ln.region is not None:
                region_lines[ln.region] += 1
    size = _body_size(items)
    height = _body_height(items)
    if size is None and height is None:
        return list(items)
    region_first: dict[str, int] = {}
    for t in items:
        for ln in t.para.lines:
            if ln.region is not None:
                region_first[ln.region] = min(region_first.get(ln.region, ln.number), ln.number)
    out: list[Typed] = []
    for k, t in enumerate(items):
        lines = t.para.lines
        if t.hint == "title" and t.type == "headline" and _inside_region(t, region_first):
            out.append(replace(t, type="intertitle", hint="", reasons=t.reasons + (
                "in-region-title: a title line inside an input region, not opening it, is an intertitle",)))
            continue
        sizes = [ln.font_size for ln in lines if ln.font_size]
        tall = _tall(lines, height)
        region = lines[0].region
        text = t.text.strip()
        if t.hint == "title" and t.type == "headline" and _plain_fragment(t, lines, sizes, size, tall, items, k):
            out.append(replace(t, type="body", hint="", reasons=t.reasons + (
                "geometric-not-title: a short line in running-text case and body type",)))
            continue
        eligible = ((t.type == "body" and t.hint == "") or t.type == "intertitle") and (
                    region is not None and len(lines) <= MAX_LINES
                    and all(ln.region == region for ln in lines) and region_lines[region] == len(lines)
                    and bool(text) and not text[0].islower() and shape(text).ems <= params.title_max_ems)
        if not eligible:
            out.append(t)
            continue
        why = None
        if size is not None and sizes and median(sizes) >= SIZE_RATIO * size:
            why = f"geometric-title: set at {median(sizes):g} over body {size:g}"
        elif tall and _title_cased(text):
            why = f"geometric-title: line height over {HEIGHT_RATIO:g} times the body's {height:g}"
        elif _capitals(text) and (size is None or not sizes or median(sizes) >= PLAIN_RATIO * size):
            why = "geometric-title: a capitals line in a region of its own, set above body size"
        elif all(ln.bold for ln in lines) and size is not None and sizes and median(sizes) >= size \
                and _centered(t, items[k + 1] if k + 1 < len(items) else None):
            why = "geometric-title: a bold centered line in a region of its own, not smaller than the body"
        if why is None:
            out.append(t)
            continue
        out.append(replace(t, type="headline", hint="title", reasons=t.reasons + (why,)))
    return out
