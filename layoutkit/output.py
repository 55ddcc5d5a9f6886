"""Writing outputs safely: a file is either complete or absent, never half-written.

Every output goes to a temporary file in the destination folder, is flushed and
fsync'ed, then renamed over the destination (atomic on POSIX and Windows). A failure
removes the temporary file and raises ``OutputError`` naming the destination.
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
    data = text.encode("utf-8") if isinstance(text, str) else text
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


def write_stdout(text: str) -> None:
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (``layoutkit convert x | head``): not an error of ours.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
