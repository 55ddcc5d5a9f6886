"""Pages whose input already carries our whole structure: our own ALTO/PAGE export.

``layoutkit convert --format alto`` (or ``page``) writes every block as one region tagged
with its type, role and article. Reading such a file back must give the same page, not a
fresh guess, so when every line of the input carries our own tag (``region_type`` of the
form ``layoutkit:<type>[:<role>]``, set only by the readers for our own export) the
heuristic stages are skipped and the page is rebuilt from the tags (rule
``own-export``). Everything else goes through the full pipeline.
"""
from __future__ import annotations

from typing import Optional, Sequence

from .articles import parse_bylines
from .model import BBox, Block, Article, Line, Page, Source, BLOCK_TYPES
from .profile import Profile

#: Prefix of the region types our readers give the blocks of our own export.
OWN_PREFIX = "layoutkit:"


def own_tag(type_: str, role: Optional[str]) -> str:
    """The region type our exporters write for a block (read back by ``split_tag``)."""
    return f"{OWN_PREFIX}{type_}" + (f":{role}" if role else "")


def split_tag(tag: str) -> Optional[tuple[str, Optional[str]]]:
    if not tag.startswith(OWN_PREFIX):
        return None
    type_, _, role = tag[len(OWN_PREFIX):].partition(":")
    if type_ not in BLOCK_TYPES:
        return None
    return type_, role or None


def is_own_export(lines: Sequence[Line]) -> bool:
    """True when every text line carries our own block tag (and there is one)."""
    found = False
    for ln in lines:  # (stops at the first untagged text line: every other input's first)
        if ln.is_blank:
            continue
        if not (ln.region_type and split_tag(ln.region_type)):
            return False
        found = True
    return found


def page_from_structure(lines: Sequence[Line], source: Source, profile: Profile, language: str,
                        warnings: Sequence[str] = ()) -> Page:
    """Rebuild the page from the tags: one block per input region, articles by tag, in
    the input's order; page-level blocks are those without an article."""
    groups: list[list[Line]] = []
    for ln in lines:
        if ln.is_blank:
            continue
        if groups and groups[-1][0].region == ln.region:
            groups[-1].append(ln)
        else:
            groups.append([ln])
    article_blocks: dict[str, list[Block]] = {}
    kinds: dict[str, str] = {}
    page_blocks: list[Block] = []
    for g in groups:
        tag = split_tag(g[0].region_type or "")
        assert tag is not None
        type_, role = tag
        block = Block(type=type_, text=" ".join(ln.text for ln in g), lines=(g[0].number, g[-1].number), role=role,
                      bbox=BBox.union_all([ln.bbox for ln in g]), reasons=("own-export: block read back from its tag",),
                      page=g[0].page)
        art = g[0].article
        if art is None:
            page_blocks.append(block)
            continue
        art_id, _, kind = art.partition("/")
        article_blocks.setdefault(art_id, []).append(block)
        kinds.setdefault(art_id, kind or "article")
    from dataclasses import replace

    n = 0
    articles: list[Article] = []
    for art_id, blocks in article_blocks.items():
        numbered = []
        for b in blocks:
            n += 1
            numbered.append(replace(b, id=f"b{n}"))
        headline = next((b.text for b in numbered if b.type == "headline"), None)
        articles.append(Article(id=art_id, kind=kinds[art_id], blocks=tuple(numbered), headline=headline,
                                bylines=parse_bylines(numbered, profile)))
    numbered_page = []
    for b in page_blocks:
        n += 1
        numbered_page.append(replace(b, id=f"b{n}"))
    return Page(source=source, language=language, articles=tuple(articles), blocks=tuple(numbered_page),
                warnings=tuple(warnings), profile=profile.name)
