"""Unit tests of the layout analysis stages (chars -> lines -> blocks -> reading order)."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from layoutkit.layout.blocks import build_blocks
from layoutkit.layout.chars import PageContent, dedupe, make_char
from layoutkit.layout.lines import build_lines
from layoutkit.layout.order import reading_order
from layoutkit.params import LayoutParams

P = LayoutParams()


def row(text: str, x: float, baseline: float, size: float = 10.0, advance: float = 1.0, font: str = "F") -> list:
    """Chars of ``text`` on one baseline, each ``advance`` ems apart (a space skips one)."""
    out = []
    for k, ch in enumerate(text):
        if ch != " ":
            x0 = x + k * advance * size
            width = size if ord(ch) > 0x2E80 else 0.5 * size
            out.append(make_char(ch, x0, x0 + width, baseline, size, font))
    return out


def test_dedupe_removes_overprinted_doubles_only():
    chars = row("理论", 0, 20) + row("理论", 0.5, 20.4) + row("理论", 40, 20)
    kept, removed = dedupe(chars)
    assert removed == 2
    assert [c.x0 for c in kept] == [0.0, 10.0, 40.0, 50.0]


def test_cjk_justification_gaps_are_not_spaces_but_wide_gaps_are():
    chars = row("支配收入", 0, 20, advance=1.2)  # 0.2 em justification gaps
    lines = build_lines(chars, P)
    assert [ln.text for ln in lines] == ["支配收入"]
    title = row("新目标", 0, 60, advance=1.0) + row("谱写", 3.6 * 10, 60)
    assert sorted(ln.text for ln in build_lines(title, P)) == ["新目标 谱写"]


def test_latin_word_gaps_are_spaces_and_gutters_split_lines():
    chars = [make_char(c, 5.0 * i, 5.0 * i + 5, 20, 10, "F") for i, c in enumerate("ab cd") if c != " "]
    chars += [make_char(c, 200 + 5.0 * i, 205 + 5.0 * i, 20, 10, "F") for i, c in enumerate("ef")]
    texts = sorted(ln.text for ln in build_lines(chars, P))
    assert texts == ["ab cd", "ef"]


def test_staggered_baselines_stay_in_their_columns():
    chars = row("一二三四五", 0, 20) + row("六七八九十", 70, 24)
    lines = build_lines(chars, P)
    assert sorted(ln.text for ln in lines) == ["一二三四五", "六七八九十"]


def test_vertical_cjk_title_is_read_top_to_bottom():
    title = [make_char(ch, 300, 330, 40 + 32 * k, 30, "HT") for k, ch in enumerate("意气风发")]
    lines = build_lines(title, P)
    assert len(lines) == 1 and lines[0].vertical and lines[0].text == "意气风发"


def _page(chars, w=600, h=800):
    return PageContent(1, w, h, tuple(chars))


def _order(chars, w=600, h=800):
    lines = build_lines(chars, P)
    blocks = build_blocks(lines, (), P, title_size=13)
    return [b.lines[0].text for b in reading_order(blocks, _page(chars, w, h), 10.0, P)]


def test_reading_order_columns_under_a_spanning_headline_then_next_article():
    chars = row("大标题横跨两栏", 100, 100, size=30)
    for k in range(5):  # two columns of the first article
        chars += row("甲栏正文文字内容", 40, 160 + 12 * k)
        chars += row("乙栏正文文字内容", 240, 160 + 12 * k)
    chars += row("第二篇标题", 100, 300, size=30)
    for k in range(5):
        chars += row("丙栏正文文字内容", 40, 360 + 12 * k)
        chars += row("丁栏正文文字内容", 240, 360 + 12 * k)
    order = _order(chars)
    assert order == ["大标题横跨两栏", "甲栏正文文字内容", "乙栏正文文字内容",
                     "第二篇标题", "丙栏正文文字内容", "丁栏正文文字内容"]


@settings(max_examples=30, deadline=None)
@given(st.permutations(list(range(12))))
def test_line_building_ignores_drawing_order(perm):
    """Shuffling the PDF's drawing order never changes the lines (the point of doing our
    own analysis)."""
    base = row("一二三四五六", 0, 20) + row("七八九十", 0, 32) + row("壹贰", 200, 20)
    shuffled = [base[i] for i in perm]
    key = lambda lines: sorted((round(ln.top), round(ln.x0), ln.text) for ln in lines)  # noqa: E731
    assert key(build_lines(shuffled, P)) == key(build_lines(base, P))
