"""``shape-twin``: ``measure.make_shape`` builds ``LineShape``s as ``_ShapeInit`` objects
handed over by ``__class__`` assignment; they must be indistinguishable from
``LineShape(...)`` (equality, hash, repr, ``ems``, frozenness, pickling)."""
from __future__ import annotations

import dataclasses
import pickle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from layoutkit import measure
from layoutkit.measure import LineShape

_HALVES = st.integers(0, 400).map(lambda k: k / 2)


def test_the_twin_is_in_use_in_the_pure_build() -> None:
    if measure.__file__.endswith(".py"):
        assert measure.make_shape.__name__ == "build" and measure._twin_builder() is not None


@settings(max_examples=300, deadline=None)
@given(_HALVES, _HALVES, st.floats(0, 1), st.integers(0, 12), st.booleans())
def test_twin_shapes_equal_the_class(lo: float, hi: float, cjk: float, indent: int, spaced: bool) -> None:
    made = measure.make_shape(lo, hi, cjk, indent, spaced)
    plain = LineShape(lo, hi, cjk, indent, spaced)
    assert type(made) is LineShape
    assert made == plain and hash(made) == hash(plain) and repr(made) == repr(plain)
    assert made.ems == plain.ems
    assert dataclasses.asdict(made) == dataclasses.asdict(plain)
    assert pickle.loads(pickle.dumps(made)) == plain
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.lo = 0.0  # type: ignore[misc]


def test_a_twin_that_does_not_fit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    class Swapped:  # (the same slots, two fields stored the wrong way round)
        __slots__ = ("lo", "hi", "cjk", "indent", "letterspaced", "ems")

        def __init__(self, lo, hi, cjk, indent, spaced):  # type: ignore[no-untyped-def]
            self.lo, self.hi, self.cjk, self.indent, self.letterspaced = hi, lo, cjk, indent, spaced
            self.ems = (lo + hi) / 2

    monkeypatch.setattr(measure, "_ShapeInit", Swapped)
    assert measure._twin_builder() is None
