"""``page-json-direct`` (``model._page_json``): ``Page.to_json`` writes a page's JSON from
its records, and the text must be exactly ``json.dumps(page.to_dict(), ensure_ascii=False,
indent=indent)`` for any page, including values of unexpected types (then the plain values
decide) and subclasses of the records."""
from __future__ import annotations

import dataclasses
import json
import math

from hypothesis import given, settings
from hypothesis import strategies as st

from layoutkit import api
from layoutkit.model import Article, BBox, Block, Byline, Page, Source

_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12)
_NUMBER = st.one_of(st.integers(-10**6, 10**6), st.floats(allow_nan=True, allow_infinity=True))
_BBOX = st.one_of(st.none(), st.builds(BBox, _NUMBER, _NUMBER, _NUMBER, _NUMBER))
_BLOCK = st.builds(Block, type=_TEXT, text=_TEXT, lines=st.tuples(st.integers(0, 10**5), st.integers(0, 10**5)),
                   role=st.one_of(st.none(), _TEXT), bbox=_BBOX, reasons=st.lists(_TEXT, max_size=3).map(tuple),
                   id=_TEXT, page=st.integers(1, 3))
_BYLINE = st.builds(Byline, name=_TEXT, role=st.one_of(st.none(), _TEXT))
_ARTICLE = st.builds(Article, id=_TEXT, kind=_TEXT, blocks=st.lists(_BLOCK, max_size=3).map(tuple),
                     headline=st.one_of(st.none(), _TEXT), bylines=st.lists(_BYLINE, max_size=2).map(tuple))
_SOURCE = st.builds(Source, format=_TEXT, path=st.one_of(st.none(), _TEXT), sha256=st.one_of(st.none(), _TEXT),
                    page=st.one_of(st.none(), st.integers(1, 9)), width=st.one_of(st.none(), _NUMBER),
                    encoding=st.one_of(st.none(), _TEXT))
_PAGE = st.builds(Page, source=_SOURCE, language=_TEXT, articles=st.lists(_ARTICLE, max_size=3).map(tuple),
                  blocks=st.lists(_BLOCK, max_size=3).map(tuple), warnings=st.lists(_TEXT, max_size=2).map(tuple),
                  profile=_TEXT)
_INDENT = st.one_of(st.integers(0, 4), st.sampled_from(["\t", "%s", " x "]))


def _plain(page: Page, indent: object) -> str:
    return json.dumps(page.to_dict(), ensure_ascii=False, indent=indent)


@settings(max_examples=300, deadline=None)
@given(_PAGE, _INDENT)
def test_page_json_is_json_dumps_of_to_dict(page: Page, indent: object) -> None:
    assert page.to_json(indent=indent) == _plain(page, indent)  # type: ignore[arg-type]


def test_unexpected_value_types_fall_back_to_the_plain_values() -> None:
    block = Block(type="body", text="正文", lines=(1, 2))
    odd = [
        dataclasses.replace(block, text=7),  # not a string: json writes a number
        dataclasses.replace(block, lines=(1.5, True)),
        dataclasses.replace(block, role=3),
        dataclasses.replace(block, reasons=("a", None)),
        dataclasses.replace(block, bbox=BBox(0, 1.25, math.inf, 4)),
    ]
    for b in odd:
        page = Page(source=Source(format="text"), language="zh", articles=(Article("a1", "article", (b,)),),
                    blocks=(b,))
        assert page.to_json() == _plain(page, 1)


def test_subclassed_records_keep_their_own_to_dict() -> None:
    @dataclasses.dataclass(frozen=True)
    class Tagged(Block):
        def to_dict(self):  # type: ignore[no-untyped-def]
            return {**Block.to_dict(self), "tag": "x"}

    b = Tagged(type="body", text="t", lines=(1, 1))
    page = Page(source=Source(format="text"), language="en", articles=(Article("a1", "article", (b,)),))
    assert '"tag": "x"' in page.to_json()
    assert page.to_json() == _plain(page, 1)


def test_seed_page_json_unchanged() -> None:
    from pathlib import Path

    data = (Path(__file__).resolve().parents[1] / "fixtures" / "seed-zh.txt").read_bytes()
    page = api.parse_bytes(data)
    for indent in (None, 0, 1, 2):
        assert page.to_json(indent=indent) == _plain(page, indent)
