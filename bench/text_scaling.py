"""Which text-stage functions grow faster than the page: call counts, halves against whole.

A function whose work is linear in the page's lines is called (or iterates) about as often
on the whole page as on its two halves together; a pairwise loop is called about twice as
often. Call counts are deterministic, so this works on a loaded machine where timings do
not. Reads the first page of a PDF through the pdfium backend (``readers.pdf``), runs the
text stages (``api.page_from_read``) on the first half of its lines, the second half and
the whole, and lists the functions with the largest excess of calls on the whole page.

Usage: python bench/text_scaling.py PDF [--top N]
"""
from __future__ import annotations

import argparse
import cProfile
import dataclasses
import pstats
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from layoutkit.api import page_from_read  # noqa: E402
from layoutkit.params import Params  # noqa: E402
from layoutkit.readers import pdf as reader  # noqa: E402


def call_counts(raw, params: Params) -> dict[str, tuple[int, float]]:
    """Calls and cumulative seconds per function for one run of the text stages (after a
    warm-up run, so that pattern compilation and profile loading are not counted)."""
    page_from_read(raw, params=params)
    prof = cProfile.Profile()
    prof.enable()
    page_from_read(raw, params=params)
    prof.disable()
    stats = pstats.Stats(prof).stats  # type: ignore[attr-defined]
    return {f"{Path(k[0]).name}:{k[1]}:{k[2]}": (v[0], v[3]) for k, v in stats.items()}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("pdf")
    ap.add_argument("--top", type=int, default=25)
    args = ap.parse_args()
    params = Params()
    data = Path(args.pdf).read_bytes()
    content = next(iter(reader._pdfium_pages(args.pdf, data, None, params)))
    raw = reader._read_page(args.pdf, content, "", params)
    n = len(raw.lines)
    first = call_counts(dataclasses.replace(raw, lines=raw.lines[: n // 2]), params)
    second = call_counts(dataclasses.replace(raw, lines=raw.lines[n // 2:]), params)
    whole = call_counts(raw, params)
    rows = []
    for name, (calls, cum) in whole.items():
        halves = first.get(name, (0, 0.0))[0] + second.get(name, (0, 0.0))[0]
        rows.append((calls - halves, calls, halves, cum, name))
    rows.sort(reverse=True)
    print(f"{n} lines; excess calls on the whole page over its two halves")
    print("| excess | whole | halves | cum s (whole) | function |")
    print("|---|---|---|---|---|")
    for excess, calls, halves, cum, name in rows[: args.top]:
        print(f"| {excess} | {calls} | {halves} | {cum:.3f} | {name} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
