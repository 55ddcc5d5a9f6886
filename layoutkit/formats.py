"""Input format sniffing: by content first, extension second.

A PDF starts with ``%PDF-``; XML is recognised by its root element (ALTO ``<alto``,
PAGE ``<PcGts``, hOCR an HTML page with ``ocr_page``); everything else is text. The
extension decides only when the content is ambiguous, so a misnamed file still works.
"""
from __future__ import annotations

from typing import Optional

import regex

FORMATS = ("text", "pdf", "alto", "page", "hocr")

_ROOT = regex.compile(rb"<\s*(?:[\w.-]+:)?(alto|PcGts|html)\b", regex.IGNORECASE)


def sniff_format(head: bytes, path: Optional[str] = None) -> str:
    """The format of an input from its first bytes (and path as a hint)."""
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"%PDF-") or b"%PDF-" in head[:1024]:
        return "pdf"
    if stripped.startswith(b"<"):
        m = _ROOT.search(head[:8192])
        if m:
            root = m.group(1).lower()
            if root == b"alto":
                return "alto"
            if root == b"pcgts":
                return "page"
            if b"ocr_page" in head or b"ocr_line" in head or b"ocrx_word" in head:
                return "hocr"
    lower = (path or "").lower()
    if lower.endswith(".pdf"):
        return "pdf"
    return "text"
