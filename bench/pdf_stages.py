"""Where the time of the PDF path goes, stage by stage (CPU time, least of ``--repeat``).

Per file, ms per page: pdfplumber extraction as ``readers.pdf`` does it (the library's
calls plus the conversion to ``PageContent``), pdfium extraction, the layout analysis
(``layout.analyze``: dedupe, lines, blocks, order) and the text stages after it
(regions, reflow, typing, articles: ``api.page_from_read``).

Usage: python bench/pdf_stages.py PDF ... [--repeat N]
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from layoutkit.api import page_from_read  # noqa: E402
from layoutkit.params import Params  # noqa: E402
from layoutkit.readers import pdf as reader  # noqa: E402


def least(fn, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.process_time()
        fn()
        best = min(best, time.process_time() - t)
    return best


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("pdfs", nargs="+")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    params = Params()
    print("| file | pages | pdfplumber extraction | pdfium extraction | layout | text stages |")
    print("|---|---|---|---|---|---|")
    for path in args.pdfs:
        data = Path(path).read_bytes()
        pl = lambda: list(reader._pdfplumber_pages(path, data, None, params))  # noqa: E731
        pm = lambda: list(reader._pdfium_pages(path, data, None, params))  # noqa: E731
        contents = pm()
        n = len(contents)
        t_pl, t_pm = least(pl, args.repeat), least(pm, args.repeat)
        t_layout = least(lambda: [reader.analyze(c, params.layout) for c in contents], args.repeat)
        raws = [reader._read_page(path, c, "", params) for c in contents]
        t_text = least(lambda: [page_from_read(r, params=params) for r in raws], args.repeat)
        ms = lambda t: f"{t / n * 1000:.0f}"  # noqa: E731
        print(f"| {Path(path).name} | {n} | {ms(t_pl)} | {ms(t_pm)} | {ms(t_layout)} | {ms(t_text)} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
