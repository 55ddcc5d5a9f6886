"""The reflow fast paths of issue 2's ninth round compute what the plain code computes.

* ``reflow._cjk_column_paragraphs``' ``quiet-lines`` (only lines short of their measure
  by at least the least bound of a width test are looked at) against the per-line loop
  of ``tests/reflow_reference.py``, on regions whose deficits lie on and around the bounds;
* ``reflow._spaced_lines`` (lines with whitespace found in the page text) against
  ``str.split``, and the fact it rests on: every whitespace character but the space is
  not printable;
* ``reflow._mixed_junctions`` (junctions with a character that is not CJK, found in the
  page text) is a superset of the junctions of the clean texts that ``join_texts`` must
  look at;
* ``reflow._sentence_ends`` (``ends_sentence`` by the last character) against
  ``ends_sentence``;
* ``reflow._make_paragraphs`` (slots set by ``map``) against ``Paragraph(...)``;
* ``continuation.best_links`` (``row-maxima-by-tail``) against
  ``assign_links(candidate_links(...))``.
"""
from __future__ import annotations

import sys
from operator import add

from hypothesis import given, settings
from hypothesis import strategies as st

from layoutkit import continuation
from layoutkit.columns import ShapedLine, TextRegion
from layoutkit.measure import shape
from layoutkit.model import Line, Paragraph
from layoutkit.params import ReflowParams
from layoutkit.profile import builtin_profile
from layoutkit.reflow import (_NOT_CJK, _cjk_column_paragraphs, _make_paragraphs, _mixed_junctions, _sentence_ends,
                              _spaced_lines, build_boxes, clean_line, ends_sentence)

from . import reflow_reference as ref
from .test_speed_reflow import LINES, _regions, _same, page_st, params_st

#: Characters around the rules' tests: CJK, terminal and Latin punctuation, closing
#: brackets and quotes, spaces of several kinds, Latin letters and digits.
ALPHABET = "的一是了。！？…，、；：”’」』）》〉】)]\"'（(“《 \u3000\t\xa0aZ1.!?-⸗"
text_st = st.text(alphabet=ALPHABET, max_size=12)


@given(text_st, st.sampled_from(["zh", "de", "default"]))
def test_sentence_ends_equal_ends_sentence(text: str, name: str) -> None:
    profile = builtin_profile(name)
    assert _sentence_ends(profile)(text) == ends_sentence(text, profile)


def test_whitespace_other_than_space_is_not_printable() -> None:
    # ``_spaced_lines`` looks for spaces only in a page whose text is printable
    assert [c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace() and c.isprintable()] == [" "]


@given(st.lists(text_st, min_size=1, max_size=8))
def test_spaced_lines_hold_every_line_with_whitespace(texts: list[str]) -> None:
    spaced = set(_spaced_lines(texts, "\n".join(texts)))
    for k, t in enumerate(texts):
        if k not in spaced:
            assert t == "" or t.split() == [t]
    assert spaced <= set(range(len(texts)))


@given(st.lists(text_st, min_size=1, max_size=8))
def test_mixed_junctions_cover_the_clean_texts_junctions(texts: list[str]) -> None:
    clean = [clean_line(t, False).text for t in texts]
    if not all(clean):
        return  # (the caller then treats every junction as mixed)
    spaced = [k for k, t in enumerate(texts) if t.split() != [t]]
    got = set(_mixed_junctions("\n".join(texts), len(texts), spaced))
    for k in range(len(texts) - 1):
        if _NOT_CJK.match(clean[k][-1]) or _NOT_CJK.match(clean[k + 1][0]):
            assert k in got


@given(st.text(alphabet="的一是了理论新时代：", max_size=14))
def test_bigram_count_at_c_speed(text: str) -> None:
    assert len(set(map(add, text, text[1:]))) == len({text[k:k + 2] for k in range(len(text) - 1)})


@st.composite
def bounded_region_st(draw):  # type: ignore[no-untyped-def]
    """A CJK region whose lines fall short of its measure by amounts on and around the
    bounds of the width tests (tolerance, three quarters of it, indent_min, indent_max,
    spread_indent_min), some letter-spaced, some with spaces or fake bold."""
    width = draw(st.sampled_from([15.0, 18.0, 11.0, 60.0]))
    tol = max(1.0, 0.06 * width)
    cells = sorted({0.0, tol, 0.75 * tol, 1.0, 0.5, 2.0, 2.1, 4.0, 4.5, width / 2})
    texts = []
    for _ in range(draw(st.integers(1, 8))):
        short = draw(st.sampled_from(cells))
        n = max(1, int(width - short))
        kind = draw(st.sampled_from(["plain", "end", "spread", "bold", "space"]))
        body = ("发展奋进人上为们在了不和有大这中" * 8)[:n]
        if kind == "end":
            body = body[:-1] + "。"
        elif kind == "spread":
            body = " ".join(body[: max(1, n // 2)])
        elif kind == "bold":
            body = "新时代新时代：：" if n > 8 else "理论理论"
        elif kind == "space":
            body = body[: n // 2] + " " + body[n // 2:]
        texts.append(draw(st.sampled_from([body, body, draw(st.sampled_from(LINES[:15]))])))
    lines = tuple(ShapedLine(Line(t, k + 1), shape(t)) for k, t in enumerate(texts))
    return TextRegion(lines=lines, width=width, family=width, index=draw(st.integers(0, 3)))


@given(st.lists(bounded_region_st(), min_size=1, max_size=4), params_st)
@settings(max_examples=150)
def test_quiet_lines_equal_reference_loop(regions: list[TextRegion], params: ReflowParams) -> None:
    profile = builtin_profile("zh")
    got = _cjk_column_paragraphs(regions, profile, params, None)
    assert len(got) == len(regions)
    for region, paras in zip(regions, got):
        _same(paras, ref._region_paragraphs(region, profile, params, None, len(regions) >= 3))


@given(st.lists(st.tuples(st.text(max_size=5), st.booleans(), st.floats(0, 20), st.integers(0, 5)), max_size=5))
def test_make_paragraphs_equal_class(rows: list[tuple[str, bool, float, int]]) -> None:
    line = (Line("x", 1),)
    columns = ([t for t, _, _, _ in rows], [line] * len(rows), [w for _, _, w, _ in rows], [i for _, _, _, i in rows],
               [b for _, b, _, _ in rows], [not b for _, b, _, _ in rows], [(t,) for t, _, _, _ in rows],
               [None] * len(rows), [b for _, b, _, _ in rows])
    assert _make_paragraphs(*columns) == list(map(Paragraph, *columns))


@given(page_st, params_st, st.sampled_from(["zh", "default"]))
@settings(max_examples=80)
def test_best_links_equal_assignment_of_all_candidates(text: str, params: ReflowParams, name: str) -> None:
    profile = builtin_profile(name)
    boxes = build_boxes(_regions(text, params), profile, params)
    want = continuation.assign_links(continuation.candidate_links(boxes, profile, params.spread_indent_min), boxes)
    assert continuation.best_links(boxes, profile, params.spread_indent_min) == want


def test_best_links_on_the_shared_pages() -> None:
    from pathlib import Path

    import pytest

    from layoutkit.params import Params

    shared = Path(__file__).resolve().parents[1].parent / "shared"
    pages = sorted((shared / "cases").glob("rmrb-*.txt")) + sorted((shared / "seeds").glob("*.txt"))[:1]
    if not pages:
        pytest.skip("no shared pages")
    params = Params().reflow
    profile = builtin_profile("zh")
    for path in pages:
        boxes = build_boxes(_regions(path.read_text(encoding="utf-8"), params), profile, params)
        want = continuation.assign_links(continuation.candidate_links(boxes, profile, params.spread_indent_min), boxes)
        assert continuation.best_links(boxes, profile, params.spread_indent_min) == want

