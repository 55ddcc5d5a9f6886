"""Flat Latin text (``layoutkit.flat``): the block-start signals and vetoes, table-driven
from ``tests/data/flat_signal_cases.yaml``, and the reasons they leave on the blocks."""
from __future__ import annotations

from typing import Any

import pytest

import layoutkit
from layoutkit.flat import figure_cell, item_marker, line_signals, page_header, restore, sentence_tail
from layoutkit.model import Line
from layoutkit.profile import load_profile

from .table_cases import case_params, load_cases, text_id

CASES = load_cases("flat_signal_cases.yaml")


@pytest.mark.parametrize("case", case_params(CASES["figure_cells"], text_id))
def test_figure_cell(case: dict[str, Any]) -> None:
    assert figure_cell(case["text"]) is case["cell"]


@pytest.mark.parametrize("case", case_params(CASES["item_markers"], text_id))
def test_item_marker(case: dict[str, Any]) -> None:
    assert item_marker(case["text"]) is case["marker"]


@pytest.mark.parametrize("case", case_params(CASES["sentence_tails"], text_id))
def test_sentence_tail(case: dict[str, Any]) -> None:
    got = sentence_tail(case["prev"], case["text"], case["prev_width"], case["measure"], load_profile("nl"))
    assert got is case["tail"]


@pytest.mark.parametrize("case", case_params(CASES["page_headers"], text_id))
def test_page_header(case: dict[str, Any]) -> None:
    assert page_header(case["text"], load_profile(case["profile"])) is case["header"]


def _lines(texts: list[str]) -> list[Line]:
    return [Line(t, i + 1) for i, t in enumerate(texts)]


@pytest.mark.parametrize("case", case_params(CASES["signals"], lambda c: str(c.get("name", ""))[:40]))
def test_line_signals(case: dict[str, Any]) -> None:
    found = line_signals(_lines(case["lines"]), load_profile(case["profile"]))[case["at"]]
    assert set(case["fires"]) <= found
    assert not found & set(case.get("none_of") or [])
    if not case["fires"]:
        assert not found & {"flat-paragraph-end", "flat-title-run", "flat-one-line-block"}
    if "breaks" in case:  # does ``restore`` cut the flat text before line ``at``?
        restored = restore(_lines(case["lines"]), load_profile(case["profile"])).lines
        k = next(k for k, ln in enumerate(restored) if ln.number == case["at"] + 1 and not ln.is_blank)
        assert restored[k - 1].is_blank is case["breaks"]


@pytest.mark.parametrize("case", case_params(CASES["pages"], lambda c: str(c.get("name", ""))[:40]))
def test_flat_page(case: dict[str, Any]) -> None:
    page = layoutkit.parse_text(case["text"], profile=case["profile"])
    blocks = [b for a in page.articles for b in a.blocks] + list(page.blocks)
    blocks.sort(key=lambda b: b.lines[0])
    assert [b.text[: len(w["text"])] for b, w in zip(blocks, case["blocks"])] == [w["text"] for w in case["blocks"]]
    assert len(blocks) == len(case["blocks"])
    for b, want in zip(blocks, case["blocks"]):
        if want.get("reason"):
            assert any(r.startswith(want["reason"]) for r in b.reasons), (want, b.reasons)
    src = sorted(c for c in case["text"] if not c.isspace() and c not in "-⸗")
    assert sorted(c for b in blocks for c in b.text if not c.isspace() and c not in "-⸗") == src


def test_restore_keeps_every_line_and_records_each_break() -> None:
    texts = CASES["pages"][0]["text"].splitlines()
    restored = restore(_lines(texts), load_profile("de"))
    assert [ln.text for ln in restored.lines if not ln.is_blank] == texts  # nothing lost or moved
    starts = {restored.lines[k + 1].number for k, ln in enumerate(restored.lines) if ln.is_blank}
    assert starts and starts <= set(restored.reasons)  # every restored break says why


def test_cjk_text_gets_no_signals() -> None:
    lines = _lines(["中国人民的伟大胜利。"] * 30)
    assert not any(line_signals(lines, load_profile("zh")))
