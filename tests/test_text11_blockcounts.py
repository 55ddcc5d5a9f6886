"""``block-counts`` (``textwidth._BlockCounter``): ``cjk_and_letters`` counted by blocks of
256 code points must give exactly ``sum(map(is_cjk, text))`` and ``sum(c.isalpha() for c in
text)`` for any text, or decline (None) and leave it to the character-by-character count."""
from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from layoutkit import textwidth
from layoutkit.textwidth import cjk_and_letters, is_cjk

#: Characters from the blocks a page mixes: ASCII and Latin-1 (NUL included), general
#: punctuation, CJK punctuation and kana, Han, hangul and its block's end, compatibility
#: forms, full-width forms and specials, and characters beyond the BMP (Han and others).
_CHARS = st.one_of(
    st.characters(min_codepoint=0, max_codepoint=0x2FF),
    st.characters(min_codepoint=0x2000, max_codepoint=0x20FF),
    st.characters(min_codepoint=0x2E00, max_codepoint=0x30FF),
    st.characters(min_codepoint=0x4D00, max_codepoint=0x4FFF),
    st.characters(min_codepoint=0xD700, max_codepoint=0xD7FF, blacklist_categories=("Cs",)),
    st.characters(min_codepoint=0xF900, max_codepoint=0xFFFF),
    st.characters(min_codepoint=0x1F000, max_codepoint=0x2FFFF),
)


def _plain(text: str) -> tuple[int, int]:
    return sum(map(is_cjk, text)), sum(c.isalpha() for c in text)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=_CHARS, max_size=40))
def test_block_counts_are_the_plain_counts(text: str) -> None:
    found = textwidth._BLOCKS.counts(text)
    assert found is None or found == _plain(text)
    textwidth._LAST_COUNTS.clear()
    assert cjk_and_letters(text) == _plain(text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("中文字，。、“”（）《》：；！？ 0123456789abcXYZ—…·ー\u3000\uff00\uff10\uff21\uffe5\x00"),
               max_size=60))
def test_cjk_page_text_is_counted_by_blocks(text: str) -> None:
    found = textwidth._BLOCKS.counts(text)
    if not text.isascii():
        assert found == _plain(text)  # (these blocks are few: never declined)


def test_the_seed_page_by_blocks() -> None:
    text = (Path(__file__).resolve().parents[1] / "fixtures" / "seed-zh.txt").read_text(encoding="utf-8")
    assert textwidth._BLOCKS.counts(text) == _plain(text)


def test_surrogates_and_astral_characters_are_declined() -> None:
    assert textwidth._BLOCKS.counts("中\U00020000") is None
    assert textwidth._BLOCKS.counts("中\ud800") is None
    textwidth._LAST_COUNTS.clear()
    assert cjk_and_letters("中\ud800a") == (1, 2)


def test_cjk_ranges_are_is_cjk() -> None:
    # every code point: the ranges ``_BlockCounter`` counts by are ``is_cjk``'s
    merged = textwidth.CJK_RANGES
    inside = [False] * 0x110000
    for first, last in merged:
        inside[first:last + 1] = [True] * (last - first + 1)
    assert [c for c in range(0x110000) if is_cjk(chr(c)) != inside[c]] == []
    assert all(a[1] < b[0] for a, b in zip(merged, merged[1:]))  # (sorted, disjoint)
