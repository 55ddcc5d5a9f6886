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


def _titles_first(text: str) -> str:
    """The seed page as an extractor that emits titles before their bodies would give it."""
    lines = text.split("\n")
    body1, title1 = lines[0:79], [lines[79].strip(), ""] + lines[81:85]
    caption, body2, title2 = lines[86:100], lines[101:290], lines[291:295]
    return "\n".join(title1 + [""] + body1 + [""] + caption + [""] + title2 + [""] + body2 + [""]) + "\n"


def test_title_direction_does_not_change_the_reconstruction() -> None:
    text = (FIXTURES / "seed-zh.txt").read_text(encoding="utf-8")
    after = layoutkit.parse_text(text)
    before = layoutkit.parse_text(_titles_first(text))

    def shape(page):
        return [(a.kind, a.headline, [(b.type, b.role, b.text) for b in a.blocks]) for a in page.articles]

    assert shape(before) == shape(after)
