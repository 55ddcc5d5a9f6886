"""Text lines built run by run (``runs``), with exactly the lines of the per-char rules.

``lines.build_lines`` states the rules char by char: bands by vertical centre, each band
sorted into row order and cut at gutters, size jumps and drift, short superscript
segments attached to their line, and each line's text spaced by gaps and drawn spaces.
This module applies the same rules to whole runs wherever a run's chars must get the same
answer (``runs`` says why), and hands a band or a line to the per-char functions, its
runs taken apart into single chars, wherever that is not certain:

* a band's runs are put in row order by first x0; when each run starts more than
  ``runs.ROW_STEP`` right of the last char of the run before, the per-char sort would
  give the same chars in the same order, so the band is cut between runs (``lines._cut``
  reads a run as a char whose left edge is its first char's and right edge its last's).
  Otherwise (runs overlapping along x: doubles, superscripts over a word), or when a gap
  inside a run could cut the line, the band goes through ``lines._split`` char by char;
* a segment's extent and char count are a run's sums, so the superscript search is the
  same; a line that takes superscripts is sorted char by char, as before;
* a line's text joins its runs' texts, a space between two runs when the gap is a word
  space for the line's size or a drawn space came before; when a gap inside a run could
  be a space for the line's size, or the line has CJK text (its own spacing rule), the
  line is made char by char (``lines._make_line``).
"""
from __future__ import annotations

from itertools import repeat
from operator import gt, mul, sub
from typing import Optional, Sequence

from ..params import LayoutParams
from .chars import Char, font_is_bold, font_is_italic
from .lines import build_lines as per_char_lines
from .lines import (_bands, _cut, _make_line, _split, _superscript_hosts, attach_to_hosts, dominant_of_counts,
                    row_key, vertical_lines)
from .records import TextLine, make_line
from .runs import (_TEN, _BOTTOM, _GAP, _INF, _LAST_X0, _SIZE, _X0, ROW_STEP,
                   Run, singles, text_runs)


def build_lines(chars: Sequence[Char], params: LayoutParams, head_limit: float = -1.0, body: float = 10.0,
                runs: Optional[Sequence[Run]] = None) -> list[TextLine]:
    """The lines of ``lines.build_lines(chars, ...)``, built from ``runs`` (the chars' runs,
    ``runs.text_runs(chars, params.dedupe_tolerance)``; made here when not given, and
    when that gives none, ``lines.build_lines`` builds them)."""
    if runs is None:
        runs = text_runs(chars, params.dedupe_tolerance)
        if runs is None:
            return per_char_lines(chars, params, head_limit, body)
    # (a CJK char is a run of its own: a run of several starts below U+2E80)
    lines, taken = vertical_lines([r.chars[0] for r in runs if r.text[0] >= "\u2e80"], params)
    if taken:  # (only CJK chars are set vertically, and those are runs of one char)
        runs = [r for r in runs if len(r.chars) > 1 or id(r.chars[0]) not in taken]
    segments: list[list[Run]] = []
    for band in _bands(runs, params):
        segments += _split_runs(band, params, head_limit, body)
    for seg in _attach_run_superscripts(segments, body):
        line = _run_line(seg, params)
        if line is not None:
            lines.append(line)
    return lines


def _split_runs(band: list[Run], params: LayoutParams, head_limit: float, body: float) -> list[list[Run]]:
    """``lines._split`` for a band of runs (see the module docstring)."""
    if len(band) == 1:
        run = band[0]
        if len(run.chars) == 1 or _holds(band, params, head_limit, body):
            return [band]
        return _split(singles(band), params, head_limit, body)
    ordered = sorted(band, key=_X0)
    if min(map(sub, map(_X0, ordered[1:]), map(_LAST_X0, ordered))) > ROW_STEP and _holds(ordered, params, head_limit,
                                                                                          body):
        return _cut(ordered, params, head_limit, body)
    return _split(singles(band), params, head_limit, body)


def _holds(band: list[Run], params: LayoutParams, head_limit: float, body: float) -> bool:
    """No pair of chars inside one of the runs cuts the line (``lines._cut``): such a pair
    has one size, one top and bottom (no size jump, no drift), so only its gap could, and
    the widest gap inside the run is below the limit that applies to it."""
    gaps = list(map(_GAP, band))
    sizes = list(map(_SIZE, band))
    latin_gap = params.latin_split_gap
    if min(sizes) > 1e-6 and min(map(_BOTTOM, band)) > head_limit:
        return not any(map(gt, gaps, map(mul, repeat(latin_gap), sizes)))
    head_gap = params.head_split_gap * body
    for run, gap, size in zip(band, gaps, sizes):
        if run.bottom <= head_limit:
            if gap > head_gap:
                return False
        elif gap > latin_gap * (size if size > 1e-6 else 1e-6):
            return False
    return True


def _attach_run_superscripts(segments: list[list[Run]], body: float) -> list[list[Run]]:
    """``lines._attach_superscripts`` for segments of runs: the same search on the same
    extents and char counts; a line that takes superscripts is sorted char by char."""
    ext = []
    lengths = []
    for seg in segments:
        _t, x0, top, _x1, bottom, size, _f, chars, _l, right = seg[0][:10]
        n = len(chars)
        if len(seg) == 1:  # (half the segments of an OCR page: a word alone)
            ext.append((x0, top, right, bottom, size))
            lengths.append(n)
            continue
        for _t, rx0, rtop, _x1, rbottom, rsize, _f, chars, _l, rright in map(_TEN, seg[1:]):
            if rx0 < x0:
                x0 = rx0
            if rtop < top:
                top = rtop
            if rright > right:
                right = rright
            if rbottom > bottom:
                bottom = rbottom
            if rsize > size:
                size = rsize
            n += len(chars)
        ext.append((x0, top, right, bottom, size))
        lengths.append(n)
    merged = _superscript_hosts(ext, lengths, body)
    if not merged:
        return segments
    return attach_to_hosts(segments, merged, row_order)


def row_order(seg: list[Run]) -> list[Run]:
    """A line's runs with its superscripts' runs, in the row order of their chars
    (``lines.row_key``, stable), as whole runs where that keeps them whole.

    Sorted by first x0, when each run starts more than ``ROW_STEP`` right of the last
    char of the run before, every char starts more than ``ROW_STEP`` right of the char
    before it (inside a run too, by ``runs.text_runs``): their x0s rounded to 0.1 pt
    strictly increase (two numbers more than 0.11 apart round to different tenths, in
    their order), so the per-char sort has no ties and gives these runs' chars in this
    order, which ``_run_line`` reads as it reads the same chars one by one. Otherwise (a
    superscript over a word, NaN coordinates: the test fails) the chars are sorted one by
    one, as before."""
    ordered = sorted(seg, key=_X0)
    if all(map(gt, map(sub, map(_X0, ordered[1:]), map(_LAST_X0, ordered)), repeat(ROW_STEP))):
        return ordered
    return sorted(singles(seg), key=row_key)


def _run_line(seg: list[Run], params: LayoutParams) -> Optional[TextLine]:
    """``lines._make_line`` for a segment of runs (see the module docstring).

    One pass over the runs gathers what the line needs (sizes and fonts by char count,
    the box, the widest gap inside a run, each run's text and what comes before it); a
    second joins the texts once the line's size (the unit of its gaps) is known."""
    if len(seg) == 1:
        return _one_run_line(seg, params)
    texts: list[str] = []
    spaced: list[bool] = []
    befores: list[float] = []
    sizes: dict[float, int] = {}
    fonts: dict[str, int] = {}
    x0 = top = _INF
    right = bottom = widest = -_INF
    count = 0
    prev_x1 = 0.0
    pending = False
    pos = 0
    for text, rx0, rtop, _x1, rbottom, size, font, chars, _last, _right, gap, nchars, ink_right, ink_x1 in seg:
        n = len(chars)
        if nchars:
            texts.append(text if nchars == n else text[:-1])
            spaced.append(pending)
            befores.append(rx0 - prev_x1)
            # a trailing drawn space marks the next char as spaced
            pending = nchars < n
            prev_x1 = ink_x1
            sizes[size] = sizes.get(size, 0) + nchars
            fonts[font] = fonts.get(font, 0) + nchars
            count += nchars
            if rx0 < x0:
                x0 = rx0
            if rtop < top:
                top = rtop
            if ink_right > right:
                right = ink_right
            if rbottom > bottom:
                bottom = rbottom
            if gap > widest:
                widest = gap
        elif pos:
            pending = True
        pos += n
    if not texts:
        return None
    size, font = dominant_of_counts(sizes, fonts)
    unit = max(size, 1e-6)
    space_gap = params.space_gap
    # (CJK text anywhere in the line, found once in C: a run's dropped trailing space is
    # below U+2E80, and a lone space run adds no text)
    if widest / unit > space_gap or max("".join(texts)) >= "\u2e80":  # a word space inside a run, or CJK spacing
        return _make_line(singles(seg), params)
    parts = [texts[0]]
    for text, spaced_k, before in zip(texts[1:], spaced[1:], befores[1:]):
        if spaced_k or before / unit > space_gap:
            parts.append(" ")
        parts.append(text)
    return make_line("".join(parts), x0, top, right, bottom, size, font, font_is_bold(font), font_is_italic(font),
                     False, count)


def _one_run_line(seg: list[Run], params: LayoutParams) -> Optional[TextLine]:
    """``_run_line`` of a line of one run (a word alone on its row, a one-word line of
    an OCR layer): its own size, font and text."""
    text, x0, top, _x1, bottom, size, font, chars, _last, _right, gap, nchars, ink_right, _ink_x1 = seg[0]
    if not nchars:
        return None
    unit = round(size, 1)
    if max(text) >= "\u2e80" or gap / max(unit, 1e-6) > params.space_gap:
        return _make_line(singles(seg), params)
    return make_line(text if nchars == len(chars) else text[:-1], x0, top, ink_right, bottom, unit, font,
                     font_is_bold(font), font_is_italic(font), False, nchars)
