#!/usr/bin/env python3
"""Measure dehyphenation precision and recall on the dev cases.

Every line join of a case's input between a word fragment and a continuation that opens
with a letter is an *event*: with a line-end hyphen (``Zei-``/``tung``) or without one
(``Har``/``bor``, where OCR may have dropped it). For each event the gold text and the
output text are searched for the two pieces around the join (with the line's previous
word as context when that finds it) and the join is classified as *joined*
(``Zeitung``), *hyphen kept* (``Nord-Amerika``) or *separate* (``und die``).

    precision = events joined in the output that the gold joins too / events joined
    recall    = events joined in both / events the gold joins

Events the gold text does not show (OCR differences) are counted as unknown and left out.

Usage: python bench/dehyphenation.py [--kind txt] [--source kb bl] [--show 20]
"""
from __future__ import annotations

import argparse
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

import regex
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.score_cases import CASES, cases_with_input  # noqa: E402

from layoutkit.dehyphenate import HYPHENS  # noqa: E402

_TAIL = regex.compile(r"(?:(\S+)\s+)?([\p{L}\p{M}ꝛ]+)([" + regex.escape(HYPHENS) + r"]?)$")
_HEAD = regex.compile(r"^([\p{L}\p{M}ꝛ]+)")
_HY = "[" + regex.escape(HYPHENS) + "]"


def page_text(page: dict) -> str:
    parts = [b.get("text") or "" for a in page.get("articles") or [] for b in a.get("blocks") or []]
    parts += [b.get("text") or "" for b in page.get("blocks") or []]
    return " ".join(" ".join(unicodedata.normalize("NFC", p).split()) for p in parts)


def events(lines: list[str]) -> list[tuple[str, str, str, str]]:
    """(previous word, fragment, hyphen or '', continuation) of every candidate join."""
    out = []
    for a, b in zip(lines, lines[1:]):
        a, b = a.strip(), b.strip()
        if not a or not b:
            continue
        m, h = _TAIL.search(a), _HEAD.match(b)
        if not m or not h:
            continue
        out.append((m.group(1) or "", m.group(2), m.group(3), h.group(1)))
    return out


def classify(text: str, prev: str, frag: str, cont: str) -> str | None:
    """'joined', 'hyphen' or 'separate' for this event in ``text``; None if not found."""
    core = r"(?<![\p{L}\p{M}])" + regex.escape(frag) + r"(" + _HY + r"?)(\s*)" + regex.escape(cont)
    for pat in ((regex.escape(prev) + r"\s+" + core) if prev else None, core):
        if pat is None:
            continue
        found = Counter()
        for m in regex.finditer(pat, text):
            hy, sp = m.group(1), m.group(2)
            found["hyphen" if hy and not sp else "joined" if not hy and not sp else "separate"] += 1
        if found:
            return found.most_common(1)[0][0]
    return None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--kind", default="txt")
    ap.add_argument("--source", nargs="*")
    ap.add_argument("--show", type=int, default=0, help="print up to N wrong decisions")
    args = ap.parse_args(argv)
    from layoutkit.api import parse_file

    stats: dict[str, Counter] = defaultdict(Counter)
    wrong: list[str] = []
    for case, inp in cases_with_input(args.kind, args.source):
        name = case.name
        if case.source in ("seed", "rmrb"):
            continue
        gold = page_text(yaml.safe_load((CASES / f"{name}.gold.yaml").read_text(encoding="utf-8")))
        out = page_text(parse_file(str(inp)).to_dict())
        lines = [unicodedata.normalize("NFC", ln) for ln in inp.read_text(encoding="utf-8").splitlines()]
        for prev, frag, hy, cont in events(lines):
            kind = "hyphen" if hy else "nohyphen"
            g = classify(gold, prev, frag, cont)
            o = classify(out, prev, frag, cont)
            st = stats[case.source]
            if g is None or o is None:
                st[kind + ":unknown"] += 1
                continue
            st[kind + ":events"] += 1
            st[kind + ":gold_joins"] += g == "joined"
            st[kind + ":joins"] += o == "joined"
            st[kind + ":correct"] += g == "joined" and o == "joined"
            if (g == "joined") != (o == "joined"):
                wrong.append(f"{name}: {frag}{hy}/{cont}: gold {g}, output {o}")
    total: Counter = Counter()
    print(f"{'source':22s} {'kind':9s} {'events':>7s} {'gold':>6s} {'joins':>6s} {'right':>6s} {'prec':>6s} {'recall':>6s} {'unknown':>7s}")
    for src, st in sorted(stats.items()):
        total.update(st)
        for kind in ("hyphen", "nohyphen"):
            _row(src, kind, st)
    for kind in ("hyphen", "nohyphen"):
        _row("ALL", kind, total)
    j = total["hyphen:joins"] + total["nohyphen:joins"]
    r = total["hyphen:correct"] + total["nohyphen:correct"]
    gj = total["hyphen:gold_joins"] + total["nohyphen:gold_joins"]
    print(f"OVERALL precision {r / j if j else 1:.4f} recall {r / gj if gj else 1:.4f} (joins {j}, right {r}, gold joins {gj})")
    for w in wrong[: args.show]:
        print("  ", w)
    return 0


def _row(src: str, kind: str, st: Counter) -> None:
    j, r, g = st[kind + ":joins"], st[kind + ":correct"], st[kind + ":gold_joins"]
    print(f"{src:22s} {kind:9s} {st[kind + ':events']:7d} {g:6d} {j:6d} {r:6d} "
          f"{(r / j if j else 1):6.3f} {(r / g if g else 1):6.3f} {st[kind + ':unknown']:7d}")


if __name__ == "__main__":
    sys.exit(main())
