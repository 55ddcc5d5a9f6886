#!/usr/bin/env python3
"""Which line-level signals mark a block start in flat Latin text, and how well.

For every dev case with a ``NAME.flat.txt`` whose gold supports ``break_f1``, each line is
labelled with

* ``gold``: a gold block starts at the line's first character (the scorer's own character
  alignment of the gold against the lines, each line taken as a block);
* ``box``: the line opens a text box of the ``NAME.txt`` input (the same lines with the
  blank lines kept: the OCR engine's blocks);
* ``pred``: an output block of ``layoutkit convert NAME.flat.txt`` starts there;

and with the signals of ``layoutkit.flat`` (``flat.line_signals``). The report gives, per
source and over all cases, each signal's precision and recall against the gold breaks, and
the line-level precision/recall of the current output; ``--misses``/``--false`` list the
missed and the false breaks with their context for reading.

    python -m bench.flat_signals [--source kb bnf] [--misses] [--false] [--limit 40] [--kinds]
"""
from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.score_cases import CASES, _scorer, cases_with_input  # noqa: E402


@dataclass
class Labelled:
    case: str
    source: str
    lines: list[str]
    gold: list[bool]
    box: list[bool]
    pred: list[bool]
    signals: list[frozenset[str]]
    profile: object = None  # the layoutkit Profile the page was read with


def _starts(scorer, gold_page: dict, lines: list[str]) -> list[bool]:
    """Per line: does a block of ``gold_page`` start at the line's first character?"""
    gold = scorer.Stream(scorer.units(gold_page))
    pred = scorer.Stream([{"article": -1, "type": "body", "text": t} for t in lines])
    match = scorer.align(gold, pred)
    inverse = {j: i for i, j in enumerate(match) if j >= 0}
    gold_starts, pos = set(), 0
    for b in gold.blocks:
        if b["squeezed"]:
            gold_starts.add(pos)
        pos += len(b["squeezed"])
    out, pos = [], 0
    for b in pred.blocks:
        out.append(bool(b["squeezed"]) and inverse.get(pos, -1) in gold_starts)
        pos += len(b["squeezed"])
    return out


def label(name: str, source: str, flat: Path) -> Labelled:
    import json

    from layoutkit.api import parse_file
    from layoutkit.flat import line_signals
    from layoutkit.pipeline import resolve_profile
    from layoutkit.readers.text import read_lines
    from layoutkit.serialize import to_json

    scorer = _scorer()
    text = flat.read_text(encoding="utf-8")
    lines = [ln for ln in text.split("\n")]
    if lines and lines[-1] == "":
        lines.pop()
    gold = _starts(scorer, scorer.load(CASES / f"{name}.gold.yaml"), lines)
    box, prev_blank = [], True
    for ln in (CASES / f"{name}.txt").read_text(encoding="utf-8").split("\n"):
        if ln.strip():
            box.append(prev_blank)
        prev_blank = not ln.strip()
    box = box[: len(lines)]
    page = json.loads(to_json(parse_file(flat)))
    # the output's blocks as the "gold" of the same alignment: where do they start?
    pred = _starts(scorer, page, lines)
    prof, _ = resolve_profile(None, "\n".join(lines[:300]))
    signals = line_signals(read_lines(text), prof)
    return Labelled(name, source, lines, gold, box, pred, signals, prof)


def _prf(tp: int, npred: int, ngold: int) -> str:
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"P {p:.2f} R {r:.2f} F {f:.2f} (tp {tp}, pred {npred}, gold {ngold})"


def report(cases: list[Labelled]) -> None:
    groups: dict[str, list[Labelled]] = defaultdict(list)
    for c in cases:
        groups[c.source].append(c)
    groups["ALL"] = cases
    for src, cs in groups.items():
        ngold = sum(sum(c.gold) for c in cs)
        print(f"== {src}: {len(cs)} cases, {sum(len(c.lines) for c in cs)} lines, {ngold} gold breaks")
        tp = sum(g and p for c in cs for g, p in zip(c.gold, c.pred))
        print(f"  {'output':28s} {_prf(tp, sum(sum(c.pred) for c in cs), ngold)}")
        tp = sum(g and b for c in cs for g, b in zip(c.gold, c.box))
        print(f"  {'txt boxes':28s} {_prf(tp, sum(sum(c.box) for c in cs), ngold)}")
        names = sorted({s for c in cs for sig in c.signals for s in sig})
        for n in names:
            hits = [(g, n in sig) for c in cs for g, sig in zip(c.gold, c.signals)]
            tp = sum(g and s for g, s in hits)
            new = sum(g and s and not p for c in cs for g, sig, p in zip(c.gold, c.signals, c.pred) for s in [n in sig])
            print(f"  {n:28s} {_prf(tp, sum(s for _, s in hits), ngold)} new {new}")


def listing(cases: list[Labelled], want: str, limit: int) -> None:
    shown = 0
    for c in cases:
        for i in range(1, len(c.lines)):
            g, p = c.gold[i], c.pred[i]
            if (want == "miss" and g and not p) or (want == "false" and p and not g):
                print(f"--- {c.case}:{i + 1} box={int(c.box[i])} signals={sorted(c.signals[i])}")
                for k in range(max(0, i - 2), min(len(c.lines), i + 2)):
                    mark = ">" if k == i else " "
                    print(f"  {mark}{'G' if c.gold[k] else ' '}{'P' if c.pred[k] else ' '}{'B' if c.box[k] else ' '} {c.lines[k][:100]}")
                shown += 1
                if shown >= limit:
                    return


def line_kind(c: Labelled, i: int, widths: list[float], measures: list[float], title: list[bool], profile) -> str:
    """What the lines around a break show, for ``--kinds``: a word hyphen, OCR debris, a
    title line, a sentence end on a short / middling / full line, or a line that goes
    on (short or full). "Short" is the profile's own paragraph-end share."""
    from layoutkit.flat import BLOCK_SHORT_SHARE, SHORT_SHARE
    from layoutkit.noise import is_noise
    from layoutkit.reflow import ends_sentence, ends_with_word_hyphen

    prev, cur = c.lines[i - 1].strip(), c.lines[i].strip()
    short = BLOCK_SHORT_SHARE if profile.text_box == "block" else SHORT_SHARE
    share = widths[i - 1] / measures[i - 1] if measures[i - 1] else 0.0
    if ends_with_word_hyphen(prev):
        return "hyphen"
    if is_noise(prev) or is_noise(cur):
        return "noise"
    if title[i] or title[i - 1]:
        return "title"
    if ends_sentence(prev, profile):
        return "end-short" if share < short else "end-mid" if share < 0.95 else "end-full"
    return "open-short" if share < short else "open-full"


def kinds(cases: list[Labelled]) -> None:
    """Per source: each output break by the flat signal that made it (``later`` when a
    later stage cut the restored box), right or false, and each gold break by the kind
    of line before it (``line_kind``), found or missed."""
    from layoutkit.flat import BREAK_SIGNALS, HARD_VETOES, _local_measure, _title_line
    from layoutkit.measure import shape

    made: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    gold: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0, 0]))
    for c in cases:
        profile = c.profile
        widths = [shape(t).ems for t in c.lines]
        measures = [_local_measure(widths, i) for i in range(len(widths))]
        title = [_title_line(t, widths[i], measures[i], profile) for i, t in enumerate(c.lines)]
        for i in range(1, len(c.lines)):
            sig = c.signals[i]
            if c.pred[i]:
                br = [] if sig & HARD_VETOES else sorted(sig & BREAK_SIGNALS.keys())
                made[c.source]["+".join(b[5:] for b in br) or "later"][0 if c.gold[i] else 1] += 1
            k = line_kind(c, i, widths, measures, title, profile)
            row = gold[c.source][k]
            row[0] += 1
            row[1] += c.gold[i]
            row[2] += c.gold[i] and c.pred[i]
    for src in made:
        print(f"== {src}: output breaks by signal (right / false)")
        for name, (tp, fp) in sorted(made[src].items(), key=lambda kv: -sum(kv[1])):
            print(f"  {name:50s} {tp:4d} / {fp:4d}  P {tp / (tp + fp):.2f}")
        print(f"== {src}: lines by kind of the line before (lines, gold starts, found)")
        for k, (n, g, hit) in sorted(gold[src].items()):
            print(f"  {k:12s} {n:5d} {g:5d} {hit:5d}  gold rate {g / n:.3f}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--source", nargs="*")
    ap.add_argument("--misses", action="store_true")
    ap.add_argument("--false", action="store_true")
    ap.add_argument("--limit", type=int, default=60)
    ap.add_argument("--kinds", action="store_true", help="breaks by signal and gold starts by line kind")
    args = ap.parse_args(argv)
    cases = []
    for case, inp in cases_with_input("flat.txt", args.source):
        gold = _scorer().load(case.gold)
        if "break_f1" not in (gold.get("metrics") or ["break_f1"]):
            continue
        cases.append(label(case.name, case.source, inp))
    report(cases)
    if args.misses:
        listing(cases, "miss", args.limit)
    if args.false:
        listing(cases, "false", args.limit)
    if args.kinds:
        kinds(cases)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
