"""Reading-order labels shared by every view.

Each block gets a short label that the overlay prints on its box, the HTML review shows
beside it and ``explain`` lists: ``3.2`` is the second block of the third article in
reading order; ``P1`` is the first page-level block (header, footer). The article number
is the article's position on the page, not its id, so the labels themselves read in order.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from ..model import Article, Block, Page


@dataclass(frozen=True, slots=True)
class Placed:
    """A block with its place in the page's reading order."""

    block: Block
    #: The article holding the block; None for a page-level block.
    article: Optional[Article]
    #: 1-based position of the article on the page (0 for page-level blocks).
    article_number: int
    #: 1-based position of the block inside its article (or among page-level blocks).
    position: int

    @property
    def label(self) -> str:
        if self.article is None:
            return f"P{self.position}"
        return f"{self.article_number}.{self.position}"


def placed_blocks(page: Page) -> list[Placed]:
    """Every block of the page with its label: article blocks in reading order, then the
    page-level blocks (the order of ``Page.iter_blocks``)."""
    out: list[Placed] = []
    for a_no, article in enumerate(page.articles, 1):
        out.extend(Placed(b, article, a_no, i) for i, b in enumerate(article.blocks, 1))
    out.extend(Placed(b, None, 0, i) for i, b in enumerate(page.blocks, 1))
    return out
