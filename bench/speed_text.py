"""Speed and memory of the text pipeline (issue 2's benchmark).

Measures, in one run on this machine:

* pages/s on the seed page (``fixtures/seed-zh.txt``), parsed repeatedly in one process,
  and parsed then written as JSON (what ``layoutkit convert`` does per page);
* pages/s on a 200-page file made by concatenating fixture pages with form feeds (the
  page separator pdftotext and pdfminer emit), read with ``iter_file_pages`` (``fixtures/``
  holds one text page, the seed, so the file is the seed 200 times);
* peak RSS after 100, 500 and 1,000 pages in one process, to show memory does not grow.

Figures are reported as ratios against a baseline measured in the same run: the time to
read and decode the same bytes and split them into lines (the work any tool must do).
Times are CPU time of this process (``time.process_time``), the least of several runs, so
other load on a shared machine inflates them as little as possible.

    python bench/speed_text.py            # prints a Markdown table
"""
from __future__ import annotations

import os
import platform
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import layoutkit  # noqa: E402
from layoutkit.measure import clear_shape_cache  # noqa: E402
from layoutkit.readers.text import decode_bytes, read_lines  # noqa: E402

SEED = ROOT / "fixtures" / "seed-zh.txt"


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(fn, repeat: int, runs: int = 5) -> float:
    """Least CPU time per call of ``fn`` over ``runs`` runs of ``repeat`` calls."""
    best = float("inf")
    for _ in range(runs):
        t0 = time.process_time()
        for _ in range(repeat):
            fn()
        best = min(best, (time.process_time() - t0) / repeat)
    return best


def cpu_name() -> str:
    try:
        for line in open("/proc/cpuinfo", encoding="utf-8"):
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def main() -> None:
    data = SEED.read_bytes()
    text = data.decode("utf-8")
    baseline = timed(lambda: read_lines(decode_bytes(data).text), 200)
    # Line shapes are memoized; clear the cache before each page so that repeating one
    # page does not flatter the figure (real batches rarely repeat lines).
    def fresh_parse() -> None:
        clear_shape_cache()
        layoutkit.parse_text(text)

    seed = timed(fresh_parse, 30)

    # What the CLI does per page: parse, then the JSON text.
    def fresh_parse_json() -> None:
        clear_shape_cache()
        layoutkit.parse_text(text).to_json()

    seed_json = timed(fresh_parse_json, 30)
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "200.txt"
        big.write_text("\x0c".join([text] * 200), encoding="utf-8")
        many = float("inf")
        for _ in range(3):
            t0 = time.process_time()
            n = 0
            for _ in layoutkit.iter_file_pages(big):
                clear_shape_cache()
                n += 1
            many = min(many, (time.process_time() - t0) / n)
    rss = []
    done = 0
    for target in (100, 500, 1000):
        while done < target:
            layoutkit.parse_text(text)
            done += 1
        rss.append((target, rss_mb()))
    print(f"Machine: {cpu_name()}, {os.cpu_count()} cores, Python {platform.python_version()}, one core used")
    print()
    print("| measure | per page | pages/s | ratio to baseline |")
    print("|---|---|---|---|")
    print(f"| baseline: decode + split lines (seed) | {baseline * 1000:.2f} ms | {1 / baseline:,.0f} | 1.0 |")
    print(f"| full pipeline, seed page | {seed * 1000:.2f} ms | {1 / seed:,.0f} | {seed / baseline:.1f} |")
    print(f"| full pipeline + JSON, seed page | {seed_json * 1000:.2f} ms | {1 / seed_json:,.0f} | "
          f"{seed_json / baseline:.1f} |")
    print(f"| full pipeline, 200-page file ({n} pages) | {many * 1000:.2f} ms | {1 / many:,.0f} | {many / baseline:.1f} |")
    print()
    print("| pages parsed in one process | peak RSS |")
    print("|---|---|")
    for target, mb in rss:
        print(f"| {target} | {mb:.1f} MB |")


if __name__ == "__main__":
    main()
