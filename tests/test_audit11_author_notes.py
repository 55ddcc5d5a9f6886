"""``author-note-rejoin``: a bracketed author note wrapped over short lines (squeezed into
a column's narrow foot) is joined back into one paragraph and typed as the article's
author note; without a closing bracket in reach, or without the profile's pattern,
nothing is joined. Synthetic flows and text pages."""
from __future__ import annotations

from layoutkit.author_notes import REASON, rejoin_author_notes
from layoutkit.model import Paragraph
from layoutkit.pipeline import parse_text
from layoutkit.profile import load_profile
from layoutkit.reflow import Flow

ZH = load_profile("zh")


def _flow(*texts: str) -> Flow:
    paras = tuple(Paragraph(t, (), 16.0, k) for k, t in enumerate(texts))
    return Flow(paras, (16.0,) * len(paras), (16.0,) * len(paras))


def test_note_in_three_pieces_is_joined():
    flow = rejoin_author_notes(_flow("正文到此结束。", "（作者单位：", "某某大学经济", "学院）", "下一篇文章"), ZH)
    assert [p.text for p in flow.paragraphs] == ["正文到此结束。", "（作者单位：某某大学经济学院）", "下一篇文章"]
    assert REASON in flow.paragraphs[1].reasons
    assert len(flow.families) == len(flow.widths) == 3


def test_unclosed_or_unmatched_pieces_stay_apart():
    # the bracket is not closed within reach
    flow = _flow("（作者单位：", "某某", "大学", "经济学院）")
    assert rejoin_author_notes(flow, ZH) is flow
    # closed, but not an author note by the profile's patterns
    flow = _flow("（一）", "正文")
    assert rejoin_author_notes(flow, ZH) is flow
    flow = _flow("（见下图", "所示）")
    assert rejoin_author_notes(flow, ZH).paragraphs == flow.paragraphs


def test_wrapped_note_on_a_page_is_the_articles_byline():
    body = "这是一段足够长的正文，用来构成文章的主体内容，说明问题的来龙去脉和前因后果，供读者参考。"
    page = parse_text(f"标题在这里\n\n{body}\n{body}\n\n（作者单位：\n\n某某大学经济\n\n学院）\n", profile="zh")
    blocks = [b for a in page.articles for b in a.blocks]
    note = [b for b in blocks if b.text == "（作者单位：某某大学经济学院）"]
    assert note and note[0].type == "byline"
    assert not any(b.type in ("headline", "subheadline") and "学院" in b.text for b in blocks)
