"""The masthead of a Latin-script page: the newspaper's name, subscription terms, issue
number, date and year, printed as a cluster of small boxes.

``classify`` types the lines a profile recognises (``No. 249.``, ``Berlin, Dienſtag,``,
``1878.``) as headers one by one; the rest of the masthead (``Deutſcher Reichs⸗Anzeiger``,
``und``, ``Das Abonnement beträgt …``) looks like titles and short paragraphs. This stage
types the whole cluster as page headers (``masthead-span``):

* a *cluster* is two or more header lines with at most ``MAX_GAP`` other paragraphs
  between neighbours (a masthead prints issue number, date and year together; a lone
  date line is a running head, left as it is). The paragraphs in the gaps join it;
* the cluster extends backwards over the small paragraphs just before it (at most
  ``MAX_BACK`` paragraphs of at most ``MAX_LINES`` lines and ``MAX_CHARS`` characters
  each): the paper's name and terms stand above the issue line. A longer paragraph is
  text, and ends the extension.

The masthead may stand anywhere in the stream (OCR reading order often puts it after the
first column), so clusters are looked for on the whole page. CJK pages are left alone.

The masthead is then kept where the page prints it, as every page-level block is
(``furniture.place_in_reading_order``): an article of kind ``other`` (no headline) at its
place in the reading order.
"""
from __future__ import annotations

from typing import Sequence

from .classify import Typed
from .scriptcount import is_latin_page
from .textwidth import cjk_and_letters

#: Other paragraphs allowed between two header lines of one masthead.
MAX_GAP = 1
#: Paragraphs before a cluster that may join it ...
MAX_BACK = 6
#: ... each at most this many lines ...
MAX_LINES = 6
#: ... and characters.
MAX_CHARS = 400


def _latin(items: Sequence[Typed]) -> bool:
    return is_latin_page("".join(t.text for t in items), cjk_and_letters)


def _small(t: Typed) -> bool:
    return len(t.para.lines) <= MAX_LINES and len(t.text) <= MAX_CHARS


def apply_masthead(items: Sequence[Typed]) -> list[Typed]:
    """``items`` with every masthead paragraph typed ``header`` (see the module doc)."""
    out = list(items)
    if not out or not _latin(out):
        return out
    heads = [i for i, t in enumerate(out) if t.type == "header"]
    clusters: list[list[int]] = []
    for i in heads:
        if clusters and i - clusters[-1][-1] - 1 <= MAX_GAP:
            clusters[-1].append(i)
        else:
            clusters.append([i])
    for cl in clusters:
        if len(cl) < 2:
            continue
        first, last = cl[0], cl[-1]
        span = [k for k in range(first, last + 1) if out[k].type != "header" and _small(out[k])]
        k = first - 1
        while k >= 0 and first - k <= MAX_BACK and out[k].type != "header" and _small(out[k]):
            span.append(k)
            k -= 1
        reason = f"{REASON}: part of the masthead around lines {out[first].para.first_line}-{out[last].para.last_line}"
        for k in sorted(span + cl):
            out[k] = out[k].retype("header", reason)
    return out


REASON = "masthead-span"

