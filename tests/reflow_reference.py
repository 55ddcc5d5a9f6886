"""Plain reference code for the reflow speed-ups (``tests/test_speed_reflow.py``).

The paragraph loop of ``reflow._region_paragraphs`` as it was before its width tests were
computed once per region and one-word lines skipped cleaning: every test asked per line,
through the ``_Measure`` methods. The fast code must give the same paragraphs.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from layoutkit import marked_hyphens
from layoutkit.columns import ShapedLine, TextRegion
from layoutkit.dehyphenate import HYPHENS, Lexicon
from layoutkit.model import BBox, Paragraph
from layoutkit.noise import is_noise
from layoutkit.params import ReflowParams
from layoutkit.profile import Profile
from layoutkit.reflow import (_FIGURE, _CLOSERS, _is_cjkish, clean_line, dedupe_fake_bold, ends_with_word_hyphen,
                              hyphen_continues, join_texts, latin_continuation, standalone, strong_latin_break,
                              table_rows)
from layoutkit.textboxes import opens_enumeration
from layoutkit.continuation import unclosed


def ends_sentence(text: str, profile: Profile) -> bool:
    t = text.rstrip()
    if not t:
        return False
    if t[0] in "（(" and t[-1] in "）)" and unclosed(t) is None:
        return True
    i = len(t) - 1
    while i > 0 and t[i] in _CLOSERS:
        i -= 1
    return t[i] in profile.terminal_punctuation and t[i] not in _CLOSERS or t[-1] in ".!?。！？…"


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
        d = self.width - s.shape.ems
        if s.shape.letterspaced and not self.params.spread_indent_min <= d <= self.params.indent_max:
            # a spread line fills its measure: short of it by an indent it is an indented
            # first line (``spread_indent_min``); by more, the measure is not its own
            return 0.0
        return d

    def full(self, s: ShapedLine) -> bool:
        return self.width is not None and self.deficit(s) <= self.tol

    def indent_short(self, s: ShapedLine) -> bool:
        d = self.deficit(s)
        return self.width is not None and self.params.indent_min <= d <= self.params.indent_max and d > self.tol * 0.75
def _region_paragraphs(region: TextRegion, profile: Profile, params: ReflowParams,
                       lexicon: Optional[Lexicon] = None, chunked: bool = False) -> list[Paragraph]:
    cjk = sum(s.shape.cjk for s in region.lines) / max(1, len(region.lines)) >= 0.3
    m = _Measure(region.width, params, cjk)
    paras: list[_Building] = []
    aside: list[_Building] = []  # noise lines waiting for their paragraph to end
    cur: Optional[_Building] = None
    for idx, s in enumerate(region.lines):
        raw = " ".join(s.line.text.split())
        removed: list[str] = []
        title_like = region.width is None or m.deficit(s) > params.indent_max
        if params.dedupe_fake_bold and title_like and not s.shape.letterspaced and s.shape.cjk > 0:
            # CJK only: Latin text has real doubled tokens (``....`` leaders, ``papa``)
            # before justification spaces go: the doubled tokens are space-separated
            fb = dedupe_fake_bold(raw)
            raw = fb.text
            removed.extend(fb.removed)
        # ``spread-tail``: the last few characters of a letter-spaced paragraph, spread
        # too (``基 础 。``), have too few tokens to look letter-spaced on their own
        tokens = raw.split()
        spread_tail = cur is not None and cur.lines[-1].shape.letterspaced and len(tokens) >= 2 \
            and all(len(tok) == 1 and _is_cjkish(tok) for tok in tokens)
        clean = clean_line(raw, s.shape.letterspaced or spread_tail)
        text = clean.text
        removed[:0] = clean.removed
        if cur is not None and not cjk and params.noise_aside and is_noise(text) and not _FIGURE.search(text):
            # ``ocr-noise-line``: debris inside a paragraph does not end it; it becomes its
            # own paragraph (typed ``other``), emitted after the one it interrupted.
            junk = _Building(starts_fresh=True)
            junk.lines.append(s)
            junk.texts.append(text)
            junk.reasons.extend(removed + ["ocr-noise-line: kept aside, the paragraph goes on"])
            aside.append(junk)
            continue
        if cur is None:
            cur = _Building(starts_fresh=region.width is None or not m.full(s))
        else:
            prev = cur.lines[-1]
            prev_text = cur.texts[-1]
            brk: Optional[str] = None
            if region.width is None:
                # In title material each line is its own item (title, kicker, byline),
                # unless the line is letter-spaced: tracked title text that fills its
                # narrow box and wraps, so the title goes on in the next line. A Latin
                # title wraps over lines (``MÉLINE CONSTITUE UN`` / ``MINISTERE``) and
                # ends at a sentence end.
                if not (prev_text and prev_text[-1] in HYPHENS) and not prev.shape.letterspaced \
                        and (cjk or ends_sentence(prev_text, profile)):
                    brk = "title-material-line"
            elif not m.full(prev):
                first = len(cur.lines) == 1
                if first and m.deficit(prev) > params.indent_max:
                    brk = "title-line-break"
                    if not cjk and not ends_sentence(prev_text, profile) and latin_continuation(text):
                        # ``latin-title-continues``: a short Latin line that ends no sentence
                        # and goes on in lowercase (``Kommission für den Handel in`` /
                        # ``amtlich nicht notierten``) is narrow text, not a title line
                        brk = None
                elif first and m.indent_short(prev) and cur.starts_fresh:
                    if ends_sentence(prev_text, profile) and not m.full(s):
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
            elif ends_sentence(prev_text, profile) and m.indent_short(s):
                brk = "indent-break"
                if s.shape.letterspaced:
                    brk = "indent-break (spread-indent: a letter-spaced line short by an indent)"
            elif not cjk and ends_sentence(prev_text, profile) and profile.match("dateline", text):
                # ``dateline-break``: a news item opens with its dateline (``Berlin, 16. Jan.``)
                brk = "dateline-break"
            elif not cjk and (ends_sentence(prev_text, profile) or prev_text.rstrip().endswith(":")) \
                    and opens_enumeration(text):
                brk = "enumeration-break"  # ``2) Waren des Abschnitts ...`` (textboxes.opens_enumeration)
            if brk and not cjk and chunked and region.width and brk != "title-material-line" \
                    and (profile.text_box == "block" or not strong_latin_break(prev, prev_text, text, region.width, profile, params)):
                # Latin text boxes cut by blank lines are the extractor's blocks; inside one,
                # proportional type makes width evidence weak: split only on strong evidence,
                # and never where the profile says a text box is one block (``text-box-block``).
                cur.reasons.append(f"text-box-block: no {brk} (profile text_box: block)" if profile.text_box == "block"
                                   else f"weak-break-in-text-box: no {brk}")
                brk = None
            if brk and not cjk and table_rows(prev_text, text) and not (
                    brk in ("dateline-break", "enumeration-break") or profile.match("dateline", text)):
                # figures in column after column (stock lists, results): one table block
                cur.reasons.append(f"table-rows: no {brk} between two lines of figures")
                brk = None
            if brk and not cjk and hyphen_continues(prev_text, text):
                # ``unter⸗`` / ``zeichneten``: a word broken across the lines, never a paragraph end
                cur.reasons.append(f"hyphen-continues: no {brk} inside a hyphenated word")
                brk = None
            if brk:
                paras.append(cur)
                paras.extend(aside)
                aside.clear()
                cur = _Building(starts_fresh=True)
                cur.reasons.append(brk)
        cur.lines.append(s)
        cur.texts.append(text)
        cur.reasons.extend(removed)
    if cur is not None:
        paras.append(cur)
    paras.extend(aside)
    out = []
    alone = len(paras) == 1
    for b in paras:
        reasons = list(b.reasons)
        text = join_texts(marked_hyphens.apply([s.line for s in b.lines], b.texts, reasons), reasons, lexicon)
        last = b.lines[-1]
        # A paragraph runs on when its last line is full and ends no sentence, or when its
        # only line is an indented first line that ends no sentence: an indented line is a
        # paragraph's start, and a paragraph does not end without punctuation.
        title_line = (len(b.lines) == 1 and m.deficit(last) > params.indent_max) or (
            len(b.lines) <= 4 and standalone(text, profile))
        runs_on = region.width is not None and not ends_sentence(b.texts[-1], profile) and not title_line and (
            cjk or m.full(last) or (len(b.lines) == 1 and b.starts_fresh and m.indent_short(last))
            or (not cjk and ends_with_word_hyphen(b.texts[-1])))
        out.append(Paragraph(
            text=text, lines=tuple(s.line for s in b.lines), region_width=region.width or 0.0,
            region_index=region.index, starts_fresh=b.starts_fresh, runs_on=runs_on,
            reasons=tuple(reasons), bbox=BBox.union_all([s.line.bbox for s in b.lines]),
            whole_region=alone,
        ))
    return out
