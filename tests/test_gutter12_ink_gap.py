"""``punctuation-ink-gap``: a gutter next to CJK punctuation in a full-em box is measured
from the ink's side (``layout.lines._ink_hang``), on synthetic rows of chars."""
from __future__ import annotations

from layoutkit.layout import lines as per_char
from layoutkit.layout import runlines
from layoutkit.layout.chars import Char
from layoutkit.params import LayoutParams

SIZE = 8.28
PITCH = 9.42  # People's Daily body: 8.28 pt chars on a 9.42 pt pitch
FONT = "KT"


def _row(text: str, x0: float, top: float = 100.0, width: float = SIZE, pitch: float = PITCH) -> list[Char]:
    return [Char(ch, x0 + k * pitch, top, x0 + k * pitch + width, top + SIZE, SIZE, FONT)
            for k, ch in enumerate(text)]


def _texts(chars: list[Char]) -> list[str]:
    params = LayoutParams()
    got = sorted((ln.x0, ln.text) for ln in per_char.build_lines(chars, params))
    # the run path must give the same lines
    assert sorted((ln.x0, ln.text) for ln in runlines.build_lines(chars, params)) == got
    # (the CJK spacing rule may mark a wide gap inside a line as a space: not under test)
    return [t.replace(" ", "") for _, t in got]


def _gutter(left: str, right: str, gap_ems: float) -> list[Char]:
    """``left`` ending at a column's edge, ``right`` starting the next column; the boxes
    of the row's last char and the next column's first char ``gap_ems`` apart."""
    a = _row(left, 100.0)
    x0 = a[-1].x1 + gap_ems * SIZE
    return a + _row(right, x0)


def test_hanging_comma_and_quote_across_a_narrow_gutter_is_cut():
    # the comma's box ends 1.17 em before the next column's first box: under split_gap
    # (1.2 em), but the comma's ink is in the left half of its box
    assert _texts(_gutter("全面从严治党，", "（总开关）问题。", 1.17)) == ["全面从严治党，", "（总开关）问题。"]
    # the same for a line-end full stop before a plain char, and a plain char before a
    # line-start bracket
    assert _texts(_gutter("问题。", "需要进一步", 1.0)) == ["问题。", "需要进一步"]
    assert _texts(_gutter("全面从严治", "《总开关》", 1.0)) == ["全面从严治", "《总开关》"]


def test_plain_chars_as_close_still_join():
    # no punctuation at the gap: the boxes are the ink's extent, 1.17 em is not a gutter
    assert _texts(_gutter("全面从严治党", "总开关问题", 1.17)) == ["全面从严治党总开关问题"]


def test_only_one_blank_half_is_added():
    # a closing mark and an opening bracket, each a full em, set with wide tracking: two
    # blank halves (1 em) plus 0.15 em stays one line (both halves would read 1.15 + 1.0)
    assert _texts(_gutter("好，", "（是）", 0.15)) == ["好，（是）"]
    # one blank half: a gap that is a gutter once half an em is added
    assert _texts(_gutter("好，", "（是）", 0.75)) == ["好，", "（是）"]


def test_narrow_punctuation_boxes_are_the_ink():
    # a half-width comma (or an ink-tight box) has no blank half: measured as it is
    a = _row("从严治党", 100.0)
    comma = Char("，", a[-1].x0 + PITCH, 100.0, a[-1].x0 + PITCH + 0.45 * SIZE, 100.0 + SIZE, SIZE, FONT)
    b = _row("总开关问题", comma.x1 + 1.0 * SIZE)
    assert _texts(a + [comma] + b) == ["从严治党，总开关问题"]


def test_squeezed_punctuation_inside_a_line_stays_joined():
    # People's Daily squeezes "、" to half an em: the next char's box overlaps its blank half
    chars = _row("十九大精神、", 100.0)
    chars += _row("坚定不移", chars[-1].x0 + 0.59 * PITCH)
    assert _texts(chars) == ["十九大精神、坚定不移"]


def test_latin_quotes_are_left_as_they_were():
    # U+201D/U+201C are not CJK: their width varies by font, no blank half is assumed, and
    # between them the Latin limit applies as before
    assert _texts(_gutter("说“好”", "我们", 1.17)) == ["说“好”我们"]
