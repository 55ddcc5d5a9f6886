"""Test doubles for batch tests: a text reader that splits a file into several pages and
can hang or fail on a page, installed in the reader registry (workers are forked on
Linux, so they inherit it)."""
from __future__ import annotations

import dataclasses
import os
import signal
import time
from typing import Iterator, Optional, Sequence

from layoutkit.readers import READERS, ReadPage
from layoutkit.readers.text import read_text_pages

#: Separates pages in a test input.
PAGE_BREAK = b"\n<<<page>>>\n"
#: A page containing this never finishes reading.
HANG = b"@@HANG@@"
#: A page containing this makes the reader raise (a corrupt page mid-file).
BOOM = b"@@BOOM@@"
#: A page containing this hangs the first time it is read only (like a page whose
#: analysis is pathological: a new worker reading past it is not stuck again).
HANG_ONCE = b"@@HANG_ONCE@@"
#: A page containing this kills its worker process the first time it is read.
CRASH_ONCE = b"@@CRASH_ONCE@@"

#: Seconds every page takes to read (the kill test slows workers down with it).
DELAY = 0.0


def _first_time(path: Optional[str], number: int) -> bool:
    """True the first time a page is met (a marker file next to the input remembers it)."""
    marker = f"{path}.{number}.seen"
    try:
        with open(marker, "x"):
            return True
    except FileExistsError:
        return False


def _misbehave(path: Optional[str], number: int, chunk: bytes) -> None:
    if DELAY:
        time.sleep(DELAY)
    if HANG in chunk or (HANG_ONCE in chunk and _first_time(path, number)):
        time.sleep(600)
    if CRASH_ONCE in chunk and _first_time(path, number):
        os.kill(os.getpid(), signal.SIGKILL)
    if BOOM in chunk:
        raise ValueError("corrupt page structure")


def split_reader(path: Optional[str], data: bytes, params, pages: Optional[Sequence[int]] = None
                 ) -> Iterator[ReadPage]:
    if PAGE_BREAK not in data:
        _misbehave(path, 1, data)
        yield from read_text_pages(path, data, params, pages)
        return
    for number, chunk in enumerate(data.split(PAGE_BREAK), start=1):
        _misbehave(path, number, chunk)
        if pages is not None and number not in pages:
            continue
        for raw in read_text_pages(path, chunk, params):
            yield dataclasses.replace(raw, source=dataclasses.replace(raw.source, page=number))


def install(monkeypatch, delay: float = 0.0) -> None:
    monkeypatch.setitem(READERS, "text", split_reader)
    monkeypatch.setattr(__import__(__name__, fromlist=["x"]), "DELAY", delay)
