"""Optional modernization of historical letterforms in the output text.

Fraktur-era OCR and transcriptions keep the long s (``ſ``), the r rotunda (``ꝛ``), the
Fraktur double hyphen (``⸗``) and the superscript e over a vowel (``uͤ`` for ``ü``).
layoutkit keeps them by default: they are what the page says, and archives that quote
the text need them. Full-text search and most NLP tools expect modern spelling, so
``OrthographyParams(modernize=True)`` (``layoutkit convert --modernize``) maps them to
their modern forms as the very last stage, after dehyphenation has used them.

Every change is recorded in the block's reasons as ``modernized: 'ſ' -> 's' x3``, which
``conservation.account`` reads: the contract allows exactly these substitutions. The
article's ``headline`` and bylines are derived copies and are modernized the same way.
"""
from __future__ import annotations

import ast
from dataclasses import replace
from typing import Optional

from .model import Article, Block, Byline, Page
from .params import OrthographyParams

#: Historical form -> modern form. Multi-character keys (vowel + U+0364 COMBINING LATIN
#: SMALL LETTER E) go first so they win over any single-character key inside them.
HISTORICAL_FORMS: tuple[tuple[str, str], ...] = (
    ("a\u0364", "ä"), ("o\u0364", "ö"), ("u\u0364", "ü"),
    ("A\u0364", "Ä"), ("O\u0364", "Ö"), ("U\u0364", "Ü"),
    ("ſ", "s"), ("ꝛ", "r"), ("⸗", "-"),
)

MODERNIZED = "modernized: "


def modernize_text(text: str) -> tuple[str, tuple[tuple[str, str, int], ...]]:
    """``text`` in modern letterforms and the substitutions made (old, new, count)."""
    made: list[tuple[str, str, int]] = []
    for old, new in HISTORICAL_FORMS:
        count = text.count(old)
        if count:
            text = text.replace(old, new)
            made.append((old, new, count))
    return text, tuple(made)


def _block(block: Block) -> Block:
    text, made = modernize_text(block.text)
    if not made:
        return block
    reasons = block.reasons + tuple(f"{MODERNIZED}{old!r} -> {new!r} x{n}" for old, new, n in made)
    return replace(block, text=text, reasons=reasons)


def _optional(text: Optional[str]) -> Optional[str]:
    return None if text is None else modernize_text(text)[0]


def _article(article: Article) -> Article:
    bylines = tuple(Byline(name=modernize_text(b.name)[0], role=_optional(b.role)) for b in article.bylines)
    return replace(article, blocks=tuple(_block(b) for b in article.blocks),
                   headline=_optional(article.headline), bylines=bylines)


def apply_orthography(page: Page, params: OrthographyParams) -> Page:
    """``page`` with historical letterforms modernized when ``params.modernize`` is set."""
    if not params.modernize:
        return page
    return replace(page, articles=tuple(_article(a) for a in page.articles),
                   blocks=tuple(_block(b) for b in page.blocks))


def parse_reason(reason: str) -> Optional[tuple[str, str, int]]:
    """``(old, new, count)`` from a ``modernized:`` reason, or None for any other reason."""
    if not reason.startswith(MODERNIZED):
        return None
    body = reason[len(MODERNIZED):]
    try:
        pair, times = body.rsplit(" x", 1)
        old, new = (ast.literal_eval(part) for part in pair.split(" -> ", 1))
        return (old, new, int(times)) if isinstance(old, str) and isinstance(new, str) else None
    except (ValueError, SyntaxError):
        return None
