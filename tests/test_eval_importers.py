"""PAGE XML and METS/ALTO ground truth importers."""
from __future__ import annotations

from pathlib import Path

import pytest

from layoutkit.errors import InputError
from layoutkit.evaluation import load_page, score_pages
from layoutkit.evaluation.importers import load_mets, load_page_xml
from layoutkit.evaluation.importers.page_xml import PageImport, join_lines

SHARED = Path(__file__).resolve().parents[1].parent / "shared"

PAGE_XML = """<?xml version="1.0" encoding="UTF-8"?>
<PcGts xmlns="http://schema.primaresearch.org/PAGE/gts/pagecontent/2013-07-15">
 <Page imageFilename="x.jpg" imageWidth="1000" imageHeight="1000">
  <ReadingOrder><OrderedGroup id="g">
   <RegionRefIndexed index="0" regionRef="r2"/>
   <RegionRefIndexed index="2" regionRef="r1"/>
  </OrderedGroup></ReadingOrder>
  <TextRegion id="r1" type="paragraph">
   <TextLine id="l1"><Coords points="100,100 500,100 500,120 100,120"/><TextEquiv><Unicode>Erſter Abſatz mit Zei⸗</Unicode></TextEquiv></TextLine>
   <TextLine id="l2"><Coords points="60,125 500,125 500,145 60,145"/><TextEquiv><Unicode>tung und mehr.</Unicode></TextEquiv></TextLine>
   <TextLine id="l3"><Coords points="80,150 500,150 500,170 80,170"/><TextEquiv><Unicode>Zweiter Abſatz beginnt.</Unicode></TextEquiv></TextLine>
   <TextLine id="l4"><Coords points="60,175 500,175 500,195 60,195"/><TextEquiv><Unicode>Er geht weiter.</Unicode></TextEquiv></TextLine>
  </TextRegion>
  <TextRegion id="r2" custom="readingOrder {index:0;} structure {type:heading;}">
   <TextLine id="l5"><TextEquiv><Unicode>Amtliches</Unicode></TextEquiv></TextLine>
  </TextRegion>
  <TextRegion id="r3" type="page-number"><TextEquiv><Unicode>17</Unicode></TextEquiv></TextRegion>
  <TableRegion id="t1"><TextRegion id="c1" type="paragraph"><TextEquiv><Unicode>Zelle</Unicode></TextEquiv></TextRegion></TableRegion>
 </Page>
</PcGts>
"""


def test_page_xml_types_order_and_paragraph_splits(tmp_path):
    f = tmp_path / "p.page.xml"
    f.write_text(PAGE_XML, encoding="utf-8")
    page = load_page_xml(f)
    assert [(b.type, b.text) for b in page.blocks] == [
        ("headline", "Amtliches"),
        ("body", "Erſter Abſatz mit Zeitung und mehr."),  # indented first line; hyphen rejoined
        ("body", "Zweiter Abſatz beginnt. Er geht weiter."),
        ("footer", "17"),     # not in the reading order: after it, in document order
        ("other", "Zelle"),   # a table cell
    ]
    assert page.article_count == 0 and not page.supports("article_ari") and page.supports("block_f1")
    whole = load_page_xml(f, PageImport(split_indented=False, type_map={"page-number": "other"}))
    assert len(whole.blocks) == 4 and whole.blocks[2].type == "other"


def test_join_lines_only_rejoins_words():
    assert join_lines(["Zei⸗", "tung"]) == "Zeitung"
    assert join_lines(["Preis 5 -", "Mark"]) == "Preis 5 - Mark"
    assert join_lines(["one", "two"]) == "one two"


def test_not_page_xml(tmp_path):
    f = tmp_path / "x.xml"
    f.write_text("<alto/>", encoding="utf-8")
    with pytest.raises(InputError, match="not a PAGE XML"):
        load_page_xml(f)
    f.write_text("<PcGts", encoding="utf-8")
    with pytest.raises(InputError, match="well-formed"):
        load_page_xml(f)


METS = """<?xml version="1.0"?>
<mets:mets xmlns:mets="http://www.loc.gov/METS/" xmlns:xlink="http://www.w3.org/1999/xlink">
 <mets:fileSec><mets:fileGrp USE="content">
  <mets:file ID="ALTO1" MIMETYPE="text/xml"><mets:FLocat LOCTYPE="URL" xlink:href="file://./ALTO/issue-0001.xml"/></mets:file>
 </mets:fileGrp></mets:fileSec>
 <mets:structMap TYPE="PHYSICAL"><mets:div TYPE="page"><mets:fptr FILEID="ALTO1"/></mets:div></mets:structMap>
 <mets:structMap TYPE="LOGICAL"><mets:div TYPE="ISSUE">
  <mets:div TYPE="TITLE_SECTION"><mets:div TYPE="TEXTBLOCK"><mets:fptr><mets:area FILEID="ALTO1" BEGIN="TB1"/></mets:fptr></mets:div></mets:div>
  <mets:div TYPE="ARTICLE">
   <mets:div TYPE="HEADING"><mets:div TYPE="TITLE"><mets:fptr><mets:area FILEID="ALTO1" BEGIN="TB2"/></mets:fptr></mets:div></mets:div>
   <mets:div TYPE="BODY"><mets:div TYPE="PARAGRAPH"><mets:div TYPE="TEXT"><mets:fptr><mets:area FILEID="ALTO1" BEGIN="TB3"/></mets:fptr></mets:div></mets:div></mets:div>
  </mets:div>
  <mets:div TYPE="ADVERTISEMENT"><mets:fptr><mets:area FILEID="ALTO1" BEGIN="TB4"/></mets:fptr><mets:fptr><mets:area FILEID="ALTO1" BEGIN="TB5"/></mets:fptr></mets:div>
 </mets:div></mets:structMap>
</mets:mets>
"""

ALTO = """<?xml version="1.0"?>
<alto xmlns="http://www.loc.gov/standards/alto/ns-v2#"><Layout><Page><PrintSpace>
 <TextBlock ID="TB1"><TextLine><String CONTENT="LE"/><SP/><String CONTENT="MATIN"/></TextLine></TextBlock>
 <TextBlock ID="TB2"><TextLine><String CONTENT="POISSON"/><SP/><String CONTENT="D'AVRIL"/></TextLine></TextBlock>
 <TextBlock ID="TB3"><TextLine><String CONTENT="Le"/><SP/><String CONTENT="cabi" SUBS_TYPE="HypPart1" SUBS_CONTENT="cabinet"/><HYP CONTENT="-"/></TextLine>
  <TextLine><String CONTENT="net" SUBS_TYPE="HypPart2" SUBS_CONTENT="cabinet"/><SP/><String CONTENT="est"/></TextLine></TextBlock>
 <TextBlock ID="TB4"><TextLine><String CONTENT="Achetez"/></TextLine></TextBlock>
 <TextBlock ID="TB5"><TextLine><String CONTENT="Savon"/></TextLine></TextBlock>
 <TextBlock ID="TB6"><TextLine><String CONTENT="Bruit"/></TextLine></TextBlock>
</PrintSpace></Page></Layout></alto>
"""


def test_mets_articles_types_and_unreferenced_blocks(tmp_path):
    (tmp_path / "issue-METS.xml").write_text(METS, encoding="utf-8")
    # The href's ALTO/ folder does not exist: the file is found next to the METS by stem.
    (tmp_path / "issue-0001-alto.xml").write_text(ALTO, encoding="utf-8")
    page = load_mets(tmp_path / "issue-METS.xml", 1)
    assert [(b.type, b.text, b.article) for b in page.blocks] == [
        ("headline", "POISSON D'AVRIL", 0),
        ("body", "Le cabinet est", 0),
        ("body", "Achetez Savon", 1),
        ("header", "LE MATIN", None),
        ("other", "Bruit", None),
    ]
    assert page.article_count == 2
    with pytest.raises(InputError, match="no page 2"):
        load_mets(tmp_path / "issue-METS.xml", 2)


@pytest.mark.skipif(not (SHARED / "corpus").exists(), reason="shared data not present")
def test_importers_reproduce_the_dev_gold_text():
    """Imported ground truth of real files holds the dev gold's text, types and articles."""
    cases = SHARED / "cases"
    page = load_page_xml(cases / "reichsanzeiger-1891_1_0001.page.xml")
    s = score_pages(page, load_page(cases / "reichsanzeiger-1891_1_0001.gold.yaml"))
    assert s["text_recall"] > 0.99 and s["type_acc"] > 0.99 and s["order_acc"] == 1.0
    mets = next((SHARED / "corpus" / "bnf-europeana").glob("*/*METS.xml"))
    s = score_pages(load_mets(mets, 1), load_page(cases / "bnf-Le-Matin-18930402_02_1-p1.gold.yaml"))
    assert s["text_recall"] > 0.99 and s["article_ari"] > 0.99 and s["block_f1"] > 0.95
