#!/usr/bin/env python3
"""Where a page loses text_sim: the scorer's per-article edits, case by case.

text_sim (``../shared/tools/score.py``) compares, for each ground-truth article (and the
page-level blocks as one more), the gold text in gold order with the text of the output
blocks that mostly belong to that article, in output order. So a block read at the wrong
place inside its article costs about twice its length, and a hyphen kept where the gold
removed it costs one. This script recomputes the score unrounded for every output in a
folder (``python -m bench.score_cases --keep OUT``) and, for each case below ``--below``,
prints the edits of each article that costs something: short ones in full, long ones as
their length and first characters, and what is behind them (``article_causes``: text of
two articles mixed in one output block, text the scorer found nowhere; the rest is order).

Usage: ``python bench/textsim_losses.py OUT [--below 0.999] [--case NAME ...]``
"""
from __future__ import annotations

import argparse
import difflib
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.score_cases import CASES, _scorer  # noqa: E402

#: Edits longer than this are shown by length and first characters.
SHOWN = 120


def _aligned(sc, pred_page: dict, gold_page: dict):
    """The scorer's gold and output streams, its character match, and each output block's
    home: the gold article most of its matched characters belong to."""
    gold, pred = sc.Stream(sc.units(gold_page)), sc.Stream(sc.units(pred_page))
    match = sc.align(gold, pred)
    votes: dict[int, Counter] = defaultdict(Counter)
    for i, j in enumerate(match):
        if j >= 0:
            votes[pred.owner[j]][gold.blocks[gold.owner[i]]["article"]] += 1
    home = {pi: v.most_common(1)[0][0] for pi, v in votes.items()}
    return gold, pred, match, home


def article_texts(sc, pred_page: dict, gold_page: dict) -> list[tuple[int, str, str]]:
    """``(gold article, gold text, output text)`` as text_sim compares them."""
    gold, pred, match, home = _aligned(sc, pred_page, gold_page)
    by_article: dict[int, list[int]] = defaultdict(list)
    for gi, b in enumerate(gold.blocks):
        by_article[b["article"]].append(gi)
    out = []
    for art, gis in by_article.items():
        gtext = sc.tidy(" ".join(gold.blocks[g]["text"] for g in gis))
        ptext = sc.tidy(" ".join(pred.blocks[pi]["text"] for pi in range(len(pred.blocks))
                                 if home.get(pi) == art))
        out.append((art, gtext, ptext))
    return out


def article_causes(sc, pred_page: dict, gold_page: dict) -> dict[int, tuple[int, int, int]]:
    """Per gold article, the characters behind its text_sim edits (squeezed characters, so
    they bound rather than add up to the edit distance): ``(foreign, elsewhere, unmatched)``:

    * ``foreign``: characters of other articles inside the output blocks that count for
      this one (an output block mixing two articles: its minority part is an edit);
    * ``elsewhere``: this article's characters inside output blocks that count for another
      article (the same mix, seen from the other side: missing here);
    * ``unmatched``: this article's characters the scorer found nowhere in the output.

    What the edit distance holds beyond these is order (an article's blocks read in another
    order than the gold's cost about twice the shorter part) and small edits (hyphens)."""
    gold, pred, match, home = _aligned(sc, pred_page, gold_page)
    out: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0])
    for i, j in enumerate(match):
        art = gold.blocks[gold.owner[i]]["article"]
        if j < 0:
            out[art][2] += 1
        elif home[pred.owner[j]] != art:
            out[art][1] += 1
            out[home[pred.owner[j]]][0] += 1
    return {a: (f, e, u) for a, (f, e, u) in out.items()}


def _show(s: str) -> str:
    return repr(s) if len(s) <= SHOWN else f"<{len(s)} chars> {s[:60]!r}…"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("outdir", help="folder of NAME.json outputs (bench.score_cases --keep)")
    ap.add_argument("--below", type=float, default=0.999, help="detail the cases below this")
    ap.add_argument("--case", nargs="*", help="only these cases (name prefixes)")
    args = ap.parse_args(argv)
    sc = _scorer()
    total = n = 0
    for out in sorted(Path(args.outdir).glob("*.json")):
        name = out.stem
        if args.case and not any(name.startswith(c) for c in args.case):
            continue
        gold_file = CASES / f"{name}.gold.yaml"
        if not gold_file.exists():
            continue
        pred_page, gold_page = sc.load(out), sc.load(gold_file)
        texts = article_texts(sc, pred_page, gold_page)
        dists = [(art, g, p, min(sc.edit_distance(g, p), len(g))) for art, g, p in texts]
        length = sum(len(g) for _, g, _, _ in dists)
        sim = 1 - sum(d for *_, d in dists) / length if length else 1.0
        total += sim
        n += 1
        print(f"{name:42s} text_sim {sim:.5f}")
        if sim >= args.below:
            continue
        causes = article_causes(sc, pred_page, gold_page)
        for art, g, p, d in dists:
            if not d:
                continue
            f, e, u = causes.get(art, (0, 0, 0))
            print(f"  article {art}: {d} edits over {len(g)} chars (mixed blocks: {f} foreign + {e} counted"
                  f" elsewhere; {u} unmatched; the rest: order and small edits)")
            ops = difflib.SequenceMatcher(None, g, p, autojunk=False).get_opcodes()
            for op, a0, a1, b0, b1 in ops:
                if op != "equal":
                    print(f"    {op:7s} gold {_show(g[a0:a1])} -> output {_show(p[b0:b1])}"
                          f"   after …{g[max(0, a0 - 25):a0]!r}")
    if n:
        print(f"MEAN ({n}) text_sim {total / n:.5f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
