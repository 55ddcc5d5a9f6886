"""Batch outputs: names, freshness (resume), per-page JSON files, the JSONL stream and
the failure report.

Crash safety, the contract a killed run relies on:

- a per-page JSON file is written with ``write_atomic`` (temp file, fsync, rename): it is
  complete or absent. A temp file orphaned by a kill is hidden (``.NAME.json.XXXX.tmp``),
  never taken for an output, and removed by a later run once it is a minute old
  (``remove_orphan_temp_files``).
- JSONL lines and failure records are appended with one ``write`` call each on an
  ``O_APPEND`` descriptor, so a killed process leaves whole lines; the next run still
  drops a trailing partial line (power loss, a full disk) before appending.
- a page counts as done when its output exists and is at least as new as its input, so a
  re-run converts exactly the pages that have no up-to-date output.
"""
from __future__ import annotations

import json
import os
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Optional, Union

from ..errors import OutputError
from ..model import Page
from ..output import write_atomic
from ..params import Params
from ..pipeline import ProfileSpec
from ..serialize import to_json
from .inputs import InputFile
from .results import PageFailure, PageHook, PageOk, PageSkipped, iter_input

#: The failure report in the output folder: one JSON object per failed page.
FAILURES_NAME = "_failures.jsonl"

#: Temp files ``write_atomic`` makes (``.NAME.json.XXXXXXXX.tmp``).
_ORPHAN_TEMP = re.compile(r"^\..+\.json\.[A-Za-z0-9_]+\.tmp$")


@dataclass(frozen=True, slots=True)
class Destination:
    """Where a batch writes: per-page JSON files under ``folder``, or (``jsonl``) lines the
    coordinating process appends to one file. ``force`` redoes up-to-date pages."""

    folder: Optional[str]
    jsonl: bool = False
    force: bool = False


@dataclass(frozen=True, slots=True)
class Written:
    """A page written to ``output``."""

    path: str
    page: int
    output: str


@dataclass(frozen=True, slots=True)
class JsonlRow:
    """A converted page as one JSON line (no newline), for the JSONL writer to append."""

    path: str
    page: int
    text: str


PageEvent = Union[Written, JsonlRow, PageSkipped, PageFailure]


def output_path(folder: Union[str, Path], name: str, page: int, multipage: bool) -> Path:
    """``NAME.json`` for a single page, ``NAME.pNNN.json`` for page NNN of several."""
    return Path(folder, f"{name}.p{page:03d}.json" if multipage else f"{name}.json")


def input_mtime_ns(path: str) -> Optional[int]:
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return None  # missing: reading it reports the error


def is_fresh(output: Path, mtime_ns: Optional[int]) -> bool:
    """An output exists and is at least as new as its input (so it need not be redone)."""
    if mtime_ns is None:
        return False
    try:
        return output.stat().st_mtime_ns >= mtime_ns
    except OSError:
        return False


def page_json(page: Page) -> str:
    """The bytes ``layoutkit convert`` writes for a page, so both give identical files."""
    return to_json(page) + "\n"


def convert_to_outputs(inp: InputFile, dest: Destination, *, format: Optional[str] = None,
                       profile: ProfileSpec = None, params: Optional[Params] = None,
                       reported: frozenset[int] = frozenset(), done_pages: frozenset[int] = frozenset(),
                       on_page: Optional[PageHook] = None) -> Iterator[PageEvent]:
    """Convert one input, writing each page's JSON (or yielding it as a JSONL row), and
    yield what happened to every page. Pages in ``reported`` (already reported by a worker
    that was replaced) and ``done_pages`` (already in the JSONL) are skipped; ``on_page``
    is told when work on a page starts (the pool's watchdog).

    Raises ``OutputError`` when a file cannot be written: that stops a batch, since every
    other page would fail the same way (full disk, lost permission).
    """
    mtime = input_mtime_ns(inp.path)

    def skip(page: int, multipage: bool) -> bool:
        if page in reported or page in done_pages:
            return True
        if dest.force or dest.jsonl or dest.folder is None:
            return False
        return is_fresh(output_path(dest.folder, inp.name, page, multipage), mtime)

    for record in iter_input(inp.path, format=format, profile=profile, params=params, skip=skip,
                             on_page=on_page):
        if not isinstance(record, PageOk):
            yield record
        elif dest.jsonl:
            yield JsonlRow(inp.path, record.page, record.result.to_json(indent=None))
        else:
            assert dest.folder is not None
            target = output_path(dest.folder, inp.name, record.page, record.multipage)
            text = page_json(record.result)
            try:
                write_atomic(target, text)
            except OutputError:
                if target.parent.is_dir():
                    raise
                try:
                    target.parent.mkdir(parents=True, exist_ok=True)  # a mirrored subfolder
                except OSError as exc:
                    raise OutputError(f"cannot create the folder: {exc.strerror or exc}",
                                      path=str(target.parent)) from None
                write_atomic(target, text)
            yield Written(inp.path, record.page, str(target))


#: A temp file older than this (seconds) is an orphan: ``write_atomic`` renames its temp
#: file milliseconds after creating it. The margin keeps a run from deleting the temp file
#: another run (a job sharing the output folder) is writing at that moment.
ORPHAN_AGE = 60.0


def remove_orphan_temp_files(folder: Union[str, Path], *, older_than: float = ORPHAN_AGE) -> int:
    """Delete the hidden temp files a killed run left behind; returns how many."""
    removed = 0
    cutoff = time.time() - older_than
    for root, _dirs, files in os.walk(folder):
        for name in files:
            if _ORPHAN_TEMP.match(name):
                path = os.path.join(root, name)
                try:
                    if os.stat(path).st_mtime <= cutoff:
                        os.unlink(path)
                        removed += 1
                except OSError:
                    pass
    return removed


def _append_line(fd: int, line: str, where: str) -> None:
    """One ``write`` call per line: a kill leaves the line whole or absent."""
    data = (line + "\n").encode("utf-8")
    try:
        written = os.write(fd, data)
        while written < len(data):  # only on a full disk or a signal mid-write
            written += os.write(fd, data[written:])
    except OSError as exc:
        raise OutputError(f"cannot write: {exc.strerror or exc}", path=where) from None


def _open_append(path: Path) -> int:
    try:
        return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    except OSError as exc:
        raise OutputError(f"cannot write: {exc.strerror or exc}", path=str(path)) from None


def _drop_partial_last_line(path: Path) -> None:
    """Cut a trailing line without its newline (a write cut short by power loss)."""
    with open(path, "rb+") as fh:
        fh.seek(0, os.SEEK_END)
        size = fh.tell()
        if size == 0:
            return
        block = 65536
        pos = size
        while pos > 0:
            start = max(0, pos - block)
            fh.seek(start)
            chunk = fh.read(pos - start)
            if pos == size and chunk.endswith(b"\n"):
                return
            nl = chunk.rfind(b"\n")
            if nl >= 0:
                fh.truncate(start + nl + 1)
                return
            pos = start
        fh.truncate(0)


class FailureReport:
    """``_failures.jsonl``: created on the first failure of a run (a stale report from an
    earlier run is removed when the run starts: failed pages are retried)."""

    def __init__(self, path: Union[str, Path]):
        self.path = Path(path)
        self.count = 0
        self._fd: Optional[int] = None

    def reset(self) -> None:
        try:
            self.path.unlink()
        except FileNotFoundError:
            pass
        except OSError as exc:
            raise OutputError(f"cannot remove the old report: {exc.strerror}", path=str(self.path)) from None

    def add(self, failure: PageFailure) -> None:
        if self._fd is None:
            self._fd = _open_append(self.path)
        _append_line(self._fd, json.dumps(failure.to_dict(), ensure_ascii=False), str(self.path))
        self.count += 1

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


class JsonlSink:
    """The ``--jsonl`` output: one page per line, appended by the coordinating process.

    On a re-run the pages already in the file are not redone (``done_pages``); the key is
    the line's ``source.path`` and ``source.page`` (1 for single-page inputs). ``force``
    starts the file afresh.
    """

    def __init__(self, path: Union[str, Path], *, force: bool = False):
        self.path = Path(path)
        self._done: dict[str, set[int]] = {}
        if force or not self.path.exists():
            try:
                self.path.write_bytes(b"")
            except OSError as exc:
                raise OutputError(f"cannot write: {exc.strerror or exc}", path=str(self.path)) from None
        else:
            _drop_partial_last_line(self.path)
            self._index()
        self._fd = _open_append(self.path)

    def _index(self) -> None:
        with open(self.path, encoding="utf-8", errors="replace") as fh:
            for line in fh:
                try:
                    source = json.loads(line)["source"]
                    self._done.setdefault(source["path"], set()).add(int(source.get("page") or 1))
                except (ValueError, KeyError, TypeError):
                    continue  # not one of ours: the page is simply done again

    def done_pages(self, path: str) -> frozenset[int]:
        return frozenset(self._done.get(path, ()))

    def add(self, row: JsonlRow) -> None:
        _append_line(self._fd, row.text, str(self.path))

    def close(self) -> None:
        os.close(self._fd)
