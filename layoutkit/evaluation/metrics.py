"""The metrics: one aligned pair of pages in, one ``PageScore`` out.

Definitions (gold = ground truth, output = what is scored; "characters" are squeezed
characters, see ``normalize``; matches come from ``alignment.align``):

``text_recall``  matched gold characters / gold characters.
``type_acc``     gold characters matched into an output block of the same type / gold characters.
``block_f1``     a gold block is found when one output block of its type shares characters
                 with it at IoU >= ``BLOCK_IOU`` (IoU = shared / (gold + output - shared));
                 precision counts output blocks found that way. F1 per gold type (rounded to 4
                 places), then their plain mean (macro) over the types present in the gold.
``break_f1``     F1 of block starts: the first character of every non-empty output block,
                 mapped back to the gold character matched to it, against the first character
                 of every non-empty gold block.
``article_ari``  adjusted Rand index of the partition of matched characters into articles
                 (a page-level block is a group of its own on either side).
``order_acc``    for consecutive gold blocks of one article, the share whose median matched
                 output position increases. Gold without articles: its page-level blocks
                 count as one sequence.
``text_sim``     1 - edit distance / length, summed over gold articles (and the page-level
                 blocks as one more group), comparing each with the output blocks whose
                 characters mostly come from it (distance capped at the gold length), on
                 ``normalize.tidy`` text.

Metrics a gold page does not support (its ``metrics:`` list) are ``None``.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Optional

from . import levenshtein
from .alignment import CharStream, align
from .normalize import tidy
from .pages import METRICS, EvalPage

#: Character IoU at which an output block counts as the same block as a gold block.
BLOCK_IOU = 0.8
#: Places every reported metric is rounded to (the scale on which floors are pinned).
PLACES = 4


@dataclass(frozen=True)
class TypeScore:
    """``block_f1`` for one gold type: blocks of the type on each side, and the F1."""

    type: str
    gold: int
    pred: int
    found_gold: int
    found_pred: int
    f1: float


@dataclass(frozen=True)
class BlockDiagnosis:
    """How one gold block fared: how much of it was found, where, and as what.

    ``best_type`` / ``best_iou`` describe the output block holding most of its characters."""

    index: int
    type: str
    text: str
    article: Optional[int]
    chars: int
    recall: float
    type_acc: float
    best_type: Optional[str]
    best_iou: float

    @property
    def found(self) -> bool:
        return self.best_type == self.type and self.best_iou >= BLOCK_IOU


@dataclass(frozen=True)
class PageScore:
    """Every metric of one page plus the diagnostics the report shows."""

    metrics: dict[str, Optional[float]]
    per_type: tuple[TypeScore, ...]
    #: Characters by (gold type, output type); the output type is ``None`` when unmatched.
    confusion: dict[tuple[str, Optional[str]], int]
    blocks: tuple[BlockDiagnosis, ...]
    gold_articles: int
    pred_articles: int
    gold_chars: int

    def __getitem__(self, metric: str) -> Optional[float]:
        return self.metrics[metric]


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def adjusted_rand_index(pairs: list[tuple[int, int]]) -> float:
    """ARI of two labelings given as (label in A, label in B) per item (Hubert & Arabie).

    Degenerate cases (fewer than two items, or both partitions trivial in the same way)
    count as perfect agreement."""
    n = len(pairs)
    if n < 2:
        return 1.0

    def pairs_in(counts: "Counter[object]") -> float:
        return sum(c * (c - 1) / 2 for c in counts.values())

    both = pairs_in(Counter(pairs))
    left = pairs_in(Counter(a for a, _ in pairs))
    right = pairs_in(Counter(b for _, b in pairs))
    expected = left * right / (n * (n - 1) / 2)
    best = (left + right) / 2
    if best == expected:
        return 1.0
    return (both - expected) / (best - expected)


def score_pages(pred_page: EvalPage, gold_page: EvalPage) -> PageScore:
    """Score ``pred_page`` against ``gold_page``."""
    gold = CharStream.of(gold_page)
    pred = CharStream.of(pred_page)
    match = align(gold, pred)
    gblocks, pblocks = gold_page.blocks, pred_page.blocks
    total = len(gold.text)

    matched = 0
    same_type = 0
    shared: Counter[tuple[int, int]] = Counter()
    confusion: Counter[tuple[str, Optional[str]]] = Counter()
    for i, j in enumerate(match):
        gtype = gblocks[gold.owner[i]].type
        if j < 0:
            confusion[(gtype, None)] += 1
            continue
        matched += 1
        ptype = pblocks[pred.owner[j]].type
        confusion[(gtype, ptype)] += 1
        same_type += gtype == ptype
        shared[(gold.owner[i], pred.owner[j])] += 1

    per_type, diagnoses = _blocks(gold, pred, shared, match)
    macro = sum(t.f1 for t in per_type) / len(per_type) if per_type else 1.0

    values: dict[str, Optional[float]] = {
        "text_recall": matched / total if total else 1.0,
        "type_acc": same_type / total if total else 1.0,
        "block_f1": macro,
        "break_f1": _break_f1(gold, pred, match),
        "article_ari": _article_ari(gold, pred, match),
        "order_acc": _order_acc(gold, match),
        "text_sim": _text_sim(gold, pred, match),
    }
    metrics = {m: (round(v, PLACES) if gold_page.supports(m) and v is not None else None)
               for m, v in values.items()}
    return PageScore(metrics, per_type, dict(confusion), diagnoses, gold_page.article_count,
                     pred_page.article_count, total)


def _blocks(gold: CharStream, pred: CharStream, shared: "Counter[tuple[int, int]]",
            match: list[int]) -> tuple[tuple[TypeScore, ...], tuple[BlockDiagnosis, ...]]:
    gblocks, pblocks = gold.page.blocks, pred.page.blocks
    found_gold: set[int] = set()
    found_pred: set[int] = set()
    best: dict[int, tuple[int, int]] = {}  # gold block -> (shared chars, output block)
    for (gi, pi), n in shared.items():
        union = len(gold.pieces[gi]) + len(pred.pieces[pi]) - n
        if gblocks[gi].type == pblocks[pi].type and union and n / union >= BLOCK_IOU:
            found_gold.add(gi)
            found_pred.add(pi)
        if gi not in best or n > best[gi][0] or (n == best[gi][0] and pi < best[gi][1]):
            best[gi] = (n, pi)

    scores = []
    for t in sorted({b.type for b in gblocks}):
        ng = sum(1 for gi, b in enumerate(gblocks) if b.type == t and gold.pieces[gi])
        npred = sum(1 for pi, b in enumerate(pblocks) if b.type == t and pred.pieces[pi])
        hg = sum(1 for gi in found_gold if gblocks[gi].type == t)
        hp = sum(1 for pi in found_pred if pblocks[pi].type == t)
        recall = hg / ng if ng else 1.0
        precision = hp / npred if npred else (0.0 if ng else 1.0)
        scores.append(TypeScore(t, ng, npred, hg, hp, round(_f1(precision, recall), PLACES)))

    diagnoses = []
    for gi, block in enumerate(gblocks):
        size = len(gold.pieces[gi])
        if not size:
            continue
        span = match[gold.starts[gi]:gold.starts[gi] + size]
        hits = [j for j in span if j >= 0]
        right = sum(1 for j in hits if pblocks[pred.owner[j]].type == block.type)
        if gi in best:
            n, pi = best[gi]
            best_type: Optional[str] = pblocks[pi].type
            iou = n / (size + len(pred.pieces[pi]) - n)
        else:
            best_type, iou = None, 0.0
        diagnoses.append(BlockDiagnosis(gi, block.type, block.text, block.article, size,
                                        len(hits) / size, right / size, best_type, iou))
    return tuple(scores), tuple(diagnoses)


def _break_f1(gold: CharStream, pred: CharStream, match: list[int]) -> float:
    gold_starts = {gold.starts[i] for i, p in enumerate(gold.pieces) if p}
    pred_starts = [pred.starts[i] for i, p in enumerate(pred.pieces) if p]
    back = {j: i for i, j in enumerate(match) if j >= 0}
    mapped = {back[j] for j in pred_starts if j in back}
    hits = len(gold_starts & mapped)
    precision = hits / len(pred_starts) if pred_starts else 0.0
    recall = hits / len(gold_starts) if gold_starts else 1.0
    return _f1(precision, recall)


def _group(block_index: int, article: Optional[int]) -> int:
    """The partition label of a block: its article, or a label of its own (negative)."""
    return article if article is not None else -1 - block_index


def _article_ari(gold: CharStream, pred: CharStream, match: list[int]) -> float:
    labels = []
    for i, j in enumerate(match):
        if j >= 0:
            gi, pi = gold.owner[i], pred.owner[j]
            labels.append((_group(gi, gold.page.blocks[gi].article), _group(pi, pred.page.blocks[pi].article)))
    return adjusted_rand_index(labels)


def _order_acc(gold: CharStream, match: list[int]) -> float:
    sequences: dict[Optional[int], list[int]] = defaultdict(list)
    for gi, block in enumerate(gold.page.blocks):
        hits = sorted(j for j in match[gold.starts[gi]:gold.starts[gi] + len(gold.pieces[gi])] if j >= 0)
        if hits:
            sequences[block.article].append(hits[len(hits) // 2])
    in_order = seen = 0
    for article, medians in sequences.items():
        if article is None and gold.page.has_articles:
            continue  # page-level blocks have no order of their own on a page with articles
        for a, b in zip(medians, medians[1:]):
            seen += 1
            in_order += a < b
    return in_order / seen if seen else 1.0


def _text_sim(gold: CharStream, pred: CharStream, match: list[int]) -> float:
    # Each output block goes to the gold article (or page level) most of its matched
    # characters come from; on a tie, the one whose character comes first in the gold.
    votes: dict[int, Counter[Optional[int]]] = defaultdict(Counter)
    for i, j in enumerate(match):
        if j >= 0:
            votes[pred.owner[j]][gold.page.blocks[gold.owner[i]].article] += 1
    home = {pi: max(v.items(), key=lambda kv: kv[1])[0] for pi, v in votes.items()}
    groups: dict[Optional[int], list[str]] = defaultdict(list)
    for block in gold.page.blocks:
        groups[block.article].append(block.text)
    errors = length = 0
    for article, texts in groups.items():
        expected = tidy(" ".join(texts))
        produced = tidy(" ".join(b.text for pi, b in enumerate(pred.page.blocks) if home.get(pi, "none") == article))
        errors += min(levenshtein.distance(expected, produced), len(expected))
        length += len(expected)
    return 1 - errors / length if length else 1.0


__all__ = ["METRICS", "BLOCK_IOU", "TypeScore", "BlockDiagnosis", "PageScore", "score_pages",
           "adjusted_rand_index"]
