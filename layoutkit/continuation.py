"""Continuation search: which text box continues a paragraph that a box break cut.

``reflow`` cuts each box into paragraphs; a paragraph whose box ends before the paragraph
does (it runs on) continues in some other box. This module holds what decides where: the
boxes being linked (``Box``), the page's own n-gram vocabulary (``Vocabulary``), bracket
balance (``unclosed``, ``closes``), style and geometry tests for inputs with geometry, and
the score of one candidate link (``pair_score``), the candidates of a page
(``candidate_links``) and the links chosen among them (``assign_links``: the best total,
not the best link first). ``reflow.reflow`` builds the chains; ``chain_order`` places them.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from itertools import chain, repeat
from operator import attrgetter, itemgetter
from typing import NamedTuple, Optional, Sequence


from .columns import TextRegion
from .measure import forget_with_shapes, shape
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
_TEXT = attrgetter("text")
_PARAS = attrgetter("paras")


class Vocabulary:
    """Character n-gram counts of the whole page, the evidence for where a paragraph
    that runs on continues: the characters around a right junction form words that the
    page uses elsewhere, more often than their parts' own frequency explains. Counts are
    taken on demand (``str.count``) and cached: a page asks about few n-grams, since
    most junctions are settled by ``followers`` alone (``junction-zero-bound``)."""

    def __init__(self, texts: Sequence[str]):
        # (each text without its whitespace, by ``map`` at C speed)
        self.text = "\n".join(map("".join, map(str.split, texts)))
        self.total = len(self.text)
        self._counts: dict[str, int] = {}
        self._followers: dict[str, Counter[str]] = {}

    def count(self, gram: str) -> int:
        n = self._counts.get(gram)
        if n is None:
            n = self._counts[gram] = self.text.count(gram)
        return n

    def joint(self, left: str, right: str) -> int:
        """How often ``left + right`` occurs on the page, as ``str.count`` counts: without
        overlaps, which only matters to an n-gram with a border (such as ``的的``)."""
        return self.count(left + right)

    def followers(self, c: str) -> dict[str, int]:
        """How often each character follows an occurrence of the character ``c`` on the
        page, counted at C speed: the text split at ``c`` gives, after each occurrence, the
        piece up to the next one, which starts with its follower; an empty piece is an
        occurrence followed by ``c`` itself, or (the last piece) the end of the text."""
        out = self._followers.get(c)
        if out is None:
            pieces = self.text.split(c)
            del pieces[0]
            self._counts[c] = len(pieces)  # ``count(c)``, known now
            out = Counter(map(_FIRST_CHAR, pieces))
            doubled = out.pop("", 0) - (1 if pieces and not pieces[-1] else 0)
            if doubled:
                out[c] = doubled
            self._followers[c] = out
        return out

    def _pmi(self, left: str, right: str) -> float:
        return self._pmi_of(self.joint(left, right), left, right)

    def _pmi_of(self, joint: int, left: str, right: str) -> float:
        """Pointwise mutual information (positive part) of ``left`` and ``right`` that
        occur together ``joint`` times."""
        if not joint:
            return 0.0
        expected = self.count(left) * self.count(right) / max(1, self.total)
        return max(0.0, math.log((joint + 0.5) / (expected + 0.5)))

    def junction(self, tail: str, head: str) -> float:
        """Pointwise mutual information of the pieces across the junction (positive part),
        summed over the bigram and the two trigrams that span it."""
        return self.junction_of(tail_key(tail), head_key(head))

    def junction_of(self, a: str, b: str) -> float:
        """``junction`` of a tail's last two and a head's first two characters
        (``tail_key``, ``head_key``: taken once per box, not once per pair).

        ``junction-zero-bound``: when the bigram across the junction never occurs on the
        page (the head's first character is not among the ``followers`` of the tail's
        last), neither does either trigram that contains it, so all three terms are 0.0
        (``_pmi`` of a joint count of zero) and the sum is exactly 0.0: no n-gram is
        counted. Most candidate pairs of a page are such pairs. Otherwise the bigram's
        count is the follower count, except for a doubled character (``的的``), which
        ``str.count`` counts without overlaps."""
        if not a or not b:
            return 0.0
        a1, b1 = a[-1:], b[:1]
        n = self.followers(a1).get(b1, 0)
        if not n:
            return 0.0
        joint = n if a1 != b1 else self.count(a1 + b1)
        return self._pmi_of(joint, a1, b1) + 0.5 * (self._pmi(a[-2:], b1) + self._pmi(a1, b[:2]))


def tail_key(text: str) -> str:
    """A paragraph's last two non-space characters (fewer when it is shorter), as far as
    ``Vocabulary.junction`` reads them: the last six characters, spaces removed."""
    return "".join(text[-6:].split())[-2:]


def head_key(text: str) -> str:
    """A paragraph's first two non-space characters, as far as ``Vocabulary.junction``
    reads them: the first six characters, spaces removed."""
    return "".join(text[:6].split())[:2]


OPENERS = {"（": "）", "(": ")", "“": "”", "《": "》", "〈": "〉", "「": "」", "【": "】"}


_CLOSERS = set(OPENERS.values())
#: The brackets and quotes of ``OPENERS``: only they matter to the balance, so a paragraph
#: is scanned once at C speed and the loop sees only its brackets. (The standard ``re``
#: module: a class of literal characters means the same there, and its scan is about
#: twice as fast as ``regex``'s.)
_BRACKETS = re.compile("[" + re.escape("".join(OPENERS) + "".join(OPENERS.values())) + "]")


def unclosed(text: str) -> Optional[str]:
    """The closing bracket or quote an unbalanced opening in ``text`` waits for, if any.

    ``bracket-sequence-memo``: the answer depends only on the text's sequence of brackets
    and quotes, found at C speed; most paragraphs of a page have one of a few sequences
    (none, ``“”``, ``“”“”``, ...), each balanced once (``_balance``) and remembered."""
    marks = "".join(_BRACKETS.findall(text))
    found = _UNCLOSED_OF.get(marks, _UNKNOWN)
    if found == _UNKNOWN:
        if len(_UNCLOSED_OF) >= _UNCLOSED_MEMO_SIZE:
            _UNCLOSED_OF.clear()
        found = _UNCLOSED_OF[marks] = _balance(marks)
    return found


#: ``unclosed`` by bracket sequence (bounded: emptied when it holds ``_UNCLOSED_MEMO_SIZE``).
_UNCLOSED_OF: dict[str, Optional[str]] = {}
forget_with_shapes(_UNCLOSED_OF.clear)  # (benchmarks: a repeated page must not hit it)
_UNCLOSED_MEMO_SIZE = 4096
#: Not a closer: marks a sequence not yet in ``_UNCLOSED_OF``.
_UNKNOWN = "?"


def _balance(marks: str) -> Optional[str]:
    """``unclosed`` of a text that holds only ``marks``, its brackets and quotes in order."""
    stack: list[str] = []
    closers = _CLOSERS
    for ch in marks:
        if ch in OPENERS:
            stack.append(OPENERS[ch])
        elif ch in closers and stack and stack[-1] == ch:
            stack.pop()
    return stack[-1] if stack else None


#: The opening bracket of each closing one (``OPENERS`` reversed; the first opener of a
#: closer wins, as a scan of ``OPENERS`` would find it).
_OPENER_OF = {c: o for o, c in reversed(list(OPENERS.items()))}


def closes(head: str, closer: str) -> bool:
    """Does ``head`` close ``closer`` before opening anything of the same kind?"""
    opener = _OPENER_OF[closer]
    end = head.find(closer)
    if end < 0:
        return False
    start = head.find(opener, 0, end)  # an opening before the first closing
    return start < 0


def head_term(head: Paragraph, opener: bool) -> float:
    """What a head paragraph says of itself about continuing one (score units): an opener
    of continuations (``continuation_start``, ``opener``) +3; a look of indent -1 (the
    measurement noise is an em or so); letter-spacing -0.5 (full width by justification,
    indented or not); nothing else. Depends on the head alone: ``candidate_links`` takes it
    once per box."""
    if opener:
        return 3.0
    if head.starts_fresh and len(head.lines) == 1 and not head.runs_on:
        return 0.0  # ``ambiguous-one-line-head``: a lone line that ends its paragraph is short
        # because it ends it; its width says nothing about an indent
    if head.starts_fresh:
        return -1.0
    if shape(head.lines[0].text).letterspaced:
        return -0.5
    return 0.0


def pair_score(junction: float, same_family: bool, closed: Optional[bool], term: float, i: int, j: int,
               next_body_box: bool) -> float:
    """One link's score from its parts, added in one fixed order (floating-point sums depend
    on it): the junction's n-gram evidence, +2 for the same column family, +3/-1 when the
    tail leaves a bracket open (``closed``: does the head close it; None: nothing open),
    the head's own ``head_term``, the distance in the stream (forward links are cheap,
    backward ones cost 0.5 more), and +2.5 for the next body box in the extractor's order
    (extractors keep a paragraph's pieces together far more often than not)."""
    score = junction
    if same_family:
        score += 2.0
    if closed is not None:
        score += 3.0 if closed else -1.0
    if term:
        score += term
    d = j - i
    score -= 0.05 * d if d > 0 else 0.5 + 0.1 * -d
    if next_body_box:
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


#: How far (ems of the line's own size) a head line may start right of its region's left
#: edge and still be flush: justification and squeezed punctuation move a line's first
#: glyph by half an em at most, while a CJK paragraph indent is two ems.
FLUSH_HEAD_TOLERANCE_EMS = 0.5


def flush_head(region: TextRegion, head: Paragraph) -> bool:
    """``flush-column-head`` (geometric CJK input): the head paragraph of a region starts
    at the region's left edge, not an indent in: a paragraph that goes on from the foot of
    the previous column, however short its line is.

    Reflow marks a paragraph fresh when its first line is short of the measure, since the
    extractor lost the indent. At the head of a column that misreads the lone last line of
    a paragraph carried over from the column before (``…落实减排承诺，`` / ``为维护…贡献。``):
    it is short because it ends the paragraph, not because it is indented. The line's
    position settles it where the region has other lines to give its left edge (two at
    least, the head among them); a region of one line has no edge of its own to judge by.
    The edge is where most of the region's lines start (to the point), not the leftmost
    start: a line opening with a squeezed quote mark or hanging punctuation starts left of
    the column."""
    first = head.lines[0]
    if first.bbox is None or first.font_size is None or len(region.lines) < 2:
        return False
    starts = Counter(round(s.line.bbox.x0) for s in region.lines if s.line.bbox is not None)
    left = min(starts, key=lambda x: (-starts[x], x))  # (the most common start; ties to the leftmost)
    return abs(first.bbox.x0 - left) <= FLUSH_HEAD_TOLERANCE_EMS * first.font_size


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


def _standalone(text: str, profile: Profile) -> bool:
    for key in _STANDALONE:
        if profile.match(key, text):
            return True
    return False


class Candidate(NamedTuple):
    """One possible link: box ``tail``'s last paragraph continues in box ``head``.

    An immutable named tuple rather than a frozen dataclass: a page makes a candidate for
    every pair of a tail and a possible head (over a hundred on the seed page), and a
    frozen dataclass's ``__init__`` (three ``object.__setattr__`` calls) cost more than
    the pair's score."""

    score: float
    tail: int
    head: int


def next_body(boxes: Sequence["Box"], i: int, j: int) -> bool:
    """Is box j the next body box after box i in the extractor's order (title boxes,
    which have no measure, in between do not count)?"""
    return j > i and all(boxes[k].region.width is None for k in range(i + 1, j))


def body_reach(boxes: Sequence["Box"]) -> list[int]:
    """For each box i, the last box j with ``next_body(boxes, i, j)`` (i itself when
    there is none): the first box after i with a measure, or the page's last box when
    only title boxes follow. One backward pass instead of a scan per pair: ``next_body(i,
    j)`` is ``i < j <= body_reach(boxes)[i]``."""
    n = len(boxes)
    out = [0] * n
    reach = n - 1
    for k in range(n - 1, -1, -1):
        out[k] = reach
        if boxes[k].region.width is not None:
            reach = k
    return out


_NOTHING: Counter[str] = Counter()
#: ``candidate_links``' kinds of head box: none (has a predecessor, vertical text or
#: standalone material), title material (no measure: continues only by closing the
#: tail's bracket), an indented head (only as the tail's next body box) and any tail.
_NO_HEAD, _TITLE_HEAD, _NEXT_BODY_HEAD, _ANY_HEAD = 0, 1, 2, 3


def candidate_links(boxes: Sequence["Box"], profile: Profile, spread_indent_min: float = 2.1) -> list[Candidate]:
    """Every scored candidate link for the CJK paragraphs that still run on.

    A box is a candidate head when it has no predecessor yet, is not vertical text, and
    its head could continue a paragraph: a title-material box only by closing a bracket
    the tail left open; a body box unless it clearly opens a fresh paragraph (indented,
    not a possible continuation, not the next body box, no continuation opener).

    Each candidate is scored by ``pair_score`` (``link_score`` in
    tests/continuation_reference.py scores one link plainly), but what depends on one box
    alone (its kind of head, ``head_term``, junction characters, the reach of
    ``next_body``) is taken once per box, not once per pair, and only on pages with a
    paragraph to place. Candidates come tail by tail, heads in stream order.
    """
    out: list[Candidate] = []
    for i, js, scores in _tail_scores(boxes, profile, spread_indent_min):
        out.extend(map(_TUPLE_NEW, repeat(Candidate), zip(scores, repeat(i), js)))
    return out


def _tail_scores(boxes: Sequence["Box"], profile: Profile,
                 spread_indent_min: float) -> list[tuple[int, list[int], list[float]]]:
    """``candidate_links`` as lists: for each tail (in stream order), its heads (in stream
    order) and their scores."""
    tails = [i for i, a in enumerate(boxes) if a.next is None and a.paras[-1].runs_on and a.cjk]
    if not tails:
        return []
    box_list = list(boxes)
    n = len(box_list)
    vocab = Vocabulary(list(map(_TEXT, chain.from_iterable(map(_PARAS, box_list)))))
    reach = body_reach(box_list)
    kinds = [_NO_HEAD] * n
    terms = [0.0] * n
    keys = [""] * n
    texts = [bx.paras[0].text for bx in box_list]
    families: list[Optional[float]] = [bx.region.family for bx in box_list]
    heads: list[int] = []
    # the boxes some tail reaches as its next body box, and whether any tail leaves a
    # bracket open: a head that could only be such a box or close such a bracket is not
    # asked the profile's standalone questions (five patterns) unless it can be one
    near = {j for i in tails for j in range(i + 1, reach[i] + 1)}
    open_brackets = any(box_list[i].closer is not None for i in tails)
    for j, b in enumerate(box_list):
        if b.prev is not None or b.region.vertical:
            continue
        head = b.paras[0]
        text = head.text
        if b.region.width is None and not open_brackets:
            continue  # (title material is a head only by closing a tail's bracket)
        opener = bool(profile.match("continuation_start", text.lstrip()))
        if b.region.width is None:
            kind = _TITLE_HEAD
        elif head.starts_fresh and not opener and not maybe_continuation(b, spread_indent_min):
            if j not in near:
                continue
            kind = _NEXT_BODY_HEAD
        else:
            kind = _ANY_HEAD
        if len(text) <= 80 and _standalone(text, profile):
            continue  # a byline, credit, page header, deck or author note opens no continuation
        kinds[j] = kind
        terms[j] = head_term(head, opener)
        keys[j] = head_key(text)
        heads.append(j)
    any_heads = [j for j in heads if kinds[j] == _ANY_HEAD]
    title_heads = [j for j in heads if kinds[j] == _TITLE_HEAD]
    out: list[tuple[int, list[int], list[float]]] = []
    for i in tails:
        a = box_list[i]
        closer = a.closer
        family = families[i]
        tail = tail_key(a.paras[-1].text)
        last = reach[i]
        # ``lone-line-tail``: a box of one line that runs on is the indented first line
        # of a paragraph whose rest the extractor boxed apart (it goes on in the next body
        # box), or a title that only looks like text; it links nowhere else
        lone = sum(len(p.lines) for p in a.paras) == 1
        # the heads this tail may link to, in stream order: any head (the next body box
        # only, for a lone line), an indented head only as the next body box, title
        # material only by closing the tail's bracket
        if lone:
            js = [j for j in range(i + 1, last + 1) if kinds[j] == _ANY_HEAD or kinds[j] == _NEXT_BODY_HEAD
                  or (kinds[j] == _TITLE_HEAD and closer is not None and closes(texts[j], closer))]
        else:
            extra = [j for j in range(i + 1, last + 1) if kinds[j] == _NEXT_BODY_HEAD]
            if closer is not None:
                extra += [j for j in title_heads if closes(texts[j], closer)]
            js = sorted(any_heads + extra) if extra else any_heads
        # ``junction-zero-bound`` asked here first: most pairs end with it
        follow = vocab.followers(tail[-1:]) if tail else _NOTHING
        if kinds[i] != _NO_HEAD:
            js = [j for j in js if j != i]
        # ``pair_score`` of every head at once (``pair-scores``): its terms added in its
        # order, a term it leaves out added as 0.0 (the identity here: no score is ever
        # -0.0, every term being a non-negative sum or a nonzero constant); the
        # candidates are made as plain tuples of their class, at C speed
        fam = family is not None
        scores = [(vocab.junction_of(tail, keys[j]) if keys[j][:1] in follow else 0.0)
                  + (2.0 if fam and family == families[j] else 0.0)
                  + (0.0 if closer is None else 3.0 if closes(texts[j], closer) else -1.0)
                  + terms[j]
                  - (0.05 * (j - i) if j > i else 0.5 + 0.1 * (i - j))
                  + (2.5 if i < j <= last else 0.0) for j in js]
        out.append((i, js, scores))
    return out


_TUPLE_NEW = tuple.__new__


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
    first: dict[tuple[int, int], Candidate] = {}
    # the column family of each head that ``surely_continues`` (asked once per head), else
    # None: a link into it from a box of that family is an orphan head's link
    orphan_family: dict[int, Optional[float]] = {}
    for c in candidates:
        t, h = c.tail, c.head
        if h in orphan_family:
            family = orphan_family[h]
        else:
            b = boxes[h]
            family = orphan_family[h] = b.region.family if surely_continues(b) else None
        w = c.score + (ORPHAN_HEAD_BONUS if family is not None and boxes[t].region.family == family else 0.0)
        weight[(t, h)] = w
        first.setdefault((t, h), c)
    maxima = _row_maxima(weight)
    if maxima is not None:
        return sorted((first[link] for link in maxima), key=lambda c: (-c.score, c.tail, c.head))
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
                chosen.append(first[(t, h)])
    return sorted(chosen, key=lambda c: (-c.score, c.tail, c.head))


def best_links(boxes: Sequence["Box"], profile: Profile, spread_indent_min: float = 2.1) -> list[Candidate]:
    """``assign_links(candidate_links(boxes, profile, spread_indent_min), boxes)``, with
    ``row-maximum-assignment`` decided from each tail's list of scores
    (``row-maxima-by-tail``): when it applies (every tail's best link clear, no head
    wanted twice), only the chosen links are made into candidates; the weights, the
    top two of each tail (staying unlinked, weight 0, first) and the tests are those of
    ``assign_links`` and ``_row_maxima``, in the same order. Otherwise (and on pages
    beyond ``ASSIGNMENT_BUDGET``) the candidates are made and ``assign_links`` decides."""
    rows = [row for row in _tail_scores(boxes, profile, spread_indent_min) if row[1]]
    if not rows:
        return []
    heads = sorted(set().union(*[js for _, js, _ in rows]))

    def fallback() -> list[Candidate]:
        candidates: list[Candidate] = []
        for i, js, scores in rows:
            candidates.extend(map(_TUPLE_NEW, repeat(Candidate), zip(scores, repeat(i), js)))
        return assign_links(candidates, boxes)

    if len(rows) ** 2 * (len(heads) + len(rows)) > ASSIGNMENT_BUDGET:
        return fallback()
    # the column family of each head that ``surely_continues``, else None (``assign_links``)
    orphan_family: dict[int, Optional[float]] = {}
    for h in heads:
        b = boxes[h]
        orphan_family[h] = b.region.family if surely_continues(b) else None
    taken: set[int] = set()
    chosen: list[Candidate] = []
    for t, js, scores in rows:
        family = boxes[t].region.family
        best, head, second, score = 0.0, -1, -math.inf, 0.0
        for s, h in zip(scores, js):
            f = orphan_family[h]
            w = s + (ORPHAN_HEAD_BONUS if f is not None and family == f else 0.0)
            if w > best:
                best, head, second, score = w, h, best, s
            elif w > second:
                second = w
        if best - second <= ROW_MAXIMUM_MARGIN or head in taken:
            return fallback()
        if head >= 0:
            taken.add(head)
            chosen.append(_TUPLE_NEW(Candidate, (score, t, head)))
    return sorted(chosen, key=lambda c: (-c.score, c.tail, c.head))


#: How much a tail's best link must outweigh its next best (and staying unlinked, weight
#: 0) for ``_row_maxima`` to take it without solving the assignment: far above the
#: rounding error of the Hungarian method's potentials (sums of a few scores of a few
#: units), so that the method would find that same assignment.
ROW_MAXIMUM_MARGIN = 1e-6


def _row_maxima(weight: dict[tuple[int, int], float]) -> Optional[list[tuple[int, int]]]:
    """``row-maximum-assignment``: when every tail's best link (staying unlinked, weight
    0, included) beats its other links by ``ROW_MAXIMUM_MARGIN``, and no two tails' best
    links share a head, those links are the one assignment of the largest total: each
    tail gets the most it can get, and any other assignment gives some tail less. Then
    the Hungarian method would find them too, and they are returned (the linked ones, as
    (tail, head)); otherwise None (the method decides)."""
    best: dict[int, tuple[float, int, float]] = {}  # tail: best weight, its head (-1: none), next best
    for (t, h), w in weight.items():
        top = best.get(t)
        if top is None:
            top = (0.0, -1, -math.inf)  # staying unlinked
        if w > top[0]:
            best[t] = (w, h, top[0])
        elif w > top[2]:
            best[t] = (top[0], top[1], w)
        else:
            best[t] = top
    heads: set[int] = set()
    out = []
    for t, (w, h, runner_up) in best.items():
        if w - runner_up <= ROW_MAXIMUM_MARGIN:
            return None
        if h >= 0:
            if h in heads:
                return None
            heads.add(h)
            out.append((t, h))
    return out


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
        # the columns not yet on the row's alternating tree, in increasing order (ties
        # go to the first column), and those on it (column 0 stands for the new row)
        free = list(range(1, m + 1))
        used: list[int] = []
        while True:
            used.append(j0)
            if j0:
                free.remove(j0)
            i0, delta, j1 = p[j0], inf, 0
            row = cost[i0 - 1]
            ui0 = u[i0]
            for j in free:
                cur = row[j - 1] - ui0 - v[j]
                mj = minv[j]
                if cur < mj:
                    minv[j], way[j] = cur, j0
                    mj = cur
                if mj < delta:
                    delta, j1 = mj, j
            for j in used:
                u[p[j]] += delta
                v[j] -= delta
            # (a used column's minv is never read again in this row's search)
            minv = [x - delta for x in minv]
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
