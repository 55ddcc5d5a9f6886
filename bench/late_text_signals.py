#!/usr/bin/env python3
"""Can plain text tell where a late box belongs? Text signals measured against geometry.

An ALTO producer's document order appends boxes it zoned late after the whole page
(``layoutkit/late_boxes.py``, rule ``late-box``); the ALTO input has their positions and
the rule puts them back. A ``.txt`` export of the same page lists the boxes in the same
order, one blank line between boxes, and no positions. This script takes the late boxes
the geometric rule finds in every ALTO file (dev cases and ../shared/corpus) as the
reference and measures text-only signals a ``.txt`` rule could use:

* ``similar``: the stream box most similar to the late box by vocabulary (tf-idf cosine
  over the page's boxes, words of four or more letters) is one of the two boxes around
  the late box's geometric place (the box before it or after it in column order);
* ``continues``: the late box's first line continues a sentence (opens in lowercase) and
  the box before its geometric place ends unfinished (no sentence end);
* ``page-end-unfinished`` (on every dev ``.txt``): the page's last box ends mid-word (a
  line-end hyphen) -- is that box late?

Usage: ``python -m bench.late_text_signals`` (prints one row per late box and totals).
Findings (2026-11-26, dev cases + corpus: 21 late boxes on 6 pages): ``similar`` points
at the late box's place for 5 of 21 (kb 1876 p2 and p3's theatre listing, three chronam
1859 boxes): a late box's vocabulary is mostly no closer to its neighbours than to the
rest of the page; ``continues`` holds for 8 of 21 (five of them on chronam 1859, whose
late boxes are column pieces of running text), but for none of the late boxes that cost
the dev ``.txt`` pages text_sim (kb 1876 p2/p3 and bnf p3: advertisements, a weather
chart, a masthead engraving, each opening fresh); ``page-end-unfinished`` fires on two
dev pages, one late (kb 1876 p2) and one not (reichsanzeiger 1878: the text goes on on
the next page). None of them is a rule for the dev losses; ``continues`` is the one
worth a rule for pages of running text (with a continuation score choosing the box).

It also runs the ``cohesive-late-box`` rule (``layoutkit/late_cohesion.py``: the last box
moved before the one box it shares many rare words with) on the stream order of every
ALTO and PAGE file, as a text export lists their boxes: it fires on kb 1876 p3 only, and
puts the box where the geometric rule does (between stream boxes 63 and 64).
"""
from __future__ import annotations

import math
import sys
from collections import Counter
from pathlib import Path
from typing import Optional

import regex

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.cases import DEFAULT_SHARED  # noqa: E402
from layoutkit.api import read_input_bytes, read_pages  # noqa: E402
from layoutkit.late_boxes import _boxes, late_order  # noqa: E402
from layoutkit.late_cohesion import cohesive_partner  # noqa: E402
from layoutkit.late_cohesion import _words as cohesion_words  # noqa: E402
from layoutkit.params import Params  # noqa: E402

_WORD = regex.compile(r"\p{L}{4,}")
_END = regex.compile(r"[.!?:;»\"”)]\s*$")


def _vectors(texts: list[str]) -> list[dict[str, float]]:
    counts = [Counter(w.lower() for w in _WORD.findall(t)) for t in texts]
    df: Counter = Counter()
    for c in counts:
        df.update(set(c))
    n = len(texts)
    out = []
    for c in counts:
        v = {w: (1 + math.log(k)) * math.log(n / df[w]) for w, k in c.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        out.append({w: x / norm for w, x in v.items()})
    return out


def _cos(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(w, 0.0) for w, x in a.items())


def alto_rows(path: Path) -> list[tuple[str, int, bool, bool]]:
    """``(page, late box, similar hit, continues hit)`` for every late box of one ALTO file."""
    params = Params()
    rows = []
    for raw in read_pages(read_input_bytes(path, params), path=str(path), params=params):
        boxes = _boxes(raw.lines)
        order, moved = late_order([b.bbox for b in boxes],
                                  frozenset(i for i, b in enumerate(boxes) if len(b.lines) < 2))
        if not moved:
            continue
        texts = [" ".join(ln.text for ln in b.lines) for b in boxes]
        vecs = _vectors(texts)
        for i in sorted(moved):
            k = order.index(i)
            # the stream boxes around its place (skipping other late boxes placed with it)
            before = next((order[j] for j in range(k - 1, -1, -1) if order[j] not in moved), None)
            after = next((order[j] for j in range(k + 1, len(order)) if order[j] not in moved), None)
            stream = [j for j in range(len(boxes)) if j not in moved]
            best = max(stream, key=lambda j: _cos(vecs[i], vecs[j]), default=None)
            similar = best is not None and best in (before, after) and _cos(vecs[i], vecs[best]) > 0
            first = boxes[i].lines[0].text.lstrip()
            continues = (before is not None and bool(first) and first[0].islower()
                         and not _END.search(boxes[before].lines[-1].text))
            rows.append((path.name, i, similar, continues))
    return rows


def cohesion_rows(path: Path) -> list[tuple[str, int, int, bool, Optional[tuple[int, int]]]]:
    """The ``cohesive-late-box`` rule (``layoutkit/late_cohesion.py``) run on one OCR XML
    file's boxes in stream order, as a text export lists them: for every page where it
    fires, ``(page, last box, partner, late, (before, after))`` with ``late`` whether the
    geometric ``late-box`` rule moves that box too and ``(before, after)`` the stream
    boxes around its geometric place (ALTO; PAGE files have no late boxes)."""
    params = Params()
    rows = []
    for raw in read_pages(read_input_bytes(path, params), path=str(path), params=params):
        boxes = _boxes(raw.lines)
        partner = cohesive_partner([cohesion_words([ln.text for ln in b.lines]) for b in boxes], [len(b.lines) for b in boxes])
        if partner < 0:
            continue
        last = len(boxes) - 1
        place = None
        late = False
        if path.name.endswith("alto.xml"):
            order, moved = late_order([b.bbox for b in boxes],
                                      frozenset(i for i, b in enumerate(boxes) if len(b.lines) < 2))
            late = last in moved
            if late:
                k = order.index(last)
                place = (next((order[j] for j in range(k - 1, -1, -1) if order[j] not in moved), -1),
                         next((order[j] for j in range(k + 1, len(order)) if order[j] not in moved), -1))
        rows.append((path.name, last, partner, late, place))
    return rows


def page_end_rows(cases: Path) -> list[tuple[str, str, bool]]:
    """``(case, last line, late)`` for every dev ``.txt`` whose last box ends mid-word."""
    out = []
    for txt in sorted(cases.glob("*.txt")):
        if txt.name.endswith(".flat.txt"):
            continue
        boxes = [b for b in txt.read_text(encoding="utf-8").split("\n\n") if b.strip()]
        last = boxes[-1].strip().split("\n")[-1]
        if not (len(last) >= 2 and last[-1] in "-⸗¬" and last[-2].isalpha()):
            continue
        alto = txt.with_name(txt.name[: -len(".txt")] + ".alto.xml")
        late = False
        if alto.exists():
            params = Params()
            for raw in read_pages(read_input_bytes(alto, params), path=str(alto), params=params):
                bx = _boxes(raw.lines)
                _, moved = late_order([b.bbox for b in bx], frozenset(i for i, b in enumerate(bx) if len(b.lines) < 2))
                late = (len(bx) - 1) in moved
        out.append((txt.name, last[-30:], late))
    return out


def main() -> int:
    shared = DEFAULT_SHARED
    files = sorted((shared / "cases").glob("*.alto.xml"))
    seen = {f.read_bytes()[:4096] for f in files}
    for f in sorted((shared / "corpus").rglob("*alto.xml")):
        if f.read_bytes()[:4096] not in seen:  # the dev cases' ALTO files are corpus copies
            files.append(f)
    rows = [r for f in files for r in alto_rows(f)]
    print(f"{'page':48s} {'box':>4s} similar continues")
    for name, i, sim, cont in rows:
        print(f"{name[:48]:48s} {i:4d} {str(sim):>7s} {str(cont):>9s}")
    print(f"late boxes {len(rows)} on {len({r[0] for r in rows})} pages: "
          f"similar {sum(r[2] for r in rows)}, continues {sum(r[3] for r in rows)}")
    pages = sorted((shared / "cases").glob("*.page.xml"))
    seen_pages = {f.read_bytes()[:4096] for f in pages}
    for f in sorted((shared / "corpus").rglob("*.xml")):
        if f.name.endswith("alto.xml") or "ecpo" in str(f):
            continue
        head = f.read_bytes()[:4096]
        if b"PcGts" in head and head not in seen_pages:
            pages.append(f)
    fired = [r for f in files + pages for r in cohesion_rows(f)]
    print(f"\ncohesive-late-box on the stream order of {len(files)} ALTO and {len(pages)} PAGE files:"
          f" fires on {len(fired)} page(s)")
    for name, last, partner, late, place in fired:
        print(f"  {name:44s} last box {last} -> before box {partner}; geometric late box: {late},"
              f" its place between stream boxes {place}")
    print("\npage-end-unfinished on the dev .txt pages:")
    for name, last, late in page_end_rows(shared / "cases"):
        print(f"  {name:44s} ...{last!r:34s} late={late}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
