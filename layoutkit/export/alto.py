"""Our page as ALTO 4.4 (``layoutkit convert --format alto``).

* every block -> a ``TextBlock`` (ID = block id) holding one ``TextLine`` with the block's
  reflowed text as ``String``s separated by ``SP``; geometry (``HPOS``...) when known;
* block type and role -> a ``StructureTag`` (``TYPE="layoutkit-block"``, ``LABEL="type"`` or
  ``"type:role"``), article -> a ``StructureTag`` (``TYPE="layoutkit-article"``,
  ``LABEL="a1/article"``), both referenced from the block's ``TAGREFS``;
* reading order -> ALTO 4.3+ ``ReadingOrder/OrderedGroup`` of ``ElementRef``s, one
  ``OrderedGroup`` per article (``TAGREFS`` to its tag) and one for page-level blocks.
"""
from __future__ import annotations

from xml.etree.ElementTree import Element, SubElement, tostring

from .. import __version__
from ..model import Page
from ..readers.alto import ARTICLE_TAG, BLOCK_TAG, EXPORT_SOFTWARE
from . import blocks_in_order, fmt_number

NS = "http://www.loc.gov/standards/alto/ns-v4#"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA = "http://www.loc.gov/standards/alto/v4/alto-4-4.xsd"
_UNITS = {"pixel": "pixel", "mm10": "mm10", "inch1200": "inch1200", "pt": "pixel"}


def _tag_id(prefix: str, label: str) -> str:
    return prefix + "".join(c if c.isalnum() else "_" for c in label)


def to_alto(page: Page) -> str:
    """The page as an ALTO 4.4 document (a string, UTF-8 XML declaration included)."""
    root = Element("alto", {"xmlns": NS, "xmlns:xsi": XSI, "xsi:schemaLocation": f"{NS} {SCHEMA}",
                            "SCHEMAVERSION": "4.4"})
    desc = SubElement(root, "Description")
    SubElement(desc, "MeasurementUnit").text = _UNITS.get(page.source.unit or "", "pixel")
    if page.source.path:
        SubElement(SubElement(desc, "sourceImageInformation"), "fileName").text = page.source.path
    proc = SubElement(desc, "OCRProcessing", {"ID": "LAYOUTKIT"})
    sw = SubElement(SubElement(proc, "ocrProcessingStep"), "processingSoftware")
    SubElement(sw, "softwareName").text = EXPORT_SOFTWARE
    SubElement(sw, "softwareVersion").text = __version__

    entries = list(blocks_in_order(page))
    tags = SubElement(root, "Tags")
    made: set[str] = set()
    refs: dict[str, str] = {}
    for block, art, kind in entries:
        label = block.type + (f":{block.role}" if block.role else "")
        tid = _tag_id("LK_TYPE_", label)
        ids = [tid]
        if tid not in made:
            made.add(tid)
            SubElement(tags, "StructureTag", {"ID": tid, "TYPE": BLOCK_TAG, "LABEL": label})
        if art is not None:
            aid = _tag_id("LK_ART_", art)
            ids.append(aid)
            if aid not in made:
                made.add(aid)
                SubElement(tags, "StructureTag", {"ID": aid, "TYPE": ARTICLE_TAG, "LABEL": f"{art}/{kind}"})
        refs[block.id] = " ".join(ids)
    if not made:
        root.remove(tags)

    if entries:
        ro = SubElement(root, "ReadingOrder")
        top = SubElement(ro, "OrderedGroup", {"ID": "RO_PAGE"})
        groups: dict[str, Element] = {}
        for block, art, _ in entries:
            key = art or "page"
            if key not in groups:
                attrs = {"ID": f"RO_{key}"}
                if art is not None:
                    attrs["TAGREFS"] = _tag_id("LK_ART_", art)
                groups[key] = SubElement(top, "OrderedGroup", attrs)
            SubElement(groups[key], "ElementRef", {"ID": f"RO_{block.id}", "REF": block.id})

    layout = SubElement(root, "Layout")
    pattrs = {"ID": "P1", "PHYSICAL_IMG_NR": str(page.source.page or 1)}
    if page.source.width is not None and page.source.height is not None:
        pattrs.update(WIDTH=fmt_number(page.source.width), HEIGHT=fmt_number(page.source.height))
    space = SubElement(SubElement(layout, "Page", pattrs), "PrintSpace")
    for block, _, _ in entries:
        geo = {}
        if block.bbox is not None:
            b = block.bbox
            geo = {"HPOS": fmt_number(b.x0), "VPOS": fmt_number(b.top), "WIDTH": fmt_number(b.width),
                   "HEIGHT": fmt_number(b.height)}
        tb = SubElement(space, "TextBlock", {"ID": block.id, **geo, "TAGREFS": refs[block.id]})
        tl = SubElement(tb, "TextLine", {"ID": f"{block.id}_l1", **geo})
        words = block.text.split(" ")
        for i, word in enumerate(words):
            if i:
                SubElement(tl, "SP")
            SubElement(tl, "String", {"CONTENT": word})
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + tostring(root, encoding="unicode") + "\n"
