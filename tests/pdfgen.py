"""A tiny PDF writer for tests: text in the base-14 Helvetica font at given positions,
optionally in a shuffled drawing order, plus rectangles. No dependency beyond Python.

Coordinates given here are top-left based (like layoutkit's); the writer flips them.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Optional, Sequence


@dataclass(frozen=True)
class Text:
    x: float
    top: float
    text: str
    size: float = 10.0
    bold: bool = False
    #: set in Times-Roman (another typeface) instead of Helvetica
    serif: bool = False


def _esc(s: str) -> str:
    return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def make_pdf(pages: Sequence[Sequence[Text]], *, width: float = 612, height: float = 792,
             shuffle: Optional[int] = None, rects: Sequence[tuple[float, float, float, float]] = (),
             encrypt: bool = False, images: Sequence[tuple[float, float, float, float]] = (),
             paths: Sequence[Sequence[tuple[float, float, float, float]]] = ()) -> bytes:
    """A PDF whose pages draw ``pages``' texts (shuffled with seed ``shuffle``), the
    outlines of ``rects``, of each group of ``paths`` (drawn as one path of several
    rectangles) and a grey one-pixel image stretched over each of ``images`` (boxes x0,
    top, x1, bottom) on every page."""
    objs: list[bytes] = []

    def add(body: bytes) -> int:
        objs.append(body)
        return len(objs)

    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    bold = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>")
    # the serif font and the image only when used: the fixtures' bytes stay as generated before
    extra = ""
    if images or any(t.serif for items in pages for t in items):
        serif = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman /Encoding /WinAnsiEncoding >>")
        pixel = add(b"<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray "
                    b"/BitsPerComponent 8 /Length 1 >>\nstream\n\x80\nendstream")
        extra = f" /F3 {serif} 0 R"
        xobjects = f" /XObject << /Im1 {pixel} 0 R >>"
    else:
        xobjects = ""
    pages_id = len(objs) + 1 + 2 * len(pages)
    kids = []
    for items in pages:
        items = list(items)
        if shuffle is not None:
            random.Random(shuffle).shuffle(items)
        ops = []
        for x0, top, x1, bottom in rects:
            ops.append(f"{x0:.2f} {height - bottom:.2f} {x1 - x0:.2f} {bottom - top:.2f} re S")
        for boxes in paths:  # several rectangles as the subpaths of one path
            ops.append(" ".join(f"{x0:.2f} {height - bottom:.2f} {x1 - x0:.2f} {bottom - top:.2f} re"
                                for x0, top, x1, bottom in boxes) + " S")
        for x0, top, x1, bottom in images:
            ops.append(f"q {x1 - x0:.2f} 0 0 {bottom - top:.2f} {x0:.2f} {height - bottom:.2f} cm /Im1 Do Q")
        for t in items:
            baseline = height - t.top - 0.8 * t.size
            f = "F3" if t.serif else "F2" if t.bold else "F1"
            ops.append(f"BT /{f} {t.size:g} Tf {t.x:.2f} {baseline:.2f} Td ({_esc(t.text)}) Tj ET")
        stream = "\n".join(ops).encode("latin-1")
        content = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        kids.append(add(("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %g %g] /Contents %d 0 R "
                         "/Resources << /Font << /F1 %d 0 R /F2 %d 0 R%s >>%s >> >>"
                         % (pages_id, width, height, content, font, bold, extra, xobjects)).encode()))
    add(("<< /Type /Pages /Kids [%s] /Count %d >>" % (" ".join(f"{k} 0 R" for k in kids), len(kids))).encode())
    assert len(objs) == pages_id
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    encrypt_id = None
    if encrypt:
        encrypt_id = add(b"<< /Filter /Standard /V 1 /R 2 /Length 40 /P -44 "
                         b"/O <" + b"ab" * 32 + b"> /U <" + b"cd" * 32 + b"> >>")
    trailer = b"/Root %d 0 R" % catalog
    if encrypt_id:
        trailer += b" /Encrypt %d 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>]" \
            % encrypt_id
    return write_pdf(objs, trailer)


def write_pdf(objs: Sequence[bytes], trailer: bytes, header: bytes = b"%PDF-1.4\n") -> bytes:
    """A PDF file from its numbered object bodies (object i+1 is ``objs[i]``): the objects,
    the cross-reference table and a trailer holding ``/Size`` and ``trailer``."""
    out = bytearray(header)
    offsets = []
    for i, body in enumerate(objs, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d " % (len(objs) + 1) + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


LOREM = ("The council met on Monday to discuss the new budget for the coming year and the plans for "
         "the harbour, which several members described as long overdue. After a short debate the "
         "proposal was adopted by a large majority and the work will begin in the spring. Residents "
         "who spoke at the meeting welcomed the decision but asked for regular reports on the costs "
         "and the timetable of the project.").split()


def column_lines(words: Sequence[str], x: float, top: float, width: float, size: float = 10.0,
                 indent_first: bool = True) -> list[Text]:
    """Greedy-wrapped lines of Helvetica text (average char width ~0.5 em)."""
    per_line = int(width / (0.5 * size))
    lines: list[Text] = []
    cur = ""
    y = top
    first = True
    for w in words:
        room = per_line - (3 if first and indent_first else 0)
        if cur and len(cur) + 1 + len(w) > room:
            lines.append(Text(x + (1.5 * size if first and indent_first else 0), y, cur, size))
            y += 1.2 * size
            cur = w
            first = False
        else:
            cur = f"{cur} {w}" if cur else w
    if cur:
        lines.append(Text(x + (1.5 * size if first and indent_first else 0), y, cur, size))
    return lines


def two_column_page(shuffle: Optional[int] = None) -> bytes:
    """A headline across two columns, a byline, and two columns of body text."""
    items = [Text(60, 60, "Harbour plan approved after long debate", 24, bold=True),
             Text(60, 96, "By JANE SMITH", 9, bold=True)]
    items += column_lines(LOREM, 60, 120, 230)
    items += column_lines(LOREM[::-1], 320, 120, 230)
    return make_pdf([items], shuffle=shuffle)
