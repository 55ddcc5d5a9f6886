"""Speed of OCR XML input (issue 5's benchmark): pages per second for a ~1 MB ALTO page.

Uses ``../shared/corpus/chronam-testdata/ocr.alto.xml`` (1.08 MB, ALTO v1 in inch1200, a
Library of Congress newspaper page) when the shared corpus is present, else a synthetic
ALTO page of about 1 MB built here (so the script runs anywhere). Reports, best of N runs:

* parse only (defusedxml -> element tree) and read (-> ``Line`` objects);
* the whole conversion (read + pipeline) in pages/s;
* ALTO export of the result.

Times are process CPU time, best of N runs.

    python bench/speed_xml.py            # prints a Markdown table
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from layoutkit.api import parse_bytes, read_pages  # noqa: E402
from layoutkit.export.alto import to_alto  # noqa: E402
from layoutkit.params import Params  # noqa: E402
from layoutkit.xmlsafe import parse_xml  # noqa: E402

SAMPLE = ROOT.parent / "shared" / "corpus" / "chronam-testdata" / "ocr.alto.xml"


def synthetic(target: int = 1_000_000) -> bytes:
    """An ALTO page of about ``target`` bytes: 6 columns of 9-word lines."""
    words = "the council met yesterday to discuss the new bridge".split()
    out = ['<?xml version="1.0"?><alto xmlns="http://www.loc.gov/standards/alto/ns-v4#"><Description>'
           '<MeasurementUnit>pixel</MeasurementUnit></Description><Layout><Page ID="P1" WIDTH="6000" '
           'HEIGHT="9000"><PrintSpace>']
    size, line, block = 0, 0, 0
    while size < target:
        block += 1
        col = block % 6
        out.append(f'<TextBlock ID="B{block}" HPOS="{col * 1000}" VPOS="{line * 10 % 8000}" WIDTH="950" HEIGHT="400">')
        for _ in range(12):
            line += 1
            y = line * 10 % 8000
            strings = "".join(f'<String CONTENT="{w}" HPOS="{col * 1000 + i * 100}" VPOS="{y}" WIDTH="90" '
                              f'HEIGHT="30" WC="0.9"/><SP/>' for i, w in enumerate(words))
            chunk = f'<TextLine HPOS="{col * 1000}" VPOS="{y}" WIDTH="950" HEIGHT="30">{strings}</TextLine>'
            out.append(chunk)
            size += len(chunk)
        out.append("</TextBlock>")
    out.append("</PrintSpace></Page></Layout></alto>")
    return "".join(out).encode()


def best(fn, repeat: int) -> float:
    """Best of ``repeat`` runs in process CPU time (wall time on a shared machine measures
    the neighbours)."""
    times = []
    for _ in range(repeat):
        t = time.process_time()
        fn()
        times.append(time.process_time() - t)
    return min(times)


def main() -> None:
    data = SAMPLE.read_bytes() if SAMPLE.is_file() else synthetic()
    name = SAMPLE.name if SAMPLE.is_file() else "synthetic"
    params = Params()
    t_parse = best(lambda: parse_xml(data, path=name, max_elements=params.read.max_xml_elements), 10)
    t_read = best(lambda: list(read_pages(data, path=name, format="alto", params=params)), 10)
    page = parse_bytes(data, path=name, format="alto")
    t_all = best(lambda: parse_bytes(data, path=name, format="alto"), 7)
    t_export = best(lambda: to_alto(page), 10)
    lines = len(list(read_pages(data, path=name, format="alto"))[0].lines)
    print(f"input: {name}, {len(data) / 1e6:.2f} MB, {lines} lines, Python {sys.version.split()[0]}\n")
    print("| step | time per page | pages/s |")
    print("|---|---|---|")
    for label, t in [("parse XML (defusedxml)", t_parse), ("read ALTO -> lines", t_read),
                     ("convert (read + pipeline)", t_all), ("export ALTO", t_export)]:
        print(f"| {label} | {t * 1000:.0f} ms | {1 / t:.2f} |")


if __name__ == "__main__":
    main()
