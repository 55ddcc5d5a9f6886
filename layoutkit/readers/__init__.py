"""Readers turn an input (text, PDF, OCR XML) into the shared ``Line`` model.

Every reader is a function ``read(path, data, params, pages) -> Iterator[ReadPage]``
registered in ``READERS`` under its format name (see ``layoutkit.formats``). ``data`` is
the file's bytes (already size-checked); ``pages`` is an optional set of 1-based page
numbers to read (None: all). Readers import their heavy dependencies lazily, inside the
function, so ``import layoutkit`` stays cheap.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterator, Optional, Sequence

from ..model import Line, Source


@dataclass(frozen=True)
class ReadPage:
    """One page as a reader delivers it: lines in reading order, where it came from,
    and anything the reader wants the user to know (``(cid:NN)`` glyphs, OCR layer)."""

    lines: tuple[Line, ...]
    source: Source
    warnings: tuple[str, ...] = ()


Reader = Callable[..., Iterator[ReadPage]]

READERS: dict[str, Reader] = {}


def register(fmt: str) -> Callable[[Reader], Reader]:
    def deco(fn: Reader) -> Reader:
        READERS[fmt] = fn
        return fn
    return deco


def get_reader(fmt: str) -> Optional[Reader]:
    if fmt not in READERS:
        _load_builtin(fmt)
    return READERS.get(fmt)


def _load_builtin(fmt: str) -> None:
    import importlib

    module = {"text": "text", "pdf": "pdf", "alto": "alto", "hocr": "hocr", "page": "pagexml"}.get(fmt)
    if module is None:
        return
    try:
        importlib.import_module(f"{__name__}.{module}")
    except ModuleNotFoundError as exc:
        if exc.name != f"{__name__}.{module}":
            raise


def page_filter(pages: Optional[Sequence[int]]) -> Optional[frozenset[int]]:
    return frozenset(pages) if pages is not None else None
