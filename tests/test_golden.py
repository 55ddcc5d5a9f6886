"""Whole-page golden tests: the output of real pages, pinned.

``fixtures/*.expected.json`` hold the JSON the pipeline produced when its scores were
checked; a change to any stage that alters a page's output shows up here as a diff.
Regenerate after a deliberate change with ``python tests/regen_golden.py``.
"""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

import layoutkit

from .conftest import FIXTURES, SHARED

GOLDEN = sorted(p for p in FIXTURES.glob("*.expected.json"))


@pytest.mark.parametrize("expected", GOLDEN, ids=[p.name.split(".")[0] for p in GOLDEN])
def test_page_matches_pinned_output(expected) -> None:
    source = FIXTURES / expected.name.replace(".expected.json", ".txt")
    page = layoutkit.parse_file(source)
    got = page.to_dict()
    want = json.loads(expected.read_text(encoding="utf-8"))
    got["source"]["path"] = want["source"]["path"] = None
    assert got == want


def test_seed_page_structure() -> None:
    page = layoutkit.parse_file(FIXTURES / "seed-zh.txt")
    kinds = [a.kind for a in page.articles]
    assert kinds == ["article", "photo", "article"]
    first = page.articles[0]
    assert [b.type for b in first.blocks[:4]] == ["subheadline", "headline", "byline", "byline"]
    assert first.blocks[0].role == "kicker"
    assert first.headline == "热闹“村晚”年味浓"
    assert [(b.role, b.name) for b in first.bylines] == [("本报记者", "杨鹤"), ("通讯员", "玛丽娜·波拉提")]
    third = page.articles[2]
    assert third.blocks[1].role == "deck"
    assert sum(1 for b in third.blocks if b.type == "intertitle") == 4


@pytest.mark.skipif(not (SHARED / "tools" / "score.py").exists(), reason="../shared/tools/score.py not present")
def test_seed_scores_with_the_shared_scorer(tmp_path) -> None:
    out = tmp_path / "seed.json"
    out.write_text(layoutkit.parse_file(FIXTURES / "seed-zh.txt").to_json(), encoding="utf-8")
    res = subprocess.run([sys.executable, str(SHARED / "tools" / "score.py"), str(out),
                          str(FIXTURES / "seed-zh.gold.yaml"), "--json"], capture_output=True, text=True, check=True)
    scores = json.loads(res.stdout)
    assert scores["text_recall"] == 1.0
    assert scores["block_f1"] >= 0.95
    assert scores["break_f1"] >= 0.97
    assert scores["article_ari"] >= 0.95
    assert scores["order_acc"] == 1.0
    assert scores["text_sim"] >= 0.995
