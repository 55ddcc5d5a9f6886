"""Typing rules from geometry: what font size, weight and position say about a block.

Text rules (``classify``) see only characters. Inputs with geometry (PDF, OCR XML with
font sizes) carry more, and these rules use it. They run only when the paragraphs' lines
carry ``font_size``; each decision is named in the block's ``reasons``.

First pass (after the text rules' first pass, before their neighbour pass):

* ``image-caption`` / ``image-credit``: a paragraph the layout stage found at a picture
  (``layout.captions``) is its caption (a credit when the credit pattern matches it) or
  its credit line;
* ``page-zone``: a paragraph the layout stage found in the page's top margin is a page
  header; in the bottom margin a footer (or a page-level credit when it reads as one);
* ``title-size``: a short paragraph (at most three lines) set at least
  ``TITLE_RATIO`` times the page's body size is title material, whatever its text
  unless it is OCR debris (``noise.is_noise``: large letters read off an ornament);
* ``style-family``: the paragraph's column family becomes its text style (see
  ``_style_family``);
* ``body-size``: a paragraph the text rules took for a title but which is set in the
  body size, in a regular weight, inside a measured column, is body text (a paragraph's
  first line alone at the foot of a column);
* ``bold-lead-in``: such a paragraph in the body size but bold, whose sentence runs on
  into the paragraph right below it in the same font and size and ends there, is body
  text too: a bold lead sentence (``_runs_on``), not a title.

Second pass (after the neighbour rules):

* ``intertitle-family``: an intertitle takes the style family of the body text after
  it, so it stays in that body's run;
* ``caption-distance``: paragraphs typed captions because a credit follows them are
  body again when that credit sits in the page margin or more than ``CAPTION_GAP`` body
  sizes below them (a credit closes the caption right above it, not a column).
"""
from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from itertools import chain
from operator import attrgetter, itemgetter
from typing import Callable, Iterable, Optional, Sequence

from .classify import Typed
from .layout.captions import CAPTION, CAPTION_ABOVE, CREDIT
from .model import Line, evolve
from .noise import is_noise
from .profile import Profile
from .reflow import ends_sentence
from .slotbuild import field_replacer

#: Text this many times the body size is title material.
TITLE_RATIO = 1.3
#: A credit more than this many body sizes away does not close a caption.
CAPTION_GAP = 3.0


def has_geometry(items: Sequence[Typed]) -> bool:
    return any(t.para.lines and t.para.lines[0].font_size is not None for t in items)


def _dominant_size(lines: Iterable[Line]) -> Optional[float]:
    """The font size most of the lines' characters are set in."""
    if type(lines) is tuple and len(lines) == 1:
        return lines[0].font_size  # (one line, most paragraphs of a scan: its size)
    weights: dict[float, int] = {}
    for ln in lines:
        if ln.font_size is not None:
            weights[ln.font_size] = weights.get(ln.font_size, 0) + len(ln.text)
    if not weights:
        return None
    return max(weights.items(), key=lambda kv: kv[1])[0]


def _size(t: Typed) -> Optional[float]:
    """The paragraph's size: the size most of its characters are set in."""
    return _dominant_size(t.para.lines)


def body_size(items: Sequence[Typed]) -> Optional[float]:
    """The size most of the page's characters are set in."""
    return _page_size(items)


def _region_zone(t: Typed) -> str:
    """The one region type all of the paragraph's lines carry when it is a page margin
    (``page-head``, ``page-foot``) or a place at a picture (``CAPTION``,
    ``CAPTION_ABOVE``, ``CREDIT``: ``layout.captions``), else ""."""
    zones = {ln.region_type for ln in t.para.lines}
    if len(zones) != 1:
        return ""
    zone = zones.pop()
    return zone if zone is not None and zone in _ZONES else ""


def _bold(t: Typed) -> bool:
    return any(ln.bold for ln in t.para.lines)


def _style_family(t: Typed, size: Optional[float]) -> Optional[float]:
    """``style-family``: on a page with geometry, the column family of a paragraph is its
    text style (size and typeface), not its measure. An article's columns may change
    width around titles and pictures but keep their body style, so runs of one style
    continue the article before them; a caption or a sidebar in another style does not.
    The family stays a number (size * 1000 + a typeface code) as ``Typed.family`` is."""
    if size is None:
        return t.family
    lines = t.para.lines
    if len(lines) == 1:
        font = lines[0].font.split("+", 1)[-1] if lines[0].font else ""
    else:
        fonts: dict[str, int] = {}
        for ln in lines:
            if ln.font:
                name = ln.font.split("+", 1)[-1]
                fonts[name] = fonts.get(name, 0) + len(ln.text)
        font = max(fonts.items(), key=lambda kv: kv[1])[0] if fonts else ""
    return round(size, 1) * 1000 + _font_code(font)


@lru_cache(maxsize=1024)
def _font_code(font: str) -> int:
    """A typeface's code in ``_style_family`` (a page has a few fonts: computed once each)."""
    return sum(ord(c) * (k + 1) for k, c in enumerate(font)) % 997


def first_pass(items: list[Typed], profile: Profile) -> list[Typed]:
    """Geometric typing before the neighbour rules (see the module docstring).

    ``geo-type-page``: the rules decide per paragraph, but what they read is gathered per
    page where it can be: the body size in one pass over the lines' sizes and lengths
    (``_page_size``), a one-line paragraph's size, zone and typeface read off its line,
    style families computed once per (size, typeface), and the typed items rebuilt with
    their families in one pass (``with_families``)."""
    return first_pass_at(items, profile, _page_size(items))


def first_pass_at(items: list[Typed], profile: Profile, body: Optional[float]) -> list[Typed]:
    """``first_pass`` given the page's body size (``body_size(items)``): ``classify`` reads
    it once for both passes (``body-size-once``: the passes see the same paragraphs, so
    the same lines, and a scan has thousands of them)."""
    if body is None:
        return items
    typed = []
    families: list[Optional[float]] = []
    styles: dict[tuple[float, Optional[str]], Optional[float]] = {}  # one-line paragraphs' families
    title_size = TITLE_RATIO * body
    for k, t in enumerate(items):
        lines = t.para.lines
        if len(lines) == 1:
            line = lines[0]
            size = line.font_size
            zone = line.region_type
        else:
            # (``_dominant_size`` and ``_region_zone`` with their sets read at C speed:
            # most paragraphs are set in one size, whose weight need not be counted)
            sizes = set(map(_FONT_SIZE, lines))
            size = sizes.pop() if len(sizes) == 1 else _dominant_size(lines)
            zones = set(map(_REGION_TYPE, lines))
            zone = zones.pop() if len(zones) == 1 else None
        if zone is not None and zone not in _ZONES:
            zone = None
        if zone is not None:
            text = t.text.strip()
            if zone == CAPTION or zone == CAPTION_ABOVE:
                if profile.match("credit", text):
                    t = t.retype("credit", "image-credit: a credit set as a picture's caption")
                elif zone == CAPTION_ABOVE:
                    t = t.retype("caption", "image-caption: short text in a caption style right above a picture, "
                                            "nearer to it than to the text above")
                else:
                    t = t.retype("caption", "image-caption: short text in a caption style at a picture")
            elif zone == CREDIT:
                t = t.retype("credit", "image-credit: a short line in its own style under a picture's caption")
            elif zone == _HEAD:
                t = t.retype("header", "page-zone: in the page's top margin")
            elif t.type == "credit" or profile.match("credit", text):  # (_FOOT)
                t = t.retype("credit", "page-zone: a credit in the page's bottom margin")
            else:
                t = t.retype("footer", "page-zone: in the page's bottom margin")
        elif size is not None and size >= title_size and t.type in _TITLE_SIZE_TYPES and _title_text(t, profile):
            t = t.retype("headline", f"title-size: {size / body:.2f} times the body size", hint="title")
        elif t.hint == "title" and size is not None and abs(size - body) <= 0.05 * body and t.width is not None:
            # a "title" in the body size inside a column
            if not _bold(t):
                t = t.retype("body", "body-size: set in the body size and weight inside a column")
            elif k + 1 < len(items) and _runs_on(t, items[k + 1], body, profile):
                t = t.retype("body", "bold-lead-in: a bold sentence in the body size, ended in the paragraph below")
        typed.append(t)
        if size is None:
            families.append(t.family)
        elif type(size) is float and size > 0 and (len(lines) == 1 or len(set(map(_FONT, lines))) == 1):
            # (a positive float: sizes equal as keys give the same family, which an int
            # size, equal to a float one, or -0.0 would not). ``geo-style-once``: a
            # paragraph whose lines are all in one font has that font's family, as a
            # one-line paragraph has: looked up, not weighed line by line
            key = (size, lines[0].font)
            family = styles.get(key)
            if family is None:
                family = styles[key] = _style_family(t, size)
            families.append(family)
        else:
            families.append(_style_family(t, size))
    return with_families(typed, families)


def _runs_on(t: Typed, nxt: Typed, body: float, profile: Profile) -> bool:
    """``bold-lead-in``: the bold body-size paragraph ``t`` (which ``body-size`` leaves a
    title, being bold) stops without a sentence end, and the paragraph after it is set in
    its last line's font and size, starts on the next line (its top within a body size of
    ``t``'s bottom), is at most two lines and ends a sentence there. A title does not end
    in a full stop; a bold lead sentence ("把……作 / 为……抓手。") that the layout broke at
    its short lines does, and typed a title it opened an article of its own."""
    last = t.para.lines[-1]
    lines = nxt.para.lines
    if not last.bold or last.bbox is None or not 1 <= len(lines) <= 2 or ends_sentence(t.text, profile):
        return False
    first = lines[0]
    return (all(ln.font == last.font and ln.font_size == last.font_size for ln in lines)
            and first.bbox is not None and 0 <= first.bbox.top - last.bbox.bottom <= body
            and ends_sentence(nxt.text, profile))


def _title_text(t: Typed, profile: Profile) -> bool:
    """``title-size``'s tests of a large paragraph's text: short (at most three lines, or
    60 characters), not a long sentence, and not OCR debris (``noise-not-title``: large
    OCR debris, ``m`` or ``£ *`` read off an ornament or a picture, is no title: it would
    open an article in the middle of a table)."""
    text = t.text.strip()
    return (len(t.para.lines) <= 3 or len(text) <= 60) and not (ends_sentence(text, profile) and len(text) > 40) \
        and not is_noise(text)


#: Types a large paragraph may have to become a title (``title-size``).
_TITLE_SIZE_TYPES = ("body", "headline", "caption", "other")


def _page_size(items: Sequence[Typed]) -> Optional[float]:
    """``body_size``: the font size most of the page's characters are set in (the first
    such size on a tie), from the sizes and lengths of the page's lines read in one pass."""
    lines = list(chain.from_iterable(map(_LINES, map(_PARA, items))))
    weights: dict[float, int] = {}
    get = weights.get
    for size, n in zip(map(_FONT_SIZE, lines), map(len, map(_TEXT, lines))):
        if size is not None:
            weights[size] = get(size, 0) + n
    if not weights:
        return None
    return max(weights.items(), key=_WEIGHT)[0]


_PARA = attrgetter("para")
_LINES = attrgetter("lines")
_FONT_SIZE = attrgetter("font_size")
_REGION_TYPE = attrgetter("region_type")
_FONT = attrgetter("font")
_TEXT = attrgetter("text")
_WEIGHT = itemgetter(1)


#: ``[evolve(t, family=f) for t, f in zip(items, families)]`` for a page's typed items,
#: built in one pass (``slotbuild.field_replacer``).
with_families = field_replacer(Typed, "family")


#: The page margins the layout stage marks, and the places at a picture (``_region_zone``).
_HEAD, _FOOT = "page-head", "page-foot"
_PICTURE_TEXT = frozenset({CAPTION, CAPTION_ABOVE, CREDIT})
_ZONES = _PICTURE_TEXT | {_HEAD, _FOOT}


def second_pass(items: list[Typed], profile: Profile) -> list[Typed]:
    """Geometric corrections after the neighbour rules (see the module docstring)."""
    return second_pass_at(items, profile, body_size(items))


def second_pass_at(items: list[Typed], profile: Profile, body: Optional[float]) -> list[Typed]:
    """``second_pass`` given the page's body size (``body_size(items)``, see ``first_pass_at``)."""
    if body is None:
        return items
    out = list(items)
    n = len(out)
    for i, t in enumerate(out):
        # an intertitle belongs to the run of body text it sits in, whatever its style
        if t.type == "intertitle":
            nxt = next((out[k] for k in range(i + 1, n) if out[k].type == "body"), None)
            if nxt is not None:
                out[i] = replace(t, family=nxt.family)
    for i, t in enumerate(out):
        if t.type != "caption" or not t.reasons or not t.reasons[-1].startswith("caption: own column width"):
            continue
        credit = next((out[k] for k in range(i + 1, n) if out[k].type == "credit"), None)
        if credit is None:
            continue
        far = _region_zone(credit) == _FOOT
        if not far and credit.para.bbox is not None and t.para.bbox is not None:
            far = credit.para.bbox.top - t.para.bbox.bottom > CAPTION_GAP * body
        if far:
            out[i] = t.retype("body", "caption-distance: the credit is too far below to close a caption")
    return out
