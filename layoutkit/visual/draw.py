"""The overlay: a page image with every block's box coloured by type, labelled with its
place in reading order (``3.2`` = article 3, block 2; ``P1`` = page-level block 1), arrows
from each block to the next one of its article, and a legend to the right of the page.

::

    +------------------------------+-----------+
    | [1.1 headline........]       | layoutkit |
    |   |                          | ■ headline|
    | [1.2 body ...]   [2.1 ...]   | ■ body    |
    |   v                 v        | 1.2 = ... |
    | [1.3 body ...]   [2.2 ...]   |           |
    +------------------------------+-----------+

The page keeps its own pixel grid at the top-left of the canvas (the legend is appended on
the right), so a point ``(x, y)`` in input units is pixel ``(x * s, y * s)`` with ``s`` the
image width over the page width. Outlines are drawn opaque in the exact type colour
(``palette``); fills are translucent so the page stays readable under them.
"""
from __future__ import annotations

import io
import math
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Optional

from ..errors import OutputError, ParamsError
from ..model import BLOCK_TYPES, Page
from ..params import _check_range
from .frame import page_frame
from .order import placed_blocks
from .palette import type_colour

if TYPE_CHECKING:  # pragma: no cover
    from PIL.Image import Image


@dataclass(frozen=True)
class DrawParams:
    """How the overlay is drawn. Sizes of marks are shares of the image width, so a
    100-dpi PDF page and a 6000-pixel scan look alike.

    (Not part of ``layoutkit.Params``: drawing is a view of the result, not a stage of
    the reconstruction, and changing it never changes the output.)
    """

    #: Dots per inch when rasterising a PDF page for the background.
    resolution: float = 100.0
    #: Width in pixels of the blank canvas used when there is no page image.
    blank_width: int = 1400
    #: Opacity of the type-coloured fill inside each box (0 = outlines only).
    fill_opacity: float = 0.22
    #: Box outline thickness as a share of the image width (at least 2 pixels).
    outline: float = 0.002
    #: Label text height as a share of the image width (at least 11 pixels).
    label_size: float = 0.012
    #: Draw reading-order arrows between consecutive blocks of an article.
    arrows: bool = True
    #: Append the legend panel on the right.
    legend: bool = True

    def __post_init__(self) -> None:
        _check_range(self, "resolution", 10.0, 600.0)
        _check_range(self, "blank_width", 100, 20000)
        _check_range(self, "fill_opacity", 0.0, 1.0)
        _check_range(self, "outline", 0.0, 0.05)
        _check_range(self, "label_size", 0.0, 0.1)

    def outline_px(self, image_width: int) -> int:
        return max(2, round(self.outline * image_width))

    def label_px(self, image_width: int) -> int:
        return max(11, round(self.label_size * image_width))


#: Arrows are near-black with a white halo so they show on text and on white alike.
ARROW = (25, 25, 25)
HALO = (255, 255, 255)
LABEL_TEXT = (255, 255, 255)


def _font(size: int):
    from PIL import ImageFont

    try:
        return ImageFont.load_default(size=size)
    except TypeError:  # Pillow < 10.1 has only the small bitmap font
        return ImageFont.load_default()


def render_overlay(page: Page, background: "Optional[Image]" = None, params: Optional[DrawParams] = None) -> "Image":
    """The overlay image of ``page`` (an RGB Pillow image).

    ``background`` is the page as an image (a rendered PDF page, a scan); it is stretched
    onto the page frame, so it must show the whole page. Without it the boxes are drawn on
    a blank page of the page's size (``Source.width/height``, or inferred from the boxes).
    Raises ``InputError`` when no block has a box.
    """
    from PIL import Image, ImageDraw

    params = params or DrawParams()
    frame = page_frame(page)
    if background is not None:
        canvas = background.convert("RGB")
    else:
        w = params.blank_width
        canvas = Image.new("RGB", (w, max(1, round(frame.height * w / frame.width))), (255, 255, 255))
    sx = canvas.width / frame.width
    sy = canvas.height / frame.height

    placed = [p for p in placed_blocks(page) if p.block.bbox is not None]

    def px(box) -> tuple[int, int, int, int]:
        x0, y0 = round(box.x0 * sx), round(box.top * sy)
        x1, y1 = round(box.x1 * sx), round(box.bottom * sy)
        return x0, y0, max(x0 + 1, x1), max(y0 + 1, y1)

    # 1. Translucent fills, composited in one layer.
    if params.fill_opacity > 0:
        layer = Image.new("RGBA", canvas.size, (0, 0, 0, 0))
        ld = ImageDraw.Draw(layer)
        alpha = round(255 * params.fill_opacity)
        for p in placed:
            ld.rectangle(px(p.block.bbox), fill=type_colour(p.block.type) + (alpha,))
        canvas = Image.alpha_composite(canvas.convert("RGBA"), layer).convert("RGB")
    draw = ImageDraw.Draw(canvas)

    # 2. Opaque outlines in the exact type colour (drawn inside the box edge).
    line_w = params.outline_px(canvas.width)
    for p in placed:
        draw.rectangle(px(p.block.bbox), outline=type_colour(p.block.type), width=line_w)

    # 3. Reading order: an arrow from each block's centre to the next one's, per article.
    if params.arrows:
        for article in page.articles:
            boxes = [px(b.bbox) for b in article.blocks if b.bbox is not None]
            for a, b in zip(boxes, boxes[1:]):
                _arrow(draw, ((a[0] + a[2]) / 2, (a[1] + a[3]) / 2), ((b[0] + b[2]) / 2, (b[1] + b[3]) / 2), line_w)

    # 4. Labels in the top-left corner, inside the outline.
    font = _font(params.label_px(canvas.width))
    pad = max(1, line_w // 2)
    for p in placed:
        x0, y0, _, _ = px(p.block.bbox)
        lx, ly = x0 + line_w, y0 + line_w
        left, top, right, bottom = draw.textbbox((lx + pad, ly + pad), p.label, font=font)
        draw.rectangle((lx, ly, right + pad, bottom + pad), fill=type_colour(p.block.type))
        draw.text((lx + pad, ly + pad), p.label, fill=LABEL_TEXT, font=font)

    if params.legend:
        canvas = _with_legend(canvas, page, len(placed), params)
    return canvas


def _arrow(draw, start: tuple[float, float], end: tuple[float, float], width: int) -> None:
    """A straight arrow with a filled head, over a white halo."""
    dx, dy = end[0] - start[0], end[1] - start[1]
    length = math.hypot(dx, dy)
    if length < 1:
        return
    head = max(4 * width, 8)
    ux, uy = dx / length, dy / length
    base = (end[0] - ux * head, end[1] - uy * head)
    left = (base[0] - uy * head / 2, base[1] + ux * head / 2)
    right = (base[0] + uy * head / 2, base[1] - ux * head / 2)
    for colour, extra in ((HALO, 2), (ARROW, 0)):
        draw.line([start, base], fill=colour, width=width + extra)
    draw.polygon([end, left, right], fill=ARROW, outline=HALO)


def _with_legend(canvas: "Image", page: Page, drawn: int, params: DrawParams) -> "Image":
    """The canvas with a legend panel appended on its right."""
    from PIL import Image, ImageDraw

    counts = Counter(b.type for b in page.iter_blocks() if b.bbox is not None)
    types = [t for t in BLOCK_TYPES if counts[t]] + sorted(t for t in counts if t not in BLOCK_TYPES)
    size = params.label_px(canvas.width)
    font = _font(size)
    small = _font(max(10, round(size * 0.8)))
    row = round(size * 1.6)
    width = max(round(canvas.width * 0.2), size * 14)
    total = sum(1 for _ in page.iter_blocks())
    n = len(page.articles)
    notes = [f"{n} article{'s' if n != 1 else ''}, {drawn} box{'es' if drawn != 1 else ''}",
             "3.2 = article 3, block 2",
             "P1 = page-level block 1",
             "arrow = reading order"]
    if drawn < total:
        notes.append(f"{total - drawn} blocks without a box")
    name = Path(page.source.path).name if page.source.path else "(stdin)"
    height = row * (len(types) + len(notes) + 4)
    out = Image.new("RGB", (canvas.width + width, max(canvas.height, height)), (250, 250, 250))
    out.paste(canvas, (0, 0))
    d = ImageDraw.Draw(out)
    x, y = canvas.width + size, float(size)
    d.text((x, y), "layoutkit", fill=(0, 0, 0), font=font)
    y += row
    d.text((x, y), name if name.isascii() else name.encode("ascii", "replace").decode(), fill=(60, 60, 60), font=small)
    y += row * 1.5
    for t in types:
        d.rectangle((x, y, x + size, y + size), fill=type_colour(t))
        d.text((x + size * 1.5, y), f"{t} ({counts[t]})", fill=(0, 0, 0), font=font)
        y += row
    y += row / 2
    for note in notes:
        d.text((x, y), note, fill=(60, 60, 60), font=small)
        y += row
    return out


IMAGE_FORMATS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".webp": "WEBP"}


def image_format(path: str) -> str:
    """The Pillow format name for an output path's extension (``ParamsError`` if none)."""
    fmt = IMAGE_FORMATS.get(Path(path).suffix.lower())
    if fmt is None:
        raise ParamsError(f"cannot tell the image format from the extension: use one of {', '.join(IMAGE_FORMATS)}",
                          path=path)
    return fmt


def encode_image(image: "Image", fmt: str = "PNG") -> bytes:
    buf = io.BytesIO()
    try:
        image.save(buf, format=fmt, optimize=fmt == "PNG")
    except OSError as exc:  # pragma: no cover - Pillow built without an encoder
        raise OutputError(f"cannot encode {fmt}: {exc}") from None
    return buf.getvalue()
