"""``same-size-bands``: a vertical title whose glyph centres differ by a fraction of a point
(pdfium's loose boxes of a vertical font's glyphs vary in width with the glyph, pdfplumber's
are one em wide) stays one vertical line however the body text of other sizes, whose
centres interleave with the title's in the order across, cuts the page's columns.
Synthetic chars and a synthetic PDF read with both backends."""
from __future__ import annotations

import random

import pytest

import layoutkit
from layoutkit.layout.chars import Char
from layoutkit.layout.lines import build_lines, vertical_lines
from layoutkit.params import LayoutParams

from .pdf_textgen import _pdf

TITLE = "准确理解发展"
BODY = "社会主要矛盾已经转化为人民日益增长"


def _char(text: str, x0: float, top: float, size: float, width: float = 0.0) -> Char:
    return Char(text, x0, top, x0 + (width or size), top + size, size, "F", True)


def _column(text: str, x0: float, top: float, size: float, jitter: float) -> list[Char]:
    """``text`` stacked top to bottom, each glyph's box one em high, its width one em less
    ``jitter`` points on every other glyph (centres ``jitter / 2`` apart)."""
    return [_char(ch, x0, top + k * size * 1.05, size, size - (jitter if k % 2 else 0.0))
            for k, ch in enumerate(text)]


def _row(x_centre: float, top: float, size: float) -> list[Char]:
    """A row of body text one of whose chars is centred on ``x_centre``."""
    first = x_centre - size / 2 - 8 * size
    return [_char(ch, first + k * size, top, size) for k, ch in enumerate(BODY)]


def _page(title_x0: float, size: float, body_size: float, jitter: float, centres: tuple[float, float]) -> list[Char]:
    title = _column(TITLE, title_x0, 100.0, size, jitter)
    # two body rows below the title: one centred just left of the title's centres, the
    # next just past the reach of a band begun by the first (0.3 em of the body size), so
    # a band of all sizes is cut between the title's two centres
    return title + _row(centres[0], 500.0, body_size) + _row(centres[1], 520.0, body_size)


@pytest.mark.parametrize("size,body_size,jitter", [(30.0, 8.0, 1.0), (9.66, 8.28, 0.3)],
                         ids=["big-title", "alike-size-name"])
def test_a_jittered_column_is_one_vertical_line(size, body_size, jitter):
    centre = 300.0 + size / 2
    low = centre - jitter / 2  # the narrower glyphs' centre
    anchor = low - 0.3 * body_size + 0.02
    cut = anchor + 0.3 * body_size + 0.02  # between the two centres
    assert low < cut < centre
    chars = _page(300.0, size, body_size, jitter, (anchor, cut))
    verticals, taken = vertical_lines(chars, LayoutParams())
    assert [ln.text for ln in verticals] == [TITLE]
    assert len(taken) == len(TITLE)
    # the body rows stay horizontal lines
    texts = sorted(ln.text for ln in build_lines(chars, LayoutParams()))
    assert texts == sorted([TITLE, BODY, BODY])


def test_page_order_does_not_matter():
    size, body_size, jitter = 30.0, 8.0, 1.0
    low = 315.0 - jitter / 2
    anchor = low - 0.3 * body_size + 0.1
    chars = _page(300.0, size, body_size, jitter, (anchor, anchor + 0.3 * body_size + 0.05))
    random.Random(4).shuffle(chars)
    verticals, _ = vertical_lines(chars, LayoutParams())
    assert [ln.text for ln in verticals] == [TITLE]


def test_one_size_page_is_unchanged():
    """All chars of one size: the second pass is not run and a stack of rows is no column."""
    rows = [_char(ch, 100 + k * 10, 100 + r * 12, 10.0) for r in range(4) for k, ch in enumerate(BODY)]
    verticals, taken = vertical_lines(rows, LayoutParams())
    assert verticals == [] and not taken


def _cid_run(ops: list[bytes], cids: dict[str, int], ch: str, x: float, baseline: float, size: float) -> None:
    code = cids.setdefault(ch, len(cids) + 1)
    ops.append(b"BT /F9 %g Tf 1 0 0 1 %g %g Tm <%04X> Tj ET" % (size, x, baseline, code))


def _jittered_title_pdf() -> bytes:
    """A page with a vertical title in 30 pt glyphs whose x alternates by 1 pt, and two
    rows of 8 pt body text below it placed as in ``_page``."""
    height = 792.0
    ops: list[bytes] = []
    cids: dict[str, int] = {}
    for k, ch in enumerate(TITLE):
        top = 100.0 + k * 31.5
        _cid_run(ops, cids, ch, 300.0 - (1.0 if k % 2 else 0.0), height - top - 0.8 * 30, 30.0)
    low = 314.5
    anchor = low - 0.3 * 8 + 0.1
    for centre, top in ((anchor, 500.0), (anchor + 0.3 * 8 + 0.05, 520.0)):
        first = centre - 4 - 8 * 8
        for k, ch in enumerate(BODY):
            _cid_run(ops, cids, ch, first + k * 8, height - top - 0.8 * 8, 8.0)
    return _pdf(b"\n".join(ops), cids)


@pytest.mark.parametrize("backend", ["pdfplumber", "pdfium"])
def test_both_backends_read_the_title_as_one_line(tmp_path, backend):
    path = tmp_path / "vertical.pdf"
    path.write_bytes(_jittered_title_pdf())
    pages = layoutkit.parse_pdf(path, backend=backend)
    texts = [b.text for p in pages for b in p.iter_blocks()]
    assert TITLE in texts, texts


def test_backends_agree_on_the_jittered_title(tmp_path):
    path = tmp_path / "vertical.pdf"
    path.write_bytes(_jittered_title_pdf())
    a = [[(b.type, b.text) for b in p.iter_blocks()] for p in layoutkit.parse_pdf(path, backend="pdfplumber")]
    b = [[(b.type, b.text) for b in p.iter_blocks()] for p in layoutkit.parse_pdf(path, backend="pdfium")]
    assert a == b
