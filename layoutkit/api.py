"""The library's entry points for files: sniff the format, read, run the pipeline."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator, Optional, Sequence, Union

from .errors import InputError, LimitExceededError, UnsupportedFormatError
from .formats import sniff_format
from .limits import page_deadline
from .model import Page
from .params import Params, default_params
from .pipeline import ProfileSpec, run_lines
from .readers import ReadPage, get_reader

PathLike = Union[str, "os.PathLike[str]"]


def read_input_bytes(path: PathLike, params: Params) -> bytes:
    """The bytes of ``path``, with the size limit and clear errors for missing files,
    directories and unreadable files."""
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


def read_pages(data: bytes, *, path: Optional[str] = None, format: Optional[str] = None,
               params: Optional[Params] = None, pages: Optional[Sequence[int]] = None) -> Iterator[ReadPage]:
    """The raw pages of an input (before layout analysis), lazily."""
    params = params or default_params()
    fmt = format or sniff_format(data[:8192], path)
    reader = get_reader(fmt)
    if reader is None:
        raise UnsupportedFormatError(f"{fmt} input is not supported", path=path)
    return reader(path, data, params, pages)


def iter_bytes_pages(data: bytes, *, path: Optional[str] = None, format: Optional[str] = None,
                     profile: ProfileSpec = None, params: Optional[Params] = None,
                     pages: Optional[Sequence[int]] = None) -> Iterator[Page]:
    params = params or default_params()
    raws = iter(read_pages(data, path=path, format=format, params=params, pages=pages))
    number = 0
    while True:
        number += 1
        # The per-page time limit covers reading the page and analysing it.
        with page_deadline(params.read.page_timeout, path=path, page=number):
            raw = next(raws, None)
            if raw is None:
                return
            page = page_from_read(raw, profile=profile, params=params)
        yield page


def page_from_read(raw: ReadPage, *, profile: ProfileSpec = None, params: Optional[Params] = None) -> Page:
    """Run the layout stages on one page as a reader delivered it. Batch runs call this
    per page (not ``iter_file_pages``) so a failure in one page's analysis does not end
    the reader's iteration over the pages after it."""
    return run_lines(raw.lines, raw.source, profile=profile, params=params, warnings=raw.warnings)


def iter_file_pages(path: PathLike, *, format: Optional[str] = None, profile: ProfileSpec = None,
                    params: Optional[Params] = None, pages: Optional[Sequence[int]] = None) -> Iterator[Page]:
    """Every page of ``path`` (a PDF or multi-page ALTO has several), lazily, in order."""
    params = params or default_params()
    data = read_input_bytes(path, params)
    yield from iter_bytes_pages(data, path=str(path), format=format, profile=profile, params=params, pages=pages)


def parse_bytes(data: bytes, *, path: Optional[str] = None, format: Optional[str] = None,
                profile: ProfileSpec = None, params: Optional[Params] = None, page: Optional[int] = None) -> Page:
    """Reconstruct one page from an input's bytes (see ``parse_file``)."""
    found = list(iter_bytes_pages(data, path=path, format=format, profile=profile, params=params,
                                  pages=[page] if page is not None else None))
    return _single(found, path, page)


def parse_file(path: PathLike, *, format: Optional[str] = None, profile: ProfileSpec = None,
               params: Optional[Params] = None, page: Optional[int] = None) -> Page:
    """Reconstruct the page in ``path``; the format is sniffed from the content unless
    given. A multi-page input needs ``page=N`` (1-based); ``iter_file_pages`` gives all."""
    found = list(iter_file_pages(path, format=format, profile=profile, params=params,
                                 pages=[page] if page is not None else None))
    return _single(found, str(path), page)


def _single(found: list[Page], path: Optional[str], page: Optional[int]) -> Page:
    if not found:
        raise InputError(f"has no page {page}" if page is not None else "has no pages", path=path)
    if len(found) > 1:
        raise InputError(f"has {len(found)} pages: pass page=N or use iter_file_pages()", path=path)
    return found[0]


def parse_pdf(path: PathLike, pages: Optional[Sequence[int]] = None, *, backend: Optional[str] = None,
              profile: ProfileSpec = None, params: Optional[Params] = None) -> list[Page]:
    """Reconstruct the pages of a PDF (all, or the 1-based ``pages``), one ``Page`` each.

    ``backend`` picks the character extraction: ``"pdfplumber"`` (default) or ``"pdfium"``
    (pypdfium2, same result, much faster). Layout analysis is layoutkit's own, from
    character geometry (see ``layoutkit.layout``); every block carries a ``bbox`` in PDF
    points, origin top-left.
    """
    from dataclasses import replace

    params = params or default_params()
    if backend is not None:
        params = params.with_(read=replace(params.read, pdf_backend=backend))
    return list(iter_file_pages(path, format="pdf", profile=profile, params=params, pages=pages))
