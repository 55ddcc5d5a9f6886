"""Writing a document's pages as they are produced, for ``layoutkit convert``.

A 2,000-page PDF must convert with the memory of one page: pages come lazily from
``iter_file_pages`` and each is rendered and written before the next is read. The text
written is byte-identical to rendering the whole list at once:

* one page renders as itself (a JSON object, Markdown, text);
* several pages as a JSON array (``[\\n`` page ``,\\n`` page ... ``\\n]\\n``), or Markdown or
  text pages separated by form feeds.

Whether there is more than one page is known only when the second one arrives, so the
first page is held back until then (one page in memory, never more).
"""
from __future__ import annotations

from typing import Callable, Iterable, Optional, Union

from .errors import UsageError
from .model import Page
from .serialize import to_json

#: Formats that describe a single page (a document of several cannot be written as one).
SINGLE_PAGE_FORMATS = ("alto", "page")


def stream_pages(pages: Iterable[Page], fmt: str, write: Callable[[Union[str, bytes]], None],
                 render: Callable[[Page, str], str]) -> int:
    """Render ``pages`` in format ``fmt`` with ``render(page, fmt)`` and ``write`` them
    one by one; returns how many there were (0: nothing was written).

    A single-page format given a second page raises ``UsageError`` at once (before the
    rest of the document is analysed)."""
    first: Optional[Page] = None
    count = 0
    for page in pages:
        count += 1
        if count == 1:
            first = page
            continue
        if count == 2:
            if fmt in SINGLE_PAGE_FORMATS:
                raise UsageError(f"--format {fmt} writes one page and the input has more than one: pass --page N")
            assert first is not None
            write("[\n" + to_json(first) if fmt == "json" else render(first, fmt))
            first = None
        write(",\n" + to_json(page) if fmt == "json" else "\x0c" + render(page, fmt))
    if count == 1:
        assert first is not None
        write(render(first, fmt))
    elif count > 1 and fmt == "json":
        write("\n]\n")
    return count
