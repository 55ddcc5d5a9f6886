"""The HTML review page: structure and escaping (parsed in Python), self-containment, and a
headless-Chromium run that counts the rendered blocks from the DOM and from a screenshot."""
from __future__ import annotations

import io
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from layoutkit import Article, Block, Page, Source, parse_text
from layoutkit.cli import main
from layoutkit.visual.load import load_page
from layoutkit.visual.palette import TYPE_COLOURS
from layoutkit.visual.review import review_html

from .visual_pages import boxed_page, column_lines, pipeline_page

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "fixtures" / "seed-zh.txt"
CHROMIUM = Path("/usr/bin/chromium")

SMALL_TEXT = """Council approves the new bridge

By JOHN SMITH

The council met on Tuesday evening and, after a long debate that ran well
past midnight, voted by nine to four to approve the plan for a new bridge
across the river.
  Work is expected to begin in the spring. The mayor said the bridge would
be finished within two years and would cost less than the old ferry did.
"""


class Elements(HTMLParser):
    """Collects every start tag with its attributes, and the text of <title>."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {k: v or "" for k, v in attrs}))
        self._in_title = tag == "title"

    def handle_endtag(self, tag):
        self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data

    def with_class(self, name: str) -> list[dict[str, str]]:
        return [a for _, a in self.tags if name in a.get("class", "").split()]


def parsed(html: str) -> Elements:
    p = Elements()
    p.feed(html)
    return p


def test_text_review_colours_every_source_line_by_its_block():
    loaded = load_page(str(SEED))
    page = loaded.page
    html = review_html(page, loaded.lines)
    doc = parsed(html)
    blocks = list(page.iter_blocks())
    cards = doc.with_class("blk")
    assert [c["data-b"] for c in cards] == [b.id for b in blocks]
    lines = doc.with_class("ln")
    assert len(lines) == len(loaded.lines)
    # A line inside exactly one block's span is tinted with that block's type.
    by_id = {b.id: b for b in blocks}
    checked = 0
    for attrs in lines:
        ids = attrs.get("data-b", "").split()
        if len(ids) == 1:
            assert f"t-{by_id[ids[0]].type}" in attrs["class"].split()
            checked += 1
    assert checked > len(lines) / 2
    # Every block's first line in the source is reachable from the block (hover target).
    owned = {i for a in lines for i in a.get("data-b", "").split()}
    assert owned == {b.id for b in blocks}


def test_everything_from_the_input_is_escaped():
    evil = '<script>alert("x")</script> & <b>bold</b> "quoted"'
    block = Block("body", evil, (1, 1), id='b1"><img src=x onerror=alert(1)>', reasons=(evil,), role="<i>")
    page = Page(source=Source(format="text", path='<p>"name".txt'), language="en",
                articles=(Article(id="<a1>", kind="article", blocks=(block,), headline=evil),))
    from layoutkit import Line
    html = review_html(page, [Line(evil, 1)])
    assert "<script>alert" not in html and "<img" not in html and "<b>bold" not in html
    doc = parsed(html)
    assert [t for t, _ in doc.tags].count("script") == 1  # ours only
    assert not any(t == "img" for t, _ in doc.tags)
    assert evil.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;") in html


def test_self_contained():
    loaded = load_page(str(SEED))
    html = review_html(loaded.page, loaded.lines)
    doc = parsed(html)
    assert not any(t in ("link", "iframe", "object", "embed") for t, _ in doc.tags)
    assert not any("src" in a for _, a in doc.tags)
    # the only URL is the SVG namespace name, which is never fetched
    assert set(re.findall(r"https?://[^\s\"'<>)]+", html)) <= {"http://www.w3.org/2000/svg"}


def test_geometry_review_has_a_box_per_block_and_the_embedded_image():
    from PIL import Image

    page = boxed_page(Source(format="pdf", path="x.pdf", unit="pt", width=1017, height=1438))
    buf = io.BytesIO()
    Image.new("RGB", (10, 14), (250, 250, 250)).save(buf, format="PNG")
    html = review_html(page, None, image_png=buf.getvalue())
    doc = parsed(html)
    boxes = doc.with_class("bx")
    assert len(boxes) == len(list(page.iter_blocks())) == 9
    assert ("image", ) == tuple(t for t, _ in doc.tags if t == "image")
    assert html.count("data:image/png;base64,") == 1
    svg = [a for t, a in doc.tags if t == "svg"][0]
    assert svg["viewbox"] == "0 0 1017 1438"
    first = boxes[0]
    assert (first["x"], first["y"], first["width"], first["height"]) == ("60", "110", "580", "60")


def test_geometry_review_draws_each_line_box_tinted_by_its_block():
    page, lines = pipeline_page(), column_lines()
    doc = parsed(review_html(page, lines))
    line_boxes = doc.with_class("lb")
    assert len(line_boxes) == len(lines)
    spans = {b.id: b.lines for b in page.iter_blocks()}
    types = {b.id: b.type for b in page.iter_blocks()}
    for ln, attrs in zip(lines, line_boxes):
        (bid,) = attrs["data-b"].split()
        assert spans[bid][0] <= ln.number <= spans[bid][1]
        assert f"t-{types[bid]}" in attrs["class"].split()
        assert attrs["x"] == f"{ln.bbox.x0:g}"
    assert [t for t, a in doc.tags if t == "svg"] and "lines" in [a for t, a in doc.tags if t == "svg"][0]["class"]


def test_cli_review_writes_the_file(tmp_path):
    out = tmp_path / "r.html"
    assert main(["review", str(SEED), "-o", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and html.rstrip().endswith("</html>")
    assert main(["review", str(tmp_path / "none.txt"), "-o", str(out)]) == 1


# --- headless Chromium ---------------------------------------------------------------

needs_chromium = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="headless Chromium not installed (/usr/bin/chromium missing): run .ci/install-chromium.sh")

WINDOW = (1200, 1500)


def chromium(tmp_path: Path, html_file: Path, *mode: str, fragment: str = "") -> str:
    profile = tmp_path / "chromium-profile"
    cmd = [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
           "--disable-component-update", "--no-first-run", "--disable-extensions", "--hide-scrollbars",
           "--force-device-scale-factor=1", f"--window-size={WINDOW[0]},{WINDOW[1]}",
           f"--user-data-dir={profile}", *mode, html_file.as_uri() + fragment]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def dom_facts(tmp_path: Path, html_file: Path) -> tuple[int, int, int, str]:
    """(blocks counted by the page's script, left edge and top of the first block card,
    the hover self-test's result) from the DOM after the script ran."""
    dom = chromium(tmp_path, html_file, "--dump-dom", fragment="#selftest")
    count = re.search(r"<title>layoutkit review: (\d+) blocks</title>", dom)
    x = re.search(r'data-block-x="(\d+)"', dom)
    y = re.search(r'data-block-y="(\d+)"', dom)
    selftest = re.search(r'data-selftest="([^"]*)"', dom)
    assert count and x and y and selftest, dom[:500]
    return int(count.group(1)), int(x.group(1)), int(y.group(1)), selftest.group(1)


def count_border_runs(png: Path, x: int, top: int) -> int:
    """Vertical runs of exact type-coloured pixels in column ``x`` of a screenshot, from
    ``top`` down (below the header's type chips): each block card has a 6-px left border
    in its type colour, and cards are spaced apart."""
    from PIL import Image

    colours = set(TYPE_COLOURS.values())
    with Image.open(png) as im:
        im = im.convert("RGB")
        runs, inside, length = 0, False, 0
        for y in range(top, im.height):
            hit = im.getpixel((x, y)) in colours
            if hit:
                length += 1
            elif inside and length >= 3:
                runs += 1
            if not hit:
                length = 0
            inside = hit
        if inside and length >= 3:
            runs += 1
    return runs


@needs_chromium
def test_chromium_counts_the_seed_pages_blocks_and_hover_reaches_the_source(tmp_path):
    loaded = load_page(str(SEED))
    html_file = tmp_path / "seed.html"
    html_file.write_text(review_html(loaded.page, loaded.lines), encoding="utf-8")
    dom = chromium(tmp_path, html_file, "--dump-dom", fragment="#selftest")
    n = len(list(loaded.page.iter_blocks()))
    assert f"<title>layoutkit review: {n} blocks</title>" in dom
    # The page's self-test hovered every block card: each lit up its source lines.
    assert f'data-selftest="{n}/{n}"' in dom


@needs_chromium
@pytest.mark.parametrize("kind", ["text", "geometry"])
def test_chromium_screenshot_shows_one_card_per_block(tmp_path, kind):
    from PIL import Image

    if kind == "text":
        page = parse_text(SMALL_TEXT, profile="en", path="small.txt")
        from layoutkit.readers.text import read_lines
        html = review_html(page, read_lines(SMALL_TEXT))
    else:
        page = boxed_page(Source(format="alto", path="boxes.alto.xml", unit="pixel", width=1017, height=1438))
        html = review_html(page)
    expected = len(list(page.iter_blocks()))
    assert expected >= 3
    html_file = tmp_path / f"{kind}.html"
    html_file.write_text(html, encoding="utf-8")
    count, x, y, selftest = dom_facts(tmp_path, html_file)
    assert count == expected
    assert selftest == f"{expected}/{expected}"  # hovering each card lit its lines / its box
    shot = tmp_path / f"{kind}.png"
    chromium(tmp_path, html_file, f"--screenshot={shot}")
    assert count_border_runs(shot, x + 2, y) == expected
    if kind == "geometry":
        # The boxes' label tabs are drawn in the exact type colours in the left pane.
        with Image.open(shot) as im:
            left = im.convert("RGB").crop((0, 0, x - 20, im.height))
            present = {c for _, c in left.getcolors(maxcolors=1 << 20)}
        for b in page.iter_blocks():
            assert TYPE_COLOURS[b.type] in present, b.type
