"""Reading one page of an input for a view: the reconstructed ``Page`` and the reader's own
lines (the review shows text input line by line, coloured by the block each line went to).
"""
from __future__ import annotations

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

    path: str
    #: 1-based page number inside the input.
    page_number: int
    lines: tuple[Line, ...]
    page: Page


def load_page(path: str, *, page: int = 1, profile: ProfileSpec = None, params: Optional[Params] = None) -> Loaded:
    """Read page ``page`` of ``path`` and reconstruct it (``InputError`` if it has none)."""
    params = params or Params()
    data = read_input_bytes(path, params)
    for raw in read_pages(data, path=path, params=params, pages=[page]):
        result = run_lines(raw.lines, raw.source, profile=profile, params=params, warnings=raw.warnings)
        return Loaded(path=path, page_number=page, lines=tuple(raw.lines), page=result)
    raise InputError(f"has no page {page}", path=path)
