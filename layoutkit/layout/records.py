"""The layout analysis' records: a text line and a block of lines.

Plain frozen dataclasses in a module of their own: the analysis modules that build them
(``lines``, ``blocks``) may be compiled (``setup.py``), and a compiled class cannot
extend the plain ``model.Extent``; defined here they stay ordinary Python classes.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Extent


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
