"""Layout analysis of a PDF page from character geometry.

    PageContent (chars, rules, images)
      -> dedupe fake-bold doubles         (chars.dedupe)
      -> lines, horizontal and vertical    (lines.build_lines)
      -> blocks: one column stretch each   (blocks.build_blocks)
      -> captions and credits of pictures  (captions.tag_captions)
      -> reading order of the blocks       (order.reading_order)

The PDF's internal text order is never used: it is often shuffled (every char its own
text object, titles drawn last). The result feeds ``columns.geometric_regions`` through
``readers.pdf``: each block becomes one region.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from operator import itemgetter
from typing import Mapping, Optional, Sequence

from ..gcpause import collector_paused
from ..params import LayoutParams
from .blocks import TextBlock, build_blocks
from .captions import tag_captions
from .chars import Char, PageContent, dedupe
from .lines import build_lines as per_char_lines
from .runlines import build_lines
from .runs import _CHARS as _RUN_CHARS, _SIZE as _RUN_SIZE, Run, run_doubles, text_runs, without
from .order import MARGIN_ZONE, reading_order
from .records import TextLine


@dataclass(frozen=True, slots=True)
class PageLayout:
    """A page's blocks in reading order, its body text size and notes for the user."""

    blocks: tuple[TextBlock, ...]
    body_size: float
    warnings: tuple[str, ...] = ()


def body_size(content: PageContent) -> float:
    """The size most characters of the page are set in (the body text size)."""
    return _most_common_size(Counter(map(itemgetter(5), content.chars)))  # ``Char.size``, counted in C


def runs_body_size(runs: Sequence[Run]) -> float:
    """``body_size`` of a page whose chars are those of ``runs`` (in order): a run's chars
    share one size, so each run adds its char count to its size (a third to a fifth as
    many steps as counting chars; sn99021999: 10,800 runs for 45,900 chars). The counts
    come out equal and the sizes in the same first-seen order, so the answer is the same."""
    raw: dict[float, int] = {}
    for size, chars in zip(map(_RUN_SIZE, runs), map(_RUN_CHARS, runs)):
        raw[size] = raw.get(size, 0) + len(chars)
    return _most_common_size(raw)


def _most_common_size(raw: Mapping[float, int]) -> float:
    """The size with the most chars, from the chars counted by exact size (first-seen
    order): merged to 0.1 pt, ties to the smaller size; 10 pt on an empty page."""
    counts: dict[float, int] = {}
    for s, n in raw.items():  # merged to 0.1 pt after counting: one round per distinct size
        r = round(s, 1)
        counts[r] = counts.get(r, 0) + n
    if not counts:
        return 10.0
    return max(counts.items(), key=lambda kv: (kv[1], -kv[0]))[0]


def deduped(upright: list[Char], tolerance: float) -> tuple[list[Char], Optional[list[Run]]]:
    """The upright chars without their fake-bold doubles, and the page's text runs (None
    where the page goes char by char). Dedupe goes run by run (``runs``: an OCR word, a
    word of a line) with the per-char rule's exact result (``chars.dedupe``); a page
    where runs would not pay, CJK above all, goes char by char."""
    runs = text_runs(upright, tolerance)
    if runs is None:
        return dedupe(upright, tolerance)[0], None
    chars = upright
    drop = run_doubles(runs, tolerance)
    if drop:
        chars = [c for k, c in enumerate(upright) if k not in drop]
        runs = without(runs, drop, tolerance)
    return chars, runs


def page_lines(content: PageContent, chars: list[Char], runs: Optional[list[Run]],
               params: LayoutParams) -> tuple[PageContent, float, list[TextLine]]:
    """The page with its deduped ``chars``, its body size, and its lines: run by run
    (``runlines``) where ``deduped`` gave runs, char by char (``lines``) where it did not,
    with the per-char rules' exact results either way."""
    page = replace(content, chars=tuple(chars))
    head_limit = content.height * MARGIN_ZONE
    if runs is None:
        body = body_size(page)
        return page, body, per_char_lines(chars, params, head_limit=head_limit, body=body)
    body = runs_body_size(runs)
    return page, body, build_lines(chars, params, head_limit=head_limit, body=body, runs=runs)


def framed_blocks(content: PageContent, lines: list[TextLine], body: float, params: LayoutParams) -> list[TextBlock]:
    """The lines stacked into blocks. A frame's top and bottom edges separate the lines
    above and below them like ruling lines (``rule-between``); its inside does not."""
    frames = tuple(r for r in content.boxes if min(r.x1 - r.x0, r.bottom - r.top) >= 3 * body)
    return build_blocks(lines, content.rules + frames, params, title_size=body * params.title_ratio)


def analyze(content: PageContent, params: LayoutParams) -> PageLayout:
    """Blocks of ``content`` in reading order.

    The cyclic garbage collector is paused meanwhile (``gcpause``): the analysis makes
    tens of thousands of small acyclic records per scanned page, and the collector's
    passes over them found nothing (sn99021999 0003: 477 -> 442 ms, Federal Register
    21 -> 18 ms a page). Only the analysis is paused, not the backend's extraction, so
    the layout-share benchmark compares like with like."""
    with collector_paused():
        return _analyze(content, params)


def _analyze(content: PageContent, params: LayoutParams) -> PageLayout:
    upright = [c for c in content.chars if c.upright]
    warnings: list[str] = []
    rotated = len(content.chars) - len(upright)
    if rotated:
        # Text set at an angle (marginal production marks, rotated labels): its lines cannot
        # be read in the page's row order; it is left out and said so.
        warnings.append(f"page {content.number}: {rotated} characters set at an angle (rotated text) were left out")
    # Dedupe and line building go run by run (``runs``: an OCR word, a word of a line),
    # with the per-char rules' exact results (``chars.dedupe``, ``lines.build_lines``).
    # (a page where runs would not pay, CJK above all, goes char by char)
    chars, runs = deduped(upright, params.dedupe_tolerance)
    if not chars:
        return PageLayout((), 10.0, tuple(warnings))
    page, body, lines = page_lines(content, chars, runs, params)
    blocks = framed_blocks(content, lines, body, params)
    blocks = tag_captions(blocks, content.images, body, params)
    ordered = reading_order(blocks, page, body, params)
    return PageLayout(tuple(ordered), body, tuple(warnings))


__all__ = ["PageLayout", "TextBlock", "analyze", "body_size"]
