"""How text and block types are compared: the normalizations every metric shares.

Characters are compared after NFKC (full-width forms, ligatures and compatibility
characters fold to one spelling) with all whitespace removed ("squeezed"), so neither side's
line breaks, spacing or block splits matter for matching. For edit distance (``text_sim``)
spaces are kept but collapsed, and dropped where they touch a CJK character, because CJK
text has no word spaces and extractors insert them at random.

Block types are lower-cased and folded to the schema's names through ``TYPE_ALIASES`` so
ground truth from other tools (``paragraph``, ``page_header``, ``crosshead``...) compares.
"""
from __future__ import annotations

import unicodedata

#: The block types of the output schema (``docs/page.schema.json``).
SCHEMA_TYPES: frozenset[str] = frozenset({
    "headline", "subheadline", "byline", "dateline", "body", "intertitle", "caption", "credit",
    "header", "footer", "other",
})

#: Other tools' block-type names and the schema type each one means.
TYPE_ALIASES: dict[str, str] = {
    "kicker": "subheadline", "deck": "subheadline", "subtitle": "subheadline",
    "subhead": "intertitle", "subheading": "intertitle", "crosshead": "intertitle",
    "paragraph": "body", "text": "body",
    "photo_credit": "credit", "page_header": "header", "page_footer": "footer",
    "running_head": "header", "folio": "footer", "page_number": "footer",
}

#: Code-point ranges treated as CJK (ideographs, kana, hangul, CJK punctuation and the
#: full-width forms block), as closed intervals.
CJK_RANGES: tuple[tuple[int, int], ...] = (
    (0x2E80, 0x9FFF), (0xAC00, 0xD7AF), (0xF900, 0xFAFF), (0xFF00, 0xFFEF),
    (0x3000, 0x303F), (0x20000, 0x2FA1F),
)


def canonical_type(name: object) -> str:
    """The schema type a block-type name means; missing or empty names are ``other``."""
    key = str(name or "other").strip().lower().replace("-", "_") or "other"
    return TYPE_ALIASES.get(key, key)


def squeeze(text: str) -> str:
    """NFKC without any whitespace: the characters that are matched between two pages."""
    # str.split() splits on exactly the characters for which str.isspace() is true.
    return "".join(unicodedata.normalize("NFKC", text).split())


def is_cjk(ch: str) -> bool:
    code = ord(ch)
    for lo, hi in CJK_RANGES:
        if lo <= code <= hi:
            return True
    return False


def tidy(text: str) -> str:
    """NFKC with whitespace collapsed to single spaces, and no space next to CJK."""
    words: list[str] = []
    for word in unicodedata.normalize("NFKC", text).split():
        if words and (is_cjk(words[-1][-1]) or is_cjk(word[0])):
            words[-1] += word
        else:
            words.append(word)
    return " ".join(words)
