"""Continuation search: which text box continues a paragraph that a box break cut.

``reflow`` cuts each box into paragraphs; a paragraph whose box ends before the paragraph
does (it runs on) continues in some other box. This module holds what decides where: the
boxes being linked (``Box``), the page's own n-gram vocabulary (``Vocabulary``), bracket
balance (``unclosed``, ``closes``), style and geometry tests for inputs with geometry, and
the score of one candidate link (``link_score``). ``reflow.reflow`` builds the chains.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from operator import itemgetter
from typing import Optional, Sequence

import regex

from .columns import TextRegion
from .measure import shape
from .model import Paragraph
from .profile import Profile


def maybe_continuation(box: "Box") -> bool:
    """A head line whose indent deficit is within measurement noise of a full line."""
    first = box.paras[0]
    width = box.region.width
    if width is None:
        return False
    from .measure import shape

    s = shape(first.lines[0].text)
    return s.letterspaced or width - s.ems <= 2.0


@dataclass
class Box:
    """One region's paragraphs while boxes are being linked into chains."""

    region: TextRegion
    paras: list[Paragraph]
    last_full: bool
    cjk: bool
    prev: Optional[int] = None
    next: Optional[int] = None
    link_reason: str = ""
    #: The bracket or quote the last paragraph leaves open, if any.
    closer: Optional[str] = None


_FIRST_CHAR = itemgetter(slice(0, 1))
_FIRST_TWO = itemgetter(slice(0, 2))


class Vocabulary:
    """Character n-gram counts of the whole page, the evidence for where a paragraph
    that runs on continues: the characters around a right junction form words that the
    page uses elsewhere, more often than their parts' own frequency explains. Counts are
    taken on demand (``str.count``) and cached: a page asks about few n-grams."""

    def __init__(self, texts: Sequence[str]):
        self.text = "\n".join("".join(t.split()) for t in texts)
        self.total = len(self.text)
        self._counts: dict[str, int] = {}
        self._after: dict[str, dict[str, int]] = {}

    def count(self, gram: str) -> int:
        n = self._counts.get(gram)
        if n is None:
            n = self._counts[gram] = self.text.count(gram)
        return n

    def joint(self, left: str, right: str) -> int:
        """``count(left + right)`` for a ``right`` of one or two characters.

        Every candidate pair of boxes asks about its own junction n-grams, so caching them
        does not help; but a paragraph tail's ``left`` recurs across all of its candidate
        heads. The one- and two-character continuations of ``left``'s occurrences are
        counted once (``_continuations``), and each junction is a dictionary look-up.
        That counts overlapping occurrences, as ``str.count`` does not: an n-gram that
        can overlap itself (``的的``, a border) is counted by ``count``."""
        gram = left + right
        n = len(gram)
        # up to four characters, a border is a repeated first/last character or two
        # equal halves
        if len(right) > 2 or n > 4 or gram[0] == gram[-1] or (n == 4 and gram[:2] == gram[2:]):
            return self.count(gram)
        after = self._after.get(left)
        if after is None:
            after = self._after[left] = self._continuations(left)
        return after.get(right, 0)

    def _continuations(self, left: str) -> dict[str, int]:
        """How often each one- and two-character string follows an occurrence of ``left``."""
        if len(left) == 1:
            return self._char_continuations(left)
        out: dict[str, int] = {}
        text, n = self.text, len(left)
        p = text.find(left)
        while p >= 0:
            nxt = text[p + n:p + n + 2]
            if nxt:
                out[nxt[:1]] = out.get(nxt[:1], 0) + 1
                if len(nxt) == 2:
                    out[nxt] = out.get(nxt, 0) + 1
            p = text.find(left, p + 1)
        return out

    def _char_continuations(self, c: str) -> dict[str, int]:
        """``_continuations`` of one character, counted at C speed: the text split at ``c``
        gives, after each occurrence, the piece up to the next one; a piece of two or more
        characters starts with the continuation. A shorter piece runs into the next
        occurrence, so its continuation is read across the pieces that follow it."""
        pieces = self.text.split(c)[1:]
        ones = Counter(map(_FIRST_CHAR, pieces))
        twos = Counter(map(_FIRST_TWO, pieces))
        for k in [k for k, size in enumerate(map(len, pieces)) if size < 2]:
            ahead = c.join(x[:2] for x in pieces[k:k + 3])[:2]
            ones[pieces[k][:1]] -= 1
            twos[pieces[k][:2]] -= 1
            ones[ahead[:1]] += 1
            twos[ahead] += 1
        out = {g: n for g, n in ones.items() if len(g) == 1 and n > 0}
        out.update((g, n) for g, n in twos.items() if len(g) == 2 and n > 0)
        return out

    def _pmi(self, left: str, right: str) -> float:
        joint = self.joint(left, right)
        if not joint:
            return 0.0
        expected = self.count(left) * self.count(right) / max(1, self.total)
        return max(0.0, math.log((joint + 0.5) / (expected + 0.5)))

    def junction(self, tail: str, head: str) -> float:
        """Pointwise mutual information of the pieces across the junction (positive part),
        summed over the bigram and the two trigrams that span it."""
        a = "".join(tail[-6:].split())[-2:]
        b = "".join(head[:6].split())[:2]
        if not a or not b:
            return 0.0
        return self._pmi(a[-1:], b[:1]) + 0.5 * (self._pmi(a[-2:], b[:1]) + self._pmi(a[-1:], b[:2]))


OPENERS = {"（": "）", "(": ")", "“": "”", "《": "》", "〈": "〉", "「": "」", "【": "】"}


_CLOSERS = set(OPENERS.values())
#: The brackets and quotes of ``OPENERS``: only they matter to the balance, so a paragraph
#: is scanned once at C speed and the loop sees only its brackets.
_BRACKETS = regex.compile("[" + regex.escape("".join(OPENERS) + "".join(OPENERS.values())) + "]")


def unclosed(text: str) -> Optional[str]:
    """The closing bracket or quote an unbalanced opening in ``text`` waits for, if any."""
    stack: list[str] = []
    closers = _CLOSERS
    for ch in _BRACKETS.findall(text):
        if ch in OPENERS:
            stack.append(OPENERS[ch])
        elif ch in closers and stack and stack[-1] == ch:
            stack.pop()
    return stack[-1] if stack else None


def closes(head: str, closer: str) -> bool:
    """Does ``head`` close ``closer`` before opening anything of the same kind?"""
    opener = next(o for o, c in OPENERS.items() if c == closer)
    end = head.find(closer)
    if end < 0:
        return False
    start = head.find(opener, 0, end)  # an opening before the first closing
    return start < 0


def link_score(i: int, j: int, boxes: list["Box"], vocab: Vocabulary, profile: Profile) -> float:
    """How likely box j continues box i's last paragraph (higher is likelier)."""
    a, b = boxes[i], boxes[j]
    tail, head = a.paras[-1], b.paras[0]
    score = vocab.junction(tail.text, head.text)
    if a.region.family is not None and a.region.family == b.region.family:
        score += 2.0
    closer = a.closer
    if closer is not None:
        score += 3.0 if closes(head.text, closer) else -1.0
    if profile.match("continuation_start", head.text.lstrip()):
        score += 3.0
    elif head.starts_fresh:
        score -= 1.0  # looks indented, though measurement noise is an em or so
    elif shape(head.lines[0].text).letterspaced:
        score -= 0.5  # letter-spaced: full width by justification, indented or not
    d = j - i
    score -= 0.05 * d if d > 0 else 0.5 + 0.1 * -d
    if all(boxes[k].region.width is None for k in range(i + 1, j)) and d > 0:
        # the next body box in the extractor's order (title boxes between do not count):
        # extractors keep a paragraph's pieces together far more often than not
        score += 2.5
    return score


#: Layout zones whose text never continues a paragraph nor is continued: the page's
#: running head and foot, a picture's caption and credit (``layout.captions``).
_APART = ("page-head", "page-foot", "image-caption", "image-credit")


def same_style(prev: Paragraph, first: Paragraph) -> bool:
    """Geometric input: the junction's two lines share a font size and neither lies in a
    page margin zone (running head, page foot): only then can a paragraph continue."""
    a, b = prev.lines[-1], first.lines[0]
    if a.region_type in _APART or b.region_type in _APART:
        return False
    if a.font_size is None or b.font_size is None:
        return True
    return abs(a.font_size - b.font_size) <= 0.05 * a.font_size


def geometric_run_on(prev: Paragraph, first: Paragraph) -> bool:
    """``column-break-continuation`` (geometric input): a paragraph that runs on at the
    foot of a column continues at the head of the next region in the same font size,
    even when that column has another measure (text that wrapped around a title or a
    picture), provided the next region opens with a full, unindented line."""
    a, b = prev.lines[-1], first.lines[0]
    if a.font_size is None or b.font_size is None or a.bbox is None or b.bbox is None:
        return False
    return prev.runs_on and not first.starts_fresh and abs(a.font_size - b.font_size) <= 0.05 * a.font_size


def chain_has(boxes: list["Box"], start: int, target: int) -> bool:
    k: Optional[int] = start
    seen = 0
    while k is not None and seen <= len(boxes):
        if k == target:
            return True
        k = boxes[k].next
        seen += 1
    return False
