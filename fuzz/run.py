"""Coverage-guided fuzzing of one reader with atheris (libFuzzer for Python).

    python -m fuzz.run --reader text --minutes 30
    python -m fuzz.run --reader alto --minutes 30 --corpus /tmp/alto-corpus
    python -m fuzz.run --reader text --replay fuzz/crashes/text/crash-...   # reproduce

Every input goes through the reader and the whole pipeline and must satisfy
``fuzz.targets.check`` (no crash, every character accounted for, encodable JSON).
Seeds come from ``fuzz/seeds/<reader>/`` (small files kept in git) plus the working
corpus (default ``fuzz/corpus/<reader>/``, not in git), which libFuzzer grows as it finds
new coverage. A failing input is written to ``fuzz/crashes/<reader>/`` and the run stops;
turn it into a regression test in ``tests/test_reliability_regressions.py``.

Requires ``pip install atheris`` (the ``fuzz`` extra). Not part of the default test run.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
READERS = ("text", "pdf", "alto", "hocr", "page")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m fuzz.run", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--reader", choices=READERS, required=True)
    ap.add_argument("--minutes", type=float, default=30.0, help="total fuzzing time (default 30)")
    ap.add_argument("--corpus", type=Path, help="working corpus folder (default fuzz/corpus/READER)")
    ap.add_argument("--max-len", type=int, default=0, help="largest input in bytes (default: 64 KiB text/XML, 1 MiB PDF)")
    ap.add_argument("--timeout", type=int, default=20, help="seconds one input may take before it counts as a hang")
    ap.add_argument("--replay", type=Path, nargs="*", help="run these inputs once and report, no fuzzing")
    args = ap.parse_args(argv)

    if args.replay:
        from fuzz.targets import check

        bad = 0
        for f in args.replay:
            try:
                n = check(args.reader, f.read_bytes())
                print(f"{f}: ok ({n} page(s))")
            except Exception as exc:  # report every failure kind, that is the point
                bad += 1
                print(f"{f}: FAIL {type(exc).__name__}: {exc}")
        return 1 if bad else 0

    try:
        import atheris
    except ImportError:
        sys.stderr.write("fuzz: atheris is not installed (pip install atheris)\n")
        return 2
    # The PDF parsers are instrumented too: their branches are what a mutated PDF explores.
    include = ["layoutkit", "fuzz"] + (["pdfminer", "pdfplumber"] if args.reader == "pdf" else [])
    with atheris.instrument_imports(include=include):
        from fuzz.targets import check
        from layoutkit.readers import get_reader
        get_reader(args.reader)  # import (and instrument) the reader module now
        if args.reader == "pdf":
            import pdfplumber  # noqa: F401  (the reader imports it lazily: instrument it now)
            import pdfminer.pdfdocument  # noqa: F401
    if get_reader(args.reader) is None:
        sys.stderr.write(f"fuzz: reader {args.reader} is not available in this checkout\n")
        return 2

    corpus = args.corpus or HERE / "corpus" / args.reader
    crashes = HERE / "crashes" / args.reader
    seeds = HERE / "seeds" / args.reader
    corpus.mkdir(parents=True, exist_ok=True)
    crashes.mkdir(parents=True, exist_ok=True)
    max_len = args.max_len or (1 << 20 if args.reader == "pdf" else 1 << 16)
    reader = args.reader

    def one_input(data: bytes) -> None:
        check(reader, data)

    lf_args = [sys.argv[0], str(corpus)]
    if seeds.is_dir():
        lf_args.append(str(seeds))
    lf_args += [f"-max_total_time={int(args.minutes * 60)}", f"-max_len={max_len}",
                f"-timeout={args.timeout}", "-rss_limit_mb=3072", f"-artifact_prefix={crashes}{os.sep}",
                "-print_final_stats=1"]
    atheris.Setup(lf_args, one_input)
    atheris.Fuzz()
    return 0


if __name__ == "__main__":
    sys.exit(main())
