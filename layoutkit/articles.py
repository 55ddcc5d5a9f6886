"""Article assembly: group typed blocks into articles in reading order.

The stream is cut into *segments*: title clusters (headline lines, decks, bylines), body
runs (body paragraphs and intertitles of one column family), photo groups (captions and
their credit) and page-level blocks. Then:

* ``title-direction``: an extractor emits a page's title clusters either before their
  bodies (reading order) or after them (the seed page: pdfminer put each title below the
  body it belongs to). The page votes: a cluster preceded by an untitled run and
  followed by no run votes "after"; one followed by a run votes "before".
* ``pair-title``: each cluster takes the nearest untitled run in the page's direction,
  else the nearest in the other direction.
* ``flow-across-title``: when the text runs on across a title cluster into a column of
  another measure, the runs on both sides are the titled article's.
* ``continue-run``: a run without a title continues the previous article of its column
  family (an article interrupted by a photo or a column break).
* ``headline-choice``: in a cluster of several title lines, the headline is the one whose
  words recur most in its body (a headline names the story; a kicker sets its scene);
  lines before it are kickers, lines after it decks.
* ``photo``: captions with their credit form an article of kind ``photo``, with the
  headline of a photo story right before them (``image-title``, ``layout.captions``).
* ``credit-on-row``: a one-line credit that does not follow a photo group in reading
  order joins the latest photo group ending in a one-line caption on its row (the
  reading order may read a column between a label and its credit set on one row).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from operator import attrgetter, itemgetter
from typing import Callable, NamedTuple, Optional, Sequence

import regex

from .classify import Typed
from .layout.captions import TITLE as IMAGE_TITLE
from .model import Article, BBox, Block, Byline
from .params import ArticleParams
from .profile import Profile
from .scriptcount import ScriptCounter, is_latin_page
from .slotbuild import slot_setters

#: An item's text (``map`` over a page's items at C speed, not a generator).
_TEXT = attrgetter("text")
_BLOCK_TYPE = attrgetter("type")
_POSITION = itemgetter(0)
_HAN_OR_WORD = regex.compile(r"\p{Han}|\w+")
_LETTER = regex.compile(r"\p{L}")
#: letters of the scripts ``textwidth.is_cjk`` counts: Han, kana, hangul
_CJK_LETTER = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]")
#: Both counts in one pass over the page's text (``scriptcount``).
_PAGE_SCRIPTS = ScriptCounter((_LETTER, _CJK_LETTER))


@dataclass
class _Segment:
    kind: str  # "title", "run", "photo", "page", "note"
    items: list[tuple[int, Typed]] = field(default_factory=list)
    family: Optional[float] = None
    article: Optional[int] = None
    #: Takes no further items (``byline-after-note``).
    closed: bool = False

    @property
    def start(self) -> int:
        return self.items[0][0]


def _segments(items: Sequence[Typed]) -> list[_Segment]:
    segs: list[_Segment] = []

    def kind_of(t: Typed) -> str:
        if t.type in ("header", "footer"):
            return "page"
        if t.type == "byline" and t.role == "author_note":
            return "note"
        if _is_image_title(t):
            # (``image-title``: a photo story's headline, found by the layout above its
            # captioned picture, goes with the caption: ``layout.captions``)
            return "photo"
        if t.type in ("headline", "subheadline", "byline", "dateline"):
            return "title"
        if t.type in ("caption",):
            return "photo"
        if t.type == "credit":
            return "credit"
        return "run"

    for i, t in enumerate(items):
        # (a body paragraph, most of a page, is a run: answered before ``kind_of``)
        k = "run" if t.type == "body" else kind_of(t)
        last = segs[-1] if segs else None
        if k == "credit":
            if last is not None and last.kind == "photo":
                last.items.append((i, t))
            else:
                row = _photo_on_row(segs, t)
                if row is not None:
                    row.items.append((i, t))
                else:
                    segs.append(_Segment("page", [(i, t)]))
            continue
        if k == "run":
            fam = t.family
            if last is not None and last.kind == "run" and (fam is None or last.family is None or fam == last.family):
                last.items.append((i, t))
                if last.family is None:
                    last.family = fam
                continue
            segs.append(_Segment("run", [(i, t)], family=fam))
            continue
        if last is not None and last.kind == k and k in ("title", "photo", "page") and not last.closed:
            last.items.append((i, t))
            continue
        seg = _Segment(k, [(i, t)])
        if k == "title" and t.type == "byline" and last is not None and last.kind == "note":
            # ``byline-after-note``: a name right after an author note signs the article
            # the note closes; the title cluster that may follow is another article's
            seg.closed = True
        segs.append(seg)
    return _photo_stories(segs)


def _photo_on_row(segs: Sequence[_Segment], credit: Typed) -> Optional[_Segment]:
    """``credit-on-row``: the photo group a one-line credit that does not follow it in
    reading order belongs to: the latest one whose last block is a one-line caption on
    the credit's row (tops within half a line: a cartoon's label at one end of its foot,
    the artist's credit at the other, with a column of text read between them)."""
    if len(credit.para.lines) != 1 or credit.para.lines[0].bbox is None:
        return None
    box = credit.para.lines[0].bbox
    half = 0.5 * (box.bottom - box.top)
    for seg in reversed(segs):
        if seg.kind != "photo":
            continue
        cap = seg.items[-1][1]
        lines = cap.para.lines
        if cap.type == "caption" and len(lines) == 1 and lines[0].bbox is not None \
                and abs(lines[0].bbox.top - box.top) <= half:
            return seg
    return None


def _is_image_title(t: Typed) -> bool:
    return t.type in ("headline", "subheadline") and all(ln.region_type == IMAGE_TITLE for ln in t.para.lines)


def _photo_blocks(items: Sequence[Typed]) -> list[_Pending]:
    """A photo group's blocks; of a photo story's title lines (``image-title``) the
    largest is the headline, the others (a kicker above it) subheadlines."""
    titles = [t for t in items if _is_image_title(t)]
    if not titles:
        return [_Pending(t) for t in items]
    head = max(titles, key=lambda t: max((ln.font_size or 0.0) for ln in t.para.lines))
    title_ids = {id(t) for t in titles}
    return [_Pending(t, "headline", reason="image-title: a photo story's headline, above its captioned picture")
            if t is head else
            _Pending(t, "subheadline", "kicker", "image-title: a photo story's kicker") if id(t) in title_ids else
            _Pending(t) for t in items]


def _photo_stories(segs: list[_Segment]) -> list[_Segment]:
    """``image-title``: a photo story's headline (``layout.captions``) joins the next
    photo group, its picture's caption, even when the reading order put a column of
    other text between them (the picture itself is no text to keep them together)."""
    out: list[_Segment] = []
    waiting: list[tuple[int, Typed]] = []
    for s in segs:
        if s.kind == "photo" and all(_is_image_title(t) for _, t in s.items):
            waiting.extend(s.items)
            continue
        if s.kind == "photo" and waiting:
            s.items[:0] = waiting
            waiting = []
        out.append(s)
    if waiting:  # (no caption followed: the headline stands as the photo group it is)
        out.append(_Segment("photo", waiting))
    return out


def _demote_lone_bylines(segs: list[_Segment]) -> None:
    """A title segment holding only bylines (no title line, no deck) is a byline that
    stands apart, like 陈曙光 after an author note: it closes the article before it."""
    for s in segs:
        if s.kind == "title" and all(t.type == "byline" for _, t in s.items):
            s.kind = "note"


def _direction(segs: list[_Segment], params: ArticleParams) -> str:
    if params.title_position != "auto":
        return params.title_position
    content = [s for s in segs if s.kind in ("title", "run", "photo")]
    before = after = 0
    for i, s in enumerate(content):
        if s.kind != "title":
            continue
        prev = content[i - 1] if i > 0 else None
        nxt = content[i + 1] if i + 1 < len(content) else None
        if nxt is not None and nxt.kind == "run":
            before += 1
        elif prev is not None and prev.kind == "run":
            after += 1
    return "after" if after > before else "before"


def _flow_across(segs: list[_Segment], k: int) -> Optional[tuple[_Segment, _Segment]]:
    """``flow-across-title``: the runs on both sides of the title cluster ``segs[k]`` when
    the text flows across it: the last paragraph before the cluster ran on into a column
    of another measure (``Typed.exit_family``), and the run after the cluster is of that
    measure. The title sits inside one article's text (a title set into the middle of
    its columns), so both runs are that article's."""
    if k == 0 or k + 1 >= len(segs):
        return None
    before, after = segs[k - 1], segs[k + 1]
    if before.kind != "run" or after.kind != "run" or after.family is None:
        return None
    exit_family = before.items[-1][1].exit_family
    if exit_family is None or exit_family == before.family or exit_family != after.family:
        return None
    return before, after


def _is_latin_page(items: Sequence[Typed]) -> bool:
    """True when fewer than 30% of the page's letters are CJK (see ``measure.shape``)."""
    return is_latin_page("".join(map(_TEXT, items)), _cjk_and_letters)


def _cjk_and_letters(text: str) -> tuple[int, int]:
    letters, cjk = _PAGE_SCRIPTS.counts(text)
    return cjk, letters


def _bigrams(text: str) -> set[str]:
    toks = _HAN_OR_WORD.findall(text.lower())
    if all(len(t) == 1 for t in toks):
        return {toks[i] + toks[i + 1] for i in range(len(toks) - 1)}
    return {t for t in toks if len(t) > 2}


def _choose_headline(titles: list[Typed], body_text: str) -> int:
    """Index (into ``titles``) of the main headline: the title whose words recur most in
    the body; ties go to the longer title."""
    if len(titles) == 1:
        return 0
    # With font sizes (geometric input) the largest title is the headline.
    sizes = [max((ln.font_size or 0.0) for ln in t.para.lines) for t in titles]
    if min(sizes) > 0 and max(sizes) >= 1.15 * min(sizes):
        return sizes.index(max(sizes))
    best, best_key = 0, None
    body_lower = body_text.lower()  # once, not once per n-gram
    for i, t in enumerate(titles):
        grams = _bigrams(t.text)
        share = sum(1 for g in grams if g in body_lower) / len(grams) if grams else 0.0
        key = (round(share, 3), len(t.text))
        if best_key is None or key > best_key:
            best, best_key = i, key
    return best


def parse_bylines(blocks: Sequence[Block], profile: Profile) -> tuple[Byline, ...]:
    """(role, name) pairs of an article's byline blocks; author notes are not names."""
    out: list[Byline] = []
    if "byline" not in list(map(_BLOCK_TYPE, blocks)):
        return ()  # (most articles: no byline block; found at C level)
    for b in blocks:
        if b.type != "byline" or b.role == "author_note":
            continue
        text = b.text.strip()
        marks: list[tuple[int, int]] = []
        for pat in profile.byline_role:
            marks.extend(m.span() for m in pat.finditer(text))
        marks.sort()
        kept: list[tuple[int, int]] = []
        for span in marks:
            if not kept or span[0] >= kept[-1][1]:
                kept.append(span)
        if not kept:
            out.append(Byline(name=text))
            continue
        if kept[0][0] > 0 and text[: kept[0][0]].strip():
            out.append(Byline(name=text[: kept[0][0]].strip()))
        for k, (s, e) in enumerate(kept):
            end = kept[k + 1][0] if k + 1 < len(kept) else len(text)
            name = text[e:end].strip(" :：/／")
            if name:
                out.append(Byline(name=name, role=text[s:e]))
    return tuple(out)


@dataclass
class _Draft:
    kind: str
    titles: list[tuple[int, Typed]] = field(default_factory=list)
    runs: list[_Segment] = field(default_factory=list)
    notes: list[tuple[int, Typed]] = field(default_factory=list)
    photo: list[tuple[int, Typed]] = field(default_factory=list)
    family: Optional[float] = None
    #: Reasons to add to some items' blocks, by ``id`` of the item.
    why: dict[int, str] = field(default_factory=dict)

    def positions(self) -> list[int]:
        pos = [i for i, _ in self.titles] + [i for i, _ in self.notes] + [i for i, _ in self.photo]
        for r in self.runs:
            pos.extend(map(_POSITION, r.items))  # (C-level: a run holds most of the items)
        return pos


class _Pending(NamedTuple):
    """A block as assembly decides it: its item, the type and role it takes (None: the
    item's own) and the reasons it adds. Assembly orders pending blocks; each ``Block``
    is made once, numbered, when its place is final (``_to_block``), not made and then
    copied to number it."""

    item: Typed
    type: Optional[str] = None
    role: Optional[str] = None
    reason: str = ""
    extra: tuple[str, ...] = ()


def _block_builder() -> Callable[[str, str, tuple[int, int], Optional[str], Optional[BBox], tuple[str, ...],
                                   str, int], Block]:
    """``Block(type, text, lines, role, bbox, reasons, id, page)`` built by setting its
    slots directly (``slotbuild``: the frozen dataclass ``__init__`` sets each of its
    eight fields through ``object.__setattr__``, about 2.5 times the cost; assembly makes
    one block per paragraph). The class itself when it is not a plain slot class."""
    names = ("type", "text", "lines", "role", "bbox", "reasons", "id", "page")
    setters = slot_setters(Block, names)
    if setters is None:
        def plain(type_: str, text: str, lines: tuple[int, int], role: Optional[str], bbox: Optional[BBox],
                  reasons: tuple[str, ...], id_: str, page: int) -> Block:
            return Block(type_, text, lines, role, bbox, reasons, id_, page)

        return plain
    set_type, set_text, set_lines, set_role, set_bbox, set_reasons, set_id, set_page = setters
    new = object.__new__

    def build(type_: str, text: str, lines: tuple[int, int], role: Optional[str], bbox: Optional[BBox],
              reasons: tuple[str, ...], id_: str, page: int) -> Block:
        b = new(Block)
        set_type(b, type_)
        set_text(b, text)
        set_lines(b, lines)
        set_role(b, role)
        set_bbox(b, bbox)
        set_reasons(b, reasons)
        set_id(b, id_)
        set_page(b, page)
        return b  # type: ignore[no-any-return]

    return build


#: Builds a ``Block`` from all its fields in order (see ``_block_builder``).
_block = _block_builder()


def _to_block(t: Typed, type_: Optional[str] = None, role: Optional[str] = None, reason: str = "",
              id_: str = "", extra: tuple[str, ...] = ()) -> Block:
    para = t.para
    lines = para.lines
    reasons = t.reasons + ((reason,) if reason else ()) + extra
    if role is None:
        role = t.role
        if role == "author_note" or role == "jump":
            role = None
    return _block(type_ or t.type, t.text, (lines[0].number, lines[-1].number), role, para.bbox, reasons, id_,
                  lines[0].page)


def _made(p: _Pending, id_: str = "") -> Block:
    """The block ``p`` stands for."""
    return _to_block(p.item, p.type, p.role, p.reason, id_, p.extra)


def assemble(items: Sequence[Typed], profile: Profile, params: ArticleParams) -> tuple[list[Article], list[Block]]:
    """Articles in reading order and the page-level blocks."""
    segs = _segments(items)
    _demote_lone_bylines(segs)
    latin = _is_latin_page(items)
    # ``latin-title-before``: Latin-script pages print a title above its text and OCR
    # emits it first; only CJK extractions were seen emitting titles after their body.
    direction = "before" if latin and params.title_position == "auto" else _direction(segs, params)
    drafts: list[_Draft] = []
    page_items: list[tuple[int, Typed]] = []
    run_owner: dict[int, int] = {}
    runs = [s for s in segs if s.kind == "run"]
    order = {id(s): k for k, s in enumerate(segs)}

    def nearest_run(seg_index: int, forward: bool) -> Optional[_Segment]:
        rng = range(seg_index + 1, len(segs)) if forward else range(seg_index - 1, -1, -1)
        for k in rng:
            s = segs[k]
            if s.kind == "run":
                return s if id(s) not in run_owner else None
            if s.kind == "title":
                return None
        return None

    for k, s in enumerate(segs):
        if s.kind == "page":
            page_items.extend(s.items)
        elif s.kind == "photo":
            d = _Draft("photo", photo=list(s.items))
            drafts.append(d)
        elif s.kind == "title":
            first = nearest_run(k, direction == "before")
            if first is None and not latin:
                first = nearest_run(k, direction != "before")
            # (a Latin title never takes the text above it: ``latin-title-before``)
            d = _Draft("article", titles=list(s.items))
            if first is not None:
                run_owner[id(first)] = len(drafts)
                d.runs.append(first)
                d.family = first.family
                across = _flow_across(segs, k)
                if across is not None and first in across:
                    other = across[0] if first is across[1] else across[1]
                    if id(other) not in run_owner:
                        run_owner[id(other)] = len(drafts)
                        d.runs.append(other)
                        d.why[id(other.items[0][1])] = ("flow-across-title: the text runs on across the title "
                                                       "into a column of another measure")
            drafts.append(d)
    # runs without a title: continue the previous article of their family, else stand alone
    title_draft: dict[int, int] = {}  # first item position of a title cluster -> its draft
    for n, d in enumerate(drafts):
        if d.titles:
            title_draft.setdefault(d.titles[0][0], n)
    for s in runs:
        if id(s) in run_owner:
            continue
        target = None
        k = order[id(s)]
        for j in range(k - 1, -1, -1):
            other = segs[j]
            if other.kind == "page" and any(t.type in ("header", "footer") for _, t in other.items):
                # a page header or footer between them: the run begins a new part of the
                # page and does not continue the article before (``page-block-barrier``)
                break
            if latin and other.kind in ("run", "title") and (id(other) in run_owner or other.kind == "title"):
                # ``stream-continuation``: Latin text arrives column after column in
                # reading order, and its column widths are too ragged to tell articles
                # apart: an untitled run continues the article just before it.
                target = run_owner[id(other)] if id(other) in run_owner else title_draft.get(other.start)
                break
            if other.kind == "run" and id(other) in run_owner and (other.family == s.family or s.family is None):
                target = run_owner[id(other)]
                break
        if target is None and not latin:  # Latin text above a title is not that title's
            for j in range(k + 1, len(segs)):
                other = segs[j]
                if other.kind == "run" and id(other) in run_owner and other.family == s.family:
                    target = run_owner[id(other)]
                    break
        if target is None:
            run_owner[id(s)] = len(drafts)
            drafts.append(_Draft("article", runs=[s], family=s.family))
        else:
            run_owner[id(s)] = target
            drafts[target].runs.append(s)
    # author notes, and bylines standing apart from any title, close the article of the
    # run before them
    for k, s in enumerate(segs):
        if s.kind != "note":
            continue
        target = None
        for j in range(k - 1, -1, -1):
            if segs[j].kind == "run" and id(segs[j]) in run_owner:
                target = run_owner[id(segs[j])]
                break
        if target is None:
            page_items.extend(s.items)
            continue
        d = drafts[target]
        for item in s.items:
            t = item[1]
            if t.type == "byline" and t.role != "author_note" and d.titles \
                    and not any(x.type == "byline" for _, x in d.titles):
                # ``byline-to-title``: a name standing apart signs the article; it is
                # printed with the title, so it joins an unsigned title cluster
                d.titles.append(item)
                d.why[id(t)] = "byline-to-title: a name standing apart signs the article; printed with its title"
            else:
                d.notes.append(item)

    drafts = [d for d in drafts if d.titles or d.runs or d.photo or d.notes]
    drafts.sort(key=lambda d: min(d.positions()))
    articles: list[Article] = []
    bid = 0
    for n, d in enumerate(drafts, start=1):
        body_items = [t for r in sorted(d.runs, key=lambda r: r.start) for _, t in r.items]
        titles = [t for _, t in d.titles if t.hint == "title"]
        # (the body text is read only to choose a headline among titles: joined then)
        head_idx = _choose_headline(titles, "".join(map(_TEXT, body_items))) if titles else -1
        kickers: list[_Pending] = []
        headline: list[_Pending] = []
        decks: list[_Pending] = []
        bylines: list[_Pending] = []
        others: list[_Pending] = []
        seen_head = False
        title_pos: dict[int, int] = {}  # id(block) -> the title's place in the stream
        for pos, t in d.titles:
            if t.hint == "title":
                i = titles.index(t)
                if i == head_idx:
                    bucket, block = headline, _Pending(t, "headline", reason="headline-choice: main title")
                    seen_head = True
                elif profile.secondary_title_role == "kicker" or (i < head_idx and direction == "before"):
                    bucket, block = kickers, _Pending(t, "subheadline", "kicker",
                                                      "headline-choice: secondary title is a kicker")
                else:
                    bucket, block = decks, _Pending(t, "subheadline", "deck", "headline-choice: secondary title is a deck")
            elif t.type == "subheadline":
                bucket, block = (decks if seen_head or t.role == "deck" else kickers), _Pending(t)
            elif t.type == "byline":
                bucket, block = bylines, _Pending(t, reason=d.why.get(id(t), ""))
            else:
                bucket, block = others, _Pending(t)
            bucket.append(block)
            title_pos[id(block)] = pos
        title_blocks = kickers + headline + decks + bylines + others
        if latin:
            # ``title-stream-order``: Latin titles stand above their text in the order the
            # page prints them (kicker and deck are named by that order already), so they
            # are emitted in stream order; a title typed outside the headline choice (a
            # one-line sentence box) is not moved behind the headline
            printed = sorted(title_blocks, key=lambda b: title_pos[id(b)])
            # (compared as the blocks they make, as the order test has always been)
            if any(b is not g for b, g in zip(printed, title_blocks)) and \
                    [_made(b) for b in printed] != [_made(b) for b in title_blocks]:
                title_blocks = [b if b is g else b._replace(extra=b.extra + (TITLE_ORDER,))
                                for b, g in zip(printed, title_blocks)]
        numbered = []
        for b in title_blocks:
            bid += 1
            numbered.append(_to_block(b.item, b.type, b.role, b.reason, f"b{bid}", b.extra))
        # body items and notes keep their own type and role: made directly, without a
        # ``_Pending`` each (the body is most of a page's blocks)
        # (``_to_block(t, None, None, why.get(id(t), ""), f"b{bid}")`` written out: one call
        # fewer per body block)
        why = d.why
        for t in body_items:
            bid += 1
            para = t.para
            lines = para.lines
            reason = why.get(id(t))
            role = t.role
            if role == "author_note" or role == "jump":
                role = None
            numbered.append(_block(t.type, t.text, (lines[0].number, lines[-1].number), role, para.bbox,
                                   t.reasons + (reason,) if reason else t.reasons, f"b{bid}", lines[0].page))
        for _, t in d.notes:
            bid += 1
            numbered.append(_to_block(t, id_=f"b{bid}"))
        for b in _photo_blocks([t for _, t in d.photo]):
            bid += 1
            numbered.append(_to_block(b.item, b.type, b.role, b.reason, f"b{bid}", b.extra))
        kind = d.kind if not (d.kind == "photo" and d.runs) else "article"
        # the first headline printed names the article: the chosen one, or a headline typed
        # outside the title choice (an input's own heading, a sentence box above it)
        head_text = next((b.text for b in numbered if b.type == "headline"), None)
        articles.append(Article(id=f"a{n}", kind=kind, blocks=tuple(numbered), headline=head_text,
                                bylines=parse_bylines(numbered, profile)))
    page_blocks = []
    for _, t in sorted(page_items, key=lambda x: x[0]):
        bid += 1
        page_blocks.append(_to_block(t, id_=f"b{bid}"))
    return articles, page_blocks


#: Reason on a title block emitted at a different place than the role grouping would put it.
TITLE_ORDER = "title-stream-order: titles in the order printed"
