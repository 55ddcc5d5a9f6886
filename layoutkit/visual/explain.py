"""``explain``: every block's type and the named rules and features that decided it, as
plain text for a terminal.

Each stage records why it decided something in ``Block.reasons`` as ``rule: detail``
strings (``title-like: short line without sentence end``); a bare rule name has no detail.
This module only lays them out::

    article 1 (a1, article): 热闹“村晚”年味浓
      1.1  b1  subheadline/kicker  line 82
           感恩奋进闹新春
           - title-like: short line without sentence end
           - headline-choice: secondary title is a kicker
"""
from __future__ import annotations

from typing import Optional

from ..errors import ParamsError
from ..model import Page
from ..textwidth import char_width, display_width
from .order import Placed, placed_blocks

#: ANSI styles used when colour is on (a terminal that asked for it).
BOLD, DIM, RESET = "\x1b[1m", "\x1b[2m", "\x1b[0m"


def split_reason(reason: str) -> tuple[str, str]:
    """``("title-like", "short line without sentence end")`` from ``"title-like: short
    line without sentence end"``; ``(reason, "")`` for a bare rule name."""
    rule, sep, detail = reason.partition(": ")
    return (rule.strip(), detail.strip()) if sep else (reason.strip(), "")


def clip(text: str, cells: int) -> str:
    """``text`` on one line, cut to ``cells`` terminal cells (CJK characters take two)
    with an ellipsis when cut."""
    flat = " ".join(text.split())
    if display_width(flat) <= cells:
        return flat
    out, used = [], 0
    for ch in flat:
        w = char_width(ch)
        if used + w > cells - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


def _explain_block(p: Placed, *, width: int, colour: bool, full: bool) -> list[str]:
    b = p.block
    bold, dim, reset = (BOLD, DIM, RESET) if colour else ("", "", "")
    kind = b.type + (f"/{b.role}" if b.role else "")
    span = f"line {b.lines[0]}" if b.lines[0] == b.lines[1] else f"lines {b.lines[0]}-{b.lines[1]}"
    head = f"  {p.label:<6} {b.id:<5} {bold}{kind}{reset}  {dim}{span}"
    if b.bbox is not None:
        head += "  bbox [" + ", ".join(f"{v:g}" for v in b.bbox.to_list()) + "]"
    lines = [head + reset]
    indent = " " * 9
    if full:
        lines.extend(indent + part for part in b.text.splitlines() or [""])
    else:
        lines.append(indent + clip(b.text, max(20, width - len(indent))))
    if not b.reasons:
        lines.append(f"{indent}{dim}(no reasons recorded){reset}")
    for reason in b.reasons:
        rule, detail = split_reason(reason)
        lines.append(f"{indent}- {bold}{rule}{reset}" + (f": {detail}" if detail else ""))
    return lines


def explain_page(page: Page, *, block: Optional[str] = None, width: int = 100, colour: bool = False) -> str:
    """The explanation of every block of ``page`` (or only of block id ``block``, with its
    full text), grouped by article in reading order. ``ParamsError`` for an unknown id."""
    placed = placed_blocks(page)
    if block is not None:
        chosen = [p for p in placed if p.block.id == block]
        if not chosen:
            ids = [p.block.id for p in placed]
            known = f"{ids[0]}..{ids[-1]}" if ids else "none"
            raise ParamsError(f"no block {block!r} on this page (block ids: {known})", path=page.source.path)
        p = chosen[0]
        where = (f"article {p.article_number} ({p.article.id}, {p.article.kind})" if p.article is not None
                 else "page-level blocks")
        return "\n".join([where] + _explain_block(p, width=width, colour=colour, full=True)) + "\n"
    src = page.source
    out = [f"{src.path or '(stdin)'}: {src.format}, language {page.language}, profile {page.profile}, "
           f"{len(page.articles)} articles, {len(placed)} blocks"]
    for w in page.warnings:
        out.append(f"warning: {w}")
    current = object()
    for p in placed:
        if p.article is not current:
            current = p.article
            out.append("")
            if p.article is None:
                out.append("page-level blocks")
            else:
                title = f": {p.article.headline}" if p.article.headline else ""
                out.append(f"article {p.article_number} ({p.article.id}, {p.article.kind}){title}")
        out.extend(_explain_block(p, width=width, colour=colour, full=False))
    return "\n".join(out) + "\n"
