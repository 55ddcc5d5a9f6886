"""Titles from type size: a classification rule for inputs with line geometry and styles.

Old newspapers end their section heads with a full stop (``Tweede Kamer.``, ``Onderwijs.``),
so the text rules (``classify._title_like``: no sentence end) take them for body text.
OCR XML knows better: such a head is an input region of its own, set larger than the body.

Rule ``geometric-title``: a paragraph that is a whole input region of at most
``MAX_LINES`` lines, short (``ClassifyParams.title_max_ems``), not opening in lowercase,
still typed plain body by the text rules, and set at least ``SIZE_RATIO`` times the page's
body size (the font size most of the page's characters carry; without font sizes, the
line height instead, at ``HEIGHT_RATIO``) is a title. A bold line of body size is left
alone: that is how intertitles inside an article are set.

Runs after ``classify`` and before the input's own region types (``hints``), which win.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import replace
from statistics import median
from typing import Optional, Sequence

from .classify import Typed
from .measure import shape
from .params import ClassifyParams

#: A title line's font size relative to the body size (FONTSIZE is in whole points:
#: 11 pt heads over 9 pt body is 1.22).
SIZE_RATIO = 1.18
#: The same with line heights, for inputs without font sizes (a taller line box).
HEIGHT_RATIO = 1.35
MAX_LINES = 3


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


def apply_geometric_titles(items: Sequence[Typed], params: ClassifyParams) -> list[Typed]:
    """Retype short, large-set whole input regions as titles (see the module docstring)."""
    region_lines: Counter[str] = Counter()
    for t in items:
        for ln in t.para.lines:
            if ln.region is not None:
                region_lines[ln.region] += 1
    size = _body_size(items)
    height = _body_height(items)
    if size is None and height is None:
        return list(items)
    out: list[Typed] = []
    for t in items:
        lines = t.para.lines
        region = lines[0].region
        text = t.text.strip()
        eligible = (t.type == "body" and t.hint == "" and region is not None and len(lines) <= MAX_LINES
                    and all(ln.region == region for ln in lines) and region_lines[region] == len(lines)
                    and text and not text[0].islower() and shape(text).ems <= params.title_max_ems)
        if not eligible:
            out.append(t)
            continue
        why = None
        sizes = [ln.font_size for ln in lines if ln.font_size]
        if size is not None and sizes and median(sizes) >= SIZE_RATIO * size:
            why = f"geometric-title: set at {median(sizes):g} over body {size:g}"
        elif size is None and height is not None:
            hs = [ln.bbox.height for ln in lines if ln.bbox is not None]
            if hs and median(hs) >= HEIGHT_RATIO * height:
                why = f"geometric-title: line height {median(hs):g} over body {height:g}"
        if why is None:
            out.append(t)
            continue
        out.append(replace(t, type="headline", hint="title", reasons=t.reasons + (why,)))
    return out
