"""The bad-input matrix: every way an input or an output can be wrong, through the CLI.

Each row runs ``layoutkit convert INPUT -o OUT`` and checks the documented contract
(``docs/errors.md``): the exit code, one stderr line ``layoutkit: FILE: problem`` naming
the file, no traceback, and no output file (not even a temporary one) when it failed.
Rows for readers that are not in this checkout yet are xfail(strict=False) with the
reason "reader not merged yet".
"""
from __future__ import annotations

import errno
import importlib.util
import json
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

import pytest

from layoutkit.cli import main
from layoutkit.errors import EXIT_BAD_INPUT, EXIT_OK, EXIT_OUTPUT, EXIT_USAGE

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pdf_factory import image_only_content, pdf_bytes, pdf_file, text_page  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
ZH = "本报讯 记者杨鹤报道：春节期间，全县各乡镇举办“村晚”活动，群众自编自演节目，年味浓厚。\n" * 6
DE = "Die Stadtverordneten haben am Dienstag den Haushalt für das kommende Jahr beschlossen; Größe zählt.\n" * 6


def _has(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


PDF = _has("layoutkit.readers.pdf")
ALTO = _has("layoutkit.readers.alto")
NOT_MERGED = "reader not merged yet"


@dataclass
class Row:
    """One matrix row: ``make(tmp)`` creates the input and returns its path (as passed
    on the command line); ``code`` is the documented exit code; ``says`` a fragment of
    the one-line message; ``needs`` a reader module that must be present."""

    id: str
    make: Callable[[Path], str]
    code: int
    says: str = ""
    needs: Optional[str] = None
    out: Optional[Callable[[Path], str]] = None
    extra: list[str] = field(default_factory=list)


def _write(name: str, data: bytes) -> Callable[[Path], str]:
    def make(tmp: Path) -> str:
        p = tmp / name
        p.write_bytes(data)
        return str(p)
    return make


def _billion_laughs() -> bytes:
    ents = ['<!ENTITY lol0 "lol">'] + [f'<!ENTITY lol{i} "{("&lol%d;" % (i - 1)) * 10}">' for i in range(1, 10)]
    return ('<?xml version="1.0"?>\n<!DOCTYPE alto [' + "".join(ents) + ']>\n'
            '<alto xmlns="http://www.loc.gov/standards/alto/ns-v4#"><Layout><Page ID="p1" WIDTH="100" HEIGHT="100">'
            '<PrintSpace><TextBlock ID="b1"><TextLine ID="l1"><String CONTENT="&lol9;" HPOS="1" VPOS="1" WIDTH="9" '
            'HEIGHT="9"/></TextLine></TextBlock></PrintSpace></Page></Layout></alto>').encode()


def _external_entity() -> bytes:
    return (b'<?xml version="1.0"?>\n<!DOCTYPE alto [<!ENTITY xxe SYSTEM "file:///etc/hostname">]>\n'
            b'<alto xmlns="http://www.loc.gov/standards/alto/ns-v4#"><Layout><Page ID="p1" WIDTH="100" HEIGHT="100">'
            b'<PrintSpace><TextBlock ID="b1"><TextLine ID="l1"><String CONTENT="&xxe;" HPOS="1" VPOS="1" WIDTH="9" '
            b'HEIGHT="9"/></TextLine></TextBlock></PrintSpace></Page></Layout></alto>')


def _directory(tmp: Path) -> str:
    d = tmp / "page.txt"
    d.mkdir()
    return str(d)


def _unreadable(tmp: Path) -> str:
    p = tmp / "locked.txt"
    p.write_text(DE, encoding="utf-8")
    p.chmod(0)
    return str(p)


def _fifo_free_missing(tmp: Path) -> str:
    return str(tmp / "does-not-exist.txt")


def _ok_text(tmp: Path) -> str:
    return _write("page.txt", DE.encode("utf-8"))(tmp)


def _missing_folder_out(tmp: Path) -> str:
    return str(tmp / "no" / "such" / "folder" / "out.json")


MIXED = ZH.encode("utf-8") + "Café crème".encode("latin-1") + b"\n" + ZH.encode("utf-8")
ROOT_USER = hasattr(os, "geteuid") and os.geteuid() == 0

ROWS = [
    Row("empty-file", _write("empty.txt", b""), EXIT_BAD_INPUT, "empty input"),
    Row("whitespace-only", _write("blank.txt", b" \n\t\r\n\x0c\n"), EXIT_BAD_INPUT, "empty input"),
    Row("unicode-whitespace-only", _write("blank2.txt", "\u3000\u00a0\n".encode()), EXIT_BAD_INPUT, "no text"),
    Row("binary-file", _write("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8),
        EXIT_BAD_INPUT, "binary"),
    Row("missing-file", _fifo_free_missing, EXIT_BAD_INPUT, "no such file"),
    Row("directory-as-input", _directory, EXIT_BAD_INPUT, "is a directory"),
    # CI runs as root, which reads a chmod-000 file anyway: then the page converts.
    Row("unreadable-file", _unreadable, EXIT_OK if ROOT_USER else EXIT_BAD_INPUT,
        "" if ROOT_USER else "permission denied"),
    Row("over-max-bytes", _write("big.txt", DE.encode() * 10), EXIT_BAD_INPUT, "more than the limit",
        extra=["--max-bytes", "100"]),
    Row("over-max-lines", _write("long.txt", DE.encode() * 10), EXIT_BAD_INPUT, "more than the limit",
        extra=["--max-lines", "5"]),
    Row("bad-limit-value", _ok_text, EXIT_USAGE, "max_lines", extra=["--max-lines", "0"]),
    Row("text-gb18030", _write("gb.txt", ZH.encode("gb18030")), EXIT_OK, "村晚"),
    Row("text-big5", _write("big5.txt", ZH.encode("big5", "replace")), EXIT_OK, "村晚"),
    Row("text-utf16", _write("u16.txt", ZH.encode("utf-16")), EXIT_OK, "村晚"),
    Row("text-utf16-no-bom", _write("u16le.txt", DE.encode("utf-16-le")), EXIT_OK, "Größe"),
    Row("text-latin1", _write("latin1.txt", DE.encode("latin-1")), EXIT_OK, "Größe"),
    Row("text-mixed-broken", _write("mixed.txt", MIXED), EXIT_OK, "Café"),
    Row("wrong-extension-text-as-xml", _write("page.xml", DE.encode()), EXIT_OK, "Haushalt"),
    Row("wrong-extension-pdf-as-txt", _write("scan.txt", pdf_bytes(1)), EXIT_OK, "HEADLINE", needs="pdf"),
    Row("truncated-pdf", _write("cut.pdf", pdf_bytes(3)[:700]), EXIT_BAD_INPUT, "cut.pdf", needs="pdf"),
    Row("corrupt-pdf", _write("junk.pdf", b"%PDF-1.4\n" + bytes(range(256)) * 20), EXIT_BAD_INPUT, "junk.pdf",
        needs="pdf"),
    Row("encrypted-pdf", _write("secret.pdf", pdf_bytes(1, user_password="secret")), EXIT_BAD_INPUT, "encrypt",
        needs="pdf"),
    Row("image-only-pdf", _write("scan.pdf", pdf_bytes(1, lambda i: image_only_content())), EXIT_BAD_INPUT,
        "text", needs="pdf"),
    Row("zero-page-pdf", _write("none.pdf", pdf_bytes(0)), EXIT_BAD_INPUT, "no pages", needs="pdf"),
    Row("malformed-xml", _write("cut.xml", _external_entity()[:-40]), EXIT_BAD_INPUT, "cut.xml", needs="alto"),
    Row("billion-laughs-xml", _write("laughs.xml", _billion_laughs()), EXIT_BAD_INPUT, "laughs.xml", needs="alto"),
    Row("external-entity-xml", _write("xxe.xml", _external_entity()), EXIT_BAD_INPUT, "xxe.xml", needs="alto"),
    Row("output-missing-folder", _ok_text, EXIT_OUTPUT, "output folder does not exist", out=_missing_folder_out),
    Row("output-is-directory", _ok_text, EXIT_OUTPUT, "is a directory", out=lambda tmp: str(tmp)),
    Row("output-full-device", _ok_text, EXIT_OUTPUT, "No space left", out=lambda tmp: "/dev/full"),
]

_NEEDS = {"pdf": PDF, "alto": ALTO}


def _params():
    for row in ROWS:
        marks = []
        if row.needs and not _NEEDS[row.needs]:
            marks.append(pytest.mark.xfail(strict=False, reason=NOT_MERGED))
        if row.out is not None and row.out(Path("/")) == "/dev/full" and not os.path.exists("/dev/full"):
            marks.append(pytest.mark.skip(reason="no /dev/full on this system"))
        yield pytest.param(row, id=row.id, marks=marks)


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".") and p.name.endswith(".tmp"))


@pytest.mark.parametrize("row", list(_params()))
def test_bad_input_matrix(row: Row, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = row.make(tmp_path)
    outdir = tmp_path / "out"
    outdir.mkdir()
    out = row.out(tmp_path) if row.out else str(outdir / "page.json")
    code = main(["convert", src, "-o", out, *row.extra])
    captured = capsys.readouterr()
    err = captured.err
    assert "Traceback" not in err
    assert code == row.code, f"exit {code}, stderr: {err!r}"
    if code == EXIT_OK:
        assert err == ""
        page = json.loads(Path(out).read_text(encoding="utf-8"))
        text = " ".join(b["text"] for a in page["articles"] for b in a["blocks"]) + " ".join(
            b["text"] for b in page["blocks"])
        assert row.says in text
        return
    lines = [ln for ln in err.splitlines() if ln.strip() and not ln.startswith("usage:")]
    assert len(lines) == 1, f"expected one message line, got {err!r}"
    assert lines[0].startswith("layoutkit: ")
    assert row.says.lower() in lines[0].lower()
    if code in (EXIT_BAD_INPUT, EXIT_OUTPUT) and row.id != "bad-limit-value":
        named = out if code == EXIT_OUTPUT else src
        assert named in lines[0], f"message does not name {named}: {lines[0]!r}"
    if out != "/dev/full" and not Path(out).is_dir():
        assert not Path(out).exists(), "a failed run left an output file"
    for folder in {outdir, Path(out).parent}:
        if folder.is_dir() and str(folder) != "/dev":
            assert _leftovers(folder) == [], "a failed run left a temporary file"


def test_unreadable_file_message(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch) -> None:
    """What a non-root user sees for a chmod-000 file (simulated: root reads anything)."""
    src = tmp_path / "locked.txt"
    src.write_text(DE, encoding="utf-8")

    def denied(self: Path) -> bytes:
        raise PermissionError(errno.EACCES, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", denied)
    code = main(["convert", str(src), "-o", str(tmp_path / "out.json")])
    err = capsys.readouterr().err
    assert code == EXIT_BAD_INPUT
    assert err.strip() == f"layoutkit: {src}: cannot read: Permission denied"
    assert not (tmp_path / "out.json").exists()


@pytest.mark.parametrize("failing", ["write", "fsync"])
def test_disk_full_while_writing(failing: str, tmp_path: Path, capsys, monkeypatch) -> None:
    """ENOSPC in the middle of writing: exit 4, the destination untouched (an old file
    stays as it was), no temporary file left."""
    src = Path(_ok_text(tmp_path))
    dest = tmp_path / "page.json"
    dest.write_text("old contents", encoding="utf-8")

    def enospc(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    if failing == "fsync":
        monkeypatch.setattr(os, "fsync", enospc)
    else:
        monkeypatch.setattr(os, "fdopen", lambda fd, mode="r", *a, **k: _FailingFile(fd))
    code = main(["convert", str(src), "-o", str(dest)])
    err = capsys.readouterr().err
    assert code == EXIT_OUTPUT, err
    assert err.strip() == f"layoutkit: {dest}: cannot write: No space left on device"
    assert dest.read_text(encoding="utf-8") == "old contents"
    assert _leftovers(tmp_path) == []


class _FailingFile:
    """A file object whose write fails with ENOSPC (closes the real descriptor)."""

    def __init__(self, fd: int):
        self.fd = fd

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        os.close(self.fd)
        return False

    def write(self, data: bytes) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    def flush(self) -> None:
        pass

    def fileno(self) -> int:
        return self.fd


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
def test_stdout_on_full_disk_in_a_real_process(tmp_path: Path) -> None:
    """``layoutkit convert page.txt > /dev/full``: exit 4, one line, no traceback."""
    src = _ok_text(tmp_path)
    with open("/dev/full", "wb") as full:
        proc = subprocess.run([sys.executable, "-m", "layoutkit", "convert", src], stdout=full,
                              stderr=subprocess.PIPE, cwd=ROOT, timeout=120)
    err = proc.stderr.decode()
    assert proc.returncode == EXIT_OUTPUT, err
    assert err == "layoutkit: <stdout>: cannot write: No space left on device\n"


def test_binary_input_in_a_real_process(tmp_path: Path) -> None:
    src = _write("x.bin", bytes(range(256)) * 4)(tmp_path)
    proc = subprocess.run([sys.executable, "-m", "layoutkit", "convert", src, "-o", str(tmp_path / "o.json")],
                          capture_output=True, cwd=ROOT, timeout=120)
    assert proc.returncode == EXIT_BAD_INPUT
    assert proc.stderr.decode() == f"layoutkit: {src}: binary file (NUL bytes), not text\n"
    assert not (tmp_path / "o.json").exists()


@pytest.mark.skipif(not PDF, reason=NOT_MERGED)
def test_2000_page_pdf_streams(tmp_path: Path) -> None:
    """A 2,000-page PDF is read page by page (``iter_file_pages``), not all at once:
    the first page arrives before the rest is read. Memory is measured by
    ``bench/reliability_memory.py`` (peak RSS against a 20-page file)."""
    from layoutkit.api import iter_file_pages

    path = pdf_file(tmp_path / "big.pdf", 2000, text_page)
    it = iter_file_pages(path)
    first = next(it)
    assert "HEADLINE OF PAGE 1" in first.to_json()
    second = next(it)
    assert "PAGE 2" in second.to_json()
