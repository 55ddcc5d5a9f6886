"""Writing outputs safely: a file is either complete or absent, never half-written.

Every output goes to a temporary file in the destination folder, is flushed and
fsync'ed, then renamed over the destination (atomic on POSIX and Windows). A failure
removes the temporary file and raises ``OutputError`` naming the destination.
An existing destination that is not a regular file (``/dev/null``, a FIFO) is written in
place instead, because renaming over it would replace the device node.
"""
from __future__ import annotations

import codecs
import os
import shutil
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, Callable, Iterator, Union

from .errors import OutputError


def write_atomic(path: Union[str, Path], text: Union[str, bytes]) -> None:
    """Write ``text`` (UTF-8) or raw bytes (an image) to ``path`` atomically."""
    with atomic_output(path) as write:
        write(text)


@contextmanager
def atomic_output(path: Union[str, Path]) -> Iterator[Callable[[Union[str, bytes]], None]]:
    """Write ``path`` piece by piece, atomically: ``with atomic_output(p) as write:``.

    Each ``write(text)`` goes straight to a temporary file in the destination folder, so
    memory holds one piece, not the whole output (``layoutkit convert`` of a 2,000-page
    PDF writes page by page). When the block ends normally the file is fsync'ed and
    renamed over ``path``; when it raises (an input error on page 1,500, a full disk)
    the temporary file is removed and ``path`` is left as it was. A failing write is an
    ``OutputError`` naming ``path``; the block's own exceptions pass through unchanged.
    """
    dest = Path(path)
    folder = dest.parent if str(dest.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError("output folder does not exist", path=str(dest))
    if dest.is_dir():
        raise OutputError("output path is a directory", path=str(dest))
    if dest.exists() and not dest.is_file():
        # a device or FIFO: spooled, then written in place when complete (see _write_special)
        with _spool(str(dest)) as (spool, write):
            yield write
            spool.seek(0)
            _write_special(dest, spool)
        return
    tmp_name = None
    in_block = False
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as fh:
            in_block = True
            yield _writer(fh, str(dest))
            in_block = False
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp_name, dest)
        tmp_name = None
    except OSError as exc:
        if in_block:
            raise  # not ours: an error of the code producing the output
        raise OutputError(f"cannot write: {exc.strerror or exc}", path=str(dest)) from None
    finally:
        if tmp_name is not None:
            try:
                os.unlink(tmp_name)
            except OSError:
                pass


def _writer(fh: BinaryIO, name: str) -> Callable[[Union[str, bytes]], None]:
    """``write(text)`` for ``fh``: UTF-8, and a failing write as an ``OutputError``."""

    def write(text: Union[str, bytes]) -> None:
        data = _utf8(text, name) if isinstance(text, str) else text
        try:
            fh.write(data)
        except OSError as exc:
            raise OutputError(f"cannot write: {exc.strerror or exc}", path=name) from None

    return write


@contextmanager
def _spool(name: str) -> Iterator[tuple[BinaryIO, Callable[[Union[str, bytes]], None]]]:
    """An anonymous temporary file to collect an output on disk (not in memory) until it
    is complete, for destinations that cannot be renamed over (a device, stdout)."""
    try:
        spool = tempfile.TemporaryFile()
    except OSError as exc:
        raise OutputError(f"cannot write: {exc.strerror or exc}", path=name) from None
    with spool:
        yield spool, _writer(spool, name)


@contextmanager
def stdout_output() -> Iterator[Callable[[Union[str, bytes]], None]]:
    """Standard output written piece by piece: spooled to a temporary file and copied to
    stdout when the block ends normally, so an error on a late page leaves no partial
    output (as with ``-o``) and memory holds one piece at a time."""
    with _spool("<stdout>") as (spool, write):
        yield write
        spool.seek(0)
        decoder = codecs.getincrementaldecoder("utf-8")()
        while chunk := spool.read(1 << 20):
            _stdout_bytes(chunk, decoder)


def _write_special(dest: Path, data: BinaryIO) -> None:
    """Copy the spooled ``data`` to a device or pipe (``-o /dev/stdout``, a FIFO) in
    place: renaming a temporary file over it would replace the device node itself."""
    try:
        with open(dest, "wb") as fh:
            shutil.copyfileobj(data, fh, 1 << 20)
            fh.flush()
    except OSError as exc:
        raise OutputError(f"cannot write: {exc.strerror or exc}", path=str(dest)) from None


def _utf8(text: str, name: str) -> bytes:
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as exc:
        # Only a lone surrogate can fail; the readers never produce one (see
        # ``readers.text.text_from_str``), so this guards library callers' own Pages.
        raise OutputError(f"cannot encode U+{ord(text[exc.start]):04X} as UTF-8", path=name) from None


def write_stdout(text: str) -> None:
    """Write ``text`` to standard output as UTF-8 whatever the locale (JSON is UTF-8).

    A closed pipe (``layoutkit convert x | head``) is not an error of ours; any other
    failure (``> /dev/full``) is an ``OutputError``.
    """
    _stdout_bytes(_utf8(text, "<stdout>"), codecs.getincrementaldecoder("utf-8")())


def _stdout_bytes(data: bytes, decoder: "codecs.IncrementalDecoder") -> None:
    """Write UTF-8 ``data`` to stdout (see ``write_stdout``); ``decoder`` turns it back
    into text for a text-only stream, carrying a character split between two chunks."""
    buffer = getattr(sys.stdout, "buffer", None)
    try:
        if buffer is not None:
            sys.stdout.flush()
            buffer.write(data)
            buffer.flush()
        else:  # a text-only stream (an embedding application's sys.stdout)
            sys.stdout.write(decoder.decode(data))
            sys.stdout.flush()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except OSError as exc:
        _discard_stdout()
        raise OutputError(f"cannot write: {exc.strerror or exc}", path="<stdout>") from None


def _discard_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's exit-time flush of the unwritten
    bytes does not fail a second time with a traceback."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass
