"""Command-line interface: a thin layer over the library.

Exit codes (``docs/errors.md``): 0 success; 1 bad input (unreadable, empty, binary,
corrupt); 2 usage error (bad option, bad profile); 3 a batch in which some pages failed;
4 the output could not be written. Errors print one line, ``layoutkit: FILE: problem``,
never a traceback.
"""
from __future__ import annotations

import argparse
import sys
from typing import Optional, Sequence

from . import __version__
from .api import iter_bytes_pages, iter_file_pages
from .errors import EXIT_OK, EXIT_USAGE, InputError, LayoutkitError, UsageError
from .model import Page
from .output import write_atomic, write_stdout
from .params import BatchParams, Params
from .profile import BUILTIN
from .serialize import to_json, to_markdown, to_text

OUTPUT_FORMATS = ("json", "md", "txt")

CONVERT_EPILOG = """examples:
  layoutkit convert fixtures/seed-zh.txt                 JSON to stdout
  layoutkit convert page.txt -o page.json                JSON to a file (written atomically)
  layoutkit convert page.txt --format md                 Markdown
  layoutkit convert page.txt --profile zh                force the Chinese profile
  layoutkit convert page.txt --profile my.yaml           your own patterns (inherits: zh)
  cat page.txt | layoutkit convert - -o -                stdin to stdout
  layoutkit convert pages.txt --page 2                   one page of a multi-page input (form feeds)
"""


BATCH_EPILOG = """examples:
  layoutkit batch scans/ -o out/                         every page under scans/, one JSON per page
  layoutkit batch 'data/**/*.xml' a.pdf -o out/          globs (quoted: layoutkit expands them) and files
  layoutkit batch scans/ -o out/ --workers 4 --timeout 60
  layoutkit batch scans/ --jsonl pages.jsonl             one line per page instead of files
  find /data -name '*.pdf' | layoutkit batch --files-from - -o out/

outputs: OUTDIR/NAME.json, or OUTDIR/NAME.pNNN.json for each page of a multi-page input;
a folder's subfolders are mirrored. Re-running skips pages whose output is newer than
their input (--force redoes them); a killed run never leaves a half-written file.
Failures go to OUTDIR/_failures.jsonl (path, page, error, message); exit code 3 when
any page failed, 0 when none did.
"""


class _Parser(argparse.ArgumentParser):
    """argparse that exits with our usage code and a one-line message."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        sys.stderr.write(f"layoutkit: {message}\n")
        raise SystemExit(EXIT_USAGE)


def render(page: Page, fmt: str) -> str:
    if fmt == "json":
        return to_json(page) + "\n"
    if fmt == "md":
        return to_markdown(page)
    return to_text(page)


def render_pages(pages: list[Page], fmt: str) -> str:
    """One page renders as itself; several as a JSON array, or Markdown/text pages
    separated by form feeds."""
    if len(pages) == 1:
        return render(pages[0], fmt)
    if fmt == "json":
        return "[\n" + ",\n".join(to_json(p) for p in pages) + "\n]\n"
    return "\x0c".join(render(p, fmt) for p in pages)


def _convert(args: argparse.Namespace) -> int:
    params = Params()
    wanted = [args.page] if args.page is not None else None
    if args.input == "-":
        data = sys.stdin.buffer.read()
        pages = list(iter_bytes_pages(data, path=None, profile=args.profile, params=params, pages=wanted))
    else:
        pages = list(iter_file_pages(args.input, profile=args.profile, params=params, pages=wanted))
    if not pages:
        raise InputError(f"has no page {args.page}" if args.page is not None else "has no pages",
                         path=None if args.input == "-" else args.input)
    text = render_pages(pages, args.format)
    if args.output in (None, "-"):
        write_stdout(text)
    else:
        write_atomic(args.output, text)
    return EXIT_OK


def _read_list(name: str) -> list[str]:
    """Paths one per line from a file or stdin (``-``), blank lines ignored."""
    try:
        text = sys.stdin.read() if name == "-" else open(name, encoding="utf-8").read()
    except OSError as exc:
        raise UsageError(f"cannot read the list of files: {exc.strerror}", path=name) from None
    return [line.strip() for line in text.splitlines() if line.strip()]


def _batch(args: argparse.Namespace) -> int:
    from .batch import run_batch
    from .batch.progress import Progress

    inputs = list(args.inputs)
    if args.files_from:
        inputs.extend(_read_list(args.files_from))
    if not inputs:
        raise UsageError("no inputs: give files, folders or globs (or --files-from FILE)")
    if args.output is None and args.jsonl is None:
        raise UsageError("give an output folder (-o OUTDIR) or a JSONL file (--jsonl FILE)")
    defaults = BatchParams()
    extensions = defaults.extensions
    if args.ext:
        extensions = tuple("." + e.strip().lstrip(".").lower() for e in args.ext.split(",") if e.strip())
    batch = BatchParams(workers=args.workers, timeout=args.timeout or None, force=args.force, extensions=extensions)
    summary = run_batch(inputs, args.output, jsonl=args.jsonl, batch=batch, params=Params(), profile=args.profile,
                        progress=Progress(quiet=args.quiet))
    return summary.exit_code


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="layoutkit", description="Reconstruct newspaper pages into articles of typed blocks.",
                     formatter_class=argparse.RawDescriptionHelpFormatter,
                     epilog="exit codes: 0 ok, 1 bad input, 2 usage, 3 some pages of a batch failed, 4 cannot write output")
    parser.add_argument("--version", action="version", version=f"layoutkit {__version__}")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    conv = sub.add_parser("convert", help="convert one page to JSON, Markdown or text",
                          description="Convert one page (text; more formats as readers land) to JSON, Markdown or text.",
                          epilog=CONVERT_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    conv.add_argument("input", help="input file, or - for stdin")
    conv.add_argument("-o", "--output", help="output file, or - for stdout (default)")
    conv.add_argument("--format", choices=OUTPUT_FORMATS, default="json", help="output format (default: json)")
    conv.add_argument("--profile", help=f"language profile: {', '.join(BUILTIN)} or a YAML file (default: detect)")
    conv.add_argument("--page", type=int, metavar="N",
                      help="only page N (1-based) of a multi-page input; default: all pages (JSON: a list)")
    conv.set_defaults(func=_convert)

    defaults = BatchParams()
    bat = sub.add_parser("batch", help="convert many files, folders or globs, every page, in parallel",
                         description="Convert every page of many inputs (text, PDF, ALTO, hOCR, PAGE, mixed) with "
                                     "parallel worker processes; resumable, a bad file never stops the batch.",
                         epilog=BATCH_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    bat.add_argument("inputs", nargs="*", metavar="INPUT", help="files, folders (searched recursively) or globs")
    bat.add_argument("-o", "--output", metavar="OUTDIR", help="output folder (created if missing)")
    bat.add_argument("--jsonl", metavar="FILE", help="write one JSON line per page to FILE instead of files")
    bat.add_argument("--workers", type=int, metavar="N", default=defaults.workers,
                     help="worker processes (default: the CPU count)")
    bat.add_argument("--timeout", type=float, metavar="SECONDS", default=defaults.timeout,
                     help="per-page time limit; a page over it is reported and its worker replaced "
                          f"(default: {defaults.timeout:g}; 0: none)")
    bat.add_argument("--force", action="store_true", help="redo pages whose output is already up to date")
    bat.add_argument("--profile", help=f"language profile: {', '.join(BUILTIN)} or a YAML file (default: detect)")
    bat.add_argument("--ext", metavar="LIST",
                     help="extensions taken when walking folders, comma-separated "
                          f"(default: {','.join(e.lstrip('.') for e in defaults.extensions)})")
    bat.add_argument("--files-from", metavar="FILE", help="read more inputs from FILE, one per line (- for stdin)")
    bat.add_argument("-q", "--quiet", action="store_true", help="no progress output (errors and exit code only)")
    bat.set_defaults(func=_batch)
    return parser


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return int(args.func(args))
    except LayoutkitError as exc:
        sys.stderr.write(f"layoutkit: {exc}\n")
        return exc.exit_code
    except KeyboardInterrupt:
        sys.stderr.write("layoutkit: interrupted\n")
        return 130


if __name__ == "__main__":
    sys.exit(main())
