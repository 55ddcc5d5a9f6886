"""Peak memory of streaming a long PDF: 2,000 pages against 20 pages.

    python -m bench.reliability_memory                 # 20 vs 2000 pages, text via iter_file_pages
    python -m bench.reliability_memory --pages 20 200 2000
    python -m bench.reliability_memory --convert       # `layoutkit convert FILE -o OUT.json` instead
    python -m bench.reliability_memory --convert --backend pdfium --repo /path/to/other/checkout

Each measurement runs in a fresh interpreter that generates nothing itself: the PDFs are
written first (streamed, ``tests/pdf_factory.py``), then a child process iterates
``layoutkit.iter_file_pages`` over every page, serializing each page and dropping it, and
reports its peak RSS (``ru_maxrss``) and time. Bounded memory means the 2,000-page peak is
close to the 20-page peak (the file's bytes, 100x larger, are the expected difference:
``read_input_bytes`` reads the whole file, capped by ``ReadParams.max_bytes``).
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = r"""
import json, resource, sys, time
from layoutkit.api import iter_file_pages
t = time.perf_counter()
n = chars = 0
for page in iter_file_pages(sys.argv[1]):
    chars += len(page.to_json())
    n += 1
print(json.dumps({"pages": n, "json_chars": chars, "seconds": round(time.perf_counter() - t, 2),
                  "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}))
"""


#: The whole command: pages rendered and written to a JSON list (``layoutkit/pagestream.py``).
CONVERT_CHILD = r"""
import json, os, resource, sys, time
from layoutkit.cli import main
t = time.perf_counter()
out = sys.argv[1] + ".json"
args = ["convert", sys.argv[1], "-o", out] + (["--backend", sys.argv[2]] if sys.argv[2] else [])
code = main(args)
print(json.dumps({"exit": code, "json_mib": round(os.path.getsize(out) / 2**20, 1),
                  "seconds": round(time.perf_counter() - t, 2),
                  "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}))
os.unlink(out)
"""


def measure(path: Path, repo: Path = ROOT, convert: bool = False, backend: str = "") -> dict:
    if convert:
        cmd = [sys.executable, "-c", CONVERT_CHILD, str(path), backend]
    else:
        cmd = [sys.executable, "-c", CHILD, str(path)]
    out = subprocess.run(cmd, cwd=repo, capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"measurement failed for {path}: {out.stderr.strip().splitlines()[-1:]}")
    return json.loads(out.stdout)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, nargs="+", default=[20, 2000])
    ap.add_argument("--repo", type=Path, default=ROOT, help="checkout whose layoutkit is measured (default: this one)")
    ap.add_argument("--convert", action="store_true", help="measure `layoutkit convert FILE -o OUT.json`")
    ap.add_argument("--backend", default="", help="PDF backend for --convert (default: the CLI's default)")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT / "tests"))
    from pdf_factory import pdf_file, text_page

    probe = subprocess.run([sys.executable, "-c", "from layoutkit.readers import get_reader; "
                            "print(get_reader('pdf') is not None)"], cwd=args.repo, capture_output=True, text=True)
    if probe.stdout.strip() != "True":
        print("pending: the PDF reader (layoutkit.readers.pdf) is not in this checkout")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        rows = []
        for n in args.pages:
            path = pdf_file(Path(tmp) / f"p{n}.pdf", n, text_page)
            row = {"file_pages": n, "file_mib": round(path.stat().st_size / 2**20, 1), **measure(path, args.repo, args.convert, args.backend)}
            rows.append(row)
            print(json.dumps(row), flush=True)
        if len(rows) >= 2:
            print(f"peak RSS ratio {rows[-1]['file_pages']} vs {rows[0]['file_pages']} pages: "
                  f"{rows[-1]['peak_rss_mib'] / rows[0]['peak_rss_mib']:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
