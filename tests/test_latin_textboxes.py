"""Latin text boxes (``textboxes``), masthead (``masthead``) and capitals/closing titles
(``latin_titles``): table-driven from ``tests/data/latin_textbox_cases.yaml``."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import layoutkit
from layoutkit.flat import dialogue_turn, one_line_block
from layoutkit.latin_titles import caps_title
from layoutkit.profile import ProfileError, load_profile
from layoutkit.textboxes import box_break_joins, opens_enumeration

from .table_cases import case_params, load_cases, text_id

CASES = load_cases("latin_textbox_cases.yaml")


@pytest.mark.parametrize("case", case_params(CASES["box_joins"], lambda c: str(c.get("tail", ""))[:40]))
def test_box_break_joins(case: dict[str, Any]) -> None:
    assert box_break_joins(case["tail"], case["head"]) is case["joins"]


@pytest.mark.parametrize("case", case_params(CASES["enumerations"], text_id))
def test_opens_enumeration(case: dict[str, Any]) -> None:
    assert opens_enumeration(case["text"]) is case["opens"]


@pytest.mark.parametrize("case", case_params(CASES["caps_titles"], text_id))
def test_caps_title(case: dict[str, Any]) -> None:
    assert caps_title(case["text"]) is case["title"]


@pytest.mark.parametrize("case", case_params(CASES["dialogue_turns"], text_id))
def test_dialogue_turn(case: dict[str, Any]) -> None:
    assert dialogue_turn(case["prev"], case["text"]) is case["turn"]


@pytest.mark.parametrize("case", case_params(CASES["one_line_blocks"], text_id))
def test_one_line_block(case: dict[str, Any]) -> None:
    assert one_line_block(case["text"], case["width"], case["measure"], load_profile("de")) is case["block"]


@pytest.mark.parametrize("case", case_params(CASES["pages"], lambda c: str(c.get("name", ""))[:40]))
def test_page(case: dict[str, Any]) -> None:
    page = layoutkit.parse_text(case["text"], profile=case["profile"])
    blocks = [b for a in page.articles for b in a.blocks] + list(page.blocks)
    blocks.sort(key=lambda b: b.lines[0])
    assert [b.type for b in blocks] == case["types"]
    for b, want in zip(blocks, case.get("reasons") or []):
        if want:
            assert any(r.startswith(want) for r in b.reasons), (want, b.reasons)
    if "page_level" in case:
        assert [b.type for b in page.blocks] == case["page_level"]
    if case.get("first_article_kind"):
        assert page.articles[0].kind == case["first_article_kind"]
    # no character is lost but line-end hyphens
    src = sorted(c for c in case["text"] if not c.isspace() and c not in "-⸗")
    out = sorted(c for b in blocks for c in b.text if not c.isspace() and c not in "-⸗")
    assert out == src


def test_text_box_profile_key() -> None:
    assert load_profile("fr").text_box == "block" and load_profile("nl").text_box == "block"
    assert load_profile("de").text_box == "region" and load_profile("en").text_box == "region"


def test_text_box_profile_key_is_validated(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("inherits: latin\ntext_box: paragraph\n", encoding="utf-8")
    with pytest.raises(ProfileError, match="text_box"):
        load_profile(str(bad))
