"""The page as the evaluator sees it: typed blocks in reading order, each in an article or not.

Both sides of a comparison, the output and the ground truth, become an ``EvalPage``: the
blocks of every article in order, then the page-level blocks (header, footer, ...), each
remembering its article's index (``None`` for page-level blocks). Everything else in the
JSON (ids, reasons, bboxes) is irrelevant to scoring and is not kept.

Loaders here read the project's JSON output, the gold YAML of ``cases/*.gold.yaml`` (or the
same structure as JSON) and in-memory ``layoutkit.model.Page`` objects. Importers of other
ground-truth formats (PAGE XML, METS/ALTO) live in ``importers``.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Mapping, Optional

import yaml

from ..errors import InputError
from .normalize import canonical_type

#: The headline metrics, in report order. A gold page may support only some of them.
METRICS: tuple[str, ...] = ("text_recall", "type_acc", "block_f1", "break_f1",
                            "article_ari", "order_acc", "text_sim")

# The C loader is ten times faster on large gold files; the pure one is the fallback.
_YamlLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class EvalBlock:
    """One block: its schema type, its text and its article (``None``: page-level)."""

    type: str
    text: str
    article: Optional[int] = None


@dataclass(frozen=True)
class EvalPage:
    """A page reduced to what is scored.

    ``metrics`` is the set of metrics the page's ground truth supports (the gold
    ``metrics:`` key); ``None`` means all. It is only read on the gold side.
    """

    blocks: tuple[EvalBlock, ...]
    article_count: int = 0
    metrics: Optional[frozenset[str]] = None
    name: Optional[str] = None

    @property
    def has_articles(self) -> bool:
        return self.article_count > 0

    def supports(self, metric: str) -> bool:
        return self.metrics is None or metric in self.metrics


def page_from_mapping(data: Any, *, name: Optional[str] = None, path: Optional[str] = None) -> EvalPage:
    """An ``EvalPage`` from the JSON/YAML structure ``{articles: [{blocks: [...]}], blocks: [...]}``.

    Raises ``InputError`` naming ``path`` when the structure is not a page."""
    if not isinstance(data, Mapping):
        raise InputError("is not a page (expected a mapping with 'articles' and/or 'blocks')", path=path)
    articles = data.get("articles") or []
    loose = data.get("blocks") or []
    if not isinstance(articles, list) or not isinstance(loose, list):
        raise InputError("'articles' and 'blocks' must be lists", path=path)
    blocks: list[EvalBlock] = []
    for index, article in enumerate(articles):
        if not isinstance(article, Mapping):
            raise InputError(f"article {index + 1} is not a mapping", path=path)
        blocks.extend(_blocks(article.get("blocks") or [], index, path))
    blocks.extend(_blocks(loose, None, path))
    wanted = data.get("metrics")
    metrics = None
    if wanted:
        if not isinstance(wanted, list) or any(m not in METRICS for m in wanted):
            raise InputError(f"'metrics' must be a list of {', '.join(METRICS)}", path=path)
        metrics = frozenset(wanted)
    return EvalPage(tuple(blocks), len(articles), metrics, name if name is not None else data.get("page"))


def _blocks(items: Iterable[Any], article: Optional[int], path: Optional[str]) -> list[EvalBlock]:
    out = []
    for item in items:
        if not isinstance(item, Mapping):
            raise InputError("a block is not a mapping with 'type' and 'text'", path=path)
        text = item.get("text") or ""
        out.append(EvalBlock(canonical_type(item.get("type")), str(text), article))
    return out


def page_from_model(page: Any, *, name: Optional[str] = None) -> EvalPage:
    """An ``EvalPage`` from a ``layoutkit.model.Page`` (no JSON round trip)."""
    blocks: list[EvalBlock] = []
    for index, article in enumerate(page.articles):
        blocks.extend(EvalBlock(canonical_type(b.type), b.text, index) for b in article.blocks)
    blocks.extend(EvalBlock(canonical_type(b.type), b.text, None) for b in page.blocks)
    return EvalPage(tuple(blocks), len(page.articles), None, name)


def load_page(path: "str | Path", *, name: Optional[str] = None, page: Optional[int] = None) -> EvalPage:
    """Read a page from JSON (``.json``) or YAML (anything else): output or gold.

    ``layoutkit convert`` writes a JSON array for a multi-page input: ``page`` (1-based)
    picks one; an array of one page needs no ``page``."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError("no such file", path=str(path)) from None
    except IsADirectoryError:
        raise InputError("is a directory, not a file (use --dir for folders)", path=str(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read: {exc}", path=str(path)) from None
    try:
        data = json.loads(text) if p.suffix.lower() == ".json" else yaml.load(text, Loader=_YamlLoader)
    except (ValueError, yaml.YAMLError) as exc:
        problem = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError(f"not valid {'JSON' if p.suffix.lower() == '.json' else 'YAML'}: {problem}",
                         path=str(path)) from None
    if isinstance(data, list):
        if page is None and len(data) != 1:
            raise InputError(f"holds {len(data)} pages: say which one (--page N)", path=str(path))
        index = (page or 1) - 1
        if not 0 <= index < len(data):
            raise InputError(f"holds {len(data)} pages, no page {page}", path=str(path))
        data = data[index]
    return page_from_mapping(data, name=name, path=str(path))
