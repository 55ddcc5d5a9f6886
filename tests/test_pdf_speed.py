"""The PDF path's fast per-char code against plain reference versions of the same rules.

The fast versions (``chars.dedupe``, ``lines._split``, ``dehyphenate._trailing_letters``)
sort with single-type keys, prefilter pairs with C-level ``map``s and search windows;
these tests check that they still give exactly what the straightforward loops give, on
random input built to hit the edge cases (doubles in chains, equal x0s, size jumps,
drifting centres, letter runs longer than the search window).
"""
from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from layoutkit.dehyphenate import _trailing_letters
from layoutkit.layout import lines
from layoutkit.layout.chars import Char, dedupe
from layoutkit.params import LayoutParams


def _dedupe_reference(chars: list[Char], tolerance: float = 0.15) -> tuple[list[Char], int]:
    """The rule of ``dedupe`` as first written: sort by (glyph, x0, index), compare each
    char with the following ones of the same glyph within tolerance along x."""
    keyed = sorted(zip([c.text for c in chars], [c.x0 for c in chars], range(len(chars))))
    order = [i for _, _, i in keyed]
    drop: set[int] = set()
    for pos in range(len(order)):
        i = order[pos]
        if i in drop:
            continue
        c = chars[i]
        tol = tolerance * c.size
        for q in range(pos + 1, len(order)):
            j = order[q]
            d = chars[j]
            if d.text != c.text or d.x0 - c.x0 > tol:
                break
            if j not in drop and abs(d.top - c.top) <= tol and abs(d.size - c.size) <= tol:
                drop.add(max(i, j))
                if j < i:
                    break
    return [c for k, c in enumerate(chars) if k not in drop], len(drop)


def _split_reference(band: list[Char], params: LayoutParams, head_limit: float, body: float) -> list[list[Char]]:
    """The rule of ``lines._split`` as first written: one loop over every neighbouring pair."""
    band = sorted(band, key=lambda c: (round(c.x0, 1), lines._tie_rank(c.text)))
    out: list[list[Char]] = []
    cur: list[Char] = []
    p = None
    for c in band:
        if p is not None:
            small, big = (p.size, c.size) if p.size <= c.size else (c.size, p.size)
            small = max(small, 1e-6)
            space = c.x0 - p.x1
            jump = p.size != c.size and big / small > params.size_jump and space > 0.5 * big
            if c.bottom <= head_limit:
                wide = space > params.head_split_gap * body
            elif space > params.latin_split_gap * small:
                cjk = lines.is_cjk(p.text[-1]) or lines.is_cjk(c.text[0])
                wide = space > (params.split_gap if cjk else params.latin_split_gap) * small
            else:
                wide = False
            if wide or jump or (c.top + c.bottom - p.top - p.bottom) / 2 > params.band_tolerance * 1.5 * small:
                out.append(cur)
                cur = []
        cur.append(c)
        p = c
    if cur:
        out.append(cur)
    return out


# coarse coordinates make equal and near-equal x0s, doubles and chains of doubles likely
_coord = st.integers(0, 60).map(lambda k: k * 0.35)
_char = st.builds(
    lambda text, x0, w, top, size: Char(text, x0, top, x0 + w, top + size, size, "F"),
    st.sampled_from(["a", "b", "中", "“", "”"]), _coord, st.sampled_from([0.0, 0.3, 4.0, 9.0]),
    st.integers(0, 8).map(lambda k: k * 0.6), st.sampled_from([5.0, 9.0, 10.0, 10.2, 24.0]))


@settings(max_examples=300, deadline=None)
@given(st.lists(_char, max_size=40))
def test_dedupe_matches_reference(chars):
    assert dedupe(chars) == _dedupe_reference(chars)


@settings(max_examples=300, deadline=None)
@given(st.lists(_char, min_size=1, max_size=30), st.sampled_from([-1.0, 2.0, 5.0]))
def test_split_matches_reference(band, head_limit):
    params = LayoutParams()
    assert lines._split(list(band), params, head_limit, 10.0) == _split_reference(band, params, head_limit, 10.0)


_TRAILING = regex.compile(r"[\p{L}\p{M}ꝛ]+$")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from([" ", "-", "\n", "1", "é", "ſ"]),
                          st.integers(1, 150).map(lambda n: "a" * n)), max_size=8),
       st.integers(0, 1))
def test_trailing_letters_matches_full_search(parts, cut):
    text = "".join(parts)
    end = max(0, len(text) - cut)
    m = _TRAILING.search(text[:end])
    assert _trailing_letters(text, end) == (m.group(0) if m else "")
