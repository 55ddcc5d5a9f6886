"""Reading one page of an input for a view: the reconstructed ``Page``, the reader's own
lines (the review shows text input line by line, coloured by the block each line went to)
and the input's bytes (a PDF page is rendered from them, so the file is read once).
"""
from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import Optional

from ..api import read_input_bytes, read_pages
from ..errors import InputError
from ..model import Line, Page
from ..params import Params
from ..pipeline import ProfileSpec, run_lines


@dataclass(frozen=True)
class Loaded:
    """One page of an input: where it came from, what the reader saw, what came out."""

    #: The input's path, or None for standard input.
    path: Optional[str]
    #: 1-based page number inside the input.
    page_number: int
    lines: tuple[Line, ...]
    page: Page
    data: bytes


def load_page(path: str, *, page: int = 1, profile: ProfileSpec = None, params: Optional[Params] = None) -> Loaded:
    """Read page ``page`` of ``path`` (``-``: standard input) and reconstruct it
    (``InputError`` if the input has no such page)."""
    params = params or Params()
    name: Optional[str] = None if path == "-" else path
    data = sys.stdin.buffer.read() if name is None else read_input_bytes(path, params)
    for raw in read_pages(data, path=name, params=params, pages=[page]):
        result = run_lines(raw.lines, raw.source, profile=profile, params=params, warnings=raw.warnings)
        return Loaded(path=name, page_number=page, lines=tuple(raw.lines), page=result, data=data)
    raise InputError(f"has no page {page}", path=name)
