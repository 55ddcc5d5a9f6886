"""Batch conversion on a Dask cluster: ``layoutkit.dask.convert(paths, out)``.

Needs the optional extra: ``pip install 'layoutkit[dask]'`` (dask[bag] and distributed).
The driver plans the inputs exactly as ``layoutkit batch`` does (same output names, same
"up to date" rule), a ``dask.bag`` spreads them over the cluster's workers, and every
worker runs the same per-input conversion as a ``layoutkit batch`` worker, writing each
page's JSON atomically into ``out`` (which must be a folder every worker can reach: a
shared file system). Only counts and failure records travel back to the driver, which
writes ``out/_failures.jsonl``. So the outputs are the same files ``layoutkit batch``
writes, and a re-run skips what is done.

Not here: the per-page ``timeout`` (a stuck page holds its Dask task; use the cluster's
own limits, e.g. a worker ``--lifetime``, see docs/distributed.md) and ``--jsonl``
(many writers cannot share one file; read the per-page files instead).

    >>> from dask.distributed import Client, LocalCluster     # doctest: +SKIP
    >>> client = Client(LocalCluster(n_workers=4))            # doctest: +SKIP
    >>> layoutkit.dask.convert(["scans/"], "out/").failed     # doctest: +SKIP
    0
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Optional, Sequence

from .batch import BatchSummary
from .batch.inputs import InputFile, plan_inputs
from .batch.outputs import (FAILURES_NAME, Destination, FailureReport, Written, convert_to_outputs, input_mtime_ns,
                            is_fresh, output_path, remove_orphan_temp_files)
from .batch.results import PageFailure, PageSkipped
from .errors import OutputError, UsageError
from .params import BatchParams, Params
from .pipeline import ProfileSpec


@dataclass(frozen=True, slots=True)
class PartitionResult:
    """What one partition did: small, so the driver's memory does not grow with pages
    (failures are the exception, and they must reach the report)."""

    written: int
    skipped: int
    failures: tuple[PageFailure, ...]


def convert_partition(inputs: Iterable[InputFile], dest: Destination, params: Params, profile: ProfileSpec,
                      format: Optional[str]) -> list[PartitionResult]:
    """Convert a partition's inputs one after another (constant memory), writing files.
    Public so other engines (Ray, Spark with files, a job array) can call it too."""
    written = skipped = 0
    failures: list[PageFailure] = []
    for inp in inputs:
        for event in convert_to_outputs(inp, dest, format=format, profile=profile, params=params):
            if isinstance(event, Written):
                written += 1
            elif isinstance(event, PageSkipped):
                skipped += 1
            elif isinstance(event, PageFailure):
                failures.append(event)
    return [PartitionResult(written, skipped, tuple(failures))]


def _import_bag() -> Any:
    try:
        import dask.bag as db
    except ImportError:
        raise UsageError("layoutkit.dask needs Dask: pip install 'layoutkit[dask]'") from None
    return db


def convert(paths: Sequence[str], out: str, *, format: Optional[str] = None, profile: ProfileSpec = None,
            params: Optional[Params] = None, batch: Optional[BatchParams] = None, npartitions: Optional[int] = None,
            scheduler: Optional[str] = None) -> BatchSummary:
    """Convert every page of ``paths`` (files, folders, globs) into ``out`` on Dask.

    Runs on the current Dask scheduler: a ``distributed.Client`` if one is active,
    otherwise ``scheduler`` (``"processes"``, ``"threads"``, ``"sync"``) or Dask's default.
    ``npartitions`` defaults to one per 25 inputs (at most 10,000): enough partitions to
    balance uneven inputs, few enough to keep Dask's per-task overhead small.
    ``batch.force`` redoes up-to-date pages; ``batch.workers`` and ``batch.timeout`` are
    the cluster's business here and ignored. Returns a ``BatchSummary`` like ``run_batch``.
    """
    db = _import_bag()
    batch = batch or BatchParams()
    params = params or Params()
    folder = Path(out)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create the output folder: {exc.strerror or exc}", path=str(folder)) from None
    plan = plan_inputs(paths, extensions=batch.extensions, exclude=str(folder))
    if not plan.inputs and not plan.unmatched:
        raise UsageError("no input files (folders are searched for " + ", ".join(batch.extensions) + ")")
    start = time.monotonic()
    report = FailureReport(folder / FAILURES_NAME)
    report.reset()
    remove_orphan_temp_files(folder)
    skipped = 0
    todo: list[InputFile] = []
    for inp in plan.inputs:  # the same shortcut as run_batch: a fresh single page is not shipped
        if not batch.force and is_fresh(output_path(folder, inp.name, 1, False), input_mtime_ns(inp.path)):
            skipped += 1
        else:
            todo.append(inp)
    written = 0
    failures: list[PageFailure] = list(plan.unmatched)
    if todo:
        parts = npartitions or max(1, min(10_000, len(todo) // 25 or 1, len(todo)))
        dest = Destination(str(folder.resolve()), force=batch.force)
        bag = db.from_sequence(todo, npartitions=parts)
        results = bag.map_partitions(convert_partition, dest, params, profile, format)
        for part in results.compute(scheduler=scheduler) if scheduler else results.compute():
            written += part.written
            skipped += part.skipped
            failures.extend(part.failures)
    try:
        for failure in failures:
            report.add(failure)
    finally:
        report.close()
    return BatchSummary(inputs=len(plan.inputs), written=written, skipped=skipped, failed=len(failures),
                        seconds=time.monotonic() - start, failures_path=str(report.path) if report.count else None)
