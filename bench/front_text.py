"""Instruction counts (or CPU time) of the text pipeline's front half, stage by stage.

Runs one part of the text pipeline ``N`` times on a page (the seed page by default), with
its input prepared once beforehand and the line-shape memo cleared before each run, so
that ``valgrind --tool=callgrind`` counts of ``N`` runs minus one run, divided by
``N - 1``, give the part's instructions per page (they do not depend on the load of a
shared machine):

    PY=/root/.pyenv/versions/3.11.7/bin/python
    PYTHONHASHSEED=0 valgrind --tool=callgrind --callgrind-out-file=/tmp/c1 $PY bench/front_text.py columns 1
    PYTHONHASHSEED=0 valgrind --tool=callgrind --callgrind-out-file=/tmp/c11 $PY bench/front_text.py columns 11

Parts: ``read`` (bytes -> ``Line``s as ``parse_bytes`` reads them), ``language``
(detection and profile), ``columns`` (``text_regions``), ``front`` (the three),
``page`` (``api.parse_bytes``, the whole pipeline). Every part starts by forgetting the
memos of the last page (``measure.clear_shape_cache``), so a repeated page is not
flattered; ``columns`` alone classifies the whole page, while after language detection
(``front``, ``page``) it reads most of the page's classes off the codes made there. ``--time`` prints the least CPU
time per run of ``--runs`` rounds instead (for A/B runs alternated with another tree).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from layoutkit import api  # noqa: E402
from layoutkit.columns import text_regions  # noqa: E402
from layoutkit.measure import clear_shape_cache  # noqa: E402
from layoutkit.params import Params  # noqa: E402
from layoutkit.pipeline import resolve_profile  # noqa: E402
from layoutkit.readers import text as text_reader  # noqa: E402

from bench.text_parts import run_part  # noqa: E402

SEED = ROOT / "fixtures" / "seed-zh.txt"


def _read(data: bytes, params: Params):  # type: ignore[no-untyped-def]
    return next(iter(text_reader.read_text_pages(None, data, params))).lines


def parts(data: bytes):  # type: ignore[no-untyped-def]
    params = Params()
    lines = _read(data, params)
    sample = "\n".join(line.text for line in lines[:300])

    def read() -> None:
        _read(data, params)

    def language() -> None:
        clear_shape_cache()  # (and the page codes language detection remembers)
        resolve_profile(None, "\n".join(line.text for line in lines[:300]))

    def columns() -> None:
        clear_shape_cache()
        text_regions(lines, params.columns, params.reflow.letterspace_share)

    def front() -> None:
        clear_shape_cache()
        got = _read(data, params)
        resolve_profile(None, "\n".join(line.text for line in got[:300]))
        text_regions(got, params.columns, params.reflow.letterspace_share)

    def page() -> None:
        clear_shape_cache()
        api.parse_bytes(data)

    del sample
    return {"read": read, "language": language, "columns": columns, "front": front, "page": page}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("part", choices=("read", "language", "columns", "front", "page"))
    ap.add_argument("n", type=int, nargs="?", default=1)
    ap.add_argument("--file", default=str(SEED))
    ap.add_argument("--time", action="store_true")
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    data = Path(args.file).read_bytes()
    run_part(args.part, parts(data)[args.part], args.n, args.time, args.runs)

if __name__ == "__main__":
    main()
