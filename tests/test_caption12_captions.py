"""Captions inside a picture's foot (``image-caption-inset``), a caption's credit line
set in another typeface (``image-credit-line``), and a credit on its caption's row
(``credit-on-row``, ``articles``): on synthetic blocks and small synthetic PDFs."""
from __future__ import annotations

import pytest

import layoutkit
from layoutkit.articles import _segments
from layoutkit.classify import Typed
from layoutkit.layout.blocks import TextBlock
from layoutkit.layout.captions import CAPTION, CREDIT, tag_captions
from layoutkit.layout.chars import Rule
from layoutkit.layout.lines import TextLine
from layoutkit.model import BBox, Line, Paragraph
from layoutkit.params import LayoutParams

from .pdfgen import LOREM, Text, column_lines, make_pdf


def _line(x0, top, x1, size=8.0, font="Helvetica", text="word") -> TextLine:
    return TextLine(text, x0, top, x1, top + size, size, font, False, False, nchars=len(text))


def _block(*lines: TextLine) -> TextBlock:
    return TextBlock(lines, min(ln.x0 for ln in lines), min(ln.top for ln in lines),
                     max(ln.x1 for ln in lines), max(ln.bottom for ln in lines))


BODY = [_block(*[_line(300, 100 + 12 * k, 500, 10, "Times", "body text line") for k in range(20)])]
IMG = Rule(60, 100, 250, 220, "image")


def test_inset_caption_and_the_credit_on_its_row():
    label = _block(_line(70, 210, 110, 8, "Helvetica", "Label"))
    credit = _block(_line(180, 210, 245, 8, "Times", "Drawn by Someone"))
    out = tag_captions(BODY + [label, credit], [IMG], 10.0, LayoutParams())
    assert [b.zone for b in out] == ["", CAPTION, CREDIT]
    assert out[1].reasons[-1].startswith("image-caption-inset")


def test_no_inset_caption_when_one_is_below_or_text_is_in_the_middle():
    inset = _block(_line(70, 210, 110, 8, "Helvetica", "Label"))
    under = _block(_line(60, 226, 240, 8, "Helvetica", "The caption under the picture"))
    out = tag_captions(BODY + [inset, under], [IMG], 10.0, LayoutParams())
    assert [b.zone for b in out] == ["", "", CAPTION]
    middle = _block(_line(70, 180, 110, 8, "Helvetica", "Label"))  # 32 pt above the foot
    assert [b.zone for b in tag_captions(BODY + [middle], [IMG], 10.0, LayoutParams())] == ["", ""]
    # text in the body's style at the foot is no caption (nor credit)
    plain = _block(_line(70, 210, 110, 10, "Times", "Label"))
    assert [b.zone for b in tag_captions(BODY + [plain], [IMG], 10.0, LayoutParams())] == ["", ""]


def test_caption_ending_in_a_credit_line_in_another_typeface_is_split():
    cap = _block(_line(60, 226, 240, 8, "Helvetica", "Workers repair the quay wall"),
                 _line(60, 236, 240, 8, "Helvetica", "of the harbour on Monday."),
                 _line(180, 246, 240, 8, "Times", "Photo Someone"))
    out = tag_captions(BODY + [cap], [IMG], 10.0, LayoutParams())
    assert [(b.zone, len(b.lines)) for b in out] == [("", 20), (CAPTION, 2), (CREDIT, 1)]
    assert (out[1].bottom, out[2].x0, out[2].top) == (244, 180, 246)
    assert out[2].reasons[-1].startswith("image-credit-line")


def test_caption_whose_last_line_shares_a_typeface_is_not_split():
    cap = _block(_line(60, 226, 240, 8, "Helvetica", "Workers repair the quay wall"),
                 _line(60, 236, 240, 8, "Times", "of the harbour on Monday."),
                 _line(180, 246, 240, 8, "Times-Bold", "Photo Someone"))
    out = tag_captions(BODY + [cap], [IMG], 10.0, LayoutParams())
    assert [(b.zone, len(b.lines)) for b in out] == [("", 20), (CAPTION, 3)]


def cartoon_page() -> bytes:
    """A full-height column, and beside it two columns of text over a cartoon set across
    both, its label at the left end of its foot and its artist's credit at the right
    end, both inside the picture's box."""
    items = [Text(60, 60, "Harbour plan approved after long debate", 24, bold=True)]
    items += column_lines(LOREM * 2, 60, 100, 150)
    items += column_lines(LOREM, 230, 100, 150)
    items += column_lines(LOREM[::-1], 400, 100, 150)
    items += [Text(240, 478, "Rising tides", 8, serif=True), Text(470, 478, "Drawn by Ann Lee", 8)]
    return make_pdf([items], images=[(230, 340, 550, 490)])


@pytest.mark.parametrize("backend", ["pdfplumber", "pdfium"])
def test_cartoon_label_and_credit_form_a_photo_article(tmp_path, backend):
    path = tmp_path / "cartoon.pdf"
    path.write_bytes(cartoon_page())
    p = layoutkit.parse_pdf(path, backend=backend)[0]
    photo = [[(b.type, b.text) for b in a.blocks] for a in p.articles if a.kind == "photo"]
    assert photo == [[("caption", "Rising tides"), ("credit", "Drawn by Ann Lee")]]


def test_no_inset_caption_in_a_composition_with_text_over_it():
    """A picture with text drawn over its middle too (an advertisement) has no caption
    margin: its foot line is its own text."""
    slogan = _block(_line(70, 140, 200, 12, "Helvetica", "Wherever you go"))
    foot = _block(_line(70, 210, 110, 8, "Helvetica", "Label"))
    assert [b.zone for b in tag_captions(BODY + [slogan, foot], [IMG], 10.0, LayoutParams())] == ["", "", ""]


def _typed(type_: str, text: str, x0: float, top: float) -> Typed:
    line = Line(text, 1, bbox=BBox(x0, top, x0 + 8 * len(text), top + 8), font_size=8.0)
    return Typed(Paragraph(text, (line,), 200.0, 0), type_, text, 12.0, 200.0)


def test_credit_on_its_captions_row_joins_the_photo_across_a_column():
    """``credit-on-row``: read column by column, a column's text comes between a label
    and the credit set on its row; the credit still joins the label's photo group."""
    cap = _typed("caption", "Rising tides", 240, 478)
    col = _typed("body", "The council met on Monday.", 400, 100)
    credit = _typed("credit", "Drawn by Ann Lee", 470, 478.5)
    segs = _segments([cap, col, credit])
    assert [(s.kind, [t.text for _, t in s.items]) for s in segs] == [
        ("photo", ["Rising tides", "Drawn by Ann Lee"]), ("run", ["The council met on Monday."])]
    # a credit on another row is a page-level block, as before
    low = _typed("credit", "Drawn by Ann Lee", 470, 520)
    assert [s.kind for s in _segments([cap, col, low])] == ["photo", "run", "page"]
