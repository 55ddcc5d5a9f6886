"""Hyphenation the input marks itself (ALTO ``HYP`` and ``SUBS_TYPE``/``SUBS_CONTENT``).

An OCR engine that knows a line ends with a hyphenated word says so, and often gives
the whole word: ``CONTENT="n'a" SUBS_TYPE="HypPart1" SUBS_CONTENT="n'avait"`` then
``<HYP CONTENT="-"/>``, and on the next line ``CONTENT="vait" SUBS_TYPE="HypPart2"``.
The reader keeps the line text as printed (``n'a-``) and puts the word in
``Line.hyphen_word``. When reflow joins that line to the next one, this module replaces
the two parts by the word (rule ``marked-dehyphenation``), which is better than any guess
from the text alone: the input's own reading, the case of the continuation does not
matter, and a hyphen that is part of the word (``Nord-Amerika``) is kept because the word
contains it.

This runs before the text join (``reflow.join_texts``), which then sees a line ending in
a whole word and adds an ordinary space; it is deliberately separate from the text
dehyphenation rules so that each can change without the other.
"""
from __future__ import annotations

from typing import Optional, Sequence

from .model import Line

#: Line-end hyphen marks OCR engines write (same set as ``reflow.HYPHENS``).
_MARKS = "-\u2e17\u00ac\u2010\u00ad="


def _stem(token: str) -> str:
    return token.rstrip(_MARKS)


def word_for(line: Line, text: str, next_text: str) -> Optional[tuple[str, str]]:
    """(new ``text``, new ``next_text``) when ``line`` (whose text, cleaned, ends ``text``)
    carries a marked hyphenated word that the next line completes; else None.

    The word is accepted only when it is consistent with the printed parts: it starts
    with the first part's first character and is at least as long as the first part; the
    next line's first token (the second part) is dropped only when the word ends with it
    or its last character, so an unrelated next line never loses a word.
    """
    word = line.hyphen_word
    if not line.hyphenated or not word:
        return None
    head, _, last = text.rpartition(" ")
    part1 = _stem(last)
    first, _, rest = next_text.partition(" ")
    if not part1 or not first or word[0] != part1[0] or len(word) < len(part1):
        return None
    core = first.rstrip(".,;:!?»)\"'")
    if not core or not (word.endswith(first) or word.endswith(core) or word[-1] == first[-1]):
        return None
    return (f"{head} {word}" if head else word), rest


#: The reason's prefix; the reason is ``marked-dehyphenation: 'n'a-' + 'vait' -> "n'avait"``:
#: the two printed parts (Python literals) and the word that replaced them, which
#: ``conservation.account`` reads as a substitution.
PREFIX = "marked-dehyphenation: "


def apply(lines: Sequence[Line], texts: Sequence[str], reasons: list[str]) -> list[str]:
    """``texts`` (the cleaned texts of ``lines``, one each) with every marked hyphenated
    word rebuilt across its line break; each rebuild is named in ``reasons``."""
    out = list(texts)
    if not any(line.hyphenated for line in lines):
        return out  # (most lines: ``word_for`` rebuilds only marked lines)
    for i in range(len(out) - 1):
        fixed = word_for(lines[i], out[i], out[i + 1])
        if fixed is None:
            continue
        last, first = out[i].rpartition(" ")[2], out[i + 1].partition(" ")[0]
        out[i], out[i + 1] = fixed
        reasons.append(f"{PREFIX}{last!r} + {first!r} -> {lines[i].hyphen_word!r}")
    return out
