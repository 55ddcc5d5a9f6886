"""Bylines of Chinese pages: a two-character name printed with a space inside
(``spaced-two-char-name``) and two authors' names on one line (``byline-name-pair``),
each alone in a text box. Synthetic text pages."""
from __future__ import annotations

import pytest

from layoutkit.pipeline import parse_text

BODY = ("党的十九大报告提出了明确的要求，我们要深刻领会其中的精神实质和丰富内涵，\n"
        "把思想和行动统一到党中央的决策部署上来，推动各项工作取得新的更大成效。\n"
        "这是一项长期的任务，需要坚持不懈地努力，久久为功，才能取得实实在在的成效。")


def _page(name_line: str) -> str:
    return f"高质量发展迈出一大步\n\n{name_line}\n\n{BODY}\n\n{BODY}\n"


def _block(page, text: str):
    found = [b for a in page.articles for b in a.blocks if b.text.replace(" ", "") == text.replace(" ", "")]
    assert found, text
    return found[0]


@pytest.mark.parametrize("names", ["李 斌", "胡鞍钢 张 新", "刘 宾 胡瑞华", "范祚军 万少文"])
def test_names_alone_in_a_box_are_a_byline(names):
    page = parse_text(_page(names), profile="zh")
    assert _block(page, names).type == "byline"


def test_name_pair_rule_is_named():
    page = parse_text(_page("胡鞍钢 张 新"), profile="zh")
    assert any(r.startswith("byline-name-pair") for r in _block(page, "胡鞍钢 张 新").reasons)


@pytest.mark.parametrize("line", ["权依责定 财随政走", "防风险 严监管 活实体 促发展"])
def test_slogans_are_not_names(line):
    page = parse_text(_page(line), profile="zh")
    assert _block(page, line).type != "byline"


def test_name_pair_needs_a_name_set_solid():
    # a tracked title is single characters only: not two names (whatever later rules say)
    from layoutkit.classify import _NAME_PAIR
    assert _NAME_PAIR.match("胡鞍钢 张 新") and not _NAME_PAIR.match("新 知 新 觉")
