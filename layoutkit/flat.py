"""Flat Latin text: restore the text-box breaks that a flat export (Library of Congress
``ocr.txt``, a ``.flat.txt``) has lost.

Such a file has no blank line at all, so the column stage would see one text box with one
measure for the whole page. This stage inserts a blank line where the lines themselves
show a block boundary, then the usual stages run as on a text with blank lines. Widths are
measured against the *local measure*: the upper quartile of the line widths around the
line, so mixed column widths do not matter.

Break signals (``line_signals``; precision against the gold block starts of the 23 dev
flat cases with ``break_f1`` in brackets, measured with ``bench/flat_signals.py``):

* ``flat-title-run`` (0.58): a run of title lines (short, capitalized or a profile
  heading, no sentence end, not continued by a lowercase line) is a box of its own;
* ``flat-paragraph-end`` (0.55): a line that ends a sentence and is short against the
  local measure, followed by a line opening with a capital, digit, quote, bracket or dash.
  "Short" depends on what the page's ground-truth unit is (profile ``text_box``): below
  0.9 of the measure where every printed paragraph is a block (``region``: 0.84 on the
  gazette, 0.78 on the Kölnische Zeitung), below 0.7 where the unit is the OCR engine's
  text block (``block``: most paragraph ends are no block ends there, 0.23 to 0.35);
* ``flat-one-line-block`` (0.56), ``flat-dateline`` (0.63), ``flat-dialogue-turn``
  (1.00): after a sentence end, a short sentence alone on its line (``Rücktritt
  Trotzkis?``) or a profile dateline (``Berlin, 15. Jan.``); after a closed quotation,
  a new one (``…ſage ich Ihnen.“`` / ``„Ich glaube es.“``);
* region profiles only (on block pages they measure 0.02 to 0.17, far below the rest):
  ``flat-figure-cell`` (0.76): a line of figures alone is a table cell, a block of its
  own; ``flat-item-marker`` (0.94): a line opening with a news item's marker glyph
  (``* Gebr. Stollwerck``); ``flat-short-after-full`` (0.58): after a full line ending a
  sentence, a capitalized line well short of the measure (a one-line paragraph or title);
  ``flat-page-header`` (0.95): a line the profile calls a page header (a running head, a
  folio) is a block of its own, wherever the flat export put it (``furniture`` keeps it
  at its place in the reading order).

Vetoes: ``flat-sentence-tail`` (the title run it stops would have been right 3 times in
40): a short capitalized sentence end after a long line stopping on a lowercase word is
that line's sentence, not a title. ``flat-noise-line`` (block profiles; a gold block
starts before 30 of the 1,240 lines it fires on): no break before a line of OCR debris
(``noise``) unless it follows a title line, and none after it before a text line
(no title, no figures: a table row after debris may be a cell of its own, and merged
table rows are typed ``other``): on those pages debris sits inside the engine's text blocks, where the
gazette's figure cells (typed ``other`` as debris too) are blocks of their own. A line
ending in a word hyphen never ends a box.

Vetoes that read a line's last word (added in the fourth round; each measured with
``bench/score_cases.py --kind flat.txt``, mean break F1 over the 23 dev cases and the
pooled F1 over their breaks, and kept only where no gated metric fell):

* ``flat-comma-continues`` (region profiles): a title never follows a comma; the short
  capitalized line after ``… Backpulver,`` is the last line of that sentence
  (``Eſſig⸗ und Senf⸗Fabrikate.``), not a title run. On block pages it merges the names
  of a notice across its entries and costs article grouping (KB flat ARI 0.78 -> 0.72).
* ``flat-initial-continues``: a line ending in an initial or a one-letter title
  (``Hr. W.``, ``de M.``) stops inside a name that goes on in the next line (``Ribot.``).
  Roman numerals (``Artikel I.``) close their line.
* ``flat-dateline-runs-in``: a dateline cut after its day or abbreviated month
  (``* London, 16. Jan.``, ``WTB Wien, 15.``) ends no sentence: the item's text runs on
  (no gold block starts after any of the 8 such lines on the Kölnische Zeitung pages). A
  dated closing line (``Berlin, den 21. Oktober 1878.``) still ends its notice.
* ``flat-abbreviation-end``: a full line stopping on a word of one or two letters and a
  period (``pr.``, ``u. a.``) ends no sentence, so the short line after it is the
  sentence's tail, not a one-line paragraph or a title (``flat-one-line-block``,
  ``flat-short-after-full`` do not fire).
* ``flat-colon-introduces`` (block profiles): what a colon announces stays in the OCR
  block of the line that announces it (0 of 16 breaks after a colon were KB block starts).

Fifth round: ``flat-full-line-continues`` (block profiles): after a full line ending a
sentence, ``flat-one-line-block`` and ``flat-dateline`` do not open a block: as for a
paragraph end, only a short line ends an OCR text block (those breaks were right 0.16 on
the BnF pages, 0.00 and 0.19 on the KB pages: one-line sentences, and the lists of dated
market and shipping reports that the OCR engine sets in one block).
``flat-debris-ends-nothing`` (block profiles): the final period of OCR debris or of a row
of figures with dot leaders ends no sentence (1 of 32 paragraph-end breaks after such a
line was a gold block start). Mean flat break F1 0.678 -> 0.680; the rules measured and
not kept are listed in ``docs/flat-text.md``.

Sixth round (mean flat break F1 over the 23 dev cases 0.680 -> 0.701; ``docs/flat-text.md``):

* holds (``Restored.held``, ``reflow(held=…)``): where flat read "this line goes on", the
  reflow stage makes no break of its own either: ``flat-line-goes-on`` (region profiles:
  the line before ends on a lowercase word inside its sentence), ``flat-sentence-goes-on``
  (region profiles: its period closes a day, a month or an abbreviation), ``flat-box-holds``
  (block profiles: a restored box is one OCR block, cut only before OCR debris);
* ``flat-dateline-cut``: a dateline cut after its day (``WTB Wien, 15.`` / ``Jan. …``);
* block profiles: ``flat-notice-run`` (notices closed by order numbers or opened by an
  asterism are one OCR block), ``flat-list-item`` (short paragraphs next to each other are
  a list in one block), ``flat-colon-lead-in`` (``Du Voltaire :`` stays with the text
  before it), ``flat-dialogue-goes-on`` (``—Et maintenant?``), ``flat-chapter-opens``
  (``XIV``);
* ``flat-sentence-tail`` also after a line that fills the measure and ends no sentence,
  whatever its last word; a line of fewer than two letters is no title line.

Measured and not used: ``flat-table-rows`` (on block pages, no break between two lines of
figures: it gains break F1 on the BnF pages and loses article grouping).

Every break and veto is recorded in the reasons of the paragraph it decides
(``restore``/``annotate``). CJK text is left alone: its rules differ (the seed page keeps
blank lines) and the CJK reflow handles continuous text itself.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Mapping, Sequence

import regex

from .measure import shape
from .model import Line, Paragraph
from .noise import is_noise
from .profile import Profile
from .reflow import Flow, ends_sentence, ends_with_word_hyphen, table_rows
from .textboxes import opens_enumeration

#: Lines on either side of a line that define its local measure.
WINDOW = 12
#: A sentence-ending line shorter than this share of the local measure ends its box, on
#: pages whose ground-truth unit is the printed paragraph (profile ``text_box: region``).
SHORT_SHARE = 0.9
#: The same on pages whose unit is the OCR engine's text block (profile ``text_box:
#: #: block``): most paragraph ends are not block ends there (module doc).
BLOCK_SHORT_SHARE = 0.7
#: A line at least this share of the local measure that ends no sentence goes on in the
#: next line, even a short capitalized one (``flat-sentence-tail``).
TAIL_SHARE = 0.5
#: A line at least this share of the local measure that ends no sentence goes on in the
#: next line whatever its last word (``flat-sentence-tail``).
FULL_TAIL_SHARE = 0.95
#: After a full line that ends a sentence, a capitalized line shorter than this share
#: opens a block (``flat-short-after-full``, region profiles).
FIRST_SHARE = 0.85
#: A title line is at most this share of the local measure.
TITLE_SHARE = 0.8


def is_flat(lines: Sequence[Line]) -> bool:
    """A text input of some length without a single blank line."""
    return len(lines) >= 20 and not any(ln.is_blank for ln in lines) and all(ln.bbox is None for ln in lines)


def _local_measure(widths: Sequence[float], i: int) -> float:
    window = sorted(widths[max(0, i - WINDOW): i + WINDOW + 1])
    return window[(3 * len(window)) // 4]


def _title_line(text: str, width: float, measure: float, profile: Profile) -> bool:
    t = text.strip()
    if not t or width > TITLE_SHARE * measure or not t[0].isupper():
        return False
    if sum(c.isalpha() for c in t) < 2:
        return False  # one capital alone (``H``, ``S``) is a speck of OCR debris, no title
    if profile.match("heading", t):
        return True
    return not ends_sentence(t, profile) and sum(c.isupper() for c in t) * 2 >= sum(c.isalpha() for c in t)


_OPENING_QUOTES = "„“«»\"‚"
#: Besides capitals and digits, the marks a block may open with: quotes, dashes, brackets
#: (``[951]``, the number of a notice in a gazette's ads), section signs, asterisks.
_OPENERS = "\"'„“«»—–-([§*"
_CLOSING_QUOTES = "“”»«\"‘’"


_FIGURES_ONLY = regex.compile(r"[\d\s().,;:/—–\-½¼¾⅓⅔]*\d[\d\s().,;:/—–\-½¼¾⅓⅔]*")


def figure_cell(text: str) -> bool:
    """``flat-figure-cell``: a line of figures alone (``1366``, ``(1070)``, ``11 20``) is a
    table cell that the flat export put on a line of its own. (The caller leaves a figure
    that ends a line of figures, ``… 19/12`` / ``1911.``, in its line's block, and a cell
    continued in lowercase.)"""
    return bool(_FIGURES_ONLY.fullmatch(text.strip()))


_LOWER_WORD = regex.compile(r"\p{Ll}+")


def sentence_tail(prev: str, text: str, prev_width: float, measure: float, profile: Profile) -> bool:
    """``flat-sentence-tail``: a short capitalized line that ends a sentence (``Vliet.``,
    ``Boden und Rheinische Baubank.``) after a long line that stops on a lowercase word
    (``… C. W. van``: a running line of three words or more) is the end of that line's
    sentence, not a title: the title-run break does not apply. (A previous line ending in OCR debris or a capitalized word
    does not count: a heading such as ``Onderwijs.`` often follows such lines.) A line that
    fills the measure (``FULL_TAIL_SHARE``) and ends no sentence goes on whatever its last
    word (``… un ancien prix de Rom`` / ``M. Gustave Charpentier.``, ``… représentera le
    roi de`` / ``Portugal.``): none of the 18 title-run breaks before such a tail on the dev
    flat cases was right."""
    words = prev.split()
    if not ends_sentence(text, profile) or len(words) < 3:
        return False
    if prev_width >= FULL_TAIL_SHARE * measure:
        # (not a word in capitals alone, ``VERTROKKEN.``: a section heading; a comma is left
        # to ``flat-comma-continues``)
        t = text.strip()
        return not ends_sentence(prev, profile) and not ends_with_word_hyphen(prev) \
            and not prev.rstrip().endswith(",") and not (" " not in t and t.isupper())
    return prev_width >= TAIL_SHARE * measure and bool(_LOWER_WORD.fullmatch(words[-1]))


def page_header(text: str, profile: Profile) -> bool:
    """``flat-page-header``: a line the profile calls a page header (a running head such
    as ``Kölniſche Zeitung * Erſte Morgen-Ausgabe``, a folio such as ``1924 o Nr. 38``) is
    a block of its own wherever the flat export put it, often between two paragraphs of
    the text. Not a line that ends with a comma or holds figures
    alone: those are dates and cells of the text (``13. September 1862,``, ``1911.``)."""
    t = text.strip()
    return len(t) <= 80 and not t.endswith(",") and not figure_cell(t) and bool(profile.match("header", t))


#: A news item's marker: one or two symbols (an OCR'd dingbat, ``*``, ``�``), or a bracket
#: and one letter (``(D``, ``(h``: a bracketed agency mark), then a capitalized word.
_ITEM_MARKER = regex.compile(r"(?:[^\p{L}\p{N}\s„“\"'«»(\[—–-]{1,2}|\(\p{L})\s+\p{Lu}\p{Ll}")


def item_marker(text: str) -> bool:
    """``flat-item-marker``: a line that opens with a news item's marker (``* Gebr.
    Stollwerck A.-G.``, ``� Die deutſchen Banken``, ``(D Interessengemeinſchaft``) opens
    a block."""
    return bool(_ITEM_MARKER.match(text.lstrip()))


def one_line_block(text: str, width: float, measure: float, profile: Profile) -> bool:
    """``flat-one-line-block``: after a sentence end, a short capitalized line that is a
    sentence of its own (``Die Parteien zur ſächſiſchen Regierungserklärung.``,
    ``Rücktritt Trotzkis?``) is a block of its own: a title or a one-line paragraph."""
    t = text.strip()
    return bool(t) and t[0].isupper() and width < TITLE_SHARE * measure and ends_sentence(t, profile)


def dialogue_turn(prev: str, text: str) -> bool:
    """``flat-dialogue-turn``: a line that opens a quotation after a line that closes one
    (``… Großartig, ſage ich Ihnen.“`` / ``„Ich glaube es.“``) starts a new paragraph:
    each turn of a dialogue is a paragraph."""
    p, t = prev.rstrip(), text.lstrip()
    inner = p[:-1].rstrip()  # French sets a space inside the guillemets: « … commissaire. »
    return bool(p) and p[-1] in _CLOSING_QUOTES and bool(inner) and inner[-1] in ".!?…—-" \
        and bool(t) and t[0] in _OPENING_QUOTES


#: A line ending in a word of one or two letters and a period (``pr.``, ``Hr. W.``, ``u. a.``):
#: an abbreviation, whose period ends no sentence (``flat-abbreviation-end``).
_SHORT_ABBREVIATION = regex.compile(r"(?:^|\s)\p{L}{1,2}\.$")
#: A dateline cut after its day or its abbreviated month (``15.``, ``Jan.``, ``Febr.``).
_ABBREVIATED_END = regex.compile(r"(?:\s\d{1,2}|\s\p{L}{2,5})\.$")
_INITIAL_END = regex.compile(r"(?:^|[\s.])\p{Lu}\.$")
_ROMAN = regex.compile(r"(?:^|\s)[IVXLC]+\.$")


def run_in_dateline(text: str, profile: Profile) -> bool:
    """``flat-dateline-runs-in``: a line that holds a news item's dateline and little
    more (``Berlin, 15. Jan.``, ``* London, 16. Jan.``) opens the item, whose text runs on
    in the next line. A dateline with a year (``Berlin, den 21. Oktober 1878.``) is the
    date that closes an official notice, before its signature: it does not count."""
    t = text.strip()
    return len(t) <= 40 and bool(_ABBREVIATED_END.search(t)) and bool(profile.match("dateline", t)) \
        and not profile.match("header", t)


def ends_with_initial(text: str) -> bool:
    """``flat-initial-continues``: a line ending in one capital and a period (an initial,
    ``Hr. W.``, or a one-letter title, ``de M.``) stops inside a name, which goes on in
    the next line (``Müller.``, ``Ribot.``). Roman numerals (``Artikel I.``) are numbers
    that close their line."""
    t = text.rstrip()
    return bool(_INITIAL_END.search(t)) and not _ROMAN.search(t)


#: A chapter number alone on its line: a Roman numeral (``XIV``, ``XV.``).
_CHAPTER = regex.compile(r"[IVXLC]{1,6}\.?")
_DAY_END = regex.compile(r"(?:^|\s)\d{1,2}\.$")


def dateline_cut(prev: str, text: str, profile: Profile) -> bool:
    """``flat-dateline-cut``: a dateline that the line end cut after its day (``WTB Wien,
    15.`` / ``Jan. An der Wertpapierbörse …``, ``Moskauer`` / ``Börse, 15.`` / ``Jan. 1
    Tscherwonetz``): the day's period ends no sentence, the date goes on in the next line.
    Read from the profile's own datelines: the two lines joined are one, the first alone
    is none."""
    p = prev.strip()
    return bool(_DAY_END.search(p)) and bool(profile.match("dateline", f"{p} {text.strip()}")) \
        and not profile.match("dateline", p)


#: A notice's order number, closing its last line or opening a line of its signature
#: (``Amsterdam, 30 November 1876. (43923)``, ``(43885) A. J. A. ROMER``).
_ORDER_NUMBER = regex.compile(r"\(\s*\d{4,6}\s*\)\s*[|.]?\s*$|^\s*\(\s*\d{4,6}\s*\)\s")
#: A notice's opening asterism, two or three marks with an asterisk before a capitalized
#: word (``*** Heden overleed``, ``*»* De LEDEN``; a single ``*`` opens a news item).
_ASTERISM = regex.compile(r"^\s*(?=[^\p{L}\p{N}\s]{2,3}\s)[^\p{L}\p{N}\s]*\*[^\p{L}\p{N}\s]*\s+\p{Lu}")
#: Two notice marks at most this many lines apart belong to one run of notices.
NOTICE_GAP = 40
#: This many lines of OCR debris in a row between two notices end their run.
NOTICE_BREAK_DEBRIS = 2


def notice_run(lines: Sequence[str]) -> list[bool]:
    """``flat-notice-run`` (block profiles): per line, whether it lies inside a run of
    small notices (family notices, thanks, sales) each closed by the advertisement's order
    number or opened by an asterism (``*** Heden overleed``), between two such marks at
    most ``NOTICE_GAP`` lines apart with no stretch of OCR debris between them (a rule or
    a column edge read as specks ends the run). The OCR engine
    sets such a column of notices, separated only by thin rules, in one text block; the
    names, ``EN`` / ``MET`` and signatures set in capitals inside the notices are no
    titles there, and their short lines no paragraph ends (on the dev block pages the run
    of 26 numbered notices of an 1876 page holds 2 gold block starts against about 80
    title and paragraph-end breaks)."""
    noise = [is_noise(t) for t in lines]
    # a stretch of OCR debris between two notices (a rule or a column edge read as specks,
    # ``NOTICE_BREAK_DEBRIS`` lines or more) ends a run of numbered notices, a speck inside
    # a notice does not; notices opened by an asterism, whose end is not marked, stop at
    # any debris
    stretch = [i for i in range(len(lines) - NOTICE_BREAK_DEBRIS + 1) if all(noise[i:i + NOTICE_BREAK_DEBRIS])]
    speck = [i for i, n in enumerate(noise) if n]
    inside = [False] * len(lines)
    for marks, edges in (([i for i, t in enumerate(lines) if _ORDER_NUMBER.search(t)], stretch),
                         ([i for i, t in enumerate(lines) if _ASTERISM.match(t)], speck)):
        for a, b in zip(marks, marks[1:]):
            if b - a <= NOTICE_GAP and not any(a < e < b for e in edges):
                for i in range(a + 1, b + 1):
                    inside[i] = True
    return inside


def line_signals(lines: Sequence[Line], profile: Profile) -> list[frozenset[str]]:
    """Per line, the names of the block-start signals that fire before it (see the module
    doc); empty for the first line, for CJK pages and after a word hyphen. Exposed so
    ``bench/flat_signals.py`` can measure each signal against the dev cases' gold."""
    shapes = [shape(ln.text) for ln in lines]
    if sum(s.cjk >= 0.3 for s in shapes) * 2 > len(shapes):
        return [frozenset() for _ in lines]
    widths = [s.ems for s in shapes]
    measures = [_local_measure(widths, i) for i in range(len(lines))]
    title = [_title_line(ln.text, widths[i], measures[i], profile) for i, ln in enumerate(lines)]
    block = profile.text_box == "block"
    short_share = BLOCK_SHORT_SHARE if block else SHORT_SHARE
    notices = notice_run([ln.text for ln in lines]) if block else [False] * len(lines)
    out: list[frozenset[str]] = [frozenset()]
    for i in range(1, len(lines)):
        prev, cur = lines[i - 1].text.strip(), lines[i].text.strip()
        found: set[str] = set()
        if not ends_with_word_hyphen(prev):
            opens = bool(cur) and (cur[0].isupper() or cur[0].isdigit() or cur[0] in _OPENERS)
            end = ends_sentence(prev, profile)
            if end and run_in_dateline(prev, profile):
                end = False  # the period closes an abbreviated month or a day, not a sentence
                found.add("flat-dateline-runs-in")
            if end and dateline_cut(prev, cur, profile):
                end = False  # the period closes the day of a dateline cut by the line end
                found.add("flat-dateline-cut")
            if end and block and is_noise(prev):
                # ``flat-debris-ends-nothing`` (block profiles): the period of OCR debris or of
                # a row of figures with dot leaders (``Turc...,.., 22 50,,..``) ends no sentence
                end = False
                found.add("flat-debris-ends-nothing")
            # ``flat-abbreviation-end``: a full line stopping on a short abbreviation (``pr.``,
            # ``Hr. W.``) ends no sentence, so the short line after it is that sentence's
            # tail, not a one-line paragraph (a short line before it still ends a paragraph)
            full_end = end and not _SHORT_ABBREVIATION.search(prev)
            if end and not full_end and widths[i - 1] >= short_share * measures[i - 1]:
                found.add("flat-abbreviation-end")
            if title[i] != title[i - 1] and opens and not (title[i - 1] and cur[:1].islower()):
                if title[i] and sentence_tail(prev, cur, widths[i - 1], measures[i - 1], profile):
                    found.add("flat-sentence-tail")
                else:
                    found.add("flat-title-run")
            if end and widths[i - 1] < short_share * measures[i - 1] and opens:
                found.add("flat-paragraph-end")
            if not block and (page_header(prev, profile) or page_header(cur, profile)):
                found.add("flat-page-header")
            if not block and item_marker(cur):
                found.add("flat-item-marker")
            if not block and opens and full_end and widths[i - 1] >= SHORT_SHARE * measures[i - 1] \
                    and cur[:1].isupper() and widths[i] < FIRST_SHARE * measures[i]:
                found.add("flat-short-after-full")
            if opens and dialogue_turn(prev, cur):
                found.add("flat-dialogue-turn")
            # ``flat-full-line-continues`` (block profiles): after a full line, a one-line
            # sentence or a dateline goes on in the OCR block of that line; only a short line
            # ends a block there
            full_before = widths[i - 1] >= short_share * measures[i - 1]
            if opens and (full_end or not full_before) and end \
                    and one_line_block(cur, widths[i], measures[i], profile):
                found.add("flat-full-line-continues" if block and full_before else "flat-one-line-block")
            if opens and end and profile.match("dateline", cur):
                found.add("flat-full-line-continues" if block and full_before else "flat-dateline")
            # debris between title lines (a masthead's pieces) is left to the title rules; after
            # debris only a text line stays (rows of figures merged into it would type as tables)
            if block and (is_noise(cur) and not title[i - 1]
                          or is_noise(prev) and not title[i - 1] and not title[i]
                          and not any(ch.isdigit() for ch in cur)):
                found.add("flat-noise-line")
            if block and table_rows(prev, cur) and "flat-dateline" not in found:
                found.add("flat-table-rows")
            if not block and (figure_cell(cur) and (figure_cell(prev) or not prev[-1:].isdigit())
                              or figure_cell(prev) and not cur[:1].islower()):
                found.add("flat-figure-cell")
            if not block and prev.endswith(",") and "flat-title-run" in found:
                found.discard("flat-title-run")  # a title never follows a comma: the sentence goes on
                found.add("flat-comma-continues")
            if ends_with_initial(prev) and cur[:1].isupper():
                found.add("flat-initial-continues")
            if block and prev.endswith(":"):
                found.add("flat-colon-introduces")
            if notices[i]:
                found.add("flat-notice-run")
            if block and _CHAPTER.fullmatch(prev):
                # ``flat-chapter-opens`` (block profiles): a chapter number alone on its line
                # (``XIV``, a serial's next chapter) heads the text that follows, in its block
                found.add("flat-chapter-opens")
            if block and cur[:1] in "—–" and cur[1:2] and not cur[1:2].isspace() and not title[i - 1]:
                # ``flat-dialogue-goes-on`` (block profiles): a dialogue turn, its dash set
                # close to the words (``—Et maintenant? interrogea …``), stays in the OCR block
                # of the dialogue (6 breaks before such lines on the BnF pages, none right; a
                # dash and a space open the news items of the KB pages, which are blocks)
                found.add("flat-dialogue-goes-on")
            if block and cur.endswith(":") and widths[i] < TITLE_SHARE * measures[i] and not title[i - 1] \
                    and not title[i]:
                # ``flat-colon-lead-in`` (block profiles): a short line that announces what
                # follows (``Du Voltaire :``, ``A une heure :``) after a text line stays in the
                # OCR block of that text (a press review, a programme): 11 of the 12 breaks
                # before such lines on the dev block pages were false
                found.add("flat-colon-lead-in")
        out.append(frozenset(found))
    if block:
        out = _list_items(out, title)
    return out


#: On block pages, paragraphs of at most this many lines next to each other are the items
#: of a list (``flat-list-item``).
LIST_ITEM_LINES = 4


def _breaks(signals: Sequence[frozenset[str]]) -> list[int]:
    """The line indexes where ``restore`` inserts a break (line 0 included)."""
    return [0] + [i for i, found in enumerate(signals)
                  if i and not found & HARD_VETOES and found & BREAK_SIGNALS.keys()]


def _list_items(signals: list[frozenset[str]], title: Sequence[bool]) -> list[frozenset[str]]:
    """``flat-list-item`` (block profiles): between two paragraphs of at most
    ``LIST_ITEM_LINES`` lines each (``Vendredi, Manon.`` / ``Samedi, Kassya.``, the ships of
    a maritime report, the prices of a market report, the theatres of a programme) there is
    no block break: such lists are set in one OCR text block (mean flat break F1 over the
    23 dev cases: at most 2 lines +0.0013, 3 lines +0.0022; measured again with the later
    rules, 4 lines instead of 3 +0.0012, 5 lines the same as 4). Title lines keep their breaks (a title run is no list
    item). The paragraphs are those the other signals make, read once before any is
    merged, so the rule does not feed on itself."""
    starts = _breaks(signals) + [len(signals)]
    out = list(signals)
    for k in range(1, len(starts) - 1):
        i = starts[k]
        if starts[k] - starts[k - 1] <= LIST_ITEM_LINES and starts[k + 1] - i <= LIST_ITEM_LINES \
                and not title[i] and not title[i - 1]:
            out[i] = signals[i] | {"flat-list-item"}
    return out


#: The signals that insert a block break, with the reason recorded on the block they open.
BREAK_SIGNALS: Mapping[str, str] = {
    "flat-title-run": "a run of title lines begins or ends here",
    "flat-paragraph-end": "the line before ends a sentence short of the local measure",
    "flat-dialogue-turn": "a new quotation after a closed one",
    "flat-one-line-block": "a short sentence alone on its line after a sentence end",
    "flat-dateline": "a dateline after a sentence end",
    "flat-figure-cell": "a line of figures alone is a table cell",
    "flat-short-after-full": "a short capitalized line after a full line ending a sentence",
    "flat-item-marker": "the line opens with a news item's marker",
    "flat-page-header": "a page header (running head, folio) is a block of its own",
}
#: Signals that decide "no break here", with the reason recorded on the block they keep whole.
VETOES: Mapping[str, str] = {
    "flat-sentence-tail": "a short capitalized line ends the sentence of the long line before (no title run)",
    "flat-noise-line": "a line of OCR debris stays in the OCR text block it interrupts, with the line after it (profile text_box: block)",
    "flat-comma-continues": "a title never follows a comma: the short line after it goes on with its sentence",
    "flat-abbreviation-end": "the full line before stops on an abbreviation, not a sentence end: the short line is its tail",
    "flat-colon-introduces": "the line before ends with a colon: what it announces stays in its block (profile text_box: block)",
    "flat-dateline-runs-in": "the line before is a news item's dateline cut after its day or month: the item runs on",
    "flat-initial-continues": "the line before ends with an initial or a one-letter title (M.): the name goes on",
    "flat-debris-ends-nothing": "the line before is OCR debris or a row of figures: its period ends no sentence (profile text_box: block)",
    "flat-full-line-continues": "the line before fills the measure: a one-line sentence or a dateline after it stays in its OCR block (profile text_box: block)",
    "flat-dateline-cut": "the line before ends a dateline cut after its day: the date goes on",
    "flat-colon-lead-in": "a short line ending in a colon announces what follows, in the OCR block of the text before it (profile text_box: block)",
    "flat-dialogue-goes-on": "a dialogue turn opened by a close-set dash stays in the OCR block of the dialogue (profile text_box: block)",
    "flat-chapter-opens": "the line before is a chapter number alone: the chapter's text follows in its block (profile text_box: block)",
    "flat-list-item": "short paragraphs next to each other are the items of a list, set in one OCR text block (profile text_box: block)",
    "flat-notice-run": "inside a run of notices closed by order numbers, set in one OCR text block (profile text_box: block)",
}
#: Vetoes that read a line's final period as no sentence end (a dateline cut after its day
#: or month, an abbreviation): on region pages the reflow stage makes no break after that
#: line either (``flat-sentence-goes-on``; its title and short-line rules took the cut
#: datelines of market reports for title lines: 6 breaks, none right, on the dev pages).
SENTENCE_VETOES = frozenset({"flat-dateline-runs-in", "flat-dateline-cut", "flat-abbreviation-end"})
#: Vetoes that overrule every break signal of the line.
HARD_VETOES = frozenset({"flat-noise-line", "flat-colon-introduces", "flat-initial-continues", "flat-notice-run",
                         "flat-list-item", "flat-colon-lead-in", "flat-dialogue-goes-on",
                         "flat-chapter-opens"})


#: The last word of a line is a lowercase word of two letters or more (``… würde die``,
#: ``… Nadeln in``; not a unit after figures, ``350 g``).
_LOWER_LAST = regex.compile(r"(?:^|\s)\p{Ll}{2,}$")


def line_goes_on(prev: str, text: str, profile: Profile) -> bool:
    """``flat-line-goes-on`` (region profiles): a line that ends on a lowercase word, with no
    sentence end, colon or comma (``die Wechselkurse ausübt, würde die`` / ``Preise der
    Auslandwaren``), stops inside its sentence, however short it is: the next line is no
    new paragraph and no title, even when it opens with a capital (German nouns do). The
    lines of a narrow stretch of column (beside a picture, a table) look short to the
    reflow stage's width rules; this says they go on. A next line that opens an
    enumeration, a section (``§. 5.``) or with figures (``1. November cr. ab``) is left to
    those rules: laws and notices set such items on lines of their own mid-sentence; so is
    a line of one word (``und`` between the two titles of a masthead: display type)."""
    t, p = text.lstrip(), prev.strip()
    # (a lone word on its line, ``und`` between the two names of a masthead, is display)
    return " " in p and bool(_LOWER_LAST.search(p)) and not ends_sentence(p, profile) \
        and bool(t) and not t[0].isdigit() and not t.startswith("§") and not opens_enumeration(t)


#: Why a line that flat left inside its restored box stays there, against the reflow
#: stage's own break rules (``Restored.held``).
HOLDS: Mapping[str, str] = {
    "flat-box-holds": "a restored box is one OCR text block (profile text_box: block): the reflow stage does not cut it before a text line",
    "flat-line-goes-on": "the line before ends on a lowercase word inside its sentence: the text goes on",
    "flat-sentence-goes-on": "the period of the line before closes a day, a month or an abbreviation, no sentence: the text goes on",
}


@dataclass(frozen=True)
class Restored:
    """Lines with the restored blank lines, and why: for the line number of the first
    line after a restored break (or of a line a veto kept in its block), the reason.

    ``held``: for the line number of a line that flat leaves inside its box and whose
    evidence says the box goes on there, the reason (``HOLDS``): the reflow stage makes no
    break of its own before that line (``reflow(held=…)``). Without it the reflow stage
    cuts restored boxes again by its width and title-material rules, which know nothing
    of the lines that flat read: on the dev flat cases its breaks inside restored boxes
    were right 117 times and false 88 times on region pages, false 46 times in 47 on
    block pages."""

    lines: tuple[Line, ...]
    reasons: Mapping[int, tuple[str, ...]] = field(default_factory=dict)
    held: Mapping[int, str] = field(default_factory=dict)


def _hold(prev: str, text: str, found: frozenset[str], profile: Profile) -> str | None:
    """Which hold (``HOLDS``) keeps the reflow stage from breaking before ``text``, a line
    that flat left in its box (``found``: its signals), if any."""
    if profile.text_box == "block":
        # (not before a line of OCR debris: the reflow stage sets such a line aside after its
        # paragraph, and a longer paragraph moves it further from its place)
        return None if is_noise(text) else "flat-box-holds"
    if line_goes_on(prev, text, profile):
        return "flat-line-goes-on"
    return "flat-sentence-goes-on" if found & SENTENCE_VETOES else None


def restore(lines: Sequence[Line], profile: Profile) -> Restored:
    """``lines`` with blank lines inserted at block boundaries (see the module doc)."""
    out: list[Line] = []
    reasons: dict[int, tuple[str, ...]] = {}
    held: dict[int, str] = {}
    prev: Line | None = None
    for ln, found in zip(lines, line_signals(lines, profile)):
        vetoes = sorted(found & VETOES.keys())
        breaks = [] if found & HARD_VETOES else sorted(found & BREAK_SIGNALS.keys())
        if breaks:
            out.append(replace(ln, text=""))
            reasons[ln.number] = tuple(f"{name}: {BREAK_SIGNALS[name]}" for name in breaks)
        else:
            if vetoes:
                reasons[ln.number] = tuple(f"{name}: {VETOES[name]}" for name in vetoes)
            hold = _hold(prev.text, ln.text, found, profile) if prev is not None else None
            if hold:
                held[ln.number] = f"{hold}: {HOLDS[hold]}"
        out.append(ln)
        prev = ln
    return Restored(tuple(out), reasons, held)


def restore_breaks(lines: Sequence[Line], profile: Profile) -> list[Line]:
    """``lines`` with blank lines inserted at block boundaries (``restore`` without the
    reasons)."""
    return list(restore(lines, profile).lines)


def annotate(flow: Flow, restored: Restored) -> Flow:
    """``flow`` with each restored break's (or veto's) reason added to the paragraph that
    holds its line, so the output blocks say why the flat text was cut where it was."""
    if not restored.reasons:
        return flow

    def note(p: Paragraph) -> Paragraph:
        extra = tuple(r for ln in p.lines for r in restored.reasons.get(ln.number, ()))
        return replace(p, reasons=extra + p.reasons) if extra else p

    return replace(flow, paragraphs=tuple(note(p) for p in flow.paragraphs))
