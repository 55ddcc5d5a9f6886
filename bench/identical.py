#!/usr/bin/env python3
"""Check that a code change leaves every output byte-identical (for speed work).

Converts every dev case input (``../shared/cases/*.txt``, ``*.flat.txt``, ``*.alto.xml``,
``*.page.xml``, ``*.pdf``), every file in ``fixtures/`` and one multi-page text file (all
case ``.txt`` pages joined with form feeds, so state carried from page to page shows up)
to JSON exactly as ``layoutkit convert IN -o OUT.json`` does, in one process, and compares
the bytes with a reference made by other code:

    python bench/identical.py --save /tmp/speed-ref       # reference from this tree
    python bench/identical.py --against /tmp/speed-ref    # this tree against it
    python bench/identical.py --rev main                  # this tree against a git revision
    python bench/identical.py                             # against the merge base with main
    python bench/identical.py --pdf                       # every PDF (cases, fixtures, corpus),
                                                          # with both backends, against main's base

``--rev`` exports the revision with ``git archive`` to a temporary folder and converts with
that code, so the reference follows whatever has been merged. Exit code 0 when every output
is identical, 1 when some differ (they are listed).
"""
from __future__ import annotations

import argparse
import filecmp
import io
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CASES = SHARED / "cases"
#: Case input kinds converted (file-name endings).
CASE_KINDS = (".txt", ".alto.xml", ".page.xml", ".pdf")
#: Fixture files that are outputs or ground truth, not inputs.
NOT_INPUTS = (".json", ".yaml", ".md")

#: Runs in a child process with the code under test first on ``sys.path``:
#: ``python -c WORKER TREE OUTDIR NAME=INPUT ...``.
WORKER = r"""
import contextlib, io, sys
sys.path.insert(0, sys.argv[1])
import layoutkit
assert layoutkit.__file__.startswith(sys.argv[1]), layoutkit.__file__
from layoutkit.cli import main
out = sys.argv[2]
for job in sys.argv[3:]:
    name, inp = job.split("=", 1)
    inp, *opts = inp.split("\t")  # extra convert options after a tab (``--backend pdfium``)
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = main(["convert", inp, "-o", f"{out}/{name}.json", *opts])
    if code != 0:  # an error is an output too: keep its message
        with open(f"{out}/{name}.json", "w", encoding="utf-8") as fh:
            fh.write(f"exit {code}: {err.getvalue()}")
"""


def inputs(work: Path) -> list[tuple[str, Path]]:
    """(output name, input path) of every input, in a fixed order."""
    found: list[tuple[str, Path]] = []
    if CASES.is_dir():
        for p in sorted(CASES.iterdir()):
            if p.name.endswith(CASE_KINDS):
                found.append((p.name, p))
    for p in sorted((ROOT / "fixtures").rglob("*")):
        if p.is_file() and not p.name.endswith(NOT_INPUTS):
            found.append(("fixtures__" + "__".join(p.relative_to(ROOT / "fixtures").parts), p))
    pages = [p.read_text(encoding="utf-8") for name, p in found
             if name.endswith(".txt") and not name.endswith(".flat.txt") and p.parent == CASES]
    if pages:
        multi = work / "multipage.txt"
        multi.write_text("\x0c".join(pages), encoding="utf-8")
        found.append(("multipage.txt", multi))
    return found


#: The backends every PDF is converted with under ``--pdf``.
PDF_BACKENDS = ("pdfplumber", "pdfium")


def pdf_inputs() -> list[tuple[str, str]]:
    """(output name, input and options) of every PDF: dev cases, fixtures and the whole
    corpus, each once per backend (for speed work on the PDF path, which the text and XML
    inputs do not reach)."""
    found = sorted({*CASES.glob("*.pdf"), *(SHARED / "corpus").rglob("*.pdf"), *(ROOT / "fixtures").rglob("*.pdf")})
    return [(f"{p.parent.name}__{p.name}.{backend}", f"{p}\t--backend\t{backend}")
            for p in found for backend in PDF_BACKENDS]


def convert(tree: Path, outdir: Path, jobs: list[tuple[str, Path | str]]) -> None:
    """Convert ``jobs`` with the code in ``tree`` into ``outdir`` (one child process)."""
    outdir.mkdir(parents=True, exist_ok=True)
    args = [f"{name}={path}" for name, path in jobs]
    subprocess.run([sys.executable, "-c", WORKER, str(tree), str(outdir), *args], check=True)


def export(rev: str, dest: Path) -> Path:
    """The tree of git revision ``rev`` unpacked under ``dest``."""
    data = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", rev],
                          check=True, capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        tar.extractall(dest, filter="data")
    return dest


def compare(ref: Path, new: Path, names: list[str]) -> list[str]:
    return [n for n in names
            if not (ref / f"{n}.json").exists() or not filecmp.cmp(ref / f"{n}.json", new / f"{n}.json", shallow=False)]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    grp = ap.add_mutually_exclusive_group()
    grp.add_argument("--save", metavar="DIR", help="write this tree's outputs to DIR and stop")
    grp.add_argument("--against", metavar="DIR", help="compare with outputs saved in DIR")
    grp.add_argument("--rev", help="compare with the outputs of this git revision")
    ap.add_argument("--pdf", action="store_true",
                    help="instead of the dev inputs: every PDF of the cases, fixtures and corpus, with both backends")
    args = ap.parse_args(argv)
    # a fixed folder, so the multi-page input's path (part of the output) is the same every run
    work = Path(tempfile.gettempdir()) / "layoutkit-identical"
    work.mkdir(exist_ok=True)
    jobs: list[tuple[str, Path | str]] = list(pdf_inputs() if args.pdf else inputs(work))
    names = [n for n, _ in jobs]
    if args.save:
        convert(ROOT, Path(args.save), jobs)
        print(f"saved {len(jobs)} outputs to {args.save}")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        if args.against:
            ref = Path(args.against)
        else:
            rev = args.rev or subprocess.run(["git", "-C", str(ROOT), "merge-base", "HEAD", "main"],
                                             check=True, capture_output=True, text=True).stdout.strip()
            ref = tmpdir / "ref"
            convert(export(rev, tmpdir / "tree"), ref, jobs)
        new = tmpdir / "new"
        convert(ROOT, new, jobs)
        differ = compare(ref, new, names)
    for n in differ:
        print(f"DIFFERS {n}")
    print(f"{len(names) - len(differ)}/{len(names)} outputs identical")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
