"""``flush-column-head``: at the head of a column, a short line flush with the column's
left edge goes on the paragraph that ran on at the foot of the column before; the same
line indented by two ems starts a paragraph of its own. Synthetic geometric CJK input."""
from __future__ import annotations

from layoutkit.columns import geometric_regions
from layoutkit.continuation import flush_head
from layoutkit.model import BBox, Line, Paragraph
from layoutkit.params import default_params
from layoutkit.profile import load_profile
from layoutkit.reflow import reflow

SIZE = 8.0
PER_LINE = 16  # characters of a full line
HAN = "天地玄黄宇宙洪荒日月盈昃辰宿列张寒来暑往秋收冬藏闰余成岁律吕调阳云腾致雨露结为霜金生丽水玉出昆冈"


def _han(k: int, n: int) -> str:
    return "".join(HAN[(k + i) % len(HAN)] for i in range(n))


def _line(text: str, number: int, x0: float, top: float, region: str = "r1") -> Line:
    """One line set solid (one em a character) in the layout block ``region``."""
    return Line(text, number, bbox=BBox(x0, top, x0 + len(text) * SIZE, top + SIZE), font_size=SIZE,
                region=region)


def _page(head_indent: float) -> list[Line]:
    """Column A: one paragraph (indented first line, full lines, a full last line that
    does not end its sentence). Column B: the paragraph's short last line at the head,
    ``head_indent`` ems right of the column's edge, then an indented paragraph."""
    lines: list[Line] = []
    top = 100.0
    lines.append(_line(_han(0, PER_LINE - 2), 1, 10.0 + 2 * SIZE, top))
    for k in range(1, 12):
        text = _han(k * 3, PER_LINE - 1) + ("，" if k < 11 else "的")
        lines.append(_line(text, len(lines) + 1, 10.0, top + k * 1.5 * SIZE))
    x_b = 10.0 + (PER_LINE + 2) * SIZE
    lines.append(_line(_han(5, 7) + "。", len(lines) + 1, x_b + head_indent * SIZE, top, "r2"))
    lines.append(_line(_han(9, PER_LINE - 2), len(lines) + 1, x_b + 2 * SIZE, top + 1.5 * SIZE, "r2"))
    for k in range(2, 12):
        text = _han(k * 5, PER_LINE - 1) + ("，" if k < 11 else "。")
        lines.append(_line(text, len(lines) + 1, x_b, top + k * 1.5 * SIZE, "r2"))
    return lines


def _paragraphs(head_indent: float):
    params = default_params()
    regions = geometric_regions(_page(head_indent), params.columns, params.reflow.letterspace_share)
    return reflow(regions, load_profile("zh"), params.reflow).paragraphs


def test_flush_short_head_goes_on_the_paragraph():
    paras = _paragraphs(0.0)
    first = paras[0]
    assert first.text.endswith("的" + _han(5, 7) + "。")
    assert any(r.startswith("flush-column-head") for r in first.reasons)
    assert len(paras) == 2


def test_indented_head_starts_a_paragraph():
    paras = _paragraphs(2.0)
    assert paras[0].text.endswith("的")
    assert paras[1].text == _han(5, 7) + "。"
    assert not any(r.startswith("flush-column-head") for p in paras for r in p.reasons)


def test_flush_head_needs_an_edge_of_the_region():
    params = default_params()
    regions = geometric_regions(_page(0.0), params.columns, params.reflow.letterspace_share)
    col_b = regions[-1]
    head = Paragraph(col_b.lines[0].line.text, (col_b.lines[0].line,), 16.0, col_b.index)
    assert flush_head(col_b, head)
    # the edge is where most lines start: a lone line further left does not move it
    lone = _line(_han(1, 5), 99, col_b.lines[0].line.bbox.x0 - 3 * SIZE, 90.0)
    assert not flush_head(col_b, Paragraph(lone.text, (lone,), 16.0, col_b.index))
