"""layoutkit against what users would use instead, on the dev cases: same run, same scorer.

    python -m bench.compare                 write docs/benchmarks.md
    python -m bench.compare --stdout        print it instead

Rows (each scored with ``layoutkit.evaluation``, the reference metrics):

* ``layoutkit``: ``layoutkit.parse_file`` on the input (PDF pages report ``unsupported``
  until the PDF reader lands);
* text inputs: ``blank-line paragraphs``, the input text split at blank lines, each chunk a
  page-level body block: what a user gets without layout analysis (for People's Daily the
  ``.txt`` *is* pdfminer.six's ``extract_text``, so this row is pdfminer on those pages);
* PDF inputs: pdfminer.six ``extract_text``, pdfplumber ``extract_text``, poppler's
  ``pdftotext`` (default and ``-layout``), each split into blank-line paragraphs the same
  way; a peer that is not installed is left out;
* ceilings: ``gold`` (the ground truth scored against itself) and ``everything as one
  body block`` (the gold text, in order, as a single body block: perfect text, no structure).

Accuracy is the mean of the metrics each page supports; accuracy and time per page are also
given as ratios to the reference row (pdfminer.six for PDFs, blank-line paragraphs for text).
"""
from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional, Sequence

if __package__ in (None, ""):  # run as a script: python bench/compare.py
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    __package__ = "bench"

from bench.cases import (DEFAULT_SHARED, REPO, DevCase, Run, Scored, dev_cases, layoutkit_tool, run_and_score,
                         score_run)
from layoutkit import __version__ as LAYOUTKIT_VERSION
from layoutkit.evaluation import METRICS, EvalBlock, EvalPage, load_page

OUT = REPO / "docs" / "benchmarks.md"
KIND_TITLES = {"txt": "Text input (`NAME.txt`: one printed line per line, blank lines between text blocks)",
               "flat": "Flat text input (`NAME.flat.txt`: no blank lines at all)",
               "pdf": "PDF input (`NAME.pdf`)"}


def blank_line_blocks(text: str) -> EvalPage:
    """Text split at blank lines, every chunk a page-level body block."""
    blocks, chunk = [], []
    for line in text.splitlines():
        if line.strip():
            chunk.append(line)
        elif chunk:
            blocks.append(EvalBlock("body", "\n".join(chunk)))
            chunk = []
    if chunk:
        blocks.append(EvalBlock("body", "\n".join(chunk)))
    return EvalPage(tuple(blocks))


def plain_text_tool(path: Path) -> EvalPage:
    return blank_line_blocks(path.read_text(encoding="utf-8", errors="replace"))


def pdfminer_tool(path: Path) -> EvalPage:
    from pdfminer.high_level import extract_text

    return blank_line_blocks(extract_text(str(path)))


def pdfplumber_tool(path: Path) -> EvalPage:
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        return blank_line_blocks("\n\n".join(page.extract_text() or "" for page in pdf.pages))


def _pdftotext(path: Path, *extra: str) -> EvalPage:
    done = subprocess.run(["pdftotext", "-enc", "UTF-8", *extra, str(path), "-"], capture_output=True, check=True)
    return blank_line_blocks(done.stdout.decode("utf-8", "replace"))


def pdftotext_tool(path: Path) -> EvalPage:
    return _pdftotext(path)


def pdftotext_layout_tool(path: Path) -> EvalPage:
    return _pdftotext(path, "-layout")


@dataclass(frozen=True)
class Row:
    name: str
    tool: Callable[[Path], EvalPage]
    kinds: tuple[str, ...]
    version: str


def _module_version(module: str) -> Optional[str]:
    try:
        mod = __import__(module)
    except ImportError:
        return None
    return str(getattr(mod, "__version__", "?"))


def _pdftotext_version() -> Optional[str]:
    if not shutil.which("pdftotext"):
        return None
    done = subprocess.run(["pdftotext", "-v"], capture_output=True, text=True)
    first = (done.stderr or done.stdout).splitlines()
    return first[0].replace("pdftotext version ", "poppler ") if first else "?"


def peer_rows() -> list[Row]:
    """The tools to compare, only those installed."""
    rows = [Row("layoutkit", layoutkit_tool, ("txt", "flat", "pdf"), LAYOUTKIT_VERSION),
            Row("blank-line paragraphs", plain_text_tool, ("txt", "flat"), "-")]
    pdfminer = _module_version("pdfminer")
    if pdfminer:
        rows.append(Row("pdfminer.six extract_text", pdfminer_tool, ("pdf",), pdfminer))
    plumber = _module_version("pdfplumber")
    if plumber:
        rows.append(Row("pdfplumber extract_text", pdfplumber_tool, ("pdf",), plumber))
    poppler = _pdftotext_version()
    if poppler:
        rows.append(Row("pdftotext", pdftotext_tool, ("pdf",), poppler))
        rows.append(Row("pdftotext -layout", pdftotext_layout_tool, ("pdf",), poppler))
    return rows


REFERENCE = {"pdf": "pdfminer.six extract_text", "txt": "blank-line paragraphs", "flat": "blank-line paragraphs"}


def ceiling_runs(cases: Sequence[DevCase], kind: str) -> dict[str, list[Scored]]:
    """The ceiling rows, built from the gold itself (no timing)."""
    out: dict[str, list[Scored]] = {"gold": [], "everything as one body block": []}
    for case in cases:
        if kind not in case.inputs:
            continue
        gold = load_page(case.gold)
        one = EvalPage((EvalBlock("body", "\n".join(b.text for b in gold.blocks)),))
        out["gold"].append(score_run(Run(case.name, case.source, kind, gold, 0.0), case.gold))
        out["everything as one body block"].append(score_run(Run(case.name, case.source, kind, one, 0.0), case.gold))
    return out


@dataclass(frozen=True)
class Summary:
    pages: int
    failed: int
    means: dict[str, Optional[float]]
    accuracy: Optional[float]
    ms_per_page: Optional[float]
    note: str = ""


def summarize(scored: Sequence[Scored], timed: bool = True) -> Summary:
    from layoutkit.evaluation.corpus import mean_metrics

    means = mean_metrics(s.result for s in scored)
    # Accuracy: per page, the mean of the metrics its gold supports (failed pages 0).
    per_page = []
    for s in scored:
        if s.result.score is None:
            per_page.append(0.0)
        else:
            vals = [v for v in s.result.score.metrics.values() if v is not None]
            per_page.append(sum(vals) / len(vals) if vals else 0.0)
    failed = [s for s in scored if s.run.page is None]
    errors = sorted({s.run.error or "" for s in failed})
    ok = [s.run.seconds for s in scored if s.run.page is not None]
    return Summary(len(scored), len(failed), means,
                   sum(per_page) / len(per_page) if per_page else None,
                   1000 * sum(ok) / len(ok) if (timed and ok) else None,
                   "; ".join(errors))


def _cell(v: Optional[float], digits: int = 3) -> str:
    return "n/a" if v is None else f"{v:.{digits}f}"


def table(rows: list[tuple[str, Summary]], reference: str) -> list[str]:
    ref = dict(rows).get(reference)
    head = ["tool", "pages", *METRICS, "accuracy", "acc. / ref", "ms/page", "time / ref"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for name, s in rows:
        if s.failed == s.pages:  # e.g. an input kind the tool cannot read yet
            lines.append("| " + " | ".join([name, str(s.pages), s.note or "failed", *["–"] * (len(head) - 3)]) + " |")
            continue
        acc_ratio = (s.accuracy / ref.accuracy) if (ref and ref.accuracy and s.accuracy is not None and ref.failed < ref.pages) else None
        t_ratio = (s.ms_per_page / ref.ms_per_page) if (ref and ref.ms_per_page and s.ms_per_page) else None
        name_cell = name + (f" ({s.failed} failed)" if s.failed else "")
        lines.append("| " + " | ".join([name_cell, str(s.pages), *(_cell(s.means[m]) for m in METRICS),
                                         _cell(s.accuracy), _cell(acc_ratio, 2) + ("×" if acc_ratio else ""),
                                         _cell(s.ms_per_page, 1) if s.ms_per_page is not None else "–",
                                         (_cell(t_ratio, 2) + "×") if t_ratio else "–"]) + " |")
    return lines


def machine() -> str:
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor() or "?"
    try:
        load = "load average %.1f at start (other jobs share the machine: times are indicative)" % os.getloadavg()[0]
    except (OSError, AttributeError):
        load = "load average unknown"
    return (f"{os.cpu_count()} CPUs (nproc), {cpu}; {platform.system()} {platform.release()}; "
            f"Python {platform.python_version()}; {load}")


def build(shared: Path) -> str:
    cases = dev_cases(shared)
    rows = peer_rows()
    started = time.perf_counter()
    results: dict[tuple[str, str], list[Scored]] = {}
    for row in rows:
        for kind in row.kinds:
            results[(row.name, kind)] = run_and_score(row.tool, cases, [kind], jobs=1)
    doc = ["# Benchmarks", "",
           "Generated by `python -m bench.compare` (do not edit by hand). layoutkit against what users",
           "would use instead, on the shared dev cases (`../shared/cases`), in one run, every row scored by",
           "`layoutkit eval` (the metrics of `shared/tools/score.py`; see `docs/evaluation.md`).", "",
           f"- machine: {machine()}",
           f"- date: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; tools ran for {time.perf_counter() - started:.0f} s",
           "- versions: " + ", ".join(f"{r.name.split(' ')[0]} {r.version}" for r in rows if r.version != "-"
                                      and not r.name.endswith("-layout")),
           "",
           "Rows: `layoutkit` (`parse_file`); `blank-line paragraphs` (the input text split at blank lines,",
           "each chunk a body block; for People's Daily (`rmrb`) the `.txt` is pdfminer.six's `extract_text`);",
           "PDF peers' text split the same way; ceilings `gold` (ground truth against itself) and",
           "`everything as one body block` (the gold text as one block). `accuracy` is the mean of the",
           "metrics each page's gold supports (a page that fails counts 0); `acc. / ref` and `time / ref`",
           "divide by the reference row (pdfminer.six for PDF, blank-line paragraphs for text). Time is",
           "wall time per page in this process (subprocess for pdftotext), ceilings are not timed.", ""]
    for kind in ("txt", "flat", "pdf"):
        kind_cases = [c for c in cases if kind in c.inputs]
        if not kind_cases:
            continue
        doc += [f"## {KIND_TITLES[kind]}", ""]
        ceilings = ceiling_runs(kind_cases, kind)
        for source in ["all sources", *sorted({c.source for c in kind_cases})]:
            keep = (lambda s: True) if source == "all sources" else (lambda s, src=source: s.run.source == src)
            lines: list[tuple[str, Summary]] = []
            for row in rows:
                if (row.name, kind) in results:
                    lines.append((row.name, summarize([s for s in results[(row.name, kind)] if keep(s)])))
            for name, scored in ceilings.items():
                lines.append((f"*{name}*", summarize([s for s in scored if keep(s)], timed=False)))
            n = len([c for c in kind_cases if source == "all sources" or c.source == source])
            doc += [f"### {source} ({n} pages)", ""] + table(lines, REFERENCE[kind]) + [""]
    return "\n".join(doc).rstrip() + "\n"


def main(argv: Optional[Sequence[str]] = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.compare", description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help=f"shared data folder (default {DEFAULT_SHARED})")
    ap.add_argument("--stdout", action="store_true", help="print instead of writing docs/benchmarks.md")
    ap.add_argument("-o", "--output", type=Path, default=OUT, help="where to write (default docs/benchmarks.md)")
    args = ap.parse_args(argv)
    if not (args.shared / "cases" / "cases.yaml").exists():
        print(f"compare: no dev cases at {args.shared}/cases (pass --shared)", file=sys.stderr)
        return 2
    text = build(args.shared)
    if args.stdout:
        sys.stdout.write(text)
    else:
        args.output.write_text(text, encoding="utf-8")
        print(f"compare: wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
