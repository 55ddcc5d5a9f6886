"""Our page as PAGE XML 2019 (``layoutkit convert --format page``).

Every block -> a ``TextRegion`` (id = block id) with the PAGE ``type`` closest to ours
(``PAGE_TYPES``) and our exact type, role and article in ``custom="layoutkit {...}"``,
one ``TextLine`` holding the block text, and a ``ReadingOrder`` listing the regions in
order. PAGE requires coordinates: blocks without geometry (text input) get placeholder
boxes stacked down the page in reading order, one unit per block (documented, not real),
flagged ``geometry:none`` in ``custom`` so that reading the export back drops them.
"""
from __future__ import annotations

from datetime import datetime, timezone
from xml.etree.ElementTree import Element, SubElement, tostring

from .. import __version__
from ..model import BBox, Page
from . import blocks_in_order

NS = "http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA = f"{NS} {NS}/pagecontent.xsd"
#: Our block type -> PAGE 2019 TextRegion type.
PAGE_TYPES = {
    "headline": "heading", "subheadline": "heading", "intertitle": "heading", "body": "paragraph",
    "byline": "other", "dateline": "other", "caption": "caption", "credit": "credit",
    "header": "header", "footer": "footer", "other": "other",
}


def _points(b: BBox) -> str:
    x0, y0, x1, y1 = (int(round(v)) for v in (b.x0, b.top, b.x1, b.bottom))
    x1, y1 = max(x1, x0 + 1), max(y1, y0 + 1)
    return f"{x0},{y0} {x1},{y0} {x1},{y1} {x0},{y1}"


def to_page_xml(page: Page) -> str:
    """The page as a PAGE 2019 document (a string, XML declaration included)."""
    root = Element("PcGts", {"xmlns": NS, "xmlns:xsi": XSI, "xsi:schemaLocation": SCHEMA})
    meta = SubElement(root, "Metadata")
    SubElement(meta, "Creator").text = f"layoutkit {__version__}"
    now = datetime.now(timezone.utc).replace(microsecond=0).isoformat()
    SubElement(meta, "Created").text = now
    SubElement(meta, "LastChange").text = now
    entries = list(blocks_in_order(page))
    boxes = [b.bbox for b, _, _ in entries]
    width = int(round(page.source.width)) if page.source.width else int(max([1] + [round(b.x1) + 1 for b in boxes if b]))
    height = int(round(page.source.height)) if page.source.height else \
        int(max([len(entries) + 1] + [round(b.bottom) + 1 for b in boxes if b]))
    pg = SubElement(root, "Page", {"imageFilename": page.source.path or "", "imageWidth": str(width),
                                   "imageHeight": str(height)})
    if entries:
        group = SubElement(SubElement(pg, "ReadingOrder"), "OrderedGroup", {"id": "ro", "caption": "reading order"})
        for i, (block, _, _) in enumerate(entries):
            SubElement(group, "RegionRefIndexed", {"index": str(i), "regionRef": block.id})
    for i, (block, art, kind) in enumerate(entries):
        custom = f"layoutkit {{type:{block.type};" + (f" role:{block.role};" if block.role else "") + \
            (f" article:{art}/{kind};" if art else "") + (" geometry:none;" if block.bbox is None else "") + "}"
        region = SubElement(pg, "TextRegion", {"id": block.id, "type": PAGE_TYPES.get(block.type, "other"),
                                               "custom": custom})
        box = block.bbox or BBox(0, i, width - 1 if width > 1 else 1, i + 1)
        SubElement(region, "Coords", {"points": _points(box)})
        line = SubElement(region, "TextLine", {"id": f"{block.id}_l1"})
        SubElement(line, "Coords", {"points": _points(box)})
        SubElement(SubElement(line, "TextEquiv"), "Unicode").text = block.text
        SubElement(SubElement(region, "TextEquiv"), "Unicode").text = block.text
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + tostring(root, encoding="unicode") + "\n"
