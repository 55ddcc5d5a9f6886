"""The library's entry points for files: ``parse_file`` sniffs the format and reads it."""
from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Optional, Union

from .errors import InputError, LimitExceededError, UnsupportedFormatError
from .formats import sniff_format
from .model import Page, Source
from .params import Params
from .pipeline import ProfileSpec, run_lines
from .readers.text import decode_bytes, read_lines

PathLike = Union[str, "os.PathLike[str]"]


def read_input_bytes(path: PathLike, params: Params) -> bytes:
    p = Path(path)
    name = str(path)
    if p.is_dir():
        raise InputError("is a directory, not a file", path=name)
    try:
        size = p.stat().st_size
    except FileNotFoundError:
        raise InputError("no such file", path=name) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path=name) from None
    if size > params.read.max_bytes:
        raise LimitExceededError(f"{size} bytes, more than the limit of {params.read.max_bytes}", path=name)
    try:
        return p.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path=name) from None


def parse_bytes(data: bytes, *, path: Optional[str] = None, format: Optional[str] = None,
                profile: ProfileSpec = None, params: Optional[Params] = None) -> Page:
    """Reconstruct a page from the bytes of a text input (other formats: ``parse_file``)."""
    params = params or Params()
    fmt = format or sniff_format(data[:8192], path)
    if fmt != "text":
        raise UnsupportedFormatError(f"{fmt} input is read by parse_file, not from bytes", path=path)
    if not data.strip():
        raise InputError("empty input", path=path)
    decoded = decode_bytes(data, path=path, encoding=params.read.encoding)
    lines = read_lines(decoded.text, max_lines=params.read.max_lines, path=path)
    if not any(not line.is_blank for line in lines):
        raise InputError("no text (only whitespace)", path=path)
    source = Source(format="text", path=path, sha256=hashlib.sha256(data).hexdigest(), encoding=decoded.encoding)
    return run_lines(lines, source, profile=profile, params=params)


def parse_file(path: PathLike, *, format: Optional[str] = None, profile: ProfileSpec = None,
               params: Optional[Params] = None) -> Page:
    """Reconstruct the page in ``path``. The format is sniffed from the content unless
    given (``text``; PDF and OCR XML readers register here as they land)."""
    params = params or Params()
    name = str(path)
    data = read_input_bytes(path, params)
    fmt = format or sniff_format(data[:8192], name)
    if fmt == "text":
        return parse_bytes(data, path=name, format="text", profile=profile, params=params)
    raise UnsupportedFormatError(f"{fmt} input is not supported yet", path=name)
