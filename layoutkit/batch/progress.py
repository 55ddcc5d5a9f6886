"""Batch progress: a one-line bar on a terminal, plain periodic lines in a log.

On a terminal the bar is redrawn in place at most ``TTY_INTERVAL`` times a second:

    [#########...........]  451/1000 inputs  1203 pages  38.2 pages/s  ETA 0:00:14  2 failed

Elsewhere (a log file, CI, a pipe) a full line is written every ``LOG_INTERVAL``
seconds and at the end, with no carriage returns or colour codes to garble a log.
"""
from __future__ import annotations

import sys
import time
from dataclasses import dataclass
from typing import Optional, TextIO

TTY_INTERVAL = 0.1
LOG_INTERVAL = 30.0
_BAR = 20


@dataclass
class Tally:
    """Running counts of a batch (mutable: the coordinator adds as events arrive)."""

    inputs_total: int = 0
    inputs_done: int = 0
    #: Inputs found up to date by the coordinator without being opened (no work done).
    inputs_skipped: int = 0
    written: int = 0
    skipped: int = 0
    failed: int = 0

    @property
    def pages(self) -> int:
        return self.written + self.skipped + self.failed


def _clock(seconds: float) -> str:
    s = int(round(seconds))
    return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}"


class Progress:
    """Draws a ``Tally``. ``quiet`` prints nothing at all (the caller reports errors)."""

    def __init__(self, stream: Optional[TextIO] = None, *, tty: Optional[bool] = None, quiet: bool = False):
        self.stream = stream if stream is not None else sys.stderr
        self.tty = self.stream.isatty() if tty is None else tty
        self.quiet = quiet
        self.start = time.monotonic()
        self._last = self.start if not self.tty else 0.0  # log lines: the first after LOG_INTERVAL
        self._width = 0

    def _rate(self, tally: Tally) -> float:
        elapsed = time.monotonic() - self.start
        return (tally.written + tally.failed) / elapsed if elapsed > 0 else 0.0

    def _eta(self, tally: Tally) -> str:
        worked = tally.inputs_done - tally.inputs_skipped
        left = tally.inputs_total - tally.inputs_done
        elapsed = time.monotonic() - self.start
        if left <= 0:
            return _clock(0)
        if worked <= 0 or elapsed <= 0:
            return "?"
        return _clock(left * elapsed / worked)

    def line(self, tally: Tally) -> str:
        failed = f"  {tally.failed} failed" if tally.failed else ""
        text = (f"{tally.inputs_done}/{tally.inputs_total} inputs  {tally.pages} pages  "
                f"{self._rate(tally):.1f} pages/s  ETA {self._eta(tally)}{failed}")
        if not self.tty:
            return "layoutkit batch: " + text
        filled = _BAR * tally.inputs_done // tally.inputs_total if tally.inputs_total else _BAR
        return f"[{'#' * filled}{'.' * (_BAR - filled)}]  {text}"

    def update(self, tally: Tally, *, force: bool = False) -> None:
        if self.quiet:
            return
        now = time.monotonic()
        if not force and now - self._last < (TTY_INTERVAL if self.tty else LOG_INTERVAL):
            return
        self._last = now
        text = self.line(tally)
        if self.tty:
            pad = max(0, self._width - len(text))
            self._width = len(text)
            self.stream.write("\r" + text + " " * pad)
        else:
            self.stream.write(text + "\n")
        self.stream.flush()

    def message(self, text: str) -> None:
        """A line of its own (start, summary), clearing the bar first on a terminal."""
        if self.quiet:
            return
        if self.tty and self._width:
            self.stream.write("\r" + " " * self._width + "\r")
            self._width = 0
        self.stream.write(f"layoutkit batch: {text}\n")
        self.stream.flush()
