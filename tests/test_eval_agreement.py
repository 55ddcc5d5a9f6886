"""``layoutkit eval`` agrees with the reference scorer (shared/tools/score.py) on every dev case.

Two outputs per case: layoutkit's own reconstruction of ``NAME.txt``, and a deliberately
damaged copy of the gold (blocks merged, retyped, moved between articles, reordered, text
dropped) that exercises every metric away from 1.0. Skipped when the shared data is absent.
"""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
import yaml

from layoutkit.api import parse_file
from layoutkit.evaluation import METRICS, load_page, page_from_mapping, page_from_model, score_pages
from layoutkit.serialize import to_json

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CASES = SHARED / "cases"
SCORER = SHARED / "tools" / "score.py"
TOLERANCE = 0.001

pytestmark = pytest.mark.skipif(not SCORER.exists() or not CASES.exists(), reason="shared data not present")


@pytest.fixture(scope="module")
def reference():
    spec = importlib.util.spec_from_file_location("reference_score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def dev_cases():
    if not CASES.exists():
        return []
    return sorted(p.name.split(".gold.")[0] for p in CASES.glob("*.gold.yaml"))


def damaged(gold: dict) -> dict:
    """A plausible bad reconstruction of a gold page, derived deterministically."""
    arts = [list(a.get("blocks") or []) for a in gold.get("articles") or []]
    loose = list(gold.get("blocks") or [])
    out_articles = []
    for ai, blocks in enumerate(arts):
        new = []
        for bi, b in enumerate(blocks):
            text = b.get("text") or ""
            if bi % 3 == 1 and new:  # merge every third block into the one before
                new[-1] = {"type": new[-1]["type"], "text": new[-1]["text"] + " " + text}
                continue
            if bi % 5 == 4:
                text = text[: len(text) // 2]  # lose half of some blocks
            kind = "body" if b.get("type") == "headline" and ai % 2 else b.get("type")
            new.append({"type": kind, "text": text})
        if ai % 4 == 3:
            new.reverse()
        out_articles.append({"blocks": new})
    # page-level blocks: every other one moves into the first article
    moved = [b for i, b in enumerate(loose) if i % 2]
    kept = [b for i, b in enumerate(loose) if not i % 2]
    if out_articles:
        out_articles[0]["blocks"].extend(moved)
    else:
        out_articles = [{"blocks": moved}] if moved else []
    return {"articles": out_articles, "blocks": kept}


def assert_agrees(mine, theirs, label):
    for m in METRICS:
        a, b = mine[m], theirs[m]
        assert (a is None) == (b is None), f"{label} {m}: {a} vs {b}"
        if a is not None:
            assert abs(a - b) <= TOLERANCE, f"{label} {m}: {a} vs {b}"
    assert {t.type: t.f1 for t in mine.per_type} == {k: v["f1"] for k, v in theirs["per_type"].items()}, label


@pytest.mark.parametrize("name", dev_cases())
def test_agrees_with_reference_scorer(name, reference):
    gold_path = CASES / f"{name}.gold.yaml"
    # The C YAML loader: the reference's pure-Python load would dominate the test's time.
    gold_dict = yaml.load(gold_path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    gold = load_page(gold_path)

    output = json.loads(to_json(parse_file(CASES / f"{name}.txt")))
    assert_agrees(score_pages(page_from_mapping(output), gold), reference.score(output, gold_dict), f"{name} layoutkit")

    bad = damaged(gold_dict)
    assert_agrees(score_pages(page_from_mapping(bad), gold), reference.score(bad, gold_dict), f"{name} damaged")


def test_model_and_json_give_the_same_page():
    page = parse_file(CASES / "seed-000_aec4e68dac08e9c7.txt")
    assert page_from_model(page).blocks == page_from_mapping(json.loads(to_json(page))).blocks
