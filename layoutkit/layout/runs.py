"""Text runs: chars drawn one after another as one piece of text (an OCR word, a word of
a born-digital line), so the per-char passes of the layout can run once per run.

An OCR layer over a scan draws each recognised word with one text-showing operator: its
chars come one after another in drawing order, with one box height, size and font, each
starting right after the one before. Born-digital pages do the same for words (the
Federal Register: a word and the space after it). A page has 4-5 times fewer runs than
chars (sn99021999: 10,800 runs, 45,900 chars), and dedupe, bands, line splitting and line
assembly can decide a whole run at once because every per-char rule gives its chars the
same answer:

* a run's chars share ``top``, ``bottom``, ``size`` and ``font``, so they share a band
  (``lines._bands`` reads only those) and no pair inside a run changes size or drifts;
* each char starts more than ``max(0.11 pt, dedupe_tolerance ems)`` right of the one
  before: inside a run no two chars are fake-bold doubles of each other, and the row
  order of a band (``lines._order_band``: by x0, or by x0 to 0.1 pt when two chars lie
  within 0.11 pt) keeps a run's chars together and in drawing order;
* a space glyph only ends a run (so a line's text takes a run's text as it is, the space
  marking the next char as spaced); CJK chars are never grouped (they have their own
  spacing rule and may be set vertically).

What a run does *not* guarantee is checked where it matters, and the run is taken apart
into its chars (``singles``) when the check fails, so the result is always exactly the
per-char result: the band's runs overlap along x (their chars would interleave), a gap
inside a run is wide enough to cut the line there or to be a word space for the line's
size, or the line has CJK text or superscripts attached. ``tests/test_pdf_words9.py``
compares the run path with the per-char path on real pages and random ones.
"""
from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate, compress, repeat
from operator import add, ge, gt, itemgetter, le, or_
from typing import NamedTuple, Optional, Sequence

from .chars import Char, doubles


class Run(NamedTuple):
    """Chars drawn one after another as one piece of text (see the module docstring).

    The first seven fields are a ``Char``'s, read the way the per-char rules read a
    neighbouring pair: ``x0`` the first char's, ``x1`` the last char's (where the gap to the
    next char starts), ``text`` all the chars' texts joined (``text[0]`` and ``text[-1]``
    are the first and last char's ends). A run of one char (``single``) has exactly its
    char's values there, so the per-char functions of ``lines`` take a list of such runs
    as they take a list of chars."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    font: str
    chars: tuple[Char, ...]
    #: the last char's x0 (the run's largest)
    last_x0: float
    #: the largest x1 of all its chars (a line's right edge is the largest x1)
    right: float
    #: the widest gap between neighbouring chars (``-inf`` for one char)
    gap: float
    #: chars that are not a drawn space (all but a trailing space)
    nchars: int
    #: the largest x1 and the last x1 of those chars (``-inf`` for a lone space)
    ink_right: float
    ink_x1: float


_TEXT, _X0, _TOP, _X1, _BOTTOM, _SIZE, _FONT = (itemgetter(k) for k in range(7))
_CHARS, _LAST_X0, _RIGHT, _GAP, _NCHARS, _INK_RIGHT, _INK_X1 = (itemgetter(k) for k in range(7, 14))
#: a run's first ten fields (``Char``'s seven, ``chars``, ``last_x0``, ``right``)
_TEN = itemgetter(*range(10))
_INF = float("inf")
#: ``tuple.__new__``: a ``Run`` made from a tuple of its fields, in C
_new = tuple.__new__
#: Whatever follows a char this close along x could share its rounded x0 (``lines._order_band``).
ROW_STEP = 0.11
#: Runs per char above which ``text_runs`` gives up (the runs' own cost exceeds what they
#: save: a People's Daily page has 7,165 runs for 7,218 chars).
GROUPED_SHARE = 0.75
#: A Latin char starts a run's next char only within this many ems of its end: wider gaps
#: are word gaps, and a run with one would be taken apart in most lines anyway.
JOIN_GAP = 0.2


def single(c: Char) -> Run:
    """The run of one char: its char's fields, nothing more to know."""
    space = c.text == " "
    return Run(c.text, c.x0, c.top, c.x1, c.bottom, c.size, c.font, (c,), c.x0, c.x1, -_INF,
               0 if space else 1, -_INF if space else c.x1, -_INF if space else c.x1)


def singles(runs: Sequence[Run]) -> list[Run]:
    """The runs taken apart into runs of one char each, in order."""
    return [r if len(r.chars) == 1 else s for r in runs for s in ((r,) if len(r.chars) == 1 else map(single, r.chars))]


def text_runs(chars: Sequence[Char], tolerance: float) -> Optional[list[Run]]:
    """``chars`` (in drawing order) as runs: maximal stretches of consecutive chars where
    each next char has the same top, bottom, size and font, starts more than
    ``max(ROW_STEP, tolerance ems)`` right of the one before and within ``JOIN_GAP`` ems
    of its end, and neither is CJK (text from U+2E80) nor the one before a drawn space.
    None when that groups too few chars to pay (more than ``GROUPED_SHARE`` runs per
    char: a CJK page, each char drawn on its own): the per-char path is faster there.

    One plain loop over the chars finds the runs and makes each as it ends (``_formed``;
    CPython 3.11 runs it ~3x faster than the same test as a chain of C-level ``map``s,
    which pays a call per level and element). A page mostly of CJK chars is known to
    have too many runs before that loop (``_cjk_starts``)."""
    n = len(chars)
    if not n:
        return None
    chars = tuple(chars)
    if _mostly_cjk(chars) and _cjk_starts(chars) > GROUPED_SHARE * n:
        return None
    made = _formed(chars, tolerance)
    if len(made) > GROUPED_SHARE * n:
        return None
    return made


def _mostly_cjk(chars: tuple[Char, ...]) -> bool:
    """More than half of every 32nd char is CJK: whether ``_cjk_starts`` is worth
    counting (it costs a Latin page ~4% of ``_formed``; the gate is only about that cost,
    ``text_runs`` gives the same answer either way)."""
    sample = chars[::32]
    return 2 * sum(map(ge, map(_TEXT, sample), repeat("\u2e80"))) > len(sample)


def _cjk_starts(chars: tuple[Char, ...]) -> int:
    """A lower bound of the number of runs of ``chars``, counted in C: the first char, a
    char from U+2E80 (CJK) and a char after one each start a run (``text_runs``). A CJK
    page is known to go char by char before ``_formed``'s loop (a People's Daily page:
    7,200 chars, most of them CJK)."""
    cjk = list(map(ge, map(_TEXT, chars), repeat("\u2e80")))
    return 1 + sum(map(or_, cjk[1:], cjk))


def _formed(chars: tuple[Char, ...], tolerance: float) -> list[Run]:
    """The runs of ``chars`` (at least one char): ``_gather(chars, _starts(chars,
    tolerance))`` in one loop. ``_starts``'s loop holds the last char of a run and the
    run's shared top, bottom, size and font when the run ends, so the run is made there
    (its text and chars as slices, the tuple without ``Run``'s Python-level ``__new__``)
    instead of by ``_gather``'s fourteen ``map``s over the runs afterwards, each of
    which pays a call per run (sn99021999: 17.9 -> 14.8 ms for 45,900 chars).
    ``_starts`` and ``_gather`` are its reference (``tests/runs_reference.py``)."""
    out: list[Run] = []
    append = out.append
    texts = list(map(_TEXT, chars))
    pt, px0, ptop, px1, pbottom, psize, pfont, _ = chars[0]
    gap, right = -_INF, px1
    ink_right = ink_x1 = -_INF if pt == " " else px1
    start = 0
    first = chars[0]
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
            # (a drawn space only ever ends a run: it is not one of its ``nchars``)
            _t, fx0, ftop, _x1, fbottom, fsize, ffont, _ = first
            append(_new(Run, ("".join(texts[start:k]), fx0, ftop, px1, fbottom, fsize, ffont, chars[start:k], px0,
                              right, gap, k - start - (pt == " "), ink_right, ink_x1)))
            start = k
            first = c
            gap, right = -_INF, x1
            ink_right = ink_x1 = -_INF if t == " " else x1
        pt, px0, ptop, px1, pbottom, psize, pfont = t, x0, top, x1, bottom, size, font
    k += 1
    _t, fx0, ftop, _x1, fbottom, fsize, ffont, _ = first
    append(_new(Run, ("".join(texts[start:k]), fx0, ftop, px1, fbottom, fsize, ffont, chars[start:k], px0, right, gap,
                      k - start - (pt == " "), ink_right, ink_x1)))
    return out


def without(runs: list[Run], drop: set[int], tolerance: float) -> list[Run]:
    """``runs`` of the chars left when the chars at positions ``drop`` (in
    ``run_chars(runs)``) are removed: the runs of the kept chars, as ``text_runs`` (no
    gate) would make them, re-made only around the removed chars.

    Whether two neighbouring chars join depends on those two alone, so only the pairs
    that a removal makes neighbours change: such a pair lies within the removed char's
    run and the runs on either side. Re-making each stretch of such runs, whose outer
    neighbours are kept chars that were already neighbours (and not joined), gives the
    same runs as making them all again."""
    base = list(accumulate(map(len, map(_CHARS, runs)), initial=0))
    hit = {bisect_right(base, d) - 1 for d in drop}
    touched = sorted({k + i for k in hit for i in (-1, 0, 1) if 0 <= k + i < len(runs)})
    out: list[Run] = []
    done = 0
    i = 0
    while i < len(touched):
        j = i
        while j + 1 < len(touched) and touched[j + 1] == touched[j] + 1:
            j += 1
        a, b = touched[i], touched[j]
        out += runs[done:a]
        kept = tuple(c for k, c in enumerate(run_chars(runs[a:b + 1]), base[a]) if k not in drop)
        if kept:
            out += _formed(kept, tolerance)
        done = b + 1
        i = j + 1
    out += runs[done:]
    return out


def run_chars(runs: Sequence[Run]) -> list[Char]:
    """The runs' chars, in order."""
    out: list[Char] = []
    for chars in map(_CHARS, runs):
        out += chars
    return out


def run_doubles(runs: Sequence[Run], tolerance: float) -> set[int]:
    """Positions (in ``run_chars(runs)``) of the fake-bold doubles ``chars.dedupe`` finds.

    A double is the same glyph again with x0, top and size each within ``tolerance`` ems
    (of one of the two: at most the larger size). No two chars of one run are doubles
    (each starts more than ``tolerance`` ems right of the one before), so a double pair
    lies in two runs whose tops differ by at most ``tolerance`` ems and whose x0 ranges
    (first to last char's x0, the end widened by ``tolerance`` ems of the run's size) meet.
    Those runs are found in a grid of top cells (``_crossing``); ``chars.doubles`` is
    then asked about their chars only, in drawing order, which gives the same doubles (it
    depends only on the chars of the pairs and their relative order). On an OCR layer
    that leaves a few hundred chars of a page's tens of thousands."""
    m = len(runs)
    if m < 2:  # (no two chars of one run are doubles)
        return set()
    sizes = list(map(_SIZE, runs))
    # The grid's cells must be as tall as ``tolerance`` ems of the largest size they hold:
    # a page's few large runs (mastheads, headlines) get a grid of their own so the body
    # text's cells stay a fraction of a line tall. A double's two sizes differ by at most
    # ``tolerance`` of one of them, so a pair with one size above ``cap`` has the other
    # above ``(1 - tolerance) * cap``: every pair lies wholly in one of the two classes.
    cap = 1.5 * sorted(sizes)[m // 2]
    small = list(compress(range(m), map(le, sizes, repeat(cap))))
    if len(small) == m:
        suspects = _crossing(runs, range(m), tolerance * cap, tolerance)
    else:
        large = list(compress(range(m), map(gt, sizes, repeat((1 - tolerance) * cap))))
        suspects = _crossing(runs, small, tolerance * cap, tolerance)
        suspects |= _crossing(runs, large, tolerance * max(sizes), tolerance)
    if not suspects:
        return set()
    base = list(accumulate(map(len, map(_CHARS, runs)), initial=0))
    where: list[int] = []
    subset: list[Char] = []
    for k in sorted(suspects):
        where += range(base[k], base[k + 1])
        subset += runs[k].chars
    return {where[p] for p in doubles(subset, tolerance)}


def _crossing(runs: Sequence[Run], which: Sequence[int], reach: float, tolerance: float) -> set[int]:
    """The runs of ``which`` that may hold a double of another's char: runs whose tops
    differ by at most ``reach`` and whose x0 ranges (end widened by ``tolerance`` ems of
    their size) meet, found as overlapping ranges in cells of top.

    Two grids of cells ``2 * reach`` tall, the second shifted by ``reach``: two tops at most
    ``reach`` apart share a cell of at least one. In each grid the runs are sorted by
    (cell, x0) (one float key: ``cell * width + x0``, width exceeding every range so a
    cell's keys stay below the next cell's), and a run's range meets another's in its
    cell exactly when it starts before the largest end so far or ends after the next
    start. The ends carry a margin for the rounding of the keys (1e-6 pt and more for
    large keys: a suspect too many costs nothing, one too few would lose a double)."""
    if len(which) < 2:
        return set()
    pick = list(which)
    chosen = list(map(runs.__getitem__, pick))
    x0s = list(map(_X0, chosen))
    tops = list(map(_TOP, chosen))
    stops = [last_x0 + tolerance * size for last_x0, size in zip(map(_LAST_X0, chosen), map(_SIZE, chosen))]
    low = min(x0s)
    width = max(stops) - low + 1.0
    # (cells at least 1 pt tall: a zero tolerance would make the keys too large to tell
    # x0s apart; a taller cell only finds more suspects)
    cell = max(2 * reach * (1 + 1e-6), 1.0)
    # the margin covers the rounding of keys as large as the page's
    margin = 1e-6 + 1e-14 * ((max(map(abs, tops)) / cell + 2) * width + abs(low))
    stops = [stop + margin for stop in stops]
    found: set[int] = set()
    for shift in (0.0, 0.5):
        offsets = [(top / cell + shift) // 1.0 * width - low for top in tops]
        keys = list(map(add, offsets, x0s))
        order = sorted(range(len(pick)), key=keys.__getitem__)
        # a range meets another of its cell when it starts before the largest end so far
        # (it meets an earlier one), or ends after the next start (it meets a later one):
        # one plain loop in key order (faster in CPython 3.11 than the same tests as
        # ``accumulate``/``compress`` chains over the sorted keys and ends, which pay a call
        # per level and run; the largest end so far starts at the first end and grows as
        # ``max`` would grow it)
        prev = order[0]
        largest = prev_end = offsets[prev] + stops[prev]
        for i in order[1:]:
            key = keys[i]
            if key <= largest:
                found.add(pick[i])
            if prev_end >= key:
                found.add(pick[prev])
            end = offsets[i] + stops[i]
            if end > largest:
                largest = end
            prev, prev_end = i, end
    return found
