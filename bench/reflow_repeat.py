"""Run the reflow stage (or a part of it, or the whole page) N times, for instruction counts.

The page's regions are prepared once; the chosen part then runs N times. Under valgrind
the per-run count is (count of a run with N2 - count with N1) / (N2 - N1), which does not
depend on the machine's load (docs/performance-reflow.md, "Eighth round")::

    PYTHONHASHSEED=0 valgrind --tool=callgrind --callgrind-out-file=/tmp/cg.2 \\
        /root/.pyenv/versions/3.11.7/bin/python bench/reflow_repeat.py reflow 2
    (the same with 22, then (I(22) - I(2)) / 20)

Modes: ``reflow`` (the stage), ``boxes`` (``build_boxes``), ``columns`` (the
``cjk-columns`` pass), ``cands`` (``candidate_links``), ``assign`` (``assign_links``),
``page`` (``parse_bytes`` of the page, line-shape memo cleared before each run).

    python bench/reflow_repeat.py MODE N [FILE]
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from layoutkit import continuation, reflow as rf  # noqa: E402
from layoutkit.api import parse_bytes  # noqa: E402
from layoutkit.columns import text_regions  # noqa: E402
from layoutkit.measure import clear_shape_cache  # noqa: E402
from layoutkit.params import Params  # noqa: E402
from layoutkit.pipeline import resolve_profile  # noqa: E402
from layoutkit.readers.text import read_lines, text_from_str  # noqa: E402

SEED = ROOT.parent / "shared" / "seeds" / "000_aec4e68dac08e9c7.txt"


def main(argv: list[str]) -> None:
    mode, n = argv[0], int(argv[1])
    data = Path(argv[2] if len(argv) > 2 else SEED).read_bytes()
    if mode == "page":
        for _ in range(n):
            clear_shape_cache()
            parse_bytes(data)
        return
    params = Params()
    rp = params.reflow
    lines = read_lines(text_from_str(data.decode("utf-8")).text, max_lines=params.read.max_lines)
    profile, _ = resolve_profile(None, "\n".join(line.text for line in lines[:300]))
    regions = text_regions(lines, params.columns, rp.letterspace_share)
    lexicon = rf.page_lexicon(regions, rp)
    boxes = rf.build_boxes(regions, profile, rp, lexicon)
    candidates = continuation.candidate_links(boxes, profile, rp.spread_indent_min)
    columns = [r for r, cjk in zip(regions, rf._cjk_regions(regions)) if cjk and r.width is not None and not r.vertical]
    for _ in range(n):
        if mode == "reflow":
            rf.reflow(regions, profile, rp)
        elif mode == "boxes":
            rf.build_boxes(regions, profile, rp, lexicon)
        elif mode == "columns":
            rf._cjk_column_paragraphs(columns, profile, rp, lexicon)
        elif mode == "cands":
            continuation.candidate_links(boxes, profile, rp.spread_indent_min)
        elif mode == "assign":
            continuation.assign_links(candidates, boxes)
        else:
            raise SystemExit(f"unknown mode {mode!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
