"""Plain reference code for the typing fast paths of the tenth round (classify10): the
functions of ``classify`` and ``noise`` as they were before (each profile key asked by
itself, a ``_Make`` item per paragraph, every item visited by each second-pass rule, the
CJK tests per character), kept for ``tests/test_speed_classify10.py`` to compare against."""
from __future__ import annotations

from dataclasses import replace
from typing import Optional

import regex

from layoutkit.classify import (_FOLIO_NAME, _NAME_LINE, _REMOVAL_REASONS, Typed, _covered_by, _is_body,
                                _title_like, _typed)
from layoutkit.model import Paragraph
from layoutkit.noise import _WORDLIKE, MAX_NOISE_CHARS, is_table
from layoutkit.params import ClassifyParams
from layoutkit.profile import Profile
from layoutkit.reflow import Flow
from layoutkit.textwidth import is_cjk

_FIRST_PASS_KEYS = "header+footer+credit+author_note+byline+jump+deck+caption+dateline"


def _no_cjk(text: str) -> bool:
    return not text or max(text) < "\u2e80" or not any(map(is_cjk, text))


def _no_match(key: str, text: str) -> Optional[regex.Match]:
    return None


def is_noise(text: str) -> bool:
    """True when ``text`` looks like OCR debris rather than words (see the module doc)."""
    t = text.strip()
    if not t or t.startswith("§"):
        return False
    # (counted with C-level ``map``s: this runs for most short paragraphs of a scan)
    visible = len(t) - sum(map(str.isspace, t))
    if not t.isascii() and any(is_cjk(c) and not c.isspace() for c in t):
        return False
    letters = sum(map(str.isalpha, t))  # (no space is a letter)
    tokens = t.split()
    if letters * 2 < visible and (len(t) <= MAX_NOISE_CHARS or len(tokens) * 8 < len(t)):
        # (a long line of figures has many short tokens: a table row, not debris)
        return True
    if len(t) > MAX_NOISE_CHARS:
        return False
    in_words = sum(map(len, filter(_WORDLIKE.match, tokens)))
    return in_words * 3 < visible



def _first_pass(flow: Flow, profile: Profile, params: ClassifyParams) -> list[Typed]:
    out: list[Typed] = []
    n = len(flow.paragraphs)
    total_lines = flow.paragraphs[-1].last_line if n else 0
    first_line = flow.paragraphs[0].first_line if n else 0
    for i, (p, fam, width) in enumerate(zip(flow.paragraphs, flow.families, flow.widths)):
        text = p.text.strip()
        # (the item is made once, typed: ``_Make``; was a body item retyped, two objects)
        t = _Make(p, fam, width, flow.exit_families[i] if flow.exit_families else None)
        single = len(p.lines) <= 2
        # ``ask`` answers the profile questions below; when one search of all their
        # patterns finds nothing in a short paragraph (most of a page), each answer is
        # None without its own search (``Profile.none_match``)
        ask = _no_match if single and profile.none_match(_FIRST_PASS_KEYS, text) else profile.match
        # (the page zones are asked about short paragraphs only: a longer one never
        # needs them, and each is a property call)
        in_head = single and p.first_line - first_line < params.header_zone_lines
        in_foot = single and total_lines - p.last_line < params.header_zone_lines
        if single and in_head and ask("header", text):
            out.append(t.retype("header", "header-pattern in the page's top lines"))
            continue
        if single and p.whole_region and ask("header", text):
            out.append(t.retype("header", "header-pattern on a line that is a text box of its own"))
            continue
        # cheap conditions before pattern searches (the answer is the same either way)
        if single and in_foot and i > 0 and (ask("footer", text) or ask("header", text)):
            out.append(t.retype("footer", "footer-pattern in the page's bottom lines"))
            continue
        if single and ask("credit", text):
            out.append(t.retype("credit", "credit-pattern"))
            continue
        if len(p.lines) <= 4 and ask("author_note", text):
            out.append(t.retype("byline", "author-note-pattern", role="author_note"))
            continue
        if single and ask("byline", text):
            out.append(t.retype("byline", "byline-pattern"))
            continue
        if len(p.lines) >= 3 and _no_cjk(text[:50]) and is_table([ln.text for ln in p.lines]):
            # (``is_table`` says no below three lines: asked only from three on)
            out.append(t.retype("other", "table: figures in most lines (noise.is_table)"))
            continue
        if single and is_noise(text):
            out.append(t.retype("other", "ocr-noise: no word-like text (noise.is_noise)"))
            continue
        if single and len(text) < 60 and ask("jump", text):
            out.append(t.retype("other", "jump-line-pattern", role="jump"))
            continue
        if single and len(text) < 80 and ask("deck", text):
            out.append(t.retype("subheadline", "deck-pattern", role="deck"))
            continue
        if (len(p.lines) == 1 or width is None) and _NAME_LINE.match(text) and \
                profile.byline_name_min_chars <= len(text) <= profile.byline_name_max_chars:
            if p.whole_region:
                out.append(t.retype("byline", "byline: a name alone in a text box of its own"))
            else:
                out.append(t.retype("body", "name-alone-line", hint="name"))
            continue
        if _title_like(p, width, profile, params):
            out.append(t.retype("headline", "title-like: short line without sentence end", hint="title"))
            continue
        if ask("caption", text):
            out.append(t.retype("caption", "caption-pattern"))
            continue
        if ask("dateline", text):
            out.append(t.retype("body", "dateline-pattern opens the paragraph"))
            continue
        out.append(t.retype("body", "body: default"))
    return out


class _Make:
    """A paragraph about to be typed: ``retype`` makes its ``Typed`` with the type, as the
    retyped body item ``Typed(para=p, type="body", ...).retype(...)`` had it."""

    def __init__(self, para: Paragraph, family: Optional[float], width: Optional[float],
                 exit_family: Optional[float]) -> None:
        self.para = para
        self.family = family
        self.width = width
        self.exit_family = exit_family

    def retype(self, type_: str, reason: str, role: Optional[str] = None, hint: str = "") -> Typed:
        p = self.para
        return _typed(p, type_, p.text, self.family, self.width, role, p.reasons + (reason,), hint, self.exit_family)


def _second_pass(items: list[Typed], profile: Profile) -> list[Typed]:
    n = len(items)
    # intertitles: a title line between body paragraphs of one column family
    for i, t in enumerate(items):
        if t.hint != "title":
            continue
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
    for i, t in enumerate(items):
        if t.hint != "name":
            continue
        near = [items[j] for j in (i - 1, i + 1) if 0 <= j < n]
        if any(x.hint == "title" or x.type in ("byline", "subheadline") for x in near):
            items[i] = t.retype("byline", "byline: a name alone next to a title")
        else:
            items[i] = t.retype("body", "name line away from titles stays body")
    # captions: the paragraphs of their own column width just before a credit
    for i, t in enumerate(items):
        if t.type != "credit" or i == 0:
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



def merge_fake_bold_titles(items: list[Typed]) -> list[Typed]:
    """Fake bold drawn line by line: a title line made only of pieces of its neighbouring
    title lines (``发展新方位 奋进新目标`` after ``新时代：发展新方位`` and ``奋进新目标``) is the
    second drawing of a two-line headline. It is dropped (a documented fake-bold removal)
    and the lines it spans are one headline."""
    out = list(items)
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
    if geometric:  # font sizes, weights and page zones (PDF, OCR XML): see geotype
        from layoutkit import geotype
        items = geotype.first_pass(items, profile)
    items = _second_pass(items, profile)
    if geometric:
        items = geotype.second_pass(items, profile)
    out: list[Typed] = []
    for t in items:
        out.extend(split_folio(t))
    return out
