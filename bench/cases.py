"""The dev cases, and running and scoring one tool on them.

Shared by ``bench/gate.py`` (the CI quality gate) and ``bench/compare.py`` (layoutkit
against the tools users would use instead), so both see the same cases, inputs and scorer:
``layoutkit.evaluation``, the project's own implementation of the reference metrics.

The cases live in the shared data folder (``../shared/cases`` relative to the repo root, as
in CI; ``--shared`` overrides). ``cases.yaml`` lists each case's source, gold file and
inputs; an input's *kind* is ``txt`` (``NAME.txt``), ``flat`` (``NAME.flat.txt``) or
``pdf`` (``NAME.pdf``).
"""
from __future__ import annotations

import os
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Optional, Sequence

import yaml

from layoutkit.evaluation import EvalPage, load_page, page_from_model
from layoutkit.evaluation.corpus import PageResult, mean_metrics
from layoutkit.evaluation.metrics import score_pages

REPO = Path(__file__).resolve().parents[1]
#: Where CI (and this machine) keeps the shared data: next to the repository.
DEFAULT_SHARED = REPO.parent / "shared"
#: Input kinds by file-name suffix, in report order.
KINDS: dict[str, str] = {"txt": ".txt", "flat": ".flat.txt", "pdf": ".pdf", "alto": ".alto.xml", "page": ".page.xml"}


@dataclass(frozen=True)
class DevCase:
    name: str
    source: str
    gold: Path
    inputs: dict[str, Path] = field(default_factory=dict)


def dev_cases(shared: Path = DEFAULT_SHARED, split: str = "dev") -> list[DevCase]:
    """The cases of ``split`` listed in ``shared/cases/cases.yaml``."""
    folder = shared / "cases"
    listing = yaml.safe_load((folder / "cases.yaml").read_text(encoding="utf-8"))
    out = []
    for entry in listing.get("cases") or []:
        if entry.get("split") != split:
            continue
        inputs = {}
        for name in entry.get("inputs") or []:
            kind = input_kind(name)
            if kind:
                inputs[kind] = folder / name
        pdf = folder / f"{entry['name']}.pdf"
        if pdf.exists():
            inputs["pdf"] = pdf
        out.append(DevCase(entry["name"], entry["source"], folder / entry["gold"], inputs))
    return out


def input_kind(filename: str) -> Optional[str]:
    """The kind (a key of ``KINDS``) of a case input, ``None`` for any other file."""
    if filename.endswith(".alto.xml"):
        return "alto"
    if filename.endswith(".page.xml"):
        return "page"
    if filename.endswith(".flat.txt"):
        return "flat"
    if filename.endswith(".txt"):
        return "txt"
    if filename.endswith(".pdf"):
        return "pdf"
    return None


@dataclass(frozen=True)
class Run:
    """One tool on one input: the page it produced (or why not) and the seconds it took."""

    case: str
    source: str
    kind: str
    page: Optional[EvalPage]
    seconds: float
    error: Optional[str] = None


#: A tool: input path -> the page it reconstructs. Raises on failure.
Tool = Callable[[Path], EvalPage]


def layoutkit_tool(path: Path) -> EvalPage:
    """layoutkit's reconstruction of one input (the library, in process)."""
    from layoutkit.api import parse_file

    return page_from_model(parse_file(path))


def run_one(tool: Tool, case: DevCase, kind: str) -> Run:
    start = time.perf_counter()
    try:
        page = tool(case.inputs[kind])
    except Exception as exc:  # a failed page is recorded and scored 0, never fatal
        return Run(case.name, case.source, kind, None, time.perf_counter() - start, _describe(exc))
    return Run(case.name, case.source, kind, page, time.perf_counter() - start)


def _describe(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    if "not supported" in text or "unsupported" in text.lower():
        return "unsupported"
    return f"{type(exc).__name__}: {text}"[:200]


@dataclass(frozen=True)
class Scored:
    run: Run
    result: PageResult


def score_run(run: Run, gold_path: Path) -> Scored:
    gold = load_page(gold_path, name=run.case)
    score = score_pages(run.page, gold) if run.page is not None else None
    return Scored(run, PageResult(run.case, score, gold))


def _run_and_score(args: tuple[Tool, DevCase, str]) -> Scored:
    tool, case, kind = args
    return score_run(run_one(tool, case, kind), case.gold)


def run_and_score(tool: Tool, cases: Sequence[DevCase], kinds: Iterable[str],
                  jobs: int = 1) -> list[Scored]:
    """Run ``tool`` on every case input of the given kinds and score it; in ``jobs``
    processes (timings stay per page, measured inside the worker)."""
    work = [(tool, c, k) for k in kinds for c in cases if k in c.inputs]
    if jobs <= 1:
        return [_run_and_score(w) for w in work]
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(_run_and_score, work, chunksize=1))


def default_jobs() -> int:
    return max(1, min(4, os.cpu_count() or 1))


def group_means(scored: Sequence[Scored]) -> dict[tuple[str, str], dict[str, Optional[float]]]:
    """Metric means per (source, kind); failed pages count 0 (as missing outputs do)."""
    groups: dict[tuple[str, str], list[PageResult]] = {}
    for s in scored:
        groups.setdefault((s.run.source, s.run.kind), []).append(s.result)
    return {key: mean_metrics(results) for key, results in sorted(groups.items())}
