"""The geometric text stages' fast paths (pdfgeo9) compute exactly what the plain code
computed (``tests/geo9_reference.py``):

* ``columns.geometric_regions`` (the page's lines measured in one pass, one-line regions
  without lists, hosts of ``_fit_short_regions`` filed with their numbers) against the
  region-by-region original, on generated pages and on a scanned corpus page;
* ``geotype.first_pass`` (the body size in one pass, one-line paragraphs read off their
  line, style families once per size and typeface, items rebuilt in bulk) against the
  paragraph-by-paragraph original, on generated items and on corpus pages;
* ``furniture._renumber`` (renamed blocks rebuilt in one pass, ``slotbuild.field_replacer``)
  against the block-by-block original: same objects kept, same copies made;
* ``reflow._one_line_paragraph`` (``geo-one-line``) against ``reflow._region_paragraphs``
  on Latin regions of one line with a box, and ``reflow.build_boxes`` on whole pages;
* ``reflow.lines_box`` against ``BBox.union_all``;
* ``articles._block`` and ``classify._typed`` (slots set directly) against the classes'
  own ``__init__``, and ``Typed.retype`` against ``evolve``;
* ``geo-link-needs``: the two tests ``reflow`` now asks first of a geometric junction
  never skip one that the two link rules would take.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from layoutkit import columns, furniture, geotype, reflow
from layoutkit.columns import ShapedLine, TextRegion
from layoutkit.measure import LineShape, shape
from layoutkit.classify import Typed
from layoutkit.layout.captions import CAPTION, CAPTION_ABOVE, CREDIT
from layoutkit.profile import load_profile
from layoutkit.model import Article, BBox, Block, Line, Paragraph
from layoutkit.params import Params

from . import geo9_reference as ref

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
WORDS = ["the", "Mr.", "Congress", "of", "und", "1887", "—", "WASHINGTON,", "dem", "a", "ſo", "中国", "，"]


@st.composite
def geo_lines(draw):
    """A page of lines with boxes (some missing, some vertical, some blank), in runs of
    region ids (some lines without one), font sizes from a few values."""
    lines = []
    n_regions = draw(st.integers(0, 14))
    number = 0
    for r in range(n_regions):
        region = draw(st.sampled_from([f"b{r}", f"b{r % 3}", None]))
        size = draw(st.sampled_from([8.0, 10.0, 10.0, 16.0, None]))
        vertical = draw(st.integers(0, 9)) == 0
        x0 = draw(st.integers(0, 60)) * 9.0
        top = draw(st.integers(0, 80)) * 7.0
        width = draw(st.sampled_from([0.0, 5.0, 40.0, 90.0, 150.0, 400.0]))
        for k in range(draw(st.integers(1, 5))):
            number += 1
            words = draw(st.lists(st.sampled_from(WORDS), min_size=0, max_size=9))
            text = " ".join(words)
            if draw(st.integers(0, 6)) == 0:
                text = "  " + text
            box = None
            if draw(st.integers(0, 7)) != 0:
                dx = draw(st.integers(-2, 3)) * 4.0
                w = width * draw(st.sampled_from([1.0, 1.0, 0.7, 0.3]))
                h = size or 10.0
                box = BBox(x0 + dx, top + k * h, x0 + dx + w, top + (k + 1) * h)
            lines.append(Line(text, number, bbox=box, font_size=size, region=region,
                              region_type="vertical" if vertical else None))
    return lines


def outcome(fn, *args):
    """What ``fn(*args)`` returns, or the name of the exception it raises (both codes
    stop on the same malformed input: a short region's line without a box)."""
    try:
        return fn(*args)
    except (AssertionError, ValueError, ZeroDivisionError) as exc:
        return type(exc).__name__


@settings(max_examples=200, deadline=None)
@given(geo_lines())
def test_geometric_regions_match_reference(lines):
    params = Params()
    got = outcome(columns.geometric_regions, lines, params.columns, 0.6)
    want = outcome(ref.geometric_regions, lines, params.columns, 0.6)
    assert got == want
    if isinstance(got, str):
        return
    # (``LineShape.ems`` does not take part in equality)
    assert [s.shape.ems for r in got for s in r.lines] == [s.shape.ems for r in want for s in r.lines]


def test_fit_short_regions_without_extents_matches_reference():
    lines = [Line("x", k + 1, bbox=BBox(0.0, 10.0 * k, 100.0 if k < 3 else 20.0, 10.0 * k + 10.0), font_size=10.0)
             for k in range(4)]
    groups = [lines[:3], lines[3:]]
    shape = columns.shape("xxxxxxxxxx")
    raw = [([columns.ShapedLine(ln, shape) for ln in g], 20.0 if len(g) >= 3 else None) for g in groups]
    assert columns._fit_short_regions(groups, raw) == ref.fit_short_regions(groups, raw)


@pytest.mark.skipif(not (SHARED / "corpus" / "rero-landbote1845" / "18451228_01.pdf").exists(),
                    reason="shared corpus absent")
def test_geometric_regions_on_a_scan_match_reference():
    from layoutkit.readers import pdf as reader
    params = Params()
    path = SHARED / "corpus" / "rero-landbote1845" / "18451228_01.pdf"
    content = next(iter(reader._pdfium_pages(str(path), path.read_bytes(), [1], params)))
    lines = reader._read_page(str(path), content, "", params).lines
    assert columns.geometric_regions(lines, params.columns, 0.6) == ref.geometric_regions(lines, params.columns, 0.6)


ZONES = [None, None, None, "page-head", "page-foot", CAPTION, CAPTION_ABOVE, CREDIT, "other"]
TEXTS = ["Photo by AP", "THE NEWS", "the end of a long sentence that goes on and on and on.", "m", "£ *",
         "Washington, March 3.", "Mr. Smith said so", ""]


@st.composite
def typed_items(draw):
    """A page's typed paragraphs: one to three lines each, sizes from a few values (some
    int, some None, some zero), fonts, zones, types and hints as the text rules leave them."""
    items = []
    number = 0
    for _ in range(draw(st.integers(0, 12))):
        lines = []
        for _ in range(draw(st.sampled_from([1, 1, 1, 2, 3, 4]))):
            number += 1
            lines.append(Line(draw(st.sampled_from(TEXTS)), number,
                              font_size=draw(st.sampled_from([10.0, 10.0, 10.2, 14.0, 24.0, 10, None, 0.0])),
                              font=draw(st.sampled_from([None, "", "ABCDEF+Times-Bold", "Times", "X+Times"])),
                              bold=draw(st.sampled_from([None, True, False])), region_type=draw(st.sampled_from(ZONES))))
        text = " ".join(ln.text for ln in lines)
        para = Paragraph(text, tuple(lines), 20.0, 0)
        items.append(Typed(para, draw(st.sampled_from(["body", "headline", "credit", "caption", "other", "byline"])),
                           text, draw(st.sampled_from([None, 20.0])), draw(st.sampled_from([None, 20.0])),
                           hint=draw(st.sampled_from(["", "title"]))))
    return items


@settings(max_examples=300, deadline=None)
@given(typed_items(), st.sampled_from(["en", "de"]))
def test_geotype_first_pass_matches_reference(items, name):
    profile = load_profile(name)
    got = outcome(geotype.first_pass, items, profile)
    want = outcome(ref.geotype_first_pass, items, profile)
    assert got == want
    if not isinstance(got, str):
        assert [type(t.family) for t in got] == [type(t.family) for t in want]


@pytest.mark.skipif(not (SHARED / "corpus" / "rero-landbote1845" / "18451228_01.pdf").exists(),
                    reason="shared corpus absent")
def test_geotype_first_pass_on_a_scan_matches_reference():
    from layoutkit.classify import _first_pass, merge_fake_bold_titles
    from layoutkit.pipeline import resolve_profile
    from layoutkit.readers import pdf as reader
    from layoutkit.reflow import reflow
    params = Params()
    path = SHARED / "corpus" / "rero-landbote1845" / "18451228_01.pdf"
    for content in reader._pdfium_pages(str(path), path.read_bytes(), [1, 2], params):
        lines = reader._read_page(str(path), content, "", params).lines
        profile, _ = resolve_profile(None, "\n".join(ln.text for ln in lines[:300]))
        flow = reflow(columns.geometric_regions(lines, params.columns), profile, params.reflow)
        items = merge_fake_bold_titles(_first_pass(flow, profile, params.classify))
        assert geotype.first_pass(items, profile) == ref.geotype_first_pass(items, profile)


@st.composite
def numbered_page(draw):
    """Articles (some already numbered in order, some not) and page-level blocks."""
    ids = st.sampled_from(["", "b1", "b2", "b3", "b4", "b5", "b7", "x"])
    block = st.builds(lambda t, i, k: Block(type=t, text=f"t{k}", lines=(k, k), id=i),
                      st.sampled_from(["body", "header"]), ids, st.integers(1, 50))
    articles = [Article(id=draw(st.sampled_from(["", "a1", "a2", "a3"])), kind="article",
                        blocks=tuple(draw(st.lists(block, max_size=4))), headline=None)
                for _ in range(draw(st.integers(0, 4)))]
    return articles, draw(st.lists(block, max_size=4))


@settings(max_examples=300, deadline=None)
@given(numbered_page())
def test_renumber_matches_reference(page):
    articles, blocks = page
    got_arts, got_blocks = furniture._renumber(articles, blocks)
    want_arts, want_blocks = ref.renumber(articles, blocks)
    assert (got_arts, got_blocks) == (want_arts, want_blocks)
    # the same objects are kept (an article already numbered is not copied)
    assert [a is b for a, b in zip(got_arts, articles)] == [a is b for a, b in zip(want_arts, articles)]
    assert [a is b for a, b in zip(got_blocks, blocks)] == [a is b for a, b in zip(want_blocks, blocks)]


LINE_TEXTS = ["The", "Congress,", "said.", "ſo", "go-", "unter⸗", "By JOHN SMITH", "WASHINGTON, March 3.",
              "1887", "a b c d e", "(Continued", "Photo by AP", "中 国 人 民", "Mr.  Smith   spoke", "—", ""]


@st.composite
def one_line_regions(draw):
    text = draw(st.one_of(st.sampled_from(LINE_TEXTS),
                          st.lists(st.sampled_from(LINE_TEXTS), min_size=1, max_size=6).map(" ".join)))
    ems = draw(st.sampled_from([None, 1.0, 5.0, 17.5, 19.0, 20.0, 21.0]))
    own = shape(text)
    s = own if ems is None else LineShape(lo=ems, hi=ems, cjk=own.cjk, indent=draw(st.integers(0, 3)),
                                           letterspaced=draw(st.booleans()) and own.letterspaced)
    line = Line(text, 1, bbox=BBox(0.0, 0.0, 100.0, 10.0), hyphenated=draw(st.booleans()),
                hyphen_word=draw(st.sampled_from([None, "gone"])))
    width = draw(st.sampled_from([None, 8.0, 20.0, 40.0]))
    return TextRegion(lines=(ShapedLine(line, s),), width=width, family=width, index=draw(st.integers(0, 5)))


@settings(max_examples=400, deadline=None)
@given(one_line_regions(), st.sampled_from(["en", "de", "zh"]), st.booleans())
def test_one_line_paragraph_matches_region_paragraphs(region, name, chunked):
    profile = load_profile(name)
    params = Params().reflow
    if reflow._cjk_region(region):
        return  # (CJK regions take the column pass)
    want = reflow._region_paragraphs(region, profile, params, None, chunked, False)
    assert [reflow._one_line_paragraph(region, profile, params)] == want


@pytest.mark.skipif(not (SHARED / "corpus" / "rero-landbote1845" / "18451228_01.pdf").exists(),
                    reason="shared corpus absent")
def test_build_boxes_on_a_scan_matches_region_paragraphs():
    from layoutkit.pipeline import resolve_profile
    from layoutkit.readers import pdf as reader
    params = Params()
    path = SHARED / "corpus" / "rero-landbote1845" / "18451228_01.pdf"
    for content in reader._pdfium_pages(str(path), path.read_bytes(), [1, 2], params):
        lines = reader._read_page(str(path), content, "", params).lines
        profile, _ = resolve_profile(None, "\n".join(ln.text for ln in lines[:300]))
        regions = columns.geometric_regions(lines, params.columns)
        lexicon = reflow.page_lexicon(regions, params.reflow)
        boxes = reflow.build_boxes(regions, profile, params.reflow, lexicon)
        ones = [b for b in boxes if len(b.region.lines) == 1 and not b.cjk]
        assert ones
        for b in ones:
            assert b.paras == reflow._region_paragraphs(b.region, profile, params.reflow, lexicon, True, False)


coord = st.one_of(st.integers(-5, 5).map(float), st.integers(-5, 5), st.floats(allow_nan=True, allow_infinity=True))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.none(), st.builds(BBox, coord, coord, coord, coord)), max_size=6))
def test_lines_box_matches_union_all(boxes):
    lines = [Line("x", k + 1, bbox=b) for k, b in enumerate(boxes)]
    got, want = reflow.lines_box(lines), BBox.union_all(boxes)
    assert repr(got) == repr(want)  # (repr: NaN is not equal to itself)
    if want is not None:
        assert [type(v) for v in (got.x0, got.top, got.x1, got.bottom)] == \
            [type(v) for v in (want.x0, want.top, want.x1, want.bottom)]


@given(st.booleans(), st.booleans(), st.booleans(), st.sampled_from([None, 10.0, 12.0]),
       st.sampled_from([None, 10.0, 12.0]), st.sampled_from([None, 9.0, 10.0]), st.sampled_from([None, 10.0]))
def test_geometric_link_needs(runs_on, starts_fresh, last_full, fam_a, fam_b, size_a, size_b):
    from layoutkit.continuation import geometric_run_on
    box = BBox(0.0, 0.0, 10.0, 10.0)
    tail = Paragraph("a", (Line("a", 1, bbox=box, font_size=size_a),), 10.0, 0, runs_on=runs_on)
    head = Paragraph("b", (Line("b", 2, bbox=box, font_size=size_b),), 10.0, 1, starts_fresh=starts_fresh)
    same_family = fam_a is not None and fam_a == fam_b
    links = (same_family and ((tail.runs_on and not head.starts_fresh) or (
        last_full and not head.starts_fresh and not tail.runs_on))) or (
        fam_b is not None and geometric_run_on(tail, head))
    skipped = head.starts_fresh or not (tail.runs_on or last_full)
    assert not (skipped and links)


@given(st.sampled_from(["body", "headline"]), st.text(max_size=5), st.tuples(st.integers(), st.integers()),
       st.sampled_from([None, "By"]), st.one_of(st.none(), st.builds(BBox, coord, coord, coord, coord)),
       st.lists(st.text(max_size=3), max_size=3).map(tuple), st.text(max_size=3), st.integers(1, 9))
def test_block_builder_matches_block(type_, text, lines, role, bbox, reasons, id_, page):
    from layoutkit.articles import _block
    got = _block(type_, text, lines, role, bbox, reasons, id_, page)
    want = Block(type=type_, text=text, lines=lines, role=role, bbox=bbox, reasons=reasons, id=id_, page=page)
    assert type(got) is Block and repr(got) == repr(want)


@settings(max_examples=200, deadline=None)
@given(typed_items(), st.sampled_from(["body", "headline"]), st.text(max_size=4), st.sampled_from([None, "By"]),
       st.sampled_from(["", "title"]))
def test_typed_builder_and_retype_match(items, type_, reason, role, hint):
    from layoutkit.classify import _typed
    from layoutkit.model import evolve
    for t in items:
        assert repr(_typed(t.para, t.type, t.text, t.family, t.width, t.role, t.reasons, t.hint, t.exit_family)) == repr(t)
        got = t.retype(type_, reason, role, hint)
        want = evolve(t, type=type_, role=role, reasons=t.reasons + (reason,), hint=hint)
        assert type(got) is Typed and repr(got) == repr(want)
