"""Dehyphenation of Latin-script line joins, decided with evidence from the page itself.

When a hard-wrapped line ends in a hyphen, the word may have been split by the typesetter
(``Zei-``/``tung`` -> ``Zeitung``) or the hyphen may belong to the word (``Nord-``/``Amerika``,
``Zoll- und Steuerwesen``, ``1887-``/``88``). Library of Congress OCR text has often dropped
the hyphen altogether (``Har``/``bor``). ``decide`` looks at one line join and returns a
``Join``: the text to glue between the two pieces and the reason, in this order of rules:

1. ``not-a-word-break``: the hyphen follows no letter (``1887-``, `` -``) or the
   continuation opens with no letter (``-``/``88``): numbers, ranges and dashes keep it;
   but ``repeated-hyphen`` first: a continuation opening with a hyphen mark and a letter
   or digit (``a-t-``/``-elle``, ``vis-à-``/``-vis``: the printer repeated a compound's
   hyphen at the start of the next line) keeps only that one (``a-t-elle``);
   ``ocr-speck``: first, an OCR speck (``SPECKS``: a stray comma, quote, dot of dirt)
   printed between the word and its line-end hyphen (``unein’-``/``heitlich``) or
   opening the continuation (``ter-``/``, wijl``, ``grond-``/``■ bezit``) does not stop
   a word break when the rest of the word follows in lowercase: the hyphen goes, the
   speck stays where it was read (``unein’heitlich``, ``ter, wijl``);
2. ``suspended-hyphen``: the continuation is a conjunction (``Zoll- und Steuerwesen``,
   ``vracht- en``, ``pre- and post-war``): the hyphen stays and a space follows;
3. ``page-vocabulary``: the page's own words decide when they can: the joined form
   (``Zeitung``) occurring elsewhere on the page means join; the hyphenated form
   (``New-York``) occurring elsewhere means keep the hyphen; the more frequent wins;
4. ``lowercase-continuation``: a lowercase continuation is the rest of the word: join;
5. ``all-caps-continuation``: an all-capitals fragment continued in capitals
   (``GOEDE-``/``RE.``) is one word: join;
6. ``lowercase-fragment``: a piece opening in lowercase that the page never prints as a
   word of its own (``regoe-``, ``gouver-``, ``kost-``), continued by a capital or by OCR
   debris (``regoe-``/``Wl``, ``kost-``/``Spieligern``, ``moge-``/``4(jj``), is a word cut
   at the line end whose next letters OCR misread: join. A compound's hyphen before a
   capital follows a capitalized or whole word (``Nord-``/``Amerika``, ``open-``/``J``
   when ``open`` is printed elsewhere stays kept);
7. ``capitalized-continuation``: a capitalized continuation (``Nord-``/``Amerika``) keeps
   the hyphen, written without a space.

Without a hyphen (``dropped-hyphen``), two pieces are joined only when the page
vocabulary (or the optional word list of ``ReflowParams.extra_words``) knows the joined
word and does not know the pieces as a two-word phrase: ``Har``/``bor`` -> ``Harbor`` when
``HARBOR`` is printed elsewhere on the page.

The only characters ever removed are the line-end hyphen marks of ``HYPHENS``. Historical
characters (``ſ``, ``ꝛ``, ``⸗``) are left as they are: the vocabulary compares words with
``ſ`` folded to ``s`` and hyphen marks unified, but the output keeps what was printed.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from operator import itemgetter
from typing import Iterable, Optional

import regex

from .measure import forget_with_shapes
from .textwidth import is_cjk

#: Characters that end a line with a hyphenated word in Latin text: hyphen-minus, the
#: Fraktur double hyphen U+2E17, the not sign OCR reads for it, U+2010, soft hyphen, and
#: ``=`` (Fraktur OCR reads the double hyphen as an equals sign).
HYPHENS = "-\u2e17\u00ac\u2010\u00ad="
#: Hyphen marks that may also be printed inside a compound word (``New-York``, ``Reichs⸗Anzeiger``).
_WORD_HYPHENS = "-\u2e17\u2010="

#: Conjunctions after which a line-end hyphen is a suspended hyphen (``Zoll- und``): the
#: hyphen stands for a shared second part and stays, followed by a space.
SUSPENSION_WORDS = frozenset({
    # de
    "und", "oder", "u", "bzw", "sowie", "wie", "als", "noch", "resp",
    # nl
    "en", "of", "tot",
    # en
    "and", "or", "nor", "to",
    # fr
    "et", "ou",
})

#: Characters OCR reads from dirt or a broken glyph at a word's edge: a stray comma, quote
#: or dot. Only ever kept, never removed; they decide ``ocr-speck`` joins.
SPECKS = ",'’‘`■•*►^"
#: A continuation that opens with one or two specks (and maybe a space) before a lowercase word.
_SPECK_CONTINUATION = regex.compile("^[" + regex.escape(SPECKS) + r"]{1,2} ?(\p{Ll}[\p{L}\p{M}ꝛ]*)")

_WORD = regex.compile(r"[\p{L}\p{M}ꝛ]+(?:[" + regex.escape(_WORD_HYPHENS) + r"][\p{L}\p{M}ꝛ]+)*")
#: ``_WORD`` for ASCII text: ASCII's letters are A-Z and a-z (no mark, no ``ꝛ``), its
#: hyphen marks ``-`` and ``=``; the same matches (``tests/test_speed_scantext.py``).
_ASCII_WORD = re.compile("[A-Za-z]+(?:[" + re.escape("".join(h for h in _WORD_HYPHENS if h.isascii())) + "][A-Za-z]+)*")
_LETTERS = regex.compile(r"^[\p{L}\p{M}ꝛ]+")
#: ``_LETTERS`` (and ``_LEADING_LETTERS``) for ASCII text: ASCII's letters are A-Z and a-z
#: (no mark, no ``ꝛ``), read by ``re`` (faster than ``regex`` with its property classes).
_ASCII_LETTERS = re.compile("[A-Za-z]+")
_TRAILING_LETTERS = regex.compile(r"[\p{L}\p{M}ꝛ]+$")
#: ``_LETTERS`` without its anchor, for ``match`` on a reversed window (``_trailing_letters``).
_LEADING_LETTERS = regex.compile(r"[\p{L}\p{M}ꝛ]+")
_HYPHEN_CLASS = regex.compile("[" + regex.escape(_WORD_HYPHENS) + "]")
#: ``HYPHENS`` as a set, and a text's last character ("" for an empty text), for
#: ``Lexicon.build``'s pass over the lines' ends.
_HYPHEN_SET = frozenset(HYPHENS)
_LAST_CHAR = itemgetter(slice(-1, None))


@lru_cache(maxsize=1 << 16)
def fold(word: str) -> str:
    """The comparison key of a word: lowercase, long s as s, hyphen marks as ``-``.
    (Memoized: a page folds every word it holds, most of them many times.) An ASCII word
    has no ``ſ`` and only two of the hyphen marks (``-``, ``=``): folded with ``str``
    methods, not the hyphen pattern (a page brings a few thousand new words)."""
    if word.isascii():
        return word.lower().replace("=", "-")
    return _HYPHEN_CLASS.sub("-", word.lower().replace("ſ", "s"))


# (benchmarks repeat one page: its words must not all be folded already)
forget_with_shapes(fold.cache_clear)


@dataclass(frozen=True, slots=True)
class Join:
    """How to glue two line texts: ``left`` replaces the first text's tail end (its
    hyphen removed or kept), ``sep`` goes between; ``reason`` is None for a plain join."""

    joined: bool
    keep_hyphen: bool
    sep: str
    reason: Optional[str]


@dataclass(frozen=True)
class Lexicon:
    """Word counts of one page, built from its lines before any join.

    ``words`` counts every whole word (fragments at a hyphenated line end and the
    continuation at the next line's start are left out); ``interior`` counts only words
    that are neither first nor last on their line (a dropped hyphen leaves fragments
    there); ``pairs`` counts adjacent word pairs inside lines (``in to`` vs ``into``);
    ``compounds`` counts each adjacent pair of parts of hyphenated words (``New-York``,
    ``Deutſch⸗Oſt⸗Afrika`` gives ``deutsch-ost`` and ``ost-afrika``).
    """

    words: Counter
    interior: Counter
    pairs: Counter
    compounds: Counter
    extra: frozenset[str] = frozenset()

    @staticmethod
    def build(lines: Iterable[str], extra_words: Iterable[str] = ()) -> "Lexicon":
        """Count the words of ``lines`` (see the class docstring for what is counted).

        ``page-vocabulary-pass``: the page is read in passes over all of its lines, each a
        ``map`` or a comprehension, not one loop that does everything per line: the lines'
        tokens (ASCII lines, most of a Latin page, read by ``re``, ~2x faster than
        ``regex`` with its property classes; the same matches), their folded keys, which
        lines end with a hyphen, and then the four counts as slices of each line's keys
        (the kept words are a contiguous stretch: all but a hyphenated line end's fragment
        and the continuation after one). A scanned page has ~5,000 lines of two or three
        words: the per-line loop this replaced (``tests/pdftext10_reference.py``) spent
        most of its time on its own bookkeeping. ``tests/test_speed_scantext.py`` checks
        the counts against the plain per-word loop."""
        texts = list(map(str.strip, lines))
        find_ascii, find_any = _ASCII_WORD.findall, _WORD.findall
        page = "\n".join(texts)
        if "Σ" not in page and page.count("\n") == len(texts) - 1:
            # ``fold-page``: the page folded at once, then cut into its lines again and read
            # for words: the words found are the folded words (lowercasing maps a letter to
            # letters and marks, and a hyphen mark to itself; ``ſ`` and the hyphen marks are
            # replaced char by char), with no call of ``fold`` per word. Not when a line
            # holds a line break (the cut would not give the lines back), nor with a capital
            # sigma, whose lowercase depends on the characters around it (a final sigma).
            folded = page.lower().replace("ſ", "s")
            if not folded.isascii():
                for mark in _WORD_HYPHENS:
                    if mark != "-":
                        folded = folded.replace(mark, "-")
            else:
                folded = folded.replace("=", "-")
            keys = [find_ascii(t) if t.isascii() else find_any(t) for t in folded.split("\n")]
        else:
            keys = [list(map(fold, find_ascii(t) if t.isascii() else find_any(t))) for t in texts]
        # a blank line ends no hyphenated word (``t[-1:]`` is "", in no set)
        ends = list(map(_HYPHEN_SET.__contains__, map(_LAST_CHAR, texts)))
        # the line before a line's: did it end with a hyphen (then the line's first word
        # is a continuation)
        prevs = [False, *ends[:-1]] if ends else []
        interior = [k for ks in keys if len(ks) > 2 for k in ks[1:-1]]  # neither first nor last
        kept = [ks[p:len(ks) - e] if p or e else ks for ks, p, e in zip(keys, prevs, ends)]
        pairs = [a + " " + b for ks in kept if len(ks) > 1 for a, b in zip(ks, ks[1:])]
        flat = list(chain.from_iterable(kept))
        words = [k for k in flat if "-" not in k]
        compounds: list[str] = []
        for key in [k for k in flat if "-" in k]:  # parts of hyphenated words (few)
            parts = key.split("-")
            words.extend(parts)
            compounds.extend(map("-".join, zip(parts, parts[1:])))
        return Lexicon(Counter(words), Counter(interior), Counter(pairs), Counter(compounds),
                       frozenset(fold(w) for w in extra_words))

    def joined(self, word: str) -> int:
        # (an ASCII word of letters folds to its lowercase: no ``ſ``, no hyphen mark; most
        # words asked about are new to ``fold``'s cache, the joins of two line pieces)
        key = word.lower() if word.isascii() and word.isalpha() else fold(word)
        return self.words.get(key, 0) + (1 if key in self.extra else 0)

    def hyphenated(self, left: str, right: str) -> int:
        return self.compounds[fold(left) + "-" + fold(right)]


def _trailing_letters(text: str, end: int) -> str:
    """The run of letters that ends ``text[:end]`` ("" when none).

    Searched in the last 64 chars first: ``left_text`` is a whole paragraph so far, and a
    search of all of it for every line joined made joining quadratic in the paragraph's
    length. A run found to start after the window's start is the whole run (the char
    before it is no letter); one reaching the window's start may go on: searched again
    in full."""
    start = max(0, end - 64)
    # ``$`` also matches before a newline that ends the text searched: the run then ends
    # before that newline
    stop = end - 1 if end > start and text[end - 1] == "\n" else end
    # The window read backwards: the run is its longest prefix of letters, found by an
    # anchored ``match`` (a ``[...]+$`` search tries every start position of the window).
    window = text[start:stop]
    m = (_ASCII_LETTERS if window.isascii() else _LEADING_LETTERS).match(window[::-1])
    if m is None:
        return ""
    run = m.end()
    if start > 0 and run == stop - start:
        m2 = _TRAILING_LETTERS.search(text, 0, end)
        return m2.group(0) if m2 else ""
    return text[stop - run:stop]


def _end_letters(text: str) -> str:
    """``_trailing_letters(text, len(text))``. ``last-word-letters``: the text's last
    space-separated word, when it is all ASCII letters, is that run (the space before it,
    or the text's start, ends it): most junctions of a scan, spared the window search."""
    word = text[text.rfind(" ") + 1:]
    if word.isascii() and word.isalpha():
        return word
    return _trailing_letters(text, len(text))


def _first_word(text: str) -> str:
    """The first whitespace-separated word of ``text`` (the text itself when it is all
    whitespace: a join with a blank piece is recorded, not a crash)."""
    words = text.split(None, 1)
    return words[0] if words else text


def _last_word(text: str) -> str:
    words = text.rsplit(None, 1)
    return words[-1] if words else text


#: Below this character ``textwidth.is_cjk`` is false (its first range).
_CJK_FIRST = "\u2e80"


def _is_latin_letter(ch: str) -> bool:
    return ch.isalpha() and not is_cjk(ch)


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
        frag = _trailing_letters(left_text, len(left_text) - 1)
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
            n_joined = lexicon.joined(frag + cont)
            n_hyph = lexicon.hyphenated(frag, cont)
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
    b = right_text[0]
    if lexicon is not None and a.isalpha() and b.isalpha() \
            and (a < _CJK_FIRST or not is_cjk(a)) and (b < _CJK_FIRST or not is_cjk(b)):
        # (``_is_latin_letter`` of both, its CJK test only for characters that may be CJK)
        if a.islower() and not b.islower():
            # ``dropped_hyphen``'s case test fails: a capital or uncased continuation after
            # a fragment holding a lowercase letter (``frag.isupper()`` is false): spared the
            # letter runs (``tests/test_pdftext10_speed.py``)
            return plain
        cont_m = (_ASCII_LETTERS if right_text.isascii() else _LETTERS).match(right_text)
        frag = _end_letters(left_text)
        cont = cont_m.group(0) if cont_m else ""
        if frag and cont and dropped_hyphen(frag, cont, lexicon):
            return Join(True, False, "", f"dehyphenation: join {frag}+{cont} (dropped-hyphen: page-vocabulary "
                                         f"{frag + cont!r} x{lexicon.joined(frag + cont)})")
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
    return lexicon.joined(frag) == 0


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
    n = lexicon.joined(frag + cont)
    if n == 0:
        return False
    if lexicon.pairs[fold(frag) + " " + fold(cont)] >= n:
        return False
    a_word, b_word = lexicon.interior[fold(frag)], lexicon.interior[fold(cont)]
    if a_word and b_word and n < 2 + min(a_word, b_word):
        return False
    return True


def read_wordlist(path: str) -> frozenset[str]:
    """Words from a UTF-8 file, one per line (``#`` comments and blank lines skipped), for
    ``ReflowParams.extra_words``. A missing or unreadable file is a ``UsageError``."""
    from .errors import UsageError

    try:
        with open(path, encoding="utf-8") as fh:
            return frozenset(w.strip() for w in fh if w.strip() and not w.lstrip().startswith("#"))
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read word list: {getattr(exc, 'strerror', None) or exc}", path=path) from None
