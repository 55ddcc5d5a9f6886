"""The layout analysis' records: a text line and a block of lines.

Plain frozen dataclasses in a module of their own: the analysis modules that build them
(``lines``, ``blocks``) may be compiled (``setup.py``), and a compiled class cannot
extend the plain ``model.Extent``; defined here they stay ordinary Python classes.
"""
from __future__ import annotations

from dataclasses import dataclass

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

    @property
    def size(self) -> float:
        sizes = sorted(ln.size for ln in self.lines)
        return sizes[len(sizes) // 2]
