"""Regenerate the README's overlay image of a real fixture page:

    python bench/make_overlay.py            # -> docs/img/overlay-rmrb2018010207.png

The page is the People's Daily theory page of the shared dev cases (born-digital PDF). When
the PDF reader is installed (``layoutkit.readers.pdf``) the page goes through the library
exactly as ``layoutkit draw`` would take it. Until then a crude stand-in reader in this
script turns pdfplumber's text lines into ``Line``s with boxes and region ids (lines of one
size stacked closely in one column form a region) and feeds them to ``run_lines``; the image
then shows the pipeline's typing on rough regions, not the PDF reader's.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from layoutkit import BBox, Line, Source, run_lines  # noqa: E402
from layoutkit.output import write_atomic  # noqa: E402
from layoutkit.readers import get_reader  # noqa: E402
from layoutkit.visual.background import pdf_page_image  # noqa: E402
from layoutkit.visual.draw import DrawParams, encode_image, render_overlay  # noqa: E402
from layoutkit.visual.load import load_page  # noqa: E402

DEFAULT_PDF = ROOT.parent / "shared" / "cases" / "rmrb-rmrb2018010207.pdf"


def stand_in_page(path: Path):
    """A Page from pdfplumber text lines grouped into regions (no PDF reader yet)."""
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        # Tight word gaps keep the columns apart (a text line would run across gutters).
        words = page.extract_words(x_tolerance=1.5, y_tolerance=2)
        width, height = page.width, page.height
    rows: list[tuple[str, BBox]] = []
    for w in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        box = BBox(w["x0"], w["top"], w["x1"], w["bottom"])
        if rows:
            text, last = rows[-1]
            # Same baseline and less than an em apart: one line of one column.
            if abs(last.top - box.top) < 0.3 * last.height and 0 <= box.x0 - last.x1 < last.height:
                rows[-1] = (text + w["text"], last.union(box))
                continue
        rows.append((w["text"], box))
    regions: list[list[tuple[str, BBox]]] = []
    for text, box in sorted(rows, key=lambda r: (r[1].top, r[1].x0)):
        h = box.height
        home = None
        for reg in regions:
            last = reg[-1][1]
            overlap = min(last.x1, box.x1) - max(last.x0, box.x0)
            if (abs(last.height - h) < 0.25 * h and 0 <= box.top - last.bottom < 0.9 * h
                    and overlap > 0.5 * min(last.width, box.width) and abs(last.x0 - box.x0) < 3 * h):
                home = reg
        if home is None:
            regions.append([(text, box)])
        else:
            home.append((text, box))
    # Reading order: column by column (columns about an eighth of the page wide), top down.
    col = width / 8
    regions.sort(key=lambda reg: (round(statistics.median(b.x0 for _, b in reg) / col), reg[0][1].top))
    lines, n = [], 1
    for i, reg in enumerate(regions, 1):
        for text, box in reg:
            lines.append(Line(text, n, bbox=box, font_size=box.height, region=f"s{i}"))
            n += 1
    source = Source(format="pdf", path=str(path), page=1, unit="pt", width=width, height=height)
    return run_lines(lines, source, warnings=("stand-in regions from bench/make_overlay.py",))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pdf", nargs="?", default=str(DEFAULT_PDF))
    ap.add_argument("-o", "--output", help="default: docs/img/overlay-<name>.png")
    ap.add_argument("--resolution", type=float, default=60.0)
    args = ap.parse_args()
    pdf = Path(args.pdf)
    out = Path(args.output) if args.output else ROOT / "docs" / "img" / f"overlay-{pdf.stem.removeprefix('rmrb-')}.png"
    t = time.perf_counter()
    if get_reader("pdf") is not None:
        page, how = load_page(str(pdf)).page, "the PDF reader"
    else:
        page, how = stand_in_page(pdf), "the stand-in reader in bench/make_overlay.py"
    params = DrawParams(resolution=args.resolution)
    image = render_overlay(page, pdf_page_image(str(pdf), 1, params.resolution), params)
    # A 256-colour palette keeps the README image small; the type colours stay exact.
    write_atomic(out, encode_image(image.quantize(256, dither=0), "PNG"))
    print(f"{out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}: {image.width}x{image.height}, "
          f"{sum(1 for _ in page.iter_blocks())} blocks in {len(page.articles)} articles via {how}, "
          f"{time.perf_counter() - t:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
