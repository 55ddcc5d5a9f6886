"""The overlay image: known block colours at known box positions, on a PDF page and on a
blank page; errors for pages without geometry; the CLI end to end."""
from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from layoutkit import BBox, Block, Page, ParamsError, InputError, Source
from layoutkit.cli import main
from layoutkit.readers import READERS, ReadPage
from layoutkit.visual.draw import DrawParams, render_overlay
from layoutkit.visual.frame import page_frame
from layoutkit.visual.palette import TYPE_COLOURS, type_colour

from .visual_pages import RMRB_PDF, boxed_page, column_lines, pdf_source, pipeline_page

needs_rmrb = pytest.mark.skipif(not RMRB_PDF.exists(), reason=f"shared case {RMRB_PDF} not available")


def outline_share(image, box: BBox, scale_x: float, scale_y: float, colour, line_w: int) -> float:
    """Share of sample points along the four edges of ``box`` (drawn inside the edge, so
    half a line width in) whose pixel is exactly ``colour``. Arrows and labels may cover a
    few points; everything else must be the outline."""
    x0, y0 = round(box.x0 * scale_x), round(box.top * scale_y)
    x1, y1 = round(box.x1 * scale_x), round(box.bottom * scale_y)
    inset = line_w // 2
    points = []
    for k in range(1, 10):
        x = x0 + (x1 - x0) * k // 10
        y = y0 + (y1 - y0) * k // 10
        points += [(x0 + inset, y), (x1 - inset, y), (x, y0 + inset), (x, y1 - inset)]
    return sum(image.getpixel(p) == colour for p in points) / len(points)


@needs_rmrb
def test_pdf_overlay_has_each_block_colour_on_its_box():
    from layoutkit.visual.background import pdf_page_image

    params = DrawParams(resolution=50)
    page = boxed_page(pdf_source())
    background = pdf_page_image(str(RMRB_PDF), 1, params.resolution)
    image = render_overlay(page, background, params)
    # The page keeps its pixel grid at the top-left; the legend is appended to the right.
    assert image.height == background.height and image.width > background.width
    sx = background.width / page.source.width
    sy = background.height / page.source.height
    assert sx == pytest.approx(50 / 72, rel=0.01)
    line_w = params.outline_px(background.width)
    for block in page.iter_blocks():
        share = outline_share(image, block.bbox, sx, sy, type_colour(block.type), line_w)
        assert share >= 0.85, (block.id, block.type, share)
    # A box's colour is not where no box is: the page margin below every box.
    assert image.getpixel((round(30 * sx), round(1200 * sy))) not in TYPE_COLOURS.values()


@needs_rmrb
def test_pdf_background_is_the_page_under_translucent_fills():
    from layoutkit.visual.background import pdf_page_image

    params = DrawParams(resolution=50, arrows=False, legend=False)
    page = boxed_page(pdf_source())
    background = pdf_page_image(str(RMRB_PDF), 1, params.resolution)
    image = render_overlay(page, background, params)
    assert image.size == background.size
    # Outside every box the page image is untouched ...
    assert image.getpixel((5, background.height - 5)) == background.getpixel((5, background.height - 5))
    # ... inside a box it is tinted towards the block's colour, not painted over.
    box = page.articles[1].blocks[1].bbox  # b7, body
    p = (round((box.x0 + 40) * 50 / 72), round((box.top + 300) * 50 / 72))
    under, over = background.getpixel(p), image.getpixel(p)
    alpha = params.fill_opacity
    expected = tuple(round(u * (1 - alpha) + c * alpha) for u, c in zip(under, TYPE_COLOURS["body"]))
    assert all(abs(a - b) <= 2 for a, b in zip(over, expected))


def test_blank_page_of_the_source_size():
    source = Source(format="alto", path="x.alto.xml", unit="pixel", width=1017 * 2, height=1438 * 2)
    page = boxed_page(Source(format="alto", path="x.alto.xml", unit="pixel", width=1017, height=1438))
    params = DrawParams(blank_width=800, legend=False)
    image = render_overlay(page, None, params)
    assert image.size == (800, round(1438 * 800 / 1017))
    s = 800 / 1017
    sy = image.height / 1438  # the canvas height is rounded to whole pixels
    for block in page.iter_blocks():
        assert outline_share(image, block.bbox, s, sy, type_colour(block.type), params.outline_px(800)) >= 0.85
    assert image.getpixel((3, image.height - 3)) == (255, 255, 255)
    # A bigger page of the same shape scales the same boxes down.
    assert page_frame(boxed_page(source)).scale_to(800) == pytest.approx(s / 2)


def test_page_size_inferred_from_boxes_when_the_reader_does_not_know_it():
    page = boxed_page(Source(format="hocr", path=None))
    frame = page_frame(page)
    assert not frame.known
    assert frame.width >= 960 and frame.height >= 955
    image = render_overlay(page, None, DrawParams(blank_width=500))
    assert image.width > 500  # the legend


def test_pipeline_page_every_block_drawn_in_its_type_colour():
    page = pipeline_page()
    params = DrawParams(blank_width=800, arrows=False, legend=False)
    image = render_overlay(page, None, params)
    s = 800 / page.source.width
    sy = image.height / page.source.height
    blocks = list(page.iter_blocks())
    assert blocks and all(b.bbox is not None for b in blocks)
    for b in blocks:
        assert outline_share(image, b.bbox, s, sy, type_colour(b.type), params.outline_px(800)) >= 0.7, b.id


def test_text_page_has_nothing_to_draw():
    page = Page(source=Source(format="text", path="p.txt"), language="zh", articles=(),
                blocks=(Block("body", "x", (1, 1), id="b1"),))
    with pytest.raises(InputError, match="no block has a bounding box"):
        render_overlay(page)


def test_params_are_validated():
    with pytest.raises(ParamsError, match="fill_opacity"):
        DrawParams(fill_opacity=2)
    with pytest.raises(ParamsError, match="resolution"):
        DrawParams(resolution=0)


def test_unknown_type_still_drawn():
    page = Page(source=Source(format="alto", width=100, height=100), language="en", articles=(),
                blocks=(Block("sidebar", "x", (1, 1), bbox=BBox(10, 10, 90, 90), id="b1"),))
    image = render_overlay(page, None, DrawParams(blank_width=200, legend=True))
    assert image.getpixel((21, 100)) == type_colour("sidebar") == (0, 0, 0)


@pytest.fixture
def fake_pdf_reader(monkeypatch):
    """A stand-in for the PDF reader (its own branch): the rmrb page's source with
    constructed lines that carry boxes, so the CLI runs end to end on a real PDF."""
    def read(path, data, params, pages):
        if pages is None or 1 in pages:
            yield ReadPage(lines=tuple(column_lines()), source=pdf_source())
    monkeypatch.setitem(READERS, "pdf", read)


@needs_rmrb
def test_cli_draw_on_a_pdf(tmp_path, fake_pdf_reader, capsys):
    from PIL import Image

    out = tmp_path / "page.png"
    assert main(["draw", str(RMRB_PDF), "-o", str(out), "--resolution", "40"]) == 0
    with Image.open(out) as im:
        assert im.format == "PNG"
        assert im.width > round(1017 * 40 / 72) and im.height >= round(1438 * 40 / 72)
    assert main(["draw", str(RMRB_PDF), "--page", "2", "-o", str(out)]) == 1
    assert "has no page 2" in capsys.readouterr().err


def test_cli_draw_errors(tmp_path, capsys):
    text = tmp_path / "p.txt"
    text.write_text("标题\n\n正文第一行，足够长的一行文字\n第二行结束。\n", encoding="utf-8")
    assert main(["draw", str(text), "-o", str(tmp_path / "p.png")]) == 1
    assert "no block has a bounding box" in capsys.readouterr().err
    assert main(["draw", str(text), "-o", str(tmp_path / "p.gif")]) == 2
    assert "extension" in capsys.readouterr().err
    assert main(["draw", str(tmp_path / "missing.pdf"), "-o", str(tmp_path / "p.png")]) == 1
    assert "no such file" in capsys.readouterr().err
    assert not (tmp_path / "p.png").exists()


def test_cli_draw_with_background_image(tmp_path, monkeypatch):
    from PIL import Image

    def read(path, data, params, pages):
        yield ReadPage(lines=tuple(column_lines()),
                       source=Source(format="alto", path=path, unit="pixel", width=800, height=600))
    monkeypatch.setitem(READERS, "alto", read)
    scan = tmp_path / "scan.png"
    Image.new("RGB", (400, 300), (200, 200, 200)).save(scan)
    alto = tmp_path / "p.alto.xml"
    alto.write_text('<?xml version="1.0"?><alto xmlns="http://www.loc.gov/standards/alto/ns-v4#"></alto>')
    out = tmp_path / "p.png"
    assert main(["draw", str(alto), "--background", str(scan), "--no-legend", "-o", str(out)]) == 0
    with Image.open(out) as im:
        assert im.size == (400, 300)
        assert im.getpixel((2, 298)) == (200, 200, 200)
        # the headline box (100..700 x 100..140 px of an 800-px page) at half scale
        assert im.getpixel((50, 60)) == TYPE_COLOURS["headline"]


boxes = st.tuples(st.floats(0, 900), st.floats(0, 1300), st.floats(1, 200), st.floats(1, 200)).map(
    lambda t: BBox(t[0], t[1], t[0] + t[2], t[1] + t[3]))


@given(st.lists(st.lists(boxes, min_size=1, max_size=5), min_size=1, max_size=4), st.booleans())
def test_frame_holds_every_box_and_labels_are_unique(articles, known_size):
    """Whatever the boxes: the frame holds them all (inferred) or is the reader's size
    (known), every block gets one label, labels are unique and read in order."""
    from layoutkit import Article
    from layoutkit.visual.order import placed_blocks

    n = iter(range(1, 10_000))
    arts = tuple(Article(id=f"a{i}", kind="article",
                         blocks=tuple(Block("body", "x", (1, 1), bbox=b, id=f"b{next(n)}") for b in bs))
                 for i, bs in enumerate(articles, 1))
    source = Source(format="alto", width=1200.0, height=1600.0) if known_size else Source(format="alto")
    page = Page(source=source, language="en", articles=arts)
    frame = page_frame(page)
    all_boxes = [b.bbox for b in page.iter_blocks()]
    if known_size:
        assert (frame.width, frame.height, frame.known) == (1200.0, 1600.0, True)
    else:
        assert frame.width >= max(b.x1 for b in all_boxes) and frame.height >= max(b.bottom for b in all_boxes)
    placed = placed_blocks(page)
    labels = [p.label for p in placed]
    assert len(labels) == len(set(labels)) == len(all_boxes)
    assert labels[0] == "1.1" and labels[-1] == f"{len(arts)}.{len(arts[-1].blocks)}"
