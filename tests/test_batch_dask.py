"""layoutkit.dask.convert on a local Dask cluster writes what `layoutkit batch` writes."""
from __future__ import annotations

import json
import os

import pytest

from layoutkit.cli import main

from .conftest import FIXTURES

distributed = pytest.importorskip("distributed")
pytest.importorskip("dask.bag")

SEED = (FIXTURES / "seed-zh.txt").read_bytes()


def _files(root) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*.json"))}


def _report(root) -> list[tuple]:
    rows = [json.loads(line) for line in (root / "_failures.jsonl").read_text(encoding="utf-8").splitlines()]
    return sorted((r["path"], r["page"], r["error"], r["message"]) for r in rows)


def test_dask_convert_equals_cli_batch(tmp_path) -> None:
    import layoutkit.dask

    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    for i in range(6):
        (src / f"p{i}.txt").write_bytes(SEED)
    (src / "sub" / "q.txt").write_bytes(SEED)
    (src / "empty.txt").write_bytes(b"")
    (src / "binary.txt").write_bytes(bytes(range(256)))
    cli_out, dask_out = tmp_path / "cli", tmp_path / "dask"
    # Before the cluster starts: batch workers are forked, and forking a process that runs
    # the Dask client's threads is unsafe.
    assert main(["batch", str(src), "-o", str(cli_out), "--workers", "2", "-q"]) == 3

    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        summary = layoutkit.dask.convert([str(src)], str(dask_out), npartitions=3)
        assert (summary.written, summary.failed, summary.exit_code) == (7, 2, 3)
        assert _files(dask_out) == _files(cli_out) and len(_files(cli_out)) == 7
        assert _report(dask_out) == _report(cli_out)
        # The work really ran on the cluster's worker processes, not in this one.
        assert all(pid != os.getpid() for pid in client.run(os.getpid).values())

        again = layoutkit.dask.convert([str(src)], str(dask_out))
        assert (again.written, again.skipped) == (0, 7)
