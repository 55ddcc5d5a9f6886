"""The sixth speed round's fast paths compute exactly what the plain code computed.

* ``jsontext.dumps`` (indented JSON by direct recursion) against ``json.dumps(...,
  ensure_ascii=False, indent=...)``, on arbitrary JSON-like values and on real pages;
* ``articles._block`` and ``classify._typed`` (built through their slots) against the
  dataclasses' own ``__init__``; ``articles._to_block`` against the plain code it
  replaced;
* ``measure.shapes_of_classes`` with its interned shapes made in the page loop, against
  ``measure._shape`` per line (also with the intern table nearly full);
* the pipeline's bbox test (``map`` over the lines) against the generator it replaced.
"""
from __future__ import annotations

import json
import math
from itertools import repeat
from operator import is_not
from pathlib import Path
from typing import Any, Optional

import pytest
from hypothesis import given
from hypothesis import strategies as st

from layoutkit import api, articles, classify, jsontext, measure, pipeline
from layoutkit.classify import Typed
from layoutkit.model import BBox, Block, Line, Paragraph

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"

text_st = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12) | \
    st.text(alphabet='理论新时代，。“”\\"\n\t\x00\x1f\u2028 ab', max_size=12)
scalar_st = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
                      text_st)
json_st = st.recursive(
    scalar_st,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.lists(inner, max_size=3).map(tuple),
                            st.dictionaries(text_st, inner, max_size=4)),
    max_leaves=30)


class _Text(str):
    """A ``str`` subclass (``json.dumps`` writes it as a string)."""


class _Number(int):
    """An ``int`` subclass with its own ``repr`` (``json.dumps`` uses ``int.__repr__``)."""

    def __repr__(self) -> str:
        return "number"


odd_st = st.one_of(
    st.dictionaries(st.one_of(st.integers(), st.floats(allow_nan=False), st.booleans(), st.none()), scalar_st,
                    max_size=3),  # keys json.dumps converts to strings
    st.builds(lambda s: [_Text(s)], text_st),
    st.builds(lambda n: {"n": _Number(n)}, st.integers()),
)


@given(st.one_of(json_st, odd_st), st.sampled_from([None, 0, 1, 2, 4, "\t", "--"]))
def test_dumps_equals_json_dumps(value: Any, indent: Any) -> None:
    assert jsontext.dumps(value, indent=indent) == json.dumps(value, ensure_ascii=False, indent=indent)


def test_dumps_errors_are_json_dumps_errors() -> None:
    with pytest.raises(TypeError):
        jsontext.dumps({"x": object()})
    cyclic: list[Any] = []
    cyclic.append(cyclic)
    with pytest.raises((ValueError, RecursionError)):
        jsontext.dumps(cyclic)
    assert jsontext.dumps([math.nan, math.inf, -math.inf]) == json.dumps([math.nan, math.inf, -math.inf], indent=1)


def _pages() -> list[Path]:
    found = [ROOT / "fixtures" / "seed-zh.txt"]
    cases = SHARED / "cases"
    if cases.is_dir():
        found += sorted(cases.glob("rmrb-*.txt"))[:2]
    return found


@pytest.mark.parametrize("path", _pages(), ids=lambda p: p.name)
def test_page_json_equals_json_dumps_of_to_dict(path: Path) -> None:
    page = api.parse_file(path)
    for indent in (1, 2, None):
        assert page.to_json(indent=indent) == json.dumps(page.to_dict(), ensure_ascii=False, indent=indent)


opt_text = st.none() | st.text(max_size=6)
opt_float = st.none() | st.floats(allow_nan=False)
bbox_st = st.none() | st.builds(BBox, st.floats(0, 100), st.floats(0, 100), st.floats(100, 200), st.floats(100, 200))
reasons_st = st.lists(st.text(max_size=5), max_size=3).map(tuple)


@given(st.text(max_size=6), st.text(max_size=6), st.tuples(st.integers(), st.integers()), opt_text, bbox_st,
       reasons_st, st.text(max_size=4), st.integers())
def test_block_builder_equals_block(type_: str, text: str, lines: tuple[int, int], role: Optional[str],
                                    bbox: Optional[BBox], reasons: tuple[str, ...], id_: str, page: int) -> None:
    got = articles._block(type_, text, lines, role, bbox, reasons, id_, page)
    want = Block(type=type_, text=text, lines=lines, role=role, bbox=bbox, reasons=reasons, id=id_, page=page)
    assert type(got) is Block and got == want and repr(got) == repr(want) and hash(got) == hash(want)


def _para(text: str, numbers: list[int], page: int, bbox: Optional[BBox], reasons: tuple[str, ...]) -> Paragraph:
    lines = tuple(Line(text=text, number=n, page=page) for n in numbers)
    return Paragraph(text=text, lines=lines, region_width=10.0, region_index=0, reasons=reasons, bbox=bbox)


para_st = st.builds(_para, st.text(max_size=8), st.lists(st.integers(1, 500), min_size=1, max_size=4),
                    st.integers(1, 3), bbox_st, reasons_st)


@given(para_st, st.text(max_size=6), st.text(max_size=6), opt_float, opt_float, opt_text, reasons_st,
       st.text(max_size=5), opt_float)
def test_typed_builder_equals_typed(para: Paragraph, type_: str, text: str, family: Optional[float],
                                    width: Optional[float], role: Optional[str], reasons: tuple[str, ...], hint: str,
                                    exit_family: Optional[float]) -> None:
    got = classify._typed(para, type_, text, family, width, role, reasons, hint, exit_family)
    want = Typed(para, type_, text, family, width, role, reasons, hint, exit_family)
    assert type(got) is Typed and got == want and repr(got) == repr(want)


def _to_block_reference(t: Typed, type_: Optional[str] = None, role: Optional[str] = None, reason: str = "",
                        id_: str = "", extra: tuple[str, ...] = ()) -> Block:
    """``articles._to_block`` as it was before this round."""
    lines = (t.para.first_line, t.para.last_line)
    reasons = t.reasons + ((reason,) if reason else ()) + extra
    return Block(type=type_ or t.type, text=t.text, lines=lines, role=role if role is not None else
                 (t.role if t.role != "author_note" and t.role != "jump" else None),
                 bbox=t.para.bbox, reasons=reasons, id=id_, page=t.para.lines[0].page)


roles = st.sampled_from([None, "author_note", "jump", "kicker", "deck", ""])


@given(para_st, st.sampled_from(["body", "byline", "headline", "other"]), roles, reasons_st,
       st.sampled_from([None, "", "subheadline"]), roles, st.text(max_size=5), st.text(max_size=4), reasons_st)
def test_to_block_equals_reference(para: Paragraph, item_type: str, item_role: Optional[str],
                                   item_reasons: tuple[str, ...], type_: Optional[str], role: Optional[str],
                                   reason: str, id_: str, extra: tuple[str, ...]) -> None:
    t = Typed(para, item_type, para.text, None, None, item_role, item_reasons)
    assert articles._to_block(t, type_, role, reason, id_, extra) == \
        _to_block_reference(t, type_, role, reason, id_, extra)


CJK = "的一是在了不和有大这中人上为们理论新时代发展奋进目标" + "，。、；：？！“”‘’（）《》…—·％～"
line_st = st.one_of(
    st.text(alphabet=CJK, min_size=1, max_size=24),
    st.text(alphabet=CJK + "  1a", max_size=24),
    st.builds(lambda s: "  " + s, st.text(alphabet=CJK, min_size=1, max_size=18)),
    st.text(alphabet=CJK + "abc ,.", max_size=20),
).filter(lambda t: bool(t.strip()))


#: Shapes that fill the intern table but for three places.
_FILLER = {(float(k), float(k), 0.0, 0, False): measure.make_shape(float(k), float(k), 0.0, 0, False)
           for k in range(measure.SHAPE_CACHE_SIZE - 3)}


@given(st.lists(line_st, max_size=30), st.booleans())
def test_shapes_of_classes_equal_shape_per_line(texts: list[str], nearly_full: bool) -> None:
    measure.clear_shape_cache()
    if nearly_full:  # the intern table is emptied first when the page might not fit
        measure._INTERNED.update(_FILLER)
    classes = [measure.char_classes(t.strip()) for t in texts]
    got = measure.shapes_of_classes(texts, classes)
    measure.clear_shape_cache()
    want = [measure._shape(t, 0.6) for t in texts]
    assert got == want and [repr(s) for s in got] == [repr(s) for s in want]
    assert len(measure._INTERNED) <= measure.SHAPE_CACHE_SIZE
    measure.clear_shape_cache()


@given(st.lists(st.booleans(), max_size=8))
def test_pipeline_bbox_test_equals_generator(has_box: list[bool]) -> None:
    lines = [Line(text="x", number=k + 1, bbox=BBox(0, 0, 1, 1) if b else None) for k, b in enumerate(has_box)]
    assert any(map(is_not, map(pipeline._BBOX, lines), repeat(None))) == any(ln.bbox is not None for ln in lines)
