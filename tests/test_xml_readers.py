"""ALTO, PAGE and hOCR readers: what each input field becomes in the Line model."""
from __future__ import annotations

from pathlib import Path

import pytest

from layoutkit.api import read_pages, parse_file, iter_file_pages
from layoutkit.formats import sniff_format
from layoutkit.params import Params, ReadParams

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "xml"


def lines_of(name: str, params: Params | None = None, page: int = 1):
    data = (FIX / name).read_bytes()
    pages = list(read_pages(data, path=name, params=params or Params()))
    return pages[page - 1]


def test_sniffing():
    for name, fmt in [("alto-v2-inch1200.alto.xml", "alto"), ("page-2019.page.xml", "page"),
                      ("tesseract.hocr", "hocr")]:
        assert sniff_format((FIX / name).read_bytes()[:8192], name) == fmt


def test_alto_lines_geometry_units_and_styles():
    raw = lines_of("alto-v2-inch1200.alto.xml")
    assert raw.source.format == "alto" and raw.source.unit == "inch1200"
    assert (raw.source.width, raw.source.height) == (12000, 16000)
    texts = [ln.text for ln in raw.lines]
    # top margin first, then the print space; strings joined by single spaces, HYP appended
    assert texts[0] == "THE DAILY GAZETTE"
    assert texts[2] == "The town council met to dis-"
    head = raw.lines[1]
    assert head.region == "TB1" and head.font_size == 16 and head.bold is True
    assert head.bbox.x0 == 1400 and head.bbox.bottom == 1200  # input units, origin top-left
    assert head.confidence == pytest.approx(0.85)
    hyph = raw.lines[2]
    assert hyph.hyphenated and hyph.hyphen_word == "discuss"
    caption = raw.lines[-1]
    assert caption.region == "TB3" and caption.region_type == "caption" and caption.italic is True


def test_alto_subs_content_dehyphenation():
    page = parse_file(FIX / "alto-v2-inch1200.alto.xml")
    body = next(b for a in page.articles for b in a.blocks if "bridge over" in b.text)
    assert "to discuss the new bridge" in body.text
    assert any(r.startswith("marked-dehyphenation: ") and r.endswith("-> 'discuss'") for r in body.reasons)


def test_marked_dehyphenation_keeps_the_character_contract():
    """The word from SUBS_CONTENT replaces the printed parts, which may differ from it (OCR
    read the parts and the word separately): the reason records both, and
    ``conservation.account`` accepts exactly that substitution."""
    from layoutkit.api import page_from_read, read_pages
    from layoutkit.conservation import account

    data = (FIX / "alto-v2-inch1200.alto.xml").read_bytes().replace(b'SUBS_CONTENT="discuss"', b'SUBS_CONTENT="discu\xc3\x9fs"')
    for raw in read_pages(data, path="t.alto.xml"):
        page = page_from_read(raw)
        acc = account([ln.text for ln in raw.lines], page)
        assert acc.ok, acc.describe()
        assert any("discußs" in b.text for b in page.iter_blocks())


def test_alto_reading_order_and_multipage():
    first = lines_of("alto-v4-multipage.alto.xml", page=1)
    assert [ln.region for ln in first.lines] == ["B_SECOND", "B_FIRST"]  # ALTO 4.3 ReadingOrder
    second = lines_of("alto-v4-multipage.alto.xml", page=2)
    assert [ln.region for ln in second.lines] == ["C1", "C2", "C3"]  # IDNEXT chain
    assert second.source.page == 2 and second.source.unit == "mm10"
    pages = list(iter_file_pages(FIX / "alto-v4-multipage.alto.xml"))
    assert len(pages) == 2


def test_page_xml_order_types_fragments():
    raw = lines_of("page-2019.page.xml")
    assert raw.source.format == "page" and raw.source.unit == "pixel"
    regions = [ln.region for ln in raw.lines]
    assert regions[0] == "head" and regions[1] == "title" and "body" in regions
    assert raw.lines[0].region_type == "header"
    # a TextLine on the baseline of the previous one is a fragment of the same printed line
    assert any(ln.text == "den ganzen Tag. (Telegr.)" for ln in raw.lines)
    # text from Words when the line has no TextEquiv of its own
    assert any(ln.text == "und morgen." for ln in raw.lines)
    # text regions inside a table are table material
    assert raw.lines[-1].region_type == "table"


def test_page_xml_hints_and_ignoring_them():
    page = parse_file(FIX / "page-2019.page.xml")
    types = {b.text: b.type for b in page.iter_blocks()}
    assert types["Wetter am Rhein"] == "headline"
    assert types["Kölnische Zeitung"] == "header"
    assert types["Roggen 12 Mark"] == "other"
    # body region cut at its indented line
    assert types["Heute regnet es in der ganzen Stadt und morgen."] == "body"
    ignored = Params(read=ReadParams(ignore_input_structure=True))
    raw = lines_of("page-2019.page.xml", ignored)
    assert all(ln.region_type is None for ln in raw.lines)
    page2 = parse_file(FIX / "page-2019.page.xml", params=ignored)
    assert not any("input-region-type" in r for b in page2.iter_blocks() for r in b.reasons)


def test_hocr_lines():
    raw = lines_of("tesseract.hocr")
    assert raw.source.format == "hocr" and raw.source.width == 2000
    first = raw.lines[0]
    assert first.text == "GREAT NEWS" and first.region_type == "ocr_header" and first.font_size == 80
    assert first.confidence == pytest.approx(0.93)
    assert raw.lines[1].text == "The council&met"  # character references decoded, nothing else
    assert raw.lines[1].region == "par_1_2"
