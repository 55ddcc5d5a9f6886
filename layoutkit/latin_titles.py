"""Titles of Latin-script text that the width rules of ``classify`` miss.

``classify`` takes a short line for a title when it is narrower than its column. A one-line
text box gets a measure from the column family its line fits; on a page whose families
come from narrow table columns (stock lists, ship lists), a title such as ``CONSEIL
MUNICIPAL`` fits such a family, looks full, and is typed body text.

``caps-box-title``: a text box of one line (blank lines around it) set in capitals, with
at least two words of three or more letters and no sentence end, is a title
whatever its measure. Only body-typed paragraphs are retyped, so profile patterns (page
headers, datelines, bylines) keep their types; CJK text is left alone.
"""
from __future__ import annotations

from typing import Sequence

import regex

from .classify import Typed
from .textwidth import is_cjk

_WORD = regex.compile(r"[\p{L}ſ]{3,}")
#: Share of a line's letters that are capitals for the line to be set in capitals.
CAPS_SHARE = 0.8


def caps_title(text: str) -> bool:
    """A line set in capitals (``CONSEIL MUNICIPAL``, ``LE COMMERCE``) with two or more
    words of three or more letters and no sentence end."""
    t = text.strip()
    letters = [c for c in t if c.isalpha()]
    if not letters or any(is_cjk(c) for c in letters) or t[-1] in ".!?;:,":
        return False
    if sum(c.isupper() for c in letters) < CAPS_SHARE * len(letters):
        return False
    return len(_WORD.findall(t)) >= 2


def apply_caps_titles(items: Sequence[Typed]) -> list[Typed]:
    """``items`` with one-line capitals boxes typed ``headline`` (``caps-box-title``)."""
    out = list(items)
    for k, t in enumerate(out):
        p = t.para
        if t.type == "body" and p.whole_region and len(p.lines) == 1 and caps_title(t.text):
            out[k] = t.retype("headline", "caps-box-title: a text box of one line in capitals")
    return out
