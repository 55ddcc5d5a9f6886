"""pdfium's C functions the pdfium backend calls once per char, page object or path
segment, as ctypes function pointers without declared argument types.

pypdfium2's bindings declare every argument (typed pointers, ``c_int``), and ctypes then
converts each argument of each call through the declared type's ``from_param``; on the
pdfium backend's hot loops (a newspaper page has 5,000-50,000 chars, an OCR layer a text
object per word) that conversion costs about as much as the call itself. Undeclared,
ctypes passes a Python int as a C ``int`` and a ``c_void_p`` (or ``byref``) as a pointer
with no Python-level step: about 40% less per call, the same C function of the same
library (the pointers are made from the addresses of pypdfium2's bound functions).

They are also made as ``PYFUNCTYPE`` rather than ``CFUNCTYPE`` prototypes: a
``CFUNCTYPE`` call releases the GIL before the C function and takes it back after (a
mutex, a condition signal and the thread-state swap: ~65 M instructions of ~1,550 M on
the Library of Congress scan sn99, callgrind), for a function that returns in well under a microsecond and
never calls back into Python. Holding the GIL through such a call blocks other Python
threads for that microsecond, no longer; the call and its result are the same.

Only functions whose integer arguments are C ``int`` are called this way (an undeclared
Python int is passed as a C ``int``); handles are passed as ``c_void_p`` objects, never
as Python ints (an int would be narrowed to 32 bits).
"""
from __future__ import annotations

import ctypes
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Callable


class Handle(ctypes.c_void_p):
    """A pdfium handle returned as itself: ctypes converts a plain ``c_void_p`` result to
    a Python int (unusable as an undeclared argument), a subclass result it leaves alone."""


@dataclass(frozen=True, slots=True)
class PdfiumCalls:
    """The undeclared functions: arguments as the C signature lists them, handles as
    ``c_void_p``/``Handle``, out-pointers as ``ctypes.byref``."""

    # text page (FPDF_TEXTPAGE, int index, ...)
    unicode: Callable[..., int]
    loose_box: Callable[..., int]
    #: the char's text object's address as an int (a dict key), None if it has none
    text_object: Callable[..., Any]
    is_generated: Callable[..., int]
    #: a text object's font handle (FPDF_PAGEOBJECT) as an int, None if none
    text_font: Callable[..., Any]
    # page objects (FPDF_PAGE, int index) and their type and bounds
    page_object: Callable[..., Handle]
    object_type: Callable[..., int]
    object_bounds: Callable[..., int]
    object_matrix: Callable[..., int]
    # a form XObject's objects (FPDF_PAGEOBJECT form[, unsigned long index]: declared,
    # the index is no C int)
    form_count: Callable[..., int]
    form_object: Callable[..., Handle]
    # a path object's segments
    segment_count: Callable[..., int]
    path_segment: Callable[..., Handle]
    segment_point: Callable[..., int]
    segment_type: Callable[..., int]
    segment_close: Callable[..., int]


@lru_cache(maxsize=1)
def calls() -> PdfiumCalls:
    """The function pointers, made once."""
    from pypdfium2 import raw

    def undeclared(fn: Any, restype: Any) -> Any:
        # (PYFUNCTYPE: the GIL is kept through the call, see the module docstring)
        call = ctypes.PYFUNCTYPE(restype)(ctypes.cast(fn, ctypes.c_void_p).value)
        call.argtypes = None  # no per-argument conversion (see the module docstring)
        return call

    i, u, v = ctypes.c_int, ctypes.c_uint, ctypes.c_void_p
    return PdfiumCalls(
        unicode=undeclared(raw.FPDFText_GetUnicode, u),
        loose_box=undeclared(raw.FPDFText_GetLooseCharBox, i),
        text_object=undeclared(raw.FPDFText_GetTextObject, v),
        is_generated=undeclared(raw.FPDFText_IsGenerated, i),
        text_font=undeclared(raw.FPDFTextObj_GetFont, v),
        page_object=undeclared(raw.FPDFPage_GetObject, Handle),
        object_type=undeclared(raw.FPDFPageObj_GetType, i),
        object_bounds=undeclared(raw.FPDFPageObj_GetBounds, i),
        object_matrix=undeclared(raw.FPDFPageObj_GetMatrix, i),
        form_count=undeclared(raw.FPDFFormObj_CountObjects, i),
        form_object=ctypes.PYFUNCTYPE(Handle, v, ctypes.c_ulong)(ctypes.cast(raw.FPDFFormObj_GetObject, v).value),
        segment_count=undeclared(raw.FPDFPath_CountSegments, i),
        path_segment=undeclared(raw.FPDFPath_GetPathSegment, Handle),
        segment_point=undeclared(raw.FPDFPathSegment_GetPoint, i),
        segment_type=undeclared(raw.FPDFPathSegment_GetType, i),
        segment_close=undeclared(raw.FPDFPathSegment_GetClose, i),
    )


def handle(obj: Any) -> Any:
    """A pypdfium2 raw handle (a typed pointer) as a ready-made pointer argument for the
    calls above, to pass in every call of a loop (a text page's chars, a page's objects).

    It is ctypes' ``byref`` of a byte placed at the handle's address (``from_address``
    reads nothing): ctypes passes a ``byref`` argument as the address it holds, the
    handle, without converting anything per call, where a ``c_void_p`` argument is
    converted on each call (a format lookup and a new argument object: ~25 ns of ~100 ns
    per char call). The argument is only good while the handle's object is open."""
    address = ctypes.cast(obj, ctypes.c_void_p).value
    if not address:
        return ctypes.c_void_p()  # (null: the C functions answer their error value)
    return ctypes.byref(ctypes.c_char.from_address(address))
