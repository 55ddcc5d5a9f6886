"""Kill a batch mid-run (SIGKILL to the coordinating process) and run it again: every
output is complete JSON, no page is converted twice, and the final set of outputs is
exactly a clean run's. Pages are slowed down (a test reader that sleeps) so the kill
lands mid-run; workers are forked, so they inherit the slow reader."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from layoutkit.batch import run_batch
from layoutkit.batch.outputs import _ORPHAN_TEMP
from layoutkit.params import BatchParams

from .conftest import FIXTURES, ROOT

PAGES = 30
#: A short page (the fixture's first 30 lines): the test is about the files, not the analysis.
PAGE = b"\n".join((FIXTURES / "seed-zh.txt").read_bytes().split(b"\n")[:30]) + b"\n"

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forked workers and SIGKILL: Linux")

_RUNNER = """
import sys
sys.path.insert(0, {root!r})
from layoutkit.readers import READERS
from tests import batch_support
batch_support.DELAY = {delay!r}
READERS["text"] = batch_support.split_reader
from layoutkit.cli import main
sys.exit(main(sys.argv[1:]))
"""


def _outputs(out: Path, pattern: str = "*.json") -> dict[str, os.stat_result]:
    return {p.name: p.stat() for p in out.glob(pattern)}


def _start(src: Path, out: Path, delay: float, *extra: str) -> subprocess.Popen:
    code = _RUNNER.format(root=str(ROOT), delay=delay)
    return subprocess.Popen([sys.executable, "-c", code, "batch", str(src), "-o", str(out), "--workers", "2", "-q",
                             *extra], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _kill_after(proc: subprocess.Popen, out: Path, count: int) -> None:
    deadline = time.monotonic() + 60
    while len(_outputs(out)) < count:
        assert proc.poll() is None, proc.stderr.read().decode()
        assert time.monotonic() < deadline
        time.sleep(0.005)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    time.sleep(0.3)  # forked workers die with their parent (PR_SET_PDEATHSIG)


def test_sigkill_mid_run_then_resume(tmp_path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for i in range(PAGES):
        (src / f"p{i:03d}.txt").write_bytes(PAGE)
    clean = tmp_path / "clean"
    assert run_batch([str(src)], str(clean), batch=BatchParams(workers=2)).written == PAGES

    out = tmp_path / "out"
    for threshold in (4, 15):  # two kills, at different points
        _kill_after(_start(src, out, 0.05), out, threshold)
        done = _outputs(out)
        assert threshold <= len(done) < PAGES
        for name in done:  # every output there is complete, valid JSON
            json.loads((out / name).read_text(encoding="utf-8"))

    before = _outputs(out)
    resumed = _start(src, out, 0.0)
    assert resumed.wait(timeout=120) == 0, resumed.stderr.read().decode()
    after = _outputs(out)
    # No page done twice: what was there is untouched, the run wrote only the rest.
    for name, st in before.items():
        assert (after[name].st_ino, after[name].st_mtime_ns) == (st.st_ino, st.st_mtime_ns)
    assert len(after) == PAGES
    # Anything else in the folder is a hidden temp file orphaned by a kill (never read
    # as an output; a later run deletes it once it is a minute old). The final set of
    # outputs is a clean run's.
    assert all(_ORPHAN_TEMP.match(p.name) for p in out.iterdir() if p.suffix != ".json")
    assert {n: (out / n).read_bytes() for n in after} == {p.name: p.read_bytes() for p in clean.glob("*.json")}


def test_orphan_temp_files_are_removed_once_old(tmp_path) -> None:
    from layoutkit.batch.outputs import remove_orphan_temp_files

    (tmp_path / "sub").mkdir()
    old = tmp_path / "sub" / ".p1.json.ab12cd_3.tmp"
    young = tmp_path / ".p2.json.zz99yy00.tmp"
    keep = tmp_path / "p3.json"
    for p in (old, young, keep):
        p.write_text("{", encoding="utf-8")
    os.utime(old, (time.time() - 3600,) * 2)
    assert remove_orphan_temp_files(tmp_path) == 1
    assert not old.exists() and young.exists() and keep.exists()


def test_ctrl_c_stops_workers_and_exits_130(tmp_path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for i in range(PAGES):
        (src / f"p{i:03d}.txt").write_bytes(PAGE)
    out = tmp_path / "out"
    # 0.2 s a page: the whole run takes ~3 s, so on a loaded machine the signal still lands
    # mid-run (at 0.05 s a descheduled test process could let the run finish first)
    proc = _start(src, out, 0.2)
    deadline = time.monotonic() + 60
    while len(_outputs(out)) < 3:
        assert proc.poll() is None and time.monotonic() < deadline
        time.sleep(0.005)
    proc.send_signal(signal.SIGINT)
    code = proc.wait(timeout=30)
    assert code == 130, (code, len(_outputs(out)), proc.stderr.read().decode())
    assert "layoutkit: interrupted" in proc.stderr.read().decode()
    for name in _outputs(out):
        json.loads((out / name).read_text(encoding="utf-8"))
