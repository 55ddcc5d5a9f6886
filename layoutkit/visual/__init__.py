"""Views of a reconstruction for people checking it: a page overlay image (``draw``), a
self-contained HTML review page (``review``) and a terminal explanation of every block's
type (``explain``).

Everything here works from the ``Page`` model alone (plus, optionally, the reader's source
lines and a page image), so it serves every reader that fills ``Block.bbox`` and
``Source.width/height/unit``. Pillow and pdfplumber are imported lazily, inside the
functions that draw or rasterise, so ``import layoutkit`` stays cheap.
"""
from __future__ import annotations

from .draw import DrawParams, render_overlay
from .explain import explain_page
from .frame import PageFrame, page_frame
from .load import Loaded, load_page
from .order import Placed, placed_blocks
from .palette import TYPE_COLOURS, type_colour
from .review import review_html

__all__ = ["DrawParams", "render_overlay", "explain_page", "PageFrame", "page_frame", "Loaded", "load_page",
           "Placed", "placed_blocks", "TYPE_COLOURS", "type_colour", "review_html"]
