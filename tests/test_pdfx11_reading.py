"""The pdfium reading's cheaper plumbing (eleventh PDF speed round): the ready-made handle
argument of ``pdfium_api.handle``, the collector paused around a page's pdfium reading
(``readers.pdf._pdfium_content``) and ``_TextGrid``'s doubled centres.

The results themselves are compared with per-item reference loops in
``tests/test_pdf_pdfium_bulk.py`` and ``tests/test_pdf_speed.py``; these tests pin the
mechanisms: the same C call answers, the collector's state, exact bounds.
"""
from __future__ import annotations

import ctypes
import gc
from itertools import repeat

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

pdfium = pytest.importorskip("pypdfium2")
raw = pytest.importorskip("pypdfium2.raw")

from layoutkit.layout.chars import Char, Rule  # noqa: E402
from layoutkit.params import Params  # noqa: E402
from layoutkit.readers import pdf as reader  # noqa: E402
from layoutkit.readers import pdfium_api  # noqa: E402

from .pdfgen import LOREM, column_lines, make_pdf  # noqa: E402


def _sample_pdf() -> bytes:
    return make_pdf([column_lines(LOREM * 2, x=72, top=72, width=300, size=10)])


def test_handle_is_a_pointer_argument_to_the_same_object() -> None:
    """``handle`` gives an argument the C functions receive as the handle itself: every
    per-char call answers as with the handle passed as a ``c_void_p``."""
    doc = pdfium.PdfDocument(_sample_pdf())
    page = doc[0]
    tp = page.get_textpage()
    n = tp.count_chars()
    assert n > 100
    calls = pdfium_api.calls()
    arg = pdfium_api.handle(tp.raw)
    as_void = ctypes.cast(tp.raw, ctypes.c_void_p)
    assert ctypes.addressof(arg._obj) == as_void.value  # byref of a byte placed at the handle
    assert list(map(calls.unicode, repeat(arg, n), range(n))) == list(map(calls.unicode, repeat(as_void, n), range(n)))
    assert list(map(calls.text_object, repeat(arg, n), range(n))) == \
        list(map(calls.text_object, repeat(as_void, n), range(n)))
    assert [raw.FPDFText_GetUnicode(tp.raw, i) for i in range(n)] == list(map(calls.unicode, repeat(arg, n), range(n)))
    count = raw.FPDFPage_CountObjects(page.raw)
    page_arg = pdfium_api.handle(page.raw)
    kinds = [calls.object_type(calls.page_object(page_arg, i)) for i in range(count)]
    assert kinds == [raw.FPDFPageObj_GetType(raw.FPDFPage_GetObject(page.raw, i)) for i in range(count)]
    tp.close()
    page.close()
    doc.close()


def test_null_handle_stays_null() -> None:
    """A null handle is passed as a null pointer (the C functions answer their error
    value), not as a pointer to address 0's byte."""
    arg = pdfium_api.handle(ctypes.c_void_p())
    assert isinstance(arg, ctypes.c_void_p) and arg.value is None
    assert pdfium_api.calls().unicode(arg, 0) == 0


def _states_during_reading(monkeypatch: pytest.MonkeyPatch, lost: bool) -> dict[str, bool]:
    """Whether the collector ran during ``text_chars`` and during the pdfplumber
    fallback, reading one page with ``_lost_glyphs`` answering ``lost``."""
    seen: dict[str, bool] = {}
    real_text_chars = reader.text_chars

    def text_chars(*args):
        seen["pdfium"] = gc.isenabled()
        return real_text_chars(*args)

    def content(self, number):
        seen["fallback"] = gc.isenabled()
        return "fallback page"

    monkeypatch.setattr(reader, "text_chars", text_chars)
    monkeypatch.setattr(reader, "_lost_glyphs", lambda *_: lost)
    monkeypatch.setattr(reader._PlumberFallback, "content", content)
    data = _sample_pdf()
    pages = list(reader._pdfium_pages(None, data, None, Params()))
    seen["result is fallback"] = pages == ["fallback page"]
    return seen


def test_collector_paused_for_pdfium_reading_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """The pdfium reading runs with the cyclic collector paused and leaves it running; the
    pdfplumber fallback (pdfminer's objects) runs with it running."""
    assert gc.isenabled()
    seen = _states_during_reading(monkeypatch, lost=False)
    assert seen == {"pdfium": False, "result is fallback": False} and gc.isenabled()
    seen = _states_during_reading(monkeypatch, lost=True)
    assert seen == {"pdfium": False, "fallback": True, "result is fallback": True} and gc.isenabled()


def test_collector_left_disabled_when_the_caller_disabled_it(monkeypatch: pytest.MonkeyPatch) -> None:
    gc.disable()
    try:
        _states_during_reading(monkeypatch, lost=False)
        assert not gc.isenabled()
    finally:
        gc.enable()


def _halved_holds_text(chars: list[Char], r: Rule) -> bool:
    """The rule as ``holds_text`` states it, on halved centres, over all chars."""
    found = 0
    for c in chars:
        cx, cy = (c.x0 + c.x1) / 2, (c.top + c.bottom) / 2
        if r.x0 - c.size <= cx <= r.x1 + c.size and r.top - c.size <= cy <= r.bottom + c.size:
            found += 1
    return found >= 2


def test_doubled_centres_on_the_exact_edges() -> None:
    """Centres lying exactly on a widened edge (and one float step outside) are counted
    as the halved-centre rule counts them."""
    size = 10.0
    r = Rule(100.0, 200.0, 300.0, 400.0, "box")
    on_left = Char("a", 80.0, 190.0, 100.0, 200.0, size, "F")  # centre x 90 = r.x0 - size
    on_bottom = Char("b", 150.0, 400.0, 160.0, 420.0, size, "F")  # centre y 410 = r.bottom + size
    out = Char("c", 80.0, 190.0, 99.99999999999997, 200.0, size, "F")  # centre just left of it
    for chars, expected in (([on_left, on_bottom], True), ([on_left, out], False), ([out, on_bottom], False)):
        grid = reader._TextGrid(chars)
        assert grid.holds_text(r) is expected is _halved_holds_text(chars, r)


_coord = st.floats(-50, 650, allow_nan=False)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(_coord, _coord, _coord, st.floats(0.5, 40)), max_size=40),
       st.lists(st.tuples(_coord, _coord, _coord, _coord), min_size=1, max_size=8))
def test_scan_on_doubled_centres_matches_halved_rule(points, rects) -> None:
    """The scan (doubled centres and bounds) answers as the rule on halved centres."""
    chars = [Char("x", x0, y, x1, y + s, s, "F") for x0, x1, y, s in points]
    for x0, top, x1, bottom in rects:
        grid = reader._TextGrid(chars)
        r = Rule(min(x0, x1), min(top, bottom), max(x0, x1), max(top, bottom), "box")
        assert grid.holds_text(r) == _halved_holds_text(chars, r)
