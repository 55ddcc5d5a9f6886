"""Pages with geometry for the visual tests, built without a geometric reader (the PDF and
ALTO readers live on other branches): one constructed block by block with known boxes and
types, one produced by the real pipeline from lines that carry boxes."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from layoutkit import Article, BBox, Block, Line, Page, Source, run_lines

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
RMRB_PDF = SHARED / "cases" / "rmrb-rmrb2018010207.pdf"
#: The rmrb page's size in points (pdfplumber's page.width/height).
RMRB_SIZE = (1016.9999, 1438.2)


def _b(bid: str, type_: str, text: str, box: tuple[float, float, float, float], lines: tuple[int, int],
       role: Optional[str] = None) -> Block:
    return Block(type=type_, text=text, lines=lines, role=role, bbox=BBox(*box), id=bid,
                 reasons=(f"test-rule: {type_} by construction",))


def boxed_page(source: Source) -> Page:
    """Two articles and a header with separate, non-overlapping boxes (units: points of a
    1017 x 1438 page). Known types at known places: what the pixel tests look for."""
    a1 = Article(id="a1", kind="article", headline="Main title", blocks=(
        _b("b1", "headline", "Main title", (60, 110, 640, 170), (1, 1)),
        _b("b2", "byline", "By A. Writer", (60, 190, 300, 215), (2, 2)),
        _b("b3", "body", "First paragraph of the main article.", (60, 240, 330, 700), (3, 20)),
        _b("b4", "intertitle", "An intertitle", (370, 240, 640, 270), (21, 21)),
        _b("b5", "body", "Second paragraph.", (370, 290, 640, 700), (22, 40)),
    ))
    a2 = Article(id="a2", kind="article", headline="Side story", blocks=(
        _b("b6", "headline", "Side story", (700, 110, 960, 160), (41, 41)),
        _b("b7", "body", "Body of the side story.", (700, 190, 960, 900), (42, 70)),
        _b("b8", "credit", "Photo: Somebody", (700, 930, 960, 955), (71, 71)),
    ))
    header = _b("b9", "header", "Page 7 Theory", (60, 20, 960, 60), (72, 72))
    return Page(source=source, language="en", articles=(a1, a2), blocks=(header,))


def pdf_source() -> Source:
    return Source(format="pdf", path=str(RMRB_PDF), page=1, unit="pt", width=RMRB_SIZE[0], height=RMRB_SIZE[1])


def column_lines() -> list[Line]:
    """A headline and two columns of justified body text with boxes, in reading order
    (region ids as a geometric reader would give them; units: pixels, 10 px per em)."""
    lines: list[Line] = [Line("Council approves the new bridge", 1, bbox=BBox(100, 100, 700, 140),
                              font_size=40, region="r1")]
    words = "the council met on tuesday and after a long debate it voted to approve the plan".split()
    n = 2
    for col, x0 in enumerate((100, 420)):
        for i in range(12):
            first = i % 6 == 0
            last = i % 6 == 5
            text = " ".join(words[(i + col) % 5:(i + col) % 5 + 7])
            if last:
                text = text[:20] + "."
            left = x0 + (20 if first else 0)
            right = x0 + 120 if last else x0 + 280
            top = 200 + i * 14
            lines.append(Line(text, n, bbox=BBox(left, top, right, top + 11), font_size=11, region=f"r{col + 2}"))
            n += 1
    return lines


def pipeline_page() -> Page:
    source = Source(format="alto", path="synthetic.alto.xml", unit="pixel", width=800, height=600)
    return run_lines(column_lines(), source, profile="en")
