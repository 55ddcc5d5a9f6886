"""Continuation search: which text box continues a paragraph that a box break cut.

``reflow`` cuts each box into paragraphs; a paragraph whose box ends before the paragraph
does (it runs on) continues in some other box. This module holds what decides where: the
boxes being linked (``Box``), the page's own n-gram vocabulary (``Vocabulary``), bracket
balance (``unclosed``, ``closes``), style and geometry tests for inputs with geometry, and
the score of one candidate link (``link_score``), the candidates of a page
(``candidate_links``) and the links chosen among them (``assign_links``: the best total,
not the best link first). ``reflow.reflow`` builds the chains; ``chain_order`` places them.
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


def maybe_continuation(box: "Box", spread_indent_min: float = 2.1) -> bool:
    """A head line whose indent deficit is within measurement noise of a full line (a
    letter-spaced head: unless it is short by an indent, see
    ``ReflowParams.spread_indent_min``)."""
    first = box.paras[0]
    width = box.region.width
    if width is None:
        return False
    s = shape(first.lines[0].text)
    return width - s.ems <= 2.0 or (s.letterspaced and width - s.ems < spread_indent_min)


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
    #: The box opens an author note (``（作者为…）``): the text of its article ends here.
    author_note: bool = False


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
    elif head.starts_fresh and len(head.lines) == 1 and not head.runs_on:
        pass  # ``ambiguous-one-line-head``: a lone line that ends its paragraph is short
        # because it ends it; its width says nothing about an indent
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
_APART = ("page-head", "page-foot", "image-caption", "image-caption-above", "image-credit")


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


#: Profile patterns of blocks that stand alone (see ``reflow.standalone``).
_STANDALONE = ("byline", "credit", "header", "deck", "author_note")


@dataclass(frozen=True, slots=True)
class Candidate:
    """One possible link: box ``tail``'s last paragraph continues in box ``head``."""

    score: float
    tail: int
    head: int


def next_body(boxes: Sequence["Box"], i: int, j: int) -> bool:
    """Is box j the next body box after box i in the extractor's order (title boxes,
    which have no measure, in between do not count)?"""
    return j > i and all(boxes[k].region.width is None for k in range(i + 1, j))


def candidate_links(boxes: Sequence["Box"], profile: Profile, spread_indent_min: float = 2.1) -> list[Candidate]:
    """Every scored candidate link for the CJK paragraphs that still run on.

    A box is a candidate head when it has no predecessor yet, is not vertical text, and
    its head could continue a paragraph: a title-material box only by closing a bracket
    the tail left open; a body box unless it clearly opens a fresh paragraph (indented,
    not a possible continuation, not the next body box, no continuation opener).
    """
    vocab: Optional[Vocabulary] = None
    maybe_cont = [maybe_continuation(bx, spread_indent_min) for bx in boxes]
    # the tests of a head alone, asked of every tail, are answered once per box, and only
    # for pages with a paragraph to place
    standalone_head: list[bool] = []
    opener_head: list[bool] = []
    box_list = list(boxes)
    out: list[Candidate] = []
    for i, a in enumerate(boxes):
        if a.next is not None or not a.paras[-1].runs_on or not a.cjk:
            continue
        if vocab is None:  # built only for pages with a paragraph to place
            vocab = Vocabulary([p.text for bx in boxes for p in bx.paras])
            standalone_head = [len(bx.paras[0].text) <= 80 and any(profile.match(k, bx.paras[0].text) for k in _STANDALONE)
                               for bx in boxes]
            opener_head = [bool(profile.match("continuation_start", bx.paras[0].text.lstrip())) for bx in boxes]
        closer = a.closer
        # ``lone-line-tail``: a box of one line that runs on is the indented first line
        # of a paragraph whose rest the extractor boxed apart (it goes on in the next body
        # box), or a title that only looks like text; it links nowhere else
        lone = sum(len(p.lines) for p in a.paras) == 1
        for j, b in enumerate(boxes):
            if j == i or b.prev is not None or b.region.vertical:
                continue
            if lone and not next_body(boxes, i, j):
                continue
            head = b.paras[0]
            if standalone_head[j]:
                continue  # a byline, credit, page header, deck or author note opens no continuation
            if b.region.width is None:
                # a title-material box continues a paragraph only by closing its bracket
                if not (closer and closes(head.text, closer)):
                    continue
            elif head.starts_fresh and not maybe_cont[j] and not next_body(boxes, i, j) \
                    and not opener_head[j]:
                continue
            out.append(Candidate(link_score(i, j, box_list, vocab, profile), i, j))
    return out


#: Bonus (score units) for a link into a head that cannot open a paragraph (its first
#: line is full and unindented): such a box continues some paragraph of the page, so an
#: assignment that leaves it without a predecessor leaves a paragraph starting mid-sentence.
ORPHAN_HEAD_BONUS = 3.0


#: Largest tails² × (heads + tails) solved exactly (the Hungarian method's cost); larger
#: pages (hundreds of paragraphs that run on) link greedily, best score first.
ASSIGNMENT_BUDGET = 4_000_000


def surely_continues(box: "Box") -> bool:
    """A box whose first line is full without letter-spacing cannot open a paragraph:
    a paragraph's first line is short by its indent (letter-spaced lines are left out:
    spreading can fill an indented line too)."""
    width = box.region.width
    if width is None or box.region.vertical:
        return False
    s = shape(box.paras[0].lines[0].text)
    return not s.letterspaced and width - s.ems <= 1.0


def assign_links(candidates: Sequence[Candidate], boxes: Sequence["Box"]) -> list[Candidate]:
    """``best-match-assignment``: the set of links, at most one per tail and per head,
    with the largest total score (links of negative weight are left out).

    Linking greedily (best score first) lets a tail take a head that fits it a little
    better than its true continuation, which is left for no one: a paragraph that runs
    on then joins the paragraph after it while its real continuation opens a paragraph
    mid-sentence. The assignment weighs the page as a whole; heads of the tail's column family that
    cannot open a paragraph (``surely_continues``) add ``ORPHAN_HEAD_BONUS``, so the page's
    continuation boxes are all claimed when that costs little elsewhere. Returned best
    score first (the caller skips any link that would close a cycle).
    """
    tails = sorted({c.tail for c in candidates})
    heads = sorted({c.head for c in candidates})
    if not tails:
        return []
    if len(tails) ** 2 * (len(heads) + len(tails)) > ASSIGNMENT_BUDGET:
        # a page of hundreds of cut paragraphs (a flat extraction): best link first
        return sorted(candidates, key=lambda c: (-c.score, c.tail, c.head))
    weight: dict[tuple[int, int], float] = {}
    for c in candidates:
        a, b = boxes[c.tail].region, boxes[c.head].region
        orphan = surely_continues(boxes[c.head]) and a.family is not None and a.family == b.family
        w = c.score + (ORPHAN_HEAD_BONUS if orphan else 0.0)
        weight[(c.tail, c.head)] = w
    ti = {t: k for k, t in enumerate(tails)}
    hj = {h: k for k, h in enumerate(heads)}
    # every tail may stay unmatched (a dummy column of its own, weight 0): a tail links
    # only where that adds to the total (a link of negative weight is worse than none)
    big = 1000.0
    n, m = len(tails), len(heads) + len(tails)
    cost = [[big] * m for _ in range(n)]
    for (t, h), w in weight.items():
        cost[ti[t]][hj[h]] = -w
    for r in range(n):
        cost[r][len(heads) + r] = 0.0
    col_of_row = _min_cost_assignment(cost)
    chosen = []
    for r, col in enumerate(col_of_row):
        if col < len(heads):
            t, h = tails[r], heads[col]
            if (t, h) in weight:
                chosen.append(next(c for c in candidates if c.tail == t and c.head == h))
    return sorted(chosen, key=lambda c: (-c.score, c.tail, c.head))


def _min_cost_assignment(cost: Sequence[Sequence[float]]) -> list[int]:
    """Hungarian method (shortest augmenting paths with potentials) for an n × m cost
    matrix with n <= m: the column of each row in a minimum-cost assignment."""
    n, m = len(cost), len(cost[0])
    inf = float("inf")
    u = [0.0] * (n + 1)
    v = [0.0] * (m + 1)
    p = [0] * (m + 1)  # p[j]: row matched to column j (1-based; 0 = none)
    way = [0] * (m + 1)
    for i in range(1, n + 1):
        p[0] = i
        j0 = 0
        minv = [inf] * (m + 1)
        used = [False] * (m + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = p[j0], inf, 0
            row = cost[i0 - 1]
            for j in range(1, m + 1):
                if not used[j]:
                    cur = row[j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j], way[j] = cur, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(m + 1):
                if used[j]:
                    u[p[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while True:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
            if j0 == 0:
                break
    out = [-1] * n
    for j in range(1, m + 1):
        if p[j]:
            out[p[j] - 1] = j - 1
    return out
