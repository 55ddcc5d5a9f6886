"""ALTO/PAGE export: valid against the official schemas, and ALTO reads back to the same page."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from layoutkit.api import parse_bytes, parse_file
from layoutkit.export.alto import to_alto
from layoutkit.export.pagexml import to_page_xml
from layoutkit.model import Article, BBox, Block, Page, Source

ROOT = Path(__file__).resolve().parents[1]
FIX = ROOT / "fixtures"
XSD = Path(__file__).resolve().parent / "data" / "xsd"
SHARED = ROOT.parent / "shared"
INPUTS = [FIX / "xml" / n for n in ("alto-v2-inch1200.alto.xml", "page-2019.page.xml", "tesseract.hocr")] + \
    [FIX / "seed-zh.txt"]

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


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: p.name)
def test_exports_validate(path, alto_schema, page_schema):
    page = parse_file(path)
    _assert_valid(alto_schema, to_alto(page))
    _assert_valid(page_schema, to_page_xml(page))


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: p.name)
def test_alto_round_trip_fixtures(path):
    page = parse_file(path)
    back = parse_bytes(to_alto(page).encode("utf-8"), path="back.alto.xml")
    assert comparable(back) == comparable(page)
    assert all(r == ("own-export: block read back from its tag",) for b in back.iter_blocks() for r in [b.reasons])


def test_page_round_trip_keeps_types_and_articles():
    page = parse_file(FIX / "xml" / "alto-v2-inch1200.alto.xml")
    back = parse_bytes(to_page_xml(page).encode("utf-8"), path="back.page.xml")
    assert comparable(back) == comparable(page)


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


@settings(max_examples=60, deadline=None)
@given(pages())
def test_alto_round_trip_property(page):
    """Any page (types, roles, articles, kinds, boxes, any Unicode words) exported as ALTO
    reads back to the same blocks in the same articles."""
    if not any(True for _ in page.iter_blocks()):
        return
    back = parse_bytes(to_alto(page).encode("utf-8"), path="p.alto.xml", profile="en")
    got, want = comparable(back), comparable(page)
    for d in (got, want):
        d.pop("language"), d.pop("profile")
        for a in d["articles"]:
            a.pop("bylines")
    assert got == want


@pytest.mark.skipif(not (SHARED / "cases").is_dir(), reason="shared dev cases not present")
@pytest.mark.parametrize("name", ["bnf-Le-Matin-18930402_02_1-p1.alto.xml", "kb-1876-12-01-p1.alto.xml",
                                  "reichsanzeiger-1891_1_0001.page.xml"])
def test_dev_case_exports(name, alto_schema, page_schema):
    page = parse_file(SHARED / "cases" / name)
    alto = to_alto(page)
    _assert_valid(alto_schema, alto)
    _assert_valid(page_schema, to_page_xml(page))
    assert comparable(parse_bytes(alto.encode("utf-8"), path="x.alto.xml")) == comparable(page)
