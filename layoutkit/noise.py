"""OCR noise: lines that carry no words (``"^g*^'fT| I UW |i|lWW__``, ``rq - 61``, ``fKr ) i])``).

Uncorrected OCR of old pages turns rules, ornaments, pictures and bleed-through into short
lines of stray letters and punctuation. They are not paragraphs: the reflow keeps them out
of the paragraph they interrupt (``ocr-noise-line``) and the classifier types them
``other``. Their characters are never dropped.

A text is noise when it is Latin-script (no CJK character) and either fewer than half of its
visible characters are letters (long lines: and its tokens are long, so it is no table row),
or it is short and less than a third of its characters are in word-like
tokens (two or more letters in a normal case pattern: ``word``, ``Word``, ``WORD``,
``l'empereur``).
Lines of a section sign (``§. 1.``) are headings, never noise.
"""
from __future__ import annotations

import re

import regex

#: One character for which ``textwidth.is_cjk`` is true (its ranges: U+3000–U+303F lie
#: inside U+2E80–U+9FFF); and one that is also not whitespace (U+3000, the ideographic
#: space, is the only whitespace in those ranges). One C-level search answers "does this
#: text hold a CJK character" instead of a Python call per character
#: (``tests/test_speed_classify10.py`` checks both against ``is_cjk`` on every code point).
CJK_CHAR = re.compile("[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0002fa1f]")
_CJK_VISIBLE = re.compile("[\u2e80-\u2fff\u3001-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
                          "\U00020000-\U0002fa1f]")

_WORDLIKE = regex.compile(r"^[\"'„“‚(\[]*(?:\p{L}['’])?(?:\p{Lu}?[\p{Ll}ſ\p{M}]{2,}|\p{Lu}{2,}|\p{Lu}[\p{Ll}ſ])"
                          r"(?:[-⸗'’](?:\p{L}+))*[.,;:!?)\]\"'“”»«]*$")
#: Longest text (characters) judged by its words; longer lines are noise only when fewer
#: than half their characters are letters and their tokens are long (no table row).
MAX_NOISE_CHARS = 60


def is_noise(text: str) -> bool:
    """True when ``text`` looks like OCR debris rather than words (see the module doc)."""
    t = text.strip()
    if not t or t.startswith("§"):
        return False
    # (counted with C-level ``map``s: this runs for most short paragraphs of a scan)
    if not t.isascii() and _CJK_VISIBLE.search(t):
        return False
    visible = len(t) - sum(map(str.isspace, t))
    letters = sum(map(str.isalpha, t))  # (no space is a letter)
    tokens = t.split()
    if letters * 2 < visible and (len(t) <= MAX_NOISE_CHARS or len(tokens) * 8 < len(t)):
        # (a long line of figures has many short tokens: a table row, not debris)
        return True
    if len(t) > MAX_NOISE_CHARS:
        return False
    in_words = sum(map(len, filter(_WORDLIKE.match, tokens)))
    return in_words * 3 < visible


_DIGITS = regex.compile(r"\d+")


def is_table(lines: list[str]) -> bool:
    """True when a block of three or more lines is a table of figures (stock prices,
    results, shipping lists): four lines in five carry a number and digits are at least a quarter
    of the visible characters. Tables are typed ``other``, as libraries' ground truth does."""
    if len(lines) < 3:
        return False
    # (counted with C-speed ``map`` over the lines joined: this runs for every paragraph
    # of three lines or more; the digit share, false for text, is tested first)
    joined = "".join(lines)
    visible = len(joined) - sum(map(str.isspace, joined))
    if sum(map(str.isdigit, joined)) * 4 < visible:
        return False
    with_figures = len(list(filter(_DIGITS.search, lines)))
    return with_figures * 5 >= len(lines) * 4
