"""Boxed sidebars (``layout.boxes``): a frame around text is read as one unit."""
from __future__ import annotations

import pytest

from layoutkit.layout import analyze
from layoutkit.layout.blocks import TextBlock
from layoutkit.layout.boxes import framing_boxes
from layoutkit.layout.chars import PageContent, Rule
from layoutkit.layout.lines import TextLine
from layoutkit.params import LayoutParams, Params
from layoutkit.readers.pdf import BACKENDS

from .pdfgen import LOREM, column_lines, make_pdf

A, B = LOREM[:24], LOREM[24:48]
S1, S2 = LOREM[48:], LOREM[:20][::-1]
FRAME = (310, 90, 560, 450)


def page(frame=True) -> bytes:
    """Left column: paragraph A, a wide gap, paragraph B. Right, in a frame: sidebar
    paragraphs S1 and S2, with a gap lined up with the left column's gap."""
    items = column_lines(A, 60, 100, 230) + column_lines(B, 60, 340, 230)
    items += column_lines(S1, 320, 100, 230) + column_lines(S2, 320, 345, 230)
    return make_pdf([items], rects=[FRAME] if frame else [])


def starts(data: bytes, backend: str = "pdfplumber") -> list[str]:
    """The paragraphs in the layout's reading order, by the first words of their blocks
    (the layout stage alone: the reflow after it may join S1 and S2 into one paragraph)."""
    content = next(BACKENDS[backend](None, data, None, Params()))
    firsts = {" ".join(A[:3]): "A", " ".join(B[:3]): "B", " ".join(S1[:3]): "S1", " ".join(S2[:3]): "S2"}
    out = []
    for b in analyze(content, LayoutParams()).blocks:
        for key, name in firsts.items():
            if b.lines[0].text.startswith(key):
                out.append(name)
    return out


@pytest.mark.parametrize("backend", ["pdfplumber", "pdfium"])
def test_framed_sidebar_is_read_as_a_unit(backend):
    assert starts(page(), backend) == ["A", "B", "S1", "S2"]


def test_without_the_frame_the_gap_cuts_across():
    # the control: the same text without a frame is cut at the page-wide gap first
    assert starts(page(frame=False)) == ["A", "S1", "B", "S2"]


def _block(x0, top, x1, bottom) -> TextBlock:
    ln = TextLine("text", x0, top, x1, bottom, 10.0, "Helvetica", False, False, nchars=4)
    return TextBlock((ln,), x0, top, x1, bottom)


def test_framing_boxes_keeps_frames_around_text_only():
    blocks = [_block(20, 20, 200, 60), _block(20, 70, 200, 110), _block(300, 20, 500, 110)]
    frame = Rule(15, 15, 205, 115, "box")
    page_bg = Rule(0, 0, 612, 792, "box")          # the page's background: no frame
    small = Rule(300, 20, 320, 30, "box")           # a highlight bar: too small
    one = Rule(295, 15, 505, 115, "box")            # frames one block only
    twin = Rule(15.5, 15.5, 204.5, 114.5, "box")     # a tinted panel under the frame
    content = PageContent(1, 612, 792, (), boxes=(frame, page_bg, small, one, twin))
    assert framing_boxes(blocks, content, 10.0) in ([frame], [twin])


def test_rectangles_of_one_path_are_boxes_in_both_backends():
    """pdfminer makes an LTRect of every rectangle subpath; the pdfium reader splits a
    path's segments into subpaths the same way (``_pdfium_boxes``)."""
    items = column_lines(A, 60, 100, 230) + column_lines(S1, 320, 100, 230)
    data = make_pdf([items], paths=[[(50, 90, 300, 200), (310, 90, 560, 200), (50, 600, 90, 640)]])
    found = {}
    for backend in ("pdfplumber", "pdfium"):
        content = next(BACKENDS[backend](None, data, None, Params()))
        found[backend] = sorted((round(b.x0), round(b.top), round(b.x1), round(b.bottom)) for b in content.boxes)
    # the third rectangle frames no text: no candidate
    assert found["pdfplumber"] == found["pdfium"] == [(50, 90, 300, 200), (310, 90, 560, 200)]
