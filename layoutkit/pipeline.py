"""The pipeline: pure functions from one typed value to the next.

    text -> Line* (readers.text) -> TextRegion* (columns) -> Flow (reflow)
         -> Typed* (classify) -> Article*, page Block* (articles) -> Page

``stop_after`` lets a caller (or ``layoutkit convert --stop-after``) cut in anywhere.
"""
from __future__ import annotations

import hashlib
from itertools import repeat
from operator import attrgetter, is_not
from typing import Optional, Sequence, Union

from .articles import assemble
from .author_notes import rejoin_author_notes
from .classify import classify
from .columns import geometric_regions, text_regions
from .flat import annotate, is_flat, restore
from .furniture import place_in_reading_order
from .gcpause import collector_paused
from .geoarticles import split_column_skips
from .late_boxes import place_late_boxes
from .late_cohesion import cut_at_moved, place_cohesive_late_box
from .geotitles import apply_geometric_titles
from .hints import apply_region_hints
from .language import detect_language, profile_for
from .latin_titles import apply_caps_titles, apply_title_date_lines
from .masthead import apply_masthead
from .model import Line, Page, Source
from .orthography import apply_orthography
from .params import Params, default_params
from .profile import Profile, load_profile
from .readers.text import read_lines, text_from_str
from .reflow import reflow
from .structured import is_own_export, page_from_structure
from .title_wraps import rejoin_spread_titles

ProfileSpec = Union[str, Profile, None]
#: A line's text and bbox (``map`` over a page's lines at C speed, not a generator).
_TEXT = attrgetter("text")
_BBOX = attrgetter("bbox")


def resolve_profile(profile: ProfileSpec, sample_text: str) -> tuple[Profile, str]:
    """The profile to use and the page language."""
    language = detect_language(sample_text)
    prof = load_profile(profile)
    if prof is None:
        prof = load_profile(profile_for(language))
    assert prof is not None
    if prof.languages and language == "und":
        language = prof.languages[0]
    return prof, language


def run_lines(lines: Sequence[Line], source: Source, *, profile: ProfileSpec = None,
              params: Optional[Params] = None, warnings: Sequence[str] = ()) -> Page:
    """Run every stage after reading on a page's lines (with the cyclic garbage collector
    paused: the stages make no reference cycles, and on a scanned page its passes over the
    live objects were ~20% of their time, ``gcpause``)."""
    with collector_paused():
        return _run_lines(lines, source, profile=profile, params=params, warnings=warnings)


def _run_lines(lines: Sequence[Line], source: Source, *, profile: ProfileSpec = None,
               params: Optional[Params] = None, warnings: Sequence[str] = ()) -> Page:
    params = params or default_params()
    sample = "\n".join(map(_TEXT, lines[:300]))
    prof, language = resolve_profile(profile, sample)
    if is_own_export(lines):  # our own ALTO/PAGE export read back: its tags are the answer
        page = page_from_structure(lines, source, prof, language, warnings)
        return apply_orthography(page, params.orthography)
    flat = restore(lines, prof) if is_flat(lines) else None
    if flat is not None:
        lines = flat.lines  # a flat export lost its blank lines
    late_starts: frozenset[int] = frozenset()
    if source.format == "alto":
        # ALTO document order: boxes the producer appended after the columns beside them go
        # back to their column (PAGE files carry an explicit ReadingOrder: left alone)
        lines, late_starts = place_late_boxes(lines)
    cohesive_starts: frozenset[int] = frozenset()
    if source.format == "text" and flat is None:
        # a text export lists a late box after the page, with no position: the page's
        # last box goes before the box it is lexically cohesive with (``late_cohesion``)
        lines, cohesive_starts = place_cohesive_late_box(lines)
    if source.format in OCR_XML_FORMATS:
        # OCR XML: the input's own regions, measured like text boxes (measured on the dev
        # cases, this beats calibrating ems from the boxes); geometry is used later on
        regions = text_regions(region_breaks(lines), params.columns, params.reflow.letterspace_share)
    elif any(map(is_not, map(_BBOX, lines), repeat(None))):  # (some line has a bbox)
        regions = geometric_regions(lines, params.columns, params.reflow.letterspace_share)
    else:
        regions = text_regions(lines, params.columns, params.reflow.letterspace_share)
    flow = reflow(regions, prof, params.reflow, input_boxes=source.format in OCR_XML_FORMATS,
                  held=flat.held if flat is not None else {})
    if flat is not None:
        flow = annotate(flow, flat)  # the restored breaks' reasons
    flow = rejoin_author_notes(flow, prof)  # a note wrapped over short lines is one (``author_notes``)
    if source.format == "text" and flat is None:
        flow = rejoin_spread_titles(flow, prof)  # a title wrapped across text boxes (``title_wraps``)
    items = classify(flow, prof, params.classify)
    if source.format == "text" or source.format in OCR_XML_FORMATS:
        # Latin pages: the masthead cluster is page header (text and OCR XML alike: on the
        # dev cases it lifts PAGE text_sim 0.963 -> 0.996 and ALTO article_ari)
        items = apply_masthead(items)
    if source.format == "text":
        items = apply_caps_titles(items, real_boxes=flat is None)  # Latin: one-line boxes as titles
        if flat is None:  # (restored boxes of flat text are guesses)
            items = apply_title_date_lines(items)  # a date line under a title is the article's
    if source.format in OCR_XML_FORMATS:
        items = apply_geometric_titles(items, params.classify)  # type size (OCR XML styles)
        # one-line capitals and sentence boxes as titles, as for text (after the geometric
        # rules, so a line they made an intertitle is left alone); PAGE read with
        # --ignore-input-structure: block_f1 0.642 -> 0.692 on the dev cases
        items = apply_caps_titles(items)
        items = apply_title_date_lines(items)
    items = apply_region_hints(items)  # input region types (OCR XML); no-op for text
    articles, page_blocks = assemble(items, prof, params.articles)
    if source.format in OCR_XML_FORMATS:
        articles = split_column_skips(articles, prof, late_starts)  # an article does not skip a column
    articles = cut_at_moved(articles, cohesive_starts, prof)  # a moved late box opens an article
    # page furniture printed before article text (a masthead, a running head) keeps its place
    articles, page_blocks = place_in_reading_order(articles, page_blocks)
    page = Page(source=source, language=language, articles=tuple(articles), blocks=tuple(page_blocks),
                warnings=tuple(warnings), profile=prof.name)
    return apply_orthography(page, params.orthography)


#: OCR XML inputs: they carry their own regions, reading order and type styles.
OCR_XML_FORMATS = frozenset({"alto", "page", "hocr"})


def region_breaks(lines: Sequence[Line]) -> list[Line]:
    """The lines with a blank line between two input regions (as a text export of the
    same page has), so the text column stage sees the input's own boxes."""
    out: list[Line] = []
    for ln in lines:
        if out and ln.region != out[-1].region:
            out.append(Line(text="", number=ln.number, region=None, page=ln.page))
        out.append(ln)
    return out


def parse_text(text: str, *, profile: ProfileSpec = None, params: Optional[Params] = None,
               path: Optional[str] = None, encoding: Optional[str] = None) -> Page:
    """Reconstruct a page given as hard-wrapped column text.

    >>> page = parse_text("标题行\\n\\n正文第一行，足够长的一行文字\\n第二行结束。\\n")
    >>> page.articles[0].blocks[0].type
    'headline'
    """
    params = params or default_params()
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    decoded = text_from_str(text, path=path, encoding=encoding)
    if decoded.encoding != (encoding or "str"):
        encoding = decoded.encoding  # undecodable bytes carried as surrogates were re-decoded
    text = decoded.text
    lines = read_lines(text, max_lines=params.read.max_lines, path=path)
    source = Source(format="text", path=path, sha256=digest, encoding=encoding)
    return run_lines(lines, source, profile=profile, params=params)
