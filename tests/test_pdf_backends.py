"""Both PDF backends give the same result: every stage after char extraction is shared."""
from __future__ import annotations

from pathlib import Path

import pytest

import layoutkit

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
FILES = [ROOT / "fixtures" / "pdf-two-columns.pdf"] + sorted((SHARED / "cases").glob("rmrb-*.pdf")) + [
    # Known difference: pdfium's text page yields 19 of kampo's 2,634 chars (its vertical
    # CID fonts without ToUnicode); pdfminer decodes them. Kept as a strict xfail.
    pytest.param(SHARED / "corpus" / "pdf-misc" / "kampo.pdf",
                 marks=pytest.mark.xfail(strict=True, reason="pdfium cannot decode kampo's vertical CID fonts"))]


def signature(page: layoutkit.Page) -> list:
    return [[(b.type, b.role, b.text) for b in a.blocks] for a in page.articles] + \
        [[(b.type, b.text) for b in page.blocks]]


@pytest.mark.parametrize("path", FILES, ids=lambda p: getattr(p, "name", str(p)))
def test_pdfplumber_and_pdfium_agree(path):
    if not path.exists():
        pytest.skip(f"{path} not available")
    a = layoutkit.parse_pdf(path, backend="pdfplumber")
    b = layoutkit.parse_pdf(path, backend="pdfium")
    assert [signature(p) for p in a] == [signature(p) for p in b]
    for pa, pb in zip(a, b):
        assert (pa.source.width, pa.source.height) == (pb.source.width, pb.source.height)
        for x, y in zip(pa.iter_blocks(), pb.iter_blocks()):
            assert x.bbox is not None and y.bbox is not None
            # boxes agree to a fraction of a point; glyphs of vertical-writing fonts differ
            # by up to a point in width (pdfminer and pdfium read their advance differently)
            assert max(abs(u - v) for u, v in zip(x.bbox.to_list(), y.bbox.to_list())) < 1.5
