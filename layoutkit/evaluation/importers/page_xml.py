"""Ground truth from PAGE XML: typed text regions in reading order.

A PAGE file (PRImA schema; Transkribus and OCR-D write it) holds ``TextRegion`` elements
with a type, lines with text, and a ``ReadingOrder``. Each region becomes one page-level
block; PAGE has no articles, so the imported page supports every metric but
``article_ari``.

* Type: the standard ``@type`` attribute, else the Transkribus ``@custom`` ``structure
  {type:...;}``, mapped by ``REGION_TYPES`` (unknown types become ``other``). Text regions
  nested in a ``TableRegion`` are table cells: ``other``.
* Text: the region's lines (``TextLine/TextEquiv/Unicode``) joined by spaces, else the
  region's own ``TextEquiv``. Regions without text are left out.
* Order: ``ReadingOrder`` (``RegionRefIndexed`` by ``@index``, nested groups flattened in
  order); regions it does not mention follow in document order.
* ``split_indented``: a body region is split into paragraphs at every line whose left edge
  is indented by more than ``indent`` line heights from the region's usual left edge
  (the most common one), since PAGE regions often hold several paragraphs and the
  paragraph start is only visible as an indent. Tolerance is relative to line height.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from statistics import median
from typing import Mapping, Optional, Union

from ...errors import InputError
from ..normalize import SCHEMA_TYPES, canonical_type
from ..pages import METRICS, EvalBlock, EvalPage
from .xml import local, parse_xml

#: PAGE region types (standard and Transkribus structure tags) and the schema type of each.
REGION_TYPES: dict[str, str] = {
    "paragraph": "body", "heading": "headline", "header": "header", "footer": "footer",
    "page-number": "footer", "caption": "caption", "credit": "credit", "drop-capital": "body",
    "floating": "other", "footnote": "other", "endnote": "other", "marginalia": "other",
    "signature-mark": "other", "catch-word": "other", "TOC-entry": "other", "reference": "other",
    "list-label": "other", "other": "other", "table": "other", "byline": "byline",
    "dateline": "dateline", "subheading": "intertitle", "title": "headline",
}

_CUSTOM_TYPE = re.compile(r"structure\s*\{[^}]*type:\s*([^;}]+)")


@dataclass(frozen=True)
class PageImport:
    """Options of the PAGE importer (see the module docstring)."""

    split_indented: bool = True
    #: A line indented by more than this many line heights starts a new paragraph...
    indent: float = 0.6
    #: ...unless it is indented by more than this many: then it is centred or set off
    #: (a short last line, a signature), not a paragraph indent.
    max_indent: float = 4.0
    #: Overrides of ``REGION_TYPES`` (region type -> schema type), e.g. a project's own labels.
    type_map: Optional[Mapping[str, str]] = None


@dataclass(frozen=True)
class _Line:
    text: str
    left: Optional[float]
    height: Optional[float]


def _points(el: Optional[ET.Element]) -> list[tuple[float, float]]:
    if el is None:
        return []
    coords = el.find("{*}Coords")
    if coords is None:
        return []
    raw = coords.get("points") or ""
    out = []
    for pair in raw.split():
        x, _, y = pair.partition(",")
        try:
            out.append((float(x), float(y)))
        except ValueError:
            return []
    return out


def _unicode(el: ET.Element) -> str:
    """The text of an element's own TextEquiv (the first, i.e. preferred, one)."""
    for equiv in el.findall("{*}TextEquiv"):
        u = equiv.find("{*}Unicode")
        if u is not None and u.text:
            return u.text.strip()
    return ""


def _lines(region: ET.Element) -> list[_Line]:
    out = []
    for line in region.findall("{*}TextLine"):
        text = _unicode(line)
        if not text:
            words = [_unicode(w) for w in line.findall("{*}Word")]
            text = " ".join(w for w in words if w)
        pts = _points(line)
        left = min(x for x, _ in pts) if pts else None
        height = (max(y for _, y in pts) - min(y for _, y in pts)) if pts else None
        if text:
            out.append(_Line(text, left, height))
    return out


def _region_type(region: ET.Element, in_table: bool, mapping: Mapping[str, str]) -> str:
    if in_table:
        return "other"
    name = region.get("type")
    custom = _CUSTOM_TYPE.search(region.get("custom") or "")
    if custom and (not name or name == "other"):
        name = custom.group(1).strip()
    if not name:
        return "body"  # PAGE's default region is running text
    if name in mapping:
        return mapping[name]
    if name.lower() in mapping:
        return mapping[name.lower()]
    known = canonical_type(name)
    return known if known in SCHEMA_TYPES else "other"


def _split(lines: list[_Line], options: PageImport) -> list[list[_Line]]:
    """Paragraphs of a body region: a new one at each clearly indented line."""
    lefts = [round(l.left) for l in lines if l.left is not None]
    heights = [l.height for l in lines if l.height]
    if not options.split_indented or len(lefts) < 2 or not heights:
        return [lines]
    usual = max(set(lefts), key=lambda v: (lefts.count(v), -v))
    # Lines in a region vary by a few pixels; count an edge as "usual" within a quarter
    # line height of the most common one, and take the leftmost such cluster as margin.
    margin = min(v for v in lefts if abs(v - usual) <= 0.25 * median(heights))
    step = options.indent * median(heights)
    groups: list[list[_Line]] = []
    limit = options.max_indent * median(heights)
    for line in lines:
        if not groups or (line.left is not None and step < line.left - margin <= limit):
            groups.append([])
        groups[-1].append(line)
    return groups


def load_page_xml(path: Union[str, Path], options: PageImport = PageImport(),
                  name: Optional[str] = None) -> EvalPage:
    """The ground truth of a PAGE XML file as an ``EvalPage`` (page-level blocks only)."""
    root = parse_xml(path)
    page = root.find("{*}Page")
    if local(root.tag) != "PcGts" or page is None:
        raise InputError("not a PAGE XML file (no PcGts/Page)", path=str(path))
    mapping = {**REGION_TYPES, **(options.type_map or {})}
    regions: dict[str, tuple[ET.Element, bool]] = {}
    in_doc: list[str] = []

    def walk(el: ET.Element, in_table: bool) -> None:
        for child in el:
            tag = local(child.tag)
            if tag == "TextRegion":
                rid = child.get("id") or f"_r{len(in_doc)}"
                regions[rid] = (child, in_table)
                in_doc.append(rid)
            walk(child, in_table or tag == "TableRegion")

    walk(page, False)
    order: list[str] = []
    reading = page.find("{*}ReadingOrder")
    if reading is not None:
        _flatten_order(reading, order)
    seen = set()
    ordered = []
    for rid in order + in_doc:
        if rid in regions and rid not in seen:
            seen.add(rid)
            ordered.append(rid)

    blocks: list[EvalBlock] = []
    for rid in ordered:
        region, in_table = regions[rid]
        btype = _region_type(region, in_table, mapping)
        lines = _lines(region)
        if not lines:
            text = _unicode(region)
            if text:
                blocks.append(EvalBlock(btype, text))
            continue
        groups = _split(lines, options) if btype == "body" else [lines]
        blocks.extend(EvalBlock(btype, join_lines([l.text for l in g])) for g in groups)
    metrics = frozenset(m for m in METRICS if m != "article_ari")
    return EvalPage(tuple(blocks), 0, metrics, name or Path(path).name.split(".")[0])


#: Line-final hyphens that mark a word broken across lines (the Fraktur double hyphen,
#: the not sign some OCR engines use, the ASCII hyphen).
LINE_HYPHENS = ("\u2E17", "\u00AC", "-")


def join_lines(lines: list[str]) -> str:
    """Lines of one block as running text: a word broken by a line-final hyphen after a
    letter is rejoined without the hyphen; other lines are joined by a space."""
    out = ""
    for line in lines:
        if out and out.endswith(LINE_HYPHENS) and len(out) > 1 and out[-2].isalpha():
            out = out[:-1] + line
        else:
            out = f"{out} {line}" if out else line
    return out


def _flatten_order(el: ET.Element, out: list[str]) -> None:
    """Region ids of a ReadingOrder in order: indexed children by ``@index``, groups recursively."""
    children = [c for c in el if local(c.tag) in ("OrderedGroup", "UnorderedGroup", "RegionRefIndexed",
                                                  "OrderedGroupIndexed", "UnorderedGroupIndexed", "RegionRef")]
    if any(c.get("index") is not None for c in children):
        children.sort(key=lambda c: int(c.get("index") or 0))
    for child in children:
        ref = child.get("regionRef")
        if ref and local(child.tag).startswith("RegionRef"):
            out.append(ref)
        else:
            if ref:
                out.append(ref)
            _flatten_order(child, out)
