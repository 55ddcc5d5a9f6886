"""Author notes wrapped apart: ``author-note-rejoin``.

A Chinese article ends with a bracketed author note, ``（作者单位：…）``. Squeezed into the
narrow foot of a column (beside a picture, a column label), it wraps over two or three
short lines, and each short line reads as a paragraph of its own: a first line that ends
at the colon (``（作者单位：``), then fragments without a sentence end, which the
classifier takes for title lines — a kicker or headline that opens a phantom article.

The rule: a short paragraph that opens a bracket and leaves it open is joined with the
next paragraphs of the stream (at most ``MAX_PIECES`` in all) up to the one that closes
the bracket, when the joined text is an author note by the profile's own ``author_note``
patterns. Nothing else is joined: without the closing bracket within reach, or without
the profile's pattern, the paragraphs stay as they were.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Optional

from .continuation import unclosed
from .model import BBox, Paragraph
from .profile import Profile
from .reflow import Flow, join_texts

#: The pieces a wrapped note may come in (its first line and the lines after it).
MAX_PIECES = 3
#: A piece longer than this (characters) is body text, not a line of a note.
MAX_PIECE_CHARS = 40

REASON = "author-note-rejoin: a bracketed author note wrapped over short lines joined back"

_OPENERS = ("（", "(")


def _opens_note(text: str) -> bool:
    t = text.strip()
    return bool(t) and t[0] in _OPENERS and len(t) <= MAX_PIECE_CHARS and unclosed(t) in ("）", ")")


def _joined_end(paras: tuple[Paragraph, ...], i: int, profile: Profile) -> Optional[int]:
    """The index after the last piece of the note that paragraph ``i`` opens, if the
    pieces close it within reach and make an author note."""
    texts = [paras[i].text.strip()]
    for j in range(i + 1, min(i + MAX_PIECES, len(paras))):
        t = paras[j].text.strip()
        if not t or len(t) > MAX_PIECE_CHARS:
            return None
        texts.append(t)
        whole = "".join(texts)
        if unclosed(whole) is None:
            return j + 1 if profile.match("author_note", whole) else None
    return None


def rejoin_author_notes(flow: Flow, profile: Profile) -> Flow:
    """``flow`` with every author note that wrapped apart joined back into one paragraph
    (see the module docstring); the same object when there is none."""
    paras = flow.paragraphs
    joined: dict[int, tuple[int, Paragraph]] = {}
    i = 0
    n = len(paras)
    while i < n:
        end = _joined_end(paras, i, profile) if _opens_note(paras[i].text) else None
        if end is None:
            i += 1
            continue
        pieces = paras[i:end]
        reasons = [r for p in pieces for r in p.reasons]
        text = join_texts([p.text.strip() for p in pieces], reasons)
        reasons.append(REASON)
        boxes = [p.bbox for p in pieces if p.bbox is not None]
        joined[i] = (end, replace(pieces[0], text=text, lines=tuple(ln for p in pieces for ln in p.lines),
                                  runs_on=False, reasons=tuple(reasons), bbox=BBox.union_all(boxes),
                                  whole_region=False))
        i = end
    return flow.with_joined(joined) if joined else flow
