"""The column stage's tenth-round fast paths compute exactly what the plain code did.

* ``measure.shapes_of_classes`` (per-line counts from the page's class letters as bytes;
  the half-em count derived from the others on pages without zero-width characters;
  runs of compressible marks squeezed page-wide, ``page-mark-runs``) against the plain
  shape of each line (``_shape_reference``);
* ``measure._runs_per_line`` against the per-line count of ``xq`` boundaries it replaces.
"""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from layoutkit import measure

from .test_speed_equivalence import _shape_reference

#: Letters of every width class, runs of compressible marks (CJK punctuation, East-Asian
#: ambiguous quotes and dashes), spaces of several kinds and zero-width marks.
ALPHABET = ("的一是在了理论新时代" + "，。、；：？！“”‘’（）《》…—·％～" + "abcXé0123 .,;:-"
            + "かナ한" + "\u3000\u0301\u200b ")
line_st = st.one_of(
    st.text(alphabet=ALPHABET, max_size=30),
    st.text(alphabet="的一是理论，。、“”（）…—", max_size=24),  # CJK with runs of marks
    st.builds(lambda s: "  " + s, st.text(alphabet=ALPHABET, min_size=1, max_size=18)),
    st.builds(lambda s: " ".join(s), st.text(alphabet="的一是理论，。", min_size=4, max_size=12)),
)


@given(st.lists(line_st.filter(lambda t: bool(t.strip()) and "\n" not in t), max_size=40),
       st.sampled_from([0.6, 0.5, 0.8]))
def test_shapes_of_classes_equal_reference(texts: list[str], share: float) -> None:
    measure.clear_shape_cache()
    classes = [measure.char_classes(t.strip()) for t in texts]
    got = measure.shapes_of_classes(texts, classes, share)
    expected = [_shape_reference(t, share) for t in texts]
    assert got == expected
    assert [s.ems for s in got] == [s.ems for s in expected]
    assert [repr(s) for s in got] == [repr(s) for s in expected]
    # and the memo ``shape`` reads holds them
    assert [measure.shape(t, share) for t in texts] == expected


@given(st.lists(st.text(alphabet="hqwanzs", max_size=20), min_size=1, max_size=30))
def test_runs_per_line_equal_count_of_boundaries(classes: list[str]) -> None:
    page = "|".join(classes).encode("ascii")
    expected = [("x" + c.replace("s", "")).translate(measure._RUN_MARKS).count("xq") for c in classes]
    assert measure._runs_per_line(page) == expected
