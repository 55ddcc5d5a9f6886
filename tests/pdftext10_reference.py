"""Plain reference code for the dehyphenation fast paths of pdftext10: ``fold``,
``Lexicon.joined``, ``_trailing_letters`` and ``decide`` as they were before, kept for
``tests/test_pdftext10_speed.py`` to compare against (the rules' text is the module's
own; only the helpers they call are these plain ones)."""
from __future__ import annotations

from typing import Optional

import regex

from layoutkit.dehyphenate import (_HYPHEN_CLASS, _LETTERS, _OPENERS, _PLAIN, _SPECK_CONTINUATION, _WORD_HYPHENS,
                                   HYPHENS, NAME_PREFIXES, SPECKS, SUSPENSION_WORDS, Join, Lexicon,
                                   _first_word, _is_latin_letter, _last_word)

_TRAILING = regex.compile(r"[\p{L}\p{M}ꝛ]+$")


def fold(word: str) -> str:
    return _HYPHEN_CLASS.sub("-", word.lower().replace("ſ", "s"))


def _joined(lexicon: Lexicon, word: str) -> int:
    key = fold(word)
    return lexicon.words[key] + (1 if key in lexicon.extra else 0)


def trailing_letters(text: str, end: int) -> str:
    """The run of letters that ends ``text[:end]``, searched in the whole text."""
    m = _TRAILING.search(text, 0, end)
    return m.group(0) if m else ""


def decide(left_text: str, right_text: str, lexicon: Optional[Lexicon]) -> Join:
    """How to join ``left_text`` (a line or paragraph so far) to the next line's text.

    See the module docstring for the rules; the caller applies the result.
    """
    plain = _PLAIN
    if not left_text or not right_text:
        return plain
    a = left_text[-1]
    if a in HYPHENS:
        before = left_text[-2] if len(left_text) >= 2 else ""
        frag = trailing_letters(left_text, len(left_text) - 1)
        if before and before in SPECKS and not frag and len(left_text) >= 3 \
                and _is_latin_letter(left_text[-3]) and right_text[0].islower():
            # ``unein’-``/``heitlich``: a speck between the word and its hyphen
            return Join(True, False, "", f"dehyphenation: join {_last_word(left_text)}+{_first_word(right_text)} "
                                         "(ocr-speck: a speck before the hyphen, lowercase continuation)")
        if not before or not _is_latin_letter(before) or not frag:
            if a in "=\u00ac" or (before and not before.isspace() and before.isdigit()):
                # ``1887-``/``88``, ``=``: written as printed, no space
                return Join(False, True, "", f"dehyphenation: keep {_last_word(left_text)}+{_first_word(right_text)} "
                                             "(not-a-word-break: no letter before the hyphen)")
            return plain
        if a != "\u00ad" and len(right_text) >= 2 and right_text[0] in _WORD_HYPHENS \
                and right_text[1].isalnum():
            # ``a-t-``/``-elle``: the compound's hyphen printed at both line ends; one stays
            return Join(True, False, "", f"dehyphenation: join {frag}{a}+{_first_word(right_text)} "
                                         "(repeated-hyphen: the continuation repeats the hyphen)")
        cont_m = _LETTERS.match(right_text)
        if not cont_m and a != "=" and _SPECK_CONTINUATION.match(right_text):
            # ``ter-``/``, wijl``: the continuation carries a speck before the rest of the word
            return Join(True, False, "", f"dehyphenation: join {frag}{a}+{_first_word(right_text)} "
                                         "(ocr-speck: a speck opens the lowercase continuation)")
        if not cont_m:
            if _broken_fragment(frag, right_text, lexicon):
                return Join(True, False, "", f"dehyphenation: join {frag}{a}+{_first_word(right_text)} "
                                             f"({FRAGMENT_RULE}: no word on the page, OCR debris follows)")
            return Join(False, True, "", f"dehyphenation: keep {frag}{a}+{_first_word(right_text)} "
                                         "(not-a-word-break: continuation opens with no letter)")
        cont = cont_m.group(0)
        shown = f"{frag}{a}+{cont}"
        next_word = _first_word(right_text)
        if fold(next_word.rstrip(".,;:")) in SUSPENSION_WORDS and cont == next_word.rstrip(".,;:"):
            return Join(False, True, " ", f"dehyphenation: keep {shown} (suspended-hyphen before a conjunction)")
        if a == "\u00ad":  # a soft hyphen is never printed: always a break inside a word
            return Join(True, False, "", f"dehyphenation: join {shown} (soft-hyphen)")
        if lexicon is not None:
            n_joined = _joined(lexicon, frag + cont)
            n_hyph = lexicon.compounds[fold(frag) + "-" + fold(cont)]
            if n_joined > n_hyph:
                return Join(True, False, "", f"dehyphenation: join {shown} (page-vocabulary: "
                                             f"{frag + cont!r} x{n_joined}, hyphenated x{n_hyph})")
            if n_hyph > n_joined:
                return Join(False, True, "", f"dehyphenation: keep {shown} (page-vocabulary: "
                                             f"hyphenated x{n_hyph}, joined x{n_joined})")
        if cont[0].islower():
            return Join(True, False, "", f"dehyphenation: join {shown} (lowercase-continuation)")
        if len(frag) >= 2 and frag.isupper() and cont.isupper():
            return Join(True, False, "", f"dehyphenation: join {shown} (all-caps-continuation)")
        if _broken_fragment(frag, right_text, lexicon):
            return Join(True, False, "", f"dehyphenation: join {shown} "
                                         f"({FRAGMENT_RULE}: no word on the page, misread capital follows)")
        return Join(False, True, "", f"dehyphenation: keep {shown} (capitalized-continuation)")
    if lexicon is not None and _is_latin_letter(a) and _is_latin_letter(right_text[0]):
        cont_m = _LETTERS.match(right_text)
        frag = trailing_letters(left_text, len(left_text))
        cont = cont_m.group(0) if cont_m else ""
        if frag and cont and dropped_hyphen(frag, cont, lexicon):
            return Join(True, False, "", f"dehyphenation: join {frag}+{cont} (dropped-hyphen: page-vocabulary "
                                         f"{frag + cont!r} x{_joined(lexicon, frag + cont)})")
    return plain


#: Rule name of ``_broken_fragment`` joins (module doc, rule 6).
FRAGMENT_RULE = "lowercase-fragment"


def _broken_fragment(frag: str, right_text: str, lexicon: Optional[Lexicon]) -> bool:
    """Rule ``lowercase-fragment`` (module doc): ``frag`` (the letters before a line-end
    hyphen) opens in lowercase and the page never prints it as a word of its own, so it
    is the start of a word cut at the line end, not a compound's first word; the
    continuation (a capital or OCR debris, not a space or a dash) is that word's rest as
    OCR misread it. Measured on the dev cases' gold text: every such join
    (``regoe-``/``Wl``, ``ver-``/``Schuldet``, ``moge-``/``4(jj``) is one word there.
    Without a vocabulary there is no evidence: no join."""
    if lexicon is None or not frag or not frag[0].islower() or not right_text:
        return False
    first = right_text[0]
    if first.isspace() or first in HYPHENS or first in _OPENERS or fold(frag) in NAME_PREFIXES:
        return False
    return _joined(lexicon, frag) == 0


#: Prefixes printed with a hyphen before a capitalized name (``anti-``/``Slavery``,
#: ``ex-``/``Minister``, ``non-``/``German``): a lowercase piece that is a whole prefix, not
#: a cut word, so ``lowercase-fragment`` leaves it to ``capitalized-continuation``.
NAME_PREFIXES = frozenset({
    "anti", "pro", "non", "ex", "pan", "neo", "mid", "post", "pre", "trans", "ultra", "un",
    "vice", "pseudo", "semi", "contre", "tegen", "oud",
})


#: Punctuation a continuation may open with that is no misread letter: dashes, opening
#: quotes and brackets (``sogenannte-``/``„Kulturkampf“`` is not one word).
_OPENERS = "\u2012\u2013\u2014\u2015\"'\u201e\u201c\u201d\u201a\u2018\u2019\u00ab\u00bb([{"

#: The plain join (a space, nothing removed): most joins, made once (``Join`` is frozen).
_PLAIN = Join(False, False, " ", None)


def dropped_hyphen(frag: str, cont: str, lexicon: Lexicon) -> bool:
    """Did OCR drop the hyphen between ``frag`` (end of a line) and ``cont`` (start of the
    next)? Yes when the joined word is known from elsewhere on the page (or the word
    list), the continuation is lowercase or continues an all-capitals fragment, and the
    pieces are not known as a two-word phrase at least as often as the word itself, nor
    both common words on their own (``in``/``to`` stays ``in to`` unless the page shows
    ``into`` more often than either)."""
    if not (cont[0].islower() or (frag.isupper() and cont.isupper() and len(frag) >= 2)):
        return False
    if len(frag) + len(cont) < 4:
        return False
    n = _joined(lexicon, frag + cont)
    if n == 0:
        return False
    if lexicon.pairs[fold(frag) + " " + fold(cont)] >= n:
        return False
    a_word, b_word = lexicon.interior[fold(frag)], lexicon.interior[fold(cont)]
    if a_word and b_word and n < 2 + min(a_word, b_word):
        return False
    return True
