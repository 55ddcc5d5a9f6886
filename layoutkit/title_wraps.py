"""Titles wrapped across text boxes: ``spread-title-wrap`` (text input).

pdfminer's text of a born-digital CJK page puts a short title that wraps in a narrow
column (an intertitle over two lines) into two text boxes: its first line, justified to
the title's measure, comes out letter-spaced (``不 忘 初 心 走 在``), the short last line
set solid (``时代前列``). Apart, the first reads as a headline and the second as a name (a
byline) or a kicker: a phantom article opens in the middle of a body column.

The rule: a paragraph of one letter-spaced line of CJK text without a sentence end, alone
in its box, directly followed by a paragraph of one solid line without a sentence end,
alone in its box and short, is one title wrapped over two lines: they are joined. A
justified line is spread because its text went on in the next line; a body paragraph's
lines are full and end in punctuation, so they never meet the rule. Text input only: a
geometric input keeps the title's lines in one region.
"""
from __future__ import annotations

from dataclasses import replace

from .measure import shape
from .model import BBox, Paragraph
from .profile import Profile
from .reflow import Flow, ends_sentence, standalone
from .textwidth import is_cjk

#: The solid last line of a wrapped title is short (characters), and longer than a name:
#: a spread one-line headline followed by its author's name (``刘志明``) is no wrap.
MAX_TAIL_CHARS = 12
MIN_TAIL_CHARS = 4
#: A spread first line holds at least this many characters (a name is spread too: 李 斌).
MIN_HEAD_CHARS = 4

REASON = "spread-title-wrap: a letter-spaced title line and its solid last line, boxed apart, joined"


def _solid(text: str) -> str:
    return "".join(text.split())


def _head(p: Paragraph, profile: Profile) -> bool:
    if len(p.lines) != 1 or not p.whole_region or p.lines[0].bbox is not None:
        return False
    raw = p.lines[0].text
    text = _solid(p.text)
    return (len(text) >= MIN_HEAD_CHARS and shape(raw).letterspaced and all(map(is_cjk, text))
            and not ends_sentence(text, profile) and not standalone(text, profile))


def _tail(p: Paragraph, profile: Profile) -> bool:
    if len(p.lines) != 1 or not p.whole_region or p.lines[0].bbox is not None:
        return False
    raw = p.lines[0].text.strip()
    text = _solid(p.text)
    return (MIN_TAIL_CHARS <= len(text) <= MAX_TAIL_CHARS and raw == text and all(map(is_cjk, text))
            and not ends_sentence(text, profile) and not standalone(text, profile))


def rejoin_spread_titles(flow: Flow, profile: Profile) -> Flow:
    """``flow`` with every title that wrapped across two text boxes joined back (see the
    module docstring); the same object when there is none."""
    paras = flow.paragraphs
    joined: dict[int, tuple[int, Paragraph]] = {}
    i = 0
    while i < len(paras) - 1:
        p, nxt = paras[i], paras[i + 1]
        if _head(p, profile) and _tail(nxt, profile):
            joined[i] = (i + 2, replace(p, text=_solid(p.text) + _solid(nxt.text), lines=p.lines + nxt.lines,
                                        runs_on=False, reasons=p.reasons + nxt.reasons + (REASON,),
                                        bbox=BBox.union_all([p.bbox, nxt.bbox])))
            i += 2
        else:
            i += 1
    return flow.with_joined(joined) if joined else flow
