"""The speed-ups compute exactly what the plain code they replaced computed.

Each fast path (one-pass script counts, pattern alternations, memoized profile answers,
n-gram follower counts, bracket scans, fake-bold prefilters, per-pair space decisions,
lines built once per page) is compared here with a straightforward reference
implementation on arbitrary inputs. ``bench/identical.py`` checks the same on
every dev case's full output.
"""
from __future__ import annotations

import pickle
from pathlib import Path
from typing import Optional

import regex
from hypothesis import given
from hypothesis import strategies as st

from layoutkit import continuation
from layoutkit.articles import _CJK_LETTER, _LETTER, _PAGE_SCRIPTS
from layoutkit.language import _HAN, _HANGUL, _KANA, _SCRIPTS
from layoutkit.language import _LETTER as _LANG_LETTER
from layoutkit.measure import LineShape, _interval, char_classes, is_cjk_text, letterspaced
from layoutkit.model import Block
from layoutkit.params import Params
from layoutkit.profile import BUILTIN, PATTERN_KEYS, _alternation, builtin_profile
from layoutkit.readers.text import read_text_pages
from layoutkit.scriptcount import ScriptCounter
from layoutkit.reflow import clean_line, dedupe_fake_bold
from layoutkit.textwidth import is_cjk

MIXED = "的一是在了不和有大这中人上为们理论新时代发展奋进目标" + "，。、；：？！“”‘’（）《》【】「」〈〉…—" + \
    "abcXYZäéſ0123456789 .,;:!?()'\"-—" + "かなカナ한국" + "\ue000\ud7a3\u3400"
text_st = st.text(alphabet=MIXED, max_size=120)


@given(text_st)
def test_script_counts_equal_findall(text: str) -> None:
    assert _SCRIPTS.counts(text) == tuple(len(p.findall(text)) for p in (_HAN, _KANA, _HANGUL, _LANG_LETTER))
    assert _PAGE_SCRIPTS.counts(text) == (len(_LETTER.findall(text)), len(_CJK_LETTER.findall(text)))


def _first_match(patterns, text: str) -> Optional[regex.Match]:
    for pat in patterns:
        m = pat.search(text)
        if m:
            return m
    return None


# texts built from pieces the profiles look for, so that matches are frequent
PIECES = ["本报记者", " 杨鹤", "通讯员", "2018年1月2日", "星期二", "第7版", "7 理论", "——", "图为", "摄", "制图：",
          "（作者为", "）", "By ", "John Smith", "Photo: AP", "(AP) —", "WASHINGTON, ", "No. 214.", "Seite 2",
          "Fortsetzung auf Seite 3", "- 12 -", "HANDELSBERICHTEN.", "的", "了", "abc", " ", "1887", ".", "\n"]
piece_text_st = st.lists(st.sampled_from(PIECES), max_size=6).map("".join)


@given(st.one_of(piece_text_st, text_st))
def test_profile_match_equals_pattern_loop(text: str) -> None:
    for name in BUILTIN:
        prof = builtin_profile(name)
        for key in PATTERN_KEYS:
            expected = _first_match(getattr(prof, key), text)
            got = prof.match(key, text)
            assert (got is None) == (expected is None), (name, key, text)
            if got is not None:
                assert got.re is expected.re and got.span() == expected.span()
            assert prof.match(key, text) is got  # memoized answer


def test_alternation_refuses_constructs_that_change_meaning() -> None:
    for risky in (r"(a)\1", r"(?i)abc", r"(?P<x>a)(?P=x)", r"(a)?(?(1)b|c)"):
        assert _alternation((regex.compile(risky), regex.compile("z"))) is None
    combined = _alternation((regex.compile(r"^a"), regex.compile(r"(?i:B)$")))
    assert combined is not None and combined.search("xb") and not combined.search("xa")


def test_profile_pickles_without_its_memo() -> None:
    prof = builtin_profile("zh")
    assert prof.match("byline", "本报记者 杨鹤")
    copy = pickle.loads(pickle.dumps(prof))
    assert copy._memo == {} and copy.match("byline", "本报记者 杨鹤")


@given(st.lists(st.text(alphabet="的的了一aab，。", max_size=30), min_size=1, max_size=4),
       st.text(alphabet="的了一ab，", min_size=1, max_size=2), st.text(alphabet="的了一ab。", min_size=1, max_size=2))
def test_junction_counts_equal_str_count(texts: list[str], left: str, right: str) -> None:
    vocab = continuation.Vocabulary(texts)
    assert vocab.joint(left, right) == vocab.text.count(left + right)


def _unclosed_reference(text: str) -> Optional[str]:
    stack: list[str] = []
    closers = set(continuation.OPENERS.values())
    for ch in text:
        if ch in continuation.OPENERS:
            stack.append(continuation.OPENERS[ch])
        elif ch in closers and stack and stack[-1] == ch:
            stack.pop()
    return stack[-1] if stack else None


def _closes_reference(head: str, closer: str) -> bool:
    opener = next(o for o, c in continuation.OPENERS.items() if c == closer)
    for ch in head:
        if ch == closer:
            return True
        if ch == opener:
            return False
    return False


@given(text_st)
def test_bracket_balance_equals_character_loop(text: str) -> None:
    assert continuation.unclosed(text) == _unclosed_reference(text)
    for closer in continuation.OPENERS.values():
        assert continuation.closes(text, closer) == _closes_reference(text, closer)


_DOUBLED_RUN = regex.compile(r"(\p{Han}{2,}|\p{N}{1,4})\1")
_DOUBLED_PUNCT = regex.compile(r"([：:，、！？!?“”《》（）])\1")


def _dedupe_reference(text: str) -> tuple[str, tuple[str, ...]]:
    """``dedupe_fake_bold`` without the repeated-character prefilters."""
    halves = []
    for t in text.split(" "):
        if not t:
            halves.append(t)
            continue
        n = len(t)
        if n % 2 == 0 and t[: n // 2] == t[n // 2:]:
            halves.append(t[: n // 2])
        else:
            halves = []
            break
    if halves and any(len(h) >= 2 for h in halves):
        new = " ".join(halves)
        return new, (f"fake-bold-double: {text!r} -> {new!r}",)
    if _DOUBLED_RUN.search(text) and regex.search(r"(\p{Han}{2,})\1", text):
        new = _DOUBLED_PUNCT.sub(r"\1", regex.sub(r"(\p{Han}{2,})\1", r"\1", text))
        return new, (f"fake-bold-double: {text!r} -> {new!r}",)
    return text, ()


@given(st.lists(st.sampled_from(["理论", "新时代", "谢", "1", "22", "：", " ", "发展", "a"]), max_size=8).map("".join))
def test_fake_bold_prefilter_changes_nothing(text: str) -> None:
    got = dedupe_fake_bold(text)
    assert (got.text, got.removed) == _dedupe_reference(text)


@given(text_st, st.booleans())
def test_compressible_runs_equal_regex_count(text: str, cjk: bool) -> None:
    classes = char_classes(text)
    lo, hi = _interval(classes, cjk)
    if cjk:
        runs = len(regex.findall(r"[qa]+", classes.replace("s", "")))
        assert hi - lo == 0.5 * runs


def test_text_pages_are_numbered_from_the_file_start() -> None:
    data = "a\nb\n\x0cc\n\nd\n\x0c\n\x0ce\n".encode("utf-8")
    pages = list(read_text_pages("x.txt", data, Params()))
    assert [(ln.text, ln.number, ln.page) for p in pages for ln in p.lines] == [
        ("a", 1, 1), ("b", 2, 1), ("c", 3, 2), ("", 4, 2), ("d", 5, 2), ("e", 7, 4)]
    assert [p.source.page for p in pages] == [1, 2, 4]


def _letterspaced_reference(text: str, share: float = 0.6) -> bool:
    tokens = text.split()
    if len(tokens) < 4:
        return False
    cjk_tokens = [t for t in tokens if any(is_cjk(c) for c in t)]
    if len(cjk_tokens) < 4:
        return False
    singles = sum(1 for t in cjk_tokens if sum(1 for c in t if c.isalnum()) <= 1)
    return singles / len(cjk_tokens) >= share


@given(st.one_of(st.lists(st.sampled_from(["支", "配", "收入", "，", "a", "12", "ab", "\u3000", "“", "Ⅻ", "①"]),
                         max_size=12).map(" ".join), text_st), st.sampled_from([0.3, 0.6, 0.9]))
def test_letterspaced_equals_character_loop(text: str, share: float) -> None:
    assert letterspaced(text, share) == _letterspaced_reference(text, share)


def _clean_line_reference(text: str, letterspaced: bool) -> tuple[str, tuple[str, ...]]:
    from layoutkit.reflow import _CJK_PUNCT, _SHARED_PUNCT

    def cjkish(ch: str) -> bool:
        return is_cjk(ch) or ch in _CJK_PUNCT

    words = text.split()
    if not words:
        return "", ()
    if text.isascii():
        return " ".join(words), ()
    out = words[0]
    removed = 0
    for w in words[1:]:
        a, b = out[-1], w[0]
        a_cjk, b_cjk = cjkish(a), cjkish(b)
        if not (is_cjk(a) or is_cjk(b)) and (a in _SHARED_PUNCT or b in _SHARED_PUNCT):
            out += " " + w
            continue
        if letterspaced and (a_cjk or b_cjk):
            removed += 1
            out += w
        elif a_cjk != b_cjk and (a.isalnum() or b.isalnum() or a in _CJK_PUNCT or b in _CJK_PUNCT) \
                and not (is_cjk(a) and is_cjk(b)):
            removed += 1
            out += w
        elif (a in _CJK_PUNCT and a_cjk) or (b in _CJK_PUNCT and b_cjk):
            removed += 1
            out += w
        else:
            out += " " + w
    return out, ((f"justification-spaces: removed {removed}",) if removed else ())


@given(text_st, st.booleans())
def test_clean_line_equals_word_loop(text: str, letterspaced: bool) -> None:
    got = clean_line(text, letterspaced)
    assert (got.text, got.removed) == _clean_line_reference(text, letterspaced)


@given(st.lists(st.text(alphabet="的的了aab，", max_size=12), min_size=1, max_size=4),
       st.sampled_from("的了ab，"))
def test_follower_counts_equal_find_loop(texts: list[str], c: str) -> None:
    vocab = continuation.Vocabulary(texts)
    text, expected = vocab.text, {}
    p = text.find(c)
    while p >= 0:
        if p + 1 < len(text):
            expected[text[p + 1]] = expected.get(text[p + 1], 0) + 1
        p = text.find(c, p + 1)
    assert dict(vocab.followers(c)) == expected


# --- page-script counts, translate tables, joins and Lines (bench/stages_text.py) ---

any_text_st = st.text(st.characters(blacklist_categories=("Cs",)), max_size=60)


@given(st.one_of(text_st, any_text_st))
def test_cjk_and_letters_equal_character_sums(text: str) -> None:
    from layoutkit.textwidth import cjk_and_letters

    assert cjk_and_letters(text) == (sum(map(is_cjk, text)), sum(c.isalpha() for c in text))


@given(st.lists(st.one_of(text_st, any_text_st), max_size=4))
def test_char_map_equals_per_character_classes(texts: list[str]) -> None:
    from layoutkit.measure import _classify_char
    from layoutkit.scriptcount import CharMap

    fresh = CharMap(_classify_char)  # characters arrive unseen, in any order
    for text in texts:
        expected = "".join(map(_classify_char, text))
        assert fresh.translate(text) == expected
        assert char_classes(text) == expected


def test_char_map_refuses_non_ascii_values() -> None:
    import pytest

    from layoutkit.scriptcount import CharMap

    with pytest.raises(ValueError):
        CharMap(lambda ch: "é").translate("x")


JOIN_PIECES = ["的", "理论", "，", "。", "abc", "Nord⸗", "Amerika", "ver-", "bunden", "—", "“", "1", " ", "", "ｆ", "－"]


@given(st.lists(st.lists(st.sampled_from(JOIN_PIECES), max_size=3).map("".join), max_size=6))
def test_join_fast_path_equals_junction_loop(parts: list[str]) -> None:
    from layoutkit.reflow import _join_loop, join_texts

    got_reasons: list[str] = []
    want_reasons: list[str] = []
    assert join_texts(parts, got_reasons) == _join_loop(parts, want_reasons, None)
    assert got_reasons == want_reasons


@given(st.text(max_size=20), st.integers(1, 10_000), st.integers(1, 50))
def test_text_line_equals_line(text: str, number: int, page: int) -> None:
    from dataclasses import fields

    from layoutkit.model import Line, text_lines

    made, plain = text_lines([text], number, page)[0], Line(text, number, page=page)
    assert type(made) is Line and made == plain and hash(made) == hash(plain)
    assert all(getattr(made, f.name) == getattr(plain, f.name) for f in fields(Line))


def test_marked_hyphens_skip_unmarked_lines() -> None:
    from layoutkit import marked_hyphens
    from layoutkit.model import Line

    lines = [Line("n'a-", 1), Line("vait lieu", 2)]
    assert marked_hyphens.apply(lines, ["n'a-", "vait lieu"], []) == ["n'a-", "vait lieu"]
    marked = [Line("n'a-", 1, hyphenated=True, hyphen_word="n'avait"), Line("vait lieu", 2)]
    reasons: list[str] = []
    assert marked_hyphens.apply(marked, ["n'a-", "vait lieu"], reasons) == ["n'avait", "lieu"]
    assert reasons


@given(st.lists(st.one_of(text_st, any_text_st), max_size=5))
def test_shape_memo_answers_what_shape_computes(texts: list[str]) -> None:
    from layoutkit import measure

    measure.clear_shape_cache()
    for text in texts:
        assert measure.shape(text) == measure._shape(text, 0.6)
        assert measure.shape(text, 0.6) is measure.shape(text)
    assert len(measure._SHAPES) <= measure.SHAPE_CACHE_SIZE


block_st = st.builds(
    Block, type=st.sampled_from(["body", "headline", "byline"]), text=st.text(max_size=10),
    lines=st.tuples(st.integers(1, 9), st.integers(1, 9)), role=st.none() | st.just("kicker"),
    reasons=st.lists(st.text(max_size=5), max_size=2).map(tuple), id=st.text(max_size=3), page=st.integers(1, 3))


@given(block_st, st.text(max_size=4), st.none() | st.just("deck"), st.text(max_size=5))
def test_evolve_equals_dataclasses_replace(block: Block, new_id: str, role: Optional[str], reason: str) -> None:
    from dataclasses import replace

    from layoutkit.model import evolve

    assert evolve(block, id=new_id) == replace(block, id=new_id)
    changes = dict(role=role, reasons=block.reasons + (reason,))
    assert evolve(block, **changes) == replace(block, **changes)


def test_evolve_falls_back_for_fields_outside_init() -> None:
    from dataclasses import dataclass, field

    from layoutkit.model import evolve

    @dataclass(frozen=True)
    class Derived:
        a: int
        b: int = field(init=False, default=7)
        c: int = field(default=0, kw_only=True)

    assert evolve(Derived(1, c=2), a=3) == Derived(3, c=2)


@given(st.lists(any_text_st, max_size=3))
def test_script_counts_equal_findall_on_any_characters(texts: list[str]) -> None:
    fresh = ScriptCounter((_HAN, _KANA, _HANGUL, _LANG_LETTER))  # combinations met in any order
    for text in texts:
        assert fresh.counts(text) == tuple(len(p.findall(text)) for p in (_HAN, _KANA, _HANGUL, _LANG_LETTER))


def _shape_reference(text: str, letterspace_share: float) -> LineShape:
    """``measure._shape`` stated plainly, as first written (kept with its only user,
    this comparison, rather than in the library)."""
    stripped = text.strip()
    classes = char_classes(stripped)
    n = len(classes) - classes.count("s")
    cjk_n = classes.count("h") + classes.count("q")
    cjk = cjk_n / n if n else 0.0
    ctx = is_cjk_text(cjk)
    if not ctx and "ss" in classes:
        classes = char_classes(" ".join(stripped.split()))
    lo, hi = _interval(classes, ctx)
    return LineShape(lo, hi, cjk, len(text) - len(text.lstrip(" ")),
                     ctx and letterspaced(stripped, letterspace_share))


@given(st.one_of(text_st, any_text_st, st.text(alphabet=" \u3000\t" + MIXED[:40] + "abc", max_size=40)),
       st.sampled_from([0.6, 0.5, 0.8]))
def test_shape_equals_reference(text: str, share: float) -> None:
    from layoutkit import measure

    got = measure._shape(text, share)
    expected = _shape_reference(text, share)
    assert got == expected and repr(got) == repr(expected) and got.ems == expected.ems
    assert type(got.lo) is type(expected.lo) and type(got.cjk) is type(expected.cjk)


@given(st.floats(allow_nan=False, allow_infinity=False), st.floats(allow_nan=False, allow_infinity=False), st.floats(0, 1),
       st.integers(0, 9), st.booleans())
def test_slot_built_objects_equal_constructed(lo: float, hi: float, cjk: float, indent: int, spaced: bool) -> None:
    from layoutkit.columns import ShapedLine, shaped_lines
    from layoutkit.measure import LineShape, make_shape
    from layoutkit.model import Line

    built, made = make_shape(lo, hi, cjk, indent, spaced), LineShape(lo, hi, cjk, indent, spaced)
    assert built == made and repr(built) == repr(made) and built.ems == made.ems
    line = Line("x", 1)
    assert shaped_lines([line], [built])[0] == ShapedLine(line, made)


@given(st.lists(st.sampled_from(["理论", "新时代", "谢", "1", "22", "：", " ", "  ", "发展", "a", "\u3000"]),
                max_size=8).map("".join))
def test_column_fake_bold_prefilter_changes_nothing(text: str) -> None:
    from layoutkit.columns import _fake_bold

    assert _fake_bold(text) == bool(dedupe_fake_bold(" ".join(text.split())).removed)


_SHIPPED = sorted(p.stem for p in (Path(__file__).resolve().parents[1] / "layoutkit" / "profiles").glob("*.yaml"))


def test_every_shipped_profile_is_builtin() -> None:
    assert _SHIPPED and set(_SHIPPED) <= set(BUILTIN)


@given(st.one_of(piece_text_st, text_st))
def test_match_equals_pattern_loop_for_shipped_profiles(text: str) -> None:
    """``Profile.match`` (alternation asked before the ordered loop, memo) gives the plain
    loop's answer, groups included, asked fresh (memo emptied) for every profile file
    shipped in ``layoutkit/profiles`` and every key."""
    for name in _SHIPPED:
        prof = builtin_profile(name)
        for key in PATTERN_KEYS:
            patterns = getattr(prof, key)
            expected = _first_match(patterns, text)
            prof._memo.clear()
            got = prof.match(key, text)
            assert (got is None) == (expected is None), (name, key, text)
            if got is not None:
                assert got.re is expected.re and got.span() == expected.span() and got.groups() == expected.groups()
