"""The pdfium backend's bulk reading against plain per-item reference versions.

``readers.pdfium_text.text_chars`` (chars through undeclared C calls in ``map``, fonts
per font handle, boxes column by column), ``readers.pdf._pdfium_graphics`` /
``_pdfium_boxes`` (objects and path segments the same way) and ``readers.pdf._TextGrid``
(scan first, cells later) must give exactly what the straightforward loops give: the
references below are those loops, one pypdfium2 call per char, object and segment. They
run on the fixtures, the regression PDFs (line-end hyphens, characters outside the BMP),
generated PDFs (any Unicode in simple and CID fonts, ``tests/pdf_textgen.py``), PDFs with
rectangles and images, and a page of each corpus PDF kind when ``../shared`` is present.
"""
from __future__ import annotations

import ctypes
import math
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

pdfium = pytest.importorskip("pypdfium2")
raw = pytest.importorskip("pypdfium2.raw")

from layoutkit.layout.chars import ASCENT, Char, Rule  # noqa: E402
from layoutkit.readers import pdf as reader  # noqa: E402
from layoutkit.readers.pdfium_text import text_chars  # noqa: E402

from .pdfgen import LOREM, column_lines, make_pdf, write_pdf  # noqa: E402
from .pdf_textgen import text_pdf  # noqa: E402
from .test_reliability_properties import random_page  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def reference_chars(tp, left: float, top: float) -> tuple[list[Char], int]:
    """The per-char loop: code point, loose box and font name of every char, size,
    rotation and baseline offset per (font name, box height rounded to 0.001 pt)."""
    n = raw.FPDFText_CountChars(tp)
    chars: list[Char] = []
    unmapped = 0
    buf = ctypes.create_string_buffer(256)
    flags = ctypes.c_int()
    box = raw.FS_RECTF()
    matrix = raw.FS_MATRIX()
    ox, oy = ctypes.c_double(), ctypes.c_double()
    styles: dict = {}
    paired = -1
    for i in range(n):
        u = raw.FPDFText_GetUnicode(tp, i)
        if u == 0x02:  # pdfium's line-end hyphen marker
            u = 0x2D
        if u in {0x0D, 0x0A, 0xA0, 0x09, 0xFFFE, 0} or (u == 0x20 and raw.FPDFText_IsGenerated(tp, i)):
            continue
        if u == 0xFFFD:
            unmapped += 1
            continue
        if i == paired:
            continue
        if 0xD800 <= u <= 0xDFFF:
            other = raw.FPDFText_GetUnicode(tp, i + 1) if i + 1 < n else 0
            hi, lo = (u, other) if u <= 0xDBFF else (other, u)
            if not (0xD800 <= hi <= 0xDBFF and 0xDC00 <= lo <= 0xDFFF):
                unmapped += 1
                continue
            paired = i + 1
            u = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
        ch = chr(u)
        if ch.isspace() and ch != " ":
            continue
        raw.FPDFText_GetLooseCharBox(tp, i, box)
        raw.FPDFText_GetFontInfo(tp, i, buf, 256, flags)
        key = (buf.value, round(box.top - box.bottom, 3))
        if key not in styles:
            raw.FPDFText_GetCharOrigin(tp, i, ox, oy)
            raw.FPDFText_GetMatrix(tp, i, matrix)
            size = raw.FPDFText_GetFontSize(tp, i) * math.hypot(matrix.c, matrix.d)
            upright = abs(matrix.b) < 1e-6 and abs(matrix.c) < 1e-6 and matrix.a > 0 and matrix.d > 0
            styles[key] = (buf.value.decode("utf-8", "replace"), size, upright, oy.value - box.bottom)
        font, size, upright, lift = styles[key]
        baseline = top - (box.bottom + lift) if upright else (top - box.bottom) - (1 - ASCENT) * size
        x0, x1 = box.left - left, box.right - left
        if x1 < x0:
            x0, x1 = x1, x0
        chars.append(Char(ch, x0, baseline - ASCENT * size, x1, baseline + (1 - ASCENT) * size, size, font, upright))
    return chars, unmapped


def reference_boxes(path, left: float, top: float) -> list[Rule]:
    """``_pdfium_boxes`` one segment at a time."""
    m = raw.FS_MATRIX()
    raw.FPDFPageObj_GetMatrix(path, m)
    x, y = ctypes.c_float(), ctypes.c_float()
    subpaths: list = []
    for i in range(raw.FPDFPath_CountSegments(path)):
        seg = raw.FPDFPath_GetPathSegment(path, i)
        raw.FPDFPathSegment_GetPoint(seg, x, y)
        kind = raw.FPDFPathSegment_GetType(seg)
        pt = (m.a * x.value + m.c * y.value + m.e, m.b * x.value + m.d * y.value + m.f)
        if kind == raw.FPDF_SEGMENT_MOVETO or not subpaths:
            subpaths.append(([pt], False))
            continue
        pts, _closed = subpaths[-1]
        pts.append(pt if kind == raw.FPDF_SEGMENT_LINETO else (math.nan, math.nan))
        if raw.FPDFPathSegment_GetClose(seg):
            subpaths[-1] = (pts, True)
    return reader.subpath_boxes(subpaths, left, top)  # reading is under test, not classifying


def reference_graphics(page, left: float, top: float, chars) -> tuple[list, list, list, int]:
    """``_pdfium_graphics`` one object at a time (forms one level down, the last form
    found first), the box test answered by the cells only."""
    grid = reader._TextGrid(chars)
    grid.asked = grid.SCANS  # straight to the cells
    rules, images, boxes, texts = [], [], [], 0
    l, b, r_, t_ = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    pending = [(raw.FPDFPage_CountObjects(page.raw), lambda i: raw.FPDFPage_GetObject(page.raw, i), 0)]
    while pending:
        count, get, level = pending.pop()
        for i in range(count):
            obj = get(i)
            if not obj:
                continue
            t = raw.FPDFPageObj_GetType(obj)
            if t == raw.FPDF_PAGEOBJ_TEXT:
                texts += 1
                continue
            if t == raw.FPDF_PAGEOBJ_FORM and level == 0:
                pending.append((raw.FPDFFormObj_CountObjects(obj),
                                lambda k, form=obj: raw.FPDFFormObj_GetObject(form, k), 1))
                continue
            if t not in (raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_IMAGE) or not raw.FPDFPageObj_GetBounds(obj, l, b, r_, t_):
                continue
            r = Rule(l.value - left, top - t_.value, r_.value - left, top - b.value,
                     "image" if t == raw.FPDF_PAGEOBJ_IMAGE else "line")
            if t == raw.FPDF_PAGEOBJ_IMAGE:
                images.append(r)
            elif reader.is_ruling(r):
                rules.append(r)
            elif reader.is_box(r) and grid.holds_text(r):
                boxes.extend(x for x in reference_boxes(obj, left, top) if grid.holds_text(x))
    return rules, images, boxes, texts


def assert_same_as_reference(data: bytes, pages: range | None = None) -> None:
    doc = pdfium.PdfDocument(data)
    try:
        for k in pages if pages is not None else range(len(doc)):
            page = doc[k]
            left, bottom, right, top = page.get_cropbox()
            tp = page.get_textpage()
            expected = reference_chars(tp.raw, left, top)
            assert text_chars(tp.raw, tp.count_chars(), left, top) == expected
            chars = expected[0]
            assert reader._pdfium_graphics(page, left, top, reader._TextGrid(chars)) == \
                reference_graphics(page, left, top, chars)
            tp.close()
            page.close()
    finally:
        doc.close()


@pytest.mark.parametrize("name", ["fixtures/pdf-two-columns.pdf", "tests/regressions/pdf-line-end-hyphens.pdf",
                                  "tests/regressions/pdf-outside-bmp.pdf"])
def test_bulk_reading_on_fixtures(name: str) -> None:
    assert_same_as_reference((ROOT / name).read_bytes())


def test_bulk_reading_with_rectangles_and_images() -> None:
    """Framed text (single rectangles and several as one path) and images: boxes, rules
    and images as the per-object walk finds them."""
    items = column_lines(LOREM[:30], 60, 100, 230) + column_lines(LOREM[30:60], 320, 100, 230)
    data = make_pdf([items], rects=[(310, 90, 560, 300), (50, 420, 300, 421)],
                    paths=[[(55, 95, 295, 200), (55, 210, 295, 300)]], images=[(60, 500, 200, 600)])
    assert_same_as_reference(data)


def test_bulk_reading_of_mirrored_and_rotated_text() -> None:
    """Text drawn mirrored (a negative text matrix), rotated (no baseline from the box:
    ``upright`` False) and in a form XObject, with a rectangle in the form."""
    content = (b"BT /F1 12 Tf -1 0 0 1 300 700 Tm (Mirrored words) Tj ET "
               b"BT /F1 12 Tf 0 1 -1 0 100 400 Tm (Rotated words) Tj ET "
               b"BT /F1 10 Tf 72 600 Td (Plain text on the page) Tj ET /X1 Do")
    form = b"BT /F1 9 Tf 72 500 Td (Text in a form) Tj ET 60 480 200 40 re S"
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> /XObject << /X1 6 0 R >> >> >>",
            b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
            b"<< /Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> "
            b"/Length %d >>\nstream\n" % len(form) + form + b"\nendstream"]
    data = write_pdf(objs, b"/Root 1 0 R")
    assert_same_as_reference(data)
    doc = pdfium.PdfDocument(data)
    page = doc[0]
    tp = page.get_textpage()
    chars, _ = text_chars(tp.raw, tp.count_chars(), 0.0, 792.0)
    assert not all(c.upright for c in chars) and "Text in a form" in "".join(c.text for c in chars)
    tp.close()
    page.close()
    doc.close()


@settings(max_examples=120, deadline=None)
@given(st.integers(0, 2**32 - 1))
def test_bulk_reading_on_generated_pdfs(seed: int) -> None:
    """Any Unicode (surrogate pairs, right-to-left runs, controls, spaces, hyphens at line
    ends) in standard-14 and CID fonts, drawn with Tj, TJ and '."""
    rng = random.Random(seed)
    data, _drawn = text_pdf(random_page(rng), rng)
    assert_same_as_reference(data)


#: One page of each kind of corpus PDF: born-digital English, People's Daily (one text
#: object per few chars, CID fonts), an OCR layer over a scan, Italian with frames.
CORPUS = [("corpus/pdf-misc/federal-register-2020-17221.pdf", 2), ("cases/rmrb-rmrb2018010207.pdf", 0),
          ("corpus/rero-landbote1845/18451228_01.pdf", 1), ("corpus/repubblica-2024/la-repubblica_2024-10-21_p1.pdf", 0)]


@pytest.mark.parametrize("name,page", CORPUS)
def test_bulk_reading_on_corpus_pages(name: str, page: int) -> None:
    path = SHARED / name
    if not path.exists():
        pytest.skip(f"{path} not present")
    assert_same_as_reference(path.read_bytes(), range(page, page + 1))


_coord = st.floats(-50, 650, allow_nan=False)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(_coord, _coord, st.floats(0.5, 40)), max_size=60),
       st.lists(st.tuples(_coord, _coord, _coord, _coord), min_size=1, max_size=12))
def test_text_grid_scan_and_cells_agree(points, rects) -> None:
    """``holds_text`` answers the same whether by the scan (first questions) or the cells."""
    chars = [Char("x", x, y, x + s / 2, y + s, s, "F") for x, y, s in points]
    scanned, celled = reader._TextGrid(chars), reader._TextGrid(chars)
    scanned.SCANS, celled.SCANS = len(rects), 0
    for x0, top, x1, bottom in rects:
        r = Rule(min(x0, x1), min(top, bottom), max(x0, x1), max(top, bottom), "box")
        assert scanned.holds_text(r) == celled.holds_text(r)
    assert scanned.cells is None and celled.cells is not None
