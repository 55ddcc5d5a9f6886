"""Cheap adversarial PDFs for the property tests and fuzz seeds: any Unicode line drawn
with the standard 14 fonts and a CID font, in one content stream, in well under a
millisecond per page (no PDF library).

``text_pdf(lines, rng)`` returns ``(pdf_bytes, drawn_lines)``. ``drawn_lines`` is what the
file really carries, line by line: the characters no font here can draw are replaced by
a space (see ``drawable``), so a test can require the reader to deliver exactly those.

How a line is drawn (the choices come from ``rng``, so a seed gives one file):

* characters WinAnsiEncoding can encode go in a simple font, one of Helvetica,
  Helvetica-Bold, Times-Roman, Times-Italic, Courier (standard 14: never embedded, widths
  known to every reader);
* every other character goes in a Type0 font with ``/Identity-H`` encoding (2-byte CIDs
  numbered per file) and a ``/ToUnicode`` CMap, which is how CJK newspapers set text;
  characters outside the BMP map to UTF-16 surrogate pairs; every glyph is 1 em wide
  (``/DW 1000``), like CJK type;
* each run with ``Tj``, a ``TJ`` array with small kerning adjustments (never enough to
  overlap glyphs: overlapping identical glyphs are fake bold, which the reader removes),
  or a line started with the ``'`` operator.
"""
from __future__ import annotations

import random
import unicodedata
from typing import Sequence

from .pdfgen import write_pdf

#: Standard 14 fonts used for WinAnsi runs (resource name -> base font).
SIMPLE_FONTS = (("F1", "Helvetica"), ("F2", "Helvetica-Bold"), ("F3", "Times-Roman"), ("F4", "Times-Italic"),
                ("F5", "Courier"))
CID_FONT = "F9"
SIZE = 10.0
LEADING = 12.0
#: Every CID is drawn with this glyph of the (substituted, not embedded) font: one with an
#: outline. pdfium drops a text object whose only glyph has no outline (its box is empty),
#: as an ``/Identity`` CIDToGIDMap gives for the low CIDs numbered here (glyphs 0-1 of
#: its fallback font are empty): a generator artefact, not text a reader should lose.
GLYPH = 36


def _winansi(ch: str) -> bytes | None:
    """The WinAnsi (cp1252) byte of a drawable ``ch``, or None. The soft hyphen is left to
    the CID font: a simple font's U+00AD is invisible to readers (pdfminer delivers it as a
    space)."""
    if ch == "\xad":
        return None
    try:
        return ch.encode("cp1252")
    except UnicodeEncodeError:
        return None


def drawable(ch: str) -> bool:
    """Whether a generated PDF carries ``ch`` as a glyph with that Unicode value.

    Left out (drawn as a space instead), each for a reason outside the reader:
    whitespace (readers see gaps, not space characters: not accounted anyway); C0/C1
    controls and format characters (category Cc/Cf: zero-width, bidi controls, BOM; no
    glyph, PDF text extractors drop them); U+FFFD (both backends' "no Unicode mapping"
    marker, dropped with a warning); unassigned/noncharacters and surrogates;
    combining marks (drawn as their own 1-em glyph they are no longer attached to a base
    character, and NFC of the extracted text differs from NFC of the source).
    """
    if ch.isspace() or ch == "\ufffd":
        return False
    cat = unicodedata.category(ch)
    return cat[0] not in "CM"


def drawn_text(line: str) -> str:
    """``line`` as a generated PDF draws it (NFC, undrawable characters as spaces)."""
    return "".join(ch if drawable(ch) else " " for ch in unicodedata.normalize("NFC", line))


def _literal(raw: bytes) -> bytes:
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)").replace(b"\r", b"\\r") + b")"


def _runs(line: str) -> list[tuple[bool, str]]:
    """``line`` split into (is_cid, text) runs; spaces join the run they follow."""
    runs: list[tuple[bool, str]] = []
    for ch in line:
        cid = ch != " " and _winansi(ch) is None
        if runs and (runs[-1][0] == cid or ch == " "):
            runs[-1] = (runs[-1][0], runs[-1][1] + ch)
        else:
            runs.append((cid, ch))
    return runs


def text_pdf(lines: Sequence[str], rng: random.Random) -> tuple[bytes, list[str]]:
    """A one-page PDF drawing ``lines`` top-down; returns it and the lines as drawn."""
    drawn = [drawn_text(x).strip() for x in lines]
    cids: dict[str, int] = {}
    ops = [b"BT", b"%g TL 36 %g Td" % (LEADING, 20 + LEADING * (len(drawn) + 1))]
    for line in drawn:
        new_line = b"T*"
        for k, (is_cid, text) in enumerate(_runs(line)):
            if is_cid:
                ops.append(b"/%s %g Tf" % (CID_FONT.encode(), SIZE))
                codes = [cids.setdefault(ch, len(cids) + 1) if ch != " " else 0 for ch in text]
                raw = b"".join(c.to_bytes(2, "big") for c in codes)
                pieces = [raw[i:i + 2] for i in range(0, len(raw), 2)]
            else:
                name = rng.choice(SIMPLE_FONTS)[0]
                ops.append(b"/%s %g Tf" % (name.encode(), SIZE))
                raw = b"".join(_winansi(ch) or b" " for ch in text)
                pieces = [raw[i:i + 1] for i in range(len(raw))]
            how = rng.random()
            if k == 0 and how < 0.3:
                ops.append(_literal(raw) + b" '")  # move to the next line and show
                new_line = b""
                continue
            if k == 0:
                ops.append(new_line)
            if how < 0.6 or len(pieces) < 2:
                ops.append(_literal(raw) + b" Tj")
            else:
                # TJ: the string cut at random points, small kerning between the pieces
                # (-250..+60 thousandths of an em: a word gap at most, never an overlap)
                arr = []
                i = 0
                while i < len(pieces):
                    j = min(len(pieces), i + rng.randint(1, 4))
                    arr.append(_literal(b"".join(pieces[i:j])))
                    if j < len(pieces):
                        arr.append(b"%d" % rng.randint(-250, 60))
                    i = j
                ops.append(b"[" + b" ".join(arr) + b"] TJ")
        if not line:
            ops.append(b"T*")
    ops.append(b"ET")
    return _pdf(b"\n".join(ops), cids), drawn


def _tounicode(cids: dict[str, int]) -> bytes:
    rows = [b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap",
            b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
            b"/CMapName /LK-UCS def /CMapType 2 def",
            b"1 begincodespacerange <0000> <FFFF> endcodespacerange",
            b"1 beginbfchar <0000> <0020> endbfchar"]
    items = sorted(cids.items(), key=lambda kv: kv[1])
    for start in range(0, len(items), 100):  # at most 100 entries per block
        chunk = items[start:start + 100]
        rows.append(b"%d beginbfchar" % len(chunk))
        rows += [b"<%04X> <%s>" % (code, ch.encode("utf-16-be").hex().upper().encode()) for ch, code in chunk]
        rows.append(b"endbfchar")
    rows.append(b"endcmap CMapName currentdict /CMap defineresource pop end end")
    return b"\n".join(rows)


def _pdf(content: bytes, cids: dict[str, int]) -> bytes:
    """Objects: 1 catalog, 2 pages, 3 page, 4 content, 5.. simple fonts, then the Type0
    font, its CIDFont, descriptor and ToUnicode stream."""
    objs: list[bytes] = []
    n_simple = len(SIMPLE_FONTS)
    first_font = 5
    type0 = first_font + n_simple
    fonts = " ".join(f"/{name} {first_font + i} 0 R" for i, (name, _) in enumerate(SIMPLE_FONTS))
    fonts += f" /{CID_FONT} {type0} 0 R"
    objs.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objs.append(b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
    objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 %d] /Resources << /Font << %s >> >> "
                b"/Contents 4 0 R >>" % (max(792, int(LEADING * (content.count(b"\n") + 4))), fonts.encode()))
    objs.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    for _, base in SIMPLE_FONTS:
        objs.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /%s /Encoding /WinAnsiEncoding >>" % base.encode())
    objs.append(b"<< /Type /Font /Subtype /Type0 /BaseFont /LKCID /Encoding /Identity-H "
                b"/DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>" % (type0 + 1, type0 + 3))
    objs.append(b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /LKCID /CIDSystemInfo << /Registry (Adobe) "
                b"/Ordering (Identity) /Supplement 0 >> /FontDescriptor %d 0 R /DW 1000 /CIDToGIDMap %d 0 R >>"
                % (type0 + 2, type0 + 4))
    objs.append(b"<< /Type /FontDescriptor /FontName /LKCID /Flags 4 /FontBBox [0 -200 1000 800] /ItalicAngle 0 "
                b"/Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 >>")
    cmap = _tounicode(cids)
    objs.append(b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream")
    gids = GLYPH.to_bytes(2, "big") * (len(cids) + 1)
    objs.append(b"<< /Length %d >>\nstream\n" % len(gids) + gids + b"\nendstream")
    return write_pdf(objs, b"/Root 1 0 R", header=b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
