"""PDF reader: characters and graphics from a backend, then our own layout analysis.

This is the only module that imports pdfplumber (and pypdfium2), lazily, inside the
functions. Two backends deliver the same ``PageContent`` (``layout.chars``):

* ``pdfplumber`` (default): pdfminer's interpreter; exact, ~1 s per newspaper page;
* ``pdfium``: pypdfium2 (a dependency of pdfplumber), the same char boxes ~10x faster.

Every stage after extraction is shared (``layout.analyze``), so the backends agree on
the result; ``tests/test_pdf_backends.py`` checks that on the fixtures. The PDF's own text
order is never used: lines, blocks and reading order come from geometry.

Bad PDFs raise ``InputError`` with one line naming the problem: encrypted, corrupt, no
page, no text layer at all (a scan: run OCR first). Glyphs without a Unicode mapping
(``(cid:NN)``) are dropped with a warning.
"""
from __future__ import annotations

import hashlib
import io
import math
from typing import Callable, TYPE_CHECKING, Iterator, Optional, Sequence

from ..errors import InputError, LimitExceededError
from ..layout import analyze
from ..layout.chars import Char, PageContent, Rule, make_char
from ..model import BBox, Line, Source
from . import ReadPage, page_filter, register

if TYPE_CHECKING:
    from ..params import Params

#: Exit-code-1 message for a PDF without any text layer.
NO_TEXT_MESSAGE = "has no text layer (a scanned image only): run OCR first (e.g. ocrmypdf) and convert its output"


def _pdfplumber_pages(path: Optional[str], data: bytes, wanted: Optional[frozenset[int]],
                      params: "Params") -> Iterator[PageContent]:
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        pages = pdf.pages
    except PDFPasswordIncorrect:
        raise InputError("is encrypted (password protected); decrypt it first", path=path) from None
    except Exception as exc:  # pdfminer raises many unrelated types on garbage
        inner = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc  # pdfplumber wraps
        if isinstance(inner, PDFPasswordIncorrect) or "password" in str(exc).lower() \
                or type(inner).__name__.startswith("PDFEncrypt"):
            raise InputError("is encrypted (password protected); decrypt it first", path=path) from None
        raise InputError(f"is not a readable PDF ({type(inner).__name__}: {str(inner)[:80] or 'corrupt'})",
                         path=path) from None
    with pdf:
        yield from _each_page(len(pages), wanted, lambda number: _plumber_closed(pages[number - 1], number),
                              params, path)


def _plumber_closed(page, number: int) -> PageContent:
    """A page's content, then the page closed: pdfplumber keeps every page's parsed objects
    cached on the document, and without closing a 2,000-page PDF grows to gigabytes
    (``bench/reliability_memory.py``: 1.2 GB at 200 pages; closed, 53 MiB)."""
    try:
        return _plumber_content(page, number)
    finally:
        page.close()


def _each_page(count: int, wanted: Optional[frozenset[int]], read: Callable[[int], PageContent],
               params: "Params", path: Optional[str]) -> Iterator[PageContent]:
    """The wanted pages' content, one at a time (so memory holds one page), with a failure
    on one page reported as that page's ``InputError``, for either backend."""
    _check_count(count, params, path)
    for number in range(1, count + 1):
        if wanted is not None and number not in wanted:
            continue
        try:
            yield read(number)
        except InputError:
            raise
        except Exception as exc:
            raise InputError(f"page {number} cannot be read ({type(exc).__name__}: {str(exc)[:80]})",
                             path=path) from None


def _plumber_content(page, number: int) -> PageContent:
    x_off, y_off = float(page.bbox[0]), float(page.bbox[1])
    chars: list[Char] = []
    unmapped = invisible = 0
    for c in page.chars:
        text = c.get("text") or ""
        if text.startswith("(cid:"):
            unmapped += 1
            continue
        if not text.strip() and text != " ":
            continue
        m = c["matrix"]
        size = float(c["size"])
        upright = bool(c.get("upright", True))
        baseline = float(page.height) - (float(m[5]) - y_off) if upright else float(c["bottom"]) - (1 - 0.88) * size
        if upright and float(c["bottom"]) - baseline > 0.5 * size:
            # a vertical-writing font (Identity-V): pdfminer's text-space origin is the
            # glyph's top; its box bottom is where pdfium puts the origin
            baseline = float(c["bottom"])
        chars.append(make_char(text, float(c["x0"]) - x_off, float(c["x1"]) - x_off, baseline, size,
                               c.get("fontname") or "", upright))
    rules = [r for objs in (page.lines, page.rects, page.curves) for o in objs
             if is_ruling(r := Rule(float(o["x0"]) - x_off, float(o["top"]), float(o["x1"]) - x_off,
                                    float(o["bottom"]), "line"))]
    images = [Rule(float(o["x0"]), float(o["top"]), float(o["x1"]), float(o["bottom"]), "image") for o in page.images]
    return PageContent(number=number, width=float(page.width), height=float(page.height), chars=tuple(chars),
                       rules=tuple(rules), images=tuple(images), unmapped=unmapped, invisible=invisible)


def _check_count(n: int, params: "Params", path: Optional[str]) -> None:
    if n == 0:
        raise InputError("has no pages", path=path)
    if n > params.read.max_pages:
        raise LimitExceededError(f"{n} pages, more than the limit of {params.read.max_pages}", path=path)


def _pdfium_pages(path: Optional[str], data: bytes, wanted: Optional[frozenset[int]],
                  params: "Params") -> Iterator[PageContent]:
    import pypdfium2 as pdfium

    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise InputError("is encrypted (password protected); decrypt it first", path=path) from None
        raise InputError(f"is not a readable PDF ({str(exc)[:80]})", path=path) from None
    try:
        yield from _each_page(len(doc), wanted, lambda number: _pdfium_content(doc, number), params, path)
    finally:
        doc.close()


def _pdfium_content(doc, number: int) -> PageContent:
    """Char boxes through pdfium's C API.

    Per char: its code point, its loose (advance) box and its font name. Size, rotation and
    the baseline's offset from the box bottom are the same for every char of one font at
    one box height, so they are asked once per (font, height) and reused: three C calls
    per char instead of seven, the same numbers."""
    import ctypes

    import pypdfium2.raw as raw

    page = doc[number - 1]
    try:
        # pdfplumber reports geometry in the MediaBox/CropBox frame, unrotated; so do we
        left, bottom, right, top = page.get_cropbox()
        width, height = right - left, top - bottom
        tp = page.get_textpage()
        n = tp.count_chars()
        chars: list[Char] = []
        unmapped = 0
        buf = ctypes.create_string_buffer(256)
        flags = ctypes.c_int()
        box = raw.FS_RECTF()
        matrix = raw.FS_MATRIX()
        ox, oy = ctypes.c_double(), ctypes.c_double()
        styles: dict[tuple[bytes, float], tuple[str, float, bool, float]] = {}
        get_unicode, get_box, get_font = raw.FPDFText_GetUnicode, raw.FPDFText_GetLooseCharBox, \
            raw.FPDFText_GetFontInfo
        skip = {0x0D, 0x0A, 0xA0, 0x09, 0xFFFE, 0}
        paired = -1
        for i in range(n):
            u = get_unicode(tp, i)
            if u == 0x02:
                # pdfium reports a line-end hyphen (a drawn U+002D or U+00AD followed by a
                # word on the next line) as 0x02, its "hyphen" marker; the glyph is on the
                # page, so it is a hyphen: restored, dehyphenation decides (and records)
                # whether it goes. Skipping it lost every line-end hyphen (the property
                # test's conservation check found it).
                u = 0x2D
            if u in skip or (u == 0x20 and raw.FPDFText_IsGenerated(tp, i)):
                continue  # spaces pdfium invents are not in the PDF; drawn ones are kept
            if u == 0xFFFD:
                unmapped += 1
                continue
            if i == paired:
                continue  # the other half of a surrogate pair, joined below
            if 0xD800 <= u <= 0xDFFF:
                # pdfium counts UTF-16 code units: a character outside the BMP (CJK
                # extension B names, emoji) is two "chars" in one box, high then low
                # surrogate, or low then high inside right-to-left text, which pdfium
                # reverses. One char here; a lone half is no text (counted unmapped).
                other = get_unicode(tp, i + 1) if i + 1 < n else 0
                hi, lo = (u, other) if u <= 0xDBFF else (other, u)
                if not (0xD800 <= hi <= 0xDBFF and 0xDC00 <= lo <= 0xDFFF):
                    unmapped += 1
                    continue
                paired = i + 1
                u = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
            ch = chr(u)
            if ch.isspace() and ch != " ":
                continue
            get_box(tp, i, box)
            get_font(tp, i, buf, 256, flags)
            key = (buf.value, round(box.top - box.bottom, 3))
            style = styles.get(key)
            if style is None:
                raw.FPDFText_GetCharOrigin(tp, i, ox, oy)
                raw.FPDFText_GetMatrix(tp, i, matrix)
                size = raw.FPDFText_GetFontSize(tp, i) * math.hypot(matrix.c, matrix.d)
                upright = abs(matrix.b) < 1e-6 and abs(matrix.c) < 1e-6 and matrix.a > 0 and matrix.d > 0
                style = (buf.value.decode("utf-8", "replace"), size, upright, oy.value - box.bottom)
                styles[key] = style
            font, size, upright, lift = style
            baseline = top - (box.bottom + lift) if upright else (top - box.bottom) - (1 - 0.88) * size
            chars.append(make_char(ch, box.left - left, box.right - left, baseline, size, font, upright))
        rules, images = _pdfium_graphics(page, left, top)
        tp.close()
        return PageContent(number=number, width=width, height=height, chars=tuple(chars), rules=tuple(rules),
                           images=tuple(images), unmapped=unmapped)
    finally:
        page.close()


def _pdfium_graphics(page, left: float, top: float) -> tuple[list[Rule], list[Rule]]:
    import pypdfium2.raw as raw

    rules: list[Rule] = []
    images: list[Rule] = []
    for obj in page.get_objects(max_depth=2):
        t = obj.type
        if t not in (raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_IMAGE):
            continue
        # pypdfium2 5 names it get_bounds, 4 get_pos (pdfplumber requires >= 4.18)
        x0, y0, x1, y1 = (obj.get_bounds if hasattr(obj, "get_bounds") else obj.get_pos)()
        r = Rule(x0 - left, top - y1, x1 - left, top - y0, "image" if t == raw.FPDF_PAGEOBJ_IMAGE else "line")
        if t == raw.FPDF_PAGEOBJ_IMAGE:
            images.append(r)
        elif is_ruling(r):
            rules.append(r)
    return rules, images


def is_ruling(r: Rule) -> bool:
    """A thin, long path: a ruling line. Both backends keep only these (filled shapes and
    curves are split differently by pdfminer and pdfium, ruling lines are not)."""
    w, h = r.x1 - r.x0, r.bottom - r.top
    return min(w, h) <= 1.5 and max(w, h) >= 10


BACKENDS = {"pdfplumber": _pdfplumber_pages, "pdfium": _pdfium_pages}


@register("pdf")
def read_pdf_pages(path: Optional[str], data: bytes, params: "Params", pages: Optional[Sequence[int]] = None
                   ) -> Iterator[ReadPage]:
    """The PDF reader: one ``ReadPage`` per PDF page, lines in reading order, each line
    tagged with the id of its layout block (``region``)."""
    wanted = page_filter(pages)
    digest = hashlib.sha256(data).hexdigest()
    extract = BACKENDS[params.read.pdf_backend]
    any_text = False
    # Pages without text wait here until a page with text turns up: a document with no
    # text on any page is a scan and fails as a whole (exit 1, run OCR).
    pending: list[ReadPage] = []
    for content in extract(path, data, wanted, params):
        page = _read_page(path, content, digest, params)
        if not page.lines:
            pending.append(page)
            continue
        any_text = True
        yield from pending
        pending = []
        yield page
    if not any_text:
        if any(w for p in pending for w in p.warnings if "Unicode mapping" in w):
            raise InputError("no text can be decoded (glyphs without a Unicode mapping); run OCR on it instead",
                             path=path)
        if pending:
            raise InputError(NO_TEXT_MESSAGE, path=path)
    yield from pending


def _read_page(path: Optional[str], content: PageContent, digest: str, params: "Params") -> ReadPage:
    warnings: list[str] = []
    if content.unmapped:
        warnings.append(f"page {content.number}: {content.unmapped} glyphs without a Unicode mapping "
                        "((cid:NN)) were dropped; their text is missing")
    try:
        layout = analyze(content, params.layout)
    except (ValueError, TypeError, ArithmeticError, IndexError, KeyError) as exc:  # a bug, reported in one line
        raise InputError(f"page {content.number}: layout analysis failed ({type(exc).__name__}: {str(exc)[:80]}); "
                         "please report this file", path=path) from exc
    lines: list[Line] = []
    for block_index, block in enumerate(layout.blocks, start=1):
        for ln in block.lines:
            lines.append(Line(
                text=ln.text, number=len(lines) + 1, bbox=BBox(ln.x0, ln.top, ln.x1, ln.bottom),
                font_size=round(ln.size, 2), bold=ln.bold, italic=ln.italic, font=ln.font,
                region=f"p{content.number}b{block_index}",
                region_type=block.zone or ("vertical" if ln.vertical else None), page=content.number,
            ))
    if not lines:
        warnings.append(f"page {content.number}: no text layer (image only): run OCR on it")
    warnings.extend(layout.warnings)
    source = Source(format="pdf", path=path, sha256=digest, page=content.number, unit="pt",
                    width=round(content.width, 2), height=round(content.height, 2))
    return ReadPage(lines=tuple(lines), source=source, warnings=tuple(warnings))
