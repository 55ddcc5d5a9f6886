"""A pdfium text page's characters, read with as few and as cheap C calls as possible.

The pdfium backend's cost is dominated by per-char calls into pdfium through ctypes
(a newspaper page has 5,000-50,000 chars). This module reads the same numbers the
straightforward loop reads (code point, loose box, font name per char; size, rotation
and baseline offset per font and box height) with fewer and cheaper calls:

* the per-char calls go through ``pdfium_api``: ctypes function pointers without
  declared argument types (about 40% less per call than pypdfium2's typed bindings);
* they run inside ``map`` (the loop in C, no bytecode per char), each char's loose box
  written straight into one float array read back with one ``memoryview.tolist``;
* the font name is asked once per text object rather than per char: pdfium takes a
  char's font from its text object (``FPDFText_GetFontInfo`` reads
  ``charinfo.m_pTextObj->GetFont()``), so one ``FPDFText_GetTextObject`` per char (an
  integer) finds it, and a page has far fewer text objects than chars;
* the size, rotation and baseline offset are asked once per (font name, box height),
  as before, and the box height's 0.001 pt rounding once per distinct height; each
  char finds its style through the first char with its exact key (one hash per char)
  and the styles' fields become columns in one transposition (``zip``);
* which chars are text is decided from the page's code points as one string: only the
  few that need a rule (spaces, hyphen markers, surrogates, ...) are looked at one by
  one; the normalised boxes are computed column by column with ``map``.

Three calls per char remain (code point, loose box, text object), plus
``FPDFText_IsGenerated`` per space. pdfium has no call returning the boxes of a range of
chars, and ``FPDFText_GetText`` (the whole page's text in one call) is not the same as
the per-char code points: it holds 0xFFFE where pdfium marks a line-end hyphen and
truncates code points above U+FFFF to 16 bits (``WideString::ToUCS2LE``).

The result is exactly that of the per-char loop (``tests/test_pdf_speed.py`` compares
both on fixtures and generated PDFs): pdfium's generated spaces are dropped and drawn
ones kept, a line-end hyphen (code 0x02) is restored as ``-``, a surrogate pair is joined
into one char, other whitespace and chars without a Unicode mapping (U+FFFD, counted) are
dropped.
"""
from __future__ import annotations

import ctypes
import math
import operator
import re
from collections import deque
from itertools import compress, repeat
from operator import add, lt, sub
from typing import Any

from ..layout.chars import ASCENT, Char
from . import pdfium_api
from .pdfium_api import PdfiumCalls

#: Code points pdfium reports that are no text: line breaks and tabs it generates or
#: reads, the no-break space, 0xFFFE (its "no Unicode" filler) and 0.
_NO_TEXT = frozenset({0x0D, 0x0A, 0xA0, 0x09, 0xFFFE, 0})

#: pdfium's marker for a hyphen it found at a line end (a drawn U+002D or U+00AD
#: followed by a word on the next line): the glyph is on the page, so it is a hyphen.
_LINE_END_HYPHEN = 0x02

#: The code points ``_visible`` looks at one by one: those of ``_NO_TEXT``, the line-end
#: hyphen, whitespace (``\s`` is ``str.isspace``), U+FFFD and surrogate halves.
_SPECIAL = re.compile(r"[\x00\x02\s\ufffd\ufffe\ud800-\udfff]")

#: Bytes of the font-name buffer (a longer name is not written: see ``_fonts``).
_FONT_BUFFER = 256


def text_chars(textpage: Any, n: int, left: float, top: float) -> tuple[list[Char], int]:
    """The visible chars of a text page (``textpage``: pypdfium2's raw handle, ``n``
    chars in pdfium's count), in pdfium's order, with boxes in the page's top-left frame
    (``left``/``top``: the crop box's left and top edge), and the number of glyphs
    without a Unicode mapping."""
    calls = pdfium_api.calls()
    tp = pdfium_api.handle(textpage)
    codes = list(map(calls.unicode, repeat(tp, n), range(n)))
    kept, texts, unmapped = _visible(tp, codes, calls)
    m = len(kept)
    if not m:
        return [], unmapped
    # each kept char's loose box (FS_RECTF: left, top, right, bottom floats), written in
    # place into one array
    boxes = (ctypes.c_float * (4 * m))()
    deque(map(calls.loose_box, repeat(tp, m), kept, map(ctypes.byref, repeat(boxes, m), range(0, 16 * m, 16))),
          maxlen=0)
    # each column read straight from the array (a strided view: no list of all floats)
    flat = memoryview(boxes).cast("B").cast("f")
    lefts, tops, rights, bottoms = flat[0::4].tolist(), flat[1::4].tolist(), flat[2::4].tolist(), flat[3::4].tolist()
    fonts = _fonts(textpage, tp, kept, calls)
    styles = _styles(textpage, kept, bottoms, list(zip(fonts, map(sub, tops, bottoms))))
    # the styles' fields as columns, one transposition in C (rather than a getter call per
    # char and field)
    names, sizes, uprights, lifts, ascents, descents = zip(*styles)
    # the normalised boxes (``make_char``), column by column in C: x from the loose
    # box, y from the baseline (box bottom + the style's lift, in the top-down frame)
    x0s = list(map(sub, lefts, repeat(left)))
    x1s = list(map(sub, rights, repeat(left)))
    baselines = list(map(sub, repeat(top), map(add, bottoms, lifts)))
    if not all(uprights):
        # a rotated glyph: no baseline from the loose box (``analyze`` leaves it out)
        for k in compress(range(m), map(operator.not_, uprights)):
            baselines[k] = (top - bottoms[k]) - (1 - ASCENT) * sizes[k]
    for k in compress(range(m), map(lt, x1s, x0s)):
        x0s[k], x1s[k] = x1s[k], x0s[k]  # a box drawn right to left
    chars = list(map(tuple.__new__, repeat(Char), zip(
        texts, x0s, map(sub, baselines, ascents), x1s, map(add, baselines, descents), sizes, names, uprights)))
    return chars, unmapped


def _visible(tp: Any, codes: list[int], calls: PdfiumCalls) -> tuple[list[int], list[str], int]:
    """Which of pdfium's chars are visible text (their indices and texts) and how many
    glyphs have no Unicode mapping.

    * 0x02 is pdfium's line-end hyphen: restored as ``-`` (dehyphenation decides, and
      records, whether it goes);
    * spaces pdfium generates (``FPDFText_IsGenerated``) are not in the PDF: dropped;
      drawn ones are kept as evidence of word spaces;
    * pdfium counts UTF-16 code units: a char outside the BMP (CJK extension B names,
      emoji) is two "chars" in one box, high then low surrogate, or low then high inside
      right-to-left text, which pdfium reverses; joined into one char here (the box of
      the first); a lone half is no text (counted unmapped), like U+FFFD;
    * other whitespace and the codes of ``_NO_TEXT`` are dropped.

    Every other char is kept as it is: the page's code points become one string and only
    the positions ``_SPECIAL`` finds in it go through the rules above, in page order."""
    n = len(codes)
    page_text = "".join(map(chr, codes))
    special = list(map(re.Match.start, _SPECIAL.finditer(page_text)))
    texts = list(page_text)
    if not special:
        return list(range(n)), texts, 0
    keep = [True] * n
    unmapped = 0
    paired = -1
    is_generated = calls.is_generated
    for i in special:
        u = codes[i]
        if u == _LINE_END_HYPHEN:
            u = 0x2D
        if u in _NO_TEXT or (u == 0x20 and is_generated(tp, i)):
            keep[i] = False
            continue
        if u == 0xFFFD:
            unmapped += 1
            keep[i] = False
            continue
        if i == paired:
            keep[i] = False
            continue
        if 0xD800 <= u <= 0xDFFF:
            other = codes[i + 1] if i + 1 < n else 0
            hi, lo = (u, other) if u <= 0xDBFF else (other, u)
            if not (0xD800 <= hi <= 0xDBFF and 0xDC00 <= lo <= 0xDFFF):
                unmapped += 1
                keep[i] = False
                continue
            paired = i + 1
            u = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
        ch = chr(u)
        if ch.isspace() and ch != " ":
            keep[i] = False
            continue
        texts[i] = ch
    return list(compress(range(n), keep)), list(compress(texts, keep)), unmapped


def _fonts(textpage: Any, tp: Any, kept: list[int], calls: PdfiumCalls) -> list[bytes]:
    """Each kept char's font name (raw bytes), asked once per font.

    ``FPDFText_GetFontInfo`` names the font of the char's text object; so each char's
    text object is asked (one light call per char), each distinct object's font handle
    (``FPDFTextObj_GetFont``, one call per object: People's Daily draws a few chars per
    object, OCR layers a word), and ``FPDFText_GetFontInfo`` once per distinct font.

    ``FPDFText_GetFontInfo`` writes nothing for a char without a text object (none of
    the kept ones in practice) or a name longer than the buffer; the per-char loop then
    kept the previous char's name in its buffer, so such a char takes the previous name
    here too (the empty name at the start)."""
    from pypdfium2 import raw

    objects = list(map(calls.text_object, repeat(tp, len(kept)), kept))
    # each distinct text object with one of its chars (dicts built in C), its font
    # handle, and each distinct font with one of its chars
    first = dict(zip(objects, kept))
    first.pop(None, None)  # (a char without a text object has no font: never asked)
    fonts = list(map(calls.text_font, map(ctypes.c_void_p, first)))
    char_of_font = dict(zip(fonts, first.values()))
    buf = ctypes.create_string_buffer(_FONT_BUFFER)
    flags = ctypes.c_int()
    name_of_font: dict[Any, Any] = {None: None}  # no text object: no font, nothing written
    for font, i in char_of_font.items():
        if font is not None:
            length = raw.FPDFText_GetFontInfo(textpage, i, buf, _FONT_BUFFER, flags)
            name_of_font[font] = buf.value if 0 < length <= _FONT_BUFFER else None
    # each text object's name (one lookup per char below, not two)
    name_of = dict(zip(first, map(name_of_font.__getitem__, fonts)))
    name_of[None] = None
    names = list(map(name_of.__getitem__, objects))
    if None not in names:
        return names
    out: list[bytes] = []
    current = b""
    for name in names:
        current = current if name is None else name
        out.append(current)
    return out


def _styles(textpage: Any, kept: list[int], bottoms: list[float],
            keys: list[tuple[bytes, float]]) -> list[tuple[str, float, bool, float, float, float]]:
    """Each kept char's style: (font name, size, upright, baseline lift above the loose
    box bottom, ascent, descent), the same for every char of one font at one box height
    (0.001 pt). pdfium is asked for the first such char only (origin, matrix, font size),
    and the height rounded once per distinct exact (font, height) ``keys`` entry, taken in
    page order so each rounded key's style comes from its first char."""
    from pypdfium2 import raw

    matrix = raw.FS_MATRIX()
    ox, oy = ctypes.c_double(), ctypes.c_double()
    by_key: dict[tuple[bytes, float], tuple[str, float, bool, float, float, float]] = {}
    # each char's first char with the same exact key (one hash per char; the dict keeps the
    # distinct keys in page order of their first char)
    seen: dict[tuple[bytes, float], int] = {}
    firsts = list(map(seen.setdefault, keys, range(len(keys))))
    by_first: dict[int, tuple[str, float, bool, float, float, float]] = {}
    for exact, k in seen.items():
        font, height = exact
        key = (font, round(height, 3))
        style = by_key.get(key)
        if style is None:
            i = kept[k]
            raw.FPDFText_GetCharOrigin(textpage, i, ox, oy)
            raw.FPDFText_GetMatrix(textpage, i, matrix)
            size = raw.FPDFText_GetFontSize(textpage, i) * math.hypot(matrix.c, matrix.d)
            upright = abs(matrix.b) < 1e-6 and abs(matrix.c) < 1e-6 and matrix.a > 0 and matrix.d > 0
            style = (font.decode("utf-8", "replace"), size, upright, oy.value - bottoms[k],
                     ASCENT * size, (1 - ASCENT) * size)
            by_key[key] = style
        by_first[k] = style
    return list(map(by_first.__getitem__, firsts))
