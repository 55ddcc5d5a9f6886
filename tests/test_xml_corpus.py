"""Every ALTO and PAGE file of the shared corpus converts (skipped when ../shared is absent)."""
from __future__ import annotations

from pathlib import Path

import pytest

from layoutkit.api import iter_file_pages
from layoutkit.formats import sniff_format

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
FILES = sorted(p for p in CORPUS.rglob("*.xml") if sniff_format(p.read_bytes()[:8192], str(p)) in ("alto", "page")) \
    if CORPUS.is_dir() else []


@pytest.mark.skipif(not FILES, reason="shared corpus not present")
@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_corpus_file_converts(path):
    pages = list(iter_file_pages(path))
    assert pages
    for page in pages:
        assert page.source.format in ("alto", "page") and page.source.unit in ("pixel", "mm10", "inch1200")
        assert any(True for _ in page.iter_blocks())
        for block in page.iter_blocks():
            assert block.text.strip()
