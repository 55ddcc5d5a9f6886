"""``layoutkit eval`` on the command line: outputs, exit codes, help."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from layoutkit.cli import main

ROOT = Path(__file__).resolve().parents[1]
SEED_TXT = ROOT / "fixtures" / "seed-zh.txt"
SEED_GOLD = ROOT / "fixtures" / "seed-zh.gold.yaml"


@pytest.fixture()
def seed_output(tmp_path):
    out = tmp_path / "out" / "seed-zh.json"
    out.parent.mkdir()
    assert main(["convert", str(SEED_TXT), "-o", str(out)]) == 0
    return out


def test_eval_one_page_text(seed_output, capsys):
    assert main(["eval", str(seed_output), str(SEED_GOLD)]) == 0
    text = capsys.readouterr().out
    assert text.startswith("text_recall")
    assert "block_f1 per type" in text and "gold \\ output" in text


def test_eval_one_page_json(seed_output, capsys):
    assert main(["eval", str(seed_output), str(SEED_GOLD), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert 0.9 <= data["text_recall"] <= 1.0
    assert set(data) >= {"type_acc", "block_f1", "per_type", "confusion", "worst_blocks", "articles"}


def test_eval_dir_counts_missing_pages_zero(seed_output, tmp_path, capsys):
    golds = tmp_path / "gold"
    golds.mkdir()
    (golds / "seed-zh.gold.yaml").write_text(SEED_GOLD.read_text(encoding="utf-8"), encoding="utf-8")
    (golds / "absent.gold.yaml").write_text(SEED_GOLD.read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["eval", "--dir", str(seed_output.parent), str(golds), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["pages"]["absent"] is None
    seed = data["pages"]["seed-zh"]["text_recall"]
    assert data["mean"]["text_recall"] == round(seed / 2, 4)


@pytest.mark.parametrize("argv,code,message", [
    (["eval", "missing.json", str(SEED_GOLD)], 1, "missing.json: no such file"),
    (["eval", str(SEED_GOLD), str(SEED_TXT)], 1, "is not a page"),
    (["eval", "a.json", "b.xml", "--gold-format", "page", "--map", "nonsense"], 2, "--map wants"),
    (["eval", "--dir", str(ROOT / "fixtures"), str(ROOT / "layoutkit")], 1, "no ground truth"),
])
def test_eval_errors_are_one_line(argv, code, message, capsys):
    assert main(argv) == code
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_eval_bad_option_is_usage(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["eval", "a.json", "b.yaml", "--gold-format", "docx"])
    assert exc.value.code == 2


def test_eval_help_has_examples(capsys):
    with pytest.raises(SystemExit):
        main(["eval", "--help"])
    out = capsys.readouterr().out
    assert "examples:" in out and "--gold-format page" in out


def test_eval_picks_a_page_of_a_multi_page_output(seed_output, tmp_path, capsys):
    page = json.loads(seed_output.read_text(encoding="utf-8"))
    many = tmp_path / "many.json"
    many.write_text(json.dumps([{"articles": [], "blocks": []}, page]), encoding="utf-8")
    assert main(["eval", str(many), str(SEED_GOLD)]) == 1
    assert "holds 2 pages" in capsys.readouterr().err
    assert main(["eval", str(many), str(SEED_GOLD), "--page", "2", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["text_recall"] > 0.9


def test_cli_gold_formats_are_the_importers():
    from layoutkit import cli
    from layoutkit.evaluation.importers import GOLD_FORMATS

    assert cli.GOLD_FORMATS == GOLD_FORMATS
