"""The masthead of a Latin-script page: the newspaper's name, subscription terms, issue
number, date and year, printed as a cluster of small boxes.

``classify`` types the lines a profile recognises (``No. 249.``, ``Berlin, Dienſtag,``,
``1878.``) as headers one by one; the rest of the masthead (``Deutſcher Reichs⸗Anzeiger``,
``und``, ``Das Abonnement beträgt …``) looks like titles and short paragraphs. This stage
types the whole cluster as page headers (``masthead-span``):

* a *cluster* is two or more header lines with at most ``MAX_GAP`` other paragraphs
  between neighbours (a masthead prints issue number, date and year together; a lone
  date line is a running head, left as it is). The paragraphs in the gaps join it;
* the cluster extends backwards over the small paragraphs just before it (at most
  ``MAX_BACK`` paragraphs of at most ``MAX_LINES`` lines and ``MAX_CHARS`` characters
  each): the paper's name and terms stand above the issue line. A longer paragraph is
  text, and ends the extension.

The masthead may stand anywhere in the stream (OCR reading order often puts it after the
first column), so clusters are looked for on the whole page. CJK pages are left alone.

``place_masthead`` then keeps the masthead where the page prints it: as an article of kind
``other`` (no headline) at its place in the reading order, instead of among the page-level
blocks, which a reader (and the reference scorer) takes after every article. A lone
header (a running head, a folio) stays a page-level block.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Sequence

from .classify import Typed
from .model import Article, Block
from .textwidth import cjk_and_letters

#: Other paragraphs allowed between two header lines of one masthead.
MAX_GAP = 1
#: Paragraphs before a cluster that may join it ...
MAX_BACK = 6
#: ... each at most this many lines ...
MAX_LINES = 6
#: ... and characters.
MAX_CHARS = 400


def _latin(items: Sequence[Typed]) -> bool:
    cjk, letters = cjk_and_letters("".join(t.text for t in items))
    return letters > 0 and cjk < 0.3 * letters


def _small(t: Typed) -> bool:
    return len(t.para.lines) <= MAX_LINES and len(t.text) <= MAX_CHARS


def apply_masthead(items: Sequence[Typed]) -> list[Typed]:
    """``items`` with every masthead paragraph typed ``header`` (see the module doc)."""
    out = list(items)
    if not out or not _latin(out):
        return out
    heads = [i for i, t in enumerate(out) if t.type == "header"]
    clusters: list[list[int]] = []
    for i in heads:
        if clusters and i - clusters[-1][-1] - 1 <= MAX_GAP:
            clusters[-1].append(i)
        else:
            clusters.append([i])
    for cl in clusters:
        if len(cl) < 2:
            continue
        first, last = cl[0], cl[-1]
        span = [k for k in range(first, last + 1) if out[k].type != "header" and _small(out[k])]
        k = first - 1
        while k >= 0 and first - k <= MAX_BACK and out[k].type != "header" and _small(out[k]):
            span.append(k)
            k -= 1
        reason = f"{REASON}: part of the masthead around lines {out[first].para.first_line}-{out[last].para.last_line}"
        for k in sorted(span + cl):
            out[k] = out[k].retype("header", reason)
    return out


REASON = "masthead-span"


def place_masthead(articles: Sequence[Article], blocks: Sequence[Block]) -> tuple[list[Article], list[Block]]:
    """Move the masthead blocks (``masthead-span``) from the page-level blocks into
    articles of kind ``other``, one per run of consecutive masthead lines, placed before
    the first article that starts below them; ids are renumbered in the new order."""
    mast = [b for b in blocks if any(r.startswith(REASON) for r in b.reasons)]
    if not mast:
        return list(articles), list(blocks)
    rest = [b for b in blocks if b not in mast]
    runs: list[list[Block]] = []
    for b in sorted(mast, key=lambda b: b.lines[0]):
        if runs and not any(a.blocks and runs[-1][-1].lines[1] < a.blocks[0].lines[0] < b.lines[0] for a in articles):
            runs[-1].append(b)
        else:
            runs.append([b])
    arts = list(articles)
    for run in runs:
        at = next((k for k, a in enumerate(arts) if a.blocks and a.blocks[0].lines[0] > run[0].lines[0]), len(arts))
        arts.insert(at, Article(id="", kind="other", blocks=tuple(run), headline=None))
    bid = 0
    out_arts = []
    for n, a in enumerate(arts, 1):
        numbered = []
        for b in a.blocks:
            bid += 1
            numbered.append(replace(b, id=f"b{bid}"))
        out_arts.append(replace(a, id=f"a{n}", blocks=tuple(numbered)))
    out_blocks = []
    for b in rest:
        bid += 1
        out_blocks.append(replace(b, id=f"b{bid}"))
    return out_arts, out_blocks
