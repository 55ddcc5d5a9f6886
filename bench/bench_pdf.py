"""Benchmark of the PDF path: ms per page, same run, same machine.

Rows per input PDF (least CPU time of ``--repeat`` runs, each from the file's bytes):

* ``pdfplumber chars``: pdfplumber's own extraction only (open, ``page.chars``,
  ``page.lines/rects/curves/images``), the floor of the default path;
* ``pipeline pdfplumber``: ``layoutkit.parse_pdf(backend="pdfplumber")`` end to end;
* ``pipeline pdfium``: the same with ``backend="pdfium"``;
* ``layout share``: (pipeline pdfplumber - pdfplumber chars) / pdfplumber chars, what our
  analysis adds on top of the extraction (goal: <= 30%);
* ``speed-up``: pipeline pdfplumber / pipeline pdfium (goal: >= 5x).

Usage: python bench/bench_pdf.py [PDF ...] [--repeat N]
(default: the People's Daily dev pages in ../shared/cases).
"""
from __future__ import annotations

import argparse
import io
import os
import platform
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import layoutkit  # noqa: E402

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def plumber_chars(data: bytes) -> int:
    import pdfplumber

    n = 0
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            _ = page.chars, page.lines, page.rects, page.curves, page.images
            n += 1
    return n


def pipeline(path: str, backend: str) -> int:
    return len(layoutkit.parse_pdf(path, backend=backend))


def timed(fn, repeat: int) -> float:
    """Least CPU time of ``repeat`` runs (process time: on a shared machine wall time
    measures the neighbours; the least run is the one least disturbed by them)."""
    runs = []
    for _ in range(repeat):
        t = time.process_time()
        fn()
        runs.append(time.process_time() - t)
    return min(runs)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("pdfs", nargs="*")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    pdfs = args.pdfs or sorted(str(p) for p in (SHARED / "cases").glob("rmrb-*.pdf"))
    print(f"# {platform.processor() or platform.machine()} {os.cpu_count()} cpus, Python {platform.python_version()}, "
          f"pdfplumber {__import__('pdfplumber').__version__}, pypdfium2 {__import__('importlib.metadata').metadata.version('pypdfium2')}")
    print("| file | pages | pdfplumber chars ms/page | pipeline pdfplumber ms/page | pipeline pdfium ms/page "
          "| layout share | speed-up |")
    print("|---|---|---|---|---|---|---|")
    for path in pdfs:
        data = Path(path).read_bytes()
        pages = plumber_chars(data)
        raw = timed(lambda: plumber_chars(data), args.repeat) / pages * 1000
        full = timed(lambda: pipeline(path, "pdfplumber"), args.repeat) / pages * 1000
        fast = timed(lambda: pipeline(path, "pdfium"), args.repeat) / pages * 1000
        print(f"| {Path(path).name} | {pages} | {raw:.0f} | {full:.0f} | {fast:.0f} | "
              f"{(full - raw) / raw:+.0%} | {full / fast:.1f}x |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
