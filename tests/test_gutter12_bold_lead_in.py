"""``bold-lead-in`` (``geotype._runs_on``): a bold body-size paragraph taken for a title
whose sentence ends in the paragraph right below, in its font and size, is body text."""
from __future__ import annotations

from layoutkit import geotype
from layoutkit.classify import Typed
from layoutkit.model import BBox, Line, Paragraph
from layoutkit.profile import load_profile

BODY = 8.3
BOLD, REGULAR = "X+FZHTK--GBK1-0", "X+FZBSK--GBK1-0"


def _item(text: str, top: float, *, font: str = BOLD, bold: bool = True, size: float = BODY,
          type_: str = "headline", hint: str = "title", number: int = 1) -> Typed:
    line = Line(text, number, bbox=BBox(180.0, top, 265.0, top + size), font_size=size, bold=bold, font=font)
    return Typed(Paragraph(text, (line,), 20.0, 0), type_, text, None, 17.5, hint=hint)


def _page(*items: Typed) -> list[Typed]:
    # body paragraphs around them give the page its body size
    filler = [_item("正文" * 30, 100.0 + 12 * k, font=REGULAR, bold=False, type_="body", hint="", number=100 + k)
              for k in range(6)]
    return filler + list(items)


def _typed(items: list[Typed]) -> list[tuple[str, tuple[str, ...]]]:
    out = geotype.first_pass_at(items, load_profile("zh"), BODY)
    return [(t.type, t.reasons) for t in out[6:]]


def test_bold_sentence_broken_at_its_short_lines_is_body():
    got = _typed(_page(_item("把“四种形态”作", 992.9), _item("为强化监督的抓手。", 1004.8, type_="body", hint="")))
    assert got[0][0] == "body"
    assert got[0][1][-1].startswith("bold-lead-in")
    assert got[1][0] == "body"


def test_a_bold_title_followed_by_body_text_stays_a_title():
    # the paragraph below is in the regular body face: the bold line is a title over it
    got = _typed(_page(_item("健全党和国家监督体系", 992.9),
                       _item("为强化监督的抓手。", 1004.8, font=REGULAR, bold=False, type_="body", hint="")))
    assert got[0][0] == "headline"


def test_the_sentence_must_end_below_and_not_in_the_title():
    # the bold text below ends no sentence: a two-line bold title
    assert _typed(_page(_item("把“四种形态”作", 992.9), _item("为强化监督的抓手", 1004.8, type_="body", hint="")))[0][0] \
        == "headline"
    # the paragraph below is not on the next line
    assert _typed(_page(_item("把“四种形态”作", 992.9), _item("为强化监督的抓手。", 1040.0, type_="body", hint="")))[0][0] \
        == "headline"
    # a title-sized line is left to ``title-size``
    assert _typed(_page(_item("把“四种形态”作", 992.9, size=14.0),
                        _item("为强化监督的抓手。", 1010.0, size=14.0, type_="body", hint="")))[0][0] == "headline"
