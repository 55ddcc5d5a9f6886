"""The text stages' fast paths for pages of thousands of blocks against the plain loops.

``furniture.place_in_reading_order`` finds where a run of page-level blocks ends by
bisection in the sorted article starts and places the runs with one pointer over the
articles (it compared every block with every start, and every run with every article,
before: quadratic on a large OCR scan). These tests check that it gives exactly what the
straightforward version gives, on random pages built to hit the edge cases (equal first
lines, articles out of line order, articles without blocks, blocks after the last start).
"""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from layoutkit.furniture import REASON, _renumber, _start, place_in_reading_order
from layoutkit.model import Article, Block, evolve


def _place_reference(articles, blocks):
    """``place_in_reading_order`` as first written: pairwise scans."""
    arts = [a for a in articles if a.blocks]
    if not blocks or not arts:
        return list(articles), list(blocks)
    starts = sorted(_start(a) for a in arts)
    last_start = starts[-1]
    inside = sorted((b for b in blocks if b.lines[0] < last_start), key=lambda b: b.lines[0])
    if not inside:
        return list(articles), list(blocks)
    trailing = [b for b in blocks if b.lines[0] >= last_start]
    runs = []
    for b in inside:
        if runs and not any(runs[-1][-1].lines[0] < s < b.lines[0] for s in starts):
            runs[-1].append(b)
        else:
            runs.append([b])
    out = list(articles)
    for run in runs:
        why = f"{REASON}: page-level, kept before the article text that follows it"
        moved = tuple(evolve(b, reasons=b.reasons + (why,)) for b in run)
        at = next((k for k, a in enumerate(out) if a.blocks and _start(a) > run[0].lines[0]), len(out))
        out.insert(at, Article(id="", kind="other", blocks=moved, headline=None))
    return _renumber(out, trailing)


def _block(first: int, tag: str) -> Block:
    return Block(type="header", text=tag, lines=(first, first))


_firsts = st.lists(st.integers(0, 40), max_size=6)


@settings(max_examples=400, deadline=None)
@given(st.lists(_firsts, max_size=10), st.lists(st.integers(0, 45), max_size=25))
def test_place_in_reading_order_matches_reference(article_firsts, block_firsts):
    articles = [Article(id="", kind="article", blocks=tuple(_block(f, f"a{n}.{k}") for k, f in enumerate(fs)))
                for n, fs in enumerate(article_firsts)]
    blocks = [_block(f, f"p{k}") for k, f in enumerate(block_firsts)]
    assert place_in_reading_order(articles, blocks) == _place_reference(articles, blocks)
