"""Titles of Latin-script text that the width rules of ``classify`` miss.

``classify`` takes a short line for a title when it is narrower than its column. A one-line
text box gets a measure from the column family its line fits; on a page whose families
come from narrow table columns (stock lists, ship lists), a title such as ``CONSEIL
MUNICIPAL`` fits such a family, looks full, and is typed body text.

``caps-box-title``: a text box of one line (blank lines around it) set in capitals, with
two or more words (one of four or more letters) and no sentence end, is a title
whatever its measure. Only body-typed paragraphs are retyped, so profile patterns (page
headers, datelines, bylines) keep their types; CJK text is left alone.

``sentence-box-title``: a text box of one short line that is a sentence of its own
(``Das adriatiſche Bündnis.``, ``Wer wird Baldwins Nachfolger?``; a capital first, at
most ``SENTENCE_TITLE_WORDS`` words, no digits) standing above body text or above
another such box (a deck) is a title: running text does not stand alone in a box of
one line between blank lines, a heading does.

``closing-line``: a short line that ends with a period and was cut from the body text
above it in the same text box (``Der Reichskanzler.`` / ``Ebert.`` under a decree) is the
signature or closing of that text, not a heading, although it has a heading's shape
(a few capitalized words and a period): it is typed body. A heading stands in a box of
its own or opens one.

``title-date-line``: a one-line box that the profile's page-header pattern took for a
running head (``DONDERDAG 30 NOVEMBER.``) but that stands between a title and that
title's body text (title, date line, body) is the article's own date line: a running
head is printed at the top or foot of the page, never between a heading and the text
under it. It is typed ``subheadline`` and stays in the article. The line must read as a
date (a word and a number): a folio (``3``) or an edition name (``Kölniſche Zeitung *
Erſte Morgen-Ausgabe``) is left alone, since a running head the stream lists mid-page
(after a masthead title such as ``LE MATIN``) is followed by the page's next text as well.
Only the input's own boxes count (the boxes ``flat`` restores are guesses).
"""
from __future__ import annotations

from typing import Sequence

import regex

from .classify import Typed
from .scriptcount import cjk_over_third_bound
from .textwidth import cjk_and_letters, is_cjk

_WORD = regex.compile(r"[\p{L}ſ]{2,}")
#: Share of a line's letters that are capitals for the line to be set in capitals.
CAPS_SHARE = 0.8
#: A one-line sentence box of at most this many words may be a title.
SENTENCE_TITLE_WORDS = 8


def _sentence_box(t: Typed) -> bool:
    p, text = t.para, t.text.strip()
    return (t.type == "body" and p.whole_region and len(p.lines) == 1 and bool(text) and text[0].isupper()
            and text[-1] in ".?!" and len(text.split()) <= SENTENCE_TITLE_WORDS
            and not any(c.isdigit() for c in text))


def caps_title(text: str) -> bool:
    """A line set in capitals (``CONSEIL MUNICIPAL``, ``LE COMMERCE``) with two or more
    words, one of four or more letters, and no sentence end."""
    t = text.strip()
    letters = [c for c in t if c.isalpha()]
    if not letters or any(is_cjk(c) for c in letters) or t[-1] in ".!?;:,":
        return False
    if sum(c.isupper() for c in letters) < CAPS_SHARE * len(letters):
        return False
    words = _WORD.findall(t)
    return len(words) >= 2 and max(len(w) for w in words) >= 4


def apply_caps_titles(items: Sequence[Typed], real_boxes: bool = True) -> list[Typed]:
    """``items`` with one-line capitals boxes typed ``headline`` (``caps-box-title``), one-line
    sentence boxes above text typed ``headline`` (``sentence-box-title``, only when the
    boxes are the input's own, ``real_boxes``: the boxes ``flat`` restores are guesses) and
    closing lines typed ``body`` (``closing-line``)."""
    out = list(items)
    if not out:
        return out
    text = "".join(t.text for t in out)
    cjk_page = cjk_over_third_bound(text)  # (a CJK or a Latin page is settled without counting)
    if cjk_page is None:
        cjk, letters = cjk_and_letters(text)
        cjk_page = cjk * 3 > letters
    if cjk_page:
        return out
    for k, t in enumerate(out):
        p = t.para
        if t.type == "body" and p.whole_region and len(p.lines) == 1 and caps_title(t.text):
            out[k] = t.retype("headline", "caps-box-title: a text box of one line in capitals")
        elif real_boxes and _sentence_box(t) and k + 1 < len(out) and (
                (out[k + 1].type == "body" and len(out[k + 1].para.lines) >= 2)
                or out[k + 1].type in ("headline", "subheadline") or _sentence_box(out[k + 1])):
            out[k] = t.retype("headline", "sentence-box-title: a one-line sentence box above body text")
        elif t.type in ("headline", "subheadline") and k > 0 and t.text.rstrip().endswith(".") \
                and not p.whole_region and p.region_index == out[k - 1].para.region_index \
                and out[k - 1].type in ("body", "headline", "subheadline") \
                and _closes_text(out, k):
            out[k] = t.retype("body", "closing-line: a signature or closing line under the text above it")
    return out


#: A date line has a word of three or more letters (a weekday or month) and a number.
_DATE_WORD = regex.compile(r"\p{L}{3,}")
_DATE_NUMBER = regex.compile(r"\d")


def apply_title_date_lines(items: Sequence[Typed]) -> list[Typed]:
    """``items`` with a page-header line standing between a title and its body text typed
    ``subheadline`` (``title-date-line``, module doc)."""
    out = list(items)
    for k in range(1, len(out) - 1):
        t = out[k]
        if t.type == "header" and t.para.whole_region and len(t.para.lines) == 1 \
                and out[k - 1].type in ("headline", "subheadline") and out[k + 1].type == "body" \
                and _DATE_WORD.search(t.text) and _DATE_NUMBER.search(t.text):
            out[k] = t.retype("subheadline", "title-date-line: a date line between a title and its text")
    return out


def _closes_text(items: list[Typed], k: int) -> bool:
    """The paragraphs of ``k``'s box before it, back to body text, are all closing lines."""
    j = k - 1
    while j >= 0 and items[j].para.region_index == items[k].para.region_index:
        if items[j].type == "body" and len(items[j].para.lines) > 1 or items[j].type == "body" and \
                not items[j].text.rstrip().endswith("."):
            return True
        if not items[j].text.rstrip().endswith("."):
            return False
        j -= 1
    return False
