"""Latin text boxes: what the blank lines of a Latin-script text mean.

A text export of an OCR page (ALTO, PAGE, a library's ``.txt``) writes one blank line
between the OCR's text blocks. For Latin-script text those blocks are the unit the
libraries' own structure uses: measured on the dev cases (reichsanzeiger,
chronicling-germany, bnf, kb: 1,170 blank lines), 96% of the blank lines are block starts
in the ground truth, whatever the sentence does across them (a box that ends with
``Die⸗`` and a box that opens with ``ſes Gut`` are joined in 7 of 10 cases, every other
kind of junction is a break in 93% to 99% of cases).

So, unlike CJK text (where ``reflow`` repairs a paragraph that a box break cut), a Latin
box break stands, with one exception:

* ``box-hyphen-continues``: the box ends with a word hyphen and the next opens with a
  lowercase letter (``Die⸗`` / ``ſes``): one word cut by the break, one paragraph.
"""
from __future__ import annotations

import regex

from .dehyphenate import HYPHENS


def box_break_joins(tail_text: str, head_text: str) -> bool:
    """True when a Latin paragraph continues across a blank line: ``box-hyphen-continues``
    (see the module doc)."""
    tail, head = tail_text.rstrip(), head_text.lstrip()
    return len(tail) >= 2 and tail[-1] in HYPHENS and tail[-2].isalpha() and bool(head) and head[0].islower()


#: The reason recorded on a paragraph joined across a blank line by ``box_break_joins``.
JOIN_REASON = "box-hyphen-continues: a word hyphenated across a text-box break"
#: The reason recorded when a Latin box break stands where CJK rules would have joined.
KEEP_REASON = "latin-box-break: a blank line in Latin text ends the block"


_ENUMERATION = regex.compile(r"^\s*(?:(?:\d{1,2}|[a-z]|[IVX]{1,4})\)|§\.?\s*\d{1,3}\b)\s*\S")


def opens_enumeration(text: str) -> bool:
    """``enumeration-break``: a line that opens with an item mark (``2) Waren``, ``b) Der``,
    ``§. 3.``) after a line that ends a sentence or a colon starts a new paragraph: law
    texts and notices number their paragraphs, whatever the line widths say. (Items
    that continue a sentence, ``zu London,`` / ``3) der frühere``, are left alone by the
    caller's sentence-end test.)"""
    return bool(_ENUMERATION.match(text))
