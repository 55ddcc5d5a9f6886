"""Ground truth from METS/ALTO: the library's logical structure over the OCR text.

Digitized newspapers from Europeana, BnF, BnL, RERO and others come as one METS file per
issue and one ALTO file per page. The METS logical ``structMap`` says which ALTO text
blocks (``fptr/area[@FILEID][@BEGIN]``) form which article, title, paragraph or caption.
This importer turns one page of such an issue into an ``EvalPage``:

* a div whose ``TYPE`` is in ``ARTICLE_TYPES`` is an article (articles with no text on the
  chosen page are dropped);
* inside it, the nearest enclosing div whose TYPE is in ``BLOCK_TYPES`` gives a block its
  type, and all its areas on the page, in document order, are its text (one block per
  such div); an advertisement's areas form one body block, since its inner structure is
  decoration, not text structure;
* outside articles, divs in ``PAGE_TYPES`` (the masthead section) give page-level blocks
  (``header``), anything else page-level ``other``;
* ALTO text blocks no div refers to become page-level ``other``, in ALTO order.

ALTO text: words joined by spaces, lines by spaces; a word hyphenated across lines
(``SUBS_TYPE="HypPart1"``/``HypPart2``) is written once as its ``SUBS_CONTENT``.

The ALTO file of a page is found through the METS ``fileSec`` (``FLocat/@xlink:href``,
relative to the METS file); when that path does not exist (archives are often re-packed),
a file next to the METS whose name contains the href's stem is used. Word-range areas
(``BEGIN``/``END`` over word ids) and ``smLink``-based structure are not supported.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Union

from ...errors import InputError
from ..pages import METRICS, EvalBlock, EvalPage
from .xml import XLINK, local, parse_xml

#: Logical div types that are an article (a unit of the article partition).
ARTICLE_TYPES = frozenset({"ARTICLE", "ADVERTISEMENT", "ILLUSTRATION", "DEATH_NOTICE", "SECTION_ARTICLE"})
#: Logical div types that give a block its schema type.
BLOCK_TYPES: dict[str, str] = {
    "TITLE": "headline", "HEADLINE": "headline", "OVERLINE": "subheadline", "SUBHEADLINE": "subheadline",
    "SUBTITLE": "subheadline", "PARAGRAPH": "body", "CAPTION": "caption", "AUTHOR": "byline",
    "BYLINE": "byline", "TABLE": "other", "IMAGE": "other", "ILLUSTRATION": "other",
}
#: Div types outside articles whose blocks are page furniture (masthead, running heads).
PAGE_TYPES: dict[str, str] = {"TITLE_SECTION": "header", "MASTHEAD": "header", "RUNNING_HEAD": "header"}


@dataclass(frozen=True)
class _Area:
    file_id: str
    begin: str


def _alto_blocks(root: ET.Element) -> dict[str, str]:
    """Text of every ALTO TextBlock by ID, in document order."""
    out: dict[str, str] = {}
    for block in root.iter():
        if local(block.tag) != "TextBlock":
            continue
        lines = []
        for line in block.iter():
            if local(line.tag) != "TextLine":
                continue
            words = []
            for w in line:
                if local(w.tag) != "String":
                    continue
                kind = w.get("SUBS_TYPE")
                if kind == "HypPart2":
                    continue  # written whole with its first part
                words.append(w.get("SUBS_CONTENT") if kind == "HypPart1" and w.get("SUBS_CONTENT")
                             else (w.get("CONTENT") or ""))
            text = " ".join(x.strip() for x in words if x and x.strip())
            if text:
                lines.append(text)
        out[block.get("ID") or f"_tb{len(out)}"] = " ".join(lines)
    return out


def _page_files(root: ET.Element, mets_path: Path) -> list[tuple[str, Path]]:
    """(file id, path) of every ALTO file, in physical page order."""
    files: dict[str, str] = {}
    for f in root.iter():
        if local(f.tag) != "file":
            continue
        loc = next((c for c in f if local(c.tag) == "FLocat"), None)
        href = loc.get(f"{XLINK}href") or loc.get("href") if loc is not None else None
        if href and (f.get("MIMETYPE") in ("text/xml", "application/xml") or "alto" in (f.get("ID") or "").lower()
                     or href.lower().endswith(".xml")):
            files[f.get("ID") or ""] = href
    order: list[str] = []
    for smap in root.iter():
        if local(smap.tag) == "structMap" and (smap.get("TYPE") or "").upper() == "PHYSICAL":
            for ptr in smap.iter():
                if local(ptr.tag) == "fptr" and ptr.get("FILEID") in files and ptr.get("FILEID") not in order:
                    order.append(ptr.get("FILEID") or "")
    order += [fid for fid in files if fid not in order]
    return [(fid, _resolve(files[fid], mets_path)) for fid in order]


def _resolve(href: str, mets_path: Path) -> Path:
    rel = href[len("file://"):] if href.startswith("file://") else href
    direct = (mets_path.parent / rel).resolve()
    if direct.exists():
        return direct
    stem = Path(rel).stem
    near = sorted(p for p in mets_path.parent.iterdir() if p.is_file() and stem in p.name and p != mets_path)
    return near[0] if near else direct


def page_count(path: Union[str, Path]) -> int:
    """How many ALTO pages a METS file lists."""
    return len(_page_files(parse_xml(path), Path(path)))


def load_mets(path: Union[str, Path], page: int = 1, name: Optional[str] = None) -> EvalPage:
    """The ground truth of page ``page`` (1-based, physical order) of a METS/ALTO issue."""
    mets_path = Path(path)
    root = parse_xml(mets_path)
    if local(root.tag) != "mets":
        raise InputError("not a METS file (root element is not mets)", path=str(path))
    pages = _page_files(root, mets_path)
    if not pages:
        raise InputError("no ALTO files in the METS fileSec", path=str(path))
    if not 1 <= page <= len(pages):
        raise InputError(f"has {len(pages)} pages, no page {page}", path=str(path))
    file_id, alto_path = pages[page - 1]
    if not alto_path.exists():
        raise InputError(f"ALTO file of page {page} not found: {alto_path}", path=str(path))
    text = _alto_blocks(parse_xml(alto_path))

    logical = next((s for s in root.iter() if local(s.tag) == "structMap"
                    and (s.get("TYPE") or "").upper() == "LOGICAL"), None)
    if logical is None:
        raise InputError("no logical structMap", path=str(path))

    articles: list[list[EvalBlock]] = []
    loose: list[EvalBlock] = []
    used: set[str] = set()

    def areas(div: ET.Element) -> list[str]:
        out = []
        for area in div.iter():
            if local(area.tag) == "area" and area.get("FILEID") == file_id and area.get("BEGIN") in text:
                out.append(area.get("BEGIN") or "")
        return out

    def emit(ids: list[str], btype: str, sink: list[EvalBlock], article: Optional[int]) -> None:
        ids = [i for i in ids if i not in used]
        body = " ".join(text[i] for i in ids if text[i])
        used.update(ids)
        if body:
            sink.append(EvalBlock(btype, body, article))

    def in_article(div: ET.Element, sink: list[EvalBlock], index: int, inherited: Optional[str]) -> None:
        for child in div:
            if local(child.tag) == "div":
                dtype = (child.get("TYPE") or "").upper()
                btype = BLOCK_TYPES.get(dtype, inherited)
                if btype is not None and dtype in BLOCK_TYPES:
                    emit(areas(child), btype, sink, index)
                else:
                    in_article(child, sink, index, btype)
            elif local(child.tag) == "fptr":
                emit(areas(child), inherited or "body", sink, index)

    def outside(div: ET.Element, furniture: Optional[str]) -> None:
        for child in div:
            if local(child.tag) != "div":
                if local(child.tag) == "fptr":
                    for ident in areas(child):
                        emit([ident], furniture or "other", loose, None)
                continue
            dtype = (child.get("TYPE") or "").upper()
            if dtype in ARTICLE_TYPES:
                index = len(articles)
                sink: list[EvalBlock] = []
                if dtype == "ADVERTISEMENT":
                    emit(areas(child), "body", sink, index)
                else:
                    in_article(child, sink, index, None)
                if sink:
                    articles.append(sink)
            else:
                outside(child, PAGE_TYPES.get(dtype, furniture))

    outside(logical, None)
    loose.extend(EvalBlock("other", t) for i, t in text.items() if i not in used and t)
    blocks = tuple(b for art in articles for b in art) + tuple(loose)
    default = f"{mets_path.name.split('.')[0]}-p{page}"
    return EvalPage(blocks, len(articles), frozenset(METRICS), name or default)
