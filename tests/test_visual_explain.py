"""``explain``: every block with its type and the rules recorded in its reasons."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from layoutkit import ParamsError, Source, parse_text
from layoutkit.cli import main
from layoutkit.textwidth import display_width
from layoutkit.visual.explain import clip, explain_page, split_reason

from .visual_pages import boxed_page

SEED = Path(__file__).resolve().parents[1] / "fixtures" / "seed-zh.txt"


def test_split_reason():
    assert split_reason("title-like: short line without sentence end") == ("title-like",
                                                                          "short line without sentence end")
    assert split_reason("short-line-break") == ("short-line-break", "")
    assert split_reason("measure: 14 em: from 5 lines") == ("measure", "14 em: from 5 lines")


@given(st.text(min_size=0, max_size=80), st.integers(min_value=2, max_value=60))
def test_clip_fits_the_width(text, cells):
    out = clip(text, cells)
    assert display_width(out) <= cells
    assert "\n" not in out
    flat = " ".join(text.split())
    assert out == flat or out.endswith("…")


def test_every_block_and_every_reason_is_listed():
    page = parse_text(SEED.read_text(encoding="utf-8"), path=str(SEED))
    text = explain_page(page, width=80)
    for a_no, article in enumerate(page.articles, 1):
        assert f"article {a_no} ({article.id}" in text
    for block in page.iter_blocks():
        assert f" {block.id} " in text
        for reason in block.reasons:
            rule, detail = split_reason(reason)
            assert f"- {rule}" + (f": {detail}" if detail else "") in text
    assert all(display_width(line) <= 80 for line in text.splitlines() if line.startswith(" " * 9))
    assert "\x1b[" not in text


def test_one_block_with_its_full_text_and_colour():
    page = parse_text(SEED.read_text(encoding="utf-8"), path=str(SEED))
    body = next(b for b in page.iter_blocks() if b.type == "body" and len(b.text) > 120)
    text = explain_page(page, block=body.id, width=40, colour=True)
    assert body.text in text  # not clipped
    assert "\x1b[1mbody\x1b[0m" in text
    assert text.count(f" {body.id} ") == 1


def test_page_level_blocks_and_geometry():
    page = boxed_page(Source(format="pdf", path="x.pdf", unit="pt", width=1017, height=1438))
    text = explain_page(page)
    assert "page-level blocks" in text
    assert "P1     b9    header" in text
    assert "bbox [60, 110, 640, 170]" in text
    assert "- test-rule: headline by construction" in text


def test_unknown_block_is_a_usage_error(capsys):
    page = boxed_page(Source(format="pdf", path="x.pdf"))
    with pytest.raises(ParamsError, match=r"no block 'b99' on this page \(block ids: b1..b9\)"):
        explain_page(page, block="b99")
    assert main(["explain", str(SEED), "--block", "nope"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("layoutkit: ") and "nope" in err and "Traceback" not in err


def test_cli_explain(capsys):
    assert main(["explain", str(SEED), "--color", "never"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"{SEED}: text, language zh")
    assert "headline-choice: main title" in out
    assert main(["explain", str(SEED), "--block", "b2"]) == 0
    assert capsys.readouterr().out.splitlines()[0].startswith("article 1 (a1")
