"""The reflow fast paths of issue 2's eighth round compute what the plain code computes.

* ``reflow._cjk_column_paragraphs`` (``cjk-columns``: the paragraphs of every CJK region
  with a measure of a page in one pass over page-wide line arrays) against the per-line
  loop of ``tests/reflow_reference.py``, region by region, and ``build_boxes`` of whole
  pages against boxes made from that loop's paragraphs;
* ``reflow._cjk_regions`` (the CJK shares of a page's lines read at once) against
  ``_cjk_region`` region by region;
* ``reflow._paragraph`` (slots set directly) against ``Paragraph(...)``;
* ``continuation.candidate_links``' scores of all heads at once (``pair-scores``) against
  ``pair_score`` pair by pair, and ``assign_links``' ``row-maximum-assignment`` against
  the Hungarian method alone.
"""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from layoutkit import continuation
from layoutkit.columns import TextRegion
from layoutkit.continuation import Box, Candidate
from layoutkit.dehyphenate import Lexicon
from layoutkit.model import BBox, Line, Paragraph
from layoutkit.params import ReflowParams
from layoutkit.profile import builtin_profile
from layoutkit.reflow import _cjk_column_paragraphs, _cjk_region, _cjk_regions, _paragraph, build_boxes

from .continuation_reference import link_score

from . import reflow_reference as ref
from .test_speed_reflow import _regions, _same, page_st, params_st, region_st


def _columns(regions):  # type: ignore[no-untyped-def]
    return [r for r in regions if _cjk_region(r) and r.width is not None and not r.vertical]


@given(st.lists(region_st(), min_size=1, max_size=4), params_st, st.sampled_from(["zh", "default"]))
def test_cjk_column_paragraphs_equal_reference_loop(regions, params: ReflowParams, name: str) -> None:  # type: ignore[no-untyped-def]
    profile = builtin_profile(name)
    columns = _columns(regions)
    lexicon = Lexicon.build([s.line.text for r in regions for s in r.lines])
    for lex in (None, lexicon):
        got = _cjk_column_paragraphs(columns, profile, params, lex)
        assert len(got) == len(columns)
        for region, paras in zip(columns, got):
            _same(paras, ref._region_paragraphs(region, profile, params, lex, len(regions) >= 3))


@given(st.lists(region_st(), max_size=4))
def test_cjk_regions_equal_region_by_region(regions) -> None:  # type: ignore[no-untyped-def]
    assert _cjk_regions(regions) == [_cjk_region(r) for r in regions]


@given(page_st, params_st, st.sampled_from(["zh", "de", "default"]))
@settings(max_examples=60)
def test_build_boxes_of_a_page_equal_reference_loop(text: str, params: ReflowParams, name: str) -> None:
    profile = builtin_profile(name)
    regions = _regions(text, params)
    boxes = build_boxes(regions, profile, params)
    want = [ref._region_paragraphs(r, profile, params, None, len(regions) >= 3) for r in regions]
    want = [rp for rp in want if rp]
    assert len(boxes) == len(want)
    for bx, rp in zip(boxes, want):
        _same(bx.paras, rp)


@given(st.text(max_size=5), st.tuples(st.integers(1, 9)), st.floats(0.0, 30.0), st.integers(0, 9),
       st.booleans(), st.booleans(), st.lists(st.text(max_size=3), max_size=2).map(tuple),
       st.one_of(st.none(), st.builds(BBox, st.just(1.0), st.just(2.0), st.just(3.0), st.just(4.0))),
       st.booleans())
def test_paragraph_builder_equals_the_class(text, numbers, width, index, fresh, runs_on, reasons, bbox,  # type: ignore[no-untyped-def]
                                            whole) -> None:
    lines = tuple(Line(text, n) for n in numbers)
    got = _paragraph(text, lines, width, index, fresh, runs_on, reasons, bbox, whole)
    want = Paragraph(text=text, lines=lines, region_width=width, region_index=index, starts_fresh=fresh,
                     runs_on=runs_on, reasons=reasons, bbox=bbox, whole_region=whole)
    assert type(got) is Paragraph and got == want and repr(got) == repr(want) and hash(got) == hash(want)


@given(page_st, st.sampled_from(["zh", "default"]))
@settings(max_examples=60)
def test_candidate_scores_equal_pair_score(text: str, name: str) -> None:
    profile = builtin_profile(name)
    params = ReflowParams()
    boxes = build_boxes(_regions(text, params), profile, params)
    cands = continuation.candidate_links(boxes, profile)
    vocab = continuation.Vocabulary([p.text for bx in boxes for p in bx.paras])
    for c in cands:
        assert type(c) is Candidate
        assert c.score == link_score(c.tail, c.head, boxes, vocab, profile)


def _hungarian_only(candidates, boxes):  # type: ignore[no-untyped-def]
    saved = continuation._row_maxima
    continuation._row_maxima = lambda weight: None  # type: ignore[assignment]
    try:
        return continuation.assign_links(candidates, boxes)
    finally:
        continuation._row_maxima = saved


@given(st.lists(st.tuples(st.sampled_from([-2.0, -0.5, 0.0, 1e-7, 0.5, 1.0, 2.5, 3.0]) | st.floats(-5, 9),
                          st.integers(0, 5), st.integers(0, 7)), max_size=24))
def test_row_maxima_equal_the_hungarian_method(triples) -> None:  # type: ignore[no-untyped-def]
    boxes = [Box(TextRegion(lines=(), width=15.0 if k % 2 else None, family=15.0 if k % 3 else None, index=k),
                 [Paragraph(text="的" * 15, lines=(Line("的" * 15, k + 1),), region_width=15.0, region_index=k)],
                 False, True) for k in range(8)]
    cands = [Candidate(s, t, h) for s, t, h in triples]
    assert continuation.assign_links(cands, boxes) == _hungarian_only(cands, boxes)
