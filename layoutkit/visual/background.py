"""Page images to draw on: a PDF page rasterised by pdfplumber, or an image file (the scan
an ALTO/PAGE file was made from). pdfplumber and Pillow are imported here, lazily.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import InputError

if TYPE_CHECKING:  # pragma: no cover
    from PIL.Image import Image


def pdf_page_image(path: str, page_number: int, resolution: float) -> "Image":
    """Page ``page_number`` (1-based) of the PDF at ``path``, rendered at ``resolution``
    dpi (pdfplumber's ``page.to_image``, which renders with pypdfium2)."""
    import pdfplumber

    try:
        with pdfplumber.open(path) as pdf:
            if not 1 <= page_number <= len(pdf.pages):
                raise InputError(f"has no page {page_number} (it has {len(pdf.pages)})", path=path)
            return pdf.pages[page_number - 1].to_image(resolution=resolution).original.convert("RGB")
    except InputError:
        raise
    except Exception as exc:  # pdfminer/pypdfium2 raise many types for a damaged file
        raise InputError(f"cannot render the PDF page: {type(exc).__name__}: {exc}".splitlines()[0], path=path) from None


def image_file(path: str) -> "Image":
    """An image file (PNG, JPEG, TIFF, ...) as RGB."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as im:
            return im.convert("RGB")
    except FileNotFoundError:
        raise InputError("no such file", path=path) from None
    except (UnidentifiedImageError, OSError) as exc:
        raise InputError(f"cannot read the image: {exc}".splitlines()[0], path=path) from None
