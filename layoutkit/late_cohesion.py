"""A late box in a plain-text export, placed by lexical cohesion.

An OCR producer lists boxes it zoned late (an advertisement or a listing at the foot of a
column) after the whole page (``late_boxes``). Its ALTO file gives the box's position and
the ``late-box`` rule puts it back; a plain-text export of the same page lists the box at
the same place, after everything, with no position. Line widths, an unfinished sentence
and a page-level mark do not tell where it goes (``docs/latin.md``). What sometimes does
is its vocabulary: a theatre listing cut in two by a column end shares the names of
plays, theatres and the words of the trade (``Aanvang``, ``Stalles``, ``blijspel``) with
its other half, and with no other box of the page.

Rule ``cohesive-late-box`` (text input with its own blank-line boxes, Latin script): the
page's last box moves to just before the one earlier box it is lexically cohesive with,
when all of these hold:

* it has two lines or more (a one-line last box is page furniture: a folio, a running
  head) and is not the first box;
* it shares at least ``MIN_SHARED`` rare words with that box (words of four or more Latin
  letters that at most ``RARE_BOXES`` boxes of the page contain: names and the words of
  one subject, not the page's common vocabulary), and at least ``RATIO`` times as many
  as with any other box, the box just before it included (a box that coheres with the box
  before it continues it where it is);
* that box is not the box just before it, nor among the ``NEAR`` boxes before that (a
  move of a few boxes changes nothing);
* the box just before it coheres with that box far less densely: the share of its rare
  words that box contains is under ``1 / RATIO`` of the last box's share (when it too
  coheres with it, the page ends in a run on that subject, not in one stray box; a share,
  not a count, because a long box shares a few names with any box).

It goes *before* its partner: the two halves of a listing cut by a column end are read
foot of one column, then head of the next, and the producer's stream read the head (the
partner) in its place. One measured box is the evidence for the direction (kb 1876 p3,
whose ALTO puts it right before its partner); a box that belongs after its partner's text
would cost that article about twice the shorter of the two, so the rule asks for strong
cohesion before it moves anything. The moved box opens an untitled article (the producer
zoned it apart from the text read before its new place), which its partner and the blocks
after it follow (``cut_at_moved``).

Measured (``docs/latin.md``): on the 32 Latin dev ``.txt`` pages it fires once (kb 1876
p3: text_sim 0.9367 -> 0.9997, article_ari 0.832 -> 0.883; nothing else changes). Run on
the stream order of the 23 ALTO and 14 PAGE files of the dev cases and the corpus
(``bench/late_text_signals.py``), it fires on kb 1876 p3 only, whose last box the
geometric ``late-box`` rule moves to the same place.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from itertools import groupby
from operator import attrgetter
from typing import Sequence

from .articles import parse_bylines
from .model import Article, Block, Line
from .profile import Profile

REASON = "cohesive-late-box"
#: A word is rare when at most this many boxes of the page contain it.
RARE_BOXES = 3
#: Fewest rare words the last box must share with its partner.
MIN_SHARED = 8
#: The partner's share must be at least this many times any other box's.
RATIO = 3
#: A partner among the last ``NEAR`` boxes before the last box's predecessor is too close
#: to be worth a move.
NEAR = 2

#: A word: four or more lowercase Latin letters (ASCII, Latin-1, Latin Extended-A/B and
#: Additional, Extended-D for ``ꝛ``), matched on lowercased text. Written as ranges for
#: ``re``: twice as fast as ``regex``'s ``\p{Latin}`` and the same words on the dev pages.
_TEXT = attrgetter("text")
_WORD = re.compile("[a-z\u00df-\u00f6\u00f8-\u024f\u1e00-\u1eff\ua720-\ua7ff]{4,}")


def _words(texts: Sequence[str]) -> frozenset[str]:
    """A box's words of four or more Latin letters, lowercased, ``ſ`` read as ``s``."""
    return frozenset(_WORD.findall("\n".join(texts).lower().replace("ſ", "s")))


def _boxes(texts: Sequence[str]) -> list[tuple[int, int]]:
    """``(start, end)`` indices of the runs of non-blank lines (grouped at C speed: this
    runs on every text page)."""
    out: list[tuple[int, int]] = []
    at = 0
    for filled, run in groupby(map(bool, map(str.strip, texts))):
        n = sum(1 for _ in run)
        if filled:
            out.append((at, at + n))
        at += n
    return out


def cohesive_partner(boxes: Sequence[frozenset[str]], lengths: Sequence[int]) -> int:
    """The index of the box the last box moves before (module doc), or -1.

    ``boxes``: each box's words; ``lengths``: each box's line count."""
    n = len(boxes)
    if n < NEAR + 3 or lengths[-1] < 2:
        return -1
    df: Counter = Counter()
    for b in boxes:
        df.update(b)
    rare = frozenset(w for w in boxes[-1] if df[w] <= RARE_BOXES)
    if len(rare) < MIN_SHARED:
        return -1
    shared = sorted(((len(rare & boxes[j]), j) for j in range(n - 1)), reverse=True)
    (best, partner), (second, _) = shared[0], shared[1]
    if best < MIN_SHARED or best < RATIO * second or partner >= n - 2 - NEAR:
        return -1
    # the box before it: the share of its rare words the partner has, against the last
    # box's share (a long box shares a few names with anything; a run on the partner's
    # subject shares densely)
    before = frozenset(w for w in boxes[-2] if df[w] <= RARE_BOXES)
    if before and RATIO * len(before & boxes[partner]) * len(rare) >= best * len(before):
        return -1
    return partner


def place_cohesive_late_box(lines: Sequence[Line]) -> tuple[list[Line], frozenset[int]]:
    """The lines with the page's last box moved before its cohesive partner (module doc),
    and the number of the moved box's first line (empty when nothing moved). Lines keep
    their numbers: a text line's number is its line in the file."""
    texts = list(map(_TEXT, lines))
    # the last box found from the end first: on most pages its words already rule the move
    # out, and the page's other boxes are then never split or read
    end = len(texts)
    while end and not texts[end - 1].strip():
        end -= 1
    start = end
    while start and texts[start - 1].strip():
        start -= 1
    if end - start < 2:
        return list(lines), frozenset()
    last = _words(texts[start:end])
    if len(last) < MIN_SHARED:
        return list(lines), frozenset()
    spans = _boxes(texts)
    if len(spans) < NEAR + 3:
        return list(lines), frozenset()
    words = [_words(texts[a:b]) for a, b in spans[:-1]] + [last]
    partner = cohesive_partner(words, [b - a for a, b in spans])
    if partner < 0:
        return list(lines), frozenset()
    (start, end), (p_start, _) = spans[-1], spans[partner]
    # the blank line before the moved box (boxes are separated by blank lines) now
    # separates it from its partner
    out = list(lines[:p_start]) + list(lines[start:end]) + [lines[start - 1]] + \
        list(lines[p_start:start - 1]) + list(lines[end:])
    return out, frozenset({lines[start].number})


def cut_at_moved(articles: Sequence[Article], starts: frozenset[int], profile: Profile) -> list[Article]:
    """The articles with a block starting at one of ``starts`` (a moved box's first line)
    cut off the article before it: it opens an untitled article, which the blocks after
    it in that article follow. Articles are renumbered ``a1``, ``a2``, ... when one is cut."""
    if not starts:
        return list(articles)
    parts: list[tuple[Article, list[Block], bool]] = []  # (article, blocks, its first part)
    for art in articles:
        current: list[Block] = []
        first = True
        for b in art.blocks:
            if b.lines[0] in starts:
                b = replace(b, reasons=b.reasons + (
                    f"{REASON}: the page's last box, moved before the box it shares its rare words"
                    " with; it does not continue the article before its new place",))
                if current:
                    parts.append((art, current, first))
                    current, first = [], False
            current.append(b)
        parts.append((art, current, first))
    if len(parts) == len(articles):  # the moved box already opened its article
        return [replace(art, blocks=tuple(blocks)) for art, blocks, _ in parts]
    out: list[Article] = []
    for n, (art, blocks, first_part) in enumerate(parts, start=1):
        headline = art.headline if first_part and any(b.text == art.headline for b in blocks) else \
            next((b.text for b in blocks if b.type == "headline"), None)
        out.append(Article(id=f"a{n}", kind=art.kind if first_part else "article", blocks=tuple(blocks),
                           headline=headline, bylines=parse_bylines(blocks, profile)))
    return out
