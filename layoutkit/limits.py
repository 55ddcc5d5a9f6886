"""The per-page time limit (``ReadParams.page_timeout``).

Reading and analysing one page must finish within the limit, or the page is refused
with ``PageTimeoutError`` (a ``LimitExceededError``, exit code 1) instead of hanging a batch. On POSIX, in the
main thread, the limit is enforced with a real-time interval timer (``SIGALRM``), which
also interrupts a stage that is stuck inside one call. Elsewhere (other threads,
Windows) the limit is checked when the page is done, so a slow page is still refused
but not interrupted; a batch runner that needs hard isolation runs pages in worker
processes.

The stages are pure functions, so interrupting one leaves no state behind.
"""
from __future__ import annotations

import signal
import threading
import time
from contextlib import contextmanager
from typing import Iterator, Optional

from .errors import PageTimeoutError

try:
    #: The C function behind ``signal.signal``. The ``signal`` module's wrapper converts
    #: the previous handler to its enum, and for a Python function that conversion raises
    #: and catches a ``ValueError``: 14 µs a call, four calls a page (about 1% of a text
    #: page). The handler is set and restored as it was given, so the raw value suffices.
    from _signal import signal as _set_handler
except ImportError:  # another Python implementation
    _set_handler = signal.signal


class _PageTimeout(BaseException):
    """Raised inside the page's code by the timer; BaseException so that no
    ``except Exception`` in a stage or a third-party library swallows it."""


def _timer_usable() -> bool:
    return (hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
            and signal.getitimer(signal.ITIMER_REAL)[0] == 0.0)


@contextmanager
def page_deadline(seconds: Optional[float], *, path: Optional[str], page: Optional[int] = None) -> Iterator[None]:
    """Run the body under a ``seconds`` limit (None or 0: no limit)."""
    if not seconds:
        yield
        return
    where = f"page {page}: " if page is not None else ""
    message = f"{where}took longer than the per-page time limit of {seconds:g} s"
    start = time.monotonic()
    if not _timer_usable():
        yield
        if time.monotonic() - start > seconds:
            raise PageTimeoutError(message, path=path)
        return

    def on_alarm(signum: int, frame: object) -> None:
        raise _PageTimeout()

    previous = _set_handler(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except _PageTimeout:
        raise PageTimeoutError(message, path=path) from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        _set_handler(signal.SIGALRM, previous)
    # The timer's exception can be lost when it lands in a finalizer (``__del__`` during
    # garbage collection prints "Exception ignored" and goes on): check the clock too.
    if time.monotonic() - start > seconds:
        raise PageTimeoutError(message, path=path)
