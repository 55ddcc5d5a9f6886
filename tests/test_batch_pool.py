"""Worker pool: per-page timeout and crashes cost one page, not the batch; multi-page
inputs get one output per page and resume page by page."""
from __future__ import annotations

import json
import time

from layoutkit.batch import run_batch
from layoutkit.params import BatchParams

from . import batch_support
from .batch_support import CRASH_ONCE, HANG, HANG_ONCE, PAGE_BREAK
from .conftest import FIXTURES

SEED = (FIXTURES / "seed-zh.txt").read_bytes()


def _failures(out) -> list[tuple]:
    path = out / "_failures.jsonl"
    if not path.exists():
        return []
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    return sorted(((r["path"].rsplit("/", 1)[-1], r["page"], r["error"]) for r in rows), key=repr)


def test_hung_and_crashed_pages_cost_one_page_each(tmp_path, monkeypatch) -> None:
    batch_support.install(monkeypatch)
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_bytes(SEED)
    (src / "slow.txt").write_bytes(PAGE_BREAK.join([SEED, SEED.replace(b"\n", b"\n" + HANG_ONCE, 1), SEED]))
    (src / "crash.txt").write_bytes(PAGE_BREAK.join([SEED, SEED + CRASH_ONCE, SEED]))
    (src / "stuck.txt").write_bytes(SEED + HANG)  # hangs every time it is read
    out = tmp_path / "out"
    started = time.monotonic()
    summary = run_batch([str(src)], str(out), batch=BatchParams(workers=2, timeout=1.0))
    assert time.monotonic() - started < 20
    written = sorted(p.name for p in out.glob("*.json"))
    assert written == ["crash.p001.json", "crash.p003.json", "good.json", "slow.p001.json", "slow.p003.json"]
    assert _failures(out) == sorted([
        ("crash.txt", 2, "WorkerCrashError"),
        ("slow.txt", 2, "PageTimeoutError"),
        ("stuck.txt", 1, "PageTimeoutError"),
        ("stuck.txt", None, "PageTimeoutError"),  # gave up: stuck again re-reading page 1
    ], key=repr)
    assert (summary.written, summary.failed, summary.exit_code) == (5, 4, 3)
    for name in written:
        json.loads((out / name).read_text(encoding="utf-8"))


def test_multipage_outputs_resume_page_by_page(tmp_path, monkeypatch) -> None:
    batch_support.install(monkeypatch)
    src = tmp_path / "three.txt"
    src.write_bytes(PAGE_BREAK.join([SEED, SEED, SEED]))
    out = tmp_path / "out"
    first = run_batch([str(src)], str(out), batch=BatchParams(workers=1))
    assert sorted(p.name for p in out.iterdir()) == ["three.p001.json", "three.p002.json", "three.p003.json"]
    assert json.loads((out / "three.p002.json").read_text(encoding="utf-8"))["source"]["page"] == 2
    (out / "three.p002.json").unlink()
    kept = (out / "three.p001.json").stat().st_mtime_ns
    again = run_batch([str(src)], str(out), batch=BatchParams(workers=1))
    assert (first.written, again.written, again.skipped) == (3, 1, 2)
    assert (out / "three.p001.json").stat().st_mtime_ns == kept


def test_idle_workers_killed_from_outside_are_replaced(tmp_path) -> None:
    import os
    import signal

    from layoutkit.batch.inputs import plan_inputs
    from layoutkit.batch.outputs import Destination, Written
    from layoutkit.batch.pool import PoolTask, WorkerPool, WorkerSetup
    from layoutkit.params import Params

    for i in range(3):
        (tmp_path / f"p{i}.txt").write_bytes(SEED)
    out = tmp_path / "out"
    out.mkdir()
    pool = WorkerPool(WorkerSetup(Destination(str(out)), Params()), workers=2)

    def tasks():
        for i, inp in enumerate(plan_inputs([str(tmp_path)], exclude=str(out)).inputs):
            if i == 0:  # before any work: both workers are idle; kill them (OOM killer, an admin)
                for slot in pool._slots:
                    os.kill(slot.proc.pid, signal.SIGKILL)
                    slot.proc.join()
            yield PoolTask(inp)

    events = list(pool.run(tasks()))
    assert sorted(os.path.basename(e.path) for e in events if isinstance(e, Written)) == ["p0.txt", "p1.txt", "p2.txt"]


def test_spawned_and_forkserver_workers_give_the_same_files(tmp_path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_bytes(SEED)
    results = {}
    for method in ("fork", "spawn", "forkserver"):
        out = tmp_path / method
        summary = run_batch([str(tmp_path / "in")], str(out), batch=BatchParams(workers=1, start_method=method))
        assert summary.written == 1, method
        results[method] = (out / "a.json").read_bytes()
    assert results["spawn"] == results["fork"] == results["forkserver"]
