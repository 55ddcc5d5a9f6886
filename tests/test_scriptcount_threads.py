"""ScriptCounter is shared by threads (module-level counters, ``layoutkit.dask`` with the
threads scheduler): threads that meet new class combinations at once must still give
every combination its own code, so that each thread's counts are exact. (The window in
which two threads could take the same code is a few bytecodes wide and cannot be forced
reliably; this checks the contract under as much switching as a test can cause.)"""
from __future__ import annotations

import sys
import threading
import time

import regex

from layoutkit.scriptcount import ScriptCounter

_PATTERNS = [regex.compile(r"\p{Han}"), regex.compile(r"\p{L}"), regex.compile(r"\p{N}")]


def _yielding_class(ch: str) -> str:
    """A secondary classification that gives other threads the interpreter while a
    code is being made (the window in which two threads could take the same code)."""
    time.sleep(0)
    return "a" if ch.isalpha() else "b" if ch.isdigit() else "c"


def test_threads_meeting_new_combinations_get_exact_counts() -> None:
    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        _run_threads()
    finally:
        sys.setswitchinterval(old)


def _run_threads() -> None:
    counter = ScriptCounter(_PATTERNS, secondary=_yielding_class)
    texts = ["漢字abc123", "xyz789中文", "١٢٣ααβ", "カタカナ 42", "ÄÖÜ äöü ß 0"] * 2
    results: dict[int, tuple[int, ...]] = {}
    start = threading.Barrier(len(texts))

    def work(i: int) -> None:
        start.wait()
        results[i] = counter.counts(texts[i] * 3)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(texts))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for i, text in enumerate(texts):
        expected = tuple(len(p.findall(text * 3)) for p in _PATTERNS)
        assert results[i] == expected, text
    codes = list(counter._combos.values())
    assert len(codes) == len(set(codes))  # every combination its own code
