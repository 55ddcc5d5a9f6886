"""Article boundaries from geometry: where an article cannot go on (OCR XML input).

Article assembly (``articles``) cuts a Latin page's stream at titles only: an untitled
run continues the article before it (``stream-continuation``). On OCR XML the blocks
have boxes, and a box says where the text can continue.

Rule ``column-skip``: an article's text runs down a column and on at the top of the
next column to the right. A block whose box lies more than a column width to the right
of the article's previous block (a column skipped) or more than a column width to the
left of it (back past the previous column) does not continue that article: it opens a
new, untitled one, and the blocks after it follow it. The column width is the page's
wide-block width (``COLUMN_QUANTILE`` of the block widths: most blocks are a column
wide, the widest span several). Title blocks are never cut off their article (a
headline over several columns starts left of its body).

Measured on the ALTO dev cases (bnf, kb, bl): article_ari 0.750 -> 0.787 (one case
0.003 lower, none more); the damaged bl pages gain most (their fragments jump across
the page), then bnf's stock-exchange page.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Optional, Sequence

from .articles import parse_bylines
from .late_boxes import REASON as LATE_REASON
from .model import Article, BBox, Block
from .profile import Profile

#: The block-width quantile taken as the page's column width.
COLUMN_QUANTILE = 0.9
#: Block types that stay with their article wherever they sit.
_TITLE_TYPES = frozenset({"headline", "subheadline"})


def column_width(articles: Sequence[Article]) -> Optional[float]:
    """The page's column width: the ``COLUMN_QUANTILE`` quantile of block widths."""
    widths = sorted(b.bbox.width for a in articles for b in a.blocks if b.bbox is not None and b.bbox.width > 0)
    if not widths:
        return None
    return widths[int(COLUMN_QUANTILE * (len(widths) - 1))]


def _skips(prev: BBox, box: BBox, column: float) -> bool:
    return box.x0 - prev.x1 > column or prev.x0 - box.x1 > column


def split_column_skips(articles: Sequence[Article], profile: Profile,
                       late_starts: frozenset[int] = frozenset()) -> list[Article]:
    """The articles cut at column skips (module docstring), renumbered ``a1``, ``a2``, ...

    ``late_starts``: first line numbers of boxes the ``late-box`` rule moved
    (``late_boxes``); a block starting one is cut off the article before it as well."""
    column = column_width(articles)
    if column is None:
        return list(articles)
    parts: list[tuple[Article, list[Block]]] = []
    for art in articles:
        current: list[Block] = []
        prev: Optional[BBox] = None
        for b in art.blocks:
            if prev is not None and b.bbox is not None and current and b.type not in _TITLE_TYPES \
                    and _skips(prev, b.bbox, column):
                parts.append((art, current))
                b = replace(b, reasons=b.reasons + (
                    f"column-skip: more than a column ({column:g}) away from the article's previous block",))
                current = []
            elif current and b.type not in _TITLE_TYPES and b.lines[0] in late_starts:
                parts.append((art, current))
                b = replace(b, reasons=b.reasons + (
                    f"{LATE_REASON}: a box listed after the columns beside it, read at its column's place;"
                    " it does not continue the article before it",))
                current = []
            current.append(b)
            if b.bbox is not None:
                prev = b.bbox
        parts.append((art, current))
    if len(parts) == len(articles):
        return list(articles)
    out: list[Article] = []
    for n, (art, blocks) in enumerate(parts, start=1):
        first_part = blocks[0] is art.blocks[0]
        headline = art.headline if first_part and any(b.text == art.headline for b in blocks) else \
            next((b.text for b in blocks if b.type == "headline"), None)
        out.append(Article(id=f"a{n}", kind=art.kind if first_part else "article", blocks=tuple(blocks),
                           headline=headline, bylines=parse_bylines(blocks, profile)))
    return out
