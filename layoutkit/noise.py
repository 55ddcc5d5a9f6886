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
    """True when ``text`` looks like OCR debris rather than words (see the module doc).

    ``ascii-noise-test``: an ASCII text (most lines of a scan) is counted with C-level
    string operations instead of a test per character: its visible characters are its
    tokens' (``str.split`` splits at exactly the characters ``str.isspace`` accepts), its
    letters are the characters that deleting ``A-Z a-z`` removes from its bytes, and its
    word-like tokens are found by one search of the whole text (``_ASCII_WORDLIKE``: the
    ASCII characters of ``_WORDLIKE``'s classes, a token being a run between whitespace).
    ``tests/test_scantext11_speed.py`` checks it against the per-token code."""
    t = text.strip()
    if not t or t.startswith("§"):
        return False
    ascii_text = t.isascii()
    if not ascii_text and _CJK_VISIBLE.search(t):
        return False
    tokens = t.split()
    visible = sum(map(len, tokens))
    if ascii_text:
        letters = len(t) - len(t.encode("ascii").translate(None, _ASCII_LETTER_BYTES))
    else:
        letters = sum(map(str.isalpha, t))  # (no space is a letter)
    if letters * 2 < visible and (len(t) <= MAX_NOISE_CHARS or len(tokens) * 8 < len(t)):
        # (a long line of figures has many short tokens: a table row, not debris)
        return True
    if len(t) > MAX_NOISE_CHARS:
        return False
    if ascii_text:
        in_words = sum(map(len, _ASCII_WORDLIKE.findall(t)))
    else:
        in_words = sum(map(len, filter(_WORDLIKE.match, tokens)))
    return in_words * 3 < visible


#: The ASCII letters (``str.isalpha`` of an ASCII character), as bytes to delete.
_ASCII_LETTER_BYTES = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
#: ``_WORDLIKE`` for ASCII text, as whole tokens found anywhere in a line: its classes
#: keep their ASCII members (``\p{L}`` is ``A-Za-z``, ``\p{Lu}`` ``A-Z``, ``\p{Ll}``
#: ``a-z``, no mark, no ``ſ``, the quotes ``"`` and ``'``), and the anchors become "no
#: visible character before or after" (``re``'s ``\S`` is ``str.isspace``'s complement).
_ASCII_WORDLIKE = re.compile(r"(?<!\S)[\"'(\[]*(?:[A-Za-z]')?(?:[A-Z]?[a-z]{2,}|[A-Z]{2,}|[A-Z][a-z])"
                             r"(?:[-'](?:[A-Za-z]+))*[.,;:!?)\]\"']*(?!\S)")


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
    visible = sum(map(len, joined.split()))  # (``split`` cuts at exactly ``isspace``'s characters)
    if joined.isascii():  # (``ascii-noise-test``: the digits are what deleting 0-9 removes)
        digits = len(joined) - len(joined.encode("ascii").translate(None, b"0123456789"))
    else:
        digits = sum(map(str.isdigit, joined))
    if digits * 4 < visible:
        return False
    with_figures = len(list(filter(_DIGITS.search, lines)))
    return with_figures * 5 >= len(lines) * 4
