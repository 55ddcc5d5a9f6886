"""Command-line interface: a thin layer over the library.

Exit codes (``docs/errors.md``): 0 success; 1 bad input (unreadable, empty, binary,
corrupt); 2 usage error (bad option, bad profile); 3 a batch in which some pages failed;
4 the output could not be written. Errors print one line, ``layoutkit: FILE: problem``,
never a traceback.
"""
from __future__ import annotations

import argparse
import itertools
import sys
from dataclasses import replace
from pathlib import Path
from typing import Optional, Sequence

from . import __version__
from .dehyphenate import read_wordlist
from .api import iter_bytes_pages, iter_file_pages
from .errors import EXIT_OK, EXIT_USAGE, InputError, LayoutkitError, LimitExceededError, ParamsError, UsageError
from .model import Page
from .output import atomic_output, stdout_output, write_atomic, write_stdout
from .pagestream import stream_pages
from .params import PDF_BACKENDS, BatchParams, OrthographyParams, Params, ReadParams
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
  layoutkit convert pages.txt --page 2                   one page of a multi-page input (form feeds)
  layoutkit convert paper.pdf --page 2                   one page of a PDF
  layoutkit convert issue.pdf --backend pdfium -o i.json every page (a JSON list), fast PDF backend
  layoutkit convert scan.alto.xml --format alto          our blocks back as ALTO 4.4 (PAGE: --format page)
  layoutkit convert scan.page.xml --ignore-input-structure   type blocks by our rules only
"""


#: ``eval --gold-format`` choices; the same as ``evaluation.importers.GOLD_FORMATS`` (a test
#: checks), spelled out so that starting the CLI does not import the evaluator.
GOLD_FORMATS = ("yaml", "page", "mets")

EVAL_EPILOG = """examples:
  layoutkit eval page.json page.gold.yaml                score one page against gold YAML
  layoutkit eval page.json page.gold.yaml --json         the same as JSON (for scripts)
  layoutkit eval --dir out/ ../shared/cases              every GOLDDIR/NAME.gold.yaml vs OUTDIR/NAME.json
  layoutkit eval page.json page.xml --gold-format page   ground truth from PAGE XML (types + order)
  layoutkit eval p2.json issue-METS.xml --gold-format mets --gold-page 2
                                                         ground truth from METS/ALTO (articles)
  layoutkit eval page.json page.xml --gold-format page --map caption=header
                                                         read a project's own region label differently

metrics (0..1, higher is better): text_recall, type_acc, block_f1 (macro over gold types),
break_f1, article_ari, order_acc, text_sim; n/a = the ground truth does not support it.
With --dir a missing OUTDIR/NAME.json counts 0. Exit codes: 0 scored, 1 unreadable output or
ground truth, 2 usage.
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
    if fmt == "alto":
        from .export.alto import to_alto

        return to_alto(page)
    if fmt == "page":
        from .export.pagexml import to_page_xml

        return to_page_xml(page)
    return to_text(page)


def _read_params(args: argparse.Namespace) -> ReadParams:
    """The limits given on the command line (``ParamsError``, exit 2, when out of range)."""
    return ReadParams(max_lines=args.max_lines, max_bytes=args.max_bytes, page_timeout=args.page_timeout)


def _add_limit_options(parser: argparse.ArgumentParser) -> None:
    """Safety limits; defaults come from ``ReadParams`` so they cannot drift."""
    d = ReadParams()
    grp = parser.add_argument_group("limits (an input over a limit is refused with exit code 1)")
    grp.add_argument("--max-bytes", type=int, default=d.max_bytes, metavar="N",
                     help=f"refuse inputs larger than N bytes (default: {d.max_bytes})")
    grp.add_argument("--max-lines", type=int, default=d.max_lines, metavar="N",
                     help=f"refuse pages with more than N lines (default: {d.max_lines})")
    grp.add_argument("--page-timeout", type=float, default=d.page_timeout, metavar="SECONDS",
                     help=f"refuse a page that takes longer than this; 0: no limit (default: {d.page_timeout:g})")


def _add_analysis_options(parser: argparse.ArgumentParser) -> None:
    """Options that change how a page is analysed, shared by ``convert`` and ``batch``."""
    parser.add_argument("--ignore-input-structure", action="store_true",
                        help="OCR XML input: ignore the region types, articles and captions the file declares "
                             "and type blocks by layoutkit's own rules")
    parser.add_argument("--wordlist", metavar="FILE",
                        help="known words, one per line, that let dehyphenation join pieces (Har/bor)")
    parser.add_argument("--modernize", action="store_true",
                        help="write historical letterforms in modern form (ſ->s, ꝛ->r, ⸗->-, uͤ->ü); recorded in reasons")
    parser.add_argument("--backend", choices=PDF_BACKENDS,
                        help=f"PDF character extraction (default: {ReadParams().pdf_backend}; pdfium is ~5-10x faster)")
    _add_limit_options(parser)


def _analysis_params(args: argparse.Namespace) -> Params:
    """The ``Params`` the options of ``_add_analysis_options`` ask for."""
    params = Params(read=_read_params(args))
    if args.backend:
        params = params.with_(read=replace(params.read, pdf_backend=args.backend))
    if args.ignore_input_structure:
        params = params.with_(read=replace(params.read, ignore_input_structure=True))
    if args.wordlist:
        # known words for dehyphenation (``Har``/``bor`` -> ``Harbor``), beside the page's own
        params = params.with_(reflow=replace(params.reflow, extra_words=read_wordlist(args.wordlist)))
    if args.modernize:
        params = params.with_(orthography=OrthographyParams(modernize=True))
    return params


def _convert(args: argparse.Namespace) -> int:
    params = _analysis_params(args)
    wanted = [args.page] if args.page is not None else None
    if args.input == "-":
        # read one byte past the limit so a huge stream fails fast instead of filling memory
        data = sys.stdin.buffer.read(params.read.max_bytes + 1)
        if len(data) > params.read.max_bytes:
            raise LimitExceededError(f"more than the limit of {params.read.max_bytes} bytes", path="<stdin>")
        pages = iter_bytes_pages(data, path=None, profile=args.profile, params=params, pages=wanted)
    else:
        pages = iter_file_pages(args.input, profile=args.profile, params=params, pages=wanted)
    # The first page is made before the output is opened: an input error wins over an
    # output error, and an input without pages writes nothing.
    pages = iter(pages)
    first = next(pages, None)
    if first is None:
        raise InputError(f"has no page {args.page}" if args.page is not None else "has no pages",
                         path=None if args.input == "-" else args.input)
    # Then pages are written as they are produced (bounded memory for long PDFs); the
    # output is complete or absent: a temporary file renamed at the end, or stdout spooled.
    with (stdout_output() if args.output in (None, "-") else atomic_output(args.output)) as write:
        stream_pages(itertools.chain([first], pages), args.format, write, render)
    return EXIT_OK


def _type_map(items: Sequence[str]) -> dict[str, str]:
    out = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key or not value:
            raise ParamsError(f"--map wants REGION_TYPE=SCHEMA_TYPE, got {item!r}")
        out[key] = value
    return out


def _eval(args: argparse.Namespace) -> int:
    # Imported here: the evaluator is not needed to convert pages.
    from .evaluation import report
    from .evaluation.corpus import GoldRef, load_gold, score_dir
    from .evaluation.importers.page_xml import PageImport
    from .evaluation.metrics import score_pages
    from .evaluation.pages import load_page

    options = PageImport(type_map=_type_map(args.map or []))
    if args.dir:
        result = score_dir(args.output, args.gold, args.gold_format, options)
        text = report.dumps(report.corpus_json(result, args.worst)) if args.json else report.corpus_text(result, args.worst)
    else:
        gold = load_gold(GoldRef("", Path(args.gold), args.gold_format, args.gold_page), options)
        score = score_pages(load_page(args.output, page=args.page), gold)
        text = report.dumps(report.page_json(score, args.worst)) if args.json else report.page_text(score, args.worst)
    write_stdout(text)
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
    summary = run_batch(inputs, args.output, jsonl=args.jsonl, batch=batch, params=_analysis_params(args),
                        profile=args.profile,
                        progress=Progress(quiet=args.quiet))
    return summary.exit_code


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
    conv.add_argument("--profile", help=f"language profile: {', '.join(BUILTIN)} or a YAML file (default: detect)")
    conv.add_argument("--page", type=int, metavar="N",
                      help="only page N (1-based) of a multi-page input; default: all pages (JSON: a list)")
    _add_analysis_options(conv)
    conv.set_defaults(func=_convert)
    ev = sub.add_parser("eval", help="score output JSON against ground truth",
                        description="Score reconstructed pages (layoutkit JSON) against ground truth: gold YAML,\n"
                                    "PAGE XML or METS/ALTO. Prints the metrics, block F1 per type, a confusion\n"
                                    "table of types and the worst blocks (docs/evaluation.md).",
                        epilog=EVAL_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    ev.add_argument("output", help="output JSON, or with --dir a folder of NAME.json")
    ev.add_argument("gold", help="ground truth file, or with --dir a folder of them")
    ev.add_argument("--dir", action="store_true", help="score every page of a folder")
    ev.add_argument("--json", action="store_true", help="print JSON instead of tables")
    ev.add_argument("--gold-format", choices=GOLD_FORMATS, default="yaml",
                    help="ground truth format: yaml (gold YAML/JSON, default), page (PAGE XML), mets (METS+ALTO)")
    ev.add_argument("--gold-page", type=int, default=1, metavar="N",
                    help="with --gold-format mets: which page of the issue (1-based, default 1)")
    ev.add_argument("--page", type=int, metavar="N",
                    help="when OUTPUT is a JSON array of pages (a multi-page input): which one, 1-based")
    ev.add_argument("--map", action="append", metavar="TYPE=SCHEMA_TYPE",
                    help="with --gold-format page: read a region type as a schema type (repeatable)")
    ev.add_argument("--worst", type=int, default=10, metavar="N", help="list the N worst gold blocks (default 10)")
    ev.set_defaults(func=_eval)


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
    _add_analysis_options(bat)
    bat.set_defaults(func=_batch)
    _add_view_commands(sub)
    return parser


DRAW_EPILOG = """examples:
  layoutkit draw page.pdf -o page.png                    page 1 with its blocks' boxes
  layoutkit draw paper.pdf --page 3 -o p3.png            another page of a PDF
  layoutkit draw page.alto.xml -o page.png               boxes on a blank page of the page's size
  layoutkit draw page.alto.xml --background scan.jpg -o page.png   boxes over the scan

Boxes are coloured by block type and labelled A.B (article A, block B in reading order) or
Pn (page-level block n); arrows follow the reading order inside each article.
"""

REVIEW_EPILOG = """examples:
  layoutkit review fixtures/seed-zh.txt -o review.html   text lines coloured by their block
  layoutkit review page.pdf --page 2 -o review.html      page image and boxes beside the articles

The file is self-contained (no network): open it in any browser. Hover a block to see
where it came from.
"""

EXPLAIN_EPILOG = """examples:
  layoutkit explain fixtures/seed-zh.txt                 every block, its type and why
  layoutkit explain fixtures/seed-zh.txt --block b2      one block, with its full text
  layoutkit explain page.txt | less -R                   page through it
"""


def _view_common(p: argparse.ArgumentParser) -> None:
    p.add_argument("input", help="input file (text, PDF, ALTO, PAGE, hOCR), or - for stdin")
    p.add_argument("--page", type=int, default=1, metavar="N", help="page of a multi-page input, 1-based (default: 1)")
    p.add_argument("--profile", help=f"language profile: {', '.join(BUILTIN)} or a YAML file (default: detect)")


def _add_view_commands(sub: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    """``draw``, ``review`` and ``explain``: views of a reconstruction (``layoutkit.visual``)."""
    from .visual.draw import DrawParams

    defaults = DrawParams()
    draw = sub.add_parser("draw", help="draw the page with its blocks' boxes, coloured by type, as an image",
                          description="Draw one page with every block's box coloured by type, its place in "
                                      "reading order, and a legend (PNG, JPEG or WebP by the extension).",
                          epilog=DRAW_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    _view_common(draw)
    draw.add_argument("-o", "--output", required=True, help="image file to write (.png, .jpg, .webp)")
    draw.add_argument("--resolution", type=float, default=defaults.resolution, metavar="DPI",
                      help=f"dots per inch for a PDF page (default: {defaults.resolution:g})")
    draw.add_argument("--background", metavar="IMAGE", help="page image to draw on (the scan of an OCR page)")
    draw.add_argument("--no-legend", action="store_true", help="leave out the legend panel")
    draw.add_argument("--no-arrows", action="store_true", help="leave out the reading-order arrows")
    draw.set_defaults(func=_draw)
    review = sub.add_parser("review", help="write a self-contained HTML page: source beside the articles",
                            description="Write one HTML file showing the page's source (text lines, or boxes on "
                                        "the page) beside the reconstructed articles; hover to cross-highlight.",
                            epilog=REVIEW_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    _view_common(review)
    review.add_argument("-o", "--output", required=True, help="HTML file to write, or - for stdout")
    review.add_argument("--resolution", type=float, default=72.0, metavar="DPI",
                        help="dots per inch of the embedded PDF page image (default: 72)")
    review.add_argument("--background", metavar="IMAGE", help="page image to show under the boxes (a scan)")
    review.add_argument("--no-image", action="store_true", help="do not embed the PDF page image")
    review.set_defaults(func=_review)
    explain = sub.add_parser("explain", help="list every block's type and the rules that decided it",
                             description="For each block: its type, place in reading order, source lines, and "
                                         "the named rules and features that decided its type.",
                             epilog=EXPLAIN_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    _view_common(explain)
    explain.add_argument("--block", metavar="ID", help="explain only this block (e.g. b12), with its full text")
    explain.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                         help="bold rule names (default: auto, when writing to a terminal)")
    explain.set_defaults(func=_explain)


def _background(args: argparse.Namespace, loaded, resolution: float):
    """The page image for a view: ``--background``, else the PDF page itself, else None."""
    from .visual.background import image_file, pdf_page_image

    if args.background:
        return image_file(args.background)
    if loaded.page.source.format == "pdf":
        return pdf_page_image(loaded.data, loaded.page_number, resolution, path=loaded.path)
    return None


def _draw(args: argparse.Namespace) -> int:
    from .visual.draw import DrawParams, encode_image, image_format, render_overlay
    from .visual.load import load_page

    fmt = image_format(args.output)
    params = DrawParams(resolution=args.resolution, legend=not args.no_legend, arrows=not args.no_arrows)
    loaded = load_page(args.input, page=args.page, profile=args.profile)
    image = render_overlay(loaded.page, _background(args, loaded, params.resolution), params)
    write_atomic(args.output, encode_image(image, fmt))
    return EXIT_OK


def _review(args: argparse.Namespace) -> int:
    from .visual.draw import encode_image
    from .visual.load import load_page
    from .visual.review import review_html

    loaded = load_page(args.input, page=args.page, profile=args.profile)
    has_boxes = any(b.bbox is not None for b in loaded.page.iter_blocks())
    image = _background(args, loaded, args.resolution) if has_boxes and not args.no_image else None
    html = review_html(loaded.page, loaded.lines, image_png=encode_image(image) if image is not None else None)
    if args.output == "-":
        write_stdout(html)
    else:
        write_atomic(args.output, html)
    return EXIT_OK


def _explain(args: argparse.Namespace) -> int:
    import os
    import shutil

    from .visual.explain import explain_page
    from .visual.load import load_page

    loaded = load_page(args.input, page=args.page, profile=args.profile)
    # NO_COLOR (no-color.org) is read here, in the CLI, never inside the library.
    colour = args.color == "always" or (args.color == "auto" and sys.stdout.isatty() and "NO_COLOR" not in os.environ)
    width = shutil.get_terminal_size((100, 24)).columns
    write_stdout(explain_page(loaded.page, block=args.block, width=width, colour=colour))
    return EXIT_OK


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
