"""Tiny PDF writer for tests and benchmarks: text pages, empty (image-only) pages, zero
pages, RC4-encrypted files, written streamed so a 2,000-page file costs no memory.

Only what the reliability tests need: Helvetica text in WinAnsi (Latin-1) strings, one
content stream per page, a correct cross-reference table. Not a general PDF library.
"""
from __future__ import annotations

import hashlib
import io
from pathlib import Path
from typing import BinaryIO, Callable, Iterable, Optional

_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def _rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def _escape(text: str) -> bytes:
    raw = text.encode("latin-1", "replace")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def page_content(lines: Iterable[str], *, size: float = 10.0) -> bytes:
    """A content stream drawing ``lines`` top-down in Helvetica."""
    out = [b"BT", f"/F1 {size:g} Tf {size * 1.2:g} TL 72 760 Td".encode()]
    for line in lines:
        out.append(b"(" + _escape(line) + b") '")
    out.append(b"ET")
    return b"\n".join(out)


def image_only_content() -> bytes:
    """A page with a filled rectangle and an inline 2x2 grey image but no text."""
    return b"0.5 g 72 600 200 100 re f\nq 100 0 0 100 72 400 cm\nBI /W 2 /H 2 /CS /G /BPC 8 ID \x00\xff\xff\x00\nEI Q"


def write_pdf(fh: BinaryIO, n_pages: int, content: Callable[[int], bytes], *,
              user_password: Optional[str] = None) -> None:
    """Write a PDF of ``n_pages`` pages; ``content(i)`` gives page i's stream (0-based).

    Objects: 1 catalog, 2 pages tree, 3 font, then per page a page object and its
    content stream. With ``user_password`` the file is encrypted (standard security
    handler, RC4 40-bit, revision 2), so it cannot be opened without the password.
    """
    offsets: list[int] = []
    pos = 0

    def emit(b: bytes) -> None:
        nonlocal pos
        fh.write(b)
        pos += len(b)

    file_id = hashlib.md5(f"layoutkit-test-{n_pages}".encode()).digest()
    key = None
    encrypt_obj = None
    if user_password is not None:
        # A non-empty owner password too: with an empty one, readers recover the user
        # password from /O and open the file anyway.
        owner = ((user_password + "-owner").encode("latin-1") + _PAD)[:32]
        upw = (user_password.encode("latin-1") + _PAD)[:32]
        o_value = _rc4(hashlib.md5(owner).digest()[:5], upw)
        p_value = -44  # print + copy allowed, the rest not: any value works
        key = hashlib.md5(upw + o_value + p_value.to_bytes(4, "little", signed=True) + file_id).digest()[:5]
        u_value = _rc4(key, _PAD)
        encrypt_obj = (b"<< /Filter /Standard /V 1 /R 2 /O <" + o_value.hex().encode() + b"> /U <"
                       + u_value.hex().encode() + b"> /P " + str(p_value).encode() + b" >>")

    def crypt(num: int, data: bytes) -> bytes:
        if key is None:
            return data
        k = hashlib.md5(key + num.to_bytes(3, "little") + (0).to_bytes(2, "little")).digest()[:10]
        return _rc4(k, data)

    def obj(num: int, body: bytes) -> None:
        offsets.append(pos)
        emit(f"{num} 0 obj\n".encode() + body + b"\nendobj\n")

    emit(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    first_page = 4
    kids = " ".join(f"{first_page + 2 * i} 0 R" for i in range(n_pages))
    obj(1, b"<< /Type /Catalog /Pages 2 0 R >>")
    obj(2, f"<< /Type /Pages /Kids [{kids}] /Count {n_pages} >>".encode())
    obj(3, b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    for i in range(n_pages):
        num = first_page + 2 * i
        obj(num, f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> "
                 f"/Contents {num + 1} 0 R >>".encode())
        stream = crypt(num + 1, content(i))
        obj(num + 1, f"<< /Length {len(stream)} >>\nstream\n".encode() + stream + b"\nendstream")
    n_objects = first_page + 2 * n_pages
    if encrypt_obj is not None:
        obj(n_objects, encrypt_obj)
        n_objects += 1
    xref = pos
    emit(f"xref\n0 {n_objects}\n0000000000 65535 f \n".encode())
    for off in offsets:
        emit(f"{off:010d} 00000 n \n".encode())
    trailer = f"<< /Size {n_objects} /Root 1 0 R /ID [<{file_id.hex()}> <{file_id.hex()}>]".encode()
    if encrypt_obj is not None:
        trailer += f" /Encrypt {n_objects - 1} 0 R".encode()
    emit(b"trailer\n" + trailer + b" >>\nstartxref\n" + str(xref).encode() + b"\n%%EOF\n")


def text_page(i: int) -> bytes:
    """Page ``i`` of a generated newspaper-like file: a headline and a body column."""
    body = [f"Page {i + 1} body line {k}: the council met on Tuesday and agreed the budget." for k in range(40)]
    return page_content([f"HEADLINE OF PAGE {i + 1}", ""] + body)


def pdf_bytes(n_pages: int, content: Callable[[int], bytes] = text_page, **kw) -> bytes:
    buf = io.BytesIO()
    write_pdf(buf, n_pages, content, **kw)
    return buf.getvalue()


def pdf_file(path: Path, n_pages: int, content: Callable[[int], bytes] = text_page, **kw) -> Path:
    with open(path, "wb") as fh:
        write_pdf(fh, n_pages, content, **kw)
    return path
