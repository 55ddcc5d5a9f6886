"""``spread-title-wrap``: in a text export, an intertitle wrapped over two lines comes as
two boxes, a letter-spaced first line and a solid last line; they are one title. A spread
one-line headline followed by its author's name is no wrap. Synthetic text pages."""
from __future__ import annotations

from layoutkit.pipeline import parse_text

HAN = "天地玄黄宇宙洪荒日月盈昃辰宿列张寒来暑往秋收冬藏闰余成岁律吕调阳云腾致雨露结为霜金生丽水玉出昆冈"


def _body() -> str:
    """Two paragraphs of a body column as pdfminer prints them: full lines of 15
    characters, some solid and some spread by justification, a short last line."""
    out = []
    for p in range(2):
        for k in range(6):
            line = "".join(HAN[(p * 7 + k * 5 + i) % len(HAN)] for i in range(14)) + "，"
            out.append(" ".join(line) if k % 2 else line)
        out.append(HAN[p:p + 5] + "。")
    return "\n".join(out)


def _blocks(text: str):
    page = parse_text(text, profile="zh")
    return page, [b for a in page.articles for b in a.blocks]


def test_wrapped_intertitle_is_one_title_between_body_paragraphs():
    text = f"大标题在这里\n\n{_body()}\n\n不 忘 初 心 走 在\n\n时代前列\n\n{_body()}\n"
    page, blocks = _blocks(text)
    joined = [b for b in blocks if b.text == "不忘初心走在时代前列"]
    assert joined and joined[0].type == "intertitle"
    assert any(r.startswith("spread-title-wrap") for r in joined[0].reasons)
    assert not any(b.text == "时代前列" for b in blocks)
    assert len([a for a in page.articles if a.kind == "article"]) == 1


def test_spread_headline_and_name_stay_apart():
    text = f"深 刻 理 解 新 时 代 意 义\n\n刘志明\n\n{_body()}\n"
    _, blocks = _blocks(text)
    assert any(b.text == "刘志明" and b.type == "byline" for b in blocks)
    assert not any("spread-title-wrap" in " ".join(b.reasons) for b in blocks)


def test_solid_sentence_after_a_spread_line_is_not_joined():
    text = f"{_body()}\n\n不 忘 初 心 走 在\n\n时代前列。\n\n{_body()}\n"
    _, blocks = _blocks(text)
    assert not any("spread-title-wrap" in " ".join(b.reasons) for b in blocks)


def test_line_stopping_at_a_comma_is_no_title():
    # ``clause-end-not-title``: a boxed-apart lead-in that stops at a comma is no title
    text = f"大标题在这里\n\n{_body()}\n\n党的报告提出，中国特色社会主义进入新时代，\n\n{_body()}\n"
    _, blocks = _blocks(text)
    lead = [b for b in blocks if b.text.startswith("党的报告提出")]
    assert lead and lead[0].type == "body"
    control = f"大标题在这里\n\n{_body()}\n\n党的报告提出中国特色社会主义进入新时代\n\n{_body()}\n"
    _, blocks = _blocks(control)
    assert [b.type for b in blocks if b.text.startswith("党的报告提出")] == ["intertitle"]
