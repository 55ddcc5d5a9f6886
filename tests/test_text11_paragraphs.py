"""``paragraph-twin``: reflow builds ``Paragraph``s as ``model._ParagraphInit`` objects
handed over to ``Paragraph`` by ``__class__`` assignment; they must be indistinguishable
from ``Paragraph(...)``: equality, hash, repr, frozenness, pickling, ``asdict``."""
from __future__ import annotations

import dataclasses
import pickle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from layoutkit import model, reflow
from layoutkit.model import BBox, Line, Paragraph

_LINES = st.lists(st.builds(Line, st.text(max_size=5), st.integers(1, 99)), min_size=1, max_size=3).map(tuple)
_BBOX = st.one_of(st.none(), st.builds(BBox, st.floats(0, 9), st.floats(0, 9), st.floats(0, 9), st.floats(0, 9)))
_FIELDS = st.tuples(st.text(max_size=8), _LINES, st.floats(0, 60), st.integers(0, 60), st.booleans(), st.booleans(),
                    st.lists(st.text(max_size=6), max_size=2).map(tuple), _BBOX, st.booleans())


def test_the_twin_is_in_use() -> None:
    assert model.PARAGRAPH_TWIN is model._ParagraphInit
    assert reflow._PLAIN_BUILDER


def _same(made: Paragraph, plain: Paragraph) -> None:
    assert type(made) is Paragraph
    assert made == plain and hash(made) == hash(plain) and repr(made) == repr(plain)
    assert dataclasses.asdict(made) == dataclasses.asdict(plain)
    assert pickle.loads(pickle.dumps(made)) == plain
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.text = "changed"  # type: ignore[misc]


@settings(max_examples=200, deadline=None)
@given(_FIELDS)
def test_one_paragraph_equals_the_class(fields: tuple) -> None:  # type: ignore[type-arg]
    _same(reflow._paragraph(*fields), Paragraph(*fields))


@settings(max_examples=100, deadline=None)
@given(st.lists(_FIELDS, max_size=4))
def test_a_page_of_paragraphs_equals_the_class(rows: list) -> None:  # type: ignore[type-arg]
    columns = [list(c) for c in zip(*rows)] if rows else [[] for _ in range(9)]
    made = reflow._make_paragraphs(*columns)
    assert len(made) == len(rows)
    for m, row in zip(made, rows):
        _same(m, Paragraph(*row))


def test_a_twin_that_does_not_fit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    class Swapped:  # (the same slots, two fields stored the wrong way round)
        __slots__ = Paragraph.__slots__  # type: ignore[attr-defined]

        def __init__(self, text, lines, region_width, region_index, starts_fresh, runs_on, reasons, bbox,  # type: ignore[no-untyped-def]
                     whole_region) -> None:
            self.text, self.lines, self.region_width, self.region_index = text, lines, region_width, region_index
            self.starts_fresh, self.runs_on = runs_on, starts_fresh
            self.reasons, self.bbox, self.whole_region = reasons, bbox, whole_region

    probe = Swapped("t", (), 1.0, 1, True, False, (), None, True)
    probe.__class__ = Paragraph  # (the hand-over itself works: only the check refuses it)
    monkeypatch.setattr(model, "_ParagraphInit", Swapped)
    assert model._paragraph_twin() is None
