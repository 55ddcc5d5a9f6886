"""The cyclic garbage collector paused while one page goes through the text stages.

The text stages after reading (regions, reflow, typing, assembly) build and drop a
hundred thousand small objects on a scanned newspaper page (frozen dataclasses, tuples,
strings). CPython's generational collector runs a young-generation pass every 700 net
allocations and, now and then, a full pass over every live object, which includes the
page's lines (and, on the PDF path, its characters). None of that work finds anything:
the stages make no reference cycles (their values are immutable trees), so their garbage
is freed by reference counting as it is dropped. Measured on the Library of Congress
scans (``bench/pdf_stages.py``): ~20% of the text stages' CPU time was the collector.

So ``run_lines`` (and ``layout.analyze`` for a PDF page's geometry) pauses it for the
page and resumes it after, when it was running (a caller that disabled it keeps it
disabled); whatever cyclic garbage the page left is collected on the collector's next
pass. The pause is process-wide (``gc`` has no
per-thread switch): another thread allocating meanwhile is not collected until the page
ends, which at worst defers its collection by one page's time.
"""
from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def collector_paused() -> Iterator[None]:
    """Run the block with the cyclic garbage collector disabled, re-enabled after it
    only if it was enabled before (nesting and callers' own settings are respected)."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
