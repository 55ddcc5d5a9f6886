"""The late-box reading-order rule for ALTO (layoutkit/late_boxes.py): table-driven from
tests/data/late_box_cases.yaml (known failures strict xfail), properties, and the kb dev
page whose advertisement boxes the ALTO lists out of column order."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import layoutkit
from layoutkit.late_boxes import REASON, late_order, place_late_boxes
from layoutkit.model import BBox, Line

from .table_cases import case_params, load_cases

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CASES = load_cases("late_box_cases.yaml")["cases"]


def _lines(boxes: list[list[float]]) -> list[Line]:
    """Two lines per box (one-line boxes are furniture the rule leaves alone)."""
    out = []
    for i, (x0, top, x1, bottom) in enumerate(boxes):
        mid = (top + bottom) / 2
        for k, (t, b) in enumerate(((top, mid), (mid, bottom))):
            out.append(Line(text=f"box {i} line {k}", number=len(out) + 1, bbox=BBox(x0, t, x1, b), region=f"r{i}"))
    return out


@pytest.mark.parametrize("case", case_params(CASES, lambda c: c["id"]))
def test_late_box_case(case: dict) -> None:
    order, moved = late_order([BBox(*b) for b in case["boxes"]])
    assert order == case["expect"]
    lines, starts = place_late_boxes(_lines(case["boxes"]))
    assert [ln.region for ln in lines[::2]] == [f"r{i}" for i in case["expect"]]
    assert [ln.number for ln in lines] == list(range(1, len(lines) + 1))
    if case.get("continues_above"):
        assert not starts  # the moved box should continue the article above it
    else:
        assert len(starts) == (1 if moved else 0)


_box = st.builds(lambda c, t, h: BBox(c * 110.0, t, c * 110.0 + 100, t + h),
                 st.integers(0, 4), st.floats(0, 900), st.floats(20, 500))


@given(st.lists(_box, max_size=12))
def test_order_is_a_permutation(boxes: list[BBox]) -> None:
    order, moved = late_order(boxes)
    assert sorted(order) == list(range(len(boxes)))
    assert moved <= set(order)


@given(st.lists(_box, max_size=12))
def test_column_order_is_a_fixed_point(boxes: list[BBox]) -> None:
    """A stream already read column by column, top to bottom, is left as it is."""
    ordered = sorted(boxes, key=lambda b: (b.x0, b.top))
    order, moved = late_order(ordered)
    assert not moved and order == list(range(len(ordered)))


KB = SHARED / "cases" / "kb-1876-12-01-p2.alto.xml"


@pytest.mark.skipif(not KB.exists(), reason="shared dev cases not present")
def test_kb_advertisement_boxes_read_in_column_order_from_alto() -> None:
    page = layoutkit.parse_file(KB)
    blocks = list(page.iter_blocks())
    read = [b.text for b in blocks]
    rate = next(i for i, t in enumerate(read) if "REGELS" in t)
    book = next(i for i, t in enumerate(read) if t.startswith("Hst is niet te verwonderen"))
    assert rate < book
    assert any(r.startswith(REASON) for r in blocks[rate].reasons)
    # the two moved boxes read together, as one article
    home = {id(b): a.id for a in page.articles for b in a.blocks}
    assert home[id(blocks[rate])] == home[id(blocks[book])]
