"""Text reader: bytes -> str (encoding sniffing) -> ``Line`` objects.

Encoding detection, in order (first that applies wins):

1. a byte-order mark: UTF-8, UTF-16 LE/BE, UTF-32 LE/BE;
2. binary check: NUL bytes or many C0 control bytes mean the file is not text
   (UTF-16 without a BOM is recognised by its NUL pattern first);
3. strict UTF-8;
4. the CJK legacy encodings GB18030 (a superset of GBK/GB2312) and Big5: each is tried
   strictly and the one whose decoded text has the higher share of common CJK characters
   wins;
5. cp1252 (Windows Latin-1) as the last resort for European text; Latin-1 bytes that
   cp1252 leaves undefined fall back to ISO-8859-1.

Normalization is NFC only. NFKC is deliberately not used: it would turn full-width CJK
punctuation (，。：) into ASCII and change the text users see.
"""
from __future__ import annotations

import codecs
import hashlib
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterator, Optional, Sequence

from ..errors import EncodingError, InputError
from ..model import Line, Source
from . import ReadPage, register

if TYPE_CHECKING:
    from ..params import Params

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
#: C0 controls that plain text legitimately contains: tab, LF, VT, FF, CR, ESC is not one.
_TEXT_CONTROLS = frozenset(b"\t\n\x0b\x0c\r")
_CONTROL_BYTES = bytes(b for b in range(32) if b not in _TEXT_CONTROLS)
#: Characters removed while splitting lines (documented removals): carriage returns are
#: line ends, form feeds and vertical tabs are page/box separators, NUL is never text.
_LINE_BREAKS = ("\r\n", "\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029")


@dataclass(frozen=True, slots=True)
class DecodedText:
    text: str
    encoding: str


def _common_cjk_share(text: str) -> float:
    """Share of characters in the CJK Unified Ideographs core block or CJK punctuation.

    A wrong legacy decoding (Big5 bytes read as GB18030 or the reverse) lands in rare
    ideographs, private-use or compatibility areas far more often than the right one.
    """
    if not text:
        return 0.0
    good = 0
    for ch in text:
        o = ord(ch)
        if ch.isascii() or 0x4E00 <= o <= 0x9FA5 or 0x3000 <= o <= 0x303F or 0xFF00 <= o <= 0xFFEF \
                or 0x2010 <= o <= 0x206F:
            good += 1
    return good / len(text)


def _looks_utf16(data: bytes) -> Optional[str]:
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even = sample[0::2]
    odd = sample[1::2]
    zeros_even = even.count(0) / len(even)
    zeros_odd = odd.count(0) / len(odd)
    if zeros_odd > 0.3 and zeros_even < 0.05:
        return "utf-16-le"
    if zeros_even > 0.3 and zeros_odd < 0.05:
        return "utf-16-be"
    return None


def decode_bytes(data: bytes, *, path: Optional[str] = None, encoding: Optional[str] = None) -> DecodedText:
    """Decode ``data`` to text, sniffing the encoding unless ``encoding`` is given.

    Raises ``EncodingError`` for binary data or bytes no supported encoding decodes.
    """
    if encoding:
        try:
            return DecodedText(data.decode(encoding), encoding)
        except (UnicodeDecodeError, LookupError) as exc:
            raise EncodingError(f"cannot decode as {encoding}: {exc}", path=path) from None
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return DecodedText(data[len(bom):].decode(name), name + "-bom" if name == "utf-8" else name)
            except UnicodeDecodeError as exc:
                raise EncodingError(f"byte-order mark says {name} but the bytes are not ({exc.reason} at byte {exc.start})",
                                    path=path) from None
    utf16 = _looks_utf16(data)
    if utf16:
        try:
            return DecodedText(data.decode(utf16), utf16)
        except UnicodeDecodeError:
            pass
    sample = data[:65536]
    if b"\x00" in sample:
        raise EncodingError("binary file (NUL bytes), not text", path=path)
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if sample and controls / len(sample) > 0.05:
        raise EncodingError("binary file (control bytes), not text", path=path)
    try:
        return DecodedText(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    candidates = []
    for name in ("gb18030", "big5"):
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        candidates.append((_common_cjk_share(text), name == "gb18030", name, text))
    if candidates:
        share, _, name, text = max(candidates)
        if share > 0.7:
            return DecodedText(text, name)
    try:
        return DecodedText(data.decode("cp1252"), "cp1252")
    except UnicodeDecodeError:
        return DecodedText(data.decode("latin-1"), "latin-1")


def normalize_text(text: str) -> str:
    """NFC, and nothing that changes what a reader sees (see the module docstring)."""
    return unicodedata.normalize("NFC", text)


def split_lines(text: str) -> list[str]:
    """Split on every line-break convention (LF, CRLF, CR, FF, VT, U+2028, ...).

    A trailing line break does not make an extra empty line.
    """
    for sep in _LINE_BREAKS:
        if sep in text:
            text = text.replace(sep, "\n")
    if "\x00" in text:
        text = text.replace("\x00", "")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def read_lines(text: str, *, max_lines: Optional[int] = None, path: Optional[str] = None) -> list[Line]:
    """Turn page text into ``Line`` objects numbered from 1, blank lines included.

    Tabs become spaces (a tab in extracted text is a gap, never content); trailing
    whitespace is dropped; leading whitespace is kept because indents carry paragraph starts.
    """
    raw = split_lines(normalize_text(text))
    if max_lines is not None and len(raw) > max_lines:
        from ..errors import LimitExceededError

        raise LimitExceededError(f"{len(raw)} lines, more than the limit of {max_lines}", path=path)
    return [Line(text=s.replace("\t", " ").rstrip(), number=i) for i, s in enumerate(raw, start=1)]


@register("text")
def read_text_pages(path: Optional[str], data: bytes, params: "Params", pages: Optional[Sequence[int]] = None
                    ) -> Iterator[ReadPage]:
    """The text reader. A form feed separates pages (pdftotext and pdfminer end every
    page with one); pages with no text are skipped but keep their number. Line numbers
    count from the start of the file, so a block's ``lines`` point into the file."""
    if not data.strip():
        raise InputError("empty input", path=path)
    decoded = decode_bytes(data, path=path, encoding=params.read.encoding)
    text = normalize_text(decoded.text)
    digest = hashlib.sha256(data).hexdigest()
    chunks = text.split("\x0c")
    found: list[tuple[int, int, list[Line]]] = []
    offset = 0
    for number, chunk in enumerate(chunks, start=1):
        lines = read_lines(chunk, max_lines=params.read.max_lines, path=path)
        if any(not line.is_blank for line in lines):
            found.append((number, offset, lines))
        offset += chunk.count("\n")
    if not found:
        raise InputError("no text (only whitespace)", path=path)
    multi = len(found) > 1
    for number, offset, lines in found:
        if pages is not None and number not in pages:
            continue
        shifted = tuple(Line(text=ln.text, number=ln.number + offset, page=number) for ln in lines)
        source = Source(format="text", path=path, sha256=digest, encoding=decoded.encoding,
                        page=number if multi else None)
        yield ReadPage(lines=shifted, source=source)
