"""``same-cell-pair``: two CJK punctuation marks compressed into one cell of a row
(``。《``) overlap almost wholly; they are not a two-char vertical line cut out of the
row. A real vertical stack still is one. Synthetic chars."""
from __future__ import annotations

from layoutkit.layout.chars import make_char
from layoutkit.layout.lines import build_lines, vertical_lines
from layoutkit.params import LayoutParams

SIZE = 8.28
ADVANCE = 9.14


def _row(text: str, x0: float = 9.36, baseline: float = 264.0):
    """``text`` set along a row; the pair ``。《`` shares one cell (the second mark drawn
    1.3 pt right of the first, as squeezed punctuation is)."""
    chars = []
    x = x0
    for i, ch in enumerate(text):
        if ch == "《" and i and text[i - 1] == "。":
            x = chars[-1].x0 + 1.3
        chars.append(make_char(ch, x, x + SIZE, baseline, SIZE, "Song"))
        x += ADVANCE
    return chars


def test_compressed_punctuation_pair_stays_in_its_row():
    chars = _row("命运共同体。《习近平谈治国理政》第")
    verticals, taken = vertical_lines(chars, LayoutParams())
    assert verticals == [] and not taken
    lines = build_lines(chars, LayoutParams())
    assert [ln.text for ln in lines] == ["命运共同体。《习近平谈治国理政》第"]


def test_a_stacked_column_is_still_vertical():
    col = [make_char(ch, 900.0, 900.0 + 30, 120.0 + 33 * k, 30.0, "Hei") for k, ch in enumerate("历史永远眷顾奋进者")]
    verticals, _ = vertical_lines(col, LayoutParams())
    assert [ln.text for ln in verticals] == ["历史永远眷顾奋进者"]


def test_squeezed_marks_in_a_vertical_column_stay_vertical():
    # a half-width mark squeezed against the next char (half an em of overlap) and a
    # same-cell pair ``、「`` inside a vertical column: the column is still one line
    size = 8.0
    cells = [("道", 0.0), ("路", 8.0), ("）", 16.0), ("を", 20.0), ("、", 28.0), ("「", 28.0), ("横", 36.0), ("断", 44.0)]
    col = [make_char(ch, 300.0, 308.0, 100.0 + dy + size, size, "Mincho") for ch, dy in cells]
    verticals, taken = vertical_lines(col, LayoutParams())
    assert len(verticals) == 1 and len(taken) == len(col)
