"""The review page: one self-contained HTML file (inline CSS and JS, no network, no external
asset) with the page's source on the left and the reconstructed articles on the right.

* Text input: the source lines, each tinted with the type colour of the block it went to
  (the block whose ``lines`` span holds it; the narrowest span when several do, since a
  paragraph that continues after a text-box break spans lines that belong to others).
* Geometric input: an SVG of the page with every block's box (over the page image when one
  is given, embedded as a ``data:`` URI) and, when the reader's lines have boxes, every
  line's box tinted like the block it went to.

Hovering a block, a source line or a box highlights everything that belongs to the same
block(s) and scrolls the other pane to it. Every string from the input is escaped; block
types reach the markup only as known CSS class names (``palette.css_class``).

The page's script writes the number of rendered block elements into the document title
(``layoutkit review: N blocks``) and the left edge of the article blocks into
``body[data-block-x]``: a headless browser test reads both from the DOM.
"""
from __future__ import annotations

import base64
from html import escape
from pathlib import Path
from typing import Optional, Sequence

from ..model import BLOCK_TYPES, Block, Line, Page
from .frame import page_frame
from .order import Placed, placed_blocks
from .palette import TYPE_COLOURS, css_class, hex_colour

#: Translucency of the type tint behind source lines and inside boxes.
TINT = 0.28

CSS = """
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI","Noto Sans CJK SC","PingFang SC",sans-serif;color:#222;background:#fff}
header{padding:6px 12px;border-bottom:1px solid #ccc;background:#f6f6f6;display:flex;flex-wrap:wrap;gap:6px 14px;align-items:center}
header h1{font-size:15px;margin:0 8px 0 0}
.chip{display:inline-block;padding:0 6px;border-radius:3px;color:#fff;font-size:12px}
main{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);height:calc(100vh - 42px)}
main>section{overflow:auto;padding:8px 12px}
#src{border-right:1px solid #ccc}
.ln{display:flex;white-space:pre-wrap;font-family:ui-monospace,"Noto Sans Mono CJK SC",monospace;font-size:13px}
.ln .no{flex:0 0 4em;color:#999;text-align:right;padding-right:.8em;user-select:none}
.ln .tx{flex:1}
.ln.start{box-shadow:inset 0 2px 0 var(--c)}
svg{width:100%;height:auto;border:1px solid #ddd}
svg rect.bx{stroke-width:var(--sw);fill-opacity:__TINT__}
svg text{font:var(--fs) sans-serif;fill:#fff;pointer-events:none}
svg .lbl{fill-opacity:1;stroke:none}
svg.lines rect.bx{fill-opacity:0}
svg rect.lb{stroke:none;fill-opacity:.35}
svg rect.lb.t-none{fill:#888}
svg rect.lb.hl{fill-opacity:.85;outline:none}
article.art{margin:0 0 18px;padding:6px 8px;background:#fafafa;border:1px solid #e4e4e4;border-radius:4px}
article.art h2{font-size:14px;margin:0 0 6px;color:#444}
.blk{margin:4px 0;padding:3px 8px;border-left:6px solid}
.blk .meta{font-size:11px;color:#555}
.blk .meta b{font-weight:600}
.blk ul{margin:2px 0 0 1.2em;padding:0;font-size:11px;color:#666}
.hl{outline:3px solid #000;outline-offset:-1px}
svg g.hl rect.bx{stroke:#000;fill-opacity:.55}
"""

JS = """
(function(){
  var blocks = document.querySelectorAll('#out .blk');
  document.title = 'layoutkit review: ' + blocks.length + ' blocks';
  if (blocks.length){
    var r = blocks[0].getBoundingClientRect();
    document.body.dataset.blockX = String(Math.round(r.left));
    document.body.dataset.blockY = String(Math.round(r.top));
  }
  // block id -> every element that shows it (a card, source lines, a box)
  var index = {};
  document.querySelectorAll('[data-b]').forEach(function(e){
    e.getAttribute('data-b').split(' ').forEach(function(id){ (index[id] = index[id] || []).push(e); });
  });
  var lit = [], current = null;
  function clear(){ lit.forEach(function(e){ e.classList.remove('hl'); }); lit = []; current = null; }
  function light(from){
    if (from === current) return;
    clear();
    current = from;
    from.getAttribute('data-b').split(' ').forEach(function(id){
      (index[id] || []).forEach(function(e){ e.classList.add('hl'); lit.push(e); });
    });
    var pane = from.closest('section');
    for (var i = 0; i < lit.length; i++){
      if (lit[i].closest('section') !== pane){ lit[i].scrollIntoView({block:'nearest'}); break; }
    }
  }
  document.addEventListener('mouseover', function(ev){
    var e = ev.target.closest ? ev.target.closest('[data-b]') : null;
    if (e) light(e); else clear();
  });
  // #selftest: hover every block card in turn and count those that light up something in
  // the source pane (used by the headless-browser test; harmless otherwise).
  if (location.hash === '#selftest'){
    var ok = 0;
    blocks.forEach(function(b){
      b.dispatchEvent(new MouseEvent('mouseover', {bubbles: true}));
      if (lit.some(function(e){ return e.closest('#src'); })) ok++;
    });
    clear();
    document.body.dataset.selftest = ok + '/' + blocks.length;
  }
})();
"""


def _type_css() -> str:
    rules = []
    for t, rgb in list(TYPE_COLOURS.items()) + [("unknown", (0, 0, 0))]:
        c = hex_colour(rgb)
        r, g, b = rgb
        tint = f"rgba({r},{g},{b},{TINT})"
        rules.append(f".t-{t}{{--c:{c}}} .blk.t-{t}{{border-left-color:{c};background:{tint}}} "
                     f".ln.t-{t}{{background:{tint}}} rect.t-{t}{{stroke:{c};fill:{c}}} .chip.t-{t}{{background:{c}}}")
    return "\n".join(rules)


def _owners(lines: Sequence[Line], blocks: Sequence[Block]) -> dict[int, list[Block]]:
    """For each source line number, the blocks whose ``lines`` span holds it, narrowest
    span first (that block colours the line)."""
    owners: dict[int, list[Block]] = {}
    numbers = {ln.number for ln in lines}
    for b in blocks:
        first, last = b.lines
        for n in range(first, last + 1):
            if n in numbers:
                owners.setdefault(n, []).append(b)
    for n in owners:
        owners[n].sort(key=lambda b: b.lines[1] - b.lines[0])
    return owners


def _source_lines(lines: Sequence[Line], blocks: Sequence[Block]) -> str:
    owners = _owners(lines, blocks)
    out = []
    for ln in lines:
        own = owners.get(ln.number, [])
        cls = f"ln {css_class(own[0].type)}" if own else "ln"
        if own and own[0].lines[0] == ln.number:
            cls += " start"  # a rule above a block's first line: same-type neighbours stay apart
        attr = f' data-b="{escape(" ".join(b.id for b in own))}"' if own else ""
        tip = f' title="{escape(", ".join(f"{b.id} {b.type}" for b in own))}"' if own else ""
        out.append(f'<div class="{cls}"{attr}{tip}><span class="no">{ln.number}</span>'
                   f'<span class="tx">{escape(ln.text)}</span></div>')
    return "\n".join(out)


def _svg(page: Page, placed: Sequence[Placed], image_png: Optional[bytes], lines: Sequence[Line]) -> str:
    """The page as SVG in input units: the page image, then each source line's box tinted
    by its block (when the reader gave line boxes: they show where a block's text really
    is, e.g. a paragraph whose box spans two columns), then each block's box and label."""
    frame = page_frame(page)
    w, h = frame.width, frame.height
    sw = max(w, h) / 500
    fs = max(w, h) / 90
    boxed_lines = [ln for ln in lines if ln.bbox is not None and not ln.is_blank]
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w:g} {h:g}"'
             + (' class="lines"' if boxed_lines else "")
             + f' style="--sw:{sw:.3g};--fs:{fs:.3g}px" role="img" aria-label="page geometry">',
             f'<rect x="0" y="0" width="{w:g}" height="{h:g}" fill="#fff"/>']
    if image_png:
        data = base64.b64encode(image_png).decode("ascii")
        parts.append(f'<image href="data:image/png;base64,{data}" x="0" y="0" width="{w:g}" height="{h:g}" '
                     f'preserveAspectRatio="none"/>')
    owners = _owners(boxed_lines, [p.block for p in placed])
    for ln in boxed_lines:
        own = owners.get(ln.number, [])
        box = ln.bbox
        assert box is not None
        cls = css_class(own[0].type) if own else "t-none"
        attr = f' data-b="{escape(" ".join(b.id for b in own))}"' if own else ""
        parts.append(f'<rect class="lb {cls}"{attr} x="{box.x0:g}" y="{box.top:g}" width="{max(box.width, 0):g}" '
                     f'height="{max(box.height, 0):g}"><title>{ln.number}: {escape(ln.text)}</title></rect>')
    for p in placed:
        box = p.block.bbox
        if box is None:
            continue
        cls = css_class(p.block.type)
        bid = escape(p.block.id)
        parts.append(f'<g data-b="{bid}"><rect class="bx {cls}" x="{box.x0:g}" y="{box.top:g}" '
                     f'width="{max(box.width, 0):g}" height="{max(box.height, 0):g}">'
                     f'<title>{escape(p.label)} {bid} {escape(p.block.type)}</title></rect>'
                     f'<rect class="lbl {cls}" x="{box.x0:g}" y="{box.top:g}" '
                     f'width="{fs * 0.62 * len(p.label) + fs * 0.4:.4g}" '
                     f'height="{fs * 1.2:.4g}"/><text x="{box.x0 + fs * 0.2:.4g}" y="{box.top + fs:.4g}">'
                     f'{escape(p.label)}</text></g>')
    parts.append("</svg>")
    return "".join(parts)


def _block(p: Placed) -> str:
    b = p.block
    role = f"/{escape(b.role)}" if b.role else ""
    span = f"line {b.lines[0]}" if b.lines[0] == b.lines[1] else f"lines {b.lines[0]}–{b.lines[1]}"
    box = f" · [{', '.join(f'{v:g}' for v in b.bbox.to_list())}]" if b.bbox is not None else ""
    reasons = "".join(f"<li>{escape(r)}</li>" for r in b.reasons)
    return (f'<div class="blk {css_class(b.type)}" data-b="{escape(b.id)}">'
            f'<div class="meta"><b>{escape(p.label)}</b> · {escape(b.id)} · <b>{escape(b.type)}{role}</b> · '
            f'{span}{box}</div>'
            f'<div class="tx">{escape(b.text)}</div>'
            + (f"<ul>{reasons}</ul>" if reasons else "") + "</div>")


def _articles(page: Page, placed: Sequence[Placed]) -> str:
    out = []
    for a_no, article in enumerate(page.articles, 1):
        head = escape(article.headline) if article.headline else "<i>(no headline)</i>"
        out.append(f'<article class="art" data-a="{escape(article.id)}"><h2>{a_no} · {escape(article.id)} · '
                   f'{escape(article.kind)} · {head}</h2>')
        out.extend(_block(p) for p in placed if p.article is article)
        out.append("</article>")
    page_level = [p for p in placed if p.article is None]
    if page_level:
        out.append('<article class="art"><h2>page-level blocks</h2>')
        out.extend(_block(p) for p in page_level)
        out.append("</article>")
    return "\n".join(out)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def review_html(page: Page, lines: Optional[Sequence[Line]] = None, *, image_png: Optional[bytes] = None) -> str:
    """The review page of ``page`` as an HTML string.

    ``lines`` are the reader's lines (listed for text input, i.e. when no block has a box;
    drawn as boxes on a geometric page when they have them);
    ``image_png`` is the page image (PNG bytes) to put under the boxes of a geometric page.
    """
    placed = placed_blocks(page)
    has_geometry = any(p.block.bbox is not None for p in placed)
    if has_geometry:
        left = _svg(page, placed, image_png, lines or ())
    elif lines:
        left = _source_lines(lines, [p.block for p in placed])
    else:
        left = "<p><i>No source lines and no geometry to show.</i></p>"
    counts = {t: 0 for t in BLOCK_TYPES}
    for p in placed:
        counts[p.block.type] = counts.get(p.block.type, 0) + 1
    chips = " ".join(f'<span class="chip {css_class(t)}">{escape(t)} {n}</span>' for t, n in counts.items() if n)
    name = Path(page.source.path).name if page.source.path else "(stdin)"
    lang = escape(page.language if page.language and page.language != "und" else "")
    warn = "".join(f"<div>⚠ {escape(w)}</div>" for w in page.warnings)
    summary = (f"{escape(page.source.format)} · {escape(page.profile)} profile · "
               f"{_count(len(page.articles), 'article')} · {_count(len(placed), 'block')}")
    return f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>layoutkit review</title>
<style>{CSS.replace("__TINT__", str(TINT))}
{_type_css()}</style>
</head>
<body data-blocks="{len(placed)}">
<header><h1>{escape(name)}</h1><span>{summary}</span>{chips}{warn}</header>
<main>
<section id="src" aria-label="source">
{left}
</section>
<section id="out" aria-label="articles">
{_articles(page, placed)}
</section>
</main>
<script>{JS}</script>
</body>
</html>
"""
