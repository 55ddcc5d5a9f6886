"""The reflow speed-ups compute exactly what the plain code they replaced computed.

* ``_region_paragraphs`` (width tests computed once per region, one-word lines that are not
  title-like taken as their own clean text, conditions reordered so the costly tests run
  last) against the per-line loop it replaced (``tests/reflow_reference.py``);
* ``_Measure.line_tests`` against the per-line ``deficit`` rule;
* ``ends_sentence`` (closers stripped by ``str.rstrip``) against the character loop;
* ``join_texts``'s junction search (``_NOT_CJK``) against ``textwidth.is_cjk``;
* ``page_lexicon``'s C-speed prefilter against the per-line test;
* ``chain_order.emission_plan`` against ``emission_order`` and ``moved_segment_starts``.

``bench/identical.py`` checks the same on every dev case's full output.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Optional

from hypothesis import given
from hypothesis import strategies as st

from layoutkit.chain_order import emission_order, emission_plan, moved_segment_starts
from layoutkit.columns import ShapedLine, TextRegion, text_regions
from layoutkit.dehyphenate import Lexicon
from layoutkit.measure import LineShape, shape
from layoutkit.model import Line
from layoutkit.params import Params, ReflowParams
from layoutkit.profile import builtin_profile
from layoutkit.readers.text import read_lines
from layoutkit.reflow import (_LATIN_LETTER, _NOT_CJK, _Measure, _region_paragraphs, build_boxes, ends_sentence,
                              page_lexicon)
from layoutkit.textwidth import is_cjk

from . import reflow_reference as ref

#: Pieces of page text with what the break rules look at: full and short CJK lines,
#: terminal punctuation, closers, letter-spaced and fake-bold text, author notes,
#: Latin words, hyphens, figures, datelines, enumerations, noise, blank lines.
PIECES = ["的一是在了不和有大这中人上为们", "理论理论", "新时代新时代：：", "支 配 收 入 增 长", "基 础 。",
          "。", "！”", "）", "（作者为北京大学教授）", "本报记者 杨鹤", "　　", "  ", " ", "\n", "\n\n",
          "Der Handel in", "amtlich nicht notierten Werthe.", "unter⸗", "zeichneten", "1887 12,5 3/4",
          "Berlin, 16. Jan.", "2) Waren", "§. 2.", ":", ".", "~~ ;; ..", "77 理论理论", "2018年1月2日"]
page_st = st.lists(st.sampled_from(PIECES), min_size=1, max_size=40).map("".join)
width_st = st.one_of(st.none(), st.integers(1, 30), st.floats(1.0, 30.0, allow_nan=False))
params_st = st.builds(ReflowParams, noise_aside=st.booleans(), dedupe_fake_bold=st.booleans(),
                      indent_min=st.sampled_from([1.0, 1, 0.5]), indent_max=st.sampled_from([4.5, 4, 2.0]),
                      spread_indent_min=st.sampled_from([2.1, 2, 0.0]))


def _regions(text: str, params: ReflowParams) -> list[TextRegion]:
    lines = read_lines(text, max_lines=10_000)
    return text_regions(lines, Params().columns, params.letterspace_share)


def _same(got: list, want: list) -> None:  # type: ignore[type-arg]
    assert [p.__repr__() for p in got] == [p.__repr__() for p in want]


#: Line texts for a measure of about 15 ems: full CJK lines with and without a sentence
#: end, lines short by an indent (two ems), short last lines, letter-spaced and fake-bold
#: lines, bracketed notes, bylines; Latin lines (half an em a letter) that are full, short
#: by an indent, one long word, hyphenated, tabular, datelines, enumerations, noise.
LINES = ["的一是在了不和有大这中人上为们", "的一是在了不和有大这中人上为。", "在了不和有大这中人上为们发",
         "在了不和有大这中人上为们。", "目标。", "了！”", "理论理论", "新时代新时代：：发展",
         "支 配 收 入 增 长 了 不 和 有 大 这 中", "支 配 收 入 增 长 了 不 和 有 大 这", "基 础 。",
         "　　有大这中人上为们发展奋进", "（作者为北京大学教授）", "本报记者 杨鹤", "收入 27.36 亿元，农村发展奋进",
         "Der Handel in Berlin war gross", "und die Kommission in Berlin.", "amtlich nicht notierten in",
         "Handelsgesellschaftsvertrages", "Die Kommission der Gesell⸗", "schaft unterzeichneten Verträge",
         "1887 12,5 3/4 100 1888 12,5 3/4", "Berlin, 16. Jan. Der Handel in", "2) Waren des Abschnitts sind",
         "§. 2.", "ist folgendes:", "~~ ;; .. ~~ ;; .. ~~ ;; .. ~~", "", "  ", "77 理论理论", "A."]


@st.composite
def region_st(draw):  # type: ignore[no-untyped-def]
    # mostly the lines of one script, so that break rules meet the neighbours they test
    texts = draw(st.lists(st.one_of(st.sampled_from(draw(st.sampled_from([LINES[:15], LINES[15:]]))),
                                    st.sampled_from(LINES)), min_size=1, max_size=10))
    lines = tuple(ShapedLine(Line(t, k + 1), shape(t)) for k, t in enumerate(texts))
    width = draw(st.one_of(st.none(), st.sampled_from([15.0, 15, 15.5, 14.5, 16.0, 13.0, 9.0]),
                           st.floats(1.0, 30.0, allow_nan=False)))
    return TextRegion(lines=lines, width=width, family=width, index=draw(st.integers(0, 3)))


@given(st.lists(region_st(), min_size=1, max_size=3), params_st, st.sampled_from(["zh", "de", "default"]),
       st.booleans())
def test_region_paragraphs_equal_reference_loop(regions: list[TextRegion], params: ReflowParams, name: str,
                                                chunked: bool) -> None:
    profile = builtin_profile(name)
    lexicon = Lexicon.build([s.line.text for r in regions for s in r.lines])
    for region in regions:
        for lex in (None, lexicon):
            got = _region_paragraphs(region, profile, params, lex, chunked)
            want = ref._region_paragraphs(region, profile, params, lex, chunked)
            _same(got, want)


@given(page_st, params_st, st.sampled_from(["zh", "de", "default"]))
def test_region_paragraphs_of_a_page_equal_reference_loop(text: str, params: ReflowParams, name: str) -> None:
    profile = builtin_profile(name)
    regions = _regions(text, params)
    for region in regions:
        _same(_region_paragraphs(region, profile, params, None, len(regions) >= 3),
              ref._region_paragraphs(region, profile, params, None, len(regions) >= 3))


@st.composite
def measured_lines_st(draw):  # type: ignore[no-untyped-def]
    """A measure, parameters and lines whose deficits lie on and around the rules' bounds."""
    width = draw(width_st)
    params = draw(params_st)
    cjk = draw(st.booleans())
    w = 15.0 if width is None else float(width)
    tol = max(1.0, (0.06 if cjk else 0.12) * w)
    bounds = [0.0, tol, 0.75 * tol, params.indent_min, params.indent_max, params.spread_indent_min]
    deficits = st.one_of(st.sampled_from(bounds), st.sampled_from(bounds).map(lambda d: d + 0.01),
                         st.sampled_from(bounds).map(lambda d: d - 0.01), st.floats(-2.0, 20.0))
    shapes = draw(st.lists(st.builds(lambda d, ls: LineShape(w - d, w - d, 1.0, 0, ls), deficits, st.booleans()),
                           max_size=8))
    return width, params, cjk, [ShapedLine(Line("x", k + 1), sh) for k, sh in enumerate(shapes)]


@given(measured_lines_st())
def test_line_tests_equal_per_line_rules(case) -> None:  # type: ignore[no-untyped-def]
    width, params, cjk, lines = case
    deficit, full, indent_short = _Measure(width, params, cjk).line_tests(lines)
    m = ref._Measure(width, params, cjk)
    assert deficit == [m.deficit(s) for s in lines]
    assert full == [m.full(s) for s in lines]
    assert indent_short == [m.indent_short(s) for s in lines]


@given(st.text(alphabet="的了。！？…”’」）)]\"'（(.!?a ", max_size=12), st.sampled_from(["zh", "de", "default"]))
def test_ends_sentence_equals_character_loop(text: str, name: str) -> None:
    profile = builtin_profile(name)
    assert ends_sentence(text, profile) == ref.ends_sentence(text, profile)


def test_not_cjk_class_is_the_complement_of_is_cjk() -> None:
    for o in range(0x110000):
        if 0xD800 <= o < 0xE000:
            continue  # surrogates: never in decoded text
        ch = chr(o)
        assert (_NOT_CJK.match(ch) is None) == is_cjk(ch), hex(o)


@given(page_st, st.booleans())
def test_page_lexicon_prefilter_equals_per_line_test(text: str, dehyphenate: bool) -> None:
    params = ReflowParams(dehyphenate=dehyphenate)
    regions = _regions(text, params)
    got = page_lexicon(regions, params)
    has_latin = any(sl.shape.cjk < 0.3 and _LATIN_LETTER.search(sl.line.text) for r in regions for sl in r.lines)
    want = Lexicon.build((s.line.text for r in regions for s in r.lines), params.extra_words) \
        if params.dehyphenate and has_latin else None
    assert got == want


@given(page_st, st.lists(st.tuples(st.integers(0, 30), st.integers(0, 30)), max_size=6))
def test_emission_plan_equals_order_and_moved_starts(text: str, pairs: list[tuple[int, int]]) -> None:
    params = ReflowParams()
    boxes = build_boxes(_regions(text, params), builtin_profile("zh"), params)
    for i, j in pairs:  # link some boxes, as reflow does: one successor and predecessor each, no cycle
        if i < len(boxes) and j < len(boxes) and i != j and boxes[i].next is None and boxes[j].prev is None:
            k: Optional[int] = j
            while k is not None and k != i:
                k = boxes[k].next
            if k is None:
                boxes[i].next, boxes[j].prev = j, i
    assert emission_plan(boxes) == (emission_order(boxes), moved_segment_starts(boxes))
