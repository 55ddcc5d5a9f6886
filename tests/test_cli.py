"""CLI: outputs, exit codes, one-line errors without tracebacks."""
from __future__ import annotations

import json

import pytest

from layoutkit.cli import main

from .conftest import FIXTURES

SEED = str(FIXTURES / "seed-zh.txt")


def test_convert_to_stdout_json(capsys) -> None:
    assert main(["convert", SEED]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["schema_version"] == "2.0"
    assert out["language"] == "zh"
    assert out["source"]["format"] == "text"
    assert len(out["articles"]) == 3


@pytest.mark.parametrize("fmt,needle", [("md", "## 热闹“村晚”年味浓"), ("txt", "热闹“村晚”年味浓\n\n本报记者 杨鹤")])
def test_convert_other_formats(tmp_path, fmt: str, needle: str) -> None:
    out = tmp_path / f"seed.{fmt}"
    assert main(["convert", SEED, "-o", str(out), "--format", fmt]) == 0
    assert needle in out.read_text(encoding="utf-8")


def test_stdin_to_stdout(monkeypatch, capsys) -> None:
    import io
    import sys

    data = (FIXTURES / "seed-zh.txt").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert main(["convert", "-", "-o", "-"]) == 0
    assert json.loads(capsys.readouterr().out)["source"]["path"] is None


@pytest.mark.parametrize("args,code,message", [
    (["convert", "/no/such/page.txt"], 1, "/no/such/page.txt: no such file"),
    (["convert", SEED, "--profile", "klingon"], 2, "unknown profile 'klingon'"),
    (["convert", SEED, "--format", "docx"], 2, "invalid choice"),
    ([], 2, ""),
])
def test_errors_have_codes_and_one_line(capsys, args, code: int, message: str) -> None:
    try:
        rc = main(args)
    except SystemExit as exc:  # argparse usage errors
        rc = int(exc.code)
    assert rc == code
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert message in err


def test_binary_and_empty_inputs(tmp_path, capsys) -> None:
    binary = tmp_path / "x.txt"
    binary.write_bytes(b"\x00\x01\x02" * 50)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert main(["convert", str(binary)]) == 1
    assert main(["convert", str(empty)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"layoutkit: {binary}: binary file (NUL bytes), not text", f"layoutkit: {empty}: empty input"]


def test_output_into_missing_folder_writes_nothing(tmp_path, capsys) -> None:
    target = tmp_path / "missing" / "out.json"
    assert main(["convert", SEED, "-o", str(target)]) == 4
    assert not target.parent.exists()
    assert "output folder does not exist" in capsys.readouterr().err
