"""Writers of our result in the OCR XML standards: ALTO 4.4 and PAGE 2019.

Both write one region per block, in the page's reading order (article blocks, then the
page-level blocks, the order of ``Page.iter_blocks``), with the block type, role and
article as tags the readers recognise, so an export reads back to the same page
(``structured``). Coordinates are the source's own (``Source.unit``); PDF points are
written as ALTO ``pixel`` at 72 dpi (one point = one pixel), since ALTO has no point unit.
"""
from __future__ import annotations

from typing import Iterable

from ..model import Block, Page


def blocks_in_order(page: Page) -> Iterable[tuple[Block, str | None, str | None]]:
    """Every block with its article id and kind (None for page-level blocks)."""
    for article in page.articles:
        for block in article.blocks:
            yield block, article.id, article.kind
    for block in page.blocks:
        yield block, None, None


def fmt_number(value: float) -> str:
    """A coordinate as written: at most two decimals, no trailing zeros (``12``, ``12.5``)."""
    text = f"{round(value, 2):.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text
