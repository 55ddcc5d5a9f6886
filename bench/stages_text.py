"""Where the text pipeline spends its time, stage by stage (for speed work).

Runs the stages of ``pipeline.run_lines`` for a plain text page one by one and reports
the least CPU time (``time.process_time``) of each over several runs, with line-shape
memoization cleared before each page (as ``bench/speed_text.py`` does).

    python bench/stages_text.py [FILE] [--runs 7] [--repeat 20]
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from layoutkit.articles import assemble  # noqa: E402
from layoutkit.classify import classify  # noqa: E402
from layoutkit.columns import text_regions  # noqa: E402
from layoutkit.flat import is_flat  # noqa: E402
from layoutkit.latin_titles import apply_caps_titles  # noqa: E402
from layoutkit.furniture import place_in_reading_order  # noqa: E402
from layoutkit.masthead import apply_masthead  # noqa: E402
from layoutkit.measure import clear_shape_cache  # noqa: E402
from layoutkit.model import Page, Source  # noqa: E402
from layoutkit.orthography import apply_orthography  # noqa: E402
from layoutkit.params import Params  # noqa: E402
from layoutkit.pipeline import resolve_profile  # noqa: E402
from layoutkit.readers.text import read_lines, text_from_str  # noqa: E402
from layoutkit.reflow import reflow  # noqa: E402
from layoutkit.hints import apply_region_hints  # noqa: E402


def one_page(text: str, clock: dict[str, float]) -> None:
    params = Params()
    source = Source(format="text", path=None, sha256="", encoding=None)

    def lap(name: str, t0: float) -> float:
        t = time.process_time()
        clock[name] = clock.get(name, 0.0) + t - t0
        return t

    clear_shape_cache()
    t = time.process_time()
    lines = read_lines(text_from_str(text).text, max_lines=params.read.max_lines)
    t = lap("read", t)
    sample = "\n".join(line.text for line in lines[:300])
    prof, language = resolve_profile(None, sample)
    t = lap("language", t)
    is_flat(lines)
    regions = text_regions(lines, params.columns, params.reflow.letterspace_share)
    t = lap("columns", t)
    flow = reflow(regions, prof, params.reflow)
    t = lap("reflow", t)
    items = classify(flow, prof, params.classify)
    t = lap("classify", t)
    items = apply_masthead(items)
    items = apply_caps_titles(items)
    items = apply_region_hints(items)
    t = lap("latin rules", t)
    articles, blocks = assemble(items, prof, params.articles)
    articles, blocks = place_in_reading_order(articles, blocks)
    page = Page(source=source, language=language, articles=tuple(articles), blocks=tuple(blocks),
                warnings=(), profile=prof.name)
    apply_orthography(page, params.orthography)
    lap("articles", t)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("file", nargs="?", default=str(ROOT / "fixtures" / "seed-zh.txt"))
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--repeat", type=int, default=20)
    args = ap.parse_args()
    text = Path(args.file).read_text(encoding="utf-8")
    best: dict[str, float] = {}
    for _ in range(args.runs):
        clock: dict[str, float] = {}
        for _ in range(args.repeat):
            one_page(text, clock)
        for k, v in clock.items():
            best[k] = min(best.get(k, float("inf")), v / args.repeat)
    total = sum(best.values())
    print("| stage | ms per page | share |")
    print("|---|---|---|")
    for k, v in best.items():
        print(f"| {k} | {v * 1000:.2f} | {v / total:.0%} |")
    print(f"| total | {total * 1000:.2f} | |")


if __name__ == "__main__":
    main()
