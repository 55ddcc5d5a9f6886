"""Segmenter: give every paragraph a block type by named rules over its features.

Rules run in two passes. The first looks at a paragraph alone (patterns from the
language profile, shape, punctuation); the second looks at its neighbours in the stream
(an intertitle sits between body paragraphs of one column; a name alone next to a title
is a byline; paragraphs in their own column width closed by a credit are a caption).
Every decision appends the rule's name to the block's ``reasons``.

Title lines are typed ``headline`` here; which of a title cluster's lines is the headline
and which a kicker or deck is decided by ``articles`` once the cluster has its body.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from operator import attrgetter
from typing import Callable, Optional, Sequence

import regex

from .measure import shape
from .model import Paragraph
from .noise import CJK_CHAR, is_noise, is_table
from .params import ClassifyParams
from .profile import Profile
from .reflow import Flow, ends_sentence
from .slotbuild import slot_setters

#: A name: Han characters, or (``spaced-two-char-name``) a two-character name with one
#: space inside, as Chinese pages print it to the width of the three-character names
#: (``李 斌``).
_NAME_LINE = regex.compile(r"^\p{Han}(?:[\p{Han}·•]{1,6}|[ \u3000]\p{Han})$")
#: ``byline-name-pair``: two authors' names on one line, at least one of them set solid
#: (``胡鞍钢 张 新``, ``刘 宾 胡瑞华``, ``范祚军 万少文``). Names of two characters come spaced
#: (see ``_NAME_LINE``); a tracked title (``新 知 新 觉``) is single characters only.
_NAME_PAIR = regex.compile(
    r"^(?:\p{Han}{2,3}[ \u3000]+(?:\p{Han}{2,3}|\p{Han}[ \u3000]\p{Han})"
    r"|\p{Han}[ \u3000]\p{Han}[ \u3000]+\p{Han}{2,3})$")
#: Clause punctuation: a line ending in one goes on in the next (``clause-end-not-title``).
_CLAUSE_ENDS = frozenset("，、；,")
_FOLIO_NAME = regex.compile(r"^\s*(\d{1,3})\s*(\p{Han}{2,8})\s*$")


@dataclass(frozen=True, slots=True)
class Typed:
    """A paragraph with its type; ``family`` is its region's column family (ems)."""

    para: Paragraph
    type: str
    text: str
    family: Optional[float]
    width: Optional[float]
    role: Optional[str] = None
    reasons: tuple[str, ...] = ()
    #: Provisional kind used between passes: "title", "name" or "".
    hint: str = ""
    #: Column family of the box the paragraph ends in, when it ran on into a column of
    #: another measure (None: the same as ``family``).
    exit_family: Optional[float] = None

    def retype(self, type_: str, reason: str, role: Optional[str] = None, hint: str = "") -> "Typed":
        # (``evolve(self, type=type_, role=role, reasons=..., hint=hint)`` built through the
        # slots, ``_typed``: the dataclass ``__init__`` sets each field through
        # ``object.__setattr__``)
        return _typed(self.para, type_, self.text, self.family, self.width, role, self.reasons + (reason,), hint,
                      self.exit_family)


def _title_like(p: Paragraph, width: Optional[float], profile: Profile, params: ClassifyParams) -> bool:
    text = p.text.strip()
    if not text or p.runs_on:
        return False
    # Title material (a box no body column measure fits) may hold a title wrapped over
    # several tracked lines or set vertically; inside a body column a title is one line.
    if width is not None and len(p.lines) > 1:
        return False
    s = shape(text)
    if s.ems > params.title_max_ems:
        return False
    if width is not None and s.ems > params.title_max_width * width:
        return False
    if ends_sentence(text, profile) and not profile.match("heading", text):
        return False
    if text[-1] in _CLAUSE_ENDS and s.cjk >= 0.3:
        # ``clause-end-not-title``: a CJK line that stops at a comma, enumeration comma or
        # semicolon breaks off a sentence (a bold lead-in boxed apart from its paragraph);
        # a title never ends there
        return False
    first = text[0]
    if first.islower():
        return False
    if s.cjk < 0.3 and p.lines[0].bbox is None and not profile.match("heading", text) \
            and not latin_title_case(text) and not (width is None and _sentence_case_title(text)):
        # a Latin short line is a title by its case; a box of its own (title material) may
        # also hold a sentence-case headline of whole words; geometric inputs have other
        # evidence (font size, their own region types)
        return False
    return True


def _sentence_case_title(text: str) -> bool:
    """A modern sentence-case headline (``Council approves the new bridge``): four or
    more words, the last a whole word, not the clipped OCR fragment of a cut column."""
    words = regex.findall(r"[\p{L}ſ]+", text)
    return len(words) >= 4 and len(words[-1]) >= 3


def latin_title_case(text: str) -> bool:
    """``latin-title-case``: a Latin title is set in capitals (``THE BANKRUPT BANKERS``) or
    capitalizes its words (``Handels- und Börsen-Nachrichten``); a short line of running
    text or an OCR fragment (``Since h``, ``tive part in``) is not a title. At least half
    the letters are capitals, or every word of four or more letters is capitalized."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return False
    if sum(c.isupper() for c in letters) * 2 >= len(letters):
        return True
    long_words = [w for w in regex.findall(r"[\p{L}ſ]+", text) if len(w) >= 4]
    return bool(long_words) and all(w[0].isupper() for w in long_words)


def _first_pass(flow: Flow, profile: Profile, params: ClassifyParams) -> list[Typed]:
    out: list[Typed] = []
    n = len(flow.paragraphs)
    total_lines = flow.paragraphs[-1].last_line if n else 0
    first_line = flow.paragraphs[0].first_line if n else 0
    exit_families = flow.exit_families
    hits = profile.hits
    name_min = profile.byline_name_min_chars
    name_max = profile.byline_name_max_chars
    for i, (p, fam, width) in enumerate(zip(flow.paragraphs, flow.families, flow.widths)):
        text = p.text.strip()
        n_lines = len(p.lines)
        single = n_lines <= 2
        # ``found``: the profile keys this paragraph's rules may ask whose patterns match
        # its text, from one memoized question (``Profile.hits``: one search of all their
        # patterns says "none" for most of a page); each rule tests membership
        if single:
            found = hits(_FIRST_PASS_KEYS, text)
            # (the page zones are asked about short paragraphs only: a longer one never
            # needs them, and each is a property call)
            # (``Paragraph.first_line`` and ``last_line`` read without the property calls)
            in_head = p.lines[0].number - first_line < params.header_zone_lines
            in_foot = total_lines - p.lines[-1].number < params.header_zone_lines
        else:
            found = hits(_SHORT_KEYS if n_lines <= 4 else _LONG_KEYS, text)
            in_head = in_foot = False
        # the first rule that applies gives the paragraph's type (``_Rule``); cheap
        # conditions before pattern searches and regexes (the answer is the same either way)
        if single and in_head and "header" in found:
            rule = _HEADER_TOP
        elif single and p.whole_region and "header" in found:
            rule = _HEADER_BOX
        elif single and in_foot and i > 0 and ("footer" in found or "header" in found):
            rule = _FOOTER
        elif single and "credit" in found:
            rule = _CREDIT
        elif n_lines <= 4 and "author_note" in found:
            rule = _AUTHOR_NOTE
        elif single and "byline" in found:
            rule = _BYLINE
        elif n_lines >= 3 and CJK_CHAR.search(text, 0, 50) is None and is_table([ln.text for ln in p.lines]):
            # (``is_table`` says no below three lines: asked only from three on; the CJK test
            # is ``not any(map(is_cjk, text[:50]))`` as one C-level search: ``noise.CJK_CHAR``)
            rule = _TABLE
        elif single and is_noise(text):
            rule = _NOISE
        elif single and len(text) < 60 and "jump" in found:
            rule = _JUMP
        elif single and len(text) < 80 and "deck" in found:
            rule = _DECK
        elif (n_lines == 1 or width is None) and name_min <= len(text) <= name_max and _NAME_LINE.match(text):
            rule = _NAME_BOX if p.whole_region else _NAME_ALONE
        elif n_lines == 1 and p.whole_region and len(text) <= 9 and _NAME_PAIR.match(text):
            rule = _NAME_PAIR_BOX
        # (``_title_like`` says no for a paragraph of several lines in a body column)
        elif (n_lines == 1 or width is None) and _title_like(p, width, profile, params):
            rule = _TITLE
        elif "caption" in found:
            rule = _CAPTION
        elif "dateline" in found:
            rule = _DATELINE
        else:
            rule = _BODY
        # (the item is made once, typed; was a body item retyped, two objects)
        out.append(_typed(p, rule.type, p.text, fam, width, rule.role, p.reasons + rule.reasons, rule.hint,
                          exit_families[i] if exit_families else None))
    return out


class _Rule:
    """What a first-pass rule gives a paragraph: its type, role and provisional hint, and
    the reason appended to the paragraph's own (one constant per rule)."""

    def __init__(self, type_: str, reason: str, role: Optional[str] = None, hint: str = "") -> None:
        self.type = type_
        self.reasons = (reason,)
        self.role = role
        self.hint = hint


_HEADER_TOP = _Rule("header", "header-pattern in the page's top lines")
_HEADER_BOX = _Rule("header", "header-pattern on a line that is a text box of its own")
_FOOTER = _Rule("footer", "footer-pattern in the page's bottom lines")
_CREDIT = _Rule("credit", "credit-pattern")
_AUTHOR_NOTE = _Rule("byline", "author-note-pattern", role="author_note")
_BYLINE = _Rule("byline", "byline-pattern")
_TABLE = _Rule("other", "table: figures in most lines (noise.is_table)")
_NOISE = _Rule("other", "ocr-noise: no word-like text (noise.is_noise)")
_JUMP = _Rule("other", "jump-line-pattern", role="jump")
_DECK = _Rule("subheadline", "deck-pattern", role="deck")
_NAME_BOX = _Rule("byline", "byline: a name alone in a text box of its own")
_NAME_ALONE = _Rule("body", "name-alone-line", hint="name")
_NAME_PAIR_BOX = _Rule("byline", "byline-name-pair: two names alone in a text box of their own")
_TITLE = _Rule("headline", "title-like: short line without sentence end", hint="title")
_CAPTION = _Rule("caption", "caption-pattern")
_DATELINE = _Rule("body", "dateline-pattern opens the paragraph")
_BODY = _Rule("body", "body: default")


def _typed_builder() -> Callable[[Paragraph, str, str, Optional[float], Optional[float], Optional[str],
                                   tuple[str, ...], str, Optional[float]], Typed]:
    """``Typed(para, type, text, family, width, role, reasons, hint, exit_family)`` built by
    setting its slots directly (``slotbuild``: the frozen dataclass ``__init__`` sets its
    nine fields through ``object.__setattr__``); the class itself when compiled (mypyc
    builds its native class cheaply)."""
    names = ("para", "type", "text", "family", "width", "role", "reasons", "hint", "exit_family")
    setters = slot_setters(Typed, names)
    if setters is None:
        def plain(para: Paragraph, type_: str, text: str, family: Optional[float], width: Optional[float],
                  role: Optional[str], reasons: tuple[str, ...], hint: str, exit_family: Optional[float]) -> Typed:
            return Typed(para, type_, text, family, width, role, reasons, hint, exit_family)

        return plain
    set_para, set_type, set_text, set_family, set_width, set_role, set_reasons, set_hint, set_exit = setters
    new = Typed.__new__  # (object.__new__ refuses a compiled class: slotbuild)

    def build(para: Paragraph, type_: str, text: str, family: Optional[float], width: Optional[float],
              role: Optional[str], reasons: tuple[str, ...], hint: str, exit_family: Optional[float]) -> Typed:
        t = new(Typed)
        set_para(t, para)
        set_type(t, type_)
        set_text(t, text)
        set_family(t, family)
        set_width(t, width)
        set_role(t, role)
        set_reasons(t, reasons)
        set_hint(t, hint)
        set_exit(t, exit_family)
        return t  # type: ignore[no-any-return]

    return build


#: Builds a ``Typed`` from all its fields in order (see ``_typed_builder``).
_typed = _typed_builder()


#: Every profile key ``_first_pass`` asks about a paragraph's text: of one or two lines,
#: of three or four, of more.
_FIRST_PASS_KEYS = "header+footer+credit+author_note+byline+jump+deck+caption+dateline"
_SHORT_KEYS = "author_note+caption+dateline"
_LONG_KEYS = "caption+dateline"


def _is_body(t: Typed) -> bool:
    return t.type == "body" and t.hint == ""


def _positions(values: list[str], value: str) -> list[int]:
    """The indices of ``value`` in ``values``, found with C-level ``index`` (most items of a
    page are neither titles, names nor credits: the second pass visits those only)."""
    out: list[int] = []
    i = -1
    try:
        while True:
            i = values.index(value, i + 1)
            out.append(i)
    except ValueError:
        return out


_HINT = attrgetter("hint")
_TYPE = attrgetter("type")


def _second_pass(items: list[Typed], profile: Profile) -> list[Typed]:
    n = len(items)
    # (each rule below retypes only the items it visits: the title and name items are
    # found before the first rule, which changes titles only; the credits after the second)
    hints = list(map(_HINT, items))
    # intertitles: a title line between body paragraphs of one column family
    for i in _positions(hints, "title"):
        t = items[i]
        if profile.match("heading", t.text.strip()):
            # ``heading-starts-item``: a profile heading (``Aegypten.``, ``HANDELSBERICHTEN.``)
            # opens a new item of the page even between paragraphs of one column.
            continue
        prev = items[i - 1] if i > 0 else None
        nxt = items[i + 1] if i + 1 < n else None
        if prev and nxt and _is_body(prev) and _is_body(nxt) and prev.family is not None \
                and prev.family == nxt.family:
            items[i] = t.retype("intertitle", "intertitle: title line between body paragraphs of one column")
    # names alone next to title material are bylines
    for i in _positions(hints, "name"):
        t = items[i]
        near = [items[j] for j in (i - 1, i + 1) if 0 <= j < n]
        if any(x.hint == "title" or x.type in ("byline", "subheadline") for x in near):
            items[i] = t.retype("byline", "byline: a name alone next to a title")
        else:
            items[i] = t.retype("body", "name line away from titles stays body")
    # captions: the paragraphs of their own column width just before a credit
    for i in _positions(list(map(_TYPE, items)), "credit"):
        if i == 0:
            continue
        j = i - 1
        fam = items[j].family
        group = []
        while j >= 0 and _is_body(items[j]) and items[j].family == fam:
            group.append(j)
            j -= 1
        if not group:
            continue
        # a caption is a few short paragraphs; a long run before a credit is the body of
        # a graphic's page, and the credit stands alone (``caption-size``)
        if len(group) > 4 or sum(len(items[k].para.lines) for k in group) > 15:
            continue
        before = next((items[k].family for k in range(j, -1, -1) if _is_body(items[k])), None)
        after = next((items[k].family for k in range(i + 1, n) if _is_body(items[k])), None)
        if fam is None or (fam != before and fam != after) or profile.match("caption", items[group[-1]].text):
            for k in group:
                items[k] = items[k].retype("caption", "caption: own column width, closed by a credit")
    return items


def split_folio(t: Typed) -> list[Typed]:
    """A header line holding a page number and a page name (``7 理论``) is two blocks."""
    m = _FOLIO_NAME.match(t.text)
    if t.type != "header" or not m:
        return [t]
    return [replace(t, text=m.group(1), reasons=t.reasons + ("folio-split: page number",)),
            replace(t, text=m.group(2), reasons=t.reasons + ("folio-split: page name",))]


def _covered_by(text: str, others: Sequence[Typed]) -> Optional[list[int]]:
    """Indices of ``others`` whose texts together contain every space-separated piece of
    ``text``, when at least two are needed (else None)."""
    used: list[int] = []
    for piece in text.split():
        hit = next((k for k, o in enumerate(others) if len(piece) >= 2 and piece in o.text.replace(" ", "")), None)
        if hit is None:
            return None
        if hit not in used:
            used.append(hit)
    return sorted(used) if len(used) >= 2 else None


#: Reasons that record removed characters (``layoutkit.conservation``).
_REMOVAL_REASONS = ("fake-bold-double:", "dehyphenation: join", "basic-dehyphenation:", "justification-spaces:")


def merge_fake_bold_titles(items: list[Typed]) -> list[Typed]:
    """Fake bold drawn line by line: a title line made only of pieces of its neighbouring
    title lines (``发展新方位 奋进新目标`` after ``新时代：发展新方位`` and ``奋进新目标``) is the
    second drawing of a two-line headline. It is dropped (a documented fake-bold removal)
    and the lines it spans are one headline."""
    out = list(items)
    if "title" not in list(map(_HINT, out)):
        return out  # (no title line: nothing to merge)
    i = 0
    while i < len(out):
        t = out[i]
        if t.hint != "title" or " " not in t.text.strip():
            i += 1
            continue
        window = [k for k in range(max(0, i - 3), min(len(out), i + 3)) if k != i and out[k].hint == "title"]
        cover = _covered_by(t.text, [out[k] for k in window])
        if cover is None:
            i += 1
            continue
        parts = [window[c] for c in cover]
        first = out[parts[0]]
        text = " ".join(out[k].text.strip() for k in parts)
        lines = tuple(ln for k in sorted(parts + [i]) for ln in out[k].para.lines)
        para = replace(first.para, text=text, lines=lines)
        # The merged lines' own removals (a doubled line, a dehyphenation) stay recorded:
        # docs/errors.md counts every removed character by its reason.
        carried = tuple(r for k in parts[1:] + [i] for r in out[k].reasons if r.startswith(_REMOVAL_REASONS))
        merged = replace(first, para=para, text=text,
                         reasons=first.reasons + carried + (f"fake-bold-double: {t.text!r} -> ''",
                                                            "fake-bold-title: lines drawn as one headline"))
        drop = set(parts[1:]) | {i}
        out[parts[0]] = merged
        out = [x for k, x in enumerate(out) if k not in drop]
        i = 0
    return out


def classify(flow: Flow, profile: Profile, params: ClassifyParams) -> list[Typed]:
    """Type every paragraph of the flow; returns them in stream order."""
    items = merge_fake_bold_titles(_first_pass(flow, profile, params))
    geometric = any(p.lines and p.lines[0].font_size is not None for p in flow.paragraphs)
    body: Optional[float] = None
    if geometric:  # font sizes, weights and page zones (PDF, OCR XML): see geotype
        from . import geotype
        # (the two passes type the same paragraphs: the body size is read once)
        body = geotype.body_size(items)
        items = geotype.first_pass_at(items, profile, body)
    items = _second_pass(items, profile)
    if geometric:
        items = geotype.second_pass_at(items, profile, body)
    if "header" not in list(map(_TYPE, items)):
        return items  # (only a header is split: ``split_folio``)
    out: list[Typed] = []
    for t in items:
        if t.type == "header":
            out.extend(split_folio(t))
        else:
            out.append(t)
    return out
