"""The quality gate's floor logic and the comparison's baselines (no dev-case runs here)."""
from __future__ import annotations

import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import gate  # noqa: E402
from bench.cases import KINDS  # noqa: E402
from bench.compare import blank_line_blocks, table, Summary  # noqa: E402

FLOORS = {"tolerance": 0.005, "floors": {"kb": {"txt": {"text_recall": 0.99, "type_acc": 0.80}}}, "lowered": []}


def test_within_tolerance_passes_and_below_fails():
    assert gate.check(FLOORS, {"kb": {"txt": {"text_recall": 0.986, "type_acc": 0.90}}}) == []
    broken = gate.check(FLOORS, {"kb": {"txt": {"text_recall": 0.984, "type_acc": 0.90}}})
    assert len(broken) == 1 and broken[0].startswith("kb/txt text_recall")


def test_a_pinned_kind_that_stops_working_fails():
    broken = gate.check(FLOORS, {})
    assert len(broken) == 2 and all("failed or unsupported" in b for b in broken)


def test_lowering_is_detected_and_logged(tmp_path):
    means = {"kb": {"txt": {"text_recall": 0.95, "type_acc": 0.85}}, "rmrb": {"pdf": {"text_recall": 0.9}}}
    changes = gate.lowered(FLOORS, means)
    assert changes == ["kb/txt text_recall 0.9900 -> 0.9500"]
    path = tmp_path / "floors.yaml"
    gate.write_floors(FLOORS, means, "dehyphenation now keeps real hyphens", changes, path)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Quality floors")
    data = yaml.safe_load(text)
    assert data["floors"]["kb"]["txt"] == {"text_recall": 0.95, "type_acc": 0.85}
    assert data["floors"]["rmrb"]["pdf"] == {"text_recall": 0.9}
    assert data["lowered"][-1]["reason"] == "dehyphenation now keeps real hyphens"
    # raising needs no reason and keeps the log
    again = gate.load_floors(path)
    assert gate.lowered(again, {"kb": {"txt": {"text_recall": 0.97, "type_acc": 0.9}}, "rmrb": {"pdf": {"text_recall": 0.95}}}) == []


def test_pinned_floors_file_is_valid():
    data = gate.load_floors()
    assert data["tolerance"] == gate.TOLERANCE
    for source, kinds in data["floors"].items():
        for kind, metrics in kinds.items():
            assert kind in KINDS
            assert all(0.0 <= v <= 1.0 for v in metrics.values())


def test_blank_line_paragraphs():
    page = blank_line_blocks("a\nb\n\n\nc\n  \nd\n")
    assert [(b.type, b.text, b.article) for b in page.blocks] == [("body", "a\nb", None), ("body", "c", None),
                                                                  ("body", "d", None)]


def test_table_reports_unsupported_rows():
    ok = Summary(2, 0, {m: 0.5 for m in ("text_recall", "type_acc", "block_f1", "break_f1", "article_ari",
                                         "order_acc", "text_sim")}, 0.5, 10.0)
    bad = Summary(2, 2, dict(ok.means), 0.0, None, "unsupported")
    lines = table([("ref", ok), ("new", bad)], "ref")
    assert "| ref | 2 | 0.500" in lines[2] and "1.00×" in lines[2]
    assert lines[3].startswith("| new | 2 | unsupported |")


def _tiny_shared(tmp_path):
    """A shared folder with one dev case: the seed fixture."""
    cases = tmp_path / "shared" / "cases"
    cases.mkdir(parents=True)
    (cases / "seed.txt").write_bytes((ROOT / "fixtures" / "seed-zh.txt").read_bytes())
    (cases / "seed.gold.yaml").write_bytes((ROOT / "fixtures" / "seed-zh.gold.yaml").read_bytes())
    (cases / "cases.yaml").write_text(yaml.safe_dump({"cases": [
        {"name": "seed", "split": "dev", "source": "seed", "gold": "seed.gold.yaml", "inputs": ["seed.txt"]}]}))
    return tmp_path / "shared"


def test_gate_end_to_end(tmp_path, capsys):
    shared = _tiny_shared(tmp_path)
    floors = tmp_path / "floors.yaml"
    base = ["--shared", str(shared), "--floors", str(floors), "--jobs", "1"]
    assert gate.main(base + ["--update"]) == 0
    pinned = yaml.safe_load(floors.read_text(encoding="utf-8"))["floors"]["seed"]["txt"]
    assert set(pinned) == {"text_recall", "type_acc", "block_f1", "break_f1", "article_ari", "order_acc", "text_sim"}
    assert gate.main(base) == 0
    data = yaml.safe_load(floors.read_text(encoding="utf-8"))
    data["floors"]["seed"]["txt"]["text_recall"] = 1.5  # a floor nobody can reach
    floors.write_text(yaml.safe_dump(data), encoding="utf-8")
    assert gate.main(base) == 1
    assert "FLOOR BROKEN seed/txt text_recall" in capsys.readouterr().err
    assert gate.main(base + ["--update"]) == 2  # would lower a floor: needs a reason
    assert gate.main(base + ["--update", "--reason", "test"]) == 0
    assert yaml.safe_load(floors.read_text(encoding="utf-8"))["lowered"][-1]["reason"] == "test"


def test_gate_without_shared_data_is_a_usage_error(tmp_path):
    assert gate.main(["--shared", str(tmp_path)]) == 2
