"""ALTO/PAGE export: valid against the official schemas, and ALTO reads back to the same page."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from layoutkit.api import iter_file_pages, parse_bytes
from layoutkit.export.alto import to_alto
from layoutkit.export.pagexml import to_page_xml
from layoutkit.model import Article, BBox, Block, Page, Source

ROOT = Path(__file__).resolve().parents[1]
FIX = ROOT / "fixtures"
XSD = Path(__file__).resolve().parent / "data" / "xsd"
SHARED = ROOT.parent / "shared"
#: Every XML fixture (ALTO, PAGE, hOCR) and a text input.
INPUTS = sorted(p for p in (FIX / "xml").iterdir() if p.suffix in (".xml", ".hocr")) + [FIX / "seed-zh.txt"]
#: Every ALTO and PAGE dev case (their export must round-trip too); empty without ../shared.
DEV_CASES = sorted(p for p in (SHARED / "cases").glob("*.xml")) if (SHARED / "cases").is_dir() else []

etree = pytest.importorskip("lxml.etree", reason="schema validation needs lxml (the test extra)")


@pytest.fixture(scope="module")
def alto_schema():
    return etree.XMLSchema(etree.parse(str(XSD / "alto-4-4.xsd")))


@pytest.fixture(scope="module")
def page_schema():
    return etree.XMLSchema(etree.parse(str(XSD / "pagecontent-2019-07-15.xsd")))


def _assert_valid(schema, text: str) -> None:
    doc = etree.fromstring(text.encode("utf-8"))
    assert schema.validate(doc), schema.error_log


def comparable(page: Page) -> dict:
    """The page as JSON minus what an export cannot carry: where it came from (source),
    the source line numbers and the rules' reasons."""
    d = page.to_dict()
    d.pop("source")
    for b in [b for a in d["articles"] for b in a["blocks"]] + d["blocks"]:
        b.pop("reasons")
        b.pop("lines")
    return d


def _pages(path: Path) -> list[Page]:
    """Every page of an input (a multi-page ALTO file has several)."""
    return list(iter_file_pages(path))


def _check_round_trips(page: Page, alto_schema, page_schema) -> None:
    """Both exports validate against the official XSDs and read back to the same page."""
    alto = to_alto(page)
    page_xml = to_page_xml(page)
    _assert_valid(alto_schema, alto)
    _assert_valid(page_schema, page_xml)
    want = comparable(page)
    back_alto = parse_bytes(alto.encode("utf-8"), path="back.alto.xml")
    assert comparable(back_alto) == want
    assert all(b.reasons == ("own-export: block read back from its tag",) for b in back_alto.iter_blocks())
    back_page = parse_bytes(page_xml.encode("utf-8"), path="back.page.xml")
    assert comparable(back_page) == want
    assert all(b.reasons == ("own-export: block read back from its tag",) for b in back_page.iter_blocks())


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: p.name)
def test_fixture_round_trips(path, alto_schema, page_schema):
    """Every fixture (each page of it): ALTO and PAGE exports valid, both read back the same."""
    pages = _pages(path)
    assert pages
    for page in pages:
        _check_round_trips(page, alto_schema, page_schema)


_WORD = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zs", "Zl", "Zp", "Co", "Cn")), min_size=1, max_size=8)
_TEXT = st.lists(_WORD, min_size=1, max_size=6).map(" ".join)
_BOX = st.tuples(*[st.integers(0, 5000)] * 4).map(
    lambda t: BBox(min(t[0], t[2]), min(t[1], t[3]), max(t[0], t[2]) + 1, max(t[1], t[3]) + 1))
_TYPE_ROLE = st.sampled_from([("headline", None), ("subheadline", "kicker"), ("subheadline", "deck"), ("byline", None),
                              ("body", None), ("intertitle", None), ("caption", None), ("credit", None),
                              ("other", None), ("dateline", None)])
_BLOCK = st.tuples(_TYPE_ROLE, _TEXT, st.one_of(st.none(), _BOX))


@st.composite
def pages(draw) -> Page:
    n = 0
    articles = []
    for k in range(draw(st.integers(0, 4))):
        blocks = []
        for (type_, role), text, box in draw(st.lists(_BLOCK, min_size=1, max_size=5)):
            n += 1
            blocks.append(Block(type=type_, role=role, text=text, lines=(n, n), bbox=box, id=f"b{n}"))
        kind = draw(st.sampled_from(["article", "photo", "other"]))
        head = next((b.text for b in blocks if b.type == "headline"), None)
        articles.append(Article(id=f"a{k + 1}", kind=kind, blocks=tuple(blocks), headline=head))
    page_blocks = []
    for type_, text, box in draw(st.lists(st.tuples(st.sampled_from(["header", "footer", "credit"]), _TEXT,
                                                    st.one_of(st.none(), _BOX)), max_size=3)):
        n += 1
        page_blocks.append(Block(type=type_, text=text, lines=(n, n), bbox=box, id=f"b{n}"))
    unit = draw(st.sampled_from(["pixel", "mm10", "inch1200"]))
    return Page(source=Source(format="alto", unit=unit), language="en", articles=tuple(articles),
                blocks=tuple(page_blocks), profile="en")


def _same_structure(back: Page, page: Page) -> None:
    got, want = comparable(back), comparable(page)
    for d in (got, want):
        d.pop("language"), d.pop("profile")
        for a in d["articles"]:
            a.pop("bylines")
    assert got == want


@settings(max_examples=60, deadline=None)
@given(pages())
def test_page_round_trip_property(page):
    """The same for PAGE: any page exported as PAGE 2019 reads back to the same blocks
    in the same articles (blocks without a box get placeholder boxes, read back as such
    only in ``bbox``, so boxes are compared where the page has them)."""
    if not any(True for _ in page.iter_blocks()):
        return
    back = parse_bytes(to_page_xml(page).encode("utf-8"), path="p.page.xml", profile="en")
    _same_structure(back, page)


@settings(max_examples=60, deadline=None)
@given(pages())
def test_alto_round_trip_property(page):
    """Any page (types, roles, articles, kinds, boxes, any Unicode words) exported as ALTO
    reads back to the same blocks in the same articles."""
    if not any(True for _ in page.iter_blocks()):
        return
    back = parse_bytes(to_alto(page).encode("utf-8"), path="p.alto.xml", profile="en")
    _same_structure(back, page)


@pytest.mark.skipif(not DEV_CASES, reason="shared dev cases not present")
@pytest.mark.parametrize("path", DEV_CASES, ids=lambda p: p.name)
def test_dev_case_round_trips(path, alto_schema, page_schema):
    """Every ALTO and PAGE dev case: both exports valid, both read back to the same page."""
    for page in _pages(path):
        _check_round_trips(page, alto_schema, page_schema)
