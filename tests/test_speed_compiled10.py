"""The construction fast paths of the tenth speed round (docs/performance-compiled.md).

* ``model.text_lines`` builds ``Line``s through a mutable twin of their slot layout and
  ``__class__`` assignment: the result must be indistinguishable from ``Line(...)``
  (equality, hash, repr, pickling, frozenness), and the twin must actually be in use
  (the factory falls back silently when ``Line`` changes, which would lose the speed).
* ``slotbuild.slot_setters`` also hands out the native attribute setters of a class
  compiled by mypyc; on a plain class nothing changes.
* ``params.default_params`` is one shared ``Params()``.
* ``limits.page_deadline`` sets and restores the alarm handler through ``_signal``.
"""
from __future__ import annotations

import copy
import dataclasses
import pickle
import signal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from layoutkit.limits import page_deadline
from layoutkit.model import Line, text_lines
from layoutkit.params import Params, default_params
from layoutkit.slotbuild import _is_native, slot_setters


def test_text_lines_uses_the_twin() -> None:
    assert text_lines.__name__ == "twin"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(max_size=8), max_size=12), st.integers(0, 10**6), st.integers(1, 500))
def test_text_lines_are_real_lines(texts: list[str], first: int, page: int) -> None:
    made = text_lines(texts, first, page)
    plain = [Line(t, first + k, page=page) for k, t in enumerate(texts)]
    assert made == plain
    assert [type(x) for x in made] == [Line] * len(texts)
    assert [hash(x) for x in made] == [hash(x) for x in plain]
    assert [repr(x) for x in made] == [repr(x) for x in plain]
    assert pickle.loads(pickle.dumps(made)) == plain
    assert copy.deepcopy(made) == plain
    for x, y in zip(made, plain):
        assert dataclasses.asdict(x) == dataclasses.asdict(y)
        with pytest.raises(dataclasses.FrozenInstanceError):
            x.text = "changed"  # type: ignore[misc]


def test_slot_setters_on_plain_classes() -> None:
    @dataclasses.dataclass(frozen=True, slots=True)
    class Slotted:
        a: int
        b: str

    @dataclasses.dataclass(frozen=True)
    class NoSlots:
        a: int

    assert not _is_native(Slotted) and not _is_native(NoSlots)
    setters = slot_setters(Slotted, ("a", "b"))
    assert setters is not None
    obj = Slotted.__new__(Slotted)
    setters[0](obj, 1)
    setters[1](obj, "x")
    assert obj == Slotted(1, "x")
    assert slot_setters(NoSlots, ("a",)) is None
    assert slot_setters(Slotted, ("a",)) is None  # not every field: a builder would leave one unset


def test_default_params_is_one_default_params() -> None:
    assert default_params() is default_params()
    assert default_params() == Params()


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="no interval timer")
def test_page_deadline_restores_the_handler() -> None:
    before = signal.getsignal(signal.SIGALRM)
    try:
        def mine(signum: int, frame: object) -> None:
            pass

        for handler in (mine, signal.SIG_IGN, signal.SIG_DFL):
            signal.signal(signal.SIGALRM, handler)
            with page_deadline(60.0, path=None, page=1):
                assert signal.getsignal(signal.SIGALRM) is not handler
            assert signal.getsignal(signal.SIGALRM) == handler
    finally:
        signal.signal(signal.SIGALRM, before)
