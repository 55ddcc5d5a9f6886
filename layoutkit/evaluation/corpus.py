"""Scoring many pages: gold files found in a folder, outputs matched by name, means.

A folder of ground truth holds ``NAME.gold.yaml`` files (or ``NAME.gold.json``), PAGE XML
files (``--gold-format page``: ``NAME.xml`` or ``NAME.page.xml``) or METS files
(``--gold-format mets``: every page of every ``*mets*.xml``, named ``STEM-pN``). The output
folder holds ``NAME.json``. A page whose output is missing scores 0 on every metric (as in
the reference scorer), so a tool cannot look better by skipping hard pages; a metric a
scored page's gold does not support is left out of that metric's mean.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional, Union

from ..errors import InputError, ParamsError
from .importers import GOLD_FORMATS, load_mets, load_page_xml
from .importers.mets import page_count
from .importers.page_xml import PageImport
from .metrics import PLACES, PageScore, score_pages
from .pages import METRICS, EvalPage, load_page

PathLike = Union[str, Path]


@dataclass(frozen=True)
class GoldRef:
    """Where one page's ground truth is: a file, its format and (METS) the page number."""

    name: str
    path: Path
    format: str = "yaml"
    page: int = 1


@dataclass(frozen=True)
class PageResult:
    """One page of a folder run; ``score`` is ``None`` when the output is missing."""

    name: str
    score: Optional[PageScore]
    gold: Optional[EvalPage] = None


@dataclass(frozen=True)
class CorpusScore:
    pages: tuple[PageResult, ...]
    mean: dict[str, Optional[float]]


def load_gold(ref: GoldRef, page_options: PageImport = PageImport()) -> EvalPage:
    """The ``EvalPage`` a ``GoldRef`` points to."""
    if ref.format == "yaml":
        return load_page(ref.path, name=ref.name)
    if ref.format == "page":
        return load_page_xml(ref.path, page_options, name=ref.name)
    if ref.format == "mets":
        return load_mets(ref.path, ref.page, name=ref.name)
    raise ParamsError(f"unknown gold format {ref.format!r} (choose from {', '.join(GOLD_FORMATS)})")


def find_gold(golddir: PathLike, fmt: str = "yaml") -> list[GoldRef]:
    """Every page of ground truth in a folder, sorted by name."""
    folder = Path(golddir)
    if not folder.is_dir():
        raise InputError("is not a folder", path=str(golddir))
    refs: list[GoldRef] = []
    if fmt == "yaml":
        for p in sorted(folder.glob("*.gold.*")):
            if p.suffix.lower() in (".yaml", ".yml", ".json"):
                refs.append(GoldRef(p.name.split(".gold.")[0], p, "yaml"))
    elif fmt == "page":
        for p in sorted(folder.glob("*.xml")):
            if _root_name(p) == "PcGts":
                refs.append(GoldRef(p.name.split(".")[0], p, "page"))
    elif fmt == "mets":
        for p in sorted(folder.glob("*.xml")):
            if "mets" in p.name.lower() and _root_name(p) == "mets":
                stem = p.name.split(".")[0]
                refs.extend(GoldRef(f"{stem}-p{n}", p, "mets", n) for n in range(1, page_count(p) + 1))
    else:
        raise ParamsError(f"unknown gold format {fmt!r} (choose from {', '.join(GOLD_FORMATS)})")
    if not refs:
        raise InputError(f"no ground truth of format {fmt!r} in this folder", path=str(golddir))
    return sorted(refs, key=lambda r: r.name)


def _root_name(path: Path) -> str:
    """The local name of the root element, read from the head of the file (cheap)."""
    with open(path, "rb") as fh:
        head = fh.read(4096).decode("utf-8", "replace")
    m = re.search(r"<(?![?!])(?:[\w.-]+:)?([\w.-]+)", head)
    return m.group(1) if m else ""


def mean_metrics(results: Iterable[PageResult]) -> dict[str, Optional[float]]:
    """Mean of each metric over the pages: a missing output counts 0 (on every metric, as
    the reference scorer does), a metric a page's gold does not support is left out."""
    results = list(results)
    mean: dict[str, Optional[float]] = {}
    for metric in METRICS:
        values = []
        for r in results:
            if r.score is None:
                values.append(0.0)
            elif r.score[metric] is not None:
                values.append(float(r.score[metric]))  # type: ignore[arg-type]
        mean[metric] = round(sum(values) / len(values), PLACES) if values else None
    return mean


def score_dir(outdir: PathLike, golddir: PathLike, fmt: str = "yaml",
              page_options: PageImport = PageImport()) -> CorpusScore:
    """Score every ``OUTDIR/NAME.json`` against the ground truth in ``golddir``."""
    out = Path(outdir)
    if not out.is_dir():
        raise InputError("is not a folder", path=str(outdir))
    results = []
    for ref in find_gold(golddir, fmt):
        gold = load_gold(ref, page_options)
        produced = out / f"{ref.name}.json"
        score = score_pages(load_page(produced), gold) if produced.exists() else None
        results.append(PageResult(ref.name, score, gold))
    return CorpusScore(tuple(results), mean_metrics(results))
