#!/usr/bin/env python3
"""Convert every dev case input of one kind and print the scorer's per-case and mean table.

Usage (from the repository root)::

    python bench/score_cases.py                    # every case's NAME.txt
    python bench/score_cases.py --kind flat.txt    # the flattened inputs
    python bench/score_cases.py --source kb bl     # only some sources (name prefixes)
    python bench/score_cases.py --keep /tmp/out    # keep the JSON outputs

Each input is converted exactly as ``python -m layoutkit convert IN -o OUT.json`` would
(``layoutkit.cli.main`` in a worker process), then scored with
``../shared/tools/score.py``. Means are over the cases that support each metric (the gold's
``metrics:`` list), per source and overall. A crash or a lost character (text_recall < 1)
is flagged in the table.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import tempfile
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Optional, Sequence

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.cases import DEFAULT_SHARED, DevCase, dev_cases  # noqa: E402

SHARED = DEFAULT_SHARED
CASES = SHARED / "cases"
METRICS = ["text_recall", "type_acc", "block_f1", "break_f1", "article_ari", "order_acc", "text_sim"]
SHORT = {"text_recall": "recall", "type_acc": "type", "block_f1": "blockF1", "break_f1": "breakF1",
         "article_ari": "ari", "order_acc": "order", "text_sim": "sim"}


def _scorer():
    spec = importlib.util.spec_from_file_location("lk_score", SHARED / "tools" / "score.py")
    mod = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(mod)
    return mod


def cases_with_input(kind: str, sources: Optional[Sequence[str]] = None) -> list[tuple[DevCase, Path]]:
    """The dev cases that have a ``NAME.<kind>`` input (optionally of some sources only),
    listed by ``bench.cases.dev_cases`` so every bench script sees the same cases."""
    out = []
    for case in dev_cases(SHARED):
        if sources and not any(case.name.startswith(x) or case.source == x for x in sources):
            continue
        inp = CASES / f"{case.name}.{kind}"
        if inp.exists():
            out.append((case, inp))
    return out


def run_one(job: tuple[str, str, str]) -> tuple[str, dict | None, str]:
    name, inp, out = job
    from layoutkit.cli import main

    import contextlib
    import io

    err = io.StringIO()
    try:
        with contextlib.redirect_stderr(err):
            code = main(["convert", inp, "-o", out])
    except Exception as exc:  # a crash is a result to report, not a reason to stop
        return name, None, f"CRASH {type(exc).__name__}: {exc}"
    if code != 0:
        return name, None, f"exit {code}: {err.getvalue().strip()}"
    scorer = _scorer()
    gold = scorer.load(CASES / f"{name}.gold.yaml")
    result = scorer.score(scorer.load(Path(out)), gold)
    result["lost"] = lost_characters(Path(inp), Path(out))
    return name, result, ""


def lost_characters(inp: Path, out: Path) -> dict[str, int]:
    """Characters lost (or invented) against the library's own contract: every character
    the reader delivers is in the output once, but for the recorded removals
    (``layoutkit.conservation.account``). Counted on the reader's lines, so it means the
    same for text, XML and PDF inputs (``out`` is not needed: the page is rebuilt)."""
    from collections import Counter

    from layoutkit.api import page_from_read, read_input_bytes, read_pages
    from layoutkit.conservation import account
    from layoutkit.params import Params

    params = Params()
    bad: Counter[str] = Counter()
    for raw in read_pages(read_input_bytes(inp, params), path=str(inp), params=params):
        acc = account([line.text for line in raw.lines], page_from_read(raw, params=params))
        bad.update(acc.unexplained)
        bad.update({f"+{ch}": n for ch, n in acc.invented.items()})
    return dict(bad)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--kind", default="txt", help="input kind: txt, flat.txt, alto.xml, page.xml, pdf")
    ap.add_argument("--source", nargs="*", help="only cases whose name starts with one of these")
    ap.add_argument("--keep", help="write the JSON outputs to this folder")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--json", action="store_true", help="print the results as JSON")
    args = ap.parse_args(argv)
    outdir = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="lk-cases-"))
    outdir.mkdir(parents=True, exist_ok=True)
    found = cases_with_input(args.kind, args.source)
    source = {case.name: case.source for case, _ in found}
    jobs = [(case.name, str(inp), str(outdir / f"{case.name}.json")) for case, inp in found]
    with ProcessPoolExecutor(max_workers=args.jobs) as ex:
        results = list(ex.map(run_one, jobs))
    by_source: dict[str, list[dict]] = defaultdict(list)
    everything: list[dict] = []
    print(f"{'case':42s} " + " ".join(f"{SHORT[k]:>7s}" for k in METRICS))
    for name, r, problem in results:
        if r is None:
            print(f"{name:42s} {problem}")
            r = {k: 0.0 for k in METRICS}
        flag = f"  LOST {r['lost']}" if r.get("lost") else ""
        print(f"{name:42s} " + " ".join(f"{'n/a' if r[k] is None else format(r[k], '.3f'):>7s}" for k in METRICS) + flag)
        by_source[source[name]].append(r)
        everything.append(r)

    def mean_row(label: str, rows: list[dict]) -> dict:
        out = {}
        for k in METRICS:
            vals = [r[k] for r in rows if r[k] is not None]
            out[k] = sum(vals) / len(vals) if vals else None
        print(f"{label:42s} " + " ".join(f"{'n/a' if out[k] is None else format(out[k], '.3f'):>7s}" for k in METRICS))
        return out

    print("-" * 100)
    means = {src: mean_row(f"MEAN {src} ({len(rows)})", rows) for src, rows in sorted(by_source.items())}
    means["ALL"] = mean_row(f"MEAN all ({len(everything)})", everything)
    if args.json:
        print(json.dumps({"cases": {n: r for n, r, _ in results}, "means": means}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
