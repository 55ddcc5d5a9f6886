"""Reflow: find paragraph breaks inside each region, join hard-wrapped lines, and repair
breaks that a column or text-box change put in the middle of a sentence.

Paragraph breaks come from line widths, because the extractor lost the indents::

    |  first line, ~2 ems short    |   <- indent deficit: a paragraph starts
    |------------------------------|
    |------------------------------|
    |-- last line. |                   <- short line: the paragraph ends
    |  next paragraph ...          |

Rules (each named in the paragraph's ``reasons``):

* ``short-line-break``: a line short of the measure ends its paragraph, unless it is the
  paragraph's own indented first line (short because of the indent) that does not end a
  sentence;
* ``indent-break``: a full line ending a sentence followed by an indent-short line;
* ``blank-line-repair``: across a blank line, a paragraph whose last line is full and
  does not end a sentence (or is followed by a full, unindented line of the same column
  family) continues in the next region.

Line joins add no space next to CJK characters, one space between Latin words, and
remove a line-end hyphen before a lowercase continuation (``basic-dehyphenation``).
Characters removed here (justification spaces, line-end hyphens, fake-bold doubles) are
the only ones the pipeline ever removes; each removal is named in ``reasons``.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from itertools import accumulate, chain, compress, repeat
from operator import add, and_, attrgetter, eq, ge, gt, is_not, itemgetter, le, lt, mul, ne, not_, or_, sub
from types import MappingProxyType
from typing import Callable, Mapping, Optional, Sequence

import regex

from . import marked_hyphens
from .columns import ShapedLine, TextRegion
from .chain_order import emission_plan
from .continuation import Box, best_links, surely_continues, chain_has, flush_head, geometric_run_on, same_style, unclosed
from .dehyphenate import HYPHENS, Lexicon, decide
from .noise import is_noise
from .measure import shape
from .model import PARAGRAPH_TWIN, BBox, Line, Paragraph
from .params import ReflowParams
from .profile import Profile
from .slotbuild import slot_setters
from .textboxes import JOIN_REASON as BOX_JOIN_REASON, box_break_joins, opens_enumeration
from .textwidth import is_cjk

#: No line held (``reflow(held=…)``): every input but a flat text.
_NO_HOLDS: Mapping[int, str] = MappingProxyType({})

_CJK_PUNCT = set("，。、；：？！“”‘’「」『』（）《》〈〉【】…—·％")
#: Marks of ``_CJK_PUNCT`` that Latin text uses as well (see ``clean_line``).
_SHARED_PUNCT = frozenset("“”‘’…—·")
_LATIN_LETTER = regex.compile(r"[A-Za-z\u00c0-\u024f]")
_OPEN_QUOTES = "“‘「『（《〈【([\"'"
_CLOSERS = "”’」』）》〉】)]\"'"


@dataclass(frozen=True, slots=True)
class CleanLine:
    """A line's text after justification spaces (and fake-bold doubles) are removed."""

    text: str
    removed: tuple[str, ...] = ()


class _CjkishTable(dict):  # type: ignore[type-arg]
    """Per character: CJK or CJK punctuation. Memoized, because line joins and
    justification spaces ask about the same few hundred characters over and over."""

    def __missing__(self, ch: str) -> bool:
        value = self[ch] = is_cjk(ch) or ch in _CJK_PUNCT
        return value


#: ``_is_cjkish(ch)``: a dictionary look-up, not a function call per character.
_is_cjkish = _CjkishTable().__getitem__


def clean_line(text: str, letterspaced: bool) -> CleanLine:
    """Remove spaces that are justification, not content.

    In a letter-spaced line every space next to a CJK character goes. In any line, a
    space between a CJK character and a digit, Latin letter or CJK punctuation goes: CJK
    typesetting separates scripts by a visual gap that extractors emit as a space. A space
    between two CJK words in a line that is not letter-spaced is real (``利剑斩沉疴 正气清风扬``,
    ``本报记者 杨鹤``) and stays.
    """
    clean, removed = _clean_words(text.split(), text.isascii(), letterspaced)
    return CleanLine(clean, removed)


def _clean_words(words: list[str], ascii_text: bool, letterspaced: bool) -> tuple[str, tuple[str, ...]]:
    """``clean_line`` of a line split into ``words`` (``ascii_text``: the line is ASCII),
    as its text and the reasons of the removals."""
    if not words:
        return "", ()
    if ascii_text:  # no CJK character or CJK punctuation: every space is real (fast path)
        return " ".join(words), ()
    if len(words) == 1:
        return words[0], ()  # no space at all (most CJK lines)
    # A space's fate depends only on the characters either side of it (the last one of the
    # previous word, the first of the next): decided once per pair (``_SPACE_DROPS``),
    # every pair of the line looked up at C speed.
    drops = _SPACE_DROPS[bool(letterspaced)].__getitem__
    decisions = list(map(drops, map(add, map(_LAST, words), map(_FIRST, words[1:]))))
    removed = sum(decisions)
    if not removed:
        return " ".join(words), ()
    if removed == len(decisions):
        text = "".join(words)  # (a letter-spaced line: every space goes)
    else:
        text = "".join(chain.from_iterable(zip(words, ["" if d else " " for d in decisions] + [""])))
    return text, (f"justification-spaces: removed {removed}",)


def _drops_space(a: str, b: str, letterspaced: bool) -> bool:
    """Is a space between characters ``a`` and ``b`` justification (see ``clean_line``)?"""
    a_cjk, b_cjk = _is_cjkish(a), _is_cjkish(b)
    if not (is_cjk(a) or is_cjk(b)) and (a in _SHARED_PUNCT or b in _SHARED_PUNCT):
        # ``shared-punctuation``: dashes, curly quotes and ellipses are Latin
        # punctuation too (``Zigarettenpapier. — Beschr.``, ``„Proben“ oder``): a space
        # next to them is justification only when the other side is CJK
        return False
    if letterspaced and (a_cjk or b_cjk):
        return True
    if a_cjk != b_cjk and (a.isalnum() or b.isalnum() or a in _CJK_PUNCT or b in _CJK_PUNCT) \
            and not (is_cjk(a) and is_cjk(b)):
        return True
    return (a in _CJK_PUNCT and a_cjk) or (b in _CJK_PUNCT and b_cjk)


class _SpaceDrops(dict):  # type: ignore[type-arg]
    """``_drops_space`` memoized per two-character string (bounded: emptied when full)."""

    def __init__(self, letterspaced: bool):
        super().__init__()
        self.letterspaced = letterspaced

    def __missing__(self, pair: str) -> bool:
        if len(self) >= 65536:
            self.clear()
        value = self[pair] = _drops_space(pair[0], pair[1], self.letterspaced)
        return value


_SPACE_DROPS = {False: _SpaceDrops(False), True: _SpaceDrops(True)}


_DOUBLED_PUNCT = regex.compile(r"([：:，、！？!?“”《》（）])\1")
_DOUBLED_HAN = regex.compile(r"(\p{Han}{2,})\1")


def dedupe_fake_bold(text: str) -> CleanLine:
    """Remove text drawn twice to fake bold, where that is unambiguous.

    * every space-separated token of the line is some X written twice (``77 理论理论``,
      ``朱炳元朱炳元``) and at least one X has two or more characters; or
    * the line holds a doubled run of two or more Han characters (``新时代新时代``): then
      that run and doubled full-width punctuation (``：：``) are reduced.

    Single doubled Han characters (``谢谢``, ``天天``) are real words and never touched.
    Only short (title-like) lines are passed here by the caller.
    """
    tokens = text.split(" ")
    halves: list[str] = []
    for t in tokens:
        if not t:
            halves.append(t)
            continue
        n = len(t)
        if n % 2 == 0 and t[: n // 2] == t[n // 2:]:
            halves.append(t[: n // 2])
        else:
            halves = []
            break
    if halves and any(len(h) >= 2 for h in halves):
        new = " ".join(halves)
        return CleanLine(new, (f"fake-bold-double: {text!r} -> {new!r}",))
    # A doubled run of two or more characters repeats its first two characters (a bigram):
    # without a repeated character, or else a repeated bigram, nothing is doubled. These
    # C-speed tests spare most lines the backtracking searches below.
    if len(set(text)) == len(text) or len(set(map(add, text, text[1:]))) == len(text) - 1:
        return CleanLine(text)
    # (only a doubled Han run is reduced: doubled digits alone, ``1100``, are left)
    if _DOUBLED_HAN.search(text):
        new = _DOUBLED_HAN.sub(r"\1", text)
        new = _DOUBLED_PUNCT.sub(r"\1", new)
        return CleanLine(new, (f"fake-bold-double: {text!r} -> {new!r}",))
    return CleanLine(text)


def ends_sentence(text: str, profile: Profile) -> bool:
    t = text.rstrip()
    if not t:
        return False
    if t[0] in "（(" and t[-1] in "）)" and unclosed(t) is None:
        return True  # a bracketed unit, such as an author note, is complete
    # Look through closing quotes and brackets: ``了！”`` ends a sentence.
    body = t.rstrip(_CLOSERS)
    return (bool(body) and body[-1] in profile.terminal_punctuation) or t[-1] in ".!?。！？…"


def ends_with_word_hyphen(text: str) -> bool:
    """True when a Latin line ends with a hyphen mark right after a letter (``unter⸗``)."""
    t = text.rstrip()
    return len(t) >= 2 and t[-1] in HYPHENS and t[-2].isalpha() and not _is_cjkish(t[-2])


def latin_continuation(text: str) -> bool:
    """A Latin line that opens with a lowercase letter continues a sentence."""
    t = text.lstrip()
    return bool(t) and t[0].islower() and not _is_cjkish(t[0])


_FIGURE = regex.compile(r"\d[\d.,/]*")


def table_rows(prev_text: str, text: str) -> bool:
    """Two consecutive Latin lines that both carry figures and neither opens with a
    section sign or ends with a colon are rows of one table, not paragraphs."""
    return all(_FIGURE.search(t) and not t.lstrip().startswith("§") and not t.rstrip().endswith(":")
               for t in (prev_text, text))


def hyphen_continues(prev_text: str, text: str) -> bool:
    """A line ending in a word hyphen followed by a lowercase continuation is one word
    broken across lines: no paragraph may end between them."""
    t = text.lstrip()
    return ends_with_word_hyphen(prev_text) and bool(t) and t[0].islower()


def standalone(text: str, profile: Profile) -> bool:
    """Lines the profile recognises as whole blocks (bylines, credits, page headers,
    decks) never run on into the next text box."""
    # (one search of the five keys' patterns first: most texts match none, ``none_match``)
    return len(text) <= 80 and not profile.none_match(_STANDALONE_KEYS, text) and \
        any(profile.match(k, text) for k in ("byline", "credit", "header", "deck", "author_note"))


_STANDALONE_KEYS = "byline+credit+header+deck+author_note"


def join_texts(parts: Sequence[str], reasons: list[str], lexicon: Optional[Lexicon] = None) -> str:
    """Join hard-wrapped line texts into one paragraph text.

    Latin line ends go through ``dehyphenate.decide`` (page-vocabulary evidence first,
    then rules; each decision lands in ``reasons``); CJK joins add no space.
    """
    parts = list(filter(None, parts))
    if len(parts) < 2 or not _NOT_CJK.search(
            "".join(map(_LAST, parts[:-1])) + "".join(map(_FIRST, parts[1:]))):
        # fast path: a CJK character on both sides of every junction (and so no hyphen:
        # ``HYPHENS`` holds none) takes the last join branch of ``_join_loop`` every time;
        # the junction characters are gathered and searched at C speed
        return "".join(parts)
    return _join_loop(parts, reasons, lexicon)


#: A character that ``textwidth.is_cjk`` rejects (its ranges as one character class), so
#: that ``join_texts`` tests all of a paragraph's junction characters in one search.
_NOT_CJK = regex.compile("[^\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef\u3000-\u303f"
                         "\U00020000-\U0002fa1f\ufe30-\ufe4f]")
_LAST = itemgetter(-1)
_FIRST = itemgetter(0)


def _join_loop(parts: Sequence[str], reasons: list[str], lexicon: Optional[Lexicon]) -> str:
    """``join_texts``, one junction at a time."""
    out = ""
    for part in parts:
        if not part:
            continue
        if not out:
            out = part
            continue
        a, b = out[-1], part[0]
        latin = not _is_cjkish(b) and not (len(out) >= 2 and _is_cjkish(out[-2])) and not _is_cjkish(a)
        if latin:
            j = decide(out, part, lexicon)
            if j.reason:
                reasons.append(j.reason)
            if j.joined:
                out = (out[:-1] if a in HYPHENS else out) + part
                continue
            if j.keep_hyphen:
                out = out + j.sep + part
                continue
        if a in HYPHENS and len(out) >= 2 and out[-2].isalpha() and b.islower():
            reasons.append(f"basic-dehyphenation: {out.split()[-1]}+{part.split()[0]}")
            out = out[:-1] + part
        elif a in HYPHENS and len(out) >= 2 and out[-2].isalpha():
            # a hyphen before a capital or digit stays, as written: Nord⸗Amerika
            out = out + part
        elif (_is_cjkish(a) or _is_cjkish(b)) and not (
                (a in _SHARED_PUNCT or b in _SHARED_PUNCT)
                and not (is_cjk(a) or is_cjk(b) or (len(out) >= 2 and is_cjk(out[-2])))):
            out = out + part
        else:
            # (``shared-punctuation``: a dash or quote between Latin words keeps its space)
            out = out + " " + part
    return out


class _Building:
    """A paragraph while its lines are gathered: the lines, their clean texts, the
    reasons so far, and the index in the region of its last line (whose width tests
    the next line's break rules look up)."""

    __slots__ = ("lines", "texts", "reasons", "starts_fresh", "last")

    def __init__(self, starts_fresh: bool) -> None:
        self.lines: list[ShapedLine] = []
        self.texts: list[str] = []
        self.reasons: list[str] = []
        self.starts_fresh = starts_fresh
        self.last = -1


#: A region's width tests, by line index: deficit, full, indent_short (``_Measure.line_tests``).
_LineTests = tuple[list[float], list[bool], list[bool]]


class _Measure:
    """Width tests for one region's lines: how far a line falls short of the measure
    (``deficit``), and from that whether it is full or short by an indent."""

    def __init__(self, width: Optional[float], params: ReflowParams, cjk: bool):
        self.width = width
        self.params = params
        # Proportional Latin type wraps less evenly than CJK's fixed cells.
        self.tol = 0.0 if width is None else max(1.0, (0.06 if cjk else 0.12) * width)

    def deficit(self, s: ShapedLine) -> float:
        if self.width is None:
            return 0.0
        d = self.width - s.shape.ems
        if s.shape.letterspaced and not self.params.spread_indent_min <= d <= self.params.indent_max:
            # a spread line fills its measure: short of it by an indent it is an indented
            # first line (``spread_indent_min``); by more, the measure is not its own
            return 0.0
        return d

    def line_tests(self, lines: Sequence[ShapedLine]) -> _LineTests:
        """``deficit`` and the tests derived from it for every line, computed once: the
        break rules ask about each line two or three times (as the line, as the line
        before the next one, as a paragraph's last line).

        A line is ``full`` when short of the measure by at most the tolerance, and
        ``indent_short`` when short by an indent (``indent_min`` to ``indent_max`` ems,
        and more than three quarters of the tolerance). Without a measure (title
        material) no line is either."""
        n = len(lines)
        width = self.width
        if width is None:
            return [0.0] * n, [False] * n, [False] * n
        if any(map(_LETTERSPACED, lines)):
            deficits = [self.deficit(s) for s in lines]  # spread lines have a rule of their own
        else:
            deficits = [width - s.shape.ems for s in lines]
        # (comprehensions: bound comparison methods mapped over the list would cost more,
        # being called through their generic slot)
        tol = self.tol
        lo, hi, above = self.params.indent_min, self.params.indent_max, tol * 0.75
        return deficits, [d <= tol for d in deficits], [lo <= d <= hi and d > above for d in deficits]


def strong_latin_break(prev: ShapedLine, prev_text: str, text: str, width: float, profile: Profile,
                       params: ReflowParams) -> bool:
    """Evidence enough to end a Latin paragraph inside a text box: the previous line is
    very short (below ``params.latin_break_ratio`` of the measure: a paragraph's last
    line, ``Anwendung.``, or a heading, ``§. 2.``), or the next line opens with a dateline
    (``Hamburg, 15. Jan.``), or the previous line is a profile heading."""
    return (prev.shape.ems < params.latin_break_ratio * width or bool(profile.match("dateline", text))
            or bool(profile.match("heading", prev_text)) or opens_enumeration(text))


def _cleaned_text(words: list[str], letterspaced: bool, fake_bold: bool, after_spread: bool) -> tuple[str, list[str]]:
    """A line's text (given as its whitespace-separated ``words``) after fake-bold doubles
    (when ``fake_bold``) and justification spaces are removed, with the removals' reasons.

    ``after_spread``: the previous line of the paragraph is letter-spaced. ``spread-tail``:
    the last few characters of a letter-spaced paragraph, spread too (``基 础 。``), have
    too few tokens to look letter-spaced on their own."""
    removed: list[str] = []
    if fake_bold:
        # before justification spaces go: the doubled tokens are space-separated
        fb = dedupe_fake_bold(" ".join(words))
        words = fb.text.split()
        removed.extend(fb.removed)
    spread_tail = after_spread and len(words) >= 2 and max(map(len, words)) == 1 and all(map(_is_cjkish, words))
    # (``clean_line`` of the words joined by single spaces: that text is ASCII when they are)
    text, justified = _clean_words(words, all(map(str.isascii, words)), letterspaced or spread_tail)
    removed[:0] = justified
    return text, removed


def _region_paragraphs(region: TextRegion, profile: Profile, params: ReflowParams,
                       lexicon: Optional[Lexicon] = None, chunked: bool = False,
                       cjk: Optional[bool] = None, held: Mapping[int, str] = _NO_HOLDS) -> list[Paragraph]:
    """The paragraphs of one region (the break rules of the module doc).

    ``cjk``: the region is CJK text (computed from its lines when not given).
    ``held``: line numbers before which no break is made, with the reason (``reflow``).
    Work is done once per line where it can be: the width tests (``_Measure.line_tests``),
    and the clean text of a line of one word that is not title-like (most CJK lines): with
    no space to judge and no fake bold to look for, the word is the clean text."""
    lines = region.lines
    width = region.width
    if cjk is None:
        cjk = _cjk_region(region)
    deficit, full, indent_short = _Measure(width, params, cjk).line_tests(lines)
    indent_max = params.indent_max
    texts = list(map(_TEXT, lines))
    words = list(map(str.split, texts))
    # ``ascii-clean-text``: an ASCII line's clean text is its words joined by single spaces
    # (no CJK character for a justification space to touch, ``_clean_words``; no fake bold,
    # which needs a CJK share): most lines of a Latin page, spared ``_cleaned_text``
    ascii_line = list(map(str.isascii, texts))
    # title-like lines (no measure, or short of it by more than an indent) may hold
    # fake-bold doubles: only they are passed to ``dedupe_fake_bold``
    title_like = [True] * len(lines) if width is None else [d > indent_max for d in deficit]
    # a line of one word that is not title-like is its own clean text
    plain = [len(w) == 1 and not t for w, t in zip(words, title_like)]
    free = _free_lines(plain, full, indent_short) if cjk and width is not None else [False] * (len(lines) + 1)
    noise_aside = params.noise_aside and not cjk
    paras: list[_Building] = []
    aside: list[_Building] = []  # noise lines waiting for their paragraph to end
    cur: Optional[_Building] = None
    removed: Sequence[str] = ()
    # the lines that are not free, in order (free lines join with the line before them)
    for k in compress(range(len(lines)), map(not_, free)):
        s = lines[k]
        if plain[k]:
            text = words[k][0]
            if removed:
                removed = ()
        elif ascii_line[k] and s.shape.cjk <= 0:  # (``ascii-clean-text``)
            text = " ".join(words[k])
            if removed:
                removed = ()
        else:
            sh = s.shape
            # CJK only: Latin text has real doubled tokens (``....`` leaders, ``papa``)
            fake_bold = params.dedupe_fake_bold and title_like[k] and not sh.letterspaced and sh.cjk > 0
            text, removed = _cleaned_text(words[k], sh.letterspaced, fake_bold,
                                          cur is not None and cur.lines[-1].shape.letterspaced)
        if noise_aside and cur is not None and is_noise(text) and not _FIGURE.search(text):
            # ``ocr-noise-line``: debris inside a paragraph does not end it; it becomes its
            # own paragraph (typed ``other``), emitted after the one it interrupted.
            junk = _Building(starts_fresh=True)
            junk.lines.append(s)
            junk.texts.append(text)
            junk.reasons.extend(removed)
            junk.reasons.append("ocr-noise-line: kept aside, the paragraph goes on")
            junk.last = k
            aside.append(junk)
            continue
        if cur is None:
            cur = _Building(starts_fresh=width is None or not full[k])
        else:
            p = cur.last  # the previous line of the paragraph
            prev_text = cur.texts[-1]
            brk: Optional[str] = None
            if width is None:
                # In title material each line is its own item (title, kicker, byline),
                # unless the line is letter-spaced: tracked title text that fills its
                # narrow box and wraps, so the title goes on in the next line. A Latin
                # title wraps over lines (``MÉLINE CONSTITUE UN`` / ``MINISTERE``) and
                # ends at a sentence end.
                if not (prev_text and prev_text[-1] in HYPHENS) and not lines[p].shape.letterspaced \
                        and (cjk or ends_sentence(prev_text, profile)):
                    brk = "title-material-line"
            elif not full[p]:
                first = len(cur.lines) == 1
                if first and deficit[p] > indent_max:
                    brk = "title-line-break"
                    if not cjk and not ends_sentence(prev_text, profile) and latin_continuation(text):
                        # ``latin-title-continues``: a short Latin line that ends no sentence
                        # and goes on in lowercase (``Kommission für den Handel in`` /
                        # ``amtlich nicht notierten``) is narrow text, not a title line
                        brk = None
                elif first and indent_short[p] and cur.starts_fresh:
                    if ends_sentence(prev_text, profile) and not full[k]:
                        brk = "short-line-break"
                elif cjk and not ends_sentence(prev_text, profile):
                    # CJK paragraphs end with punctuation; a short line without it is a
                    # narrowed stretch of the column (a wrap around a picture), not an end.
                    pass
                elif not cjk and not ends_sentence(prev_text, profile) and latin_continuation(text):
                    # Latin: proportional type makes short-looking lines common; a line that
                    # ends no sentence followed by a lowercase one is the same sentence.
                    pass
                else:
                    brk = "short-line-break"
            elif indent_short[k] and ends_sentence(prev_text, profile):
                brk = "indent-break"
                if s.shape.letterspaced:
                    brk = "indent-break (spread-indent: a letter-spaced line short by an indent)"
            elif not cjk:
                if ends_sentence(prev_text, profile) and profile.match("dateline", text):
                    # ``dateline-break``: a news item opens with its dateline (``Berlin, 16. Jan.``)
                    brk = "dateline-break"
                elif (ends_sentence(prev_text, profile) or prev_text.rstrip().endswith(":")) \
                        and opens_enumeration(text):
                    brk = "enumeration-break"  # ``2) Waren des Abschnitts ...`` (textboxes.opens_enumeration)
            if brk and not cjk:
                if held and s.line.number in held:
                    # the flat stage read this line as going on in its restored box (``flat.HOLDS``)
                    cur.reasons.append(f"{held[s.line.number]} (no {brk})")
                    brk = None
                if brk and chunked and width and brk != "title-material-line" and (
                        profile.text_box == "block"
                        or not strong_latin_break(lines[p], prev_text, text, width, profile, params)):
                    # Latin text boxes cut by blank lines are the extractor's blocks; inside one,
                    # proportional type makes width evidence weak: split only on strong evidence,
                    # and never where the profile says a text box is one block (``text-box-block``).
                    cur.reasons.append(f"text-box-block: no {brk} (profile text_box: block)"
                                       if profile.text_box == "block" else f"weak-break-in-text-box: no {brk}")
                    brk = None
                if brk and table_rows(prev_text, text) and not (
                        brk in ("dateline-break", "enumeration-break") or profile.match("dateline", text)):
                    # figures in column after column (stock lists, results): one table block
                    cur.reasons.append(f"table-rows: no {brk} between two lines of figures")
                    brk = None
                if brk and hyphen_continues(prev_text, text):
                    # ``unter⸗`` / ``zeichneten``: a word broken across the lines, never a paragraph end
                    cur.reasons.append(f"hyphen-continues: no {brk} inside a hyphenated word")
                    brk = None
            if brk:
                paras.append(cur)
                if aside:
                    paras.extend(aside)
                    aside.clear()
                cur = _Building(starts_fresh=True)
                cur.reasons.append(brk)
        cur.lines.append(s)
        cur.texts.append(text)
        if removed:
            cur.reasons.extend(removed)
        cur.last = k
        if free[k + 1]:
            # the run of free lines after this one goes into the paragraph as it is
            end = free.index(False, k + 1)
            cur.lines.extend(lines[k + 1:end])
            cur.texts.extend(map(_FIRST, words[k + 1:end]))
            cur.last = end - 1
    if cur is not None:
        paras.append(cur)
    paras.extend(aside)
    # (``marked_hyphens`` rebuilds words only across lines the input marks; a text input
    # has no line boxes to unite)
    marked = any(map(_HYPHENATED, lines))
    boxed = any(map(_LINE_BBOX, lines))
    out = []
    alone = len(paras) == 1
    for b in paras:
        reasons = list(b.reasons)
        line_objs = list(map(_LINE, b.lines))
        k, n = b.last, len(line_objs)
        if n == 1:
            # ``one-line-paragraph-text``: a paragraph of one line has no junction to join
            # and no marked word to rebuild across one: its text is the line's clean text
            # (``join_texts`` of one text), its box the line's (``lines_box`` of one line)
            text = b.texts[0]
            box = line_objs[0].bbox if boxed else None
        else:
            text = join_texts(marked_hyphens.apply(line_objs, b.texts, reasons) if marked else b.texts, reasons,
                              lexicon)
            box = lines_box(line_objs) if boxed else None
        # A paragraph runs on when its last line is full and ends no sentence, or when its
        # only line is an indented first line that ends no sentence: an indented line is a
        # paragraph's start, and a paragraph does not end without punctuation. A title line
        # (a lone line short by more than an indent, or a short standalone block) never
        # runs on: tested last, because ``standalone`` matches profile patterns.
        runs_on = width is not None and not ends_sentence(b.texts[-1], profile) and (
            cjk or full[k] or (n == 1 and b.starts_fresh and indent_short[k])
            or (not cjk and ends_with_word_hyphen(b.texts[-1]))) and not (
            (n == 1 and deficit[k] > indent_max) or (n <= 4 and standalone(text, profile)))
        out.append(_paragraph(text, tuple(line_objs), width or 0.0, region.index, b.starts_fresh, runs_on,
                              tuple(reasons), box, alone))
    return out


def _one_line_paragraph(region: TextRegion, profile: Profile, params: ReflowParams) -> Paragraph:
    """``_region_paragraphs`` of a Latin region of one line with a box (``geo-one-line``:
    most regions of a scanned page with an OCR layer), the same rules with what one line
    leaves of them: no break to decide, no junction to join (so no lexicon, and marked
    hyphens rebuild nothing), the line's clean text its paragraph's text.
    ``tests/test_speed_geo9.py`` checks it against ``_region_paragraphs``."""
    s = region.lines[0]
    line = s.line
    sh = s.shape
    width = region.width
    indent_max = params.indent_max
    if width is None:
        deficit, full, indent_short = 0.0, False, False
    elif sh.letterspaced:
        (deficit,), (full,), (indent_short,) = _Measure(width, params, False).line_tests(region.lines)
    else:
        tol = max(1.0, 0.12 * width)  # (``_Measure.tol`` of Latin text)
        deficit = width - sh.ems
        full = deficit <= tol
        indent_short = params.indent_min <= deficit <= params.indent_max and deficit > tol * 0.75
    words = line.text.split()
    title_like = width is None or deficit > indent_max
    removed: Sequence[str]
    if len(words) == 1 and not title_like:
        text, removed = words[0], ()
    elif sh.cjk <= 0 and line.text.isascii():
        text, removed = " ".join(words), ()  # (``ascii-clean-text``, ``_region_paragraphs``)
    else:
        fake_bold = params.dedupe_fake_bold and title_like and not sh.letterspaced and sh.cjk > 0
        text, removed = _cleaned_text(words, sh.letterspaced, fake_bold, False)
    starts_fresh = width is None or not full
    runs_on = width is not None and not ends_sentence(text, profile) and (
        full or (starts_fresh and indent_short) or ends_with_word_hyphen(text)) and not (
        deficit > indent_max or standalone(text, profile))
    return _paragraph(text, (line,), width or 0.0, region.index, starts_fresh, runs_on, tuple(removed), line.bbox, True)


def lines_box(lines: Sequence[Line]) -> Optional[BBox]:
    """``BBox.union_all`` of the lines' boxes, in one ``min``/``max`` per side instead of
    a box per pairwise union (``geo-paragraph-box``: a paragraph of a scan has a dozen
    lines). The same numbers: ``min`` over the boxes keeps, like each pairwise ``min``,
    the earlier value unless a later one is smaller. The one box itself when only one."""
    boxes = [b for b in map(_BBOX, lines) if b is not None]
    if len(boxes) < 2:
        return boxes[0] if boxes else None
    return BBox(min(map(_X0, boxes)), min(map(_TOP, boxes)), max(map(_X1, boxes)), max(map(_BOTTOM, boxes)))


_X0 = attrgetter("x0")
_TOP = attrgetter("top")
_X1 = attrgetter("x1")
_BOTTOM = attrgetter("bottom")


def _cjk_column_paragraphs(regions: Sequence[TextRegion], profile: Profile, params: ReflowParams,
                           lexicon: Optional[Lexicon] = None) -> list[list[Paragraph]]:
    """``_region_paragraphs`` of CJK regions with a measure (not vertical), all of a page's
    at once: the page's ``cjk-columns`` pass. The same rules decide, over arrays of the
    lines of every such region computed once for the page (mostly at C speed:
    ``map`` of ``operator`` functions), instead of a loop, a measure object and a
    dozen small lists per region (a page of short CJK boxes has about five lines a box).

    What makes one pass possible is that in CJK text nothing about a line depends on the
    paragraph it joins, except whether it breaks: no ``ocr-noise-line`` (Latin only), so
    the line before line k in its paragraph is line k-1, and a line's clean text
    (``spread-tail`` asks about the line before) is known before any break is decided.
    A break before line k depends on the paragraph only through "is line k-1 the
    paragraph's first line" (the break decided just before). A paragraph that starts with
    a line that is not full is fresh (``starts_fresh``), so that test is implied where the
    loop asks it. Only lines after a line that is not full, or short by an indent, can
    break: those are the only ones visited.

    ``quiet-lines``: most lines of a column are full, not short by an indent and not
    title-like, and hold no space. Only the other lines are looked at one by one: a line
    short of its measure by less than the least of ``0.75 tol``, ``indent_min`` and
    ``indent_max`` (every one of the three tests needs at least that) is quiet, found for
    the whole page by one comparison per line at C speed; a letter-spaced line's deficit
    only ever drops to 0 (``_Measure.deficit``), so a quiet line stays quiet. Lines with a
    space are found in the page text (``_spaced_lines``). Paragraphs are made together at
    the end (``_paragraphs_of``)."""
    counts = list(map(len, map(_LINES, regions)))
    lines = list(chain.from_iterable(map(_LINES, regions)))
    n = len(lines)
    widths = list(map(_WIDTH, regions))
    per_line = chain.from_iterable
    deficit = list(map(sub, per_line(map(repeat, widths, counts)), map(_EMS, lines)))
    indent_min, indent_max = params.indent_min, params.indent_max
    # (``_Measure.tol`` of CJK text and the quiet bound of each region, by ``map``)
    tols = list(map(max, repeat(1.0), map(mul, repeat(0.06), widths)))
    quiet_below = list(map(min, map(mul, tols, repeat(0.75)), repeat(indent_min), repeat(indent_max)))
    if min(quiet_below, default=1.0) > 0.0:
        # (a quiet line's deficit is below its bound; with a bound of 0 or less a
        # letter-spaced line's deficit set to 0 could be above it: every line is looked at)
        loud = list(compress(range(n), map(le, per_line(map(repeat, quiet_below, counts)), deficit)))
    else:
        loud = list(range(n))
    starts = list(accumulate(counts[:-1], initial=0))
    is_start = set(starts)
    ends = list(accumulate(counts))
    spread_min = params.spread_indent_min
    not_full: set[int] = set()
    indent_short: set[int] = set()
    title_like: list[int] = []
    r = 0
    for k in loud:
        while k >= ends[r]:
            r += 1
        d = deficit[k]
        if lines[k].shape.letterspaced and not spread_min <= d <= indent_max:
            # a spread line short of its measure by less than an indent, or by more than
            # one, fills its measure (``_Measure.deficit``)
            d = deficit[k] = 0.0
        tol = tols[r]
        if d > tol:
            not_full.add(k)
        if indent_min <= d <= indent_max and d > tol * 0.75:
            indent_short.add(k)
        if d > indent_max:
            title_like.append(k)
    # Clean texts. A line of one word is its own clean text (no space to judge), unless
    # it may hold fake bold: only title-like lines of CJK text that is not letter-spaced
    # are searched for it (``_cleaned_text``), and a doubled run repeats a bigram
    # (``dedupe_fake_bold``), so a word without a repeated character or bigram (``set``
    # at C speed) is its own clean text too (``one-word-fake-bold-bound``): most CJK
    # lines, and the paragraphs' short last lines (title-like by their width).
    line_objs = list(map(_LINE, lines))
    texts = list(map(_OWN_TEXT, line_objs))
    clean = texts.copy()
    words: dict[int, list[str]] = {}
    page = "\n".join(texts)
    for k in _spaced_lines(texts, page):
        words[k] = w = texts[k].split()
        clean[k] = " ".join(w)
    todo = [k for k, w in words.items() if len(w) != 1]
    dedupe = params.dedupe_fake_bold
    if dedupe:
        todo += [k for k in title_like if (k not in words or len(words[k]) == 1) and _repeats_bigram(clean[k])
                 and not lines[k].shape.letterspaced and lines[k].shape.cjk > 0]
    removals: dict[int, list[str]] = {}
    for k in todo:
        sh = lines[k].shape
        spread = sh.letterspaced
        # CJK only: Latin text has real doubled tokens (``....`` leaders, ``papa``)
        fake_bold = dedupe and deficit[k] > indent_max and not spread and sh.cjk > 0
        clean[k], removed = _cleaned_text(words[k] if k in words else [texts[k]], spread, fake_bold,
                                          k not in is_start and lines[k - 1].shape.letterspaced)
        if removed:
            removals[k] = removed
    ends_sentence_of = _sentence_ends(profile)
    # breaks: only a line after a line that is not full, or short by an indent, can break
    breaks: dict[int, str] = {}
    last_break = -1
    for k in sorted({p + 1 for p in not_full}.union(indent_short)):
        if k in is_start or k >= n:
            continue
        p = k - 1
        brk: Optional[str] = None
        if p in not_full:
            first = last_break == p or p in is_start
            if first and deficit[p] > indent_max:
                brk = "title-line-break"
            elif first and p in indent_short:
                if k in not_full and ends_sentence_of(clean[p]):
                    brk = "short-line-break"
            elif ends_sentence_of(clean[p]):
                brk = "short-line-break"
            # (else: CJK paragraphs end with punctuation; a short line without it is a
            # narrowed stretch of the column, a wrap around a picture, not an end)
        elif k in indent_short and ends_sentence_of(clean[p]):
            brk = ("indent-break (spread-indent: a letter-spaced line short by an indent)"
                   if lines[k].shape.letterspaced else "indent-break")
        if brk:
            breaks[k] = brk
            last_break = k
    return _paragraphs_of(regions, counts, starts, line_objs, clean, page, sorted(words), deficit, not_full, breaks,
                          removals, profile, params, lexicon)


def _repeats_bigram(text: str) -> bool:
    """Does some two-character string occur twice in ``text`` (overlaps counted)? Without
    that, ``dedupe_fake_bold`` changes nothing: a doubled run of two or more characters
    repeats its first two, and doubled tokens of one character each (``谢谢``) are left.
    Most texts are settled by their characters alone (no repeated character, no repeated
    bigram), both tested at C speed."""
    return len(set(text)) != len(text) and len(set(map(add, text, text[1:]))) != len(text) - 1


def _paragraphs_of(regions: Sequence[TextRegion], counts: list[int], starts: list[int], line_objs: list[Line],
                   clean: list[str], page: str, spaced: list[int], deficit: list[float], not_full: set[int],
                   breaks: dict[int, str],
                   removals: dict[int, list[str]], profile: Profile, params: ReflowParams,
                   lexicon: Optional[Lexicon]) -> list[list[Paragraph]]:
    """The ``cjk-columns`` pass's paragraphs, from the page's lines cut at the region
    starts and ``breaks``: each paragraph's fields gathered in page-wide lists, and the
    records made from them at once (``_make_paragraphs``). ``line_objs``: the page's
    lines; ``page``: their raw texts joined by line feeds; ``spaced``: the lines with
    whitespace.

    ``paragraph-arrays``: the fields are computed for all paragraphs at once, by ``map``
    over the page's paragraph bounds (``heads``, ``ends``) at C speed, in the common case
    (a paragraph is its clean lines joined without spaces, records nothing, and ends a
    sentence by its last character); only the exceptions are visited one by one: the
    paragraphs after a break or with removals (their reasons), those with a junction that
    is not CJK on both sides or marked hyphens (``join_texts``), and those that may run
    on (``runs_on``'s other tests)."""
    if not regions:
        return []
    n = len(line_objs)
    indent_max = params.indent_max
    marked_page = any(map(_OWN_HYPHENATED, line_objs))
    boxed_page = any(map(_BBOX, line_objs))
    # the paragraphs' first lines: the starts of the regions with lines, and the breaks
    # (a break is never at a region's start); the paragraphs of region r are those from
    # ``at[r]`` up to ``at[r + 1]``
    cuts = sorted(breaks)
    heads = sorted(chain(compress(starts, counts), cuts))
    ends = [*heads[1:], n] if heads else []
    count = len(heads)
    at = list(map(bisect_left, repeat(heads), starts))
    at.append(count)
    per_region = list(map(sub, at[1:], at))
    spans = list(map(slice, heads, ends))
    p_text = list(map("".join, map(clean.__getitem__, spans)))
    p_lines = list(map(tuple, map(line_objs.__getitem__, spans)))
    # reasons: a break's, then the removals of the paragraph's lines in line order
    notes: dict[int, list[str]] = {}
    for a in cuts:
        notes[bisect_left(heads, a)] = [breaks[a]]
    for k in sorted(removals):
        p = bisect_right(heads, k) - 1
        if p in notes:
            notes[p].extend(removals[k])
        else:
            notes[p] = list(removals[k])
    # ``join_texts``' fast path for all junctions of the page at once: the junction after
    # line k is CJK on both sides unless k is in ``mixed`` (the last character of line k or
    # the first of line k+1 is not CJK); a paragraph without such a junction joins without
    # spaces. (A page with an empty clean text, which ``join_texts`` would skip, has
    # every junction looked at by ``join_texts`` itself.)
    joins: set[int] = set()
    for k in _mixed_junctions(page, n, spaced) if all(clean) else range(n):
        p = bisect_right(heads, k) - 1
        if k + 1 < ends[p]:
            joins.add(p)
    marked: set[int] = set()
    if marked_page:
        for r, region in enumerate(regions):
            if per_region[r] and any(map(_HYPHENATED, region.lines)):
                marked.update(range(at[r], at[r + 1]))
    for p in sorted(joins.union(marked)):
        reasons = notes[p] if p in notes else []
        texts = clean[heads[p]:ends[p]]
        if p in marked:
            p_text[p] = join_texts(marked_hyphens.apply(p_lines[p], texts, reasons), reasons, lexicon)
        else:
            p_text[p] = join_texts(texts, reasons, lexicon)
        if reasons:
            notes[p] = reasons
    p_reasons: list[tuple[str, ...]] = [()] * count
    for p, reasons in notes.items():
        p_reasons[p] = tuple(reasons)
    # ``runs_on`` as in ``_region_paragraphs`` (a CJK region with a measure): a paragraph
    # whose last line ends a sentence by its last character (``_sentence_ends``) does not
    # run on; the others are asked the rest
    lasts = list(map(sub, ends, repeat(1)))
    settled = list(map(_sentence_table(profile).__getitem__, map(_LAST_CHAR, map(clean.__getitem__, lasts))))
    p_runs_on = [False] * count
    for p in compress(range(count), map(is_not, settled, repeat(True))):
        last = lasts[p]
        if settled[p] is None and ends_sentence(clean[last], profile):
            continue
        size = ends[p] - heads[p]
        p_runs_on[p] = not ((size == 1 and deficit[last] > indent_max)
                            or (size <= 4 and standalone(p_text[p], profile)))
    p_fresh = list(map(or_, map(breaks.__contains__, heads), map(not_full.__contains__, heads)))
    # each paragraph's region (most regions hold one paragraph: then region r's is r)
    if per_region.count(1) == len(per_region):
        owner: Sequence[int] = range(count)
    else:
        owner = [r for r, m in enumerate(per_region) if m for _ in range(m)]
    p_width = list(map([region.width or 0.0 for region in regions].__getitem__, owner))
    p_index = list(map(list(map(_INDEX, regions)).__getitem__, owner))
    p_whole = list(map(list(map(eq, per_region, repeat(1))).__getitem__, owner))
    p_bbox: list[Optional[BBox]] = [None] * count
    if boxed_page:
        for r, region in enumerate(regions):
            if per_region[r] and any(map(_LINE_BBOX, region.lines)):
                for p in range(at[r], at[r + 1]):
                    p_bbox[p] = BBox.union_all(list(map(_BBOX, p_lines[p])))
    made = _make_paragraphs(p_text, p_lines, p_width, p_index, p_fresh, p_runs_on, p_reasons, p_bbox, p_whole)
    return list(map(made.__getitem__, map(slice, at, at[1:])))


def _mixed_junctions(page: str, n: int, spaced: Sequence[int]) -> list[int]:
    """A superset of the junctions after line k (k in order) of the page's lines
    (``page``: their raw texts joined by line feeds) where the clean texts have a
    character that is not CJK on either side, found in the page text: a line's clean
    text keeps its first and last character that is not whitespace (removals take
    whitespace and the second half of doubled text). Whitespace other than the
    ideographic space is not CJK; on a page with an ideographic space, both junctions of
    the lines with whitespace (``spaced``, as ``_spaced_lines`` finds them) are taken."""
    if page.count("\n") != n - 1:
        return list(range(n))
    out = []
    k = 0
    pos = 0
    count = page.count
    for m in _MIXED_JUNCTION.finditer(page):
        at = m.start()
        k += count("\n", pos, at)
        out.append(k)
        pos = at
    if spaced and "\u3000" in page:
        # (the ideographic space is the one whitespace character in a CJK range)
        return sorted(set(out).union(spaced, [k - 1 for k in spaced if k]))
    return out


#: A line feed with a character that is not CJK (``_NOT_CJK``) after or before it: the
#: literal first, so that the scan looks for line feeds only.
_MIXED_JUNCTION = re.compile("\n(?:(?=" + _NOT_CJK.pattern + ")|(?<=" + _NOT_CJK.pattern + "\n))")


def _spaced_lines(texts: list[str], page: str) -> list[int]:
    """Indices of the texts that hold whitespace (the others are one word each, their own
    ``str.split``), found in the page's text: when all the texts are printable the only
    whitespace they can hold is the space (every other whitespace character is not
    printable), found with ``str.find``; otherwise every text is asked."""
    if "".join(texts).isprintable() and page.count("\n") == len(texts) - 1:
        out = []
        find, count = page.find, page.count
        at = find(" ")
        k = 0
        pos = 0
        while at >= 0:
            k += count("\n", pos, at)
            out.append(k)
            pos = find("\n", at)  # the next line (-1: none)
            if pos < 0:
                break
            at = find(" ", pos)
        return out
    return [k for k, t in enumerate(texts) if len(t.split()) != 1 or t.split()[0] != t]


def _make_paragraphs_builder() -> Callable[..., list[Paragraph]]:
    """``list(map(Paragraph, texts, lines, ...))`` of a page's fields in nine lists: made
    as ``model``'s twins and handed over to ``Paragraph`` (``paragraph-twin``), or else
    each of their nine slots filled by one ``map`` over the page (``slotbuild``); the
    plain ``map`` when the slots are not plain (a compiled class)."""
    twin = PARAGRAPH_TWIN
    if twin is not None:
        cls = Paragraph

        def twins(*columns: Sequence[object]) -> list[Paragraph]:
            out = list(map(twin, *columns))
            for p in out:
                p.__class__ = cls  # (``paragraph-twin``, ``model``)
            return out

        return twins
    names = ("text", "lines", "region_width", "region_index", "starts_fresh", "runs_on", "reasons", "bbox",
             "whole_region")
    setters = slot_setters(Paragraph, names)
    if setters is None:
        def plain(*columns: Sequence[object]) -> list[Paragraph]:
            return list(map(Paragraph, *columns))

        return plain
    new = object.__new__

    def build(*columns: Sequence[object]) -> list[Paragraph]:
        out: list[Paragraph] = list(map(new, repeat(Paragraph, len(columns[0]))))
        for setter, values in zip(setters, columns):
            any(map(setter, out, values))  # (setters return None: ``any`` runs them all)
        return out

    return build


#: Paragraphs from nine lists of their fields, in ``Paragraph``'s order (``_make_paragraphs_builder``).
_make_paragraphs = _make_paragraphs_builder()


class _SentenceEnds(dict):  # type: ignore[type-arg]
    """``ends_sentence`` of a text by its last character, for one profile's terminal
    punctuation: True or False when the last character settles it, None when the whole
    text must be asked (a closing bracket or quote, which ``ends_sentence`` looks
    through, or whitespace, which it strips)."""

    def __init__(self, terminal: str):
        super().__init__()
        self.terminal = terminal

    def __missing__(self, ch: str) -> Optional[bool]:
        value = self[ch] = None if (not ch or ch in _CLOSERS or ch.isspace()) else (
            ch in self.terminal or ch in ".!?。！？…")
        return value


_SENTENCE_ENDS: dict[str, _SentenceEnds] = {}


def _sentence_table(profile: Profile) -> _SentenceEnds:
    """The profile's ``_SentenceEnds`` (one per terminal punctuation, kept)."""
    table = _SENTENCE_ENDS.get(profile.terminal_punctuation)
    if table is None:
        table = _SENTENCE_ENDS[profile.terminal_punctuation] = _SentenceEnds(profile.terminal_punctuation)
    return table


def _sentence_ends(profile: Profile) -> Callable[[str], bool]:
    """``ends_sentence(text, profile)`` as a function of the text: most texts answered by
    their last character (``_SentenceEnds``), the others by ``ends_sentence``."""
    by_last = _sentence_table(profile).__getitem__

    def ends(text: str) -> bool:
        found = by_last(text[-1:])
        return ends_sentence(text, profile) if found is None else found

    return ends


def _paragraph_builder() -> Callable[[str, tuple[Line, ...], float, int, bool, bool, tuple[str, ...],
                                      Optional[BBox], bool], Paragraph]:
    """``Paragraph(text, lines, region_width, region_index, starts_fresh, runs_on, reasons,
    bbox, whole_region)`` built as ``model``'s twin (``paragraph-twin``), or else by
    setting its slots directly (``slotbuild``): a frozen
    dataclass's ``__init__`` sets each of its nine fields through ``object.__setattr__``,
    which costs more than the rest of a short paragraph's making. The class itself when
    its fields are not those nine plain slots."""
    twin = PARAGRAPH_TWIN
    if twin is not None:
        cls = Paragraph

        def made(text: str, lines: tuple[Line, ...], region_width: float, region_index: int, starts_fresh: bool,
                 runs_on: bool, reasons: tuple[str, ...], bbox: Optional[BBox], whole_region: bool) -> Paragraph:
            p = twin(text, lines, region_width, region_index, starts_fresh, runs_on, reasons, bbox, whole_region)
            p.__class__ = cls  # (``paragraph-twin``, ``model``)
            return p  # type: ignore[no-any-return]

        return made
    names = ("text", "lines", "region_width", "region_index", "starts_fresh", "runs_on", "reasons", "bbox",
             "whole_region")
    setters = slot_setters(Paragraph, names)
    if setters is None:
        return Paragraph
    set_text, set_lines, set_width, set_index, set_fresh, set_runs_on, set_reasons, set_bbox, set_whole = setters
    new = object.__new__

    def build(text: str, lines: tuple[Line, ...], region_width: float, region_index: int, starts_fresh: bool,
              runs_on: bool, reasons: tuple[str, ...], bbox: Optional[BBox], whole_region: bool) -> Paragraph:
        p = new(Paragraph)
        set_text(p, text)
        set_lines(p, lines)
        set_width(p, region_width)
        set_index(p, region_index)
        set_fresh(p, starts_fresh)
        set_runs_on(p, runs_on)
        set_reasons(p, reasons)
        set_bbox(p, bbox)
        set_whole(p, whole_region)
        return p  # type: ignore[no-any-return]

    return build


#: Builds a ``Paragraph`` from its nine fields in order (see ``_paragraph_builder``).
_paragraph = _paragraph_builder()
#: ``_paragraph`` sets exactly ``Paragraph``'s fields through its slots (so a paragraph
#: made by it from another's fields is that paragraph ``replace``d).
_PLAIN_BUILDER = _paragraph is not Paragraph


def _free_lines(plain: list[bool], full: list[bool], indent_short: list[bool]) -> list[bool]:
    """Per line of a CJK region with a measure: is it free, i.e. does it go on the
    paragraph of the line before with nothing to decide or record? So is a line after a
    full line (no ``short-line-break``) that is not short by an indent (no
    ``indent-break``) and is its own clean text (``plain``: no removal to record): most lines of
    a CJK column (which has no noise lines: ``ocr-noise-line`` is Latin only). With a
    False after the last line (a stop for ``list.index``); the first line is never free."""
    return [False, *[f and not i and p for f, i, p in zip(full, indent_short[1:], plain[1:])], False]


def _cjk_regions(regions: Sequence[TextRegion]) -> list[bool]:
    """``_cjk_region`` of every region, the CJK shares of the page's lines read at once."""
    counts = list(map(len, map(_LINES, regions)))
    shares = list(map(_CJK_SHARE, chain.from_iterable(map(_LINES, regions))))
    out = []
    a = 0
    for n in counts:
        out.append(sum(shares[a:a + n]) / max(1, n) >= 0.3)
        a += n
    return out


def _cjk_region(region: TextRegion) -> bool:
    """Is most of the region's text CJK (the mean CJK share of its lines at least 0.3)?"""
    return sum(map(_CJK_SHARE, region.lines)) / max(1, len(region.lines)) >= 0.3


# Fields of every line of a region, read at C speed (``map``) rather than in a loop.
_CJK_SHARE = attrgetter("shape.cjk")
_EMS = attrgetter("shape.ems")
_WIDTH = attrgetter("width")
_LETTERSPACED = attrgetter("shape.letterspaced")
_HYPHENATED = attrgetter("line.hyphenated")
_OWN_HYPHENATED = attrgetter("hyphenated")
_LINES = attrgetter("lines")
_TEXT = attrgetter("line.text")
_OWN_TEXT = attrgetter("text")
_LINE = attrgetter("line")
_BBOX = attrgetter("bbox")
_LINE_BBOX = attrgetter("line.bbox")
_INDEX = attrgetter("index")
#: A text's last character ("" for an empty text), as ``text[-1:]``.
_LAST_CHAR = itemgetter(slice(-1, None))


@dataclass(frozen=True, slots=True)
class Flow:
    """The reflowed page: paragraphs in stream order with their region's column family."""

    paragraphs: tuple[Paragraph, ...]
    families: tuple[Optional[float], ...]
    #: Full measure of each paragraph's region in ems (None: title material).
    widths: tuple[Optional[float], ...]
    #: Column family of the box each paragraph ends in (it differs from ``families`` when
    #: a paragraph ran on into a column of another measure); empty: same as ``families``.
    exit_families: tuple[Optional[float], ...] = ()

    def with_joined(self, joined: dict[int, tuple[int, Paragraph]]) -> "Flow":
        """This flow with the paragraphs ``i..end-1`` replaced by one paragraph for each
        ``i: (end, paragraph)`` of ``joined`` (spans in order, not overlapping); the joined
        paragraph keeps the first one's family, width and exit family (``author_notes``,
        ``title_wraps``)."""
        keep: list[int] = []
        i, n = 0, len(self.paragraphs)
        while i < n:
            keep.append(i)
            i = joined[i][0] if i in joined else i + 1
        paras = self.paragraphs
        exits = self.exit_families
        return Flow(tuple(joined[k][1] if k in joined else paras[k] for k in keep),
                    tuple(self.families[k] for k in keep), tuple(self.widths[k] for k in keep),
                    tuple(exits[k] for k in keep) if exits else ())


def _vertical_paragraph(region: TextRegion) -> Paragraph:
    text = "".join(s.line.text.strip() for s in region.lines)
    return Paragraph(text=text, lines=tuple(s.line for s in region.lines), region_width=0.0,
                     region_index=region.index, starts_fresh=True, runs_on=False,
                     reasons=("vertical-text: one character per line, read top to bottom",),
                     bbox=BBox.union_all([s.line.bbox for s in region.lines]))


def page_lexicon(regions: Sequence[TextRegion], params: ReflowParams) -> Optional[Lexicon]:
    """The page's own words, which decide hyphenation (``dehyphenate``): built once, from
    every line. A page without Latin-script lines has no Latin words to join: None."""
    if not params.dehyphenate:
        return None
    lines = list(chain.from_iterable(map(_LINES, regions)))
    # the letter search looks only at lines with a CJK share below 0.3
    if not any(_LATIN_LETTER.search(sl.line.text) for sl in [sl for sl in lines if sl.shape.cjk < 0.3]):
        return None
    return Lexicon.build(map(_TEXT, lines), params.extra_words)


def _opens_author_note(text: str, profile: Profile, closer: Optional[str]) -> bool:
    """An author note, or its start cut by a box break (the bracket it leaves open,
    ``closer = unclosed(text)``, closed for the test)."""
    return bool(profile.match("author_note", text + (closer or "")))


def build_boxes(regions: Sequence[TextRegion], profile: Profile, params: ReflowParams,
                lexicon: Optional[Lexicon] = None, held: Mapping[int, str] = _NO_HOLDS) -> list[Box]:
    """Each region's paragraphs as an unlinked ``Box`` (regions without text are left out;
    ``held``: see ``reflow``)."""
    boxes: list[Box] = []
    # Blank lines cut the page into text boxes (a flat text has none: one region).
    chunked = len(regions) >= 3
    cjks = _cjk_regions(regions)
    # CJK regions with a measure (most of a CJK page) in one pass (``cjk-columns``)
    columns = [r for r, cjk in zip(regions, cjks) if cjk and r.width is not None and not r.vertical]
    column_paras = iter(_cjk_column_paragraphs(columns, profile, params, lexicon) if columns else ())
    for region, cjk in zip(regions, cjks):
        if region.vertical:
            rp = [_vertical_paragraph(region)]
        elif cjk and region.width is not None:
            rp = next(column_paras)
        elif not cjk and len(region.lines) == 1 and region.lines[0].line.bbox is not None:
            rp = [_one_line_paragraph(region, profile, params)]  # (``geo-one-line``)
        else:
            rp = _region_paragraphs(region, profile, params, lexicon, chunked, cjk, held)
        if not rp:
            continue
        closer = unclosed(rp[-1].text)
        head_closer = closer if len(rp) == 1 else unclosed(rp[0].text)  # (most boxes: one paragraph)
        boxes.append(Box(region, rp, _last_full(rp[-1], region, params), cjk, closer=closer,
                         author_note=_opens_author_note(rp[0].text, profile, head_closer)))
    return boxes


def reflow(regions: Sequence[TextRegion], profile: Profile, params: ReflowParams, *,
           input_boxes: bool = False, held: Mapping[int, str] = _NO_HOLDS) -> Flow:
    """Paragraphs of every region, with paragraphs cut by box breaks joined again.

    ``held``: line numbers of Latin lines before which the break rules make no break, with
    the reason recorded instead (the flat stage's "this line goes on", ``flat.Restored.held``;
    empty for every other input).

    ``input_boxes``: the regions are the input's own OCR text blocks (ALTO TextBlock, PAGE
    TextRegion, hOCR carea), which Latin ground truth treats as block units just as the
    blank lines of a text export (``textboxes``): a Latin paragraph does not run on across
    them except inside a hyphenated word (``latin-box-break``).

    Boxes are linked into chains (box i's last paragraph continues in box j's first):

    1. ``blank-line-repair``: the next box of the same column family continues a paragraph
       that runs on, or one ending a sentence on a full line when the next box opens with
       a full (unindented) line;
    2. ``continuation-search`` (CJK text, whose paragraphs always end with punctuation, so a
       missing end is reliable): a paragraph that still runs on continues in the box, anywhere
       on the page, that opens with a continuation line and best fits — same column family,
       characters across the junction that form n-grams the page uses elsewhere, nearness in
       the stream. Extractors such as pdfminer emit boxes roughly top to bottom across
       columns, so a paragraph's continuation often comes earlier or much later;
    3. a paragraph left running on joins the next box of its family (measurement noise can
       make a continuation line look indented).

    The continuation search links by ``best-match-assignment`` (``continuation.assign_links``):
    the links with the best total score, not the best link first.

    Chains are emitted in ``chain_order``: a link that jumps in the stream brings the
    stretch of stream after its head along; inside that order a chain sits at the
    position of its earliest box (an extractor emits the top of a column early).
    """
    lexicon = page_lexicon(regions, params)
    boxes = build_boxes(regions, profile, params, lexicon, held)

    def link(i: int, j: int, why: str) -> None:
        boxes[i].next = j
        boxes[j].prev = i
        boxes[j].link_reason = why

    def latin_box_break(i: int) -> None:
        """A blank line (or an OCR text block's end) ends a Latin block, except inside a
        hyphenated word (``textboxes``)."""
        if box_break_joins(boxes[i].paras[-1].text, boxes[i + 1].paras[0].text):
            link(i, i + 1, BOX_JOIN_REASON)

    def linkable(i: int, j: int) -> bool:
        return boxes[i].next is None and boxes[j].prev is None and i != j and not chain_has(boxes, j, i)

    geometric = bool(boxes) and all(s.line.bbox is not None for bx in boxes for s in bx.region.lines)
    if params.repair_blank_breaks and geometric:
        # Geometric input (PDF, OCR XML) arrives in reading order from the layout stage:
        # a paragraph continues only in the next box of the stream, never elsewhere.
        for i in range(len(boxes) - 1):
            a, b = boxes[i], boxes[i + 1]
            if b.region.vertical or a.region.vertical:
                continue
            tail, head = a.paras[-1], b.paras[0]
            if input_boxes and not a.cjk and not b.cjk:
                latin_box_break(i)  # Latin OCR text blocks, like a text export's blank lines
                continue
            if head.starts_fresh and not (tail.runs_on and a.last_full and a.cjk and b.cjk):
                # (``geo-link-needs``: both links below need a head that does not start
                # fresh, and a tail that runs on or ends on a full line; asked first, the
                # costlier tests, profile patterns among them, are spared most boxes)
                continue
            if not (tail.runs_on or a.last_full):
                continue
            if standalone(head.text, profile) or not same_style(tail, head):
                continue
            same_family = a.region.family is not None and a.region.family == b.region.family
            if head.starts_fresh:
                # a CJK tail running on at a full line: the head is fresh only if indented
                if not (same_family and flush_head(b.region, head)):
                    continue
                link(i, i + 1, "flush-column-head: a short head line flush with its column goes on"
                               " the paragraph")
                continue
            if same_family and ((tail.runs_on and not head.starts_fresh) or (
                    a.last_full and not head.starts_fresh and not tail.runs_on)):
                link(i, i + 1, "blank-line-repair: joined across a text-box break")
            elif b.region.family is not None and geometric_run_on(tail, head):
                link(i, i + 1, "column-break-continuation: the paragraph runs on at the head of the next column")
    elif params.repair_blank_breaks:
        for i in range(len(boxes) - 1):
            a, b = boxes[i], boxes[i + 1]
            if a.region.family is None or a.region.family != b.region.family or b.region.vertical:
                continue
            tail, head = a.paras[-1], b.paras[0]
            # CJK paragraphs that run on are placed by the continuation search below,
            # where the next box competes with every other candidate. An author note or
            # byline (``standalone``) opens no continuation: tested last, being the
            # costliest test (profile patterns).
            if not a.cjk and not b.cjk:
                if not standalone(head.text, profile):
                    latin_box_break(i)
                continue
            if ((tail.runs_on and not head.starts_fresh and not a.cjk) or (
                    a.last_full and not head.starts_fresh and not tail.runs_on
                    and (not a.cjk or surely_continues(b)))) and not standalone(head.text, profile):
                # (a CJK sentence that ends on a full line goes on in the next box only
                # when that box's head is surely not indented: ``surely_continues``; the
                # width tolerance of a wide column would take an indent for noise)
                link(i, i + 1, "blank-line-repair: joined across a text-box break")
        for c in best_links(boxes, profile, params.spread_indent_min):
            i, j = c.tail, c.head
            if linkable(i, j):
                if j > i and all(boxes[k].region.width is None for k in range(i + 1, j)):
                    link(i, j, "blank-line-repair: joined across a text-box break")
                else:
                    link(i, j, "continuation-search: the paragraph ran on into a box elsewhere in the stream"
                              " (best-match-assignment)")
        for i in range(len(boxes) - 1):
            a, b = boxes[i], boxes[i + 1]
            if a.paras[-1].runs_on and a.region.family is not None and a.region.family == b.region.family \
                    and linkable(i, i + 1) and (a.cjk or b.cjk):
                link(i, i + 1, "blank-line-repair: joined across a text-box break")

    # emit chains in segment order (``chain_order``): jumps bring whole stretches along
    order, moved = emission_plan(boxes)

    paras: list[Paragraph] = []
    fams: list[Optional[float]] = []
    widths: list[Optional[float]] = []
    exits: list[Optional[float]] = []
    for k in order:
        bx = boxes[k]
        rp = list(bx.paras)
        extra = [moved[k]] if k in moved else []
        if bx.prev is not None and paras:
            prev, first = paras[-1], rp[0]
            reasons = list(prev.reasons) + [bx.link_reason] + extra
            extra = []
            text = join_texts(marked_hyphens.apply([prev.lines[-1], first.lines[0]], [prev.text, first.text], reasons),
                              reasons, lexicon)
            reasons.extend(first.reasons)
            bbox = BBox.union_all([prev.bbox, first.bbox])
            if _PLAIN_BUILDER:
                # (``replace`` of these fields, with the other three copied: made through
                # the slots, ``_paragraph``)
                paras[-1] = _paragraph(text, prev.lines + first.lines, prev.region_width, prev.region_index,
                                       prev.starts_fresh, first.runs_on, tuple(reasons), bbox, False)
            else:
                paras[-1] = replace(prev, text=text, lines=prev.lines + first.lines, runs_on=first.runs_on,
                                    reasons=tuple(reasons), bbox=bbox, whole_region=False)
            if bx.region.family is not None:
                exits[-1] = bx.region.family
            rp = rp[1:]
        if extra and rp:
            rp[0] = replace(rp[0], reasons=rp[0].reasons + tuple(extra))
        for p in rp:
            paras.append(p)
            fams.append(bx.region.family)
            widths.append(bx.region.width)
            exits.append(bx.region.family)
    return Flow(tuple(paras), tuple(fams), tuple(widths), tuple(exits))


def _last_full(p: Paragraph, region: TextRegion, params: ReflowParams) -> bool:
    if region.width is None:
        return False
    s = shape(p.lines[-1].text, params.letterspace_share)
    cjk = s.cjk >= 0.3
    tol = max(1.0, (0.06 if cjk else 0.12) * region.width)
    return s.letterspaced or region.width - s.ems <= tol
