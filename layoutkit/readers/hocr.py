"""hOCR reader (Tesseract and other engines' HTML): ``ocr_page`` -> one ``ReadPage`` each.

hOCR is HTML, not always well-formed XML, so it is read with the standard library's
``html.parser``: a tokenizer that never expands custom entities, loads DTDs or touches the
network, which makes it safe on untrusted input without extra defenses.

* ``ocr_carea`` / ``ocr_par`` (the innermost one) -> ``Line.region``;
* ``ocr_line``, ``ocr_header``, ``ocr_caption``, ``ocr_textfloat`` -> one ``Line``; its
  class other than ``ocr_line`` becomes ``region_type`` (a hint for ``hints``);
* ``ocrx_word`` texts joined by spaces; ``bbox`` (pixels) from the ``title`` property,
  ``x_wconf`` (0-100) -> ``confidence``, ``x_size`` -> ``font_size`` (pixels).
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import TYPE_CHECKING, Iterator, Optional, Sequence

from ..errors import InputError, LimitExceededError
from ..model import BBox, Line, Source
from . import ReadPage, register

if TYPE_CHECKING:
    from ..params import Params

_LINE_CLASSES = ("ocr_line", "ocr_header", "ocr_caption", "ocr_textfloat")
_AREA_CLASSES = ("ocr_carea", "ocr_par")
_VOID = frozenset({"br", "img", "meta", "link", "hr", "input", "area", "base", "col", "embed", "source", "wbr"})
_BBOX = re.compile(r"\bbbox\s+(-?\d+(?:\.\d+)?)\s+(-?\d+(?:\.\d+)?)\s+(-?\d+(?:\.\d+)?)\s+(-?\d+(?:\.\d+)?)")
_PROP = re.compile(r"\b(x_wconf|x_size)\s+(-?\d+(?:\.\d+)?)")


def _props(title: str) -> tuple[Optional[BBox], dict[str, float]]:
    m = _BBOX.search(title)
    box = None
    if m:
        x0, y0, x1, y1 = (float(v) for v in m.groups())
        box = BBox(min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))
    return box, {k: float(v) for k, v in _PROP.findall(title)}


@dataclass
class _OpenLine:
    kind: str
    bbox: Optional[BBox]
    size: Optional[float]
    words: list[str] = field(default_factory=list)
    confs: list[float] = field(default_factory=list)
    word_depth: Optional[int] = None
    text: list[str] = field(default_factory=list)


@dataclass
class _Page:
    bbox: Optional[BBox]
    lines: list[Line] = field(default_factory=list)


class _Hocr(HTMLParser):
    def __init__(self, max_lines: int, path: Optional[str]):
        super().__init__(convert_charrefs=True)
        self.pages: list[_Page] = []
        self.stack: list[tuple[str, str]] = []  # (tag, hocr class)
        self.areas: list[tuple[int, str]] = []  # (depth, id)
        self.line: Optional[_OpenLine] = None
        self.line_depth = 0
        self.max_lines = max_lines
        self.path = path
        self.count = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, Optional[str]]]) -> None:
        if tag in _VOID:
            return
        a = {k: v or "" for k, v in attrs}
        classes = a.get("class", "").split()
        kind = next((c for c in classes if c.startswith("ocr")), "")
        depth = len(self.stack)
        self.stack.append((tag, kind))
        title = a.get("title", "")
        if kind == "ocr_page":
            self.pages.append(_Page(_props(title)[0]))
        elif kind in _AREA_CLASSES:
            self.areas.append((depth, a.get("id") or f"{kind}{len(self.areas) + 1}"))
        elif kind in _LINE_CLASSES and self.line is None:
            box, props = _props(title)
            self.line = _OpenLine(kind, box, props.get("x_size"))
            self.line_depth = depth
        elif kind == "ocrx_word" and self.line is not None:
            _, props = _props(title)
            if "x_wconf" in props:
                self.line.confs.append(props["x_wconf"] / 100.0)
            self.line.word_depth = depth
            self.line.text = []

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID or not self.stack:
            return
        # close up to the matching open tag (HTML may omit end tags)
        while self.stack:
            depth = len(self.stack) - 1
            open_tag, _ = self.stack.pop()
            self._closed(depth)
            if open_tag == tag:
                break

    def _closed(self, depth: int) -> None:
        line = self.line
        if line is not None and line.word_depth == depth:
            word = "".join(line.text).strip()
            if word:
                line.words.append(" ".join(word.split()))
            line.word_depth = None
        if line is not None and depth == self.line_depth:
            self._emit(line)
            self.line = None
        while self.areas and self.areas[-1][0] >= depth:
            self.areas.pop()

    def handle_data(self, data: str) -> None:
        if self.line is not None and self.line.word_depth is not None:
            self.line.text.append(data)

    def _emit(self, line: _OpenLine) -> None:
        text = " ".join(line.words)
        if not text or not self.pages:
            return
        self.count += 1
        if self.count > self.max_lines:
            raise LimitExceededError(f"more than {self.max_lines} text lines", path=self.path)
        page = self.pages[-1]
        region = self.areas[-1][1] if self.areas else None
        page.lines.append(Line(
            text=text, number=len(page.lines) + 1, bbox=line.bbox, font_size=line.size, region=region,
            region_type=line.kind if line.kind != "ocr_line" else None,
            confidence=round(sum(line.confs) / len(line.confs), 4) if line.confs else None,
            page=len(self.pages)))


@register("hocr")
def read_hocr(path: Optional[str], data: bytes, params: "Params", pages: Optional[Sequence[int]] = None
              ) -> Iterator[ReadPage]:
    """One ``ReadPage`` per ``ocr_page``."""
    from .text import decode_bytes

    text = decode_bytes(data, path=path).text
    parser = _Hocr(params.read.max_lines, path)
    try:
        parser.feed(text)
        parser.close()
    except AssertionError as exc:
        # html.parser asserts on some malformed declarations (``<![OCTYPE``): malformed
        # input, not a crash (fuzzer find).
        detail = str(exc).splitlines()[0] if str(exc) else "bad markup"
        raise InputError(f"malformed hOCR: {detail}", path=path) from None
    if not parser.pages:
        raise InputError("hOCR without an ocr_page element", path=path)
    digest = hashlib.sha256(data).hexdigest()
    keep_hints = not params.read.ignore_input_structure
    many = len(parser.pages) > 1
    for n, page in enumerate(parser.pages, start=1):
        if pages is not None and n not in pages:
            continue
        lines = page.lines if keep_hints else [_no_hint(ln) for ln in page.lines]
        box = page.bbox
        source = Source(format="hocr", path=path, sha256=digest, page=n if many else None, unit="pixel",
                        width=box.width if box else None, height=box.height if box else None)
        yield ReadPage(lines=tuple(lines), source=source, warnings=() if lines else (f"page {n} has no text lines",))


def _no_hint(line: Line) -> Line:
    from dataclasses import replace

    return replace(line, region_type=None)
