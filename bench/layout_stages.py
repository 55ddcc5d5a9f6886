"""Where the time of the PDF layout analysis goes, sub-stage by sub-stage.

CPU ms per page (least of ``--repeat``) of each step of ``layout.analyze`` on a PDF's pdfium
contents: runs and dedupe, lines, blocks, captions, reading order. The steps are run as
``layout._analyze`` runs them, each on the output of the one before (the collector paused
as ``analyze`` pauses it).

Usage: python bench/layout_stages.py PDF ... [--repeat N] [--backend pdfium|pdfplumber]
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from layoutkit.gcpause import collector_paused  # noqa: E402
from layoutkit.layout import deduped, framed_blocks, page_lines  # noqa: E402
from layoutkit.layout.captions import tag_captions  # noqa: E402
from layoutkit.layout.order import reading_order  # noqa: E402
from layoutkit.params import Params  # noqa: E402
from layoutkit.readers import pdf as reader  # noqa: E402

STAGES = ("dedupe", "lines", "blocks", "captions", "order")


def stages(content, params) -> dict[str, float]:
    """CPU seconds of each step of the analysis of one page."""
    out = {}
    clock = time.process_time
    t = clock()
    upright = [c for c in content.chars if c.upright]
    chars, runs = deduped(upright, params.dedupe_tolerance)
    out["dedupe"] = clock() - t
    if not chars:
        return out
    t = clock()
    page, body, lines = page_lines(content, chars, runs, params)
    out["lines"] = clock() - t
    t = clock()
    blocks = framed_blocks(content, lines, body, params)
    out["blocks"] = clock() - t
    t = clock()
    blocks = tag_captions(blocks, content.images, body, params)
    out["captions"] = clock() - t
    t = clock()
    reading_order(blocks, page, body, params)
    out["order"] = clock() - t
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("pdfs", nargs="+")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--backend", default="pdfium", choices=("pdfium", "pdfplumber"))
    args = ap.parse_args()
    params = Params()
    print("| file | pages | " + " | ".join(STAGES) + " | total |")
    print("|---|---|" + "---|" * (len(STAGES) + 1))
    for path in args.pdfs:
        data = Path(path).read_bytes()
        extract = reader._pdfium_pages if args.backend == "pdfium" else reader._pdfplumber_pages
        contents = list(extract(path, data, None, params))
        best = dict.fromkeys(STAGES, float("inf"))
        with collector_paused():
            for _ in range(args.repeat):
                sums = dict.fromkeys(STAGES, 0.0)
                for c in contents:
                    for k, v in stages(c, params.layout).items():
                        sums[k] += v
                for k in STAGES:
                    best[k] = min(best[k], sums[k])
        n = len(contents)
        cells = [f"{best[k] / n * 1000:.1f}" for k in STAGES]
        print(f"| {Path(path).name} | {n} | " + " | ".join(cells) + f" | {sum(best.values()) / n * 1000:.1f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
