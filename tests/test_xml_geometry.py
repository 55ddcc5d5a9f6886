"""Geometric rules of the OCR XML path: titles (geotitles), article cuts (geoarticles),
PAGE paragraph cuts (hints), and the Latin punctuation spaces the text stages keep."""
from __future__ import annotations

from layoutkit.api import parse_bytes
from layoutkit.geoarticles import split_column_skips
from layoutkit.geotitles import _clipped
from layoutkit.model import Article, BBox, Block
from layoutkit.profile import load_profile
from layoutkit.reflow import clean_line, join_texts

BODY = ("The council met yesterday evening to discuss the bridge over the river and the new "
        "school, and it decided to ask the province for the money it needs this year.")


def _words(text: str, x: int, y: int, h: int = 40) -> str:
    out, cx = [], x
    for w in text.split():
        out.append(f'<String CONTENT="{w}" HPOS="{cx}" VPOS="{y}" WIDTH="{len(w) * 20}" HEIGHT="{h}"/><SP/>')
        cx += len(w) * 20 + 20
    return "".join(out)


def _block(bid: str, lines: list[str], x: int, y: int, width: int = 1000, h: int = 40) -> str:
    rows = []
    for k, text in enumerate(lines):
        ly = y + k * (h + 10)
        rows.append(f'<TextLine HPOS="{x}" VPOS="{ly}" WIDTH="{min(width, len(text) * 24)}" HEIGHT="{h}">'
                    f'{_words(text, x, ly, h)}</TextLine>')
    height = len(lines) * (h + 10)
    return f'<TextBlock ID="{bid}" HPOS="{x}" VPOS="{y}" WIDTH="{width}" HEIGHT="{height}">{"".join(rows)}</TextBlock>'


def _alto(*blocks: str) -> bytes:
    return ('<?xml version="1.0"?><alto xmlns="http://www.loc.gov/standards/alto/ns-v4#"><Description>'
            '<MeasurementUnit>pixel</MeasurementUnit></Description><Layout><Page ID="P1" WIDTH="6000" '
            f'HEIGHT="9000"><PrintSpace>{"".join(blocks)}</PrintSpace></Page></Layout></alto>').encode()


def _wrap(text: str, n: int = 42) -> list[str]:
    lines, cur = [], ""
    for w in text.split():
        if cur and len(cur) + 1 + len(w) > n:
            lines.append(cur)
            cur = w
        else:
            cur = f"{cur} {w}".strip()
    return lines + [cur]


def _blocks(page):
    return [b for a in page.articles for b in a.blocks] + list(page.blocks)


def test_clipped_fragment_is_not_a_title():
    """``geometric-not-title``: a short line ending in a clipped word (an OCR fragment) is
    body text and opens no article; a capitals head in its own region stays a title."""
    data = _alto(_block("T1", ["THE BRIDGE QUESTION"], 100, 100),
                 _block("B1", _wrap(BODY), 100, 200),
                 _block("F1", ["Jane Cr"], 100, 900))
    page = parse_bytes(data, path="t.alto.xml")
    by_text = {b.text: b for b in _blocks(page)}
    assert by_text["THE BRIDGE QUESTION"].type == "headline"
    frag = by_text["Jane Cr"]
    assert frag.type == "body" and any(r.startswith("geometric-not-title") for r in frag.reasons)
    assert len(page.articles) == 1


def test_clipped_words():
    assert _clipped("Jane Cr") and _clipped("Greek D") and _clipped("Iters, r")
    assert not _clipped("When IN") and not _clipped("Louis XV") and not _clipped("Vol. I.")
    assert not _clipped("Onderwijs.")


def test_title_inside_a_region_is_an_intertitle():
    """``in-region-title``: a title-like line below the first line of its input region (a
    table's row head, a market item head) opens no article."""
    table = ["Gaz Central cpt.", "Lyon 120 50 121 .. 122 25 123 50", "Paris 99 75 100 .. 101 25 102 ..",
             "Gaz Belge cpt.", "Anvers 88 .. 89 50 90 .. 91 25", "Bruxelles 77 25 78 .. 79 50 80 .."]
    data = _alto(_block("T1", ["RENTES ET ACTIONS"], 100, 100),
                 _block("B1", _wrap(BODY), 100, 200),
                 _block("TB", _wrap(BODY) + ["All agreed."] + table, 100, 900))
    page = parse_bytes(data, path="t.alto.xml")
    heads = [b for b in _blocks(page) if b.type == "headline"]
    assert [b.text for b in heads] == ["RENTES ET ACTIONS"]
    inner = [b for b in _blocks(page) if b.text.startswith("Gaz ")]
    assert inner and all(b.type != "headline" for b in inner)
    assert any(any(r.startswith("in-region-title") for r in b.reasons) for b in inner)
    assert len(page.articles) == 1


def _blk(n: int, x0: float, width: float = 1000, type_: str = "body") -> Block:
    return Block(type=type_, text=f"text {n}", lines=(n, n), bbox=BBox(x0, 100.0 * n, x0 + width, 100.0 * n + 90),
                 id=f"b{n}")


def test_column_skip_cuts_an_article():
    """``column-skip``: next column continues the article, a skipped column does not."""
    prof = load_profile("en")
    art = Article(id="a1", kind="article", blocks=(_blk(1, 0), _blk(2, 0), _blk(3, 1100), _blk(4, 3300),
                                                   _blk(5, 3300)))
    out = split_column_skips([art], prof)
    assert [[b.id for b in a.blocks] for a in out] == [["b1", "b2", "b3"], ["b4", "b5"]]
    assert [a.id for a in out] == ["a1", "a2"]
    assert any(r.startswith("column-skip") for r in out[1].blocks[0].reasons)
    # a headline spanning columns stays with its article; no boxes: nothing to measure
    head = Article(id="a1", kind="article", blocks=(_blk(1, 0), _blk(2, 4000, type_="headline"), _blk(3, 4000)))
    assert len(split_column_skips([head], prof)) == 1
    bare = Article(id="a1", kind="article", blocks=(Block(type="body", text="x", lines=(1, 1)),))
    assert split_column_skips([bare], prof) == [bare]


def test_shared_punctuation_keeps_latin_spaces():
    """Dashes and curly quotes between Latin words are not CJK justification gaps."""
    assert clean_line("38. Zigarettenpapier. — Beschr.", False).text == "38. Zigarettenpapier. — Beschr."
    assert clean_line("„Warenproben“ oder „Proben“", False).text == "„Warenproben“ oder „Proben“"
    assert clean_line("他说 “ 好 ” 了", False).text == "他说“好”了"
    assert join_texts(["Verfügung. —", "Provinz"], []) == "Verfügung. — Provinz"
    assert join_texts(["中国 —", "增长"], []) == "中国 —增长"


def test_page_indent_cut_not_after_a_hyphen():
    """``hyphen-runs-on``: an indented line after a line ending in a word-break hyphen
    continues the paragraph (the word is split across them)."""
    ns = "http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15"
    rows = [("Die Gefangenen kamen nämlich schon krank ins Buß⸗", 100), ("haus, und sie blieben dort", 140),
            ("bis zum Ende des Jahres im Hause.", 100), ("Ein neuer Absatz beginnt hier mit", 140),
            ("einer eingerückten ersten Zeile.", 100)]
    lines = "".join(
        f'<TextLine id="l{k}"><Coords points="{x},{100 + 50 * k} 1200,{100 + 50 * k} 1200,{140 + 50 * k} '
        f'{x},{140 + 50 * k}"/><TextEquiv><Unicode>{t}</Unicode></TextEquiv></TextLine>'
        for k, (t, x) in enumerate(rows))
    doc = (f'<?xml version="1.0"?><PcGts xmlns="{ns}"><Page imageFilename="x" imageWidth="2000" imageHeight="3000">'
           f'<TextRegion id="r1" type="paragraph"><Coords points="100,100 1200,100 1200,400 100,400"/>{lines}'
           '</TextRegion></Page></PcGts>').encode()
    page = parse_bytes(doc, path="t.page.xml")
    texts = [b.text for b in _blocks(page)]
    assert any("Bußhaus, und sie blieben dort" in t for t in texts), texts
    assert any(t.startswith("Ein neuer Absatz") for t in texts), texts


def test_large_debris_is_not_a_title():
    """``noise-not-title`` (geotype): letters read off an ornament in a large size are no
    headline; a real head in that size is."""
    body = [f'<TextLine HPOS="100" VPOS="{300 + 50 * k}" WIDTH="900" HEIGHT="40" STYLEREFS="S9">'
            f'{_words(t, 100, 300 + 50 * k)}</TextLine>' for k, t in enumerate(_wrap(BODY) * 3)]
    doc = ('<?xml version="1.0"?><alto xmlns="http://www.loc.gov/standards/alto/ns-v4#"><Description>'
           '<MeasurementUnit>pixel</MeasurementUnit></Description><Styles>'
           '<TextStyle ID="S9" FONTSIZE="9"/><TextStyle ID="S20" FONTSIZE="20"/></Styles><Layout>'
           '<Page ID="P1" WIDTH="6000" HEIGHT="9000"><PrintSpace>'
           '<TextBlock ID="H" HPOS="100" VPOS="100" WIDTH="900" HEIGHT="80" STYLEREFS="S20">'
           f'<TextLine HPOS="100" VPOS="100" WIDTH="600" HEIGHT="80">{_words("Bridge Plans", 100, 100, 80)}'
           '</TextLine></TextBlock>'
           f'<TextBlock ID="B" HPOS="100" VPOS="300" WIDTH="900" HEIGHT="900">{"".join(body)}</TextBlock>'
           '<TextBlock ID="N" HPOS="100" VPOS="1300" WIDTH="100" HEIGHT="80" STYLEREFS="S20">'
           f'<TextLine HPOS="100" VPOS="1300" WIDTH="60" HEIGHT="80">{_words("£ *", 100, 1300, 80)}</TextLine>'
           '</TextBlock></PrintSpace></Page></Layout></alto>').encode()
    page = parse_bytes(doc, path="t.alto.xml")
    by_text = {b.text: b for b in _blocks(page)}
    assert by_text["Bridge Plans"].type == "headline"
    assert by_text["£ *"].type != "headline"
    assert len(page.articles) == 1


def test_latin_ocr_text_blocks_end_their_paragraph():
    """``latin-box-break`` on OCR XML: a Latin paragraph does not run on from one input
    text block into the next (the libraries' ground truth treats the OCR's blocks as block
    units, as a text export's blank lines); a word hyphenated across the two does join."""
    first = _wrap(BODY)[:-1] + ["and the school board"]  # runs on: no sentence end
    data = _alto(_block("A", first, 100, 100), _block("B", _wrap("asked for more money. " + BODY), 100, 600))
    texts = [b.text for b in _blocks(parse_bytes(data, path="t.alto.xml")) if b.type == "body"]
    assert len(texts) == 2 and texts[0].endswith("school board") and texts[1].startswith("asked")

    hyphenated = _wrap(BODY)[:-1] + ["and the school bo-"]
    data = _alto(_block("A", hyphenated, 100, 100), _block("B", _wrap("ard asked for money. " + BODY), 100, 600))
    page = parse_bytes(data, path="t.alto.xml")
    joined = [b for b in _blocks(page) if "board asked" in b.text]
    assert joined and any(r.startswith("box-hyphen-continues") for r in joined[0].reasons)
