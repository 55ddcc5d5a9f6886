"""The continuation search's fast paths compute exactly what the plain code computed.

``candidate_links`` takes each box's facts once instead of once per pair, skips the
n-gram counts of junctions whose bigram the page never uses (``junction-zero-bound``),
and asks the profile's standalone questions only of boxes that can be heads;
``Vocabulary.followers`` replaces per-n-gram counting; ``assign_links`` and the Hungarian
method loop over fewer columns. Each is compared here with the straightforward code it
replaced, on arbitrary pages, scores compared as floats for exact equality (a pruned or
reordered sum would show up as a different last bit). ``bench/identical.py`` checks the
same on every dev case's full output.
"""
from __future__ import annotations

import math
from typing import Sequence

from hypothesis import given, settings
from hypothesis import strategies as st

from layoutkit import continuation
from layoutkit.columns import TextRegion
from layoutkit.continuation import Box, Candidate, Vocabulary
from layoutkit.measure import shape
from layoutkit.model import Line, Paragraph
from layoutkit.profile import builtin_profile

from .continuation_reference import link_score

# --- the plain code ---------------------------------------------------------------


def _pmi_reference(text: str, left: str, right: str) -> float:
    joint = text.count(left + right)
    if not joint:
        return 0.0
    expected = text.count(left) * text.count(right) / max(1, len(text))
    return max(0.0, math.log((joint + 0.5) / (expected + 0.5)))


def _junction_reference(text: str, tail: str, head: str) -> float:
    a = "".join(tail[-6:].split())[-2:]
    b = "".join(head[:6].split())[:2]
    if not a or not b:
        return 0.0
    return _pmi_reference(text, a[-1:], b[:1]) + 0.5 * (_pmi_reference(text, a[-2:], b[:1])
                                                         + _pmi_reference(text, a[-1:], b[:2]))


def _next_body_reference(boxes: Sequence[Box], i: int, j: int) -> bool:
    return j > i and all(boxes[k].region.width is None for k in range(i + 1, j))


def _closes_reference(head: str, closer: str) -> bool:
    opener = next(o for o, c in continuation.OPENERS.items() if c == closer)
    end = head.find(closer)
    return end >= 0 and head.find(opener, 0, end) < 0


def _link_score_reference(i: int, j: int, boxes: Sequence[Box], text: str, profile) -> float:
    a, b = boxes[i], boxes[j]
    tail, head = a.paras[-1], b.paras[0]
    score = _junction_reference(text, tail.text, head.text)
    if a.region.family is not None and a.region.family == b.region.family:
        score += 2.0
    if a.closer is not None:
        score += 3.0 if _closes_reference(head.text, a.closer) else -1.0
    if profile.match("continuation_start", head.text.lstrip()):
        score += 3.0
    elif head.starts_fresh and len(head.lines) == 1 and not head.runs_on:
        pass
    elif head.starts_fresh:
        score -= 1.0
    elif shape(head.lines[0].text).letterspaced:
        score -= 0.5
    d = j - i
    score -= 0.05 * d if d > 0 else 0.5 + 0.1 * -d
    if all(boxes[k].region.width is None for k in range(i + 1, j)) and d > 0:
        score += 2.5
    return score


def _candidate_links_reference(boxes: Sequence[Box], profile, spread_indent_min: float = 2.1) -> list[tuple]:
    text = "\n".join("".join(p.text.split()) for bx in boxes for p in bx.paras)
    out = []
    for i, a in enumerate(boxes):
        if a.next is not None or not a.paras[-1].runs_on or not a.cjk:
            continue
        lone = sum(len(p.lines) for p in a.paras) == 1
        for j, b in enumerate(boxes):
            if j == i or b.prev is not None or b.region.vertical:
                continue
            if lone and not _next_body_reference(boxes, i, j):
                continue
            head = b.paras[0]
            if len(head.text) <= 80 and any(profile.match(k, head.text) for k in continuation._STANDALONE):
                continue
            if b.region.width is None:
                if not (a.closer and _closes_reference(head.text, a.closer)):
                    continue
            elif head.starts_fresh and not continuation.maybe_continuation(b, spread_indent_min) \
                    and not _next_body_reference(boxes, i, j) \
                    and not profile.match("continuation_start", head.text.lstrip()):
                continue
            out.append((_link_score_reference(i, j, boxes, text, profile), i, j))
    return out


def _min_cost_assignment_reference(cost: Sequence[Sequence[float]]) -> list[int]:
    n, m = len(cost), len(cost[0])
    inf = float("inf")
    u = [0.0] * (n + 1)
    v = [0.0] * (m + 1)
    p = [0] * (m + 1)
    way = [0] * (m + 1)
    for i in range(1, n + 1):
        p[0] = i
        j0 = 0
        minv = [inf] * (m + 1)
        used = [False] * (m + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = p[j0], inf, 0
            for j in range(1, m + 1):
                if not used[j]:
                    cur = cost[i0 - 1][j - 1] - u[i0] - v[j]
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


def _assign_links_reference(candidates: Sequence[Candidate], boxes: Sequence[Box]) -> list[Candidate]:
    tails = sorted({c.tail for c in candidates})
    heads = sorted({c.head for c in candidates})
    if not tails:
        return []
    weight = {}
    for c in candidates:
        a, b = boxes[c.tail].region, boxes[c.head].region
        orphan = continuation.surely_continues(boxes[c.head]) and a.family is not None and a.family == b.family
        weight[(c.tail, c.head)] = c.score + (continuation.ORPHAN_HEAD_BONUS if orphan else 0.0)
    ti = {t: k for k, t in enumerate(tails)}
    hj = {h: k for k, h in enumerate(heads)}
    n, m = len(tails), len(heads) + len(tails)
    cost = [[1000.0] * m for _ in range(n)]
    for (t, h), w in weight.items():
        cost[ti[t]][hj[h]] = -w
    for r in range(n):
        cost[r][len(heads) + r] = 0.0
    chosen = []
    for r, col in enumerate(_min_cost_assignment_reference(cost)):
        if col < len(heads) and (tails[r], heads[col]) in weight:
            chosen.append(next(c for c in candidates if c.tail == tails[r] and c.head == heads[col]))
    return sorted(chosen, key=lambda c: (-c.score, c.tail, c.head))


# --- arbitrary pages ----------------------------------------------------------------

#: Few characters, so that junction n-grams recur across the page; brackets, so that
#: tails leave them open; spaces, so that lines look letter-spaced.
ALPHABET = "的了一是在中国人民发展，。（）“”《》 "
#: Whole paragraphs the zh profile knows: standalone blocks and continuation openers.
KNOWN = ["本报记者 杨鹤", "（作者为某某大学教授）", "冀雄波 摄", "）和发展", "”。"]
line_st = st.text(alphabet=ALPHABET, min_size=1, max_size=16)


@st.composite
def paragraph_st(draw) -> Paragraph:
    texts = draw(st.lists(st.one_of(line_st, st.sampled_from(KNOWN)), min_size=1, max_size=3))
    lines = tuple(Line(t, k + 1) for k, t in enumerate(texts))
    return Paragraph(text="".join(texts), lines=lines, region_width=15.0, region_index=0,
                     starts_fresh=draw(st.booleans()), runs_on=draw(st.booleans()))


@st.composite
def page_st(draw) -> list[Box]:
    n = draw(st.integers(min_value=1, max_value=9))
    boxes = []
    for k in range(n):
        width = draw(st.sampled_from([None, 15.0, 15.0, 11.0]))
        family = None if width is None else draw(st.sampled_from([None, width, 15.0]))
        paras = draw(st.lists(paragraph_st(), min_size=1, max_size=3))
        region = TextRegion(lines=(), width=width, family=family, index=k,
                            vertical=draw(st.booleans()) and draw(st.booleans()))
        boxes.append(Box(region, paras, draw(st.booleans()), draw(st.booleans()) or draw(st.booleans()),
                         closer=continuation.unclosed(paras[-1].text)))
    # some boxes are already linked (blank-line repair ran first)
    for k in range(n - 1):
        if draw(st.integers(min_value=0, max_value=4)) == 0:
            boxes[k].next, boxes[k + 1].prev = k + 1, k
    return boxes


@settings(max_examples=300, deadline=None)
@given(page_st(), st.sampled_from(["zh", "default"]))
def test_candidate_links_equal_the_pair_loop(boxes: list[Box], profile_name: str) -> None:
    profile = builtin_profile(profile_name)
    got = [(c.score, c.tail, c.head) for c in continuation.candidate_links(boxes, profile)]
    assert got == _candidate_links_reference(boxes, profile)
    vocab = Vocabulary([p.text for bx in boxes for p in bx.paras])
    for score, i, j in got:
        assert link_score(i, j, boxes, vocab, profile) == score
    cands = continuation.candidate_links(boxes, profile)
    assert continuation.assign_links(cands, boxes) == _assign_links_reference(cands, boxes)


@given(st.lists(st.text(alphabet="的的了一aab，。\n ", max_size=30), min_size=1, max_size=4),
       st.text(alphabet="的了一ab，。 ", max_size=6), st.text(alphabet="的了一ab，。 ", max_size=6))
def test_junction_zero_bound_changes_nothing(texts: list[str], tail: str, head: str) -> None:
    vocab = Vocabulary(texts)
    assert vocab.junction(tail, head) == _junction_reference(vocab.text, tail, head)
    # ``junction-zero-bound``: a bigram the page never uses scores exactly 0.0
    a, b = continuation.tail_key(tail), continuation.head_key(head)
    if a and b and (a[-1] + b[0]) not in vocab.text:
        assert vocab.junction_of(a, b) == 0.0


@given(st.lists(st.text(alphabet="的的了aab，\n", max_size=12), min_size=1, max_size=4),
       st.sampled_from("的了ab，\n"))
def test_followers_equal_a_character_loop(texts: list[str], c: str) -> None:
    vocab = Vocabulary(texts)
    text = vocab.text
    expected: dict[str, int] = {}
    for p in range(len(text) - 1):
        if text[p] == c:
            expected[text[p + 1]] = expected.get(text[p + 1], 0) + 1
    assert dict(vocab.followers(c)) == expected
    assert vocab.count(c) == text.count(c)


@given(st.lists(st.lists(st.integers(min_value=-3, max_value=3), min_size=1, max_size=7), min_size=1, max_size=6))
def test_min_cost_assignment_equals_the_plain_method(rows: list[list[int]]) -> None:
    # small integer costs make ties frequent: the tie-breaking must be the same too
    m = max(len(r) for r in rows)
    rows = rows[:m]
    cost = [[float(x) for x in r] + [5.0] * (m - len(r)) for r in rows]
    assert continuation._min_cost_assignment(cost) == _min_cost_assignment_reference(cost)


@given(st.lists(st.tuples(st.integers(min_value=-2, max_value=4).map(lambda x: x / 2),
                          st.integers(min_value=0, max_value=4), st.integers(min_value=0, max_value=6)),
                max_size=20))
def test_assign_links_equals_the_plain_method(triples: list[tuple[float, int, int]]) -> None:
    boxes = [Box(TextRegion(lines=(), width=15.0 if k % 2 else None, family=15.0 if k % 3 else None, index=k),
                 [Paragraph(text="的" * 15, lines=(Line("的" * 15, k + 1),), region_width=15.0, region_index=k)],
                 False, True) for k in range(7)]
    cands = [Candidate(s, t, h) for s, t, h in triples if t != h]
    assert continuation.assign_links(cands, boxes) == _assign_links_reference(cands, boxes)


def test_body_reach_equals_next_body() -> None:
    widths = [None, 15.0, None, None, 11.0, None, 15.0, None]
    boxes = [Box(TextRegion(lines=(), width=w, family=w, index=k), [], False, True) for k, w in enumerate(widths)]
    reach = continuation.body_reach(boxes)
    for i in range(len(boxes)):
        assert [j for j in range(len(boxes)) if continuation.next_body(boxes, i, j)] == \
            list(range(i + 1, reach[i] + 1))
