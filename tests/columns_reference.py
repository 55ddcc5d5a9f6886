"""The column stage's text path as first written (``main`` at 50e7d15), kept as the plain
reference that ``tests/test_speed_columns8.py`` compares the page-level fast paths with:
every line shaped on its own (``measure._shape``), ``fits`` asked per line, families and
regions as before. Not used by the library."""
# flake8: noqa
from __future__ import annotations

from dataclasses import replace
from typing import Optional, Sequence

from layoutkit.columns import (STRETCH, ShapedLine, TextRegion, _PUNCT, _SENTENCE_END, _fake_bold, _families,
                               _family_of, fits, is_vertical)
from layoutkit.measure import LineShape, _shape
from layoutkit.model import Line
from layoutkit.params import ColumnParams


def chunk_measure(shapes: Sequence[LineShape]) -> tuple[Optional[float], int]:
    """A chunk's measure (ems) and how many of its lines are full at it.

    The measure is the median width of the chunk's long lines (at least three quarters
    of its longest), leaving out its first and last line when it has enough others: a
    first line is short by the indent, a last line by the paragraph end. Letter-spaced
    lines are left out: their extracted text undercounts their width.
    """
    usable = [s for s in shapes if s.ems >= 4 and not s.letterspaced]
    if not usable:
        return None, 0
    interior = usable[1:-1] if len(usable) >= 4 else usable
    top = max(s.ems for s in interior)
    long_ = sorted(s.ems for s in interior if s.ems >= 0.75 * top)
    w = round(long_[len(long_) // 2] * 2) / 2
    n = sum(1 for s in shapes if fits(s, w))
    return w, n

def _drop_title_families(families, chunks, measured, reliable):  # type: ignore[no-untyped-def]
    """Drop families made of title boxes: narrow boxes of tracked title text (People's
    Daily sets intertitles in 10-em boxes) have a measure of their own, but a body column's
    boxes end sentences and a title family's boxes (all short) almost never do."""
    keep = []
    for name, lo, hi in families:
        members = [k for k in range(len(chunks)) if reliable(k) and lo <= (measured[k][0] or -1) <= hi]
        if not members:
            keep.append((name, lo, hi))
            continue
        lines = sum(len(chunks[k]) for k in members) / len(members)
        ends = sum(1 for k in members if chunks[k][-1].line.text.rstrip()[-1:] in _SENTENCE_END) / len(members)
        if lines <= 4.5 and ends < 0.3:
            continue
        keep.append((name, lo, hi))
    return keep

def text_regions(lines: Sequence[Line], params: ColumnParams, letterspace_share: float = 0.6) -> list[TextRegion]:
    """Cut the line stream at blank lines and give every chunk its measure and family."""
    chunks: list[list[ShapedLine]] = []
    current: list[ShapedLine] = []
    for line in lines:
        text = line.text
        if not text.strip():  # (``Line.is_blank``)
            if current:
                chunks.append(current)
                current = []
            continue
        current.append(ShapedLine(line, _shape(text, letterspace_share)))
    if current:
        chunks.append(current)
    shapes_of = [[s.shape for s in c] for c in chunks]
    measured = [chunk_measure(sh) for sh in shapes_of]
    need = max(params.min_run + 1, 3)

    def reliable(k: int) -> bool:
        w, n = measured[k]
        return w is not None and n >= need and n >= 0.4 * len(chunks[k])

    families = _families([measured[k] for k in range(len(chunks)) if reliable(k)], params)  # type: ignore[misc]
    families = _drop_title_families(families, chunks, measured, reliable)
    regions: list[TextRegion] = []
    prev_family: Optional[float] = None
    prev_width: Optional[float] = None
    for i, chunk in enumerate(chunks):
        w, n = measured[i]
        shapes = shapes_of[i]
        family: Optional[float] = None
        width: Optional[float] = None
        if len(chunk) <= 3 and any(_fake_bold(s.line.text) for s in chunk):
            # doubled glyphs are drawn only for display type: the box is a title
            regions.append(TextRegion(lines=tuple(chunk), width=None, family=None, index=i,
                                      reasons=("fake-bold text: title material",)))
            continue
        if is_vertical(chunk):
            regions.append(TextRegion(lines=tuple(chunk), width=None, family=None, index=i, vertical=True,
                                      reasons=("vertical-text: one character per line",)))
            continue
        if reliable(i) and w is not None and _family_of(w, families) is not None:
            family = _family_of(w, families)
            width = w
            why = f"measure {w:g} em from {n} lines; column family {family:g} em"
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
                why = f"too few lines to measure; longest line fits column family {family:g} em"
                if family == prev_family and prev_width is not None and longest.ems <= prev_width + STRETCH \
                        and longest.cjk >= 0.3:
                    # ``predecessor-measure`` (CJK: fixed cells make a box's own measure
                    # exact): a box too short to measure goes on in the column of the box
                    # before it, whose own measure is sharper than the family's median (a
                    # family spans a few ems): an indented line of a wide column would
                    # otherwise look full
                    width = prev_width
                    why = f"too few lines to measure; continues the column before it ({width:g} em)"
            else:
                why = "no line reaches a column width: title material"
        regions.append(TextRegion(lines=tuple(chunk), width=width, family=family, index=i, reasons=(why,)))
        if family is not None:
            prev_family = family
            prev_width = width
    return _tracked_titles(regions)




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

