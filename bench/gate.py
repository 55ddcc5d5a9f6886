"""The quality gate: dev-case metric means may not drop below their pinned floors.

    python -m bench.gate                      check (exit 1 when a mean is more than
                                              TOLERANCE below its floor)
    python -m bench.gate --update             re-pin every floor to the current means
    python -m bench.gate --update --reason "why"   ... also when some floor goes down

Floors live in ``bench/floors.yaml``, per source and input kind (``txt``, ``flat``, ``pdf``, ``alto``, ``page``)
and metric. Raising a floor is a deliberate commit of that file (``--update`` does it).
Lowering one needs a written reason: ``--update`` refuses to lower a floor by more than
TOLERANCE without ``--reason``, and the reason is kept in the file's ``lowered:`` log.
Kinds whose input layoutkit cannot read yet (``unsupported``) are not pinned; once pinned, a
kind that fails fails the gate (its pages count 0).

Exit codes: 0 pass, 1 a floor is broken, 2 usage or missing shared data.
"""
from __future__ import annotations

import argparse
import datetime as _dt
import sys
import time
from pathlib import Path
from typing import Any, Optional, Sequence

import yaml

if __package__ in (None, ""):  # run as a script: python bench/gate.py
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    __package__ = "bench"

from bench.cases import DEFAULT_SHARED, KINDS, Scored, default_jobs, dev_cases, group_means, layoutkit_tool, run_and_score
from layoutkit.evaluation import METRICS

FLOORS = Path(__file__).resolve().parent / "floors.yaml"
#: How far (absolute, on the 0..1 scale) a mean may fall below its floor before CI fails.
TOLERANCE = 0.005

HEADER = """\
# Quality floors: dev-case metric means per source and input kind, pinned by
#   python -m bench.gate --update [--reason "why a floor went down"]
# CI (python -m bench.gate) fails when a mean drops more than `tolerance` below its floor.
# Raising floors is a deliberate commit of this file; lowering one needs a reason, which
# --update records under `lowered:` (newest last). Means use layoutkit.evaluation (the same
# metrics as shared/tools/score.py); a page that fails to convert counts 0.
"""


def load_floors(path: Path = FLOORS) -> dict[str, Any]:
    if not path.exists():
        return {"tolerance": TOLERANCE, "floors": {}, "lowered": []}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    data.setdefault("floors", {})
    data.setdefault("lowered", [])
    data.setdefault("tolerance", TOLERANCE)
    return data


def current_means(scored: Sequence[Scored]) -> dict[str, dict[str, dict[str, float]]]:
    """{source: {kind: {metric: mean}}} of kinds that layoutkit could read at all."""
    unsupported = {(s.run.source, s.run.kind) for s in scored if s.run.error == "unsupported"}
    out: dict[str, dict[str, dict[str, float]]] = {}
    for (source, kind), mean in group_means(scored).items():
        if (source, kind) in unsupported:
            continue
        out.setdefault(source, {})[kind] = {m: v for m, v in mean.items() if v is not None}
    return out


def check(floors: dict[str, Any], means: dict[str, dict[str, dict[str, float]]]) -> list[str]:
    """Every broken floor, as one line each."""
    tol = float(floors.get("tolerance", TOLERANCE))
    broken = []
    for source, kinds in sorted((floors.get("floors") or {}).items()):
        for kind, metrics in sorted(kinds.items()):
            now = means.get(source, {}).get(kind)
            for metric, floor in sorted(metrics.items()):
                value = (now or {}).get(metric, 0.0)
                if value < float(floor) - tol - 1e-12:
                    why = " (input kind failed or unsupported)" if now is None else ""
                    broken.append(f"{source}/{kind} {metric}: {value:.4f} < floor {float(floor):.4f} - {tol}{why}")
    return broken


def lowered(floors: dict[str, Any], means: dict[str, dict[str, dict[str, float]]]) -> list[str]:
    """Floors the current means would lower by more than the tolerance."""
    tol = float(floors.get("tolerance", TOLERANCE))
    out = []
    for source, kinds in sorted((floors.get("floors") or {}).items()):
        for kind, metrics in sorted(kinds.items()):
            for metric, floor in sorted(metrics.items()):
                value = means.get(source, {}).get(kind, {}).get(metric)
                if value is None or value < float(floor) - tol:
                    out.append(f"{source}/{kind} {metric} {float(floor):.4f} -> "
                               + ("(gone)" if value is None else f"{value:.4f}"))
    return out


def write_floors(floors: dict[str, Any], means: dict[str, dict[str, dict[str, float]]],
                 reason: Optional[str], changes: list[str], path: Path = FLOORS) -> None:
    log = list(floors.get("lowered") or [])
    if changes:
        log.append({"date": _dt.date.today().isoformat(), "reason": reason, "changes": changes})
    pinned = {source: {kind: {m: kinds[kind][m] for m in METRICS if m in kinds[kind]} for kind in KINDS if kind in kinds}
              for source, kinds in sorted(means.items())}
    body = yaml.safe_dump({"tolerance": float(floors.get("tolerance", TOLERANCE)), "floors": pinned, "lowered": log},
                          sort_keys=False, allow_unicode=True, width=100)
    path.write_text(HEADER + body, encoding="utf-8")


def main(argv: Optional[Sequence[str]] = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.gate", description=__doc__.split("\n")[0],
                                 epilog="examples:\n  python -m bench.gate\n  python -m bench.gate --update\n"
                                        "  python -m bench.gate --update --reason 'flat.txt paragraphs traded for ...'",
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--update", action="store_true", help="re-pin the floors to the current means")
    ap.add_argument("--reason", help="why floors go down (required with --update when any does)")
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help=f"shared data folder (default {DEFAULT_SHARED})")
    ap.add_argument("--floors", type=Path, default=FLOORS, help="floors file (default bench/floors.yaml)")
    ap.add_argument("--jobs", type=int, default=default_jobs(), help="worker processes (default: CPUs, at most 4)")
    args = ap.parse_args(argv)
    if not (args.shared / "cases" / "cases.yaml").exists():
        print(f"gate: no dev cases at {args.shared}/cases (pass --shared)", file=sys.stderr)
        return 2
    started = time.perf_counter()
    cases = dev_cases(args.shared)
    scored = run_and_score(layoutkit_tool, cases, KINDS, jobs=args.jobs)
    means = current_means(scored)
    floors = load_floors(args.floors)
    for source, kinds in sorted(means.items()):
        for kind, metrics in kinds.items():
            print(f"{source + '/' + kind:26s} " + " ".join(f"{m}={v:.4f}" for m, v in metrics.items()))
    failed = sorted({f"{s.run.source}/{s.run.kind}: {s.run.error}" for s in scored if s.run.error})
    for line in failed:
        print(f"  not converted: {line}")
    elapsed = time.perf_counter() - started
    if args.update:
        changes = lowered(floors, means)
        if changes and not args.reason:
            print("gate: --update would lower these floors; say why with --reason:", file=sys.stderr)
            for line in changes:
                print(f"  {line}", file=sys.stderr)
            return 2
        write_floors(floors, means, args.reason, changes, args.floors)
        print(f"gate: floors re-pinned in {args.floors} ({len(changes)} lowered) in {elapsed:.0f} s")
        return 0
    broken = check(floors, means)
    for line in broken:
        print(f"FLOOR BROKEN {line}", file=sys.stderr)
    unpinned = sorted(f"{s}/{k}" for s, ks in means.items() for k in ks if k not in (floors["floors"].get(s) or {}))
    if unpinned:
        print(f"gate: not pinned yet (run --update to pin): {', '.join(unpinned)}")
    print(f"gate: {'FAIL' if broken else 'pass'}: {len(broken)} floors broken, {len(cases)} cases, {elapsed:.0f} s")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
