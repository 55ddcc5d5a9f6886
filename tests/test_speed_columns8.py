"""The front half's page-level fast paths compute exactly what the plain code computed.

* ``measure.page_shapes`` (one classification pass per page, per-line counts by
  translate + split) against ``measure._shape`` line by line;
* ``columns.text_regions`` (page shapes, chunks cut by blank-line positions, fits counted
  per chunk, reliability once per chunk, bulk ``ShapedLine``/``TextRegion`` building)
  against the original kept in ``tests/columns_reference.py``;
* ``columns._count_fitting`` against ``fits`` asked per line;
* ``model.text_lines`` and the reader's ``read_lines`` (one NFC pass, tabs replaced on
  the whole page) against ``Line(...)`` per line.
"""
from __future__ import annotations

import unicodedata
from dataclasses import fields
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from layoutkit import columns, measure
from layoutkit.model import Line, text_lines
from layoutkit.params import Params
from layoutkit.readers.text import normalize_text, read_lines, split_lines

from . import columns_reference

CJK = "的一是在了不和有大这中人上为们理论新时代发展奋进目标" + "，。、；：？！“”‘’（）《》【】「」〈〉…—·％～"
OTHER = "abcXYZäéſ0123456789 .,;:!?()'\"-" + "かなカナ한국" + "\ue000\u3000\u0301\u200b\t"
line_st = st.one_of(
    st.text(alphabet=CJK, max_size=24),
    st.text(alphabet=CJK + "  1a", max_size=24),
    st.text(alphabet=CJK + OTHER, max_size=30),
    st.text(max_size=12),
    st.builds(lambda s: "  " + s, st.text(alphabet=CJK, min_size=1, max_size=18)),
    st.builds(lambda s: " ".join(s), st.text(alphabet=CJK, min_size=4, max_size=12)),  # letter-spaced
)


@given(st.lists(line_st.filter(lambda t: bool(t.strip())), max_size=30), st.sampled_from([0.6, 0.5, 0.8]))
def test_page_shapes_equal_shape_per_line(texts: list[str], share: float) -> None:
    measure.clear_shape_cache()
    got = measure.page_shapes(texts, [t.strip() for t in texts], share)
    expected = [measure._shape(t, share) for t in texts]
    assert got == expected and [repr(s) for s in got] == [repr(s) for s in expected]
    assert [s.ems for s in got] == [s.ems for s in expected]
    assert all(type(a.lo) is type(b.lo) and type(a.cjk) is type(b.cjk) for a, b in zip(got, expected))
    for text, s in zip(texts, got):  # the memo answers what was computed
        assert measure.shape(text, share) == s


def test_page_shapes_with_a_line_break_inside_a_text() -> None:
    texts = ["理论\n新时代", "发展，奋进"]
    measure.clear_shape_cache()
    assert measure.page_shapes(texts, [t.strip() for t in texts]) == [measure._shape(t, 0.6) for t in texts]


page_line_st = st.one_of(line_st, st.just(""), st.just("   "))


@given(st.lists(page_line_st, max_size=60), st.integers(1, 4))
def test_text_regions_equal_reference(texts: list[str], min_run: int) -> None:
    params = Params().columns
    from dataclasses import replace

    params = replace(params, min_run=min_run)
    lines = [Line(t, k + 1) for k, t in enumerate(texts)]
    measure.clear_shape_cache()
    got = columns.text_regions(lines, params)
    measure.clear_shape_cache()
    expected = columns_reference.text_regions(lines, params)
    assert got == expected and repr(got) == repr(expected)


_SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def test_text_regions_equal_reference_on_dev_pages() -> None:
    pages = sorted((_SHARED / "cases").glob("*.txt"))[:12] + [Path(__file__).resolve().parents[1] / "fixtures" / "seed-zh.txt"]
    params = Params().columns
    for path in pages:
        if not path.exists():
            continue
        lines = read_lines(path.read_text(encoding="utf-8", errors="replace"))
        measure.clear_shape_cache()
        got = columns.text_regions(lines, params)
        measure.clear_shape_cache()
        assert got == columns_reference.text_regions(lines, params), path.name


shape_st = st.builds(measure.LineShape, st.floats(0, 40), st.floats(0, 40), st.sampled_from([0.0, 0.29, 0.3, 1.0]),
                     st.integers(0, 3), st.booleans())


@given(st.lists(shape_st, max_size=12), st.floats(4, 60))
def test_count_fitting_equals_fits_per_line(shapes: list[measure.LineShape], width: float) -> None:
    assert columns._count_fitting(shapes, width) == sum(1 for s in shapes if columns.fits(s, width))


@given(st.lists(shape_st, min_size=1, max_size=12))
def test_chunk_measure_equals_reference(shapes: list[measure.LineShape]) -> None:
    assert columns.chunk_measure(shapes) == columns_reference.chunk_measure(shapes)


@given(st.lists(st.text(max_size=8), max_size=20), st.integers(1, 500), st.integers(1, 9))
def test_text_lines_equal_constructed(texts: list[str], first: int, page: int) -> None:
    made = text_lines(texts, first, page)
    plain = [Line(t, first + k, page=page) for k, t in enumerate(texts)]
    assert made == plain and all(type(m) is Line for m in made)
    assert all(getattr(m, f.name) == getattr(p, f.name) for m, p in zip(made, plain) for f in fields(Line))


def _read_lines_reference(text: str, first: int = 1, page: int = 1) -> list[Line]:
    raw = split_lines(normalize_text(text))
    return [Line(s.replace("\t", " ").rstrip(), i, page=page) for i, s in enumerate(raw, start=first)]


@given(st.text(alphabet=CJK + OTHER + "\n\r\x0b\x0c\u2028\x00e\u0301\u0065\u0300", max_size=80))
def test_read_lines_equal_reference(text: str) -> None:
    assert read_lines(text) == _read_lines_reference(text)
    assert read_lines(text, first=5, page=2) == _read_lines_reference(text, 5, 2)


@given(st.text(alphabet="ae\u0301\u0300\u0327c\x0c \u1100\u1161\u11a8가", max_size=40))
def test_nfc_pieces_cut_at_form_feeds_are_nfc(text: str) -> None:
    """The reader normalizes a file once and cuts it at form feeds: each piece is then
    NFC already (a form feed is a starter that composes with nothing)."""
    for piece in unicodedata.normalize("NFC", text).split("\x0c"):
        assert unicodedata.normalize("NFC", piece) == piece


@given(st.lists(st.sampled_from(["理论", "新时代", "谢", "1", "22", "：", " ", "  ", "发展", "a", "\u3000", "abab"]),
                max_size=8).map("".join))
def test_fake_bold_bigram_prefilter_changes_nothing(text: str) -> None:
    from layoutkit.reflow import dedupe_fake_bold

    assert columns._fake_bold(text) == bool(dedupe_fake_bold(" ".join(text.split())).removed)


@given(st.floats(0, 100, allow_nan=False))
def test_formatted_width_equals_format(value: float) -> None:
    assert columns._g(value) == f"{value:g}"
    assert columns._g(value) == f"{value:g}"  # (from the memo)
