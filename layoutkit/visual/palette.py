"""One colour per block type, shared by the overlay image and the HTML review so a reader
learns it once.

The first eight follow the Okabe-Ito palette (distinguishable with the common colour-vision
deficiencies); page furniture (header, footer) is grey so it recedes. The colours are
exact sRGB triples: the overlay draws box outlines in them opaquely, which is what lets a
test find a block by its colour.
"""
from __future__ import annotations

from typing import Mapping

from ..model import BLOCK_TYPES

RGB = tuple[int, int, int]

TYPE_COLOURS: Mapping[str, RGB] = {
    "headline": (213, 94, 0),       # vermillion
    "subheadline": (230, 159, 0),   # orange
    "byline": (0, 158, 115),        # bluish green
    "dateline": (86, 180, 233),     # sky blue
    "body": (0, 114, 178),          # blue
    "intertitle": (204, 121, 167),  # reddish purple
    "caption": (117, 82, 179),      # violet
    "credit": (120, 160, 20),       # olive green
    "header": (128, 128, 128),      # grey
    "footer": (88, 88, 88),         # dark grey
    "other": (150, 100, 40),        # brown
}
assert set(TYPE_COLOURS) == set(BLOCK_TYPES), "every block type needs a colour"

#: Colour of anything whose type this version does not know (a newer model, a plugin).
UNKNOWN: RGB = (0, 0, 0)


def type_colour(block_type: str) -> RGB:
    return TYPE_COLOURS.get(block_type, UNKNOWN)


def css_class(block_type: str) -> str:
    """The CSS class of a block type (``t-body``); unknown types share ``t-unknown`` so a
    type string never reaches the HTML as markup."""
    return f"t-{block_type}" if block_type in TYPE_COLOURS else "t-unknown"


def hex_colour(rgb: RGB) -> str:
    return "#%02x%02x%02x" % rgb
