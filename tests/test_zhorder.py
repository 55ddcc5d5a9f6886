"""CJK text path: spread indents, best-match continuation links, chain order, the
predecessor's measure, and the article rules that keep a People's Daily-style article
together (flow across a title, bylines after an author note)."""
from __future__ import annotations

from typing import Optional

from layoutkit import parse_text
from layoutkit.articles import assemble
from layoutkit.chain_order import emission_order, segment_sequence
from layoutkit.classify import Typed
from layoutkit.columns import TextRegion, text_regions
from layoutkit.continuation import Box, Candidate, _min_cost_assignment, assign_links
from layoutkit.model import Line, Paragraph
from layoutkit.params import ArticleParams, ColumnParams
from layoutkit.profile import load_profile

class _Chars:
    """Hands out fresh Han characters, never the same one twice: no accidental n-gram
    evidence across box junctions."""

    def __init__(self) -> None:
        self.k = 0

    def take(self, n: int) -> str:
        out = "".join(chr(0x4E00 + 0x200 + self.k + i) for i in range(n))
        self.k += n
        return out


def _spread(text: str) -> str:
    """Letter-space a line the way pdfminer extracts justified CJK text."""
    return " ".join(text)


# --- spread-indent ------------------------------------------------------------------

def test_spread_line_short_by_an_indent_starts_a_paragraph() -> None:
    c = _Chars()
    lines = [c.take(13), c.take(15), c.take(14) + "。",  # paragraph 1, ends on a full line
             _spread(c.take(12)),  # letter-spaced, 3 ems short: an indented first line
             c.take(15), c.take(8) + "。"]
    page = parse_text("\n".join(lines) + "\n")
    bodies = [b.text for a in page.articles for b in a.blocks if b.type == "body"]
    assert len(bodies) == 2
    assert bodies[1].startswith(lines[3].replace(" ", ""))


def test_spread_line_short_by_less_than_an_indent_is_full() -> None:
    c = _Chars()
    lines = [c.take(13), c.take(15), c.take(14) + "。",
             _spread(c.take(14)),  # spread, 1 em short: a full line that lost a character
             c.take(15), c.take(8) + "。"]
    page = parse_text("\n".join(lines) + "\n")
    bodies = [b.text for a in page.articles for b in a.blocks if b.type == "body"]
    assert len(bodies) == 1


# --- best-match-assignment ----------------------------------------------------------

def _box(k: int, width: Optional[float] = 15.0, family: Optional[float] = 15.0) -> Box:
    return Box(TextRegion(lines=(), width=width, family=family, index=k), [], False, True)


def test_min_cost_assignment_is_optimal() -> None:
    cost = [[1.0, 2.0, 9.0], [1.5, 9.0, 9.0]]
    assert _min_cost_assignment(cost) == [1, 0]


def test_assignment_beats_greedy_linking() -> None:
    # greedy would give tail 0 its best head 2 (5.0) and leave tail 1 with 0.1; the best
    # assignment gives 0 -> 3 and 1 -> 2 (8.5 in all)
    boxes = [_box(k, width=None, family=None) for k in range(4)]
    cands = [Candidate(5.0, 0, 2), Candidate(4.0, 0, 3), Candidate(4.5, 1, 2), Candidate(0.1, 1, 3)]
    chosen = {(c.tail, c.head) for c in assign_links(cands, boxes)}
    assert chosen == {(0, 3), (1, 2)}


def test_running_paragraph_claims_the_box_that_cannot_open_one() -> None:
    c = _Chars()
    full = [c.take(15) for _ in range(5)]
    cont = [c.take(15)] + full + [c.take(10) + "。"]  # full, unindented head: a continuation
    start = [c.take(13)] + [c.take(15) for _ in range(6)]  # indented, runs on (no sentence end)
    fresh = [c.take(13)] + [c.take(15) for _ in range(5)] + [c.take(9) + "。"]  # a paragraph of its own
    page = parse_text("\n\n".join("\n".join(b) for b in (cont, start, fresh)) + "\n")
    bodies = [b for a in page.articles for b in a.blocks if b.type == "body"]
    joined = [b for b in bodies if "".join(start) in b.text]
    assert joined and "".join(start) + cont[0] in joined[0].text
    assert any(b.text == "".join(fresh) for b in bodies)


# --- chain order --------------------------------------------------------------------

def _para(k: int, fresh: bool) -> Paragraph:
    lines = (Line("甲" * 15, 2 * k + 1), Line("乙" * 15, 2 * k + 2))
    return Paragraph(text="甲乙", lines=lines, region_width=15.0, region_index=k, starts_fresh=fresh)


def _linked(n: int, titles: set[int], links: list[tuple[int, int]]) -> list[Box]:
    heads = {j for _, j in links}
    boxes = [_box(k, width=None if k in titles else 15.0, family=None if k in titles else 15.0)
             for k in range(n)]
    for k, bx in enumerate(boxes):
        bx.paras = [_para(k, fresh=k not in heads)]
    for i, j in links:
        boxes[i].next = j
        boxes[j].prev = i
    return boxes


def test_no_jumps_keep_the_stream_order() -> None:
    boxes = _linked(5, {0}, [(1, 2), (3, 4)])
    assert emission_order(boxes) == [0, 1, 2, 3, 4]


def test_jumps_rotate_stretches_of_the_stream() -> None:
    # title 0, 1; stretches P1 = 2 3, P2 = 4 5, P3 = 6 7; P2 runs on into P1, P3 into P2
    boxes = _linked(8, {0, 1}, [(5, 2), (7, 4)])
    assert emission_order(boxes) == [0, 1, 6, 7, 4, 5, 2, 3]


def test_title_cluster_ends_the_stretch_a_jump_brings_along() -> None:
    # 0 runs on into 3 over the bodies 1 and 2; 4 5 are another article's title
    boxes = _linked(7, {4, 5}, [(0, 3)])
    assert segment_sequence(boxes) == [0, 3, 1, 2, 4, 5, 6]


def test_cycle_lead_column_is_the_last_two_paragraphs() -> None:
    # 5 runs on into 2, the head of its own stretch: the first column (4 5) was emitted late
    boxes = _linked(6, {0, 1}, [(5, 2)])
    assert emission_order(boxes) == [0, 1, 4, 5, 2, 3]


def test_segment_cycle_too_short_to_cut_falls_back_to_the_continuation_position() -> None:
    boxes = _linked(4, {0, 1}, [(3, 2)])
    assert emission_order(boxes) == [0, 1, 3, 2]


def test_cycle_after_author_note() -> None:
    # stretch 2..6: 2 3 | note 4 | 5 6, and 6 runs on into 2: the article starts at 5
    boxes = _linked(7, {0, 1}, [(6, 2)])
    boxes[4].author_note = True
    assert emission_order(boxes) == [0, 1, 5, 6, 2, 3, 4]


def test_link_over_title_boxes_is_not_a_jump() -> None:
    boxes = _linked(5, {2, 3}, [(1, 4)])
    assert segment_sequence(boxes) == [0, 1, 2, 3, 4]
    assert emission_order(boxes) == [0, 1, 4, 2, 3]


# --- predecessor-measure ------------------------------------------------------------

def test_short_box_takes_its_predecessors_measure() -> None:
    c = _Chars()
    text = []
    for width in (18, 19, 20):  # one column family spanning 18-20 ems (median 19)
        text.append("\n".join([c.take(width - 2)] + [c.take(width) for _ in range(4)] + [c.take(5) + "。"]))
    text.append(c.take(18))  # one line in the 20-em column: indented, not full
    lines = [Line(t, n + 1) for n, t in enumerate("\n\n".join(text).split("\n"))]
    regions = text_regions(lines, ColumnParams())
    assert regions[-1].width == 20.0
    assert regions[-1].family == regions[0].family


# --- articles -----------------------------------------------------------------------

def _typed(n: int, text: str, type_: str, family: Optional[float], hint: str = "", role: Optional[str] = None,
           exit_family: Optional[float] = None) -> Typed:
    para = Paragraph(text=text, lines=(Line(text, n),), region_width=family or 0.0, region_index=n)
    return Typed(para=para, type=type_, text=text, family=family, width=family, role=role, hint=hint,
                 exit_family=exit_family)


def test_flow_across_title_keeps_both_runs() -> None:
    profile = load_profile("zh")
    items = [
        _typed(1, "甲乙丙丁戊己庚辛。", "body", 18.0),
        _typed(2, "壬癸子丑寅卯辰巳午未申酉", "body", 18.0, exit_family=30.0),  # runs on into the 30-em column
        _typed(3, "天地玄黄", "headline", None, hint="title"),
        _typed(4, "宇宙洪荒日月盈昃。", "body", 30.0),
    ]
    articles, _ = assemble(items, profile, ArticleParams())
    assert len(articles) == 1
    assert [b.type for b in articles[0].blocks] == ["headline", "body", "body", "body"]


def test_byline_after_author_note_signs_that_article() -> None:
    profile = load_profile("zh")
    items = [
        _typed(1, "春夏秋冬", "headline", None, hint="title"),
        _typed(2, "东西南北上下左右前后。", "body", 15.0),
        _typed(3, "（作者为某大学教授）", "byline", 15.0, role="author_note"),
        _typed(4, "张三", "byline", None),
        _typed(5, "金木水火", "subheadline", None, hint="title"),
        _typed(6, "云腾致雨露结为霜", "headline", None, hint="title"),
        _typed(7, "剑号巨阙珠称夜光。", "body", 15.0),
    ]
    articles, _ = assemble(items, profile, ArticleParams())
    assert len(articles) == 2
    first = articles[0]
    assert [b.type for b in first.blocks] == ["headline", "byline", "body", "byline"]
    assert first.blocks[1].text == "张三"  # byline-to-title: with the title, not at the end
    assert all(b.text != "张三" for b in articles[1].blocks)


def test_assignment_of_a_huge_page_falls_back_to_best_first() -> None:
    n = 200  # 200 tails x 200 heads: beyond the exact budget
    boxes = [_box(k, width=None, family=None) for k in range(2 * n)]
    cands = [Candidate(float((i * 7 + j) % 13), i, n + j) for i in range(n) for j in range(n)]
    chosen = assign_links(cands, boxes)
    assert chosen[0].score == max(c.score for c in cands)
    assert len(chosen) == len(cands)  # the caller links best first and skips what is taken


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@st.composite
def _linked_pages(draw):  # type: ignore[no-untyped-def]
    n = draw(st.integers(1, 14))
    titles = set(draw(st.lists(st.integers(0, n - 1), max_size=n // 2)))
    order = draw(st.permutations(list(range(n))))
    links = []
    k = 0
    while k < n - 1:  # cut a random permutation into chains: acyclic by construction
        if draw(st.booleans()):
            links.append((order[k], order[k + 1]))
        k += 1
    return n, titles, links


@given(_linked_pages())
@settings(max_examples=200, deadline=None)
def test_emission_order_is_a_permutation_keeping_links_adjacent(page) -> None:  # type: ignore[no-untyped-def]
    n, titles, links = page
    boxes = _linked(n, titles, links)
    order = emission_order(boxes)
    assert sorted(order) == list(range(n))
    pos = {k: i for i, k in enumerate(order)}
    for i, j in links:
        assert pos[j] == pos[i] + 1


def test_spread_tail_loses_its_spaces() -> None:
    c = _Chars()
    lines = [c.take(13)] + [c.take(15) for _ in range(4)] + [_spread(c.take(13) + "，"), _spread(c.take(2) + "。")]
    page = parse_text("\n".join(lines) + "\n")
    body = [b.text for a in page.articles for b in a.blocks if b.type == "body"]
    assert body == ["".join(x.replace(" ", "") for x in lines)]


def test_sentence_end_on_a_full_line_does_not_join_an_indented_head_in_a_wide_column() -> None:
    c = _Chars()
    first = [c.take(28)] + [c.take(30) for _ in range(4)] + [c.take(29) + "。"]
    second = [c.take(28) + "："] + [c.take(30) for _ in range(4)] + [c.take(9) + "。"]  # ~1.3 ems short
    page = parse_text("\n".join(first) + "\n\n" + "\n".join(second) + "\n")
    bodies = [b.text for a in page.articles for b in a.blocks if b.type == "body"]
    assert bodies == ["".join(first), "".join(second)]


def test_unsure_jumps_move_no_stretch() -> None:
    assert segment_sequence(_linked(6, set(), [(0, 3)])) == [0, 3, 4, 5, 1, 2]
    boxes = _linked(6, set(), [(0, 3)])
    boxes[3].paras = [_para(3, fresh=True)]  # the head may open a paragraph
    assert segment_sequence(boxes) == list(range(6))
    boxes = _linked(6, set(), [(0, 3)])
    boxes[0].paras = [Paragraph(text="甲", lines=(Line("甲" * 15, 1),), region_width=15.0, region_index=0)]
    assert segment_sequence(boxes) == list(range(6))  # a lone line that runs on


def _flat_boxes(texts: list[list[str]]) -> list[Box]:
    """Boxes of a synthetic CJK page (through the real column and paragraph stages)."""
    from layoutkit.profile import load_profile as _load
    from layoutkit.params import ReflowParams
    from layoutkit.reflow import build_boxes

    lines = [Line(t, n + 1) for n, t in enumerate("\n\n".join("\n".join(b) for b in texts).split("\n"))]
    return build_boxes(text_regions(lines, ColumnParams()), _load("zh"), ReflowParams())


def test_lone_running_line_links_only_to_the_next_body_box() -> None:
    from layoutkit.continuation import candidate_links

    c = _Chars()
    page = [[c.take(15)] + [c.take(15) for _ in range(4)] + [c.take(6) + "。"],  # continuation-looking head
            [c.take(13) + "，"] + [c.take(15) for _ in range(4)] + [c.take(7) + "。"],
            [c.take(15)],  # a lone line that runs on
            [c.take(15) for _ in range(5)] + [c.take(8) + "。"]]
    boxes = _flat_boxes(page)
    heads = {x.head for x in candidate_links(boxes, load_profile("zh")) if x.tail == 2}
    assert heads == {3}


def test_standalone_lines_open_no_continuation() -> None:
    from layoutkit.continuation import candidate_links

    c = _Chars()
    page = [[c.take(13)] + [c.take(15) for _ in range(5)],  # runs on
            ["（作者为某某大学教授）"],
            [c.take(15) for _ in range(5)] + [c.take(8) + "。"]]
    boxes = _flat_boxes(page)
    heads = {x.head for x in candidate_links(boxes, load_profile("zh")) if x.tail == 0}
    assert 1 not in heads and 2 in heads
