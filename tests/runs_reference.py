"""The run finder as it was before ``runs._formed`` (two passes: ``_starts`` finds where
each run starts, ``_gather`` makes the runs from those starts with ``map``s): kept as the
reference the one-loop ``_formed`` is compared with, and used by tests that build runs
the old way (``tests/test_pdf_words9.py``, ``tests/test_scanlayout11_layout.py``)."""
from __future__ import annotations

from itertools import repeat
from operator import eq, sub

from layoutkit.layout.chars import Char
from layoutkit.layout.runs import (_BOTTOM, _FONT, _INF, _SIZE, _TEXT, _TOP, _X0, _X1, JOIN_GAP, ROW_STEP,
                                   Run)

#: what ``_starts`` finds: run starts, widest gaps, right edges, ink right edges, ink last x1s
_Found = tuple[list[int], list[float], list[float], list[float], list[float]]


def starts(chars: tuple[Char, ...], tolerance: float) -> _Found:
    """Where each run of ``chars`` starts (see ``runs.text_runs``), with each run's widest gap
    between neighbouring chars (``-inf`` for one char), largest x1, and largest and last
    x1 of its chars other than a trailing space (``-inf`` for a lone space), kept as it
    goes (a space only ever ends a run)."""
    starts = [0]
    gaps: list[float] = []
    rights: list[float] = []
    ink_rights: list[float] = []
    ink_x1s: list[float] = []
    pt, px0, ptop, px1, pbottom, psize, pfont, _ = chars[0]
    gap, right = -_INF, px1
    ink_right = ink_x1 = -_INF if pt == " " else px1
    k = 0
    for c in chars[1:]:
        k += 1
        t, x0, top, x1, bottom, size, font, _ = c
        g = x0 - px1
        if (top == ptop and size == psize and bottom == pbottom and font == pfont and g <= JOIN_GAP * size
                and x0 - px0 > ROW_STEP and x0 - px0 > tolerance * size and pt != " " and pt < "\u2e80"
                and t < "\u2e80"):
            if g > gap:
                gap = g
            if x1 > right:
                right = x1
            if t != " ":
                if x1 > ink_right:
                    ink_right = x1
                ink_x1 = x1
        else:
            starts.append(k)
            gaps.append(gap)
            rights.append(right)
            ink_rights.append(ink_right)
            ink_x1s.append(ink_x1)
            gap, right = -_INF, x1
            ink_right = ink_x1 = -_INF if t == " " else x1
        pt, px0, ptop, px1, pbottom, psize, pfont = t, x0, top, x1, bottom, size, font
    gaps.append(gap)
    rights.append(right)
    ink_rights.append(ink_right)
    ink_x1s.append(ink_x1)
    return starts, gaps, rights, ink_rights, ink_x1s


def gather(chars: tuple[Char, ...], found: _Found) -> list[Run]:
    """The runs of ``chars`` that ``_starts`` found, their other fields gathered in C."""
    starts, gaps, rights, ink_rights, ink_x1s = found
    n = len(chars)
    ends = starts[1:]
    ends.append(n)
    lasts = list(map(sub, ends, repeat(1)))
    slices = list(map(slice, starts, ends))
    firsts = list(map(chars.__getitem__, starts))
    last_chars = list(map(chars.__getitem__, lasts))
    texts = list(map(_TEXT, chars))
    last_texts = list(map(_TEXT, last_chars))
    if " " in last_texts:  # a drawn space ends some runs: it is not one of their chars
        nchars = list(map(sub, map(sub, ends, starts), map(eq, last_texts, repeat(" "))))
    else:
        nchars = list(map(sub, ends, starts))
    return list(map(tuple.__new__, repeat(Run), zip(
        map("".join, map(texts.__getitem__, slices)), map(_X0, firsts), map(_TOP, firsts), map(_X1, last_chars),
        map(_BOTTOM, firsts), map(_SIZE, firsts), map(_FONT, firsts), map(chars.__getitem__, slices),
        map(_X0, last_chars), rights, gaps, nchars, ink_rights, ink_x1s)))
