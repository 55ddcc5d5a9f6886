"""Reflow: justification spaces, fake-bold doubles, line joins, paragraph breaks."""
from __future__ import annotations

from layoutkit import parse_text
from layoutkit.measure import letterspaced, shape
from layoutkit.reflow import clean_line, dedupe_fake_bold, join_texts


def test_letterspaced_line_loses_every_cjk_space() -> None:
    line = "支 配 收 入 25108 元 ，同 比 增 长"
    assert letterspaced(line)
    assert clean_line(line, True).text == "支配收入25108元，同比增长"


def test_real_spaces_between_cjk_words_stay() -> None:
    for line in ("利剑斩沉疴 正气清风扬", "本报记者 王薇 通讯员 周川江", "2018年1月2日 星期二"):
        assert not letterspaced(line)
        assert clean_line(line, False).text == line


def test_spaces_between_cjk_and_digits_go() -> None:
    assert clean_line(" 1 月 14 日上午，迎着冬日的暖", False).text == "1月14日上午，迎着冬日的暖"
    assert clean_line("收入 27.36 亿元，农村", False).text == "收入27.36亿元，农村"


def test_latin_spaces_untouched() -> None:
    assert clean_line("Deutſches  Reich.", False).text == "Deutſches Reich."


def test_fake_bold_whole_line_doubles() -> None:
    assert dedupe_fake_bold("77 理论理论").text == "7 理论"
    assert dedupe_fake_bold("朱炳元朱炳元").text == "朱炳元"
    fixed = dedupe_fake_bold("新时代新时代：：发展新方位")
    assert fixed.text == "新时代：发展新方位"
    assert fixed.removed and fixed.removed[0].startswith("fake-bold-double")


def test_fake_bold_leaves_real_reduplication() -> None:
    for text in ("谢谢大家", "天天向上", "人人", "1999"):
        assert dedupe_fake_bold(text).text == text


def test_join_cjk_without_space_latin_with_space() -> None:
    assert join_texts(["二十里店镇实现农村经济总", "收入"], []) == "二十里店镇实现农村经济总收入"
    assert join_texts(["the quick", "brown fox"], []) == "the quick brown fox"


def test_join_removes_line_end_hyphen_before_lowercase() -> None:
    reasons: list[str] = []
    assert join_texts(["die Zei-", "tung"], reasons) == "die Zeitung"
    assert reasons and "dehyphenation" in reasons[0]
    assert join_texts(["Nord-", "Amerika"], []) == "Nord-Amerika"
    assert join_texts(["Deutſch⸗", "Oſt⸗Afrika"], []) == "Deutſch⸗Oſt⸗Afrika"


def test_ambiguous_width_punctuation_is_an_interval() -> None:
    s = shape("“‘金牌主任’，你今天打扮得像")
    assert s.lo < s.hi
    assert s.cjk > 0.7  # curly quotes are not CJK code points


def test_blank_line_mid_sentence_is_repaired() -> None:
    body = ["这一年，州党委始终将巡察作为履行", "全面从严治党职责的重要抓手，全面贯彻",
            "巡视工作方针，坚定不移深化政治巡察，深", "入推进巡视巡察上下联动，督促各级党组",
            "织和党员干部忠诚履职尽责，以实际行动"]
    rest = ["做到“两个维护”，这是州党委的工作重点", "和长期坚持的方向，也是大家一致的看法。"]
    page = parse_text("\n".join(body) + "\n\n" + "\n".join(rest) + "\n")
    bodies = [b for a in page.articles for b in a.blocks if b.type == "body"]
    assert len(bodies) == 1
    assert "以实际行动做到" in bodies[0].text
    assert any("blank-line-repair" in r for r in bodies[0].reasons)


def test_indent_deficit_starts_a_paragraph() -> None:
    text = "\n".join([
        "州党委始终将巡察作为履行全",  # first line: 2 ems short of the 15-em measure
        "面从严治党职责的重要抓手，全面贯",
        "彻巡视工作方针，坚定不移深化政治",
        "巡察工作。",
        "深入推进巡视巡察上下联动，",
        "督促各级党组织和党员干部忠诚履职",
        "尽责，以实际行动做到两个维护。",
    ]) + "\n"
    page = parse_text(text)
    bodies = [b.text for a in page.articles for b in a.blocks if b.type == "body"]
    assert len(bodies) == 2
    assert bodies[1].startswith("深入推进")
