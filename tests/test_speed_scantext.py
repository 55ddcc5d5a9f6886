"""Fast paths of the text stages for large scanned pages (scantext8) against plain
reference code: each fast path must give exactly the reference's answer."""
from __future__ import annotations

from collections import Counter
from typing import Iterable

from hypothesis import given, settings
from hypothesis import strategies as st

from layoutkit.dehyphenate import _WORD, HYPHENS, Lexicon, fold

#: Text built from the characters the lexicon cares about: letters (with ſ and a capital),
#: every hyphen mark, spaces, digits, punctuation.
_CHARS = st.sampled_from(list("abcſAB ") + list(HYPHENS) + list("1.,'é"))
_LINES = st.lists(st.text(_CHARS, max_size=30), max_size=12)


def reference_lexicon(lines: Iterable[str], extra_words: Iterable[str] = ()) -> Lexicon:
    """The plain per-word loop ``Lexicon.build`` replaced."""
    words: Counter = Counter()
    interior: Counter = Counter()
    pairs: Counter = Counter()
    compounds: Counter = Counter()
    prev_hyphen = False
    for text in lines:
        text = text.strip()
        if not text:
            prev_hyphen = False
            continue
        toks = _WORD.findall(text)
        ends_hyphen = text[-1] in HYPHENS
        n = len(toks)
        for i, tok in enumerate(toks):
            if (i == n - 1 and ends_hyphen) or (i == 0 and prev_hyphen):
                continue
            key = fold(tok)
            if "-" in key:
                parts = key.split("-")
                for k, part in enumerate(parts):
                    words[part] += 1
                    if k:
                        compounds[parts[k - 1] + "-" + part] += 1
            else:
                words[key] += 1
            if 0 < i < n - 1:
                interior[key] += 1
            if i + 1 < n and not (i + 1 == n - 1 and ends_hyphen):
                pairs[key + " " + fold(toks[i + 1])] += 1
        prev_hyphen = ends_hyphen
    return Lexicon(words, interior, pairs, compounds, frozenset(fold(w) for w in extra_words))


@settings(max_examples=300, deadline=None)
@given(_LINES)
def test_lexicon_build_matches_reference(lines: list[str]) -> None:
    fast, ref = Lexicon.build(lines), reference_lexicon(lines)
    # (counts compared without zero entries: a Counter lookup adds none, equality ignores order)
    assert fast.words == ref.words and fast.interior == ref.interior
    assert fast.pairs == ref.pairs and fast.compounds == ref.compounds


def reference_trailing_letters(text: str, end: int) -> str:
    """The run of letters that ends ``text[:end]``, searched in the whole text."""
    import regex

    m = regex.compile(r"[\p{L}\p{M}ꝛ]+$").search(text, 0, end)
    return m.group(0) if m else ""


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from(list("abſé\u0301ꝛ -1.\n") + ["\U0001d400"]), max_size=150), st.integers(0, 160))
def test_trailing_letters_matches_reference(text: str, end: int) -> None:
    from layoutkit.dehyphenate import _trailing_letters

    end = min(end, len(text))
    assert _trailing_letters(text, end) == reference_trailing_letters(text, end)


def test_trailing_letters_long_runs() -> None:
    """Runs as long as the 64-char window and longer (the full-search fallback)."""
    from layoutkit.dehyphenate import _trailing_letters

    for k in (0, 1, 63, 64, 65, 130):
        for prefix in ("", " ", "ab", "a-", "\n"):
            text = prefix + "w" * k + "-"
            for end in (len(text), len(text) - 1):
                assert _trailing_letters(text, end) == reference_trailing_letters(text, end)
            text = prefix + "w" * k + "\n"  # (``$`` also matches before a final newline)
            for end in (len(text), len(text) - 1):
                assert _trailing_letters(text, end) == reference_trailing_letters(text, end)


def reference_is_noise(text: str) -> bool:
    """``noise.is_noise`` as a plain per-character loop."""
    from layoutkit.noise import _WORDLIKE, MAX_NOISE_CHARS
    from layoutkit.textwidth import is_cjk

    t = text.strip()
    if not t or t.startswith("§"):
        return False
    visible = [c for c in t if not c.isspace()]
    if not t.isascii() and any(is_cjk(c) for c in visible):
        return False
    letters = sum(1 for c in visible if c.isalpha())
    words = len(t.split())
    if letters * 2 < len(visible) and (len(t) <= MAX_NOISE_CHARS or words * 8 < len(t)):
        return True
    if len(t) > MAX_NOISE_CHARS:
        return False
    in_words = sum(len(tok) for tok in t.split() if _WORDLIKE.match(tok))
    return in_words * 3 < len(visible)


_NOISE_CHARS = st.sampled_from(list("aBcWORD §'’.,-|^_1 \t") + ["\u3000", "\u4e2d", "\u00e9", "\u2e80", "\x1c"])


@settings(max_examples=400, deadline=None)
@given(st.text(_NOISE_CHARS, max_size=90))
def test_is_noise_matches_reference(text: str) -> None:
    from layoutkit.noise import is_noise

    assert is_noise(text) == reference_is_noise(text)


@settings(max_examples=200, deadline=None)
@given(st.text(_NOISE_CHARS, max_size=60))
def test_no_cjk_matches_reference(text: str) -> None:
    # (``classify._no_cjk`` became the C-level search ``noise.CJK_CHAR``, classify10)
    from layoutkit.noise import CJK_CHAR
    from layoutkit.textwidth import is_cjk

    assert (CJK_CHAR.search(text) is None) == (not any(is_cjk(c) for c in text))


_PROFILE_TEXTS = st.text(alphabet="本报记者杨鹤通讯员摄制图：By Photo Continued on Page 4（作者为）——。,.MONDAY 1855 No", max_size=30)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(("zh", "en", "de", "fr", "nl", "latin", "default")),
       st.sampled_from(("header+footer+credit+author_note+byline+jump+deck+caption+dateline",
                        "byline+credit+header+deck+author_note")), _PROFILE_TEXTS)
def test_none_match_means_every_key_answers_none(name: str, keys: str, text: str) -> None:
    """``none_match`` says True exactly when every key's ``match`` is None: key by key
    before its union is built, and by the union (anchored part matched at the start,
    the rest searched) after."""
    from layoutkit.profile import builtin_profile

    prof = builtin_profile(name)
    none = all(prof.match(k, text) is None for k in keys.split("+"))
    assert prof.none_match(keys, text) == none
    anchored, floating = prof._union(keys)
    assert ((anchored is None or anchored.match(text) is None)
            and (floating is None or floating.search(text) is None)) == none


def test_none_match_builds_its_union_after_enough_questions() -> None:
    from layoutkit.profile import UNION_AFTER, Profile, builtin_profile

    prof = Profile(*[getattr(builtin_profile("en"), f) for f in Profile.__dataclass_fields__
                     if Profile.__dataclass_fields__[f].init])  # (a fresh copy: its own unions)
    keys = "byline+credit+header+deck+author_note"
    for k in range(UNION_AFTER + 2):
        assert prof.none_match(keys, f"text {k}") is True
        assert (keys in prof._unions) == (k + 1 >= UNION_AFTER)
    assert prof.none_match(keys, "By JOHN SMITH") is False


def test_anchored_reads_top_level_alternation() -> None:
    from layoutkit.profile import _anchored

    assert _anchored(r"^\s*(?:No|Nr)\.?\s*\d+$") and _anchored(r"^[|]x") and _anchored(r"^[]|]x")
    assert _anchored(r"^[^]|]x") and _anchored(r"^\|x") and _anchored(r"^(a|b)")
    assert not _anchored(r"^a|b") and not _anchored("a^") and not _anchored(r"^a)|(b")
    assert not _anchored(r"^(a|b") and not _anchored(r"^[ab")


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(("zh", "en", "de", "fr", "nl", "latin", "default")), _PROFILE_TEXTS)
def test_anchored_patterns_match_where_they_search(name: str, text: str) -> None:
    """Every built-in pattern read as anchored finds the same with ``match`` as with
    ``search`` (what ``none_match`` relies on)."""
    from layoutkit.profile import PATTERN_KEYS, _anchored, builtin_profile

    prof = builtin_profile(name)
    for key in PATTERN_KEYS:
        for pat in getattr(prof, key):
            if _anchored(pat.pattern):
                a, b = pat.search(text), pat.match(text)
                assert (a.span() if a else None) == (b.span() if b else None)


def reference_is_table(lines: list[str]) -> bool:
    """``noise.is_table`` as plain per-line counts."""
    import regex

    if len(lines) < 3:
        return False
    with_figures = sum(1 for ln in lines if regex.search(r"\d+", ln))
    visible = sum(len(ln) - sum(map(str.isspace, ln)) for ln in lines)
    digits = sum(sum(map(str.isdigit, ln)) for ln in lines)
    return with_figures * 5 >= len(lines) * 4 and digits * 4 >= visible


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(st.sampled_from(list("ab 12.\t") + ["\u0663", "\u00b2"]), max_size=12), max_size=7))
def test_is_table_matches_reference(lines: list[str]) -> None:
    from layoutkit.noise import is_table

    assert is_table(lines) == reference_is_table(lines)


def test_collector_paused_restores_the_callers_setting() -> None:
    import gc

    import pytest

    from layoutkit import parse_text
    from layoutkit.gcpause import collector_paused

    was = gc.isenabled()
    try:
        gc.enable()
        with collector_paused():
            assert not gc.isenabled()
            with collector_paused():  # nested: the outer pause decides
                assert not gc.isenabled()
            assert not gc.isenabled()
        assert gc.isenabled()
        with pytest.raises(ValueError), collector_paused():
            raise ValueError("a stage failed")
        assert gc.isenabled()  # resumed after an error too
        parse_text("Title\n\nSome body text of a page.\n")
        assert gc.isenabled()
        gc.disable()  # a caller that disabled it keeps it disabled
        parse_text("Title\n\nSome body text of a page.\n")
        assert not gc.isenabled()
    finally:
        (gc.enable if was else gc.disable)()


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from([chr(c) for c in range(32, 127)]), max_size=60))
def test_ascii_word_pattern_matches_regex_pattern(text: str) -> None:
    from layoutkit.dehyphenate import _ASCII_WORD

    assert _ASCII_WORD.findall(text) == _WORD.findall(text)
