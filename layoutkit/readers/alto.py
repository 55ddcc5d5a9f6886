"""ALTO reader (v1-v4, any namespace): ``Layout/Page`` -> one ``ReadPage`` per page.

What is read, and into which ``Line`` field:

* ``TextBlock`` (also inside ``ComposedBlock``) -> ``Line.region`` (its ID); blocks come
  in reading order: ALTO 4.3 ``ReadingOrder`` when present, else ``IDNEXT`` chains, else
  document order (top margin, print space, side margins, bottom margin).
* ``TextLine`` -> one ``Line``: its ``String`` CONTENTs joined by single spaces (``SP``
  elements are not needed: some producers, e.g. RERO's, leave them out), ``HYP`` appended.
  ``HPOS/VPOS/WIDTH/HEIGHT`` -> ``bbox`` in the file's ``MeasurementUnit`` (pixel, mm10,
  inch1200; ``Source.unit`` names it).
* ``HYP`` or ``SUBS_TYPE="HypPart1"`` -> ``hyphenated``; ``SUBS_CONTENT`` -> ``hyphen_word``
  (the whole word, used by ``marked_hyphens`` when lines are joined).
* ``TextStyle`` FONTSIZE / FONTSTYLE (via ``STYLEREFS`` on block, line or string, or a
  string's own ``STYLE``) -> ``font_size`` (points), ``bold``, ``italic``: the values most
  of the line's characters carry.
* ``WC`` -> ``confidence`` (mean over the line's strings).
* A ``ComposedBlock`` holding an ``Illustration``/``GraphicalElement`` marks its text
  blocks as caption material (``region_type="caption"``), a hint for ``hints``.
* Our own export (``layoutkit`` in ``processingSoftware``) carries block types in
  ``StructureTag``s: they come back as ``region_type`` hints and article ids in
  ``Line.article`` so that an export reads back to the same page.
"""
from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterator, Optional, Sequence
from xml.etree.ElementTree import Element

from ..errors import InputError
from ..model import BBox, Line, Source
from ..structured import OWN_PREFIX
from ..xmlsafe import child, children, descendants, local_name, number, parse_xml
from . import ReadPage, register

if TYPE_CHECKING:
    from ..params import Params

#: Page areas in reading order: running heads sit in the top margin, folios and
#: imprints in the bottom one.
_AREAS = ("TopMargin", "PrintSpace", "LeftMargin", "RightMargin", "BottomMargin")
_GRAPHICS = frozenset({"Illustration", "GraphicalElement"})
#: Software name our exporter writes; its StructureTags are our own block types
#: (``TYPE=BLOCK_TAG``, ``LABEL=type[:role]``) and articles (``TYPE=ARTICLE_TAG``,
#: ``LABEL=id/kind``).
EXPORT_SOFTWARE = "layoutkit"
BLOCK_TAG = "layoutkit-block"
ARTICLE_TAG = "layoutkit-article"


@dataclass(frozen=True, slots=True)
class TextStyle:
    size: Optional[float]
    bold: bool
    italic: bool


@dataclass(frozen=True, slots=True)
class _Tag:
    type: str
    label: str


def _styles(root: Element) -> dict[str, TextStyle]:
    out: dict[str, TextStyle] = {}
    styles = child(root, "Styles")
    if styles is None:
        return out
    for ts in children(styles, "TextStyle"):
        sid = ts.get("ID")
        if not sid:
            continue
        fs = (ts.get("FONTSTYLE") or "").lower().split()
        size = number(ts.get("FONTSIZE"))
        out[sid] = TextStyle(size=size if size and size > 0 else None, bold="bold" in fs, italic="italics" in fs or "italic" in fs)
    return out


def _tags(root: Element) -> dict[str, _Tag]:
    tags = child(root, "Tags")
    if tags is None:
        return {}
    return {t.get("ID", ""): _Tag(t.get("TYPE") or "", t.get("LABEL") or "") for t in tags if t.get("ID")}


def _is_own_export(root: Element) -> bool:
    desc = child(root, "Description")
    if desc is None:
        return False
    return any((el.text or "").strip() == EXPORT_SOFTWARE for el in descendants(desc, "softwareName"))


def _box(el: Element) -> Optional[BBox]:
    x, y, w, h = (number(el.get(k)) for k in ("HPOS", "VPOS", "WIDTH", "HEIGHT"))
    if x is None or y is None or w is None or h is None or w < 0 or h < 0:
        return None
    return BBox(x, y, x + w, y + h)


def _blocks_in_order(page: Element) -> list[tuple[Element, bool]]:
    """Every TextBlock of a page with a flag "inside a ComposedBlock with a graphic", in
    document order by page area (see ``_AREAS``). Iterative: no recursion on hostile depth."""
    out: list[tuple[Element, bool]] = []
    areas = {local_name(c.tag): c for c in page}
    roots = [areas[a] for a in _AREAS if a in areas]
    if not roots:
        roots = [page]
    for area in roots:
        stack: list[tuple[Element, bool]] = [(area, False)]
        while stack:
            el, graphic = stack.pop()
            name = local_name(el.tag)
            if name == "TextBlock" and el is not area:
                out.append((el, graphic))
                continue
            kids = list(el)
            if name == "ComposedBlock":
                graphic = graphic or any(local_name(k.tag) in _GRAPHICS for k in el.iter())
            stack.extend((k, graphic) for k in reversed(kids))
    return out


def _reading_order(root: Element, blocks: list[tuple[Element, bool]]) -> list[tuple[Element, bool]]:
    """Blocks reordered by ALTO 4.3 ``ReadingOrder`` or ``IDNEXT`` when the file has them;
    blocks they do not mention keep their document position after the ordered ones."""
    by_id = {b.get("ID"): (b, g) for b, g in blocks if b.get("ID")}
    ro = child(root, "ReadingOrder")
    order: list[str] = []
    if ro is not None:
        for ref in descendants(ro, "ElementRef"):
            for rid in (ref.get("REF") or "").split():
                if rid in by_id and rid not in order:
                    order.append(rid)
    if not order and any(b.get("IDNEXT") for b, _ in blocks):
        targets = {b.get("IDNEXT") for b, _ in blocks}
        seen: set[str] = set()
        for b, _ in blocks:
            bid = b.get("ID")
            if not bid or bid in targets or bid in seen:
                continue
            cur: Optional[str] = bid
            while cur and cur in by_id and cur not in seen:
                seen.add(cur)
                order.append(cur)
                cur = by_id[cur][0].get("IDNEXT")
    if not order:
        return blocks
    placed = set(order)
    return [by_id[i] for i in order] + [(b, g) for b, g in blocks if b.get("ID") not in placed]


def _line(tl: Element, styles: dict[str, TextStyle], inherited: Sequence[str], number_: int, page_no: int,
          region: Optional[str], region_type: Optional[str], article: Optional[str]) -> Optional[Line]:
    words: list[str] = []
    weights: list[tuple[int, TextStyle]] = []
    confs: list[float] = []
    hyphenated = False
    hyphen_word: Optional[str] = None
    line_refs = (tl.get("STYLEREFS") or "").split() or list(inherited)
    line_style = next((styles[r] for r in line_refs if r in styles), None) if styles else None
    strings: list[Element] = []
    for el in tl:
        tag = el.tag
        # (``endswith`` first: a cheap test before the namespace is split off, per element)
        name = local_name(tag) if isinstance(tag, str) and tag.endswith(("String", "HYP")) else ""
        if name == "String":
            content = (el.get("CONTENT") or "").strip()
            if not content:
                continue
            words.append(content)
            strings.append(el)
            refs = el.get("STYLEREFS")
            style = next((styles[r] for r in refs.split() if r in styles), None) if refs and refs.strip() \
                else line_style
            own_style = el.get("STYLE")
            own = own_style.lower().split() if own_style else ()
            if own:
                style = TextStyle(style.size if style else None, "bold" in own, "italics" in own or "italic" in own)
            if style is not None:
                weights.append((len(content), style))
            wc = el.get("WC")
            if wc is not None:
                conf = number(wc)
                if conf is not None and 0 <= conf <= 1:
                    confs.append(conf)
            subs = el.get("SUBS_TYPE")
            if subs == "HypPart1":
                hyphenated = True
                word = (el.get("SUBS_CONTENT") or "").strip()
                hyphen_word = word if word and " " not in word else None
            else:
                hyphenated, hyphen_word = False, None
        elif name == "HYP":
            hyphenated = True
            mark = el.get("CONTENT") or "-"
            if words and not (words[-1] and words[-1][-1] in "-\u2e17\u00ac\u2010\u00ad="):
                words[-1] = words[-1] + mark
    text = " ".join(words)
    if not text:
        return None
    # the strings' boxes only when the line has none of its own (measured: boxing every
    # String was a fifth of the read time of a 1 MB page)
    bbox = _box(tl) or BBox.union_all([_box(el) for el in strings])
    size = bold = italic = None
    if weights:
        total = sum(n for n, _ in weights)
        sizes: Counter[float] = Counter()
        for n, s in weights:
            if s.size is not None:
                sizes[s.size] += n
        size = sizes.most_common(1)[0][0] if sizes else None
        bold = sum(n for n, s in weights if s.bold) * 2 > total
        italic = sum(n for n, s in weights if s.italic) * 2 > total
    return Line(text=text, number=number_, bbox=bbox, font_size=size, bold=bold, italic=italic,
                region=region, region_type=region_type, hyphenated=hyphenated, hyphen_word=hyphen_word,
                confidence=round(sum(confs) / len(confs), 4) if confs else None, page=page_no, article=article)


def _block_hints(tb: Element, graphic: bool, tags: dict[str, _Tag], own: bool) -> tuple[Optional[str], Optional[str]]:
    """(region_type, article) hints of a text block."""
    refs = [tags[r] for r in (tb.get("TAGREFS") or "").split() if r in tags]
    if own:
        kind = next((t for t in refs if t.type == BLOCK_TAG), None)
        art = next((t.label for t in refs if t.type == ARTICLE_TAG), None)
        if kind is not None:
            return OWN_PREFIX + kind.label, art
    if graphic:
        return "caption", None
    return None, None


@register("alto")
def read_alto(path: Optional[str], data: bytes, params: "Params", pages: Optional[Sequence[int]] = None
              ) -> Iterator[ReadPage]:
    """One ``ReadPage`` per ``Layout/Page`` (a multi-page ALTO file yields several)."""
    root = parse_xml(data, path=path, max_elements=params.read.max_xml_elements)
    if local_name(root.tag).lower() != "alto":
        raise InputError(f"not ALTO: the root element is <{local_name(root.tag)}>", path=path)
    desc = child(root, "Description")
    unit_el = child(desc, "MeasurementUnit") if desc is not None else None
    unit = (unit_el.text or "").strip() if unit_el is not None and unit_el.text else "pixel"
    styles = _styles(root)
    own = _is_own_export(root)
    tags = _tags(root)
    layout = child(root, "Layout")
    page_els = list(children(layout, "Page")) if layout is not None else []
    if not page_els:
        raise InputError("ALTO without Layout/Page", path=path)
    digest = hashlib.sha256(data).hexdigest()
    keep_hints = not params.read.ignore_input_structure
    total = 0
    for page_no, page in enumerate(page_els, start=1):
        if pages is not None and page_no not in pages:
            continue
        lines: list[Line] = []
        for tb, graphic in _reading_order(root, _blocks_in_order(page)):
            region_type, article = _block_hints(tb, graphic, tags, own) if keep_hints else (None, None)
            region = tb.get("ID") or f"tb{len(lines) + 1}"
            refs = (tb.get("STYLEREFS") or "").split()
            for tl in children(tb, "TextLine"):
                line = _line(tl, styles, refs, len(lines) + 1, page_no, region, region_type, article)
                if line is not None:
                    lines.append(line)
        total += len(lines)
        if total > params.read.max_lines:
            from ..errors import LimitExceededError

            raise LimitExceededError(f"more than {params.read.max_lines} text lines", path=path)
        source = Source(format="alto", path=path, sha256=digest, page=page_no if len(page_els) > 1 else None,
                        unit=unit, width=number(page.get("WIDTH")), height=number(page.get("HEIGHT")))
        warnings = () if lines else (f"page {page_no} has no text lines",)
        yield ReadPage(lines=tuple(lines), source=source, warnings=warnings)
