"""PAGE XML reader (2010-2019 namespaces): ``PcGts/Page`` -> one ``ReadPage``.

* ``TextRegion`` (at any depth: inside ``TableRegion``/table cells too) -> ``Line.region``;
  its ``type`` (or Transkribus' ``custom="structure {type:...}"``) -> ``Line.region_type``,
  a hint that ``hints`` maps to our block types unless the user ignores input structure.
  A text region inside a ``TableRegion`` is typed ``table``.
* ``ReadingOrder``: ``OrderedGroup``/``OrderedGroupIndexed`` by ``index``, ``UnorderedGroup``
  in document order, nested groups flattened; regions it leaves out follow in document order.
* ``TextLine`` -> ``Line``: text from its own ``TextEquiv/Unicode`` (lowest ``index``), else
  its ``Word``s' texts joined by spaces; ``Coords`` (``points`` or 2010 ``Point``s) -> ``bbox``
  in pixels; ``TextEquiv@conf`` -> ``confidence``.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from typing import TYPE_CHECKING, Iterator, Optional, Sequence
from xml.etree.ElementTree import Element

from ..errors import InputError, LimitExceededError
from ..model import BBox, Line, Source
from ..structured import own_tag
from ..xmlsafe import child, children, local_name, number, parse_xml
from . import ReadPage, register

if TYPE_CHECKING:
    from ..params import Params

_CUSTOM_TYPE = re.compile(r"structure\s*\{[^}]*type\s*:\s*([\w-]+)")
#: Our own export's tags: ``custom="layoutkit {type:subheadline; role:kicker; article:a1/article;}"``
#: (plus ``geometry:none;`` on a placeholder box: the block had no geometry).
_OWN = re.compile(r"layoutkit\s*\{([^}]*)\}")
_OWN_FIELD = re.compile(r"(\w+)\s*:\s*([\w/-]+)")


def coords_box(el: Element) -> Optional[BBox]:
    """The bounding box of an element's ``Coords`` polygon."""
    coords = child(el, "Coords")
    if coords is None:
        return None
    xs: list[float] = []
    ys: list[float] = []
    pts = coords.get("points")
    if pts:
        for pair in pts.split():
            x, _, y = pair.partition(",")
            fx, fy = number(x), number(y)
            if fx is not None and fy is not None:
                xs.append(fx)
                ys.append(fy)
    else:
        for p in children(coords, "Point"):
            fx, fy = number(p.get("x")), number(p.get("y"))
            if fx is not None and fy is not None:
                xs.append(fx)
                ys.append(fy)
    if not xs:
        return None
    return BBox(min(xs), min(ys), max(xs), max(ys))


def same_printed_line(a: Optional[BBox], b: Optional[BBox]) -> bool:
    """``b`` continues the printed line ``a`` to its right: their heights overlap by more
    than half the smaller one and ``b`` starts right of ``a``'s middle."""
    if a is None or b is None:
        return False
    overlap = min(a.bottom, b.bottom) - max(a.top, b.top)
    return overlap > 0.5 * min(a.height, b.height) and b.x0 >= (a.x0 + a.x1) / 2


def _text_equiv(el: Element) -> tuple[Optional[str], Optional[float]]:
    best: Optional[tuple[float, str, Optional[float]]] = None
    for te in children(el, "TextEquiv"):
        uni = child(te, "Unicode")
        if uni is None:
            continue
        idx = number(te.get("index"))
        key = idx if idx is not None else float("inf")
        if best is None or key < best[0]:
            best = (key, uni.text or "", number(te.get("conf")))
    if best is None:
        return None, None
    return best[1], best[2]


def _region_type(region: Element, in_table: bool) -> Optional[str]:
    if in_table:
        return "table"
    t = region.get("type")
    if t:
        return t
    m = _CUSTOM_TYPE.search(region.get("custom") or "")
    return m.group(1) if m else None


def _regions(page: Element) -> list[tuple[Element, bool]]:
    """Every TextRegion in document order, flagged when inside a table (iterative walk)."""
    out: list[tuple[Element, bool]] = []
    stack: list[tuple[Element, bool]] = [(c, False) for c in reversed(list(page))]
    while stack:
        el, in_table = stack.pop()
        name = local_name(el.tag)
        if name == "TextRegion":
            out.append((el, in_table))
        if name.endswith("Region") or name in ("TableCell",):
            flag = in_table or name == "TableRegion"
            stack.extend((c, flag) for c in reversed(list(el)))
    return out


def _order_refs(group: Element) -> list[str]:
    """Region ids of a reading-order group, flattened, in reading order."""
    items: list[tuple[float, int, Element]] = []
    for pos, c in enumerate(group):
        name = local_name(c.tag)
        if not name:
            continue
        idx = number(c.get("index"))
        items.append((idx if idx is not None and name.endswith("Indexed") else float(pos), pos, c))
    if local_name(group.tag).startswith("Ordered") or local_name(group.tag) == "ReadingOrder":
        items.sort(key=lambda t: (t[0], t[1]))
    out: list[str] = []
    for _, _, c in items:
        name = local_name(c.tag)
        if name.startswith("RegionRef"):
            ref = c.get("regionRef")
            if ref:
                out.append(ref)
        elif "Group" in name:
            ref = c.get("regionRef")
            if ref:
                out.append(ref)
            out.extend(_order_refs(c))
    return out


def _reading_order(page: Element, regions: list[tuple[Element, bool]]) -> list[tuple[Element, bool]]:
    ro = child(page, "ReadingOrder")
    if ro is None:
        return regions
    by_id = {r.get("id"): (r, t) for r, t in regions if r.get("id")}
    order: list[str] = []
    for rid in _order_refs(ro):
        if rid in by_id and rid not in order:
            order.append(rid)
    placed = set(order)
    return [by_id[i] for i in order] + [(r, t) for r, t in regions if r.get("id") not in placed]


@register("page")
def read_page_xml(path: Optional[str], data: bytes, params: "Params", pages: Optional[Sequence[int]] = None
                  ) -> Iterator[ReadPage]:
    """The page of a PAGE XML file (PAGE holds one page per file)."""
    root = parse_xml(data, path=path, max_elements=params.read.max_xml_elements)
    if local_name(root.tag) != "PcGts":
        raise InputError(f"not PAGE XML: the root element is <{local_name(root.tag)}>", path=path)
    page = child(root, "Page")
    if page is None:
        raise InputError("PAGE XML without a Page element", path=path)
    if pages is not None and 1 not in pages:
        return
    keep_hints = not params.read.ignore_input_structure
    lines: list[Line] = []
    for n, (region, in_table) in enumerate(_reading_order(page, _regions(page)), start=1):
        rid = region.get("id") or f"r{n}"
        rtype = _region_type(region, in_table) if keep_hints else None
        article = None
        placeholder = False
        own = _OWN.search(region.get("custom") or "") if keep_hints else None
        if own:
            fields = dict(_OWN_FIELD.findall(own.group(1)))
            if "type" in fields:
                rtype = own_tag(fields["type"], fields.get("role"))
                article = fields.get("article")
                # our export's stand-in box for a block without geometry (text input)
                placeholder = fields.get("geometry") == "none"
        for tl in children(region, "TextLine"):
            text, conf = _text_equiv(tl)
            if text is None:
                words = [_text_equiv(w)[0] or "" for w in children(tl, "Word")]
                text = " ".join(w.strip() for w in words if w.strip())
            text = " ".join(text.split())
            if not text:
                continue
            box = None if placeholder else coords_box(tl)
            prev = lines[-1] if lines and lines[-1].region == rid else None
            if prev is not None and same_printed_line(prev.bbox, box):
                # a fragment of the printed line the previous TextLine began (segmenters
                # split lines at wide gaps): one printed line is one Line
                lines[-1] = replace(prev, text=f"{prev.text} {text}", bbox=BBox.union_all([prev.bbox, box]))
                continue
            lines.append(Line(text=text, number=len(lines) + 1, bbox=box, region=rid, region_type=rtype,
                              confidence=conf if conf is not None and 0 <= conf <= 1 else None, article=article))
            if len(lines) > params.read.max_lines:
                raise LimitExceededError(f"more than {params.read.max_lines} text lines", path=path)
    source = Source(format="page", path=path, sha256=hashlib.sha256(data).hexdigest(), unit="pixel",
                    width=number(page.get("imageWidth")), height=number(page.get("imageHeight")))
    yield ReadPage(lines=tuple(lines), source=source, warnings=() if lines else ("the page has no text lines",))
