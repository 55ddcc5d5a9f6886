"""Instruction counts (or CPU time) of each part of the text pipeline, inputs prepared once.

Every stage of the text pipeline, reading included: each part runs ``N``
times on a page (the seed page by default) with its input computed once beforehand, so
that valgrind counts of ``N`` runs minus one run, divided by ``N - 1``, give the part's
instructions per page:

    PY=/root/.pyenv/versions/3.11.7/bin/python
    PYTHONHASHSEED=0 valgrind --tool=callgrind --callgrind-out-file=/tmp/c1 $PY bench/text_parts.py classify 1
    PYTHONHASHSEED=0 valgrind --tool=callgrind --callgrind-out-file=/tmp/c11 $PY bench/text_parts.py classify 11

Parts: ``read``, ``language``, ``columns``, ``front`` (read, language and columns in a row),
``reflow``, ``classify``, ``latin`` (masthead,
capitals titles, title date lines, region hints), ``articles`` (assembly, furniture
placement, the ``Page``, orthography), ``serialize`` (``Page.to_json``), ``page``
(``api.parse_bytes``) and ``pagejson`` (``api.parse_bytes`` then ``to_json``: what the CLI
does per page). Every part but ``read`` and ``serialize`` starts by forgetting what the
last run memoized by text (``measure.clear_shape_cache``), so a repeated page is not
flattered. ``--time`` prints the least CPU time per run of ``--runs`` rounds instead.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from layoutkit import api  # noqa: E402
from layoutkit.articles import assemble  # noqa: E402
from layoutkit.classify import classify  # noqa: E402
from layoutkit.columns import text_regions  # noqa: E402
from layoutkit.furniture import place_in_reading_order  # noqa: E402
from layoutkit.hints import apply_region_hints  # noqa: E402
from layoutkit.latin_titles import apply_caps_titles, apply_title_date_lines  # noqa: E402
from layoutkit.masthead import apply_masthead  # noqa: E402
from layoutkit.measure import clear_shape_cache  # noqa: E402
from layoutkit.model import Page, Source  # noqa: E402
from layoutkit.orthography import apply_orthography  # noqa: E402
from layoutkit.params import Params  # noqa: E402
from layoutkit.pipeline import resolve_profile  # noqa: E402
from layoutkit.readers import text as text_reader  # noqa: E402
from layoutkit.reflow import reflow  # noqa: E402

SEED = ROOT / "fixtures" / "seed-zh.txt"
PARTS = ("read", "language", "columns", "front", "reflow", "classify", "latin", "articles", "serialize",
         "page", "pagejson")


def parts(data: bytes) -> dict[str, Callable[[], object]]:
    params = Params()
    source = Source(format="text", path=None, sha256="", encoding=None)

    def read() -> list:  # type: ignore[type-arg]
        return next(iter(text_reader.read_text_pages(None, data, params))).lines

    lines = read()

    def language() -> tuple:  # type: ignore[type-arg]
        clear_shape_cache()
        return resolve_profile(None, "\n".join(line.text for line in lines[:300]))

    prof, lang = language()

    def columns() -> list:  # type: ignore[type-arg]
        clear_shape_cache()
        return text_regions(lines, params.columns, params.reflow.letterspace_share)

    def front() -> list:  # type: ignore[type-arg]
        """Read, language and columns in a row: after language detection the column stage
        reads most of the page's classes off the codes made there."""
        clear_shape_cache()
        got = read()
        resolve_profile(None, "\n".join(line.text for line in got[:300]))
        return text_regions(got, params.columns, params.reflow.letterspace_share)

    regions = columns()

    def reflow_() -> list:  # type: ignore[type-arg]
        clear_shape_cache()
        return reflow(regions, prof, params.reflow)

    flow_ = reflow_()

    def classify_() -> list:  # type: ignore[type-arg]
        clear_shape_cache()
        return classify(flow_, prof, params.classify)

    typed = classify_()

    def latin() -> list:  # type: ignore[type-arg]
        items = apply_masthead(typed)
        items = apply_caps_titles(items, real_boxes=True)
        items = apply_title_date_lines(items)
        return apply_region_hints(items)

    items = latin()

    def articles() -> Page:
        arts, blocks = assemble(items, prof, params.articles)
        arts, blocks = place_in_reading_order(arts, blocks)
        page = Page(source=source, language=lang, articles=tuple(arts), blocks=tuple(blocks),
                    warnings=(), profile=prof.name)
        return apply_orthography(page, params.orthography)

    done = articles()

    def serialize() -> str:
        return done.to_json()

    def page() -> Page:
        clear_shape_cache()
        return api.parse_bytes(data)

    def pagejson() -> str:
        clear_shape_cache()
        return api.parse_bytes(data).to_json()

    return {"read": read, "language": language, "columns": columns, "front": front,
            "reflow": reflow_, "classify": classify_,
            "latin": latin, "articles": articles, "serialize": serialize, "page": page,
            "pagejson": pagejson}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("part", choices=PARTS + ("all",))
    ap.add_argument("n", type=int, nargs="?", default=1)
    ap.add_argument("--file", default=str(SEED))
    ap.add_argument("--time", action="store_true")
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    data = Path(args.file).read_bytes()
    table = parts(data)
    names = PARTS if args.part == "all" else (args.part,)
    for name in names:
        run_part(name, table[name], args.n, args.time, args.runs)


def run_part(name: str, fn: Callable[[], object], n: int, timed: bool, runs: int) -> None:
    """Run ``fn`` once to warm up, then ``n`` times (for callgrind: the counts of two
    ``n`` give the instructions per run), or with ``timed`` print its least CPU time per
    run over ``runs`` rounds of ``n``."""
    fn()  # warm: imports, compiled patterns, profile loading
    if not timed:
        for _ in range(n):
            fn()
        return
    best = float("inf")
    for _ in range(runs):
        t0 = time.process_time()
        for _ in range(n):
            fn()
        best = min(best, (time.process_time() - t0) / n)
    print(f"{name}: {best * 1000:.3f} ms")

if __name__ == "__main__":
    main()
