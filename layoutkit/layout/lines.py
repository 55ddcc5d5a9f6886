"""Text lines from character geometry, never from the PDF's drawing order.

Horizontal lines::

    band:   chars whose vertical centres lie within ``band_tolerance`` ems of the band's
            first char (sorted by centre), so two columns whose baselines are staggered
            by half a line fall into different bands;
    split:  a band sorted by x is cut wherever the gap between two chars exceeds
            ``split_gap`` ems (a column gutter), or the font size jumps; next to CJK
            punctuation drawn in a full-em box the gap is measured from the ink's side
            (``punctuation-ink-gap``, ``_ink_hang``);
    spaces: a gap wider than ``space_gap`` ems between Latin chars is a word space; between
            CJK chars only a gap of ``cjk_space_gap`` ems that is also 0.3 em wider than
            the line's median gap is (justification and letter-spacing spread CJK lines
            with gaps that are not spaces: ``支 配 收 入``, ``优 先 发 展``).

Vertical lines (CJK written top to bottom), found before the horizontal pass, which then
leaves their chars out: a CJK char whose nearest same-size neighbour in its column is
within ``vertical_gap`` ems and closer than its nearest neighbour on its row
(``_neighbour_gaps``: row and column bands by centre; columns also banded per font size,
``same-size-bands``; a squeezed pair sharing one cell counts in neither direction,
``same-cell-pair``) is set vertically; such chars stacked with centres aligned within
``vertical_align`` ems, at least ``vertical_min_chars`` of them, form one vertical line
read top to bottom.
"""
from __future__ import annotations

import bisect
import unicodedata
from collections import Counter
from functools import lru_cache
from itertools import accumulate, repeat
from operator import add, gt, itemgetter, or_, sub, truediv
from typing import Callable, Optional, Sequence, TypeVar

from ..params import LayoutParams
from ..textwidth import is_cjk
from .chars import Char, font_is_bold, font_is_italic
from .records import TextLine, make_line


#: ``Char`` fields by position: ``map`` with these reads a field of every char in C
_TEXT, _X0, _TOP, _X1, _BOTTOM, _SIZE, _FONT = (itemgetter(k) for k in range(7))
#: what goes before a char, by whether its gap is a word space
_SEPARATOR = ("", " ")


def _dominant(chars: Sequence[Char]) -> tuple[float, str]:
    """Size and font covering most characters of a line (ties: larger size)."""
    # Most lines are set in one size and one font: a set of each (built in C) says so,
    # and that size and font are the answer, without counting
    distinct_sizes = set(map(_SIZE, chars))
    distinct_fonts = set(map(_FONT, chars))
    if len(distinct_sizes) == 1:
        sizes: dict[float, int] = dict.fromkeys(distinct_sizes, 1)
    else:
        sizes = {}
        for s in map(_SIZE, chars):
            sizes[s] = sizes.get(s, 0) + 1
    # (``Counter`` counts in C and keeps first-seen order, so font ties fall to the first)
    fonts = dict.fromkeys(distinct_fonts, 1) if len(distinct_fonts) == 1 else Counter(map(_FONT, chars))
    return dominant_of_counts(sizes, fonts)


def dominant_of_counts(sizes: dict[float, int], fonts: dict[str, int]) -> tuple[float, str]:
    """Size and font covering most characters, from the chars counted by exact size and by
    font in first-seen order: sizes merged to 0.1 pt (one round per distinct size, not per
    char), ties to the larger size; font ties to the first seen. Shared by the per-char
    and the run-by-run line builders."""
    if len(sizes) == 1:
        size = round(next(iter(sizes)), 1)
    else:
        merged: dict[float, int] = {}
        for s, n in sizes.items():
            r = round(s, 1)
            merged[r] = merged.get(r, 0) + n
        # (the most chars, ties to the larger size: the largest (count, size) pair, compared
        # as the key tuples were, without a Python key function per size)
        size = max(zip(merged.values(), merged))[1]
    # (ties to the first seen: ``max`` keeps the first of equal keys)
    font = next(iter(fonts)) if len(fonts) == 1 else max(fonts, key=fonts.__getitem__)
    return size, font


def _make_line(all_chars: Sequence[Char], params: LayoutParams, vertical: bool = False) -> Optional[TextLine]:
    """The line of ``all_chars`` (in reading order). Space glyphs the PDF draws are kept as
    evidence only (``pdf-space``): between two non-CJK chars they are a word space even
    when narrower than ``space_gap`` (condensed headline faces); they add no width."""
    chars = [c for c in all_chars if c.text != " "]
    if not chars:
        return None
    # spaced[k]: a drawn space (not the line's first glyph) comes right before chars[k];
    # one forward pass (a space marks the next non-space char)
    spaced: Optional[list[bool]] = None
    if len(chars) < len(all_chars):
        spaced = []
        pending = False
        for k, c in enumerate(all_chars):
            if c.text == " ":
                if k:
                    pending = True
            else:
                spaced.append(pending)
                pending = False
    size, font = _dominant(chars)
    unit = max(size, 1e-6)
    texts, x0s, tops, x1s, bottoms = list(zip(*chars))[:5]  # (fields of all chars at once, in C)
    if vertical:
        gaps = list(map(truediv, map(sub, tops[1:], bottoms), repeat(unit)))
    else:
        gaps = list(map(truediv, map(sub, x0s[1:], x1s), repeat(unit)))
    if max("".join(texts)) >= "\u2e80":
        text = _spaced_text(texts, gaps, spaced, params)
    else:
        # no CJK code point lies below U+2E80: a Latin line is spaced by the gap and the
        # drawn spaces alone (each char after the first gets "" or " " before it, in C)
        wide = map(gt, gaps, repeat(params.space_gap))
        if spaced is not None:
            wide = map(or_, wide, spaced[1:])
        text = texts[0] + "".join(map(add, map(_SEPARATOR.__getitem__, wide), texts[1:]))
    return make_line(text, min(x0s), min(tops), max(x1s), max(bottoms), size, font, font_is_bold(font),
                     font_is_italic(font), vertical, len(chars))


def _spaced_text(texts: Sequence[str], gaps: list[float], spaced: Optional[list[bool]], params: LayoutParams) -> str:
    """The text of a line with CJK chars, word spaces put in by the rules of ``_make_line``."""
    # letter-spacing: a title spread evenly (优 先 发 展) has wide but equal gaps; only a gap
    # well beyond the line's usual one is a space
    usual = 0.0
    if gaps:
        ordered = sorted(gaps)
        usual = ordered[len(gaps) // 2]
        # ``solid-half-gap``: when exactly half the gaps are wide and the other half solid
        # (names set solid but spaced apart, ``胡鞍钢 张 新``: two gaps of 0.1 em, two of
        # 1.2) the line is not letter-spaced: its usual gap is the solid one (the lower
        # median) and the wide gaps are spaces; a line spread throughout keeps the upper
        low = ordered[(len(gaps) - 1) // 2]
        if low <= params.cjk_space_gap:
            usual = low
    parts = [texts[0]]
    for k in range(1, len(texts)):
        gap = gaps[k - 1]
        # (no CJK code point lies below U+2E80: most Latin pairs skip ``is_cjk``)
        a, b = texts[k - 1][-1], texts[k][0]
        cjk_pair = a >= "\u2e80" and b >= "\u2e80" and is_cjk(a) and is_cjk(b)
        if cjk_pair:
            space = gap > params.cjk_space_gap and gap > usual + 0.3
        else:
            space = gap > params.space_gap or (spaced is not None and spaced[k])
        if space:
            parts.append(" ")
        parts.append(texts[k])
    return "".join(parts)


def _bands(chars: Sequence[Char], params: LayoutParams) -> list[list[Char]]:
    """Chars grouped by vertical centre (see module docstring)."""
    # computed once, not per comparison (and in C)
    cys = list(map(truediv, map(add, map(_TOP, chars), map(_BOTTOM, chars)), repeat(2)))
    bands: list[list[Char]] = []
    anchor = 0.0
    tolerance = params.band_tolerance
    for i in sorted(range(len(chars)), key=cys.__getitem__):
        c, cy = chars[i], cys[i]
        if bands and cy - anchor <= tolerance * c.size:
            bands[-1].append(c)
        else:
            bands.append([c])
            anchor = cy
    return bands


@lru_cache(maxsize=8192)
def _tie_rank(ch: str) -> int:
    """Order of chars drawn at the same position (compressed CJK punctuation pairs share
    one cell: ``：“``, ``”，``): closing marks first, opening marks last, the rest between.
    Geometry cannot order them and the drawing order differs between PDF libraries."""
    cat = unicodedata.category(ch[0])
    return 0 if cat in ("Pe", "Pf") else 2 if cat in ("Ps", "Pi") else 1


def _split(band: list[Char], params: LayoutParams, head_limit: float = -1.0, body: float = 10.0) -> list[list[Char]]:
    """A band's chars in row order, cut into lines (see the module docstring)."""
    _order_band(band)
    return _cut(band, params, head_limit, body)


def _order_band(band: list[Char]) -> None:
    """Sort a band's chars into row order, in place."""
    if len(band) > 1:
        # sorted by (x0 to 0.1 pt, tie rank), drawing order among equals. Sorted by x0 alone
        # first: when neighbours then lie more than 0.11 pt apart no two share a rounded x0,
        # and that order is the answer (the usual case, no ``round`` per char); otherwise
        # by the full key, built in C (``map``), the index last keeping the sort stable.
        xs = list(map(_X0, band))
        order = sorted(range(len(band)), key=xs.__getitem__)
        sx = [xs[i] for i in order]
        if min(map(sub, sx[1:], sx)) > 0.11:
            band[:] = [band[i] for i in order]
        else:
            keyed = sorted(zip(map(round, xs, repeat(1)), map(_tie_rank, map(_TEXT, band)), range(len(band))))
            band[:] = [band[i] for _, _, i in keyed]


#: CJK closing punctuation: in a full-width font its ink sits in the left half of its em box
#: (GB style: the comma, full stop and colon at the bottom left, brackets on the left)
_CLOSING = frozenset("、。，．：；！？）］｝〉》」』】〕〗〙〛｠")
#: CJK opening brackets: their ink sits in the right half of the em box
_OPENING = frozenset("（［｛〈《「『【〔〖〘〚｟")
#: a punctuation box at least this many ems wide is the full em box (a font's advance, as
#: pdfplumber and pdfium report it), not the ink's box or a half-width glyph's
_FULL_BOX = 0.8


def _ink_hang(p: Char, c: Char, small: float) -> float:
    """How much wider the gap between ``p`` and ``c`` is than their boxes say, where one
    side is CJK punctuation in a full-em box (``punctuation-ink-gap``): half the box of a
    closing mark before the gap or of an opening bracket after it is blank.

    Why: justified CJK columns hang a line-end comma or full stop (and a line-start
    bracket) half an em out past the measure, its ink on the measure's edge and its blank
    half over the gutter. Where both columns' lines do it on one row, the boxes are only
    the gutter less a whole em apart (People's Daily: 1.17 em for a gutter whose plain
    rows are 2.26 em), under ``split_gap``: the two columns' lines joined. Measured from
    the ink, such a gap is what the reader sees. Only the larger side's blank half is
    added, not both: a closing mark and an opening bracket set in a line unsqueezed (no
    gutter between them) have two blank halves and would read as a whole em plus the
    tracking. Both sets lie above U+2E80, so a ``runs.Run`` holding one is that char
    alone (``x0`` is its own) and the run path gets the same answer. At most half an em of
    the pair's smaller size ``small`` (so ``_cut`` can skip pairs nearer than that)."""
    hang = 0.0
    if p.text[-1] in _CLOSING:
        w = p.x1 - p.x0
        if w >= _FULL_BOX * p.size:
            hang = 0.5 * w
    if c.text[0] in _OPENING:
        w = c.x1 - c.x0
        if w >= _FULL_BOX * c.size and 0.5 * w > hang:
            hang = 0.5 * w
    return hang if hang < 0.5 * small else 0.5 * small


def _cut(band: list[Char], params: LayoutParams, head_limit: float, body: float) -> list[list[Char]]:
    """A band in row order cut into lines: where a neighbouring pair is a gutter apart, the
    size jumps or the centre drifts. Reads only the char fields ``text``, ``x0``, ``top``,
    ``x1``, ``bottom`` and ``size``, of the pair's two sides: ``runs`` cuts a band of
    whole runs with it (a run's first char starts it, its last ends it)."""
    n = len(band)
    if n < 2:
        return [band] if band else []
    split_gap, latin_gap, size_jump = params.split_gap, params.latin_split_gap, params.size_jump
    head_gap = params.head_split_gap * body
    drift = params.band_tolerance * 1.5
    # pairs below this gap cut nowhere: under ``latin_split_gap``, and under ``split_gap``
    # even with a punctuation mark's blank half added (``_ink_hang``: at most half an em)
    near = min(latin_gap, split_gap - 0.5)
    # Every pair gets the exact test, in one plain loop: CPython 3.11 runs its float
    # arithmetic and comparisons faster than a prefilter of C-level ``map``s over the band
    # (each level of a ``map`` chain pays a call and a float object per pair), even where
    # the prefilter left few pairs (in-process A/B, every band of a page: sn99021999 8.4
    # -> 3.4 ms, a Federal Register page 0.6 -> 0.2 ms, People's Daily's char bands 2.9
    # -> 1.5 ms); on an OCR layer it left 76-92% anyway (each word its own size).
    out: list[list[Char]] = []
    start = 0
    for k in range(n - 1):
        p, c = band[k], band[k + 1]
        ps, cs = p.size, c.size
        small, big = (ps, cs) if ps <= cs else (cs, ps)
        small = small if small > 1e-6 else 1e-6
        space = c.x0 - p.x1
        # a size change within half an em (of the larger text) is inline (a superscript,
        # small caps); with a wider gap it is another text (a headline beside a column)
        jump = ps != cs and big / small > size_jump and space > 0.5 * big
        if c.bottom <= head_limit:
            # running heads set their items (folio, section, date) apart
            wide = space > head_gap
        elif space > near * small:
            if is_cjk(p.text[-1]) or is_cjk(c.text[0]):
                wide = space + _ink_hang(p, c, small) > split_gap * small
            else:
                wide = space > latin_gap * small
        else:
            wide = False
        if wide or jump or (c.top + c.bottom - p.top - p.bottom) / 2 > drift * small:
            out.append(band[start:k + 1])
            start = k + 1
    out.append(band[start:])
    return out


def _neighbour_gaps(chars: Sequence[Char]) -> list[tuple[float, float]]:
    """For every char, (horizontal gap, vertical gap) in ems to its nearest neighbour of a
    similar size on the same text row / in the same text column (inf when none).

    Rows are bands of chars whose centres lie within 0.3 em (sorted by x), columns the
    same across (sorted by y); the nearest neighbour is then the next char in its band,
    so the whole test is two sorts.

    ``same-cell-pair``: two chars that overlap by more than three quarters of an em both
    across and down share one cell (a compressed punctuation pair, ``。《`` in a row, ``、「``
    in a column; a half-width mark squeezed against the next char overlaps it by half an
    em only): they are neighbours of each other in neither direction, since their overlap
    says nothing about which way the text runs (a row's ``。《`` would otherwise pass for a
    two-char vertical line cut out of the row); their other neighbours decide."""
    inf = float("inf")
    n = len(chars)
    h = [inf] * n
    v = [inf] * n
    size = [c.size for c in chars]
    tops = [c.top for c in chars]
    bottoms = [c.bottom for c in chars]
    x0s = [c.x0 for c in chars]
    x1s = [c.x1 for c in chars]
    # ``same-size-bands``: a band is cut wherever a char lies past its reach, and chars of
    # other sizes interleave with a column's in the order across (the body text of every
    # row the column's centre line crosses): a cut can fall inside a column whose centres
    # differ by a fraction of a point (pdfium's loose boxes of a vertical font's glyphs
    # vary in width with the glyph, pdfplumber's are one em), so its chars lose their
    # neighbours. A second pass bands the chars of each size apart (a band is also cut
    # where the size changes), where nothing but the column's own size cuts it; each char
    # keeps the nearer neighbour of the two passes. Columns only: a row's centres come
    # from its baseline, one for all its chars of a size, so no cut falls inside a row.
    # And only chars more than 0.1 em from their row neighbours (``h``, known once the
    # rows' pass has run): a vertical char's column gap is 0.1 em below its row gap, so
    # the rest (body rows, most of a page) cannot turn vertical short of overlapping their
    # column neighbours; leaving them out of the pass only widens the gaps it finds, never
    # makes one up.
    each_size = [round(s, 2) for s in size]
    rows_across = [(c.top + c.bottom) / 2 for c in chars]
    _band_gaps(h, rows_across, x0s, x1s, tops, bottoms, sorted(range(n), key=rows_across.__getitem__), None, size)
    cols_across = [(c.x0 + c.x1) / 2 for c in chars]
    cols_order = sorted(range(n), key=cols_across.__getitem__)
    _band_gaps(v, cols_across, tops, bottoms, x0s, x1s, cols_order, None, size)
    if len(set(each_size)) > 1:  # (one size: the second pass is the first)
        # (``cols_order`` by cx: a stable sort by size keeps each size's chars in it)
        loose = sorted((i for i in cols_order if h[i] > 0.1), key=each_size.__getitem__)
        _band_gaps(v, cols_across, tops, bottoms, x0s, x1s, loose, each_size, size)
    return list(zip(h, v))


def _band_gaps(out: list[float], across: list[float], start: list[float], end: list[float], a_start: list[float],
               a_end: list[float], order: list[int], kind: Optional[list[float]], size: list[float]) -> None:
    """One pass of ``_neighbour_gaps``: the chars ``order`` (sorted by their centre
    ``across``) cut into bands (a char more than 0.3 em past its band's first, or, with
    ``kind``, of another kind than it), each band sorted along (``start``/``end``) and each
    neighbouring pair's gap in ems written into ``out`` where it is nearer than what is
    there. Rows pass (cy, x0, x1, top, bottom), columns (cx, top, bottom, x0, x1)."""
    band: list[int] = []
    anchor = 0.0
    band_kind = 0.0
    m = len(order)
    for pos_i in range(m + 1):
        i = order[pos_i] if pos_i < m else -1
        if i < 0 or (band and (across[i] - anchor > 0.3 * size[i] or (kind is not None and kind[i] != band_kind))):
            band.sort(key=start.__getitem__)
            for a, b in zip(band, band[1:]):
                sa, sb = size[a], size[b]
                if abs(sa - sb) > 0.2 * (sa if sa > sb else sb):
                    continue
                gap = start[b] - end[a]
                if gap < -0.75 * sa and min(a_end[a], a_end[b]) - max(a_start[a], a_start[b]) > 0.75 * sa:
                    continue  # (``same-cell-pair``)
                if gap / sa < out[a]:
                    out[a] = gap / sa
                if gap / sb < out[b]:
                    out[b] = gap / sb
            band = []
            if i < 0:
                break
        if not band:
            anchor = across[i]
            if kind is not None:
                band_kind = kind[i]
        band.append(i)


def _vertical_runs(chars: list[Char], params: LayoutParams) -> list[list[Char]]:
    """Chars stacked in one column (centres aligned, gaps small) as top-to-bottom runs."""
    ordered = sorted(chars, key=lambda c: c.cx)
    columns: list[list[Char]] = []
    for c in ordered:
        if columns and abs(c.cx - columns[-1][0].cx) <= params.vertical_align * c.size:
            columns[-1].append(c)
        else:
            columns.append([c])
    runs: list[list[Char]] = []
    for col in columns:
        col.sort(key=lambda c: (round(c.top, 1), _tie_rank(c.text)))
        cur: list[Char] = []
        for c in col:
            if cur and (c.top - cur[-1].bottom > params.vertical_gap * c.size
                        or abs(c.size - cur[-1].size) > 0.2 * c.size):
                runs.append(cur)
                cur = []
            cur.append(c)
        if cur:
            runs.append(cur)
    return runs


def _extent(seg: list[Char]) -> tuple[float, float, float, float, float]:
    """A segment's (x0, top, x1, bottom, largest size) over all its chars."""
    _text, x0s, tops, x1s, bottoms, sizes = list(zip(*seg))[:6]  # (fields read in C)
    return min(x0s), min(tops), max(x1s), max(bottoms), max(sizes)


def _attach_superscripts(segments: list[list[Char]], body: float) -> list[list[Char]]:
    """``superscript``: a short run (at most four chars) set smaller than the line beside it
    and lying within that line's height, inside it or touching either end, is part of that
    line (footnote markers, ordinals): its centre sits too high for the line's band."""
    merged = _superscript_hosts([_extent(seg) for seg in segments], list(map(len, segments)), body)
    if not merged:
        return segments
    return attach_to_hosts(segments, merged, lambda seg: sorted(seg, key=row_key))


_Part = TypeVar("_Part")


def attach_to_hosts(segments: list[list[_Part]], merged: dict[int, int],
                    order: Callable[[list[_Part]], list[_Part]]) -> list[list[_Part]]:
    """The segments with each merged one (``merged``: segment -> its host) moved into its
    host, a host that took any put back in reading order by ``order``. Shared by the
    per-char and the run-by-run line builders, whose parts are chars and runs."""
    # each line's superscripts, in the order they were found (one pass over ``merged``,
    # not one per line: an OCR page has thousands of lines and hundreds of short runs)
    attached: dict[int, list[_Part]] = {}
    for j, h in merged.items():
        attached.setdefault(h, []).extend(segments[j])
    out = []
    for k, seg in enumerate(segments):
        if k in merged:
            continue
        extra = attached.get(k)
        out.append(order(seg + extra) if extra else seg)
    return out


def row_key(c: Char) -> tuple[float, int]:
    """Row order of a line's chars: x0 to 0.1 pt, then the tie rank."""
    return (round(c.x0, 1), _tie_rank(c.text))


def _superscript_hosts(ext: list[tuple[float, float, float, float, float]], lengths: list[int],
                       body: float) -> dict[int, int]:
    """Each superscript segment (at most four chars) with the segment of the line that
    takes it (see ``_attach_superscripts``), found from the segments' extents and char
    counts alone."""
    cell = max(body, 1.0)
    rows: dict[int, list[int]] = {}
    for k, (x0, top, x1, bottom, size) in enumerate(ext):
        if lengths[k] > 4:
            rows.setdefault(int(((top + bottom) / 2) // cell), []).append(k)
    # A line ``h`` can only take a run lying within 0.3 of its size of its x-range: with
    # ``widest`` the largest such size, the lines starting left of the run's right end
    # (plus that margin) and ending right of its left end (less it). Each row's lines are
    # sorted by left edge with the running maximum of their right edges, so those lines
    # are found by bisection and a short backward scan, not by testing every line of
    # three rows (an OCR page: 2,000 short runs, 100,000 tests). The candidates are then
    # tried in the order the full search tries them (its row first, then the row below,
    # then the one above; each in page order), so the first that takes the run is the same.
    widest = max([0.0] + [ext[h][4] for hs in rows.values() for h in hs])
    index: dict[int, tuple[list[float], list[int], list[float]]] = {}
    for r, hs in rows.items():
        by_left = sorted(hs, key=lambda h: ext[h][0])
        index[r] = ([ext[h][0] for h in by_left], by_left, list(accumulate((ext[h][2] for h in by_left), max)))
    merged: dict[int, int] = {}
    for k, length in enumerate(lengths):
        if length > 4:
            continue
        x0, top, x1, bottom, size = ext[k]
        row = int(((top + bottom) / 2) // cell)
        # (widened by a relative 1e-9 for the rounding of the sums here and in the test)
        pad = 1e-9 * (abs(x0) + abs(x1) + widest + 1.0)
        left_limit, right_limit = x1 + 0.3 * widest + pad, x0 - 0.3 * widest - pad
        candidates: list[tuple[int, int]] = []
        for rank, r in enumerate((row, row + 1, row - 1)):
            entry = index.get(r)
            if entry is None:
                continue
            lefts, by_left, reach = entry
            i = bisect.bisect_right(lefts, left_limit)
            while i > 0 and reach[i - 1] >= right_limit:
                i -= 1
                if ext[by_left[i]][2] >= right_limit:
                    candidates.append((rank, by_left[i]))
        candidates.sort()
        for _, h in candidates:
            hx0, htop, hx1, hbottom, hsize = ext[h]
            beside = (hx0 <= x0 and x0 - hx1 <= 0.3 * hsize) or (x1 <= hx0 + 0.1 * hsize and hx0 - x1 <= 0.3 * hsize)
            if size <= 0.85 * hsize and htop - 0.35 * hsize <= top and bottom <= hbottom + 0.1 * hsize and beside:
                merged[k] = h
                break
    return merged


def build_lines(chars: Sequence[Char], params: LayoutParams, head_limit: float = -1.0,
                body: float = 10.0) -> list[TextLine]:
    """Every text line of the page (horizontal and vertical), in no particular order.

    A CJK char is set vertically when its nearest same-size neighbour in its column is
    closer than the nearest on its row (``vertical-writing``); such chars stacked in runs of
    at least ``vertical_min_chars`` form vertical lines, the rest go to the horizontal pass.
    """
    lines, taken = vertical_lines(chars, params)
    rest = [c for c in chars if id(c) not in taken] if taken else list(chars)
    segments = [seg for band in _bands(rest, params) for seg in _split(band, params, head_limit, body)]
    for seg in _attach_superscripts(segments, body):
        line = _make_line(seg, params)
        if line is not None:
            lines.append(line)
    return lines


def vertical_lines(chars: Sequence[Char], params: LayoutParams) -> tuple[list[TextLine], set[int]]:
    """The vertical lines of ``chars`` (see ``build_lines``) and the ids of the chars they
    took (left out of the horizontal pass). Only CJK chars are looked at: ``chars`` may
    be just those (in page order)."""
    # Only CJK is written vertically: the neighbour test runs on CJK chars only (their
    # neighbours on a mixed line do not change whether they stack).
    cjk = [c for c in chars if c.text[0] >= "\u2e80" and is_cjk(c.text[0])]  # (no CJK below U+2E80)
    lines: list[TextLine] = []
    taken: set[int] = set()
    if not cjk:
        return lines, taken
    gaps = _neighbour_gaps(cjk)
    vertical = [c for c, (h, v) in zip(cjk, gaps) if v <= params.vertical_gap and v + 0.1 < h]
    for run in _vertical_runs(vertical, params) if vertical else ():
        if len(run) >= params.vertical_min_chars:
            line = _make_line(run, params, vertical=True)
            if line is not None:
                lines.append(line)
            taken.update(id(c) for c in run)
    return lines, taken
