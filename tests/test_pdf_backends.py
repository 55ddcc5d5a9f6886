"""Both PDF backends give the same result: every stage after char extraction is shared."""
from __future__ import annotations

from pathlib import Path

import pytest

import layoutkit

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
FILES = [ROOT / "fixtures" / "pdf-two-columns.pdf"] + sorted((SHARED / "cases").glob("rmrb-*.pdf")) + [
    # pdfium's text page drops kampo's glyphs (a non-embedded CID font: no glyph boxes);
    # the pdfium backend reads such pages with pdfplumber (``pdfium-lost-glyphs``)
    SHARED / "corpus" / "pdf-misc" / "kampo.pdf"]


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


def test_pdfium_falls_back_only_where_glyphs_are_lost(monkeypatch):
    """``pdfium-lost-glyphs``: kampo's pages go to pdfplumber, People's Daily pages
    (fake-bold doubles dropped by pdfium's text page) stay on pdfium."""
    from layoutkit.readers import pdf as reader

    used: list[int] = []
    real = reader._PlumberFallback.content
    monkeypatch.setattr(reader._PlumberFallback, "content", lambda self, n: used.append(n) or real(self, n))
    rmrb = sorted((SHARED / "cases").glob("rmrb-*.pdf"))
    kampo = SHARED / "corpus" / "pdf-misc" / "kampo.pdf"
    if not rmrb or not kampo.exists():
        pytest.skip("shared PDFs not available")
    layoutkit.parse_pdf(rmrb[0], backend="pdfium")
    assert used == []
    page = layoutkit.parse_pdf(kampo, backend="pdfium")[0]
    assert used == [1]
    assert sum(len(b.text) for b in page.iter_blocks()) > 2000
