"""Invariants of the metrics on random pages, and agreement with the reference scorer on them."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from layoutkit.evaluation import METRICS, page_from_mapping, score_pages

SCORER = Path(__file__).resolve().parents[1].parent / "shared" / "tools" / "score.py"

# A small alphabet makes repeated n-grams (the hard case for alignment) common.
words = st.text(alphabet="abcab理论 \n", min_size=0, max_size=40)
block = st.fixed_dictionaries({"type": st.sampled_from(["headline", "body", "byline", "caption", "header"]),
                               "text": words})
page = st.fixed_dictionaries({
    "articles": st.lists(st.fixed_dictionaries({"blocks": st.lists(block, max_size=5)}), max_size=3),
    "blocks": st.lists(block, max_size=3),
})


@settings(max_examples=150, deadline=None)
@given(page)
def test_a_page_scored_against_itself_is_perfect(data):
    p = page_from_mapping(data)
    s = score_pages(p, p)
    assert s["text_recall"] == 1.0 and s["type_acc"] == 1.0 and s["text_sim"] == 1.0
    assert s["article_ari"] == 1.0 and s["order_acc"] == 1.0


@settings(max_examples=150, deadline=None)
@given(page, page)
def test_metrics_stay_in_range(pred, gold):
    s = score_pages(page_from_mapping(pred), page_from_mapping(gold))
    for m in METRICS:
        lo = -1.0 if m == "article_ari" else 0.0  # ARI is negative when worse than chance
        assert lo <= s[m] <= 1.0, m


_LOADED: list = []


def _reference():
    if not _LOADED:
        spec = importlib.util.spec_from_file_location("reference_score", SCORER)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        _LOADED.append(module)
    return _LOADED[0]


@pytest.mark.skipif(not SCORER.exists(), reason="shared/tools/score.py not present")
@settings(max_examples=200, deadline=None)
@given(page, page)
def test_random_pages_agree_with_reference(pred, gold):
    ref = _reference()
    mine = score_pages(page_from_mapping(pred), page_from_mapping(gold))
    theirs = ref.score(pred, gold)
    for m in METRICS:
        assert mine[m] == pytest.approx(theirs[m], abs=1e-9), m
