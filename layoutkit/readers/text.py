"""Text reader: bytes -> str (encoding sniffing) -> ``Line`` objects.

Encoding detection, in order (first that applies wins):

1. a byte-order mark: UTF-8, UTF-16 LE/BE, UTF-32 LE/BE;
2. binary check: NUL bytes or many C0 control bytes mean the file is not text
   (UTF-16 without a BOM is recognised by its NUL pattern first);
3. strict UTF-8;
3b. mostly UTF-8 with stray bytes (a Latin-1 ``é`` pasted into a UTF-8 file, one corrupt
   byte): when valid multi-byte UTF-8 characters outnumber the invalid bytes, the text is
   UTF-8 and each invalid byte is decoded on its own as cp1252 (ISO-8859-1 where cp1252
   has a hole), with a warning; nothing is dropped and the rest is not turned to mojibake;
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
from ..model import Line, Source, text_lines
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
    warnings: tuple[str, ...] = ()


def _byte_as_cp1252(b: int) -> str:
    try:
        return bytes([b]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(b)  # ISO-8859-1: the C1 control with the same number


def _mostly_utf8(data: bytes) -> Optional[DecodedText]:
    """UTF-8 with a few invalid bytes, each decoded as cp1252 (see the module docstring)."""
    parts: list[str] = []
    bad = 0
    pos = 0
    while pos < len(data):
        try:
            parts.append(data[pos:].decode("utf-8"))
            break
        except UnicodeDecodeError as exc:
            start = pos + exc.start
            parts.append(data[pos:start].decode("utf-8"))
            # exc.end - exc.start bytes are invalid; take them one at a time
            parts.append(_byte_as_cp1252(data[start]))
            bad += 1
            pos = start + 1
    text = "".join(parts)
    multibyte = sum(1 for ch in text if ord(ch) > 0x7F) - bad
    if bad == 0 or multibyte <= bad:
        return None
    return DecodedText(text, "utf-8+cp1252",
                       (f"{bad} byte(s) are not valid UTF-8 and were decoded one by one as cp1252",))


def _common_cjk_share(text: str, encoding: str) -> float:
    """Share of the non-ASCII characters that are common CJK characters or punctuation,
    encoded in the encoding's core plane (GB2312's A1-FE x A1-FE rows for GB18030,
    Big5's frequently-used A440-C67E area and its A1-A3 symbols).

    A wrong legacy decoding (Big5 bytes read as GB18030 or the reverse) lands in rare
    ideographs, private-use or compatibility areas far more often than the right one.
    ASCII is not counted: Latin-1 text (``Grüße aus Köln``) is mostly ASCII, and its few
    high bytes, each followed by an ASCII letter, decode as rare two-byte characters.
    """
    good = total = 0
    for ch in text:
        o = ord(ch)
        if o < 0x80:
            continue
        total += 1
        if not (0x4E00 <= o <= 0x9FA5 or 0x3000 <= o <= 0x303F or 0xFF00 <= o <= 0xFFEF or 0x2010 <= o <= 0x206F):
            continue
        b = ch.encode(encoding)
        if len(b) != 2:
            continue
        if encoding == "gb18030" and b[0] >= 0xA1 and b[1] >= 0xA1:
            good += 1
        elif encoding == "big5" and 0xA1 <= b[0] <= 0xC6:
            good += 1
    return good / total if total else 0.0


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
    mixed = _mostly_utf8(data)
    if mixed is not None:
        return mixed
    candidates = []
    for name in ("gb18030", "big5"):
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        candidates.append((_common_cjk_share(text, name), name == "gb18030", name, text))
    if candidates:
        share, _, name, text = max(candidates)
        if share > 0.7:
            return DecodedText(text, name)
    try:
        return DecodedText(data.decode("cp1252"), "cp1252")
    except UnicodeDecodeError:
        return DecodedText(data.decode("latin-1"), "latin-1")


def text_from_str(text: str, *, path: Optional[str] = None, encoding: Optional[str] = None) -> DecodedText:
    """Text handed over as ``str`` (``parse_text``), made safe to serialize.

    A ``str`` read with ``errors="surrogateescape"`` (file names, ``os.fsdecode``, text
    read by tools that keep undecodable bytes) carries each undecodable byte as a lone
    surrogate U+DC80..U+DCFF. Such text is turned back into its bytes and decoded like a
    file, so nothing is lost and no lone surrogate reaches the JSON (it could not be
    written as UTF-8). Any other lone surrogate is not text: ``EncodingError``.
    """
    try:
        text.encode("utf-8")  # fails only on a surrogate: the one check, at C speed
        return DecodedText(text, encoding or "str")
    except UnicodeEncodeError:
        pass
    try:
        data = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError as exc:
        raise EncodingError(f"lone surrogate U+{ord(text[exc.start]):04X} at character {exc.start} is not text",
                            path=path) from None
    return decode_bytes(data, path=path)


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


def read_lines(text: str, *, max_lines: Optional[int] = None, path: Optional[str] = None,
               first: int = 1, page: int = 1, normalized: bool = False) -> list[Line]:
    """Turn page text into ``Line`` objects numbered from ``first`` (1), blank lines included,
    on page ``page`` (1). ``normalized``: the text is NFC already (``normalize_text``).

    Tabs become spaces (a tab in extracted text is a gap, never content); trailing
    whitespace is dropped; leading whitespace is kept because indents carry paragraph starts.
    """
    if not normalized:
        text = normalize_text(text)
    if "\t" in text:  # (a tab is never a line break: replaced on the whole page at once)
        text = text.replace("\t", " ")
    raw = split_lines(text)
    if max_lines is not None and len(raw) > max_lines:
        from ..errors import LimitExceededError

        raise LimitExceededError(f"{len(raw)} lines, more than the limit of {max_lines}", path=path)
    # one Line per line of the input, the page's built together (``text_lines``)
    return text_lines(list(map(str.rstrip, raw)), first, page)


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
    found: list[tuple[int, list[Line]]] = []
    offset = 0
    for number, chunk in enumerate(chunks, start=1):
        # numbered from the start of the file and on their page: each Line is built once
        # (a piece of NFC text cut at a form feed is NFC: a form feed is a starter that
        # composes with nothing, so normalization never looks across it)
        lines = read_lines(chunk, max_lines=params.read.max_lines, path=path, first=offset + 1, page=number,
                           normalized=True)
        if any(not line.is_blank for line in lines):
            found.append((number, lines))
        offset += chunk.count("\n")
    if not found:
        raise InputError("no text (only whitespace)", path=path)
    multi = len(found) > 1
    for number, lines in found:
        if pages is not None and number not in pages:
            continue
        source = Source(format="text", path=path, sha256=digest, encoding=decoded.encoding,
                        page=number if multi else None)
        yield ReadPage(lines=tuple(lines), source=source, warnings=decoded.warnings)
