"""One parameters object per stage, gathered in ``Params``.

Like pdfminer's ``LAParams``, every tolerance says its unit. Text tolerances are in *ems*:
one em is one CJK character or two half-width (Latin) characters, so a rule means the same
on a Chinese and a Latin page. Geometric tolerances are fractions of the page's body text
size, never raw points. The CLI reads its defaults from here so they cannot drift.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from typing import Any, Optional

from .errors import ParamsError


def _check_range(obj: object, name: str, lo: float, hi: float) -> None:
    value = getattr(obj, name)
    if not (lo <= value <= hi):
        raise ParamsError(f"{type(obj).__name__}.{name} = {value!r} is outside [{lo}, {hi}]")


#: The PDF backends (``ReadParams.pdf_backend``).
PDF_BACKENDS = ("pdfplumber", "pdfium")


@dataclass(frozen=True)
class ReadParams:
    """Reading and limits."""

    #: Refuse inputs with more lines than this (a safety limit for batch runs).
    max_lines: int = 200_000
    #: Refuse inputs larger than this many bytes.
    max_bytes: int = 64 * 1024 * 1024
    #: Force an encoding instead of sniffing one (text input only).
    encoding: Optional[str] = None
    #: Seconds one page may take (reading and analysis) before it is refused with
    #: ``LimitExceededError``; 0 disables the limit. The default is far above any real
    #: page (a 50,000-line page takes ~10 s) and stops a runaway input in a batch.
    page_timeout: float = 300.0
    #: PDF character extraction: "pdfplumber" or "pdfium" (pypdfium2, ~10x faster).
    pdf_backend: str = "pdfplumber"
    #: Refuse PDFs with more pages than this.
    max_pages: int = 10_000
    #: Refuse OCR XML with more elements than this (a 64 MB ALTO page has ~1.5 million).
    max_xml_elements: int = 5_000_000
    #: Drop the region types, articles and captions an OCR XML input declares (PAGE
    #: ``type``, hOCR classes, ALTO tags) and type every block by our own rules only.
    #: Region ids and reading order are still used: they are geometry, not typing.
    ignore_input_structure: bool = False

    def __post_init__(self) -> None:
        if self.pdf_backend not in PDF_BACKENDS:
            raise ParamsError(f"ReadParams.pdf_backend = {self.pdf_backend!r}: use {' or '.join(PDF_BACKENDS)}")
        _check_range(self, "max_lines", 1, 10**9)
        _check_range(self, "max_bytes", 1, 2**40)
        _check_range(self, "page_timeout", 0.0, 7 * 24 * 3600.0)
        _check_range(self, "max_xml_elements", 1, 10**9)


@dataclass(frozen=True)
class LayoutParams:
    """Layout analysis of PDF pages from character geometry (``layoutkit.layout``).

    Every distance is in ems of the text concerned (its font size), never in points::

        band_tolerance   |  centres of one row's chars differ by at most this
        split_gap        |  a wider gap on a row is a column gutter: the line ends
        space_gap        |  a Latin gap wider than this is a word space
        cjk_space_gap    |  between CJK chars only a gap this wide is a space
        line_gap         |  lines of one block are at most this far apart vertically
    """

    #: Fake-bold doubles: the same glyph again within this many ems.
    dedupe_tolerance: float = 0.15
    band_tolerance: float = 0.3
    split_gap: float = 1.2
    #: The same between Latin chars: drawn space glyphs bridge word gaps, and Latin columns
    #: sit closer (the Federal Register's gutters are 1.2 em).
    latin_split_gap: float = 0.8
    #: In the page's top margin zone (running head) a gap this many *body* ems wide
    #: separates items (folio, section name, date).
    head_split_gap: float = 1.5
    #: Chars whose sizes differ by more than this ratio are never on one line.
    size_jump: float = 1.4
    space_gap: float = 0.2
    cjk_space_gap: float = 0.4
    #: Vertical writing: centres of one vertical line's chars differ by at most this.
    vertical_align: float = 0.3
    #: ... and consecutive chars are at most this far apart.
    vertical_gap: float = 0.6
    vertical_min_chars: int = 2
    line_gap: float = 1.0
    #: A line indented by at most this many ems still continues the block above it.
    indent_max: float = 4.0
    #: Text at least this many times the page's body size is title material.
    title_ratio: float = 1.3
    #: Captions (``layout.captions``): a picture at least this many body sizes wide has
    #: captions (narrower ones are portraits, icons, logos) ...
    photo_min_width: float = 12.0
    #: ... the caption lies within this many of its ems of the picture ...
    caption_gap: float = 2.5
    #: ... and has at most this many lines;
    caption_max_lines: int = 5
    #: a credit line lies within this many ems under the caption, at most this many chars.
    credit_gap: float = 1.0
    credit_max_chars: int = 60

    def __post_init__(self) -> None:
        _check_range(self, "dedupe_tolerance", 0.0, 1.0)
        _check_range(self, "photo_min_width", 0.0, 1000.0)
        _check_range(self, "caption_gap", 0.0, 20.0)
        _check_range(self, "band_tolerance", 0.05, 1.0)
        _check_range(self, "split_gap", 0.3, 10.0)
        _check_range(self, "size_jump", 1.0, 10.0)
        _check_range(self, "line_gap", 0.0, 10.0)
        _check_range(self, "vertical_min_chars", 2, 100)


@dataclass(frozen=True)
class ColumnParams:
    """Splitting the line stream into regions of one column width.

    ::

        |-------- full width W --------|     lines within ``full_tolerance`` ems of W
        |   first line (W - indent)    |     are "full"; a run of full lines whose W
        |------------------------------|     differs from the current region's by more
        |--- last line ---|                  than ``width_change`` ems starts a region
    """

    #: A line this many ems shorter than the region's width still counts as full.
    full_tolerance: float = 1.0
    #: Sorted region measures more than this many ems apart start a new column family.
    width_change: float = 1.0
    #: Lines needed before a new width is trusted (shorter runs stay in the current region).
    min_run: int = 2

    def __post_init__(self) -> None:
        _check_range(self, "full_tolerance", 0.0, 10.0)
        _check_range(self, "width_change", 0.1, 50.0)
        _check_range(self, "min_run", 1, 100)


@dataclass(frozen=True)
class ReflowParams:
    """Joining hard-wrapped lines and finding paragraph breaks."""

    #: A first line at least this many ems shorter than full marks a lost indent.
    indent_min: float = 1.0
    #: ... and at most this many (a longer deficit is a short line, not an indent).
    indent_max: float = 4.5
    #: Remove spaces between CJK characters when at least this share of a line's CJK
    #: tokens are single characters (justification letter-spacing).
    letterspace_share: float = 0.6
    #: A letter-spaced (justification-spread) line at least this many ems short of its
    #: measure is an indented paragraph start (``spread-indent``): spreading fills a line
    #: that lost the one or two characters a line-break rule pushed to the next line, so
    #: a spread line short by more than that kept room for an indent. Shorter spread
    #: lines count as full, as before.
    spread_indent_min: float = 2.1
    #: Remove fake-bold doubled runs (``理论理论`` -> ``理论``) in short lines.
    dedupe_fake_bold: bool = True
    #: Join a paragraph cut by a blank line when it runs on (column or text-box break).
    repair_blank_breaks: bool = True
    #: Decide Latin line-end hyphens with the page's vocabulary (``dehyphenate``); when
    #: False, page vocabulary is not consulted and only the rules apply.
    dehyphenate: bool = True
    #: Inside a Latin text box (blank lines around it) a short line ends its paragraph
    #: only when it is shorter than this share of the measure (ratio); datelines,
    #: headings and item marks always split. Proportional type makes longer "short"
    #: lines unreliable. Measured on the reichsanzeiger and chronicling-germany dev
    #: cases (.txt break F1): 0.4 -> 0.809, 0.6 -> 0.828, 0.7 -> 0.831, 0.8 -> 0.79.
    latin_break_ratio: float = 0.6
    #: Take OCR noise lines (``noise.is_noise``) out of the Latin paragraph they interrupt
    #: and emit them as their own block after it (``ocr-noise-line``). When False, a noise
    #: line stays inside its paragraph (characters are never dropped either way).
    noise_aside: bool = False
    #: Extra known words (any case) for dehyphenation, e.g. read from a word list with
    #: ``dehyphenate.read_wordlist``: ``Har``/``bor`` joins when ``harbor`` is among them.
    extra_words: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        _check_range(self, "indent_min", 0.0, 10.0)
        _check_range(self, "indent_max", 0.0, 20.0)
        _check_range(self, "spread_indent_min", 0.0, 20.0)
        _check_range(self, "letterspace_share", 0.0, 1.0)
        _check_range(self, "latin_break_ratio", 0.0, 1.0)


@dataclass(frozen=True)
class ClassifyParams:
    """Typing blocks."""

    #: Title-like lines are at most this share of the column width ... (ratio)
    title_max_width: float = 0.95
    #: ... and at most this many ems long.
    title_max_ems: float = 40.0
    #: Headers/footers are looked for in this many first/last lines of the page.
    header_zone_lines: int = 6

    def __post_init__(self) -> None:
        _check_range(self, "title_max_width", 0.1, 2.0)
        _check_range(self, "header_zone_lines", 0, 100)


@dataclass(frozen=True)
class OrthographyParams:
    """The output's letterforms (``orthography``)."""

    #: Map historical letterforms to modern ones (``ſ`` -> ``s``, ``ꝛ`` -> ``r``, ``⸗`` ->
    #: ``-``, ``uͤ`` -> ``ü``), each change recorded in reasons. Off: the page's own forms.
    modernize: bool = False


@dataclass(frozen=True)
class ArticleParams:
    """Grouping blocks into articles."""

    #: Title clusters may come before ("before"), after ("after") their body, or the
    #: direction is detected from the page ("auto").
    title_position: str = "auto"

    def __post_init__(self) -> None:
        if self.title_position not in ("auto", "before", "after"):
            raise ParamsError(f"ArticleParams.title_position = {self.title_position!r}: use auto, before or after")


@dataclass(frozen=True)
class Params:
    """All stage parameters. ``Params()`` gives the documented defaults."""

    read: ReadParams = field(default_factory=ReadParams)
    columns: ColumnParams = field(default_factory=ColumnParams)
    layout: LayoutParams = field(default_factory=LayoutParams)
    reflow: ReflowParams = field(default_factory=ReflowParams)
    classify: ClassifyParams = field(default_factory=ClassifyParams)
    articles: ArticleParams = field(default_factory=ArticleParams)
    orthography: OrthographyParams = field(default_factory=OrthographyParams)

    def with_(self, **stages: Any) -> "Params":
        """A copy with some stages replaced: ``Params().with_(reflow=ReflowParams(...))``."""
        names = {f.name for f in fields(self)}
        for key in stages:
            if key not in names:
                raise ParamsError(f"Params has no stage {key!r} (stages: {', '.join(sorted(names))})")
        return replace(self, **stages)



#: ``Params()``, made on first use (``default_params``).
_DEFAULTS: list[Params] = []


def default_params() -> Params:
    """``Params()``, made once per process: what a call without ``params`` runs with.
    Building it runs every stage's ``__post_init__`` range checks, about 40 µs, which
    ``parse_bytes`` and ``run_lines`` paid on every page. Every params object is frozen
    and holds only numbers, strings and tuples, so one shared instance is the same
    thing as a fresh one."""
    if not _DEFAULTS:
        _DEFAULTS.append(Params())
    return _DEFAULTS[0]

#: Extensions taken when ``layoutkit batch`` walks a folder (files named on the command
#: line or matched by a glob are always taken: the format is sniffed from the content).
BATCH_EXTENSIONS = (".txt", ".pdf", ".xml", ".alto", ".hocr", ".html", ".htm")


@dataclass(frozen=True)
class BatchParams:
    """Batch runs (``layoutkit batch``, ``layoutkit.batch.run_batch``, ``layoutkit.dask``).

    Not a field of ``Params``: these say how to schedule pages, not how to analyse one,
    and ``Params`` travels to every worker unchanged.
    """

    #: Worker processes; None: the machine's CPU count.
    workers: Optional[int] = None
    #: Seconds one page may take (reading included) before its worker process is killed
    #: and replaced and the page reported as failed; None: no limit. The default is far
    #: above any sane page (the slowest seen, a scanned PDF page, takes ~1 s) and only
    #: stops a hang from holding a worker for ever.
    timeout: Optional[float] = 600.0
    #: Redo pages whose output exists and is newer than the input.
    force: bool = False
    #: Extensions (lower case, with the dot) taken when walking a folder.
    extensions: tuple[str, ...] = BATCH_EXTENSIONS
    #: How worker processes start: None picks ``fork`` on Linux (fast; readers registered
    #: at run time are inherited) and ``spawn`` elsewhere. Use ``spawn`` or ``forkserver``
    #: when calling ``run_batch`` from a program that runs threads (forking those is unsafe).
    start_method: Optional[str] = None

    def __post_init__(self) -> None:
        if self.start_method not in (None, "fork", "spawn", "forkserver"):
            raise ParamsError(f"BatchParams.start_method = {self.start_method!r}: use fork, spawn or forkserver")
        if self.workers is not None:
            _check_range(self, "workers", 1, 4096)
        if self.timeout is not None:
            _check_range(self, "timeout", 0.001, 10**7)

    @property
    def worker_count(self) -> int:
        """The number of worker processes to start."""
        import os

        return self.workers or os.cpu_count() or 1
