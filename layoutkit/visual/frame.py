"""The page rectangle a view draws into, in the input's own units.

A reader that knows the page size puts it in ``Source.width/height`` (PDF points, ALTO
pixels or mm10). When it does not, the page is taken to end a little beyond the farthest
block box, so every box is on the canvas.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from ..errors import InputError
from ..model import BBox, Page


@dataclass(frozen=True, slots=True)
class PageFrame:
    """Page width and height in the input's units (``unit``), origin top-left."""

    width: float
    height: float
    unit: Optional[str]
    #: True when the size came from the reader, False when it was inferred from the boxes.
    known: bool

    def scale_to(self, pixels_wide: float) -> float:
        """Pixels per input unit for an image ``pixels_wide`` wide."""
        return pixels_wide / self.width


#: An inferred page extends this share of the farthest box beyond it (a margin).
INFERRED_MARGIN = 0.02


def page_frame(page: Page) -> PageFrame:
    """The page's frame; ``InputError`` when no block has a box (text input)."""
    boxes = [b.bbox for b in page.iter_blocks() if b.bbox is not None]
    if not boxes:
        raise InputError("no block has a bounding box (text input has no geometry; "
                         "`layoutkit review` shows a text page)", path=page.source.path)
    src = page.source
    if src.width and src.height and src.width > 0 and src.height > 0:
        return PageFrame(float(src.width), float(src.height), src.unit, True)
    extent = BBox.union_all(list(boxes))
    assert extent is not None
    return PageFrame(extent.x1 * (1 + INFERRED_MARGIN), extent.bottom * (1 + INFERRED_MARGIN), src.unit, False)
