"""Batch throughput and worker memory: pages/s with 1 and 2 workers, and each worker's
peak RSS after 100 and after 1,000 pages (it must stay flat: memory per worker is
constant whatever the number of pages).

    python bench/batch_throughput.py              # 100 and 1,000 pages, 1 and 2 workers
    python bench/batch_throughput.py --pages 2000 --workers 1 2 4

Inputs are the fixture page(s) repeated (each copy a separate file, as in a real batch).
Every run writes into a fresh output folder (nothing is skipped). Results go to stdout as
a Markdown table; docs/performance-batch.md records a run with the machine noted.
"""
from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from layoutkit.batch import iter_pages, run_batch  # noqa: E402
from layoutkit.params import BatchParams  # noqa: E402

FIXTURES = [ROOT / "fixtures" / "seed-zh.txt"]


def machine() -> str:
    cpu = platform.processor() or ""
    try:
        for line in open("/proc/cpuinfo", encoding="utf-8"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (f"{cpu}, {os.cpu_count()} logical CPUs, Python {platform.python_version()}, "
            f"{platform.system()} {platform.release()}")


def make_inputs(folder: Path, pages: int) -> None:
    folder.mkdir(parents=True)
    for i in range(pages):
        src = FIXTURES[i % len(FIXTURES)]
        shutil.copyfile(src, folder / f"page{i:05d}{src.suffix}")


def _burn(n: int) -> float:
    t = time.perf_counter()
    x = 0
    for i in range(n):
        x += i * i
    return time.perf_counter() - t


def machine_parallelism(workers: int, n: int = 3_000_000) -> float:
    """How many cores' worth of pure-Python work ``workers`` processes really get right
    now (a shared or throttled machine gives less than ``workers``): the ceiling for
    the batch's own speed-up, measured next to it."""
    import multiprocessing

    one = _burn(n)
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        t = time.perf_counter()
        pool.map(_burn, [n] * workers)
        many = time.perf_counter() - t
    return workers * one / many


def _cpu(who: int) -> float:
    import resource

    r = resource.getrusage(who)
    return r.ru_utime + r.ru_stime


def measure(src: Path, out: Path, pages: int, workers: int) -> dict:
    import resource

    children, me = _cpu(resource.RUSAGE_CHILDREN), _cpu(resource.RUSAGE_SELF)
    s = run_batch([str(src)], str(out), batch=BatchParams(workers=workers))
    assert s.written == pages and s.failed == 0, s
    shutil.rmtree(out)
    return {"rate": s.pages_per_second, "seconds": s.seconds,
            "worker_ms": 1000 * (_cpu(resource.RUSAGE_CHILDREN) - children) / pages,
            "coord_ms": 1000 * (_cpu(resource.RUSAGE_SELF) - me) / pages,
            "rss": [w.peak_rss_kib / 1024 for w in s.workers]}


def _rss_curve(path: str, pages: int, marks: tuple[int, ...], queue) -> None:
    import resource

    from layoutkit.batch.results import iter_input

    points = []
    for i in range(1, pages + 1):
        for r in iter_input(path):
            assert r.ok
        if i in marks:
            points.append((i, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))
    queue.put(points)


def rss_curve(pages: int) -> list[tuple[int, float]]:
    """Peak RSS of one fresh process converting page after page (what one worker does),
    sampled along the way: it must level off, not grow with the number of pages."""
    import multiprocessing

    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    marks = tuple(m for m in (1, 10, 100, 250, 500, 1000, 2000, 5000) if m <= pages) + (pages,)
    proc = ctx.Process(target=_rss_curve, args=(str(FIXTURES[0]), pages, marks, queue))
    proc.start()
    points = queue.get()
    proc.join()
    return points


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, nargs="+", default=[100, 1000])
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--repeat", type=int, default=2, help="runs per setting, interleaved; the median is kept")
    ap.add_argument("--serial", type=int, default=200, help="pages for the in-process baseline (0: skip)")
    ap.add_argument("--tmp", help="folder for inputs and outputs (default: the system temp folder)")
    ap.add_argument("--curve", type=int, default=1000, help="pages for the one-process RSS curve (0: skip)")
    args = ap.parse_args()
    print(f"machine: {machine()}")
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}\n")
    rows = []
    with tempfile.TemporaryDirectory(prefix="lk-bench-", dir=args.tmp) as tmp:
        base = Path(tmp)
        if args.serial:
            sample = base / "serial"
            make_inputs(sample, args.serial)
            t = time.perf_counter()
            n = sum(1 for r in iter_pages([str(sample)]) if r.ok)
            rows.append(("in-process iter_pages (no files)", args.serial, "-", f"{n / (time.perf_counter() - t):.1f}",
                         "-", "-", "-", "-"))
        for pages in args.pages:
            src = base / f"in{pages}"
            make_inputs(src, pages)
            runs: dict[int, list[dict]] = {w: [] for w in args.workers}
            capacity: dict[int, list[float]] = {w: [] for w in args.workers}
            for rep in range(args.repeat):
                for workers in args.workers:
                    capacity[workers].append(machine_parallelism(workers))
                    runs[workers].append(measure(src, base / f"out{pages}w{workers}r{rep}", pages, workers))
            for workers in args.workers:
                best = sorted(runs[workers], key=lambda r: r["rate"])[len(runs[workers]) // 2]
                cap = statistics.median(capacity[workers])
                rows.append(("layoutkit batch", pages, workers, f"{best['rate']:.1f}", f"{cap:.2f}",
                             f"{best['worker_ms']:.1f}", f"{best['coord_ms']:.2f}",
                             " / ".join(f"{r:.1f}" for r in best["rss"])))
    print("| run | pages | workers | pages/s | cores available (measured) | worker CPU ms/page "
          "| coordinator CPU ms/page | peak RSS per worker (MiB) |")
    print("|---|---:|---:|---:|---:|---:|---:|---|")
    for row in rows:
        print("| " + " | ".join(str(c) for c in row) + " |")
    if args.curve:
        points = rss_curve(args.curve)
        print("\none process converting page after page (a worker's life), peak RSS:\n")
        print("| pages done | " + " | ".join(str(n) for n, _ in points) + " |")
        print("|---|" + "---:|" * len(points))
        print("| peak RSS (MiB) | " + " | ".join(f"{m:.1f}" for _, m in points) + " |")
    print(f"\nload average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
