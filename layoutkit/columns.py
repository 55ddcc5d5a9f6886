"""Column detection on text: split the line stream into regions of one column width.

A PDF extractor emits one text box after another; a box's lines all have the same full
width (the column measure), except paragraph first lines (short by the lost indent), last
lines, and title lines. This stage

1. cuts the stream into chunks at blank lines (text boxes);
2. measures each chunk: its measure is the width that most of its lines reach
   (``chunk_measure``; a CJK line's width is an interval because punctuation may be
   compressed, see ``measure``);
3. groups the measures of the well-supported chunks into *column families*: the seed page
   has ~14-em chunks (one article), ~11-em chunks (a photo caption) and ~18-em chunks
   (the other article). Chunks of one family are candidates for one article;
4. gives a chunk with too few lines to measure the family its longest line fits,
   preferring its predecessor's; a chunk whose lines fit no family is title material.

Geometric inputs (PDF, ALTO, PAGE) bring their own regions and skip this stage.
"""
from __future__ import annotations

import math
from itertools import compress, repeat
from operator import add, attrgetter, is_not
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Callable, Optional, Sequence

import regex

from .language import PAGE_CODES
from .measure import LineShape, make_shape, page_shapes, shape, shapes_of_classes
from .model import BBox, Line, Region
from .params import ColumnParams
from .slotbuild import slot_setters

if TYPE_CHECKING:
    from .reflow import CleanLine


@dataclass(frozen=True, slots=True)
class ShapedLine:
    line: Line
    shape: LineShape


def _shaped_lines_builder() -> Callable[[Sequence[Line], Sequence[LineShape]], list[ShapedLine]]:
    """``list(map(ShapedLine, lines, shapes))`` for a whole page: the objects are made
    and each of their two slots filled by one ``map`` over the page (C-level loops
    calling the slot setters, ``slotbuild``) instead of a Python call per line. The
    plain ``map`` when the class is compiled (its attributes are then no plain slots)."""
    setters = slot_setters(ShapedLine, ("line", "shape"))
    if setters is None:
        def plain(lines: Sequence[Line], shapes: Sequence[LineShape]) -> list[ShapedLine]:
            return list(map(ShapedLine, lines, shapes))

        return plain
    set_line, set_shape = setters
    new = ShapedLine.__new__  # (object.__new__ refuses a compiled class: slotbuild)

    def build(lines: Sequence[Line], shapes: Sequence[LineShape]) -> list[ShapedLine]:
        out: list[ShapedLine] = list(map(new, repeat(ShapedLine, len(lines))))
        any(map(set_line, out, lines))  # (setters return None: ``any`` runs them all)
        any(map(set_shape, out, shapes))
        return out

    return build


#: ``list(map(ShapedLine, lines, shapes))``, built faster (``_shaped_lines_builder``).
shaped_lines = _shaped_lines_builder()
#: A line's text (``map`` over a page's lines at C speed); a shaped line's text.
_TEXT = attrgetter("text")
_LINE_TEXT = attrgetter("line.text")


@dataclass(frozen=True, slots=True)
class TextRegion:
    """A chunk of the text stream with its measure and column family (ems)."""

    lines: tuple[ShapedLine, ...]
    #: Full line width of this region in ems (its own measure); None for title material.
    width: Optional[float]
    #: Width of the column family the region belongs to (ems): regions of one family are
    #: candidates for the same article. None for title material.
    family: Optional[float]
    index: int
    reasons: tuple[str, ...] = ()
    #: True for vertical text extracted one character per line (a vertical CJK title).
    vertical: bool = False

    def to_region(self) -> Region:
        return Region(lines=tuple(s.line for s in self.lines), width=self.width or 0.0,
                      id=f"r{self.index + 1}", reasons=self.reasons)


def _text_region_builder() -> Callable[[tuple[ShapedLine, ...], Optional[float], Optional[float], int,
                                         tuple[str, ...], bool], TextRegion]:
    """``TextRegion(lines, width, family, index, reasons, vertical)`` built by setting its
    slots directly (``slotbuild``; the dataclass ``__init__`` sets each field through
    ``object.__setattr__``). The class itself when compiled."""
    names = ("lines", "width", "family", "index", "reasons", "vertical")
    setters = slot_setters(TextRegion, names)
    if setters is None:
        def plain(lines: tuple[ShapedLine, ...], width: Optional[float], family: Optional[float], index: int,
                  reasons: tuple[str, ...], vertical: bool) -> TextRegion:
            return TextRegion(lines, width, family, index, reasons, vertical)

        return plain
    set_lines, set_width, set_family, set_index, set_reasons, set_vertical = setters
    new = TextRegion.__new__  # (object.__new__ refuses a compiled class: slotbuild)

    def build(lines: tuple[ShapedLine, ...], width: Optional[float], family: Optional[float], index: int,
              reasons: tuple[str, ...], vertical: bool) -> TextRegion:
        r = new(TextRegion)
        set_lines(r, lines)
        set_width(r, width)
        set_family(r, family)
        set_index(r, index)
        set_reasons(r, reasons)
        set_vertical(r, vertical)
        return r  # type: ignore[no-any-return]

    return build


#: Builds a ``TextRegion`` from all its fields (see ``_text_region_builder``).
text_region = _text_region_builder()


def _text_regions_builder() -> Callable[[list[tuple[ShapedLine, ...]], list[Optional[float]], list[Optional[float]],
                                          list[tuple[str, ...]]], list[TextRegion]]:
    """``[text_region(lines, width, family, i, reasons, False) for i, ...]`` for a page's
    regions at once (``page-regions``): the objects made and each slot filled by one
    ``map`` over the page (``slotbuild``, as ``shaped_lines``), not six setter calls per
    region. Built one by one when the class is compiled."""
    names = ("lines", "width", "family", "index", "reasons", "vertical")
    setters = slot_setters(TextRegion, names)
    if setters is None:
        def plain(lines: list[tuple[ShapedLine, ...]], widths: list[Optional[float]],
                  families: list[Optional[float]], reasons: list[tuple[str, ...]]) -> list[TextRegion]:
            return [TextRegion(ln, w, f, i, r, False) for i, (ln, w, f, r) in enumerate(zip(lines, widths, families,
                                                                                             reasons))]

        return plain
    set_lines, set_width, set_family, set_index, set_reasons, set_vertical = setters
    new = TextRegion.__new__  # (object.__new__ refuses a compiled class: slotbuild)

    def build(lines: list[tuple[ShapedLine, ...]], widths: list[Optional[float]],
              families: list[Optional[float]], reasons: list[tuple[str, ...]]) -> list[TextRegion]:
        n = len(lines)
        out: list[TextRegion] = list(map(new, repeat(TextRegion, n)))
        any(map(set_lines, out, lines))  # (setters return None: ``any`` runs them all)
        any(map(set_width, out, widths))
        any(map(set_family, out, families))
        any(map(set_index, out, range(n)))
        any(map(set_reasons, out, reasons))
        any(map(set_vertical, out, repeat(False, n)))
        return out

    return build


#: Builds a page's ``TextRegion``s, numbered in order (see ``_text_regions_builder``).
text_regions_of = _text_regions_builder()


#: How far (ems) a full line's text may fall short of its measure: justification spreads
#: a line whose characters do not fill it with gaps too small to be extracted as spaces,
#: and CJK punctuation may be compressed to half an em.
STRETCH = 1.0


def is_full(s: LineShape, width: float) -> bool:
    """Is this line a full line of a column ``width`` ems wide?"""
    if s.letterspaced:
        return True
    tol = STRETCH if s.cjk >= 0.3 else max(STRETCH, 0.12 * width)
    return s.ems >= width - tol


def fits(s: LineShape, width: float) -> bool:
    """Could this line be a full line of a column ``width`` ems wide (neither short of it
    nor, beyond compressible punctuation, wider)?"""
    slack = 0.5 if s.cjk >= 0.3 else max(0.5, 0.08 * width)
    return is_full(s, width) and s.lo <= width + slack


def chunk_measure(shapes: Sequence[LineShape]) -> tuple[Optional[float], int]:
    """A chunk's measure (ems) and how many of its lines are full at it.

    The measure is the median width of the chunk's long lines (at least three quarters
    of its longest), leaving out its first and last line when it has enough others: a
    first line is short by the indent, a last line by the paragraph end. Letter-spaced
    lines are left out: their extracted text undercounts their width.
    """
    usable = [s.ems for s in shapes if s.ems >= 4 and not s.letterspaced]
    if not usable:
        return None, 0
    interior = usable[1:-1] if len(usable) >= 4 else usable
    floor = 0.75 * max(interior)
    long_ = sorted([e for e in interior if e >= floor])
    w = round(long_[len(long_) // 2] * 2) / 2
    return w, _count_fitting(shapes, w)


def _count_fitting(shapes: Sequence[LineShape], width: float) -> int:
    """``sum(1 for s in shapes if fits(s, width))``, with the two bounds of each script
    (CJK and not) computed once for the chunk instead of once per line."""
    full_cjk = width - STRETCH
    full_latin = width - max(STRETCH, 0.12 * width)
    wide_cjk = width + 0.5
    wide_latin = width + max(0.5, 0.08 * width)
    n = 0
    for s in shapes:
        if s.cjk >= 0.3:
            if (s.letterspaced or s.ems >= full_cjk) and s.lo <= wide_cjk:
                n += 1
        elif (s.letterspaced or s.ems >= full_latin) and s.lo <= wide_latin:
            n += 1
    return n


def _families(measures: Sequence[tuple[float, int]], params: ColumnParams) -> list[tuple[float, float, float]]:
    """Cluster the well-supported chunk measures by single linkage: sorted measures split
    where two neighbours are more than ``width_change`` ems apart (relative for wide
    Latin columns). Each family is ``(name, low, high)``; its name is its median measure.
    The seed page's measures fall into 11 | 14-15 | 16.5-19 ems."""
    values = sorted(w for w, _ in measures)
    fams: list[list[float]] = []
    for w in values:
        if fams and w - fams[-1][-1] <= max(params.width_change, 0.06 * w):
            fams[-1].append(w)
        else:
            fams.append([w])
    return [(f[len(f) // 2], f[0], f[-1]) for f in fams]


def _family_of(w: float, families: Sequence[tuple[float, float, float]]) -> Optional[float]:
    for name, lo, hi in families:
        if lo <= w <= hi:
            return name
    return None


_SENTENCE_END = ".!?。！？…;；:：”’」』)）\"'»"


def _drop_title_families(families: list[tuple[float, float, float]], chunks: Sequence[Sequence[ShapedLine]],
                         measured: Sequence[tuple[Optional[float], int]], reliable: Sequence[bool]
                         ) -> list[tuple[float, float, float]]:
    """Drop families made of title boxes: narrow boxes of tracked title text (People's
    Daily sets intertitles in 10-em boxes) have a measure of their own, but a body column's
    boxes end sentences and a title family's boxes (all short) almost never do.
    ``reliable[k]``: chunk ``k`` is measured by most of its lines."""
    keep = []
    # the reliable chunks and their measures, listed once for all families (was a scan
    # of every chunk per family)
    candidates = [(k, measured[k][0] or -1) for k in compress(range(len(chunks)), reliable)]
    for name, lo, hi in families:
        members = [k for k, w in candidates if lo <= w <= hi]
        if not members:
            keep.append((name, lo, hi))
            continue
        lines = sum(len(chunks[k]) for k in members) / len(members)
        ends = sum(1 for k in members if chunks[k][-1].line.text.rstrip()[-1:] in _SENTENCE_END) / len(members)
        if lines <= 4.5 and ends < 0.3:
            continue
        keep.append((name, lo, hi))
    return keep


def _fake_bold(text: str) -> bool:
    """Does ``dedupe_fake_bold`` remove anything from the line? Doubled text repeats a
    bigram (the first two characters of what is doubled, which is two characters long at
    least): a line without a repeated non-space character (most short lines of a box),
    or else without a repeated bigram (tested at C speed: the bigrams are the line and
    the line shifted by one, added pairwise), is answered without the search."""
    norm = " ".join(text.split())
    if len(set(norm)) == len(norm) - norm.count(" ") + (1 if " " in norm else 0):
        return False
    if len(set(map(add, norm, norm[1:]))) == len(norm) - 1:
        return False
    return bool(_dedupe_fake_bold()(norm).removed)


def _dedupe_fake_bold() -> Callable[[str], CleanLine]:
    """``reflow.dedupe_fake_bold``, imported on first use (``reflow`` imports this module)
    and kept: an import statement run per line costs more than the test it guards."""
    found = _LATE.get("dedupe_fake_bold")
    if found is None:
        from .reflow import dedupe_fake_bold

        found = _LATE["dedupe_fake_bold"] = dedupe_fake_bold
    return found


#: Functions of modules that import this one, once imported (``_dedupe_fake_bold``).
_LATE: dict[str, Callable[[str], CleanLine]] = {}


def is_vertical(chunk: Sequence[ShapedLine]) -> bool:
    """A chunk of two or more lines holding one CJK character each is vertical text (a
    title set top to bottom), which an extractor emits one character per line."""
    if len(chunk) < 2:
        return False
    for s in chunk:
        t = s.line.text.strip()
        if len(t) != 1 or s.shape.cjk < 1.0:
            return False
    return True


def _g(value: float) -> str:
    """``f"{value:g}"``, memoized: a page's measures and families are a few values met
    again and again, and formatting a float costs many times a look-up (bounded)."""
    found = _FORMATTED.get(value)
    if found is None:
        if len(_FORMATTED) >= 4096:
            _FORMATTED.clear()
        found = _FORMATTED[value] = f"{value:g}"
    return found


#: Widths already formatted by ``_g``.
_FORMATTED: dict[float, str] = {}


def text_regions(lines: Sequence[Line], params: ColumnParams, letterspace_share: float = 0.6) -> list[TextRegion]:
    """Cut the line stream at blank lines and give every chunk its measure and family.

    The page's lines are shaped together (``measure.page_shapes``: one classification
    pass over the page's text) and cut into chunks by the positions of the blank lines;
    ``tests/columns_reference.py`` keeps the line-by-line original this equals."""
    texts = list(map(_TEXT, lines))
    # the width classes of every line, read off the codes language detection made for the
    # page's first lines (``language.PAGE_CODES``: only the rest is classified here)
    raw = PAGE_CODES.secondary_letters(PAGE_CODES.codes("\n".join(texts))).split("|")
    if len(raw) == len(texts):
        # a stripped text's classes are its classes stripped of spaces (``s`` is exactly
        # ``isspace``, what ``str.strip`` strips); a blank line's are empty
        classes = list(map(str.strip, raw, repeat("s")))
        keep: list[str] = classes
        shapes = shapes_of_classes(list(compress(texts, classes)), list(filter(None, classes)), letterspace_share)
    else:  # (some text holds a line break of its own)
        keep = list(map(str.strip, texts))  # blank lines strip to "" (``Line.is_blank``)
        shapes = page_shapes(list(compress(texts, keep)), list(filter(None, keep)), letterspace_share)
    kept = list(compress(range(len(keep)), keep))  # the non-blank lines
    shaped = shaped_lines(list(compress(lines, keep)), shapes)
    # a chunk ends where the next non-blank line is not the next line
    cuts = [j for j in range(1, len(kept)) if kept[j] - kept[j - 1] > 1]
    bounds = list(zip([0] + cuts, cuts + [len(kept)])) if kept else []
    chunks = [shaped[i:j] for i, j in bounds]
    shapes_of = [shapes[i:j] for i, j in bounds]
    measured = [chunk_measure(sh) for sh in shapes_of]
    need = max(params.min_run + 1, 3)
    # ``reliable``: a chunk whose measure most of its lines reach
    reliable = [w is not None and n >= need and n >= 0.4 * len(c) for (w, n), c in zip(measured, chunks)]
    families = _families([m for m, ok in zip(measured, reliable) if ok], params)  # type: ignore[misc]
    families = _drop_title_families(families, chunks, measured, reliable)
    regions: list[TextRegion] = []
    prev_family: Optional[float] = None
    prev_width: Optional[float] = None
    for i, chunk in enumerate(chunks):
        w, n = measured[i]
        shapes = shapes_of[i]
        family: Optional[float] = None
        width: Optional[float] = None
        if len(chunk) <= 3 and any(map(_fake_bold, map(_LINE_TEXT, chunk))):
            # doubled glyphs are drawn only for display type: the box is a title
            regions.append(text_region(tuple(chunk), None, None, i, ("fake-bold text: title material",), False))
            continue
        if is_vertical(chunk):
            regions.append(text_region(tuple(chunk), None, None, i, ("vertical-text: one character per line",), True))
            continue
        found = _family_of(w, families) if reliable[i] and w is not None else None
        if found is not None and w is not None:
            family = found
            width = w
            why = f"measure {_g(w)} em from {n} lines; column family {_g(found)} em"
        else:
            longest = max(shapes, key=lambda s: s.ems)
            # A short chunk's longest line may be a first line (short by the indent) or
            # carry digits, which set wider than half an em: allow for both.
            # A lone line must itself be (nearly) full; in a box of several lines the
            # longest may be an indented first line.
            slack = 2.5 if len(chunk) > 1 else STRETCH
            fitting = [f for f, lo, hi in families if lo - slack <= longest.ems <= hi + 1.0]
            if not fitting and any(sh.letterspaced for sh in shapes):
                # letter-spaced lines are full by construction; their text undercounts
                widest = max(sh.lo for sh in shapes if sh.letterspaced)
                fitting = [f for f, lo, hi in families if widest <= hi + 1.0 and widest >= 0.6 * lo]
            if fitting:
                family = prev_family if prev_family in fitting else min(fitting, key=lambda f: abs(f - longest.ems))
                width = family
                why = f"too few lines to measure; longest line fits column family {_g(family)} em"
                if family == prev_family and prev_width is not None and longest.ems <= prev_width + STRETCH \
                        and longest.cjk >= 0.3:
                    # ``predecessor-measure`` (CJK: fixed cells make a box's own measure
                    # exact): a box too short to measure goes on in the column of the box
                    # before it, whose own measure is sharper than the family's median (a
                    # family spans a few ems): an indented line of a wide column would
                    # otherwise look full
                    width = prev_width
                    why = f"too few lines to measure; continues the column before it ({_g(width)} em)"
            else:
                why = "no line reaches a column width: title material"
        regions.append(text_region(tuple(chunk), width, family, i, (why,), False))
        if family is not None:
            prev_family = family
            prev_width = width
    return _tracked_titles(regions)


_PUNCT = regex.compile(r"[\p{P}\p{S}]")


def _tracked_titles(regions: list[TextRegion]) -> list[TextRegion]:
    """``tracked-title``: a box of one letter-spaced line with no punctuation at all, followed
    by title material (or by another such box), is display type set with wide tracking —
    a title — even when it is as wide as the body column. Followed by body text it is the
    first line of a paragraph and stays."""
    out = list(regions)
    for k in range(len(out) - 1, -1, -1):
        r = out[k]
        if r.family is None or len(r.lines) != 1:
            continue
        line = r.lines[0]
        if not line.shape.letterspaced or _PUNCT.search(line.line.text):
            continue
        nxt = out[k + 1] if k + 1 < len(out) else None
        if nxt is None or nxt.family is None:
            out[k] = replace(r, width=None, family=None,
                             reasons=r.reasons + ("tracked-title: a letter-spaced line without punctuation before title material",))
    return out


def _median(values: Sequence[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2]


def _along(box: BBox, line: Line) -> float:
    """A line's extent along its writing direction: its height when set vertically."""
    return box.height if line.region_type == "vertical" else box.width


def _extent(group: Sequence[Line]) -> Optional[tuple[float, float, float, float]]:
    boxes = [ln.bbox for ln in group if ln.bbox is not None]
    if not boxes:
        return None
    return (min(b.x0 for b in boxes), min(b.top for b in boxes), max(b.x1 for b in boxes), max(b.bottom for b in boxes))


#: Width in ems of the cells ``_fit_short_regions`` files its hosts under.
_HOST_CELL = 8.0


def _host_cells(x0: float, x1: float, size: float) -> Optional[range]:
    """The cells (``_HOST_CELL`` ems of ``size`` wide) from ``x0`` to ``x1``; None when
    they cannot be counted (no positive finite size or coordinates)."""
    width = _HOST_CELL * size
    if not (size > 0 and math.isfinite(width) and math.isfinite(x0) and math.isfinite(x1)):
        return None
    return range(int(x0 // width), int(x1 // width) + 1)


#: A host of ``_fit_short_regions``, its tests' numbers computed once: (index, left edge
#: less half an em, right edge plus half an em, width, top, bottom, font size).
_Host = tuple[int, float, float, float, float, float, Optional[float]]


def _fit_short_regions(groups: Sequence[Sequence[Line]], raw: list[tuple[list[ShapedLine], Optional[float]]],
                       ext: Optional[Sequence[Optional[tuple[float, float, float, float]]]] = None
                       ) -> list[tuple[list[ShapedLine], Optional[float]]]:
    """``column-fit``: a region of one or two lines cannot show its column's measure (a
    paragraph's indented first line alone at the foot of a column, a last line at the
    head of the next). When a region of at least three lines in the same font size
    (the column it sits in) spans the short region's x-extent within half a line height,
    measure the short region's lines against that column: its left edge, its scale and
    its full width.

    ``ext``: each group's ``_extent`` when the caller has it (computed here otherwise)."""
    if ext is None:
        ext = [_extent(g) for g in groups]
    out = list(raw)
    # hosts by font size: only a host in the short region's size can take it (a page of
    # thousands of OCR regions would otherwise compare every pair); within a size, by
    # the cells of ``_HOST_CELL`` ems across that the host spans (widened by the half em
    # of the test below): a host spanning the short region covers the cell of its left
    # edge, so only the hosts listed there (in page order) are tried. Each host is filed
    # with the numbers its test reads (``_Host``): the half em added in a host's size is
    # the half em of the short region's size, the two sizes being equal
    hosts_of: dict[Optional[float], dict[int, list[_Host]]] = {}
    anywhere: dict[Optional[float], list[_Host]] = {}  # hosts tried for every short region
    records: dict[int, _Host] = {}
    for j, (hshaped, hwidth) in enumerate(raw):
        h = ext[j]
        if hwidth is not None and len(hshaped) >= 3 and h is not None:
            hsize: Optional[float] = hshaped[0].line.font_size
            cells = hosts_of.setdefault(hsize, {})
            rec: _Host
            if hsize is None:
                rec = (j, h[0], h[2], h[2] - h[0], h[1], h[3], hsize)  # (never tried: no short region has no size)
                span = None
            else:
                rec = (j, h[0] - 0.5 * hsize, h[2] + 0.5 * hsize, h[2] - h[0], h[1], h[3], hsize)
                span = _host_cells(h[0] - 0.5 * hsize, h[2] + 0.5 * hsize, hsize)
            records[j] = rec
            if span is None or len(span) > 64:  # (no usable size, or implausibly wide)
                anywhere.setdefault(hsize, []).append(rec)
                continue
            for cell in span:
                cells.setdefault(cell, []).append(rec)
    fitted: list[tuple[int, int, float]] = []  # (region, its number of lines, its host's measure)
    fitted_lines: list[Line] = []
    fitted_shapes: list[LineShape] = []
    for i, (shaped, width) in enumerate(raw):
        e = ext[i]
        if len(shaped) > 2 or e is None:
            continue
        line0 = shaped[0].line
        size = line0.font_size
        if size is None or line0.region_type == "vertical":
            continue
        cells = hosts_of.get(size, {})
        if not cells and size not in anywhere:
            continue  # (``host-size-first``: no host in this size, nothing to fit against)
        at = _host_cells(e[0], e[0], size) if e[0] <= e[2] else None
        candidates: Sequence[_Host]
        if at is None:  # (a reversed box: every host of the size)
            found = {rec[0] for recs in cells.values() for rec in recs} | {rec[0] for rec in anywhere.get(size, ())}
            candidates = [records[j] for j in sorted(found)]
        else:
            candidates = cells.get(at[0], [])
            if size in anywhere:
                candidates = sorted(candidates + anywhere[size])
        e0, e1, e2, e3 = e
        ew = e2 - e0
        # (a host is never the short region itself: it has three lines or more.) Every
        # candidate was filed under this size; only a NaN size differs from itself
        # (``csize != size``): it has no host. ``short-fit-loop``: the nearest host (the
        # first of the least distance, ``min`` of the two gaps) kept in two locals, the
        # two gaps' ``abs`` and ``min`` written out (the same numbers, a NaN included:
        # ``min(a, b)`` is ``b if b < a else a``)
        if size != size:
            continue
        best_dist = 0.0
        best_j = -1
        for j, hlo, hhi, hw, htop, hbottom, _ in candidates:
            if hlo <= e0 and e2 <= hhi and hw > ew:
                above = e1 - hbottom
                if above < 0:
                    above = -above
                below = htop - e3
                if below < 0:
                    below = -below
                dist = below if below < above else above
                if best_j < 0 or dist < best_dist:
                    best_dist = dist
                    best_j = j
        if best_j < 0:
            continue
        hshaped, hwidth = raw[best_j]
        h = ext[best_j]
        assert h is not None and hwidth is not None
        scale = (h[2] - h[0]) / hwidth
        for s in shaped:
            b = s.line.bbox
            assert b is not None
            w = b.width / scale
            indent = int(round((b.x0 - h[0]) / scale))
            fitted_lines.append(s.line)
            fitted_shapes.append(make_shape(w, w, s.shape.cjk, indent, False))
        fitted.append((i, len(shaped), hwidth))
    # the fitted regions' lines paired with their new shapes at once (``shaped_lines``)
    new = shaped_lines(fitted_lines, fitted_shapes)
    at_line = 0
    for i, count, hwidth in fitted:
        out[i] = (new[at_line:at_line + count], hwidth)
        at_line += count
    return out


_REGION_ID = attrgetter("region")


def _group_starts(lines: Sequence[Line]) -> list[int]:
    """Where each region of ``geometric_regions`` starts among the non-blank ``lines``:
    a line joins the open region when it carries the id of that region's first line (a
    line without an id is a region of its own)."""
    starts = []
    current: Optional[str] = None
    for k, r in enumerate(map(_REGION_ID, lines)):
        if r is None or not current == r:
            starts.append(k)
            current = r
    return starts


def _measured_groups(lines: Sequence[Line], starts: Sequence[int], letterspace_share: float
                     ) -> tuple[list[LineShape], list[Optional[float]], list[Optional[tuple[float, float, float, float]]]]:
    """For ``geometric_regions``: every line's shape in ems (measured against its region's
    own scale), each region's measure (None: no scale) and each region's ``_extent``.

    Each line's extent along its writing direction (``_along``) is read once for the
    page. ``geo-one-line``: most regions of a scanned page are one line; its scale is its
    own width over its text width, so its width is its text width and its indent 0 (the
    same arithmetic as for longer regions, without the lists)."""
    texts = list(map(_TEXT, lines))
    shapes = list(map(shape, texts, repeat(letterspace_share)))
    boxes = list(map(_BOX, lines))
    alongs = [None if b is None else (b.bottom - b.top if rt == "vertical" else b.x1 - b.x0)
              for b, rt in zip(boxes, map(_REGION_TYPE, lines))]
    final = list(shapes)
    widths: list[Optional[float]] = []
    exts: list[Optional[tuple[float, float, float, float]]] = []
    ends = [*starts[1:], len(lines)]
    # ``page-box-sides``: with every line boxed (a PDF's lines), each side of every box
    # is read once for the page, and a region's extent is the least and greatest of its
    # slices (was four ``map``s over the region's boxes, per region)
    boxed = all(map(is_not, boxes, repeat(None)))  # (``is_not``: no ``BBox.__eq__`` call per box)
    if boxed:
        page_x0s, page_tops = list(map(_X0, boxes)), list(map(_TOP, boxes))
        page_x1s, page_bottoms = list(map(_X1, boxes)), list(map(_BOTTOM, boxes))
    for a, b in zip(starts, ends):
        if b - a == 1:
            box = boxes[a]
            if box is None:
                widths.append(None)
                exts.append(None)
                continue
            exts.append((box.x0, box.top, box.x1, box.bottom))
            s = shapes[a]
            along = alongs[a]
            assert along is not None
            if not (s.hi >= 3 and along > 0):
                widths.append(None)
                continue
            if lines[a].region_type == "vertical":
                lo, hi = box.top, box.bottom
            else:
                lo, hi = box.x0, box.x1
            scale = along / s.hi
            w = along / scale
            final[a] = make_shape(w, w, s.cjk, int(round((lo - lo) / scale)), False)
            widths.append((hi - lo) / scale)
            continue
        group_boxes = boxes[a:b]
        if boxed:
            x0s, tops, x1s, bottoms = page_x0s[a:b], page_tops[a:b], page_x1s[a:b], page_bottoms[a:b]
        else:
            own = [bx for bx in group_boxes if bx is not None]
            if not own:
                exts.append(None)
                widths.append(None)  # (no box: no ratio, no scale)
                continue
            x0s, tops = list(map(_X0, own)), list(map(_TOP, own))
            x1s, bottoms = list(map(_X1, own)), list(map(_BOTTOM, own))
        exts.append((min(x0s), min(tops), max(x1s), max(bottoms)))
        group_alongs = alongs[a:b]
        ratios = [al / s.hi for al, s in zip(group_alongs, shapes[a:b])
                  if al is not None and s.hi >= 3 and al > 0]
        scale = _median(ratios) if ratios else None
        if scale is None:
            widths.append(None)
            continue
        vertical = lines[a].region_type == "vertical"
        left, right = (min(tops), max(bottoms)) if vertical else (min(x0s), max(x1s))
        for k, bx, al in zip(range(a, b), group_boxes, group_alongs):
            if bx is None or al is None:  # (``al`` is None exactly when ``bx`` is)
                continue
            w = al / scale
            # (``round`` of a float is an int: ``int(round(...))`` as before)
            indent = round(((bx.top if vertical else bx.x0) - left) / scale)
            final[k] = make_shape(w, w, shapes[k].cjk, indent, False)
        widths.append((right - left) / scale)
    return final, widths, exts


_BOX = attrgetter("bbox")
_REGION_TYPE = attrgetter("region_type")
_X0 = attrgetter("x0")
_TOP = attrgetter("top")
_X1 = attrgetter("x1")
_BOTTOM = attrgetter("bottom")


def geometric_regions(lines: Sequence[Line], params: ColumnParams, letterspace_share: float = 0.6) -> list[TextRegion]:
    """Regions for inputs with geometry (PDF, ALTO, hOCR, PAGE).

    Lines arrive in reading order, each tagged with the id of the region it belongs to
    (the input's own text block, or one found by the PDF layout analysis). Consecutive
    lines with one region id form a region. Geometry replaces text widths: each region
    calibrates its own scale (input units per em) as the median of width / text-ems over
    its lines, then every line's width, and the region's measure, are expressed in ems,
    so the reflow rules (indent deficit, short last line) apply unchanged. Lines without
    a bbox fall back to their text width. A region of one or two lines is measured
    against the column it sits in (``_fit_short_regions``). A vertical line
    (``region_type == "vertical"``) is measured along its height.

    The page's lines are measured in one pass (``_measured_groups``) and paired with
    their shapes at once (``shaped_lines``); ``tests/test_speed_geo9.py`` checks the
    regions against the per-region code this replaces.
    """
    kept = list(compress(lines, map(str.strip, map(_TEXT, lines))))  # (not ``is_blank``)
    starts = _group_starts(kept)
    final, widths, exts = _measured_groups(kept, starts, letterspace_share)
    shaped_page = shaped_lines(kept, final)
    ends = [*starts[1:], len(kept)]
    raw: list[tuple[list[ShapedLine], Optional[float]]] = [
        (shaped_page[a:b], width) for a, b, width in zip(starts, ends, widths)]
    raw = _fit_short_regions((), raw, exts)  # (the groups' lines are read only for extents: given)
    measures = [(round(w * 2) / 2, len(sh)) for sh, w in raw if w is not None and len(sh) >= max(params.min_run + 1, 3)]
    families = _families(measures, params) if measures else []
    region_widths: list[Optional[float]] = []
    fams: list[Optional[float]] = []
    reasons: list[tuple[str, ...]] = []
    for shaped, width in raw:
        if width is None:
            region_widths.append(None)
            fams.append(None)
            reasons.append((f"input region {shaped[0].line.region} without geometry",))
            continue
        family = _family_of(width, families)
        if family is None and families:
            family = min((f for f, _, _ in families), key=lambda f: abs(f - width))
        if len(shaped) < 2 and families and not any(lo - 1 <= width <= hi + 1 for _, lo, hi in families):
            family = None  # a lone short line in its own box: title material
        why = f"input region {shaped[0].line.region}; measure {_g(width)} em"  # (``_g``: memoized)
        region_widths.append(width if family is not None else None)
        fams.append(family)
        reasons.append((why,))
    return text_regions_of([tuple(shaped) for shaped, _ in raw], region_widths, fams, reasons)
