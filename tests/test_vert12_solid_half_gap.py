"""``solid-half-gap``: a short CJK line whose gaps are half solid, half wide (names set
solid but spaced apart, ``胡鞍钢 张 新``) keeps its spaces; a letter-spaced title, whose
gaps are all wide, or half wide and half spread, still has none. Synthetic chars."""
from __future__ import annotations

from layoutkit.layout.chars import Char
from layoutkit.layout.lines import build_lines
from layoutkit.params import LayoutParams


def _line(text: str, gaps: list[float], size: float = 10.0) -> list[Char]:
    """``text`` set on one row, ``gaps[k]`` ems between char k and k + 1."""
    chars = []
    x = 100.0
    for k, ch in enumerate(text):
        chars.append(Char(ch, x, 100.0, x + size, 100.0 + size, size, "F", True))
        x += size * (1 + (gaps[k] if k < len(gaps) else 0.0))
    return chars


def _text(chars: list[Char]) -> list[str]:
    return [ln.text for ln in build_lines(chars, LayoutParams())]


def test_half_wide_gaps_are_spaces():
    assert _text(_line("胡鞍钢张新", [0.08, 0.08, 1.17, 1.17])) == ["胡鞍钢 张 新"]


def test_letter_spaced_title_has_no_spaces():
    assert _text(_line("优先发展", [0.9, 0.9, 0.9])) == ["优先发展"]
    assert _text(_line("优先发展教育", [0.9] * 5)) == ["优先发展教育"]


def test_half_wide_half_spread_is_letter_spacing():
    # no gap is solid: the line is spread throughout, its usual gap the wider one
    assert _text(_line("二一二", [0.5, 1.1])) == ["二一二"]
    assert _text(_line("一二三四五", [0.5, 0.5, 1.1, 1.1])) == ["一二三四五"]


def test_mostly_wide_gaps_are_letter_spacing():
    # three wide gaps of five: the usual gap is wide, the line letter-spaced
    assert _text(_line("一二三四五六", [0.08, 0.9, 0.9, 0.9, 0.08])) == ["一二三四五六"]


def test_a_wider_gap_in_a_letter_spaced_line_is_a_space():
    assert _text(_line("优先发展教育", [0.5, 0.5, 1.0, 0.5, 0.5])) == ["优先发 展教育"]
