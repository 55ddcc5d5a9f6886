"""``layoutkit convert`` writes pages as they are produced (``layoutkit/pagestream.py``):
the output is byte-identical to rendering the whole document at once, a page is on disk
before the next is analysed, and a failure on a late page leaves no output at all."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Iterator

import pytest

import layoutkit.cli as cli
from layoutkit.errors import EXIT_BAD_INPUT, EXIT_OK, EXIT_USAGE, InputError
from layoutkit.model import Page
from layoutkit.pipeline import parse_text
from layoutkit.serialize import to_json

#: Pages of ~20 KB of JSON each: more than a file buffer, so a written page is on disk.
PAGES = [parse_text(f"Titel der Seite {i}\n\n" + "".join(f"Der Rat hat am Dienstag den Haushalt beschlossen, Absatz {k}.\n\n"
                                                        for k in range(60)))
         for i in range(1, 5)]


def _whole(pages: list[Page], fmt: str) -> str:
    """The document rendered at once: what convert wrote before it streamed."""
    if len(pages) == 1:
        return cli.render(pages[0], fmt)
    if fmt == "json":
        return "[\n" + ",\n".join(to_json(p) for p in pages) + "\n]\n"
    return "\x0c".join(cli.render(p, fmt) for p in pages)


def _fake_pages(monkeypatch: pytest.MonkeyPatch, pages: Iterator[Page]) -> None:
    monkeypatch.setattr(cli, "iter_file_pages", lambda *a, **k: pages)


@pytest.mark.parametrize("n", [1, 2, 4])
@pytest.mark.parametrize("fmt", ["json", "md", "txt"])
def test_streamed_output_is_the_whole_document(n: int, fmt: str, tmp_path: Path, monkeypatch, capsys) -> None:
    src = tmp_path / "in.txt"
    src.write_text("x", encoding="utf-8")
    _fake_pages(monkeypatch, iter(PAGES[:n]))
    assert cli.main(["convert", str(src), "--format", fmt, "-o", str(tmp_path / "out")]) == EXIT_OK
    assert (tmp_path / "out").read_bytes() == _whole(PAGES[:n], fmt).encode("utf-8")
    _fake_pages(monkeypatch, iter(PAGES[:n]))
    capsys.readouterr()
    assert cli.main(["convert", str(src), "--format", fmt]) == EXIT_OK
    assert capsys.readouterr().out == _whole(PAGES[:n], fmt)


def test_a_page_is_written_before_the_next_is_made(tmp_path: Path, monkeypatch) -> None:
    """While page k+1 is being produced, pages 1..k-1 are already in the temporary file
    (page k is held until k+1 exists: the first page decides object vs list)."""
    src = tmp_path / "in.txt"
    src.write_text("x", encoding="utf-8")
    seen: list[int] = []

    def pages() -> Iterator[Page]:
        for k, page in enumerate(PAGES):
            if k >= 2:
                tmp = [p for p in tmp_path.iterdir() if p.name.startswith(".out.json.")]
                assert len(tmp) == 1, "convert writes to one temporary file beside the output"
                seen.append(tmp[0].stat().st_size)
            yield page

    _fake_pages(monkeypatch, pages())
    assert cli.main(["convert", str(src), "-o", str(tmp_path / "out.json")]) == EXIT_OK
    assert len(seen) == 2 and 0 < seen[0] < seen[1]  # the file grew page by page
    assert not any(p.name.endswith(".tmp") for p in tmp_path.iterdir())


def test_failure_on_a_late_page_leaves_nothing(tmp_path: Path, monkeypatch, capsys) -> None:
    src = tmp_path / "in.txt"
    src.write_text("x", encoding="utf-8")
    dest = tmp_path / "out.json"
    dest.write_text("old", encoding="utf-8")

    def pages() -> Iterator[Page]:
        yield from PAGES[:3]
        raise InputError("page 4 cannot be read (broken)", path=str(src))

    for out in (["-o", str(dest)], []):
        _fake_pages(monkeypatch, pages())
        assert cli.main(["convert", str(src), *out]) == EXIT_BAD_INPUT
        captured = capsys.readouterr()
        assert captured.err.strip() == f"layoutkit: {src}: page 4 cannot be read (broken)"
        assert captured.out == ""  # stdout is spooled: nothing of pages 1-3 either
    assert dest.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.txt", "out.json"]


def test_single_page_format_fails_at_the_second_page(tmp_path: Path, monkeypatch, capsys) -> None:
    src = tmp_path / "in.txt"
    src.write_text("x", encoding="utf-8")
    made: list[int] = []

    def pages() -> Iterator[Page]:
        for k, page in enumerate(PAGES):
            made.append(k)
            yield page

    _fake_pages(monkeypatch, pages())
    assert cli.main(["convert", str(src), "--format", "alto", "-o", str(tmp_path / "o.xml")]) == EXIT_USAGE
    assert "writes one page" in capsys.readouterr().err
    assert made == [0, 1]  # the rest of the document was never analysed
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.txt"]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX device")
def test_streaming_to_a_device_writes_in_place(tmp_path: Path, monkeypatch) -> None:
    src = tmp_path / "in.txt"
    src.write_text("x", encoding="utf-8")
    _fake_pages(monkeypatch, iter(PAGES))
    assert cli.main(["convert", str(src), "-o", "/dev/null"]) == EXIT_OK
