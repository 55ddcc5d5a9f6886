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
from collections import defaultdict, deque
from itertools import compress, repeat
from operator import add, and_, floordiv, le, mul, ne, truediv
from typing import Callable, TYPE_CHECKING, Iterator, Optional, Sequence

from ..errors import InputError, LimitExceededError
from ..gcpause import collector_paused
from ..layout import analyze
from ..layout.chars import ASCENT, Char, PageContent, Rule
from ..model import BBox, Line, Source
from . import ReadPage, page_filter, register
from . import pdfium_api
from .pdfium_text import text_chars

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
    # (the page height is a pdfplumber property: read once, not per char)
    height = float(page.height)
    chars: list[Char] = []
    unmapped = invisible = 0
    new_tuple = tuple.__new__
    for c in page.chars:
        text = c.get("text") or ""
        if text.startswith("(cid:"):
            unmapped += 1
            continue
        if not text.strip() and text != " ":
            continue
        size = float(c["size"])
        upright = bool(c.get("upright", True))
        if upright:
            baseline = height - (float(c["matrix"][5]) - y_off)
            if float(c["bottom"]) - baseline > 0.5 * size:
                # a vertical-writing font (Identity-V): pdfminer's text-space origin is the
                # glyph's top; its box bottom is where pdfium puts the origin
                baseline = float(c["bottom"])
        else:
            baseline = float(c["bottom"]) - (1 - 0.88) * size
        x0, x1 = float(c["x0"]) - x_off, float(c["x1"]) - x_off
        if x1 < x0:
            x0, x1 = x1, x0
        # ``make_char`` inlined (the same arithmetic): the tuple made directly, without a
        # Python frame per char
        chars.append(new_tuple(Char, (text, x0, baseline - ASCENT * size, x1, baseline + (1 - ASCENT) * size, size,
                                      c.get("fontname") or "", upright)))
    rules = [r for objs in (page.lines, page.rects, page.curves) for o in objs
             if is_ruling(r := Rule(float(o["x0"]) - x_off, float(o["top"]), float(o["x1"]) - x_off,
                                    float(o["bottom"]), "line"))]
    images = [Rule(float(o["x0"]), float(o["top"]), float(o["x1"]), float(o["bottom"]), "image") for o in page.images]
    # pdfminer makes an LTRect of every closed axis-aligned four-corner subpath (``re`` or
    # m-l-l-l-h), each subpath of a path on its own; ``_pdfium_boxes`` does the same
    grid = _TextGrid(chars)
    boxes = [r for o in page.rects
             if is_box(r := Rule(float(o["x0"]) - x_off, float(o["top"]), float(o["x1"]) - x_off,
                                 float(o["bottom"]), "box")) and grid.holds_text(r)]
    return PageContent(number=number, width=float(page.width), height=float(page.height), chars=tuple(chars),
                       rules=tuple(rules), images=tuple(images), unmapped=unmapped, invisible=invisible,
                       boxes=tuple(boxes))


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
    fallback = _PlumberFallback(data)
    try:
        yield from _each_page(len(doc), wanted, lambda number: _pdfium_content(doc, number, fallback), params, path)
    finally:
        fallback.close()
        doc.close()


class _PlumberFallback:
    """pdfplumber pages for the pdfium backend's ``pdfium-lost-glyphs`` fallback, the
    document opened only when a page needs it."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pdf = None

    def content(self, number: int) -> PageContent:
        import pdfplumber

        if self.pdf is None:
            self.pdf = pdfplumber.open(io.BytesIO(self.data))
        return _plumber_closed(self.pdf.pages[number - 1], number)

    def close(self) -> None:
        if self.pdf is not None:
            self.pdf.close()


def _lost_glyphs(page, text_objects: int, chars: int) -> bool:
    """``pdfium-lost-glyphs``: pdfium's text page skips every text object whose bounding
    box has no width (``CPDF_TextPage::ProcessTextObject``), and a text object gets an
    empty box when pdfium has no glyph for it: a non-embedded CID font (kampo.pdf's
    Ryumin-Light, Adobe-Japan1, Identity-H/V without ToUnicode) with no substitute font
    installed that has the glyph. The chars never reach the text page, so no text-page
    call (``FPDFText_GetUnicode``, ``get_text_range``, ``FPDFTextObj_GetText``) returns
    them, and no public pdfium call gives a text object's char codes. Such a page is read
    with pdfplumber instead (pdfminer maps the CIDs through Adobe's tables), so both
    backends give the same result.

    The check is cheap first: a page whose text page holds at least half as many chars as
    it has text objects lost nothing that matters (each text object holds at least one
    char; pdfium drops repeated fake-bold objects, at most half); only otherwise the
    empty-box text objects are counted."""
    if chars >= 0.5 * text_objects:
        return False
    import pypdfium2.raw as raw

    empty = 0
    for obj in page.get_objects(max_depth=2):
        if obj.type == raw.FPDF_PAGEOBJ_TEXT:
            x0, _y0, x1, _y1 = (obj.get_bounds if hasattr(obj, "get_bounds") else obj.get_pos)()
            empty += (x1 - x0) < 0.01
    return empty > chars


def _pdfium_content(doc, number: int, fallback: Optional[_PlumberFallback] = None) -> PageContent:
    """Char boxes through pdfium's C API, read in bulk (``pdfium_text.text_chars``), and
    the page's graphics; the page read with pdfplumber instead when pdfium lost its
    glyphs (``_lost_glyphs``) and there is a ``fallback``."""
    # The cyclic collector is paused for the pdfium reading (``gcpause``): it makes a tuple
    # per char and lists of every char's numbers, no reference cycle, and each young-
    # generation pass meanwhile walked the lists being filled again (a scan: ~130 passes,
    # 20-30% of the reading's time). Not for the pdfplumber fallback (pdfminer's objects).
    with collector_paused():
        content = _pdfium_read(doc, number, fallback is not None)
    return content if content is not None else fallback.content(number)


def _pdfium_read(doc, number: int, check_lost: bool) -> Optional[PageContent]:
    """The page's content through pdfium, None if ``check_lost`` and it lost glyphs."""
    page = doc[number - 1]
    try:
        # pdfplumber reports geometry in the MediaBox/CropBox frame, unrotated; so do we
        left, bottom, right, top = page.get_cropbox()
        width, height = right - left, top - bottom
        tp_obj = page.get_textpage()
        n = tp_obj.count_chars()
        chars, unmapped = text_chars(tp_obj.raw, n, left, top)
        rules, images, boxes, text_objects = _pdfium_graphics(page, left, top, _TextGrid(chars))
        tp_obj.close()
        if check_lost and _lost_glyphs(page, text_objects, n):
            return None
        return PageContent(number=number, width=width, height=height, chars=tuple(chars), rules=tuple(rules),
                           images=tuple(images), unmapped=unmapped, boxes=tuple(boxes))
    finally:
        page.close()


def _pdfium_graphics(page, left: float, top: float, grid: "_TextGrid") -> tuple[list[Rule], list[Rule], list[Rule], int]:
    """Ruling lines, images, box rectangles and the number of text objects of a page
    (page objects and those of form XObjects one level down).

    Through the C API (``pdfium_api``, objects' types asked in one ``map``): pypdfium2's
    ``get_objects`` builds a Python wrapper per object, and a page of one text object per
    char (People's Daily) or per word (OCR layers) has thousands."""
    import ctypes

    from pypdfium2 import raw

    api = pdfium_api.calls()
    rules: list[Rule] = []
    images: list[Rule] = []
    boxes: list[Rule] = []
    text_objects = 0
    TEXT, PATH, IMAGE, FORM = raw.FPDF_PAGEOBJ_TEXT, raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_IMAGE, raw.FPDF_PAGEOBJ_FORM
    get_bounds = api.object_bounds
    l, b, r_, t_ = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    bounds = ctypes.byref(l), ctypes.byref(b), ctypes.byref(r_), ctypes.byref(t_)
    count = raw.FPDFPage_CountObjects(page.raw)
    # (objects, level): the page's objects, then each form's (the last form found first)
    pending = [(list(map(api.page_object, repeat(pdfium_api.handle(page.raw), count), range(count))), 0)]
    while pending:
        objects, level = pending.pop()
        types = list(map(api.object_type, objects))
        text_objects += types.count(TEXT)
        for obj, t in zip(compress(objects, map(ne, types, repeat(TEXT))), filter(TEXT.__ne__, types)):
            if not obj:
                continue
            if t == FORM and level == 0:
                pending.append((list(map(api.form_object, repeat(obj), range(api.form_count(obj)))), 1))
                continue
            if (t != PATH and t != IMAGE) or not get_bounds(obj, *bounds):
                continue
            r = Rule(l.value - left, top - t_.value, r_.value - left, top - b.value, "image" if t == IMAGE else "line")
            if t == IMAGE:
                images.append(r)
            elif is_ruling(r):
                rules.append(r)
            elif is_box(r) and grid.holds_text(r):
                boxes.extend(b for b in _pdfium_boxes(obj, left, top) if grid.holds_text(b))
    return rules, images, boxes, text_objects


def _pdfium_boxes(path, left: float, top: float) -> list[Rule]:
    """The closed axis-aligned four-corner subpaths of a pdfium path object, each a box
    rectangle, as pdfminer makes them (an LTRect per such subpath): a path drawing
    several rectangles is several boxes in both backends.

    The segments' types, close flags and points are read with one ``map`` each (a map
    or chart can be thousands of segments), the points transformed column by column."""
    import ctypes

    from pypdfium2 import raw

    api = pdfium_api.calls()
    m = raw.FS_MATRIX()
    api.object_matrix(path, ctypes.byref(m))
    n = max(api.segment_count(path), 0)
    segments = list(map(api.path_segment, repeat(path, n), range(n)))
    kinds = list(map(api.segment_type, segments))
    closes = list(map(api.segment_close, segments))
    points = (ctypes.c_float * (2 * n))()
    byref = ctypes.byref
    deque(map(api.segment_point, segments, map(byref, repeat(points, n), range(0, 8 * n, 8)),
              map(byref, repeat(points, n), range(4, 8 * n, 8))), maxlen=0)
    flat = memoryview(points).cast("B").cast("f").tolist()
    xs, ys = flat[0::2], flat[1::2]
    # (a x + c y) + e and (b x + d y) + f, as the matrix is applied
    pxs = map(add, map(add, map(mul, repeat(m.a), xs), map(mul, repeat(m.c), ys)), repeat(m.e))
    pys = map(add, map(add, map(mul, repeat(m.b), xs), map(mul, repeat(m.d), ys)), repeat(m.f))
    MOVETO, LINETO = raw.FPDF_SEGMENT_MOVETO, raw.FPDF_SEGMENT_LINETO
    subpaths: list[tuple[list[tuple[float, float]], bool]] = []
    for pt, kind, close in zip(zip(pxs, pys), kinds, closes):
        if kind == MOVETO or not subpaths:
            subpaths.append(([pt], False))
            continue
        pts, closed = subpaths[-1]
        pts.append(pt if kind == LINETO else (math.nan, math.nan))
        if close:
            subpaths[-1] = (pts, True)
    return subpath_boxes(subpaths, left, top)


def subpath_boxes(subpaths: list[tuple[list[tuple[float, float]], bool]], left: float, top: float) -> list[Rule]:
    """The box rectangles among a path's subpaths (points in PDF user space, each with its
    closed flag): closed, four corners (a fifth that repeats the first is dropped), no
    curve point (NaN), sides parallel to the page's axes; in page coordinates from
    ``left``/``top``, kept when ``is_box`` accepts them."""
    out = []
    for pts, closed in subpaths:
        if len(pts) == 5 and abs(pts[4][0] - pts[0][0]) < 0.01 and abs(pts[4][1] - pts[0][1]) < 0.01:
            pts, closed = pts[:4], True
        if len(pts) != 4 or not closed or any(math.isnan(p[0]) for p in pts):
            continue
        (x0, y0), (x1, y1), (x2, y2), (x3, y3) = pts
        square = (abs(x0 - x1) < 0.01 and abs(y1 - y2) < 0.01 and abs(x2 - x3) < 0.01 and abs(y3 - y0) < 0.01) or \
            (abs(y0 - y1) < 0.01 and abs(x1 - x2) < 0.01 and abs(y2 - y3) < 0.01 and abs(x3 - x0) < 0.01)
        if square:
            r = Rule(min(x0, x2) - left, top - max(y0, y2), max(x0, x2) - left, top - min(y0, y2), "box")
            if is_box(r):
                out.append(r)
    return out


class _TextGrid:
    """Where the page's chars are, for ``holds_text``: char centres, scanned directly for
    the first ``SCANS`` questions and then put in square cells (a spatial index; the cell
    size is no tolerance, any size gives the same answers).

    Building the cells costs several scans (a Python step per char, ~8 ms on a Federal
    Register page), and most pages ask only a few questions (a Federal Register page one,
    a People's Daily page two or three, an OCR-layer scan none), so the cells are built
    only for pages that ask many (The Hindu, Repubblica: 50-70 framed rectangles a page)."""

    CELL = 36.0
    SCANS = 3

    def __init__(self, chars: Sequence[Char]) -> None:
        self.chars = chars
        self.cells: Optional[dict[tuple[int, int], list[Char]]] = None  # built on demand
        self.asked = 0
        self.pad = 0.0
        self.centres: Optional[tuple[list[float], list[float], list[float]]] = None

    def _centres(self) -> tuple[list[float], list[float], list[float]]:
        """Each char's centre x and y doubled (``x0 + x1``, ``top + bottom``) and its size,
        computed in C, and ``pad``.

        Doubled rather than halved: halving a float is exact, so a centre lies within
        bounds exactly when its double lies within the doubled bounds, and the scans
        compare the sums without a division per char."""
        if self.centres is None:
            if self.chars:
                _text, x0s, tops, x1s, bottoms, sizes = list(zip(*self.chars))[:6]
                #: the largest char size: how far beyond a rectangle a counted centre may lie
                self.pad = max(sizes)
                self.centres = (list(map(add, x0s, x1s)), list(map(add, tops, bottoms)), list(sizes))
            else:
                self.centres = ([], [], [])
        return self.centres

    def _build(self) -> dict[tuple[int, int], list[Char]]:
        cells: dict[tuple[int, int], list[Char]] = defaultdict(list)
        sxs, sys_, _sizes = self._centres()
        # each char's cell, centre // CELL across and down, computed for all chars in C
        kx = map(int, map(floordiv, map(truediv, sxs, repeat(2)), repeat(self.CELL)))
        ky = map(int, map(floordiv, map(truediv, sys_, repeat(2)), repeat(self.CELL)))
        for key, c in zip(zip(kx, ky), self.chars):
            cells[key].append(c)
        self.cells = cells
        return cells

    def holds_text(self, r: Rule) -> bool:
        """At least two chars have their centre within ``r`` widened by one em of the
        char: a rectangle that frames no text is no box candidate (``layout.boxes``
        keeps frames around two text blocks or more, which is stricter). Both backends
        apply it; the pdfium one before reading a path's segments, as most big paths
        (logos, drawings, maps) hold no text and their segments cost several C calls each."""
        if self.cells is None and self.asked < self.SCANS:
            self.asked += 1
            return self._scan(r)
        cells = self.cells if self.cells is not None else self._build()
        cell, pad = self.CELL, self.pad
        found = 0
        for ix in range(int((r.x0 - pad) // cell), int((r.x1 + pad) // cell) + 1):
            for iy in range(int((r.top - pad) // cell), int((r.bottom + pad) // cell) + 1):
                for c in cells.get((ix, iy), ()):
                    cx, cy = (c.x0 + c.x1) / 2, (c.top + c.bottom) / 2
                    if r.x0 - c.size <= cx <= r.x1 + c.size and r.top - c.size <= cy <= r.bottom + c.size:
                        found += 1
                        if found >= 2:
                            return True
        return False

    def _scan(self, r: Rule) -> bool:
        """``holds_text`` over all chars: those whose centre lies within the rectangle
        widened by ``pad`` picked in C, then the exact test on them (the same answer as
        the cells give: ``pad`` is the largest size, so the exact test implies the pick).
        Both on doubled centres and bounds (``_centres``)."""
        sxs, sys_, sizes = self._centres()
        pad = self.pad
        across = map(and_, map(le, repeat(2 * (r.x0 - pad)), sxs), map(le, sxs, repeat(2 * (r.x1 + pad))))
        down = map(and_, map(le, repeat(2 * (r.top - pad)), sys_), map(le, sys_, repeat(2 * (r.bottom + pad))))
        found = 0
        for k in compress(range(len(sxs)), map(and_, across, down)):
            sx, sy, size = sxs[k], sys_[k], sizes[k]
            if 2 * (r.x0 - size) <= sx <= 2 * (r.x1 + size) and 2 * (r.top - size) <= sy <= 2 * (r.bottom + size):
                found += 1
                if found >= 2:
                    return True
        return False


def is_box(r: Rule) -> bool:
    """A rectangle wider and taller than a ruling line: a box candidate (``layout.boxes``
    keeps those that frame text)."""
    return min(r.x1 - r.x0, r.bottom - r.top) > 1.5


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
