"""Captions and credits found at pictures (``layout.captions``), on small synthetic PDFs."""
from __future__ import annotations

import pytest

import layoutkit
from layoutkit.layout.blocks import TextBlock
from layoutkit.layout.captions import CAPTION, CAPTION_ABOVE, CREDIT, tag_captions
from layoutkit.layout.chars import Rule
from layoutkit.layout.lines import TextLine
from layoutkit.params import LayoutParams

from .pdfgen import LOREM, Text, column_lines, make_pdf

CAPTION_TEXT = "Workers repair the old quay wall of the harbour on Monday morning."
PHOTO = (60, 120, 290, 260)


def page(image=PHOTO, caption=Text(60, 266, CAPTION_TEXT, 8), credit=Text(60, 277, "REUTERS", 6)):
    items = [Text(60, 60, "Harbour plan approved after long debate", 24, bold=True),
             Text(60, 96, "By JANE SMITH", 9, bold=True)]
    items += column_lines(LOREM, 60, 300, 230)
    items += column_lines(LOREM[::-1], 320, 120, 230)
    items += [t for t in (caption, credit) if t is not None]
    return make_pdf([items], images=[image] if image else [])


def blocks_of(p: layoutkit.Page, kind: str) -> list:
    return [(b.type, b.text) for a in p.articles if a.kind == kind for b in a.blocks]


@pytest.fixture(scope="module")
def captioned(tmp_path_factory):
    path = tmp_path_factory.mktemp("cap") / "photo.pdf"
    path.write_bytes(page())
    return path


def test_caption_and_credit_under_a_photo_form_a_photo_article(captioned):
    p = layoutkit.parse_pdf(captioned)[0]
    assert blocks_of(p, "photo") == [("caption", CAPTION_TEXT), ("credit", "REUTERS")]
    cap = next(b for a in p.articles for b in a.blocks if b.type == "caption")
    assert any(r.startswith("image-caption") for r in cap.reasons)
    # the body text is not pulled into the photo, nor the caption into the body
    body = [b.text for a in p.articles if a.kind == "article" for b in a.blocks]
    assert CAPTION_TEXT not in body and any("council met" in t for t in body)


def test_backends_agree_on_captions(captioned):
    a = layoutkit.parse_pdf(captioned, backend="pdfplumber")[0]
    b = layoutkit.parse_pdf(captioned, backend="pdfium")[0]
    assert blocks_of(a, "photo") == blocks_of(b, "photo") != []


@pytest.mark.parametrize("variant", ["no-image", "portrait", "far", "body-style"])
def test_no_caption_without_a_picture_close_by(tmp_path, variant):
    kw = {"no-image": {"image": None},
          "portrait": {"image": (60, 120, 120, 260)},  # 6 body sizes wide: a columnist's portrait
          "far": {"caption": Text(60, 266 + 40, CAPTION_TEXT, 8), "credit": None},
          "body-style": {"caption": Text(60, 266, CAPTION_TEXT, 10), "credit": None}}[variant]
    path = tmp_path / "p.pdf"
    path.write_bytes(page(**kw))
    p = layoutkit.parse_pdf(path)[0]
    assert not any(r.startswith("image-") for a in p.articles for b in a.blocks for r in b.reasons)


def _line(x0, top, x1, size=8.0, font="Helvetica", text="word") -> TextLine:
    return TextLine(text, x0, top, x1, top + size, size, font, False, False, nchars=len(text))


def _block(*lines: TextLine) -> TextBlock:
    return TextBlock(lines, min(ln.x0 for ln in lines), min(ln.top for ln in lines),
                     max(ln.x1 for ln in lines), max(ln.bottom for ln in lines))


def test_side_caption_and_ornament():
    body = [_block(*[_line(300, 100 + 12 * k, 500, 10, "Times", "body text line") for k in range(20)])]
    img = Rule(60, 100, 250, 220, "image")
    side = _block(_line(256, 100, 296, 8, "Helvetica", "A side caption"))
    ornament = _block(_line(60, 222, 64, 8, "Dingbats", "X"))
    under = _block(_line(60, 232, 240, 8, "Helvetica", "The caption under the picture"))
    credit = _block(_line(200, 242, 240, 6, "Helvetica", "AFP"))
    out = tag_captions(body + [side, ornament, under, credit], [img], 10.0, LayoutParams())
    assert [b.zone for b in out] == ["", CAPTION, "", CAPTION, CREDIT]


def test_text_over_a_picture_is_no_caption():
    body = [_block(*[_line(300, 100 + 12 * k, 500, 10, "Times", "body text line") for k in range(20)])]
    img = Rule(60, 100, 250, 220, "image")
    over = _block(_line(70, 150, 240, 8, "Helvetica", "Text drawn on a tinted panel"))
    assert [b.zone for b in tag_captions(body + [over], [img], 10.0, LayoutParams())] == ["", ""]


def page_caption_above(caption_top: float = 136, above: list | None = None) -> bytes:
    """A headline and byline, a picture with its caption set above it, two columns below."""
    items = [Text(60, 60, "Harbour plan approved after long debate", 24, bold=True),
             Text(60, 96, "By JANE SMITH", 9, bold=True)]
    items += above or []
    items += [Text(60, caption_top, CAPTION_TEXT, 8)]
    items += column_lines(LOREM, 60, 300, 230)
    items += column_lines(LOREM[::-1], 320, 120, 230)
    return make_pdf([items], images=[(60, 150, 290, 280)])


def test_caption_above_a_picture(tmp_path):
    path = tmp_path / "above.pdf"
    path.write_bytes(page_caption_above())
    for backend in ("pdfplumber", "pdfium"):
        p = layoutkit.parse_pdf(path, backend=backend)[0]
        assert blocks_of(p, "photo") == [("caption", CAPTION_TEXT)]
        cap = next(b for a in p.articles for b in a.blocks if b.type == "caption")
        assert any(r.startswith("image-caption") and "above a picture" in r for r in cap.reasons)


def test_small_text_closer_to_the_text_above_is_no_caption_above(tmp_path):
    """A note set right under other text (closer to it than to the picture) is that
    text's, not the picture's caption."""
    path = tmp_path / "note.pdf"
    path.write_bytes(page_caption_above(caption_top=118, above=[Text(60, 108, "Filed from the harbour office", 8)]))
    p = layoutkit.parse_pdf(path)[0]
    assert not any(r.startswith("image-caption") for a in p.articles for b in a.blocks for r in b.reasons)


def test_caption_above_only_without_one_below():
    body = [_block(*[_line(300, 100 + 12 * k, 500, 10, "Times", "body text line") for k in range(20)])]
    img = Rule(60, 100, 250, 220, "image")
    above = _block(_line(60, 84, 240, 8, "Helvetica", "A caption set above the picture"))
    under = _block(_line(60, 226, 240, 8, "Helvetica", "The caption under the picture"))
    out = tag_captions(body + [above, under], [img], 10.0, LayoutParams())
    assert [b.zone for b in out] == ["", "", CAPTION]
    out = tag_captions(body + [above], [img], 10.0, LayoutParams())
    assert [b.zone for b in out] == ["", CAPTION_ABOVE]
    assert "above a picture" in out[1].reasons[-1]


def photo_story(under_text: bool, above: tuple = ()) -> bytes:
    """A photo story (headline, picture, caption) beside a column of text; with
    ``under_text`` an article's text runs on under the caption instead; ``above``: texts
    set above the headline."""
    items = [*above, Text(60, 100, "Harbour lights up", 20, bold=True),
             Text(60, 296, CAPTION_TEXT, 8)]
    items += column_lines(LOREM, 330, 140, 230)
    if under_text:
        items += column_lines(LOREM[::-1][:60], 60, 320, 230)
    return make_pdf([items], images=[(60, 130, 290, 290)])


def test_photo_story_headline_joins_its_photo_article(tmp_path):
    path = tmp_path / "story.pdf"
    path.write_bytes(photo_story(under_text=False))
    for backend in ("pdfplumber", "pdfium"):
        p = layoutkit.parse_pdf(path, backend=backend)[0]
        photo = [a for a in p.articles if a.kind == "photo"]
        assert len(photo) == 1 and photo[0].headline == "Harbour lights up"
        assert [b.type for b in photo[0].blocks] == ["headline", "caption"]


def test_headline_over_a_picture_with_text_under_it_stays_the_articles(tmp_path):
    path = tmp_path / "lead.pdf"
    path.write_bytes(photo_story(under_text=True))
    p = layoutkit.parse_pdf(path)[0]
    assert all(a.headline != "Harbour lights up" for a in p.articles if a.kind == "photo")


def test_photo_story_kicker_goes_with_its_headline(tmp_path):
    path = tmp_path / "kicker.pdf"
    path.write_bytes(photo_story(under_text=False, above=(Text(60, 84, "PICTURE OF THE WEEK", 11, bold=True),)))
    p = layoutkit.parse_pdf(path)[0]
    photo = [a for a in p.articles if a.kind == "photo"]
    assert len(photo) == 1 and photo[0].headline == "Harbour lights up"
    assert [(b.type, b.role) for b in photo[0].blocks] == [("subheadline", "kicker"), ("headline", None),
                                                           ("caption", None)]
    assert any(r.startswith("image-title") for b in photo[0].blocks for r in b.reasons)


def test_byline_under_a_larger_headline_is_no_photo_story_headline(tmp_path):
    """Title-size text right above a captioned picture but under a larger headline is that
    headline's byline or deck, not the picture's own headline."""
    path = tmp_path / "byline.pdf"
    path.write_bytes(photo_story(under_text=False, above=(Text(60, 60, "Council backs harbour", 30, bold=True),)))
    p = layoutkit.parse_pdf(path)[0]
    assert all(a.headline is None for a in p.articles if a.kind == "photo")
