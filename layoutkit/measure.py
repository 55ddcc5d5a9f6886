"""Line metrics in ems, the unit every text tolerance uses.

One em is the width of one CJK character; a half-width (Latin, digit) character is half an
em. In a CJK line, spaces are gaps the extractor inserted (justification, CJK/Latin
spacing) and take no width; in a Latin line a space is a character like any other.

CJK punctuation has no fixed width: typesetters compress it to half an em where it meets
other punctuation or where a line needs room (标点挤压). So a CJK line's width is an
interval ``[lo, hi]``: every punctuation mark counted as half an em gives ``lo``, as a
full em gives ``hi``. A line is full when the column measure lies in (or near) that
interval. East-Asian-ambiguous characters (“ ” ‘ ’ … — ·) count as punctuation in CJK
lines and as half-width characters in Latin lines.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from .textwidth import is_cjk


@lru_cache(maxsize=65536)
def _kind(ch: str) -> str:
    """'w' wide letter, 'p' compressible CJK punctuation, 'a' ambiguous, 'n' narrow, 'z' zero."""
    if unicodedata.combining(ch):
        return "z"
    eaw = unicodedata.east_asian_width(ch)
    if eaw in ("W", "F"):
        return "p" if unicodedata.category(ch).startswith("P") or ch in "％～" else "w"
    if eaw == "A":
        return "a"
    return "n"


@dataclass(frozen=True, slots=True)
class LineShape:
    """What the reflow and column stages need to know about one line's text."""

    #: Narrowest width the line can have (compressed punctuation), in ems.
    lo: float
    #: Widest width (full-width punctuation), in ems.
    hi: float
    #: Share of non-space characters that are CJK.
    cjk: float
    #: Number of leading spaces in the raw text (an indent in Latin OCR text).
    indent: int
    #: True when the line is letter-spaced for justification (``支 配 收 入``): a full line.
    letterspaced: bool

    @property
    def ems(self) -> float:
        """Best single estimate of the width: the middle of the interval."""
        return (self.lo + self.hi) / 2


def is_cjk_text(cjk_share: float) -> bool:
    return cjk_share >= 0.3


def width_interval(text: str, cjk_context: bool) -> tuple[float, float]:
    """``(lo, hi)`` width of ``text`` in ems.

    A run of k adjacent CJK punctuation marks is squeezed by typesetters to between k/2
    and k/2 + 1/2 ems (``’，`` takes about one em, not two); a lone mark to between half
    and one em.
    """
    lo = hi = 0.0
    run = 0

    def close_run() -> None:
        nonlocal lo, hi, run
        if run:
            lo += 0.5 * run
            hi += 0.5 * run + 0.5
            run = 0

    for ch in text:
        if ch == " ":
            if not cjk_context:
                close_run()
                lo += 0.5
                hi += 0.5
            continue
        k = _kind(ch)
        if k == "p" or (k == "a" and cjk_context):
            run += 1
            continue
        close_run()
        if k == "w":
            lo += 1.0
            hi += 1.0
        elif k == "z":
            continue
        else:
            lo += 0.5
            hi += 0.5
    close_run()
    return lo, hi


def letterspaced(text: str, share: float = 0.6) -> bool:
    """True when most CJK tokens of the line are single characters separated by spaces,
    the signature of justification spacing extracted as spaces (``化 中 扮 演 着``)."""
    tokens = text.split()
    if len(tokens) < 4:
        return False
    cjk_tokens = [t for t in tokens if any(is_cjk(c) for c in t)]
    if len(cjk_tokens) < 4:
        return False
    singles = sum(1 for t in cjk_tokens if sum(1 for c in t if c.isalnum()) <= 1)
    return singles / len(cjk_tokens) >= share


def shape(text: str, letterspace_share: float = 0.6) -> LineShape:
    stripped = text.strip()
    n = 0
    cjk_n = 0
    for c in stripped:
        if not c.isspace():
            n += 1
            if is_cjk(c):
                cjk_n += 1
    cjk = cjk_n / n if n else 0.0
    ctx = is_cjk_text(cjk)
    body = " ".join(stripped.split()) if not ctx else stripped
    lo, hi = width_interval(body, ctx)
    return LineShape(
        lo=lo, hi=hi,
        cjk=cjk,
        indent=len(text) - len(text.lstrip(" ")),
        letterspaced=ctx and letterspaced(stripped, letterspace_share),
    )
