"""Serializers: JSON (the published schema, ``docs/schema.json``), Markdown and plain text."""
from __future__ import annotations

from typing import Sequence

from .model import Article, Block, Page


def to_json(page: Page, *, indent: int | None = 1) -> str:
    return page.to_json(indent=indent)


def _md_block(b: Block) -> str:
    if b.type == "headline":
        return f"## {b.text}"
    if b.type == "subheadline":
        return f"*{b.text}*"
    if b.type == "intertitle":
        return f"### {b.text}"
    if b.type in ("byline", "dateline", "credit"):
        return f"_{b.text}_"
    if b.type == "caption":
        return f"> {b.text}"
    return b.text


def to_markdown(page: Page) -> str:
    """Markdown: one section per article, page furniture (articles of kind ``other``) and
    the page-level blocks at the end as lists, each at its place in the reading order."""
    parts: list[str] = []
    for a in page.articles:
        blocks = list(a.blocks)
        if a.kind == "other":
            parts.append(_md_list(blocks))
            continue
        if not any(b.type == "headline" for b in blocks):
            parts.append("## " + ("(photo)" if a.kind == "photo" else "(untitled)"))
        parts.extend(_md_block(b) for b in blocks)
        parts.append("---")
    if page.blocks:
        parts.append(_md_list(page.blocks))
    return "\n\n".join(parts).rstrip() + "\n"


def _md_list(blocks: Sequence[Block]) -> str:
    """Page furniture and page-level blocks in Markdown: a list of typed lines."""
    return "\n".join(f"- {b.type}: {b.text}" for b in blocks)


def to_text(page: Page) -> str:
    """Plain text: every block in reading order, a blank line between blocks and two
    between articles; page furniture printed before or between articles is among them (an
    article of kind ``other``), the page-level blocks that follow come last."""
    parts = [article_text(a) for a in page.articles]
    if page.blocks:
        parts.append("\n".join(b.text for b in page.blocks))
    return "\n\n\n".join(parts).rstrip() + "\n"


def article_text(article: Article) -> str:
    return "\n\n".join(b.text for b in article.blocks)
