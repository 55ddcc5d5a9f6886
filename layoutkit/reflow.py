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

from dataclasses import dataclass, field, replace
from typing import Optional, Sequence

import regex

from . import marked_hyphens
from .columns import ShapedLine, TextRegion
from .model import BBox, Paragraph
from .params import ReflowParams
from .profile import Profile
from .textwidth import is_cjk

#: Characters that end a line with a hyphenated word in Latin text: hyphen-minus, the
#: Fraktur double hyphen U+2E17, the not sign OCR reads for it, U+2010, soft hyphen, and
#: ``=`` (Fraktur OCR).
HYPHENS = "-\u2e17\u00ac\u2010\u00ad="
_CJK_PUNCT = set("，。、；：？！“”‘’「」『』（）《》〈〉【】…—·％")
_OPEN_QUOTES = "“‘「『（《〈【([\"'"
_CLOSERS = "”’」』）》〉】)]\"'"


@dataclass(frozen=True, slots=True)
class CleanLine:
    """A line's text after justification spaces (and fake-bold doubles) are removed."""

    text: str
    removed: tuple[str, ...] = ()


def _is_cjkish(ch: str) -> bool:
    return is_cjk(ch) or ch in _CJK_PUNCT


def clean_line(text: str, letterspaced: bool) -> CleanLine:
    """Remove spaces that are justification, not content.

    In a letter-spaced line every space next to a CJK character goes. In any line, a
    space between a CJK character and a digit, Latin letter or CJK punctuation goes: CJK
    typesetting separates scripts by a visual gap that extractors emit as a space. A space
    between two CJK words in a line that is not letter-spaced is real (``利剑斩沉疴 正气清风扬``,
    ``本报记者 杨鹤``) and stays.
    """
    words = text.split()
    if not words:
        return CleanLine("")
    out = words[0]
    removed = 0
    for w in words[1:]:
        a, b = out[-1], w[0]
        a_cjk, b_cjk = _is_cjkish(a), _is_cjkish(b)
        if letterspaced and (a_cjk or b_cjk):
            removed += 1
            out += w
        elif a_cjk != b_cjk and (a.isalnum() or b.isalnum() or a in _CJK_PUNCT or b in _CJK_PUNCT) \
                and not (is_cjk(a) and is_cjk(b)):
            removed += 1
            out += w
        elif (a in _CJK_PUNCT and a_cjk) or (b in _CJK_PUNCT and b_cjk):
            removed += 1
            out += w
        else:
            out += " " + w
    return CleanLine(out, (f"justification-spaces: removed {removed}",) if removed else ())


_DOUBLED_RUN = regex.compile(r"(\p{Han}{2,}|\p{N}{1,4})\1")
_DOUBLED_PUNCT = regex.compile(r"([：:，、！？!?“”《》（）])\1")


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
    halves = []
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
    if _DOUBLED_RUN.search(text) and regex.search(r"(\p{Han}{2,})\1", text):
        new = regex.sub(r"(\p{Han}{2,})\1", r"\1", text)
        new = _DOUBLED_PUNCT.sub(r"\1", new)
        return CleanLine(new, (f"fake-bold-double: {text!r} -> {new!r}",))
    return CleanLine(text)


def ends_sentence(text: str, profile: Profile) -> bool:
    t = text.rstrip()
    if not t:
        return False
    # Look through closing quotes and brackets: ``了！”`` ends a sentence.
    i = len(t) - 1
    while i > 0 and t[i] in _CLOSERS:
        i -= 1
    return t[i] in profile.terminal_punctuation and t[i] not in _CLOSERS or t[-1] in ".!?。！？…"


def standalone(text: str, profile: Profile) -> bool:
    """Lines the profile recognises as whole blocks (bylines, credits, page headers,
    decks) never run on into the next text box."""
    return len(text) <= 80 and any(profile.match(k, text) for k in ("byline", "credit", "header", "deck", "author_note"))


def join_texts(parts: Sequence[str], reasons: list[str]) -> str:
    """Join hard-wrapped line texts into one paragraph text."""
    out = ""
    for part in parts:
        if not part:
            continue
        if not out:
            out = part
            continue
        a, b = out[-1], part[0]
        if a in HYPHENS and len(out) >= 2 and out[-2].isalpha() and b.islower():
            reasons.append(f"basic-dehyphenation: {out.split()[-1]}+{part.split()[0]}")
            out = out[:-1] + part
        elif a in HYPHENS and len(out) >= 2 and out[-2].isalpha():
            # a hyphen before a capital or digit stays, as written: Nord⸗Amerika
            out = out + part
        elif _is_cjkish(a) or _is_cjkish(b):
            out = out + part
        else:
            out = out + " " + part
    return out


@dataclass
class _Building:
    lines: list[ShapedLine] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    starts_fresh: bool = True


class _Measure:
    """Full/short/indent tests for one region's lines."""

    def __init__(self, width: Optional[float], params: ReflowParams, cjk: bool):
        self.width = width
        self.params = params
        # Proportional Latin type wraps less evenly than CJK's fixed cells.
        self.tol = 0.0 if width is None else max(1.0, (0.06 if cjk else 0.12) * width)

    def deficit(self, s: ShapedLine) -> float:
        if self.width is None:
            return 0.0
        return 0.0 if s.shape.letterspaced else self.width - s.shape.ems

    def full(self, s: ShapedLine) -> bool:
        return self.width is not None and self.deficit(s) <= self.tol

    def indent_short(self, s: ShapedLine) -> bool:
        d = self.deficit(s)
        return self.width is not None and self.params.indent_min <= d <= self.params.indent_max and d > self.tol * 0.75


def _region_paragraphs(region: TextRegion, profile: Profile, params: ReflowParams) -> list[Paragraph]:
    cjk = sum(s.shape.cjk for s in region.lines) / max(1, len(region.lines)) >= 0.3
    m = _Measure(region.width, params, cjk)
    paras: list[_Building] = []
    cur: Optional[_Building] = None
    for idx, s in enumerate(region.lines):
        clean = clean_line(s.line.text, s.shape.letterspaced)
        text, removed = clean.text, list(clean.removed)
        title_like = region.width is None or m.deficit(s) > params.indent_max
        if params.dedupe_fake_bold and title_like and not s.shape.letterspaced:
            fb = dedupe_fake_bold(text)
            text = fb.text
            removed.extend(fb.removed)
        if cur is None:
            cur = _Building(starts_fresh=region.width is None or not m.full(s))
        else:
            prev = cur.lines[-1]
            prev_text = cur.texts[-1]
            brk: Optional[str] = None
            if region.width is None:
                if not (prev_text and prev_text[-1] in HYPHENS):
                    brk = "title-material-line"
            elif not m.full(prev):
                first = len(cur.lines) == 1
                if first and m.deficit(prev) > params.indent_max:
                    brk = "title-line-break"
                elif first and m.indent_short(prev) and cur.starts_fresh:
                    if ends_sentence(prev_text, profile) and not m.full(s):
                        brk = "short-line-break"
                elif cjk and not ends_sentence(prev_text, profile):
                    # CJK paragraphs end with punctuation; a short line without it is a
                    # narrowed stretch of the column (a wrap around a picture), not an end.
                    pass
                else:
                    brk = "short-line-break"
            elif ends_sentence(prev_text, profile) and m.indent_short(s):
                brk = "indent-break"
            if brk:
                paras.append(cur)
                cur = _Building(starts_fresh=True)
                cur.reasons.append(brk)
        cur.lines.append(s)
        cur.texts.append(text)
        cur.reasons.extend(removed)
    if cur is not None:
        paras.append(cur)
    out = []
    for b in paras:
        reasons = list(b.reasons)
        text = join_texts(marked_hyphens.apply([s.line for s in b.lines], b.texts, reasons), reasons)
        last = b.lines[-1]
        # A paragraph runs on when its last line is full and ends no sentence, or when its
        # only line is an indented first line that ends no sentence: an indented line is a
        # paragraph's start, and a paragraph does not end without punctuation.
        title_line = len(b.lines) == 1 and (m.deficit(last) > params.indent_max or standalone(text, profile))
        runs_on = region.width is not None and not ends_sentence(b.texts[-1], profile) and not title_line and (
            cjk or m.full(last) or (len(b.lines) == 1 and b.starts_fresh and m.indent_short(last)))
        out.append(Paragraph(
            text=text, lines=tuple(s.line for s in b.lines), region_width=region.width or 0.0,
            region_index=region.index, starts_fresh=b.starts_fresh, runs_on=runs_on,
            reasons=tuple(reasons), bbox=BBox.union_all([s.line.bbox for s in b.lines]),
        ))
    return out


@dataclass(frozen=True, slots=True)
class Flow:
    """The reflowed page: paragraphs in stream order with their region's column family."""

    paragraphs: tuple[Paragraph, ...]
    families: tuple[Optional[float], ...]
    #: Full measure of each paragraph's region in ems (None: title material).
    widths: tuple[Optional[float], ...]


def reflow(regions: Sequence[TextRegion], profile: Profile, params: ReflowParams) -> Flow:
    """Paragraphs of every region, with blank-line breaks repaired."""
    paras: list[Paragraph] = []
    fams: list[Optional[float]] = []
    widths: list[Optional[float]] = []
    last_full: list[bool] = []
    for region in regions:
        rp = _region_paragraphs(region, profile, params)
        if not rp:
            continue
        first = rp[0]
        if params.repair_blank_breaks and paras and region.family is not None and fams[-1] == region.family:
            prev = paras[-1]
            # A paragraph that runs on continues in the next box of its column family; one
            # that ends a sentence on a full line continues only if the next box opens
            # with a full line (a new paragraph would open indented).
            if prev.runs_on or (last_full[-1] and not first.starts_fresh):
                reasons = list(prev.reasons) + ["blank-line-repair: joined across a text-box break"]
                text = join_texts(marked_hyphens.apply([prev.lines[-1], first.lines[0]], [prev.text, first.text], reasons),
                                  reasons)
                reasons.extend(r for r in first.reasons)
                paras[-1] = replace(prev, text=text, lines=prev.lines + first.lines,
                                    runs_on=first.runs_on, reasons=tuple(reasons),
                                    bbox=BBox.union_all([prev.bbox, first.bbox]))
                last_full[-1] = _last_full(first, region, params)
                rp = rp[1:]
        for p in rp:
            paras.append(p)
            fams.append(region.family)
            widths.append(region.width)
            last_full.append(_last_full(p, region, params))
    return Flow(tuple(paras), tuple(fams), tuple(widths))


def _last_full(p: Paragraph, region: TextRegion, params: ReflowParams) -> bool:
    if region.width is None:
        return False
    from .measure import shape

    s = shape(p.lines[-1].text, params.letterspace_share)
    cjk = s.cjk >= 0.3
    tol = max(1.0, (0.06 if cjk else 0.12) * region.width)
    return s.letterspaced or region.width - s.ems <= tol
