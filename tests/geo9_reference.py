"""Plain reference code for the geometric fast paths of the ninth round (pdfgeo9): the
functions as they were before, kept for ``tests/test_speed_geo9.py`` to compare against."""
from __future__ import annotations

from typing import Optional, Sequence

from layoutkit import columns
from layoutkit.columns import ShapedLine, TextRegion, _along, _extent, _families, _family_of, _median
from layoutkit.measure import LineShape, shape
from layoutkit.model import Line
from layoutkit.params import ColumnParams


def fit_short_regions(groups, raw):
    """``columns._fit_short_regions`` as first written: every host of the size tried."""
    ext = [_extent(g) for g in groups]
    out = list(raw)
    for i, (shaped, width) in enumerate(raw):
        e = ext[i]
        if len(shaped) > 2 or e is None or shaped[0].line.font_size is None or shaped[0].line.region_type == "vertical":
            continue
        size = shaped[0].line.font_size
        best = None
        for j, (hshaped, hwidth) in enumerate(raw):
            h = ext[j]
            if hwidth is None or len(hshaped) < 3 or j == i or h is None or hshaped[0].line.font_size != size:
                continue
            if h[0] - 0.5 * size <= e[0] and e[2] <= h[2] + 0.5 * size and (h[2] - h[0]) > (e[2] - e[0]):
                dist = min(abs(e[1] - h[3]), abs(h[1] - e[3]))
                if best is None or dist < best[0]:
                    best = (dist, j)
        if best is None:
            continue
        hshaped, hwidth = raw[best[1]]
        h = ext[best[1]]
        scale = (h[2] - h[0]) / hwidth
        fitted = []
        for s in shaped:
            b = s.line.bbox
            assert b is not None  # (as the original: a short region's line without a box stops it)
            w = b.width / scale
            indent = int(round((b.x0 - h[0]) / scale))
            fitted.append(ShapedLine(s.line, LineShape(lo=w, hi=w, cjk=s.shape.cjk, indent=indent, letterspaced=False)))
        out[i] = (fitted, hwidth)
    return out


def geometric_regions(lines: Sequence[Line], params: ColumnParams, letterspace_share: float = 0.6) -> list[TextRegion]:
    """``columns.geometric_regions`` as it was: region by region, line by line."""
    groups: list[list[Line]] = []
    for line in lines:
        if line.is_blank:
            continue
        if groups and groups[-1][0].region == line.region and line.region is not None:
            groups[-1].append(line)
        else:
            groups.append([line])
    raw: list[tuple[list[ShapedLine], Optional[float]]] = []
    for group in groups:
        text_shapes = [shape(ln.text, letterspace_share) for ln in group]
        ratios = [_along(ln.bbox, ln) / s.hi for ln, s in zip(group, text_shapes)
                  if ln.bbox is not None and s.hi >= 3 and _along(ln.bbox, ln) > 0]
        scale = _median(ratios) if ratios else None
        if scale is None:
            raw.append(([ShapedLine(ln, s) for ln, s in zip(group, text_shapes)], None))
            continue
        vertical = group[0].region_type == "vertical"
        left = min((ln.bbox.top if vertical else ln.bbox.x0) for ln in group if ln.bbox is not None)
        right = max((ln.bbox.bottom if vertical else ln.bbox.x1) for ln in group if ln.bbox is not None)
        shaped = []
        for ln, s in zip(group, text_shapes):
            if ln.bbox is None:
                shaped.append(ShapedLine(ln, s))
                continue
            w = _along(ln.bbox, ln) / scale
            indent = int(round(((ln.bbox.top if vertical else ln.bbox.x0) - left) / scale))
            shaped.append(ShapedLine(ln, LineShape(lo=w, hi=w, cjk=s.cjk, indent=indent, letterspaced=False)))
        raw.append((shaped, (right - left) / scale))
    raw = fit_short_regions(groups, raw)
    measures = [(round(w * 2) / 2, len(sh)) for sh, w in raw if w is not None and len(sh) >= max(params.min_run + 1, 3)]
    families = _families(measures, params) if measures else []
    regions = []
    for i, (shaped, width) in enumerate(raw):
        family = _family_of(width, families) if width is not None else None
        if family is None and width is not None and families:
            family = min((f for f, _, _ in families), key=lambda f: abs(f - width))
        if width is not None and len(shaped) < 2 and families and not any(lo - 1 <= width <= hi + 1 for _, lo, hi in families):
            family = None  # a lone short line in its own box: title material
        why = f"input region {shaped[0].line.region}; measure {width:g} em" if width is not None else \
            f"input region {shaped[0].line.region} without geometry"
        regions.append(TextRegion(lines=tuple(shaped), width=width if family is not None else None,
                                  family=family, index=i, reasons=(why,)))
    return regions


def geotype_first_pass(items, profile):
    """``geotype.first_pass`` as it was: paragraph by paragraph, ``evolve`` per item."""
    from layoutkit.geotype import (CAPTION, CAPTION_ABOVE, CREDIT, TITLE_RATIO, _FOOT, _HEAD, _PICTURE_TEXT, _bold,
                                   _region_zone, _runs_on, _style_family)
    from layoutkit.model import evolve
    from layoutkit.noise import is_noise
    from layoutkit.reflow import ends_sentence

    def dominant(lines):
        weights = {}
        for ln in lines:
            if ln.font_size is not None:
                weights[ln.font_size] = weights.get(ln.font_size, 0) + len(ln.text)
        if not weights:
            return None
        return max(weights.items(), key=lambda kv: kv[1])[0]

    body = dominant(ln for t in items for ln in t.para.lines)
    if body is None:
        return items
    out = []
    for k, t in enumerate(items):
        size = dominant(t.para.lines)
        zone = _region_zone(t)
        text = t.text.strip()
        picture = zone if zone in _PICTURE_TEXT else ""
        if picture == CAPTION or picture == CAPTION_ABOVE:
            if profile.match("credit", text):
                t = t.retype("credit", "image-credit: a credit set as a picture's caption")
            elif picture == CAPTION_ABOVE:
                t = t.retype("caption", "image-caption: short text in a caption style right above a picture, "
                                        "nearer to it than to the text above")
            else:
                t = t.retype("caption", "image-caption: short text in a caption style at a picture")
        elif picture == CREDIT:
            t = t.retype("credit", "image-credit: a short line in its own style under a picture's caption")
        elif zone == _HEAD:
            t = t.retype("header", "page-zone: in the page's top margin")
        elif zone == _FOOT:
            if t.type == "credit" or profile.match("credit", text):
                t = t.retype("credit", "page-zone: a credit in the page's bottom margin")
            else:
                t = t.retype("footer", "page-zone: in the page's bottom margin")
        elif size is not None and size >= TITLE_RATIO * body and (len(t.para.lines) <= 3 or len(text) <= 60) and t.type in (
                "body", "headline", "caption", "other") and not (ends_sentence(text, profile) and len(text) > 40) \
                and not is_noise(text):
            t = t.retype("headline", f"title-size: {size / body:.2f} times the body size", hint="title")
        elif t.hint == "title" and size is not None and abs(size - body) <= 0.05 * body and not _bold(t) \
                and t.width is not None:
            t = t.retype("body", "body-size: set in the body size and weight inside a column")
        elif t.hint == "title" and size is not None and abs(size - body) <= 0.05 * body and t.width is not None \
                and k + 1 < len(items) and _runs_on(t, items[k + 1], body, profile):
            # (``bold-lead-in``, a rule added after the fast path: the reference follows it)
            t = t.retype("body", "bold-lead-in: a bold sentence in the body size, ended in the paragraph below")
        out.append(evolve(t, family=_style_family(t, size)))
    return out


def renumber(articles, blocks):
    """``furniture._renumber`` as it was: block by block, ``evolve`` per renamed block."""
    from layoutkit.model import evolve
    bid = 0
    out_arts = []
    for n, a in enumerate(articles, 1):
        numbered = []
        for b in a.blocks:
            bid += 1
            new_id = f"b{bid}"
            numbered.append(b if b.id == new_id else evolve(b, id=new_id))
        art_id = f"a{n}"
        if a.id == art_id and type(a.blocks) is tuple and all(x is y for x, y in zip(numbered, a.blocks)):
            out_arts.append(a)
        else:
            out_arts.append(evolve(a, id=art_id, blocks=tuple(numbered)))
    out_blocks = []
    for b in blocks:
        bid += 1
        new_id = f"b{bid}"
        out_blocks.append(b if b.id == new_id else evolve(b, id=new_id))
    return out_arts, out_blocks
