"""The layout analysis' records: a text line and a block of lines.

Plain frozen dataclasses in a module of their own: the analysis modules that build them
(``lines``, ``blocks``) may be compiled (``setup.py``), and a compiled class cannot
extend the plain ``model.Extent``; defined here they stay ordinary Python classes.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from itertools import repeat
from typing import Callable, Sequence

from ..model import Extent
from ..slotbuild import slot_setters


@dataclass(frozen=True, slots=True)
class TextLine(Extent):
    """One line of text with its geometry and dominant font."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    font: str
    bold: bool
    italic: bool
    vertical: bool = False
    nchars: int = 0

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(frozen=True, slots=True)
class TextBlock(Extent):
    """Lines of one block in reading order, with the block's box."""

    lines: tuple[TextLine, ...]
    x0: float
    top: float
    x1: float
    bottom: float
    vertical: bool = False
    reasons: tuple[str, ...] = ()
    #: "page-head" / "page-foot" for blocks in the page margins (see ``order``), else "".
    zone: str = ""
    #: The block's text size: the median of its lines' sizes (the upper one of an even
    #: count). Computed once when the block is made (``block_size``), not per question:
    #: captions, title clusters and the caption search ask it of every block, several
    #: times (it was a property sorting the sizes on every call: 7,800 calls a scanned page).
    size: float = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "size", block_size(self.lines))


def block_size(lines: tuple[TextLine, ...]) -> float:
    """The median of the lines' sizes (the upper one of an even count); 0 for no lines
    (the layout never makes such a block)."""
    if len(lines) <= 1:
        return lines[0].size if lines else 0.0
    sizes = sorted([ln.size for ln in lines])
    return sizes[len(sizes) // 2]


def _line_maker() -> Callable[..., TextLine]:
    """``make_line``: a ``TextLine`` made by ``object.__new__`` and its slot setters (a
    third of the frozen dataclass ``__init__``'s time: no ``object.__setattr__`` by name
    per field), or the class itself when the fields are not plain slots."""
    setters = slot_setters(TextLine, ("text", "x0", "top", "x1", "bottom", "size", "font", "bold", "italic",
                                      "vertical", "nchars"))
    if setters is None:
        return TextLine
    s_text, s_x0, s_top, s_x1, s_bottom, s_size, s_font, s_bold, s_italic, s_vertical, s_nchars = setters
    new = object.__new__

    def make_line(text: str, x0: float, top: float, x1: float, bottom: float, size: float, font: str, bold: bool,
                  italic: bool, vertical: bool, nchars: int) -> TextLine:
        line: TextLine = new(TextLine)
        s_text(line, text)
        s_x0(line, x0)
        s_top(line, top)
        s_x1(line, x1)
        s_bottom(line, bottom)
        s_size(line, size)
        s_font(line, font)
        s_bold(line, bold)
        s_italic(line, italic)
        s_vertical(line, vertical)
        s_nchars(line, nchars)
        return line

    return make_line


#: ``TextLine(text, x0, top, x1, bottom, size, font, bold, italic, vertical, nchars)``, all
#: fields given by position: the line builders make one per line of the page.
make_line = _line_maker()


def make_blocks(lines: Sequence[tuple[TextLine, ...]], x0s: Sequence[float], tops: Sequence[float],
                x1s: Sequence[float], bottoms: Sequence[float], vertical: bool,
                reasons: Sequence[tuple[str, ...]]) -> list[TextBlock]:
    """``[TextBlock(ls, x0, top, x1, bottom, vertical, why) ...]`` for a page's blocks at
    once: the objects made and each slot filled by one C-level ``map`` over all of them
    (``slotbuild``) instead of a dataclass ``__init__`` (eight ``object.__setattr__``
    calls) and a ``__post_init__`` per block (an OCR page has ~2,000 blocks)."""
    n = len(lines)
    if _SETTERS is None:  # (the fields are not plain slots: build through the class)
        return [TextBlock(*row, vertical, why) for *row, why in zip(lines, x0s, tops, x1s, bottoms, reasons)]
    out: list[TextBlock] = list(map(_new, repeat(TextBlock, n)))
    values = (lines, x0s, tops, x1s, bottoms, repeat(vertical, n), reasons, repeat("", n), map(block_size, lines))
    for setter, column in zip(_SETTERS, values):
        any(map(setter, out, column))  # (setters return None: ``any`` runs them all)
    return out


_new = object.__new__
#: The slot setters of ``TextBlock``'s fields, in ``make_blocks``' order.
_SETTERS = slot_setters(TextBlock, ("lines", "x0", "top", "x1", "bottom", "vertical", "reasons", "zone", "size"))
