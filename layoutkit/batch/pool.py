"""Worker processes with a per-page watchdog.

Why not ``concurrent.futures.ProcessPoolExecutor``: a page that hangs must cost one
worker, not the batch, and the executor cannot kill one worker (killing one breaks the
whole pool). Here every worker is a ``multiprocessing.Process`` with its own pipe, so the
coordinator can SIGKILL a stuck or crashed worker, start a new one, report the page, and
hand the rest of that input to the new worker; the other workers never notice.

Protocol: the coordinator sends ``_Task``s (one input each, up to ``PREFETCH`` queued
per worker so workers never wait for the next one) and ``None`` to stop. A worker sends
one event per page (``Written``, ``JsonlRow``, ``PageSkipped``, ``PageFailure``), then
``_TaskEnd`` per input. The time since a worker's last message is the current page's
time: past ``timeout`` the worker is replaced.

Workers die with the coordinator (Linux ``PR_SET_PDEATHSIG``; elsewhere they exit at the
next message, when the pipe is closed), so a killed batch leaves nothing running.
"""
from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import time
from collections import deque
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any, Iterable, Iterator, Optional, Union

from ..errors import OutputError, PageTimeoutError, WorkerCrashError
from ..params import Params
from ..pipeline import ProfileSpec
from .inputs import InputFile
from .outputs import Destination, PageEvent, convert_to_outputs
from .results import PageFailure, PageSkipped

#: Inputs queued per worker beyond the one it is converting.
PREFETCH = 1


@dataclass(frozen=True, slots=True)
class WorkerSetup:
    """What every worker needs, sent once when it starts."""

    dest: Destination
    params: Params
    profile: ProfileSpec = None
    format: Optional[str] = None


@dataclass(frozen=True, slots=True)
class PoolTask:
    """One input to convert; ``reported``: pages a replaced worker already reported (not
    redone, not reported again); ``done_pages``: pages already in the JSONL output."""

    input: InputFile
    reported: frozenset[int] = frozenset()
    done_pages: frozenset[int] = frozenset()


@dataclass(frozen=True, slots=True)
class InputDone:
    """A worker finished an input (the coordinator counts inputs for the ETA)."""

    path: str


@dataclass(frozen=True, slots=True)
class WorkerStats:
    """Peak resident memory of one worker process, in KiB (``ru_maxrss``), and how many
    inputs it converted before it stopped."""

    peak_rss_kib: int
    inputs: int


@dataclass(frozen=True, slots=True)
class _Working:
    """The worker started on this page of its current input (reading or analysing it)."""

    page: int


@dataclass(frozen=True, slots=True)
class _TaskEnd:
    peak_rss_kib: int


@dataclass(frozen=True, slots=True)
class _Fatal:
    message: str
    path: Optional[str]


PoolEvent = Union[PageEvent, InputDone]


def _peak_rss_kib() -> int:
    try:
        import resource
    except ImportError:  # Windows
        return 0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss // 1024 if sys.platform == "darwin" else rss  # bytes on macOS, KiB on Linux


def _die_with_parent(parent_pid: Optional[int]) -> None:
    """Ask Linux to SIGKILL this worker when the coordinator dies (any way, SIGKILL too).
    ``parent_pid`` is None under ``forkserver``, whose workers are the server's children:
    they leave when their pipe closes instead."""
    if parent_pid is None:
        return
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, int(signal.SIGKILL))  # 1 = PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent_pid:  # the coordinator died before prctl took effect
        os._exit(1)


def _worker_main(conn: Connection, setup: WorkerSetup, parent_pid: Optional[int]) -> None:
    _die_with_parent(parent_pid)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the coordinator's to handle
    try:
        while True:
            task = conn.recv()
            if task is None:
                return
            try:
                for event in convert_to_outputs(task.input, setup.dest, format=setup.format, profile=setup.profile,
                                                params=setup.params, reported=task.reported,
                                                done_pages=task.done_pages,
                                                on_page=lambda page: conn.send(_Working(page))):
                    conn.send(event)
            except OutputError as exc:
                conn.send(_Fatal(exc.message, exc.path))
                return
            conn.send(_TaskEnd(_peak_rss_kib()))
    except (EOFError, OSError, KeyboardInterrupt):
        return  # the coordinator went away


def _context(method: Optional[str]) -> Any:  # a multiprocessing context (its stub type lacks Process)
    # Default: fork on Linux (fast start, and readers registered at run time by the caller
    # are inherited); elsewhere spawn, the only start method macOS and Windows trust.
    if method is None:
        linux_fork = sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()
        method = "fork" if linux_fork else "spawn"
    return multiprocessing.get_context(method)


@dataclass
class _Slot:
    """One worker process and the inputs it holds; mutable coordinator state."""

    proc: multiprocessing.process.BaseProcess
    conn: Connection
    queue: deque[PoolTask] = field(default_factory=deque)
    last: float = 0.0  # when it last made progress (message, or given work while idle)
    page: int = 0  # the page the worker is on, of the input at the head of the queue
    reported: set[int] = field(default_factory=set)  # pages of that input reported so far
    peak_rss_kib: int = 0
    inputs: int = 0


class WorkerPool:
    """``run(tasks)`` converts inputs on ``workers`` processes and yields page events as
    they come (not in input order). ``stats`` has each worker's peak memory afterwards."""

    def __init__(self, setup: WorkerSetup, *, workers: int, timeout: Optional[float] = None,
                 start_method: Optional[str] = None):
        self.setup = setup
        self.workers = max(1, workers)
        self.timeout = timeout
        self.stats: list[WorkerStats] = []
        self._ctx = _context(start_method)
        self._slots: list[_Slot] = []

    def _start(self) -> _Slot:
        parent, child = self._ctx.Pipe(duplex=True)
        parent_pid = None if self._ctx.get_start_method() == "forkserver" else os.getpid()
        proc = self._ctx.Process(target=_worker_main, args=(child, self.setup, parent_pid), daemon=True,
                                 name="layoutkit-worker")
        proc.start()
        child.close()  # the coordinator keeps one end only, so a dead worker reads as EOF
        return _Slot(proc, parent)

    def _retire(self, slot: _Slot, *, kill: bool) -> None:
        if kill and slot.proc.is_alive():
            slot.proc.kill()
        slot.proc.join(timeout=5)
        slot.conn.close()
        self.stats.append(WorkerStats(slot.peak_rss_kib, slot.inputs))

    def run(self, tasks: Iterable[PoolTask]) -> Iterator[PoolEvent]:
        source = iter(tasks)
        retry: deque[PoolTask] = deque()
        self._slots = [self._start() for _ in range(self.workers)]
        try:
            yield from self._loop(source, retry)
        finally:
            for slot in self._slots:
                if slot.proc.is_alive() and not slot.queue:
                    try:
                        slot.conn.send(None)
                    except OSError:
                        pass
            for slot in self._slots:
                self._retire(slot, kill=bool(slot.queue))
            self._slots = []

    def _next(self, source: Iterator[PoolTask], retry: deque[PoolTask]) -> Optional[PoolTask]:
        return retry.popleft() if retry else next(source, None)

    def _loop(self, source: Iterator[PoolTask], retry: deque[PoolTask]) -> Iterator[PoolEvent]:
        exhausted = False
        while True:
            now = time.monotonic()
            for index, slot in enumerate(self._slots):
                while not exhausted and len(slot.queue) <= PREFETCH:
                    task = self._next(source, retry)
                    if task is None:
                        exhausted = not retry
                        break
                    try:
                        slot.conn.send(task)
                    except OSError:
                        # The worker died (killed from outside) before taking the task: the
                        # task goes back; a busy worker's death shows as EOF below, an idle
                        # one is replaced here.
                        retry.appendleft(task)
                        if not slot.queue:
                            self._retire(slot, kill=True)
                            self._slots[index] = self._start()
                        break
                    if not slot.queue:
                        slot.last, slot.page = now, 0
                        slot.reported = set(task.reported)
                    slot.queue.append(task)
            busy = [s for s in self._slots if s.queue]
            if not busy:
                if retry:
                    exhausted = False
                    continue
                return
            wait_for = 0.5
            if self.timeout is not None:
                wait_for = max(0.0, min(wait_for, min(s.last + self.timeout for s in busy) - now))
            ready = set(wait([s.conn for s in busy], timeout=wait_for))
            for slot in busy:
                if slot.conn in ready:
                    yield from self._drain(slot, retry)
            now = time.monotonic()
            for slot in list(self._slots):
                if slot.queue and self.timeout is not None and now - slot.last > self.timeout:
                    yield from self._replace(slot, retry, PageTimeoutError(
                        f"timed out after {self.timeout:g} s (--timeout); its worker was replaced"))
            if retry:
                exhausted = False

    def _drain(self, slot: _Slot, retry: deque[PoolTask]) -> Iterator[PoolEvent]:
        """Every message the worker has sent so far."""
        while slot.queue:
            try:
                if not slot.conn.poll():
                    return
                msg = slot.conn.recv()
            except (EOFError, OSError):
                slot.proc.join(timeout=1)
                code = slot.proc.exitcode
                how = f"signal {-code}" if code is not None and code < 0 else f"exit code {code}"
                yield from self._replace(slot, retry, WorkerCrashError(f"worker process died ({how})"))
                return
            slot.last = time.monotonic()
            if isinstance(msg, _TaskEnd):
                done = slot.queue.popleft()
                slot.page, slot.inputs = 0, slot.inputs + 1
                slot.reported = set(slot.queue[0].reported) if slot.queue else set()
                slot.peak_rss_kib = max(slot.peak_rss_kib, msg.peak_rss_kib)
                yield InputDone(done.input.path)
            elif isinstance(msg, _Fatal):
                raise OutputError(msg.message, path=msg.path)
            elif isinstance(msg, _Working):
                slot.page = msg.page
            else:
                if isinstance(msg, PageSkipped) and msg.page in slot.queue[0].reported:
                    continue  # a replaced worker's page, already reported
                if msg.page is not None:
                    slot.reported.add(msg.page)
                yield msg

    def _replace(self, slot: _Slot, retry: deque[PoolTask], error: Exception) -> Iterator[PoolEvent]:
        """Kill a stuck or dead worker, report its page, start a fresh worker and give the
        rest of the input (and the inputs queued behind it) back to the scheduler."""
        task = slot.queue.popleft()
        stuck = slot.page or 1
        if stuck not in task.reported:
            yield PageFailure.from_exception(task.input.path, stuck, error)
            # The rest of the input goes to a new worker, which skips every page already
            # reported (this one included) but must still read through them.
            retry.appendleft(PoolTask(task.input, reported=frozenset(slot.reported | {stuck}),
                                      done_pages=task.done_pages))
        else:
            # Stuck again on a page reported before: re-reading earlier pages hangs, so
            # going on would loop. Give up on the rest of this input, once.
            yield PageFailure(task.input.path, None, type(error).__name__,
                              f"gave up on the rest of the input: stuck again re-reading page {stuck}")
            yield InputDone(task.input.path)
        retry.extend(slot.queue)
        slot.queue.clear()
        self._retire(slot, kill=True)
        index = self._slots.index(slot)
        self._slots[index] = self._start()
