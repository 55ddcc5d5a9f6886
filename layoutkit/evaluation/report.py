"""Reports of scores: a readable text table and JSON.

Besides the metrics, a report shows where the characters went (the confusion table: gold
type by output type, in characters, ``-`` for characters the output lost) and the worst
gold blocks (those not found as a block, lowest IoU first, longer ones first on a tie), so a
user sees what to fix, not only how much.

The JSON of one page keeps the reference scorer's keys (the seven metrics, ``per_type``,
``articles``) and adds ``confusion`` and ``worst_blocks``; a folder run gives
``{"pages": {NAME: ... or null}, "mean": {...}}`` plus the folder's ``confusion``.
"""
from __future__ import annotations

import json
from collections import Counter
from typing import Any, Optional

from .corpus import CorpusScore
from .metrics import BlockDiagnosis, PageScore
from .pages import METRICS

#: How many characters of a block's text a report shows.
PREVIEW = 60
#: Label of "the output lost these characters" in the confusion table.
LOST = "-"


def worst_blocks(score: PageScore, limit: int) -> list[BlockDiagnosis]:
    """Gold blocks not found as blocks, worst first: lowest IoU with the output block of
    their type, then the longest (a lost long block costs more)."""
    missed = [b for b in score.blocks if not b.found]
    missed.sort(key=lambda b: (b.best_iou if b.best_type == b.type else 0.0, -b.chars, b.index))
    return missed[:limit]


def _preview(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= PREVIEW else flat[:PREVIEW - 1] + "…"


def _fmt(v: Optional[float]) -> str:
    return "n/a" if v is None else f"{v:.3f}"


def confusion_table(confusion: "dict[tuple[str, Optional[str]], int]") -> str:
    """Gold types (rows) by output types (columns), in characters."""
    if not confusion:
        return "(no gold characters)\n"
    rows = sorted({g for g, _ in confusion})
    cols = sorted({p for _, p in confusion if p is not None})
    if any(p is None for _, p in confusion):
        cols_all: list[Optional[str]] = [*cols, None]
    else:
        cols_all = list(cols)
    width = max(8, *(len(c) for c in cols), *(len(r) for r in rows))
    head = "gold \\ output".ljust(width + 2) + "".join((c or LOST).rjust(width + 1) for c in cols_all)
    lines = [head]
    for r in rows:
        lines.append(r.ljust(width + 2) + "".join(str(confusion.get((r, c), 0)).rjust(width + 1) for c in cols_all))
    return "\n".join(lines) + "\n"


def page_text(score: PageScore, worst: int = 10) -> str:
    out = [f"{k:12s} {_fmt(score[k])}" for k in METRICS]
    out.append(f"articles     gold={score.gold_articles} output={score.pred_articles}")
    out.append("")
    out.append("block_f1 per type:")
    for t in score.per_type:
        out.append(f"  {t.type:12s} gold={t.gold:4d} output={t.pred:4d} found={t.found_gold:4d} f1={t.f1:.3f}")
    out.append("")
    out.append("characters by gold type (rows) and output type (columns):")
    out.append(confusion_table(score.confusion).rstrip("\n"))
    bad = worst_blocks(score, worst)
    if bad:
        out.append("")
        out.append(f"worst {len(bad)} gold blocks (not found at IoU >= 0.8):")
        out.extend(_block_line(b) for b in bad)
    return "\n".join(out) + "\n"


def _block_line(b: BlockDiagnosis, page: str = "") -> str:
    got = f"{b.best_type or 'nothing'} iou={b.best_iou:.2f}"
    where = f"{page} " if page else ""
    return (f"  {where}#{b.index + 1} {b.type:11s} -> {got:22s} found={b.recall:.2f} "
            f"chars={b.chars:5d}  {_preview(b.text)}")


def corpus_text(result: CorpusScore, worst: int = 10) -> str:
    lines = []
    for page in result.pages:
        if page.score is None:
            lines.append(f"{page.name:40s} missing")
        else:
            lines.append(f"{page.name:40s} " + " ".join(f"{k}={_fmt(page.score[k])}" for k in METRICS))
    lines.append(f"{'MEAN (missing pages count 0)':40s} " + " ".join(f"{k}={_fmt(v)}" for k, v in result.mean.items()))
    lines.append("")
    lines.append("characters by gold type (rows) and output type (columns), all pages:")
    lines.append(confusion_table(corpus_confusion(result)).rstrip("\n"))
    ranked = sorted(((p.name, b) for p in result.pages if p.score for b in worst_blocks(p.score, worst)),
                    key=lambda nb: (nb[1].best_iou if nb[1].best_type == nb[1].type else 0.0, -nb[1].chars))
    if ranked[:worst]:
        lines.append("")
        lines.append(f"worst {len(ranked[:worst])} gold blocks, all pages:")
        lines.extend(_block_line(b, name) for name, b in ranked[:worst])
    return "\n".join(lines) + "\n"


def corpus_confusion(result: CorpusScore) -> "dict[tuple[str, Optional[str]], int]":
    total: Counter[tuple[str, Optional[str]]] = Counter()
    for page in result.pages:
        if page.score:
            total.update(page.score.confusion)
    return dict(total)


def _confusion_json(confusion: "dict[tuple[str, Optional[str]], int]") -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    for (g, p), n in sorted(confusion.items(), key=lambda kv: (kv[0][0], kv[0][1] or "~")):
        out.setdefault(g, {})[p or "missing"] = n
    return out


def page_json(score: PageScore, worst: int = 10) -> dict[str, Any]:
    data: dict[str, Any] = {k: score[k] for k in METRICS}
    data["per_type"] = {t.type: {"gold": t.gold, "pred": t.pred, "f1": t.f1} for t in score.per_type}
    data["articles"] = {"gold": score.gold_articles, "pred": score.pred_articles}
    data["confusion"] = _confusion_json(score.confusion)
    data["worst_blocks"] = [
        {"index": b.index, "type": b.type, "article": b.article, "chars": b.chars, "found": round(b.recall, 4),
         "type_acc": round(b.type_acc, 4), "best_type": b.best_type, "best_iou": round(b.best_iou, 4),
         "text": _preview(b.text)}
        for b in worst_blocks(score, worst)]
    return data


def corpus_json(result: CorpusScore, worst: int = 10) -> dict[str, Any]:
    return {"pages": {p.name: (page_json(p.score, worst) if p.score else None) for p in result.pages},
            "mean": result.mean, "confusion": _confusion_json(corpus_confusion(result))}


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


__all__ = ["page_text", "page_json", "corpus_text", "corpus_json", "confusion_table", "worst_blocks", "dumps"]
