"""iter_pages / iter_input: per-page records, multi-page inputs, failures as records."""
from __future__ import annotations

import pytest

import layoutkit
from layoutkit.batch.results import PageFailure, PageOk, PageSkipped, iter_input

from . import batch_support
from .batch_support import BOOM, PAGE_BREAK
from .conftest import FIXTURES

SEED = (FIXTURES / "seed-zh.txt").read_bytes()


def test_iter_pages_matches_parse_file(tmp_path) -> None:
    (tmp_path / "a.txt").write_bytes(SEED)
    (tmp_path / "empty.txt").write_bytes(b"")
    results = list(layoutkit.iter_pages(tmp_path))
    ok = [r for r in results if r.ok]
    bad = [r for r in results if not r.ok]
    assert [type(r) for r in ok] == [PageOk] and ok[0].page == 1 and not ok[0].multipage
    assert ok[0].result == layoutkit.parse_file(tmp_path / "a.txt")
    assert bad == [PageFailure(str(tmp_path / "empty.txt"), None, "InputError", "empty input")]


def test_multipage_input_numbers_pages(tmp_path, monkeypatch) -> None:
    batch_support.install(monkeypatch)
    path = tmp_path / "three.txt"
    path.write_bytes(PAGE_BREAK.join([SEED, SEED, SEED]))
    results = list(iter_input(str(path)))
    assert [(r.page, r.multipage, r.result.source.page) for r in results] == [(1, True, 1), (2, True, 2), (3, True, 3)]


def test_reader_error_mid_file_reports_that_page_and_keeps_earlier_ones(tmp_path, monkeypatch) -> None:
    batch_support.install(monkeypatch)
    path = tmp_path / "bad.txt"
    path.write_bytes(PAGE_BREAK.join([SEED, SEED, BOOM, SEED]))
    results = list(iter_input(str(path)))
    assert [(type(r).__name__, r.page) for r in results] == [("PageOk", 1), ("PageOk", 2), ("PageFailure", 3)]
    assert results[-1].error == "ValueError" and results[-1].message == "corrupt page structure"


@pytest.mark.parametrize("skipped", [{1}, {2}, {1, 2}])
def test_skip_rule_and_page_hook(tmp_path, monkeypatch, skipped) -> None:
    batch_support.install(monkeypatch)
    path = tmp_path / "two.txt"
    path.write_bytes(PAGE_BREAK.join([SEED, SEED]))
    seen: list[int] = []
    results = list(iter_input(str(path), skip=lambda page, multi: page in skipped, on_page=seen.append))
    assert [r.page for r in results if isinstance(r, PageSkipped)] == sorted(skipped)
    assert [r.page for r in results] == [1, 2]
    assert seen[:3] == [1, 2, 1]  # page 2 is read ahead before page 1 is analysed
