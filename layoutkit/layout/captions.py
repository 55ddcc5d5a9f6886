"""Captions and credits from pictures: the short text a PDF sets right at an image.

The text rules (``classify``) find captions only by their words (``Photo by``, ``摄``) or
by a credit closing them. A PDF also says where its pictures are, and a caption is the
short text set in its own style right at a picture's edge. For every picture (an image
at least ``photo_min_width`` body sizes wide: narrower ones are portraits of columnists,
icons and logos, whose name line is a byline, not a caption):

* ``image-caption``: the nearest text block below the picture (at least 80% of its width
  within the picture's x-range) or beside it (its top or bottom aligned with the
  picture's within one em: a side caption), within ``caption_gap`` ems of its own size,
  which reads as a caption: short (at most ``caption_max_lines`` lines, below title size)
  and set apart from the body text, smaller than the body size (``< 0.97``) or in another
  typeface family than the body text's (bold or italic of the body face is emphasis, not
  another family). Only the nearest block can be the caption: a byline under a caption
  is not a second one. Blocks of at most two chars (an ornament, a dingbat
  between picture and caption) are passed over. A block drawn over the picture (text on
  a tinted background) is none: it must lie outside the picture (overlap at most half
  an em).
* ``image-caption`` above: a picture with no caption below or beside it may have one
  set above it (some papers put it there): the nearest block above the picture (at least
  80% of its width within the picture's x-range), within ``caption_gap`` ems, that reads
  as a caption and hugs the picture: any text above it lies farther from it than the
  picture does (a byline or the last line of the article above sits closer to its own
  text than to the picture below it).
* ``image-credit``: one line right under that caption, within ``credit_gap``
  ems, set smaller than the caption or in another typeface, of at most
  ``credit_max_chars`` chars (``Foto Ansa``, ``REUTERS``, ``新华社记者 某某 摄``).

* ``image-caption-inset``: a picture with no caption below or beside it may carry its
  caption inside its own box, in the white margin at its foot (a cartoon's label, an
  infographic's source line): the blocks lying within the picture's box (at least 80% of
  their width within its x-range) whose bottom is within ``INSET_FOOT`` ems of the
  picture's bottom edge, when no other text lies within the picture's box (text drawn
  over the rest of it makes a composition, an advertisement or a panel, whose foot line
  is its own text, not a caption). The nearest one to that edge that reads as a caption is the
  caption (drawn text reaching the picture's foot, not a label in its middle); a one-line
  block of at most ``credit_max_chars`` chars on the same row (tops within half an em)
  is its credit (``某某作``, the artist's line set at the other end of the foot).
* ``image-credit-line``: a caption whose last line is set in another typeface family
  than all its other lines, itself at most ``credit_max_chars`` chars, ends in its credit
  line (``新华社记者 某某摄`` set in the body face under a caption set in another): the
  line spacing did not part them, the typeface does. The caption is split in two
  blocks, the caption and its credit.

* ``image-title``: a block set at title size (``title_ratio`` body sizes) right above a
  captioned picture (or above its caption set above it), within ``caption_gap`` body
  sizes, at least 80% of its width within the picture's x-range, with no text between,
  and no text of body size under the caption within ``caption_gap`` body sizes in the
  picture's width: the picture and caption are its whole story (a photo story), and
  its headline joins their ``photo`` article instead of opening an article of its own.
  Not a block with a larger title right above it (that is a headline's byline or deck).
  A short block (at most two lines) right above that headline, set smaller, within the
  picture's width, is its kicker and goes with it.

The tags travel as the lines' ``region_type`` and are typed in ``geotype`` (``caption``,
``credit`` where the credit pattern matches or the layout found a credit line), and
``articles`` makes a caption with its credit (and a photo story's headline) an article
of kind ``photo``.
"""
from __future__ import annotations

import bisect
from dataclasses import replace
from typing import Optional, Sequence

from ..params import LayoutParams
from .blocks import TextBlock, block_of
from .chars import Rule

#: Tags put on the blocks (``TextBlock.zone``), read back by ``geotype``.
CAPTION = "image-caption"
#: A caption found above its picture (typed like ``CAPTION``, its reason says where).
CAPTION_ABOVE = "image-caption-above"
CREDIT = "image-credit"
#: How far (in the block's ems) an inset caption's bottom may lie above its picture's
#: bottom edge: the picture's white foot margin, not a label drawn in its middle.
INSET_FOOT = 1.5
#: The headline of a photo story: it goes with the picture's caption into one article.
TITLE = "image-title"


def _family(font: str) -> str:
    """The typeface family of a font name: subset prefix and style suffix dropped
    (``ABCDEF+EugenioText-Bold`` -> ``EugenioText``): bold and italic of the body face
    are emphasis, not another style."""
    name = font.split("+", 1)[-1]
    for sep in ("-", ","):
        name = name.split(sep, 1)[0]
    return name


def _body_family(blocks: Sequence[TextBlock]) -> str:
    """The typeface most of the page's characters are set in (counted per font name, then
    per family: a page has a few fonts and thousands of lines; the families come in the
    order of their first line, as counting line by line would have them)."""
    by_font: dict[str, int] = {}
    for b in blocks:
        for ln in b.lines:
            by_font[ln.font] = by_font.get(ln.font, 0) + ln.nchars
    counts: dict[str, int] = {}
    for font, n in by_font.items():
        f = _family(font)
        counts[f] = counts.get(f, 0) + n
    return max(counts.items(), key=lambda kv: kv[1])[0] if counts else ""


class _Sides:
    """The blocks that may sit at a picture's side within ``caption_gap`` ems (``_along``
    answers for at most these), found by bisection in the blocks' sorted tops and
    bottoms instead of asking ``_along`` of every block of the page for every picture
    and side (an OCR page has ~2,000 blocks).

    ``_along`` measures in the block's own em: a block whose size is not a positive
    finite number, or whose box is not finite, is always a candidate; for the others
    the windows are widened by the largest such em and a relative pad (the bounds are
    computed in another order than ``_along``'s gap)."""

    def __init__(self, blocks: Sequence[TextBlock], caption_gap: float) -> None:
        n = len(blocks)
        ems = [b.size for b in blocks]
        boxes = [(b.x0, b.top, b.x1, b.bottom) for b in blocks]
        plain = [k for k in range(n) if ems[k] > 0.0 and ems[k] - ems[k] == 0.0
                 and sum(boxes[k]) - sum(boxes[k]) == 0.0]
        self.always = sorted(set(range(n)).difference(plain))
        self.em = max((ems[k] for k in plain), default=0.0)
        self.gap = caption_gap
        self.by_top = sorted(plain, key=lambda k: boxes[k][1])
        self.tops = [boxes[k][1] for k in self.by_top]
        self.by_bottom = sorted(plain, key=lambda k: boxes[k][3])
        self.bottoms = [boxes[k][3] for k in self.by_bottom]

    @staticmethod
    def _range(keys: list[float], ids: list[int], lo: float, hi: float) -> list[int]:
        pad = 1e-6 * (abs(lo) + abs(hi) + 1.0)
        return ids[bisect.bisect_left(keys, lo - pad):bisect.bisect_right(keys, hi + pad)]

    def candidates(self, img: Rule, side: str) -> list[int]:
        """Positions of the blocks ``_along(b, img, side)`` may place within the gap, in
        page order (a superset: ``_along`` decides)."""
        em, gap = self.em, self.gap
        if side == "below":  # 0.5 em above the picture's bottom to ``gap`` ems below it
            found = self._range(self.tops, self.by_top, img.bottom - 0.5 * em, img.bottom + gap * em)
        elif side == "above":
            found = self._range(self.bottoms, self.by_bottom, img.top - gap * em, img.top + 0.5 * em)
        else:  # top or bottom within one em of the picture's
            found = self._range(self.tops, self.by_top, img.top - em, img.top + em) + \
                self._range(self.bottoms, self.by_bottom, img.bottom - em, img.bottom + em)
        return sorted({*found, *self.always})


def _block_family(b: TextBlock) -> str:
    counts: dict[str, int] = {}
    for ln in b.lines:
        f = _family(ln.font)
        counts[f] = counts.get(f, 0) + ln.nchars
    return max(counts.items(), key=lambda kv: kv[1])[0] if counts else ""


def _chars(b: TextBlock) -> int:
    return sum(ln.nchars for ln in b.lines)


def _captionish(b: TextBlock, body: float, family: str, params: LayoutParams) -> bool:
    """Short and set apart from the body text (see the module docstring)."""
    if b.vertical or b.zone or len(b.lines) > params.caption_max_lines or b.size >= params.title_ratio * body:
        return False
    return b.size < 0.97 * body or _block_family(b) != family


#: Where a caption may sit at its picture, in the order they are tried: below it, beside
#: it, and above it only for a picture that has neither.
_SIDES = ("below", "beside", "above")


def _along(b: TextBlock, img: Rule, side: str) -> Optional[float]:
    """The gap in ems between picture and block when the block sits right below the
    picture (``below``: at least 80% of its width within the picture's x-range; a
    chart's source line may run a little wider than the chart), right above it
    (``above``, the same) or beside it, aligned with its top or bottom edge within one
    em (a side caption); else None."""
    em = b.size
    if side != "beside":
        if min(b.x1, img.x1) - max(b.x0, img.x0) < 0.8 * (b.x1 - b.x0):
            return None
        gap = b.top - img.bottom if side == "below" else img.top - b.bottom
    else:
        if abs(b.top - img.top) > em and abs(b.bottom - img.bottom) > em:
            return None
        if b.x0 >= img.x1 - 0.5 * em:
            gap = b.x0 - img.x1
        elif b.x1 <= img.x0 + 0.5 * em:
            gap = img.x0 - b.x1
        else:
            return None
    return gap / em if gap >= -0.5 * em else None


def tag_captions(blocks: Sequence[TextBlock], images: Sequence[Rule], body: float,
                 params: LayoutParams) -> list[TextBlock]:
    """``blocks`` with the captions and credits of the page's pictures tagged in their
    ``zone`` and reasons (see the module docstring); other blocks unchanged."""
    photos = [im for im in images if im.x1 - im.x0 >= params.photo_min_width * body
              and im.bottom - im.top >= params.photo_min_width * body / 4]
    if not photos or not blocks:
        return list(blocks)
    family = _body_family(blocks)
    index = _Sides(blocks, params.caption_gap)
    tags: dict[int, tuple[str, str]] = {}
    captioned: list[tuple[Rule, int]] = []  # each picture with a caption, and that caption
    for img in photos:
        found = False
        for side in _SIDES:
            if side == "above" and found:
                break
            near = []
            for k in index.candidates(img, side):
                b = blocks[k]
                if k in tags or b.zone:
                    continue
                gap = _along(b, img, side)
                if gap is not None and gap <= params.caption_gap:
                    near.append((gap, k))
            near.sort()
            for gap, k in near:
                b = blocks[k]
                if _chars(b) <= 2:
                    continue  # an ornament between picture and caption
                if _captionish(b, body, family, params) and (side != "above" or _hugs(b, gap * b.size, blocks)):
                    found = True
                    captioned.append((img, k))
                    if side == "above":  # (no credit looked for under it: the picture is there)
                        tags[k] = (CAPTION_ABOVE, "image-caption: short text in a caption style above a picture, "
                                                  "nearer to it than to any text above")
                    else:
                        tags[k] = (CAPTION, f"image-caption: short text in a caption style {side} a picture")
                        _tag_credit(blocks, k, tags, params)
                break  # only the nearest text can be the caption
        if not found:
            cap = _tag_inset(blocks, img, tags, body, family, params)
            if cap is not None:
                captioned.append((img, cap))
    for img, cap in captioned:
        _tag_title(blocks, img, cap, tags, body, params)
    if not tags:
        return list(blocks)
    out: list[TextBlock] = []
    for k, b in enumerate(blocks):
        if k not in tags:
            out.append(b)
            continue
        zone, reason = tags[k]
        split = _credit_line(b, params) if zone == CAPTION else None
        if split is None:
            out.append(replace(b, zone=zone, reasons=b.reasons + (reason,)))
            continue
        cap, credit = split
        out.append(replace(cap, zone=zone, reasons=b.reasons + (reason,)))
        out.append(replace(credit, zone=CREDIT, reasons=b.reasons + (
            "image-credit-line: a caption's last line set in another typeface than all its other lines",)))
    return out


def _credit_line(b: TextBlock, params: LayoutParams) -> Optional[tuple[TextBlock, TextBlock]]:
    """``image-credit-line``: the caption ``b`` parted from its last line, when that line
    is set in another typeface family than every other line of it and is short enough
    for a credit (see the module docstring); else None."""
    if len(b.lines) < 2 or not 0 < b.lines[-1].nchars <= params.credit_max_chars:
        return None
    fam = _family(b.lines[-1].font)
    if any(_family(ln.font) == fam for ln in b.lines[:-1]):
        return None
    return block_of(b.lines[:-1], b.vertical, b.reasons), block_of(b.lines[-1:], b.vertical, b.reasons)


def _tag_inset(blocks: Sequence[TextBlock], img: Rule, tags: dict[int, tuple[str, str]], body: float,
               family: str, params: LayoutParams) -> Optional[int]:
    """``image-caption-inset``: the caption set inside the picture's box at its foot, and
    the credit on its row (see the module docstring); the caption's position or None."""
    foot = []
    for k, b in enumerate(blocks):
        if k in tags or b.zone or b.top < img.top or b.bottom > img.bottom + 0.5 * b.size:
            continue
        if min(b.x1, img.x1) - max(b.x0, img.x0) < 0.8 * (b.x1 - b.x0):
            continue
        if not b.vertical and img.bottom - b.bottom <= INSET_FOOT * b.size:
            foot.append((img.bottom - b.bottom, k))
        else:
            return None  # text drawn elsewhere over the picture: a composition (an ad), no caption's margin
    foot.sort()
    for _, k in foot:
        b = blocks[k]
        if _chars(b) <= 2 or not _captionish(b, body, family, params):
            continue
        tags[k] = (CAPTION, "image-caption-inset: short text in a caption style inside a picture's box, at its foot")
        for _, j in foot:
            o = blocks[j]
            if j != k and j not in tags and len(o.lines) == 1 and _chars(o) <= params.credit_max_chars \
                    and abs(o.top - b.top) <= 0.5 * b.size:
                tags[j] = (CREDIT, "image-caption-inset: a short line on the row of a picture's inset caption")
                break
        return k
    return None


def _tag_title(blocks: Sequence[TextBlock], img: Rule, cap: int, tags: dict[int, tuple[str, str]], body: float,
               params: LayoutParams) -> None:
    """``image-title``: the headline of a photo story (see the module docstring)."""
    c = blocks[cap]
    # the picture's top, or its caption's when that is set above it
    top = min(img.top, c.top)
    lo, hi = min(img.x0, c.x0), max(img.x1, c.x1)
    best = None
    for k, b in enumerate(blocks):
        if k in tags or b.zone or b.vertical or b.size < params.title_ratio * body:
            continue
        gap = top - b.bottom
        if not -0.5 * body <= gap <= params.caption_gap * body:
            continue
        if min(b.x1, hi) - max(b.x0, lo) < 0.8 * (b.x1 - b.x0):
            continue
        if best is None or gap < best[0]:
            best = (gap, k)
    if best is None:
        return
    gap, k = best
    t = blocks[k]
    # nothing between the title and the picture, and no text running on under the caption
    # in the picture's width: the picture and its caption are all the title's story
    under = max(img.bottom, c.bottom)
    for j, b in enumerate(blocks):
        if j == k or j == cap or min(b.x1, hi) - max(b.x0, lo) <= 0:
            continue
        if t.bottom - 0.5 * body < b.top and b.bottom < top + 0.5 * body:
            return  # text between the title and the picture
        if under - 0.5 * body < b.top <= under + params.caption_gap * body and b.size < params.title_ratio * body \
                and j not in tags:
            return  # text under the caption: the picture illustrates an article
    for j, b in enumerate(blocks):
        if j != k and b.size > t.size and min(b.x1, t.x1) - max(b.x0, t.x0) > 0 \
                and -0.5 * body <= t.top - b.bottom <= params.caption_gap * body:
            return  # a larger title right above: the block is its byline or deck
    tags[k] = (TITLE, "image-title: title-size text right above a captioned picture, within its width, "
                      "with no text under the caption")
    # its kicker: a short line right above it, smaller, within the picture's width
    kicker = None
    for j, b in enumerate(blocks):
        if j in tags or b.zone or b.vertical or len(b.lines) > 2 or b.size >= t.size \
                or min(b.x1, hi) - max(b.x0, lo) < 0.8 * (b.x1 - b.x0):
            continue
        gap = t.top - b.bottom
        if -0.5 * body <= gap <= params.caption_gap * body and (kicker is None or gap < kicker[0]):
            kicker = (gap, j)
    if kicker is not None:
        tags[kicker[1]] = (TITLE, "image-title: the kicker right above a photo story's headline")


def _hugs(b: TextBlock, gap: float, blocks: Sequence[TextBlock]) -> bool:
    """No text block above ``b`` (overlapping it in x) lies within ``gap`` points of it,
    the distance from ``b`` down to its picture: a caption above a picture sits nearer to
    the picture than to the text above it."""
    for o in blocks:
        if o is b or o.bottom > b.top + 0.5 * b.size or min(o.x1, b.x1) - max(o.x0, b.x0) <= 0:
            continue
        if b.top - o.bottom <= max(gap, 0.0):
            return False
    return True


def _tag_credit(blocks: Sequence[TextBlock], cap: int, tags: dict[int, tuple[str, str]],
                params: LayoutParams) -> None:
    """``image-credit``: the one-line block right under the caption, smaller or in
    another typeface (see the module docstring)."""
    c = blocks[cap]
    fam = _block_family(c)
    for k, b in enumerate(blocks):
        if k in tags or b.zone or len(b.lines) != 1 or _chars(b) > params.credit_max_chars:
            continue
        em = b.size
        gap = b.top - c.bottom
        if not (-0.5 * em <= gap <= params.credit_gap * em) or b.x1 <= c.x0 or b.x0 >= c.x1 + em:
            continue
        if b.size < 0.95 * c.size or _block_family(b) != fam:
            tags[k] = (CREDIT, "image-credit: one short line in its own style under a picture's caption")
            return
