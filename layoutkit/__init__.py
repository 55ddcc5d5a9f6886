"""layoutkit: reconstruct newspaper pages (hard-wrapped column text, PDF, OCR XML) into
their articles in reading order, as typed blocks, and write them as JSON.

    >>> import layoutkit
    >>> page = layoutkit.parse_text(open("fixtures/seed.txt", encoding="utf-8").read())  # doctest: +SKIP
    >>> page.articles[0].headline  # doctest: +SKIP
    '热闹“村晚”年味浓'
"""
from __future__ import annotations

from .api import iter_file_pages, parse_bytes, parse_file
from .errors import (EncodingError, InputError, LayoutkitError, LimitExceededError, OutputError, ParamsError,
                     ProfileError, UnsupportedFormatError)
from .model import (BLOCK_TYPES, SCHEMA_VERSION, Article, BBox, Block, Byline, Line, Page, Paragraph, Region,
                    Source)
from .params import ArticleParams, BatchParams, ClassifyParams, ColumnParams, Params, ReadParams, ReflowParams
from .pipeline import parse_text, run_lines
from .profile import Profile, load_profile
from .serialize import to_json, to_markdown, to_text

__version__ = "0.1.0"

__all__ = [
    "parse_text", "parse_file", "parse_bytes", "iter_file_pages", "iter_pages", "PageOk", "PageFailure", "run_lines", "to_json", "to_markdown", "to_text",
    "Page", "Article", "Block", "Byline", "Line", "Paragraph", "Region", "Source", "BBox",
    "Params", "ReadParams", "ColumnParams", "ReflowParams", "ClassifyParams", "ArticleParams", "BatchParams",
    "Profile", "load_profile", "BLOCK_TYPES", "SCHEMA_VERSION",
    "LayoutkitError", "InputError", "EncodingError", "UnsupportedFormatError", "LimitExceededError",
    "ProfileError", "ParamsError", "OutputError", "__version__",
]

#: Batch names, imported on first use: the batch package pulls in multiprocessing, which
#: ``import layoutkit`` for one page should not pay for.
_LAZY = frozenset({"iter_pages", "PageOk", "PageFailure"})


def __getattr__(name: str):
    if name in _LAZY:
        from .batch import results

        return getattr(results, name)
    raise AttributeError(f"module 'layoutkit' has no attribute {name!r}")
