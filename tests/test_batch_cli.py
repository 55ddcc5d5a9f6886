"""``layoutkit batch``: mixed good and bad inputs, the failure report, exit codes,
resume, --force, JSONL, log-friendly progress."""
from __future__ import annotations

import io
import json
import os

import pytest

from layoutkit.batch.progress import Progress, Tally
from layoutkit.cli import main

from .conftest import FIXTURES

SEED = (FIXTURES / "seed-zh.txt").read_bytes()


def _tree(root) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*.json"))}


def _failures(out) -> list[dict]:
    return [json.loads(line) for line in (out / "_failures.jsonl").read_text(encoding="utf-8").splitlines()]


@pytest.fixture
def mixed(tmp_path):
    """Good pages next to an empty file, a binary file, a corrupt PDF and malformed XML."""
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    (src / "good1.txt").write_bytes(SEED)
    (src / "good2.txt").write_bytes(SEED)
    (src / "sub" / "good3.txt").write_bytes(SEED)
    (src / "empty.txt").write_bytes(b"")
    (src / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (src / "corrupt.pdf").write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R\nthis is not a pdf\x00\xff")
    (src / "bad.xml").write_bytes(b'<?xml version="1.0"?>\n<alto xmlns="http://www.loc.gov/standards/alto/ns-v4#">'
                                  b'<Layout><Page ID="p1"><PrintSpace><TextBlock><TextLine><String CONTENT="x"')
    return src


def test_mixed_batch_converts_good_pages_and_reports_bad_ones(mixed, tmp_path, capsys) -> None:
    out = tmp_path / "out"
    assert main(["batch", str(mixed), "-o", str(out), "--workers", "2"]) == 3
    tree = _tree(out)
    assert sorted(tree) == ["good1.json", "good2.json", "sub/good3.json"]
    # Byte for byte what `layoutkit convert -o` writes.
    single = tmp_path / "single.json"
    assert main(["convert", str(mixed / "good1.txt"), "-o", str(single)]) == 0
    assert tree["good1.json"] == single.read_bytes()
    failures = _failures(out)
    assert sorted(os.path.basename(f["path"]) for f in failures) == ["bad.xml", "binary.txt", "corrupt.pdf",
                                                                      "empty.txt"]
    for f in failures:
        assert set(f) == {"path", "page", "error", "message"}
        assert f["error"].endswith("Error") and f["message"] and "\n" not in f["message"]
    assert {f["error"] for f in failures if f["path"].endswith("empty.txt")} == {"InputError"}
    err = capsys.readouterr().err
    assert "Traceback" not in err and "\r" not in err  # not a terminal: plain log lines
    assert all(line.startswith("layoutkit batch: ") for line in err.splitlines())
    assert "3 pages written, 0 up to date, 4 failed" in err


def test_rerun_skips_up_to_date_pages_and_force_redoes_them(mixed, tmp_path, capsys) -> None:
    out = tmp_path / "out"
    main(["batch", str(mixed), "-o", str(out), "-q"])
    stamps = {p: (out / p).stat().st_mtime_ns for p in _tree(out)}
    assert main(["batch", str(mixed), "-o", str(out), "-q"]) == 3  # the bad ones are retried, fail again
    assert {p: (out / p).stat().st_mtime_ns for p in _tree(out)} == stamps
    assert len(_failures(out)) == 4  # the report is this run's, not an accumulation
    # An input edited after its output was written is redone, and only it.
    os.utime(mixed / "good2.txt", ns=(stamps["good2.json"] + 10**9,) * 2)
    main(["batch", str(mixed), "-o", str(out)])
    assert "1 pages written, 2 up to date" in capsys.readouterr().err
    main(["batch", str(mixed), "-o", str(out), "--force"])
    assert "3 pages written, 0 up to date" in capsys.readouterr().err


def test_all_good_exits_zero_without_a_report(tmp_path) -> None:
    (tmp_path / "a.txt").write_bytes(SEED)
    out = tmp_path / "out"
    assert main(["batch", str(tmp_path / "*.txt"), "-o", str(out), "-q"]) == 0
    assert sorted(_tree(out)) == ["a.json"] and not (out / "_failures.jsonl").exists()


def test_jsonl_one_line_per_page_and_resume(mixed, tmp_path) -> None:
    target = tmp_path / "res" / "pages.jsonl"
    assert main(["batch", str(mixed), "--jsonl", str(target), "-q"]) == 3
    lines = target.read_text(encoding="utf-8").splitlines()
    assert sorted(os.path.basename(json.loads(line)["source"]["path"]) for line in lines) == [
        "good1.txt", "good2.txt", "good3.txt"]
    assert len(_failures(target.parent)) == 4
    # A killed writer's half line is dropped, the page is redone, nothing is doubled.
    kept = "\n".join(line for line in lines if "good1.txt" not in line) + "\n"
    target.write_text(kept + lines[0][:50], encoding="utf-8")
    assert main(["batch", str(mixed), "--jsonl", str(target), "-q"]) == 3
    again = target.read_text(encoding="utf-8").splitlines()
    assert sorted(again) == sorted(lines)


@pytest.mark.parametrize("args,message", [
    (["batch", "-o", "x"], "no inputs"),
    (["batch", "fixtures/seed-zh.txt"], "give an output folder"),
    (["batch", "fixtures/seed-zh.txt", "-o", "x", "--workers", "0"], "workers"),
])
def test_usage_errors(args, message: str, capsys, tmp_path) -> None:
    args = [a.replace("x", str(tmp_path / "x")) if a == "x" else a for a in args]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_progress_bar_on_a_terminal() -> None:
    stream = io.StringIO()
    progress = Progress(stream, tty=True)
    progress.update(Tally(inputs_total=10, inputs_done=5, written=7, failed=1), force=True)
    text = stream.getvalue()
    assert text.startswith("\r[##########..........]  5/10 inputs  8 pages")
    assert "pages/s" in text and "ETA" in text and "1 failed" in text


def test_form_feed_text_is_multipage_named_by_the_readers_page_numbers(tmp_path) -> None:
    (tmp_path / "two.txt").write_bytes(SEED + b"\x0c" + SEED)
    (tmp_path / "gap.txt").write_bytes(SEED + b"\x0c \n\x0c" + SEED)  # page 2 is blank: skipped, numbers kept
    out = tmp_path / "out"
    assert main(["batch", str(tmp_path / "*.txt"), "-o", str(out), "-q"]) == 0
    assert sorted(_tree(out)) == ["gap.p001.json", "gap.p003.json", "two.p001.json", "two.p002.json"]
    assert json.loads((out / "gap.p003.json").read_bytes())["source"]["page"] == 3


def test_unwritable_output_stops_the_batch_with_exit_4(tmp_path, capsys) -> None:
    (tmp_path / "in" / "sub").mkdir(parents=True)
    (tmp_path / "in" / "sub" / "a.txt").write_bytes(SEED)
    out = tmp_path / "out"
    out.mkdir()
    (out / "sub").write_text("a file where the mirrored folder must go", encoding="utf-8")
    assert main(["batch", str(tmp_path / "in"), "-o", str(out), "-q", "--workers", "1"]) == 4
    assert main(["batch", str(tmp_path / "in"), "-o", str(out / "sub"), "-q"]) == 4  # OUTDIR is a file
    err = capsys.readouterr().err.splitlines()
    assert err[0] == f"layoutkit: {out / 'sub'}: cannot create the folder: File exists"
    assert err[1].startswith(f"layoutkit: {out / 'sub'}: cannot create the output folder")


def test_batch_takes_the_analysis_options_of_convert(tmp_path):
    """``batch`` analyses pages with the same options as ``convert`` (--modernize,
    --wordlist, --backend, --ignore-input-structure, the limits): its output for a page
    equals ``convert``'s with the same options."""
    src = tmp_path / "in"
    src.mkdir()
    (src / "page.txt").write_text("Deutſches Reich.\n\nDer Geſetzentwurf iſt heute dem Bundesrathe\n"
                                  "vorgelegt worden und wird beſprochen.\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["batch", str(src), "-o", str(out), "--modernize", "--workers", "1", "-q"]) == 0
    batch_page = json.loads((out / "page.json").read_text(encoding="utf-8"))
    texts = [b["text"] for a in batch_page["articles"] for b in a["blocks"]] + [b["text"] for b in batch_page["blocks"]]
    assert texts and not any("ſ" in t for t in texts)
    single = tmp_path / "single.json"
    assert main(["convert", str(src / "page.txt"), "--modernize", "-o", str(single)]) == 0
    convert_page = json.loads(single.read_text(encoding="utf-8"))
    assert batch_page["articles"] == convert_page["articles"]
    # an over-limit page is a failure of that page, reported, not a crash
    assert main(["batch", str(src), "-o", str(tmp_path / "lim"), "--max-lines", "1", "--workers", "1", "-q"]) == 3
