"""Command-line interface: a thin layer over the library.

Exit codes (``docs/errors.md``): 0 success; 1 bad input (unreadable, empty, binary,
corrupt); 2 usage error (bad option, bad profile); 3 a batch in which some pages failed;
4 the output could not be written. Errors print one line, ``layoutkit: FILE: problem``,
never a traceback.
"""
from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from typing import Optional, Sequence

from . import __version__
from .api import parse_bytes, parse_file
from .errors import EXIT_OK, EXIT_USAGE, LayoutkitError, LimitExceededError
from .model import Page
from .output import write_atomic, write_stdout
from .params import Params
from .profile import BUILTIN
from .serialize import to_json, to_markdown, to_text

OUTPUT_FORMATS = ("json", "md", "txt", "alto", "page")

CONVERT_EPILOG = """examples:
  layoutkit convert fixtures/seed-zh.txt                 JSON to stdout
  layoutkit convert page.txt -o page.json                JSON to a file (written atomically)
  layoutkit convert page.txt --format md                 Markdown
  layoutkit convert page.txt --profile zh                force the Chinese profile
  layoutkit convert page.txt --profile my.yaml           your own patterns (inherits: zh)
  cat page.txt | layoutkit convert - -o -                stdin to stdout
  layoutkit convert scan.alto.xml --format alto          our blocks back as ALTO 4.4
  layoutkit convert scan.page.xml --ignore-input-structure   type blocks by our rules only
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
    if fmt == "alto":
        from .export.alto import to_alto

        return to_alto(page)
    if fmt == "page":
        from .export.pagexml import to_page_xml

        return to_page_xml(page)
    return to_text(page)


def _convert(args: argparse.Namespace) -> int:
    params = Params()
    if args.ignore_input_structure:
        params = params.with_(read=replace(params.read, ignore_input_structure=True))
    if args.input == "-":
        # read one byte past the limit so a huge stream fails fast instead of filling memory
        data = sys.stdin.buffer.read(params.read.max_bytes + 1)
        if len(data) > params.read.max_bytes:
            raise LimitExceededError(f"more than the limit of {params.read.max_bytes} bytes", path="<stdin>")
        page = parse_bytes(data, path=None, profile=args.profile, params=params, page=args.page)
    else:
        page = parse_file(args.input, profile=args.profile, params=params, page=args.page)
    text = render(page, args.format)
    if args.output in (None, "-"):
        write_stdout(text)
    else:
        write_atomic(args.output, text)
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="layoutkit", description="Reconstruct newspaper pages into articles of typed blocks.",
                     formatter_class=argparse.RawDescriptionHelpFormatter,
                     epilog="exit codes: 0 ok, 1 bad input, 2 usage, 3 some pages of a batch failed, 4 cannot write output")
    parser.add_argument("--version", action="version", version=f"layoutkit {__version__}")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    conv = sub.add_parser("convert", help="convert one page to JSON, Markdown, text, ALTO or PAGE",
                          description="Convert one page (text; more formats as readers land) to JSON, Markdown or text.",
                          epilog=CONVERT_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    conv.add_argument("input", help="input file, or - for stdin")
    conv.add_argument("-o", "--output", help="output file, or - for stdout (default)")
    conv.add_argument("--format", choices=OUTPUT_FORMATS, default="json", help="output format (default: json)")
    conv.add_argument("--page", type=int, metavar="N", help="page N (1-based) of a multi-page input (PDF, ALTO, hOCR)")
    conv.add_argument("--ignore-input-structure", action="store_true",
                      help="OCR XML input: ignore the region types, articles and captions the file declares "
                           "and type blocks by layoutkit's own rules")
    conv.add_argument("--profile", help=f"language profile: {', '.join(BUILTIN)} or a YAML file (default: detect)")
    conv.set_defaults(func=_convert)
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
