"""Per-page results of converting many inputs: the library face of batch conversion.

``iter_pages(paths)`` yields one typed record per page, in input order: ``PageOk`` with
the reconstructed ``Page``, or ``PageFailure`` naming the file, the page and the error.
It never raises for a bad input, so any scheduler (a loop, a process pool, Dask, Spark's
``mapPartitions``) can call it on its share of the inputs and keep going.

Memory: one input's bytes and at most two of its raw pages (the current one and the one
after, read ahead to know whether the input has several pages) are held at a time.
"""
from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass
from typing import Callable, ClassVar, Iterable, Iterator, Optional, Union

from ..api import PathLike, page_from_read, read_input_bytes, read_pages
from ..errors import InputError, LayoutkitError
from ..model import Page
from ..params import BATCH_EXTENSIONS, Params
from ..pipeline import ProfileSpec
from ..readers import ReadPage

#: Failure messages are cut to this many characters (the report stays one line per page).
MESSAGE_LIMIT = 500


@dataclass(frozen=True, slots=True)
class PageOk:
    """A page converted. ``page`` is 1-based; ``multipage`` says whether the input has
    more than one page (it decides the output name: ``NAME.json`` or ``NAME.pNNN.json``)."""

    path: str
    page: int
    multipage: bool
    result: Page
    ok: ClassVar[bool] = True


@dataclass(frozen=True, slots=True)
class PageFailure:
    """A page (or, with ``page`` None, a whole input) that could not be converted.

    ``error`` is the exception's class name (``InputError``, ``EncodingError``,
    ``PageTimeoutError``, ... or a Python class such as ``ValueError`` for a bug in
    layoutkit); ``message`` is one line, without the path (it is in ``path``).
    """

    path: str
    page: Optional[int]
    error: str
    message: str
    ok: ClassVar[bool] = False

    @classmethod
    def from_exception(cls, path: str, page: Optional[int], exc: BaseException) -> "PageFailure":
        message = exc.message if isinstance(exc, LayoutkitError) else (str(exc) or repr(exc))
        message = " ".join(message.split())[:MESSAGE_LIMIT]
        return cls(path, page, type(exc).__name__, message)

    def to_dict(self) -> dict[str, object]:
        return {"path": self.path, "page": self.page, "error": self.error, "message": self.message}


@dataclass(frozen=True, slots=True)
class PageSkipped:
    """A page a batch did not convert because its output is already up to date."""

    path: str
    page: int
    multipage: bool
    ok: ClassVar[bool] = True


PageResult = Union[PageOk, PageFailure]

#: ``skip(page, multipage) -> bool``: True to leave a page unconverted (batch resume).
SkipRule = Callable[[int, bool], bool]


def _with_page_number(page: Page, number: int) -> Page:
    """Pages of a multi-page input always say which page they are, so one-line-per-page
    outputs (JSONL) can be matched back to their input."""
    if page.source.page is not None:
        return page
    return dataclasses.replace(page, source=dataclasses.replace(page.source, page=number))


#: ``on_page(n)``: called when work on page ``n`` starts (reading it or analysing it), so a
#: watchdog knows which page a stuck worker is on.
PageHook = Callable[[int], None]


def iter_input(path: str, *, format: Optional[str] = None, profile: ProfileSpec = None,
               params: Optional[Params] = None, skip: Optional[SkipRule] = None,
               on_page: Optional[PageHook] = None) -> Iterator[Union[PageOk, PageFailure, PageSkipped]]:
    """Every page of one input as a result record, never raising for bad input.

    Page 2 is read before page 1 is analysed: only then is it known whether the input has
    several pages, which decides output names. After that pages stream one at a time.
    Pages are numbered as the reader numbers them (``source.page``), else by position.
    A reader error ends the input (its iterator cannot go on): the page it was reading is
    reported. An error in one page's analysis is reported and the next page is read.
    """
    params = params or Params()
    hook = on_page or (lambda number: None)
    marked = [0]

    def mark(number: int) -> None:
        if marked[0] != number:
            marked[0] = number
            hook(number)

    mark(1)
    try:
        data = read_input_bytes(path, params)
        pages = read_pages(data, path=path, format=format, params=params)
        current = next(pages, None)
    except Exception as exc:  # noqa: BLE001 - every failure becomes a record
        yield PageFailure.from_exception(path, None, exc)
        return
    del data  # the reader keeps what it needs
    if current is None:
        yield PageFailure.from_exception(path, None, InputError("has no pages", path=path))
        return
    number = _number(current, 1)
    ahead: Optional[ReadPage] = None
    read_error: Optional[Exception] = None
    mark(number + 1)
    try:
        ahead = next(pages, None)
    except Exception as exc:  # noqa: BLE001
        read_error = exc
    multipage = ahead is not None or read_error is not None
    while True:
        mark(number)
        record: Union[PageOk, PageFailure, PageSkipped]
        if skip is not None and skip(number, multipage):
            record = PageSkipped(path, number, multipage)
        else:
            try:
                page = page_from_read(current, profile=profile, params=params)
                if multipage:
                    page = _with_page_number(page, number)
                record = PageOk(path, number, multipage, page)
            except Exception as exc:  # noqa: BLE001
                record = PageFailure.from_exception(path, number, exc)
        current = None  # drop the raw page before yielding: memory stays one page
        yield record
        if read_error is not None:
            yield PageFailure.from_exception(path, number + 1, read_error)
            return
        if ahead is not None:
            current, ahead = ahead, None
        elif not multipage:
            return
        else:
            mark(number + 1)
            try:
                current = next(pages, None)
            except Exception as exc:  # noqa: BLE001
                yield PageFailure.from_exception(path, number + 1, exc)
                return
            if current is None:
                return
        number = _number(current, number + 1)


def _number(raw: ReadPage, fallback: int) -> int:
    """A page's number: the reader's (it may skip numbers, e.g. blank pages of a text
    file), else its position."""
    return raw.source.page if raw.source.page is not None else fallback


def iter_pages(paths: Union[PathLike, Iterable[PathLike]], *, format: Optional[str] = None,
               profile: ProfileSpec = None, params: Optional[Params] = None,
               extensions: Iterable[str] = BATCH_EXTENSIONS) -> Iterator[PageResult]:
    """Convert every page of ``paths`` (files, folders, globs, as ``layoutkit batch``
    takes them), yielding ``PageOk`` or ``PageFailure`` per page, in order, lazily.

    >>> for r in iter_pages(["fixtures/seed-zh.txt"]):  # doctest: +SKIP
    ...     print(r.path, r.page, r.ok and len(r.result.articles))
    fixtures/seed-zh.txt 1 3
    """
    from .inputs import plan_inputs

    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    plan = plan_inputs([os.fspath(p) for p in paths], extensions=tuple(extensions), check_names=False)
    yield from plan.unmatched
    for inp in plan.inputs:
        for record in iter_input(inp.path, format=format, profile=profile, params=params):
            assert not isinstance(record, PageSkipped)
            yield record
