"""Acceptance on the People's Daily dev PDFs (ground truth in ../shared/cases)."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

import layoutkit

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CASES = sorted((SHARED / "cases").glob("rmrb-*.pdf"))
FLOORS = {"block_f1": 0.85, "break_f1": 0.95, "article_ari": 0.90, "order_acc": 0.97,
          "text_sim": 0.98, "text_recall": 0.995}


def _scorer():
    spec = importlib.util.spec_from_file_location("lk_score", SHARED / "tools" / "score.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.skipif(not CASES, reason="../shared/cases not available")
@pytest.mark.parametrize("pdf", CASES, ids=lambda p: p.stem)
def test_rmrb_scores_meet_the_floors(pdf, tmp_path):
    page = layoutkit.parse_pdf(pdf, backend="pdfium")[0]
    out = tmp_path / "out.json"
    out.write_text(page.to_json(), encoding="utf-8")
    score = _scorer()
    result = score.score(score.load(out), score.load(pdf.parent / f"{pdf.stem}.gold.yaml"))
    for metric, floor in FLOORS.items():
        assert result[metric] >= floor, (metric, result[metric])
