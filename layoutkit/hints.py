"""Input region types as classification hints (PAGE ``type``, hOCR classes, ALTO tags).

OCR XML often says what a region is: PAGE ``heading``/``paragraph``/``header``/``caption``,
hOCR ``ocr_header``/``ocr_caption``, an ALTO ``ComposedBlock`` around an illustration. When
the user has not switched them off (``ReadParams.ignore_input_structure``; the readers
then leave ``Line.region_type`` empty), this pass runs after ``classify`` and before
``articles``, and is purely additive: a paragraph whose lines carry a type we can map
(``REGION_TYPES``) is retyped to it, with the reason ``input-region-type: <type>``; a
paragraph without one keeps the type our own rules gave it.

One more rule, ``input-region-whole``: a region typed as something other than body text
(a heading of two lines, a running head split by our title rules) is one block, so its
consecutive paragraphs are merged back.

``input-indent-paragraphs``: inside a region the input calls body text (PAGE
``paragraph``), paragraphs are cut where a line starts indented: its left edge lies
at least ``INDENT_MIN`` line heights right of the lines before and after it (an indent,
or a centered line such as ``§. 1.``; the line box height is the em proxy geometry
gives us; neighbours rather than a fixed margin make it proof against skewed scans),. Our own width rules are built
for text without indents; when the input gives both the region and the line boxes, the
printed indent is the direct evidence.

``running-head-caption``: a region the input calls a caption, lying in the page's top
zone above every body line, is a running head (a date line set like a caption), not
the caption of a picture.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import replace
from itertools import chain
from operator import attrgetter
from typing import Optional, Sequence

import regex

from .classify import Typed
from .dehyphenate import HYPHENS
from .model import BLOCK_TYPES, BBox
from .reflow import join_texts
from .structured import split_tag

#: Input vocabulary (PAGE 2019 TextRegion types, hOCR classes, ALTO hints) -> our block
#: type. ``None``: the input's type says nothing our rules do not (plain text).
REGION_TYPES: dict[str, Optional[str]] = {
    # PAGE
    "paragraph": "body", "heading": "headline", "caption": "caption", "header": "header",
    "footer": "footer", "page-number": "footer", "drop-capital": "body", "credit": "credit",
    "floating": "other", "signature-mark": "other", "catch-word": "other", "marginalia": "other",
    "footnote": "other", "endnote": "other", "TOC-entry": "body", "list-label": "body", "other": "other",
    "table": "other", "reference": "other",
    # hOCR
    "ocr_header": "headline", "ocr_caption": "caption", "ocr_textfloat": "other", "ocr_line": None,
    "ocr_par": None, "ocr_carea": None,
}
_TITLE_TYPES = frozenset({"headline", "subheadline"})
#: Least indent in line heights (see ``input-indent-paragraphs``).
INDENT_MIN = 0.2
#: Most indent in line heights: a line further right is a centered line or a fragment.
INDENT_MAX = 5.0



#: Transkribus names table cells ``T<table>C<column>`` in its ``structure`` tags.
_TABLE_CELL = regex.compile(r"^T\d+C\d+$")


def block_type_of(region_type: Optional[str]) -> Optional[str]:
    """Our block type for an input region type (our own types map to themselves)."""
    if not region_type:
        return None
    base = region_type.removeprefix("layoutkit:").split(":", 1)[0]
    if base in BLOCK_TYPES:
        return base
    if _TABLE_CELL.match(region_type):
        return "other"
    return REGION_TYPES.get(region_type)


def _hint(t: Typed) -> Optional[str]:
    """The region type most of the paragraph's characters carry."""
    lines = t.para.lines
    if not lines:
        return None
    first = lines[0].region_type
    if all(ln.region_type == first for ln in lines):
        return first  # (one type, as almost every paragraph has: no vote to count)
    votes: Counter[Optional[str]] = Counter()
    for line in t.para.lines:
        votes[line.region_type] += len(line.text)
    region_type = votes.most_common(1)[0][0] if votes else None
    return region_type


def _top_zone(items: Sequence[Typed]) -> Optional[float]:
    """The top of the first body line on the page (input units), if any."""
    tops = [ln.bbox.top for t in items for ln in t.para.lines
            if ln.bbox is not None and block_type_of(ln.region_type) == "body"]
    return min(tops) if tops else None


#: A typed paragraph's lines; a line's input region type (``map`` at C speed).
_PARA_LINES = attrgetter("para.lines")
_REGION_TYPE = attrgetter("region_type")


def apply_region_hints(items: Sequence[Typed]) -> list[Typed]:
    """Retype paragraphs by their input region types and merge non-body regions."""
    # (runs on every page; a text page's lines have no region type: one C-level pass.)
    # ``hints-page-types``: nor does anything change when none of the page's region types
    # maps to a block type (a PDF's lines carry only the layout's ``page-head`` and
    # ``page-foot`` marks): no paragraph is split, retyped, merged or re-cut (each rule
    # below needs a line whose ``block_type_of`` is a type). Each type is asked once.
    types = set(map(_REGION_TYPE, chain.from_iterable(map(_PARA_LINES, items))))
    if not any(map(block_type_of, types)):
        return list(items)
    items = _split_mixed(items)
    body_top = _top_zone(items)
    typed: list[Typed] = []
    for t in items:
        region_type = _hint(t)
        new = block_type_of(region_type)
        if new is None:
            typed.append(t)
            continue
        reason = f"input-region-type: {region_type}"
        if new == "footer" and region_type == "page-number" and body_top is not None and t.para.bbox is not None \
                and t.para.bbox.bottom <= body_top:
            new, reason = "header", "page-number-on-top: input page-number above every body line"
        if new == "caption" and body_top is not None and t.para.bbox is not None and t.para.bbox.bottom <= body_top:
            new, reason = "header", f"running-head-caption: input {region_type} above every body line"
        own = split_tag(region_type or "")
        role = own[1] if own else None
        # A title the input declares is final: no hint, so article assembly keeps its type
        # instead of choosing one headline per title cluster.
        hint = ""
        if new == t.type and role == t.role and hint == t.hint:
            typed.append(t)
            continue
        typed.append(replace(t, type=new, role=role, hint=hint, reasons=t.reasons + (reason,)))
    return _resplit_body(_merge_regions(typed))


def _split_mixed(items: Sequence[Typed]) -> list[Typed]:
    """Undo text-box repairs (``reflow``) that joined input regions of different types:
    rule ``input-region-split``, one paragraph per run of lines of one region."""
    out: list[Typed] = []
    for t in items:
        kinds = {block_type_of(ln.region_type) for ln in t.para.lines}
        if len(kinds) < 2:
            out.append(t)
            continue
        runs: list[list] = []
        for ln in t.para.lines:
            if runs and runs[-1][-1].region == ln.region:
                runs[-1].append(ln)
            else:
                runs.append([ln])
        for run in runs:
            reasons = ["input-region-split: one paragraph per typed input region"]
            text = join_texts([ln.text for ln in run], reasons)
            para = replace(t.para, text=text, lines=tuple(run), bbox=BBox.union_all([ln.bbox for ln in run]),
                           reasons=tuple(reasons))
            out.append(replace(t, para=para, text=text, reasons=tuple(reasons)))
    return out


def _body_hinted(t: Typed) -> bool:
    return t.type == "body" and all(ln.region is not None and block_type_of(ln.region_type) == "body"
                                    for ln in t.para.lines)


def _resplit_body(items: list[Typed]) -> list[Typed]:
    """Re-cut runs of body-typed input regions: at every region change and indented line."""
    out: list[Typed] = []
    i = 0
    while i < len(items):
        if not _body_hinted(items[i]):
            out.append(items[i])
            i += 1
            continue
        j = i
        while j < len(items) and _body_hinted(items[j]):
            j += 1
        out.extend(_cut(items[i:j]))
        i = j
    return out


def _indented(boxes: list[BBox], k: int, em: float) -> bool:
    """Line ``k`` starts right of both neighbours by an indent (skew-proof: neighbours,
    not a fixed margin, are the reference)."""
    if k == 0:
        return False
    d_prev = boxes[k].x0 - boxes[k - 1].x0
    ok_prev = INDENT_MIN * em <= d_prev <= INDENT_MAX * em
    if k + 1 < len(boxes):
        d_next = boxes[k].x0 - boxes[k + 1].x0
        return ok_prev and INDENT_MIN * em <= d_next <= INDENT_MAX * em
    return ok_prev


def _word_runs_on(line) -> bool:
    """The line ends in a hyphen after a letter (``Buß⸗``), or the input marks it hyphenated."""
    text = line.text.rstrip()
    return line.hyphenated or (len(text) >= 2 and text[-1] in HYPHENS and text[-2].isalpha())


def _cut(group: list[Typed]) -> list[Typed]:
    from . import marked_hyphens
    from .reflow import clean_line

    # Items split from one paragraph (``folio-split``) share its lines: take each line once,
    # or its text would be emitted twice (fuzzer find: ``2理论理论`` duplicated).
    lines = []
    seen: set[tuple[int, int]] = set()
    for t in group:
        for ln in t.para.lines:
            if (ln.page, ln.number) not in seen:
                seen.add((ln.page, ln.number))
                lines.append(ln)
    boxes = [ln.bbox for ln in lines]
    heights = sorted(b.height for b in boxes if b is not None)
    em = heights[len(heights) // 2] if heights else 0.0
    cuts = [0]
    why = {0: "input-indent-paragraphs"}
    for k in range(1, len(lines)):
        if lines[k].region != lines[k - 1].region:
            cuts.append(k)
            why[k] = "input-indent-paragraphs: new input region"

        elif _word_runs_on(lines[k - 1]):
            # ``hyphen-runs-on``: a line ending in a word-break hyphen ends no paragraph,
            # whatever the next line's indent (a wavy scan line, a centered figure)
            continue
        elif em > 0 and all(b is not None for b in boxes[k - 1:k + 2]) and \
                _indented([b for b in boxes[k - 1:k + 2] if b is not None], 1, em):
            cuts.append(k)
            why[k] = "input-indent-paragraphs: cut at an indented line"
        elif em > 0 and cuts[-1] == k - 1 and (why.get(k - 1) == "input-indent-paragraphs: a centered line" or (
                boxes[k] is not None and boxes[k - 1] is not None and boxes[k - 1].x0 - boxes[k].x0 > INDENT_MAX * em)):
            # after a centered line (also one that opens its region: it is right of the next)
            cuts.append(k)
            why[k] = "input-indent-paragraphs: after a centered line"
        elif em > 0 and boxes[k] is not None and boxes[k - 1] is not None \
                and boxes[k].x0 - boxes[k - 1].x0 > INDENT_MAX * em:
            cuts.append(k)
            why[k] = "input-indent-paragraphs: a centered line"
    first = group[0]
    out: list[Typed] = []
    for a, b in zip(cuts, cuts[1:] + [len(lines)]):
        part = lines[a:b]
        reasons: list[str] = [why[a]]
        texts = [clean_line(ln.text, False).text for ln in part]
        text = join_texts(marked_hyphens.apply(part, texts, reasons), reasons)
        para = replace(first.para, text=text, lines=tuple(part), bbox=BBox.union_all([ln.bbox for ln in part]),
                       reasons=tuple(reasons))
        out.append(replace(first, para=para, text=text, role=None, hint="",
                           reasons=tuple(reasons) + (f"input-region-type: {part[0].region_type}",)))
    return out
def _merge_regions(items: list[Typed]) -> list[Typed]:
    out: list[Typed] = []
    for t in items:
        prev = out[-1] if out else None
        region = t.para.lines[0].region
        if prev is not None and t.type != "body" and prev.type == t.type and region is not None \
                and prev.para.lines[-1].region == region and block_type_of(t.para.lines[0].region_type) == t.type:
            reasons = list(prev.reasons)
            text = join_texts([prev.text, t.text], reasons)
            reasons.append("input-region-whole: one block per typed input region")
            para = replace(prev.para, text=text, lines=prev.para.lines + t.para.lines,
                           bbox=BBox.union_all([prev.para.bbox, t.para.bbox]))
            out[-1] = replace(prev, para=para, text=text, reasons=tuple(reasons))
            continue
        out.append(t)
    return out
