"""Writing outputs safely: a file is either complete or absent, never half-written.

Every output goes to a temporary file in the destination folder, is flushed and
fsync'ed, then renamed over the destination (atomic on POSIX and Windows). A failure
removes the temporary file and raises ``OutputError`` naming the destination.
An existing destination that is not a regular file (``/dev/null``, a FIFO) is written in
place instead, because renaming over it would replace the device node.
"""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Union

from .errors import OutputError


def write_atomic(path: Union[str, Path], text: Union[str, bytes]) -> None:
    """Write ``text`` (UTF-8) or raw bytes (an image) to ``path`` atomically."""
    dest = Path(path)
    folder = dest.parent if str(dest.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError("output folder does not exist", path=str(dest))
    if dest.is_dir():
        raise OutputError("output path is a directory", path=str(dest))
    data = _utf8(text, str(dest)) if isinstance(text, str) else text
    if dest.exists() and not dest.is_file():
        _write_special(dest, data)
        return
    tmp_name = None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp_name, dest)
        tmp_name = None
    except OSError as exc:
        raise OutputError(f"cannot write: {exc.strerror or exc}", path=str(dest)) from None
    finally:
        if tmp_name is not None:
            try:
                os.unlink(tmp_name)
            except OSError:
                pass


def _write_special(dest: Path, data: bytes) -> None:
    """Write to a device or pipe (``-o /dev/stdout``, a FIFO) in place: renaming a
    temporary file over it would replace the device node itself."""
    try:
        with open(dest, "wb") as fh:
            fh.write(data)
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
    data = _utf8(text, "<stdout>")
    buffer = getattr(sys.stdout, "buffer", None)
    try:
        if buffer is not None:
            sys.stdout.flush()
            buffer.write(data)
            buffer.flush()
        else:  # a text-only stream (an embedding application's sys.stdout)
            sys.stdout.write(text)
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
