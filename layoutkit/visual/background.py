"""Page images to draw on: a PDF page rasterised by pdfplumber, or an image file (the scan
an ALTO/PAGE file was made from). pdfplumber and Pillow are imported here, lazily.
"""
from __future__ import annotations

import io
from typing import TYPE_CHECKING, Optional, Union

from ..errors import InputError

if TYPE_CHECKING:  # pragma: no cover
    from PIL.Image import Image


def pdf_page_image(pdf: Union[str, bytes], page_number: int, resolution: float, *,
                   path: Optional[str] = None) -> "Image":
    """Page ``page_number`` (1-based) of a PDF (a path, or the file's bytes with ``path``
    naming it in errors), rendered at ``resolution`` dpi by pdfplumber's ``page.to_image``
    (which renders with pypdfium2)."""
    import pdfplumber

    if isinstance(pdf, str):
        path = path or pdf
    opened = io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf
    try:
        with pdfplumber.open(opened) as doc:
            if not 1 <= page_number <= len(doc.pages):
                raise InputError(f"has no page {page_number} (it has {len(doc.pages)})", path=path)
            return doc.pages[page_number - 1].to_image(resolution=resolution).original.convert("RGB")
    except InputError:
        raise
    except Exception as exc:  # pdfminer/pypdfium2 raise many types for a damaged file
        problem = f"cannot render the PDF page: {type(exc).__name__}: {exc}".splitlines()[0]
        raise InputError(problem, path=path) from None


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
