"""Batch conversion: many inputs, parallel workers, resumable, failures isolated.

    >>> from layoutkit.batch import run_batch                      # doctest: +SKIP
    >>> summary = run_batch(["scans/"], "out/")                   # doctest: +SKIP
    >>> summary.written, summary.failed, summary.exit_code        # doctest: +SKIP
    (1000, 2, 3)

The pieces, each usable alone: ``inputs`` (files, folders, globs -> inputs with output
names), ``results`` (``iter_pages``: per-page records, no files written), ``outputs``
(names, freshness, atomic files, JSONL, the failure report), ``pool`` (worker processes
with a per-page watchdog), ``progress`` (terminal bar or log lines). ``layoutkit.dask``
runs the same per-input conversion on a Dask cluster.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional

from ..errors import EXIT_OK, EXIT_PARTIAL, OutputError, UsageError
from ..params import BatchParams, Params
from ..pipeline import ProfileSpec
from .inputs import InputFile, InputPlan, plan_inputs
from .outputs import (FAILURES_NAME, Destination, FailureReport, JsonlRow, JsonlSink, Written, input_mtime_ns,
                      is_fresh, output_path, remove_orphan_temp_files)
from .pool import InputDone, PoolTask, WorkerPool, WorkerSetup, WorkerStats
from .progress import Progress, Tally
from .results import PageFailure, PageOk, PageResult, PageSkipped, iter_input, iter_pages

__all__ = ["run_batch", "BatchSummary", "iter_pages", "iter_input", "plan_inputs", "PageOk", "PageFailure",
           "PageSkipped", "PageResult", "InputFile", "InputPlan", "Progress", "WorkerStats", "FAILURES_NAME"]


@dataclass(frozen=True, slots=True)
class BatchSummary:
    """What a batch did. ``exit_code`` is the CLI's: 0, or 3 (``EXIT_PARTIAL``) when any
    page failed (the other pages were still written)."""

    inputs: int
    written: int
    skipped: int
    failed: int
    seconds: float
    #: The failure report, when there were failures.
    failures_path: Optional[str] = None
    #: Per worker process: peak resident memory and inputs converted.
    workers: tuple[WorkerStats, ...] = ()

    @property
    def exit_code(self) -> int:
        return EXIT_PARTIAL if self.failed else EXIT_OK

    @property
    def pages_per_second(self) -> float:
        return (self.written + self.failed) / self.seconds if self.seconds > 0 else 0.0

    def describe(self) -> str:
        text = (f"{self.written} pages written, {self.skipped} up to date, {self.failed} failed "
                f"in {self.seconds:.1f} s ({self.pages_per_second:.1f} pages/s)")
        return text + (f"; failures in {self.failures_path}" if self.failures_path else "")


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create the output folder: {exc.strerror or exc}", path=str(folder)) from None


def run_batch(inputs: Iterable[str], out: Optional[str] = None, *, jsonl: Optional[str] = None,
              batch: Optional[BatchParams] = None, params: Optional[Params] = None, profile: ProfileSpec = None,
              format: Optional[str] = None, progress: Optional[Progress] = None) -> BatchSummary:
    """Convert every page of ``inputs`` (files, folders, globs) into ``out`` (one JSON
    file per page) or into ``jsonl`` (one line per page; failures then go next to it
    unless ``out`` is given too). Returns a ``BatchSummary``; raises ``UsageError`` when
    there is nothing to do and ``OutputError`` when outputs cannot be written.
    """
    batch = batch or BatchParams()
    params = params or Params()
    progress = progress or Progress(quiet=True)
    if out is None and jsonl is None:
        raise UsageError("give an output folder (-o OUTDIR) or a JSONL file (--jsonl FILE)")
    folder = Path(out) if out is not None else Path(jsonl or ".").parent
    _make_folder(folder)
    per_file = jsonl is None
    plan = plan_inputs(inputs, extensions=batch.extensions, exclude=str(folder) if per_file else None)
    if not plan.inputs and not plan.unmatched:
        raise UsageError("no input files (folders are searched for " + ", ".join(batch.extensions) + ")")

    start = time.monotonic()
    tally = Tally(inputs_total=len(plan.inputs))
    report = FailureReport(folder / FAILURES_NAME)
    report.reset()
    sink = JsonlSink(jsonl, force=batch.force) if jsonl is not None else None
    if per_file:
        remove_orphan_temp_files(folder)
    try:
        for failure in plan.unmatched:
            report.add(failure)
            tally.failed += 1
        tasks: list[PoolTask] = []
        for inp in plan.inputs:
            # A single-page input with an up-to-date NAME.json is not even opened.
            if per_file and not batch.force and is_fresh(output_path(folder, inp.name, 1, False),
                                                         input_mtime_ns(inp.path)):
                tally.skipped += 1
                tally.inputs_done += 1
                tally.inputs_skipped += 1
                continue
            tasks.append(PoolTask(inp, done_pages=sink.done_pages(inp.path) if sink else frozenset()))
        workers = min(batch.worker_count, len(tasks))
        progress.message(f"{len(plan.inputs)} inputs, {tally.inputs_skipped} up to date, "
                         f"{workers} worker{'s' if workers != 1 else ''}")
        stats: tuple[WorkerStats, ...] = ()
        if tasks:
            setup = WorkerSetup(Destination(str(folder) if per_file else None, jsonl=not per_file, force=batch.force),
                                params, profile, format)
            pool = WorkerPool(setup, workers=workers, timeout=batch.timeout, start_method=batch.start_method)
            for event in pool.run(tasks):
                if isinstance(event, Written):
                    tally.written += 1
                elif isinstance(event, JsonlRow):
                    assert sink is not None
                    sink.add(event)
                    tally.written += 1
                elif isinstance(event, PageSkipped):
                    tally.skipped += 1
                elif isinstance(event, PageFailure):
                    report.add(event)
                    tally.failed += 1
                elif isinstance(event, InputDone):
                    tally.inputs_done += 1
                progress.update(tally)
            stats = tuple(pool.stats)
        progress.update(tally, force=True)
    finally:
        report.close()
        if sink is not None:
            sink.close()
    summary = BatchSummary(inputs=len(plan.inputs), written=tally.written, skipped=tally.skipped, failed=tally.failed,
                           seconds=time.monotonic() - start,
                           failures_path=str(report.path) if report.count else None, workers=stats)
    progress.message("done: " + summary.describe())
    return summary
