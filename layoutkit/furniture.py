"""Page furniture at its place in the reading order (``furniture-in-order``).

A page is read as its articles in order, then its page-level blocks (``Page.iter_blocks``,
the plain-text serializer, and the reference scorer all read it so). A running head at
the top of the page, a masthead, or a running head the OCR reading order puts between two
columns would then be read after the last article, far from where the page prints it.

So the serializer's invariant is: *reading the articles in order and then the page-level
blocks gives the page's reading order*. Page-level blocks (headers, footers, stray
credits) that the stream has before some article's text become articles of kind
``other`` (no headline) at their place: one such article per run of page-level blocks
with no article starting between them. Page-level blocks after the start of the last
article keep their place among ``Page.blocks``, which the reader takes last anyway.

The place is found by source line (``Block.lines``): every reader numbers its lines in
its reading order, and ``articles.assemble`` orders articles by their first line in the
stream. Blocks keep their type (``header`` stays ``header``); only their container
changes, and the reason ``furniture-in-order`` records why.

Measured on the dev cases' ``.txt`` inputs (the PAGE ground truth of chronicling-germany
and reichsanzeiger has no articles, so its page-level blocks are the reading order):
chronicling-germany text_sim 0.994 -> 0.9996, order_acc 0.952 -> 0.998; the METS/DIDL
cases (bnf, kb, bl) and the Chinese pages are unchanged, since a page-level block and a
one-run article of kind ``other`` are the same group there.
"""
from __future__ import annotations

from bisect import bisect_right
from itertools import chain, compress
from operator import attrgetter, ne
from typing import Sequence

from .model import Article, Block, evolve
from .slotbuild import field_replacer

REASON = "furniture-in-order"


def _start(article: Article) -> int:
    """The first source line of an article (its earliest block)."""
    return min(b.lines[0] for b in article.blocks)


def place_in_reading_order(articles: Sequence[Article], blocks: Sequence[Block]) -> tuple[list[Article], list[Block]]:
    """``(articles, page_blocks)`` with every page-level block that comes before some
    article's first line moved into an article of kind ``other`` placed before that
    article; ids are renumbered in the new order (see the module doc)."""
    arts = [a for a in articles if a.blocks]
    if not blocks or not arts:
        return list(articles), list(blocks)
    starts = sorted(_start(a) for a in arts)
    last_start = starts[-1]
    inside = sorted((b for b in blocks if b.lines[0] < last_start), key=lambda b: b.lines[0])
    if not inside:
        return list(articles), list(blocks)
    trailing = [b for b in blocks if b.lines[0] >= last_start]
    runs: list[list[Block]] = []
    for b in inside:
        # a run ends where an article starts between its last block and this one (the
        # first start after the last block, found by bisection in the sorted starts:
        # a page of thousands of OCR blocks would otherwise test every pair)
        k = bisect_right(starts, runs[-1][-1].lines[0]) if runs else 0
        if runs and not (k < len(starts) and starts[k] < b.lines[0]):
            runs[-1].append(b)
        else:
            runs.append([b])
    # each run goes before the first article (in the given order) starting after it.
    # Runs come in increasing first line, so that article's index never decreases: one
    # pointer walks the articles once; the runs inserted so far all sit before it (they
    # start before the run at hand), which shifts its place in ``out`` by their number.
    out = list(articles)
    firsts = [_start(a) if a.blocks else None for a in articles]
    j = 0
    for inserted, run in enumerate(runs):
        why = f"{REASON}: page-level, kept before the article text that follows it"
        moved = tuple(evolve(b, reasons=b.reasons + (why,)) for b in run)
        first = run[0].lines[0]
        while j < len(articles) and not ((start := firsts[j]) is not None and start > first):
            j += 1
        out.insert(j + inserted, Article(id="", kind="other", blocks=moved, headline=None))
    return _renumber(out, trailing)


def _renumber(articles: Sequence[Article], blocks: Sequence[Block]) -> tuple[list[Article], list[Block]]:
    """Articles ``a1..`` and blocks ``b1..`` numbered in reading order. A block or
    article that already carries its number is kept as it is (they are immutable): only
    those after the first moved run are copied, all in one pass (``with_ids``)."""
    flat: list[Block] = list(chain.from_iterable(map(_BLOCKS, articles)))
    flat.extend(blocks)
    ids = [f"b{k}" for k in range(1, len(flat) + 1)]
    stale = list(compress(range(len(flat)), map(ne, map(_ID, flat), ids)))
    if stale:
        for k, b in zip(stale, with_ids([flat[k] for k in stale], [ids[k] for k in stale])):
            flat[k] = b
    out_arts = []
    at = 0
    for n, a in enumerate(articles, 1):
        numbered = flat[at:at + len(a.blocks)]
        at += len(a.blocks)
        art_id = f"a{n}"
        if a.id == art_id and type(a.blocks) is tuple and all(x is y for x, y in zip(numbered, a.blocks)):
            out_arts.append(a)
        else:
            out_arts.append(evolve(a, id=art_id, blocks=tuple(numbered)))
    return out_arts, flat[at:]


_BLOCKS = attrgetter("blocks")
_ID = attrgetter("id")
#: ``[evolve(b, id=i) for b, i in zip(blocks, ids)]``, built in one pass.
with_ids = field_replacer(Block, "id")
