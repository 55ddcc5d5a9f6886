"""The data model shared by every stage: frozen dataclasses, one coordinate convention.

Data flows one way::

    reader -> Line* -> Region* (columns) -> Paragraph* (reflow) -> Block* (classify)
           -> Article* (articles) -> Page -> serializer

Coordinates: every ``BBox`` is ``(x0, top, x1, bottom)`` with the origin at the top-left of
the page and y growing downwards (pdfplumber's convention). The unit is whatever the input
uses (PDF points, ALTO pixels/mm10/inch1200); ``Source.unit`` names it. Text inputs have no
geometry and every bbox is ``None``.
"""
from __future__ import annotations

from json.encoder import encode_basestring as _json_str

from .jsontext import Unsupported, dumps, scalar as _json_scalar, write as _json_write
from .slotbuild import twin_fits
from dataclasses import MISSING, dataclass, fields, replace
from operator import attrgetter
from itertools import repeat
from typing import Any, Callable, Literal, Optional, Sequence, TypeVar

SCHEMA_VERSION = "2.0"

_D = TypeVar("_D")

BlockType = Literal[
    "headline", "subheadline", "byline", "dateline", "body", "intertitle",
    "caption", "credit", "header", "footer", "other",
]
BLOCK_TYPES: tuple[str, ...] = (
    "headline", "subheadline", "byline", "dateline", "body", "intertitle",
    "caption", "credit", "header", "footer", "other",
)
#: Types that live at page level (``Page.blocks``) rather than inside an article.
PAGE_LEVEL_TYPES: frozenset[str] = frozenset({"header", "footer"})

ArticleKind = Literal["article", "photo", "other"]


class Extent:
    """Width and height of anything with ``x0``, ``top``, ``x1`` and ``bottom`` (a mixin
    without state, shared by ``BBox`` and the layout analysis' lines and blocks)."""

    __slots__ = ()

    @property
    def width(self) -> float:
        return self.x1 - self.x0  # type: ignore[attr-defined, no-any-return]

    @property
    def height(self) -> float:
        return self.bottom - self.top  # type: ignore[attr-defined, no-any-return]


@dataclass(frozen=True, slots=True)
class BBox(Extent):
    """An axis-aligned box: ``x0 <= x1``, ``top <= bottom``, origin top-left."""

    x0: float
    top: float
    x1: float
    bottom: float

    def union(self, other: Optional["BBox"]) -> "BBox":
        if other is None:
            return self
        return BBox(min(self.x0, other.x0), min(self.top, other.top),
                    max(self.x1, other.x1), max(self.bottom, other.bottom))

    def to_list(self) -> list[float]:
        return [round(self.x0, 2), round(self.top, 2), round(self.x1, 2), round(self.bottom, 2)]

    @staticmethod
    def union_all(boxes: "list[Optional[BBox]]") -> Optional["BBox"]:
        out: Optional[BBox] = None
        for b in boxes:
            if b is not None:
                out = b if out is None else out.union(b)
        return out


@dataclass(frozen=True, slots=True)
class Line:
    """One printed line as the reader saw it.

    ``number`` is the 1-based index of the line in the source (for text input: the line
    number in the file; for geometric input: the order in which the reader emitted it).
    A text input's blank line is a ``Line`` whose ``text`` is empty: blank lines carry
    information (text-box boundaries) and keep line numbers aligned with the file.
    The optional fields are filled by geometric readers only.
    """

    text: str
    number: int
    bbox: Optional[BBox] = None
    font_size: Optional[float] = None
    bold: Optional[bool] = None
    italic: Optional[bool] = None
    font: Optional[str] = None
    #: Id of the input's own text region (ALTO TextBlock, PAGE TextRegion, hOCR carea/par).
    region: Optional[str] = None
    #: The input's own type for that region (PAGE ``type``, hOCR class), a hint only.
    region_type: Optional[str] = None
    #: True when the input itself marks the line's last word as hyphenated (ALTO ``HYP``).
    hyphenated: bool = False
    #: The full form of the hyphenated last word when the input gives it (ALTO SUBS_CONTENT).
    hyphen_word: Optional[str] = None
    #: Mean OCR word confidence in [0, 1] when the input gives it.
    confidence: Optional[float] = None
    page: int = 1
    #: The article the input itself assigns the line to (our own ALTO/PAGE export), a hint.
    article: Optional[str] = None

    @property
    def is_blank(self) -> bool:
        return not self.text.strip()


class _LineInit:
    """A mutable twin of ``Line``'s slot layout, for ``text_lines``: its plain ``__init__``
    stores the fields with the interpreter's fast slot stores (``Line``'s frozen
    ``__setattr__`` forbids them), and the finished object then becomes a ``Line`` by
    ``__class__`` assignment (allowed: the two classes have the same slots, in the same
    order, on the same base). The defaults below must be ``Line``'s: ``_text_lines_factory``
    checks that they are, and that every slot is set, before using the twin."""

    __slots__ = Line.__slots__  # type: ignore[attr-defined]

    def __init__(self, text: str, number: int, page: int) -> None:
        self.text = text
        self.number = number
        self.bbox = None
        self.font_size = None
        self.bold = None
        self.italic = None
        self.font = None
        self.region = None
        self.region_type = None
        self.hyphenated = False
        self.hyphen_word = None
        self.confidence = None
        self.page = page
        self.article = None


def _text_lines_factory() -> Callable[[Sequence[str], int, int], list[Line]]:
    """``text_lines``: the ``Line``s of a page of text input, built without the dataclass
    ``__init__``.

    A reader makes one ``Line`` per input line, and the frozen dataclass ``__init__``
    goes through ``object.__setattr__`` for every one of its fourteen fields (about 8 µs a
    line). ``_LineInit`` sets them with plain slot stores and hands its object over to
    ``Line`` (about 1.5 µs). The twin is checked once against ``Line(...)`` here: should
    ``Line`` gain a field or change a default the twin does not know, the check fails and
    the factory fills each field of the whole page with one ``map`` of its slot
    descriptor's setter (a C-level loop; ``any`` drives it, as a setter returns None), or,
    for a field without a plain default, builds each ``Line`` itself."""
    specs = fields(Line)
    probe = _LineInit("x", 7, 3)
    try:
        probe.__class__ = Line  # type: ignore[assignment]
        twin_ok = all(getattr(probe, f.name) == getattr(Line("x", 7, page=3), f.name) for f in specs)
    except (AttributeError, TypeError):
        twin_ok = False
    if twin_ok:
        make, line_class = _LineInit, Line

        def twin(texts: Sequence[str], first: int = 1, page: int = 1) -> list[Line]:
            # (the twins made by one C-level ``map``, then handed over one by one)
            out: list[Line] = list(map(make, texts, range(first, first + len(texts)), repeat(page)))  # type: ignore[arg-type]
            for obj in out:
                obj.__class__ = line_class  # type: ignore[assignment]
            return out

        return twin
    if any(f.default is MISSING and f.name not in ("text", "number") for f in specs):
        def plain(texts: Sequence[str], first: int = 1, page: int = 1) -> list[Line]:
            return [Line(t, n, page=page) for n, t in enumerate(texts, start=first)]

        return plain
    new = object.__new__
    set_text, set_number, set_page = (Line.__dict__[n].__set__ for n in ("text", "number", "page"))  # type: ignore[attr-defined]
    defaults = tuple((Line.__dict__[f.name].__set__, f.default) for f in specs  # type: ignore[attr-defined]
                     if f.name not in ("text", "number", "page"))

    def text_lines(texts: Sequence[str], first: int = 1, page: int = 1) -> list[Line]:
        n = len(texts)
        out: list[Line] = list(map(new, repeat(Line, n)))
        any(map(set_text, out, texts))
        any(map(set_number, out, range(first, first + n)))
        any(map(set_page, out, repeat(page, n)))
        for set_field, value in defaults:
            any(map(set_field, out, repeat(value, n)))
        return out

    return text_lines


#: ``text_lines(texts, first=1, page=1)`` equals ``[Line(t, first + k, page=page) for k, t
#: in enumerate(texts)]``, built faster (see ``_text_lines_factory``): a reader's page.
text_lines = _text_lines_factory()


#: Per dataclass: a getter of all its field values, each field's position, and whether
#: every field is an ``__init__`` parameter (``evolve``).
_EVOLVE: dict[type, tuple[Callable[[Any], tuple[Any, ...]], dict[str, int], bool]] = {}


def evolve(obj: _D, **changes: Any) -> _D:
    """``dataclasses.replace(obj, **changes)``, about a third cheaper: stages retype and
    renumber every block, and ``replace`` walks the class's ``fields()`` and passes every
    value by keyword on each call. Here the field names are read once per class and the
    values are passed by position. Classes with a field outside ``__init__`` or a
    keyword-only field go to ``replace`` itself."""
    cls = type(obj)
    spec = _EVOLVE.get(cls)
    if spec is None:
        specs = fields(obj)  # type: ignore[arg-type]
        names = tuple(f.name for f in specs)
        getter = attrgetter(*names) if len(names) > 1 else (lambda o: (getattr(o, names[0]),))
        spec = _EVOLVE[cls] = (getter, {n: i for i, n in enumerate(names)},
                               all(f.init and not f.kw_only for f in specs))
    getter, index, plain = spec
    if not plain:
        return replace(obj, **changes)  # type: ignore[type-var]
    values = list(getter(obj))
    for name, value in changes.items():
        values[index[name]] = value
    return cls(*values)


@dataclass(frozen=True, slots=True)
class Region:
    """A run of lines that belong together physically: a text box, one column's stretch of
    one article, or an input region. ``width`` is the region's full line width: display
    cells for text input, input units for geometric input."""

    lines: tuple[Line, ...]
    width: float
    id: Optional[str] = None
    bbox: Optional[BBox] = None
    region_type: Optional[str] = None
    #: Why the column stage drew this region's edges (for ``explain``).
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Paragraph:
    """Reflowed text of consecutive lines of one region (before typing)."""

    text: str
    lines: tuple[Line, ...]
    region_width: float
    region_index: int
    #: True when the first line is indented or short: a paragraph start; False when the
    #: paragraph may be the continuation of the previous region's last paragraph.
    starts_fresh: bool = True
    #: True when the last line is full width with no terminal punctuation: continues later.
    runs_on: bool = False
    reasons: tuple[str, ...] = ()
    bbox: Optional[BBox] = None
    #: True when the paragraph is all there is of its text box (nothing before or after
    #: it in the box, nothing joined to it): a standalone line such as a page header.
    whole_region: bool = False

    @property
    def first_line(self) -> int:
        return self.lines[0].number

    @property
    def last_line(self) -> int:
        return self.lines[-1].number


class _ParagraphInit:
    """A mutable twin of ``Paragraph``'s slot layout, as ``_LineInit`` is of ``Line``'s:
    its plain ``__init__`` stores the nine fields with the interpreter's slot stores, and
    the object becomes a ``Paragraph`` by ``__class__`` assignment (``paragraph-twin``:
    about half the cost of filling the slots through their descriptors' setters, which
    reflow did before, and a third of the frozen dataclass ``__init__``). Used only when
    ``_paragraph_twin`` finds that it makes exactly a ``Paragraph``."""

    __slots__ = Paragraph.__slots__  # type: ignore[attr-defined]

    def __init__(self, text: str, lines: tuple[Line, ...], region_width: float, region_index: int,
                 starts_fresh: bool, runs_on: bool, reasons: tuple[str, ...], bbox: Optional[BBox],
                 whole_region: bool) -> None:
        self.text = text
        self.lines = lines
        self.region_width = region_width
        self.region_index = region_index
        self.starts_fresh = starts_fresh
        self.runs_on = runs_on
        self.reasons = reasons
        self.bbox = bbox
        self.whole_region = whole_region


def _paragraph_twin() -> Optional[type]:
    """``_ParagraphInit`` when an object it makes, given ``Paragraph``'s fields in their
    order, becomes by ``__class__`` assignment a ``Paragraph`` with exactly those fields
    (``slotbuild.twin_fits``, on a probe whose nine values all differ); None otherwise
    (callers then build ``Paragraph``s as before)."""
    args = ("text", ("line",), 2.5, 3, "fresh", "runs on", ("reason",), "bbox", "whole")
    return _ParagraphInit if twin_fits(_ParagraphInit, Paragraph, args) else None


#: ``PARAGRAPH_TWIN(*fields)`` followed by ``obj.__class__ = Paragraph`` makes
#: ``Paragraph(*fields)`` (``paragraph-twin``); None when the twin does not fit.
PARAGRAPH_TWIN = _paragraph_twin()


@dataclass(frozen=True, slots=True)
class Block:
    """A typed block of text: one paragraph, headline, byline, caption, ..."""

    type: str
    text: str
    lines: tuple[int, int]
    role: Optional[str] = None
    bbox: Optional[BBox] = None
    reasons: tuple[str, ...] = ()
    id: str = ""
    page: int = 1

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "type": self.type, "role": self.role, "text": self.text,
                               "lines": [self.lines[0], self.lines[1]]}
        if self.bbox is not None:
            out["bbox"] = self.bbox.to_list()
        out["reasons"] = list(self.reasons)
        return out


@dataclass(frozen=True, slots=True)
class Byline:
    """A person credited by a byline block: ``role`` (本报记者, By, 通讯员) and ``name``."""

    name: str
    role: Optional[str] = None

    def to_dict(self) -> dict[str, Any]:
        return {"role": self.role, "name": self.name}


@dataclass(frozen=True, slots=True)
class Article:
    id: str
    kind: str
    blocks: tuple[Block, ...]
    headline: Optional[str] = None
    bylines: tuple[Byline, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "headline": self.headline,
                "bylines": [b.to_dict() for b in self.bylines],
                "blocks": [b.to_dict() for b in self.blocks]}


@dataclass(frozen=True, slots=True)
class Source:
    """Where a page came from."""

    format: str
    path: Optional[str] = None
    sha256: Optional[str] = None
    page: Optional[int] = None
    #: Unit of every bbox (``pt``, ``pixel``, ``mm10``, ``inch1200``); None for text input.
    unit: Optional[str] = None
    width: Optional[float] = None
    height: Optional[float] = None
    encoding: Optional[str] = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"path": self.path, "format": self.format, "sha256": self.sha256}
        for key in ("page", "unit", "width", "height", "encoding"):
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        return out


@dataclass(frozen=True, slots=True)
class Page:
    """A reconstructed page: its articles in reading order (page furniture printed among
    them is an article of kind ``other``) and the page-level blocks that follow them."""

    source: Source
    language: str
    articles: tuple[Article, ...]
    blocks: tuple[Block, ...] = ()
    warnings: tuple[str, ...] = ()
    profile: str = "default"

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "source": self.source.to_dict(),
            "language": self.language,
            "profile": self.profile,
            "articles": [a.to_dict() for a in self.articles],
            "blocks": [b.to_dict() for b in self.blocks],
            "warnings": list(self.warnings),
        }

    def to_json(self, *, indent: Optional[int] = 1) -> str:
        # json.dumps(self.to_dict(), ensure_ascii=False, indent=indent), built directly
        # (``page-json-direct``: from the records, ``_page_json``; or ``jsontext``)
        if indent is not None:
            try:
                return _page_json(self, indent if isinstance(indent, str) else " " * indent)
            except (Unsupported, TypeError, RecursionError):
                pass  # (a value of another type somewhere: the plain values decide)
        return dumps(self.to_dict(), indent=indent)

    def iter_blocks(self):
        """Every block of the page: article blocks in reading order, then page-level ones."""
        for article in self.articles:
            yield from article.blocks
        yield from self.blocks


def _page_json(page: Page, step: str) -> str:
    """``jsontext.dumps(page.to_dict(), indent=step)`` written from the records themselves
    (``page-json-direct``): a page's JSON is mostly its blocks (the seed page: 53 of its
    60 records, 480 of its 609 values), and ``to_dict`` builds a dict and two or three
    lists per block only for ``dumps`` to walk them again, value by value. Here a block's
    text is one join of its pieces: the constant ones (keys, separators, indents) made
    once per depth (``_BlockPieces``), its strings escaped by the encoder ``dumps`` uses.

    Raises ``jsontext.Unsupported`` or ``TypeError`` (the escaper given something not a
    string) when some value is not of the type the records declare, or a record is of a
    subclass (its ``to_dict`` may differ): ``Page.to_json`` then writes ``to_dict``'s
    values with ``dumps``, so the text is always what ``dumps`` writes for them."""
    if type(page) is not Page or type(page.source) is not Source:
        raise Unsupported
    out: list[str] = []
    n1 = "\n" + step
    n2 = n1 + step
    n3 = n2 + step
    n4 = n3 + step
    enc = _json_str
    out.append("{" + n1 + '"schema_version": ' + enc(SCHEMA_VERSION) + "," + n1 + '"source": ')
    _json_write(page.source.to_dict(), n1, step, out)
    out.append("," + n1 + '"language": ' + enc(page.language) + "," + n1 + '"profile": ' + enc(page.profile)
               + "," + n1 + '"articles": ')
    if page.articles:
        article_blocks = _BlockPieces(n3, step)
        before = "[" + n2
        for a in page.articles:
            if type(a) is not Article:
                raise Unsupported
            out.append(before + "{" + n3 + '"id": ' + enc(a.id) + "," + n3 + '"kind": ' + enc(a.kind) + ","
                       + n3 + '"headline": ' + ("null" if a.headline is None else enc(a.headline)) + ","
                       + n3 + '"bylines": ')
            if a.bylines:
                sep = "[" + n4
                for b in a.bylines:
                    if type(b) is not Byline:
                        raise Unsupported
                    out.append(sep + "{" + n4 + step + '"role": ' + ("null" if b.role is None else enc(b.role))
                               + "," + n4 + step + '"name": ' + enc(b.name) + n4 + "}")
                    sep = "," + n4
                out.append(n3 + "]")
            else:
                out.append("[]")
            out.append("," + n3 + '"blocks": ')
            article_blocks.write(a.blocks, out)
            out.append(n2 + "}")
            before = "," + n2
        out.append(n1 + "]")
    else:
        out.append("[]")
    out.append("," + n1 + '"blocks": ')
    _BlockPieces(n1, step).write(page.blocks, out)
    out.append("," + n1 + '"warnings": ')
    _json_write(list(page.warnings), n1, step, out)
    out.append("\n}")
    return "".join(out)


class _BlockPieces:
    """The constant pieces of the JSON text of a list of blocks written at the indent
    ``nl`` (a line break and the indent of the list itself), and its writer."""

    __slots__ = ("start", "id", "type", "role", "text", "lines", "item", "bbox", "close", "reasons", "no_reasons",
                 "end", "next", "stop")

    def __init__(self, nl: str, step: str) -> None:
        n0 = nl + step  # the blocks
        n1 = n0 + step  # a block's keys
        n2 = n1 + step  # the items of its lists
        self.start = "[" + n0
        self.id = "{" + n1 + '"id": '
        self.type = "," + n1 + '"type": '
        self.role = "," + n1 + '"role": '
        self.text = "," + n1 + '"text": '
        self.lines = "," + n1 + '"lines": [' + n2
        self.item = "," + n2
        self.bbox = n1 + "]," + n1 + '"bbox": [' + n2
        self.close = n1 + "]"
        self.reasons = "," + n1 + '"reasons": [' + n2
        self.no_reasons = "," + n1 + '"reasons": []'
        self.end = n0 + "}"
        self.next = "," + n0
        self.stop = nl + "]"

    def write(self, blocks: Sequence["Block"], out: list[str]) -> None:
        """Append the JSON text of the list ``blocks`` (opened where ``out`` ends)."""
        if not blocks:
            out.append("[]")
            return
        enc = _json_str
        item, close = self.item, self.close
        before = self.start
        for b in blocks:
            if type(b) is not Block:
                raise Unsupported
            first, last = b.lines[0], b.lines[1]
            bbox = b.bbox
            if bbox is None:
                box = close
            elif type(bbox) is BBox:
                x0, top, x1, bottom = bbox.to_list()
                box = (self.bbox + _json_scalar(x0) + item + _json_scalar(top) + item + _json_scalar(x1) + item
                       + _json_scalar(bottom) + close)
            else:
                raise Unsupported
            reasons = b.reasons
            out.append("".join((
                before, self.id, enc(b.id), self.type, enc(b.type), self.role,
                "null" if b.role is None else enc(b.role), self.text, enc(b.text), self.lines,
                int.__repr__(first) if type(first) is int else _json_scalar(first), item,
                int.__repr__(last) if type(last) is int else _json_scalar(last), box,
                (self.reasons + item.join(map(enc, reasons)) + close) if reasons else self.no_reasons,
                self.end)))
            before = self.next
        out.append(self.stop)
