"""The fast paths of the scantext11 round (text stages of scanned Latin pages) against
the plain code they replaced, kept here as reference functions: each fast path must give
the same answer on every input (hypothesis), and real pages of a scan the same output."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from layoutkit.noise import _CJK_VISIBLE, _WORDLIKE, MAX_NOISE_CHARS, is_noise

#: ASCII text of the kinds a scan's OCR layer holds: words in every case, quotes,
#: brackets, hyphens, apostrophes, digits, punctuation and every kind of ASCII space.
_ASCII = st.text(st.sampled_from(list("abcdeXYZ AB'\"()[]-.,;:!?§0123456789\t\x1c\x1f\n\x0b=*")), max_size=70)
_ANY = st.text(st.sampled_from(list("abcXYZ éßſ’„“»«⸗ 12.,:;-()§\u3000本报（）Ａ\t'\"")), max_size=70) | st.text(max_size=40)


def _is_noise_reference(text: str) -> bool:
    """``noise.is_noise`` as it was: a test per character, a regex match per token."""
    t = text.strip()
    if not t or t.startswith("§"):
        return False
    if not t.isascii() and _CJK_VISIBLE.search(t):
        return False
    visible = len(t) - sum(map(str.isspace, t))
    letters = sum(map(str.isalpha, t))
    tokens = t.split()
    if letters * 2 < visible and (len(t) <= MAX_NOISE_CHARS or len(tokens) * 8 < len(t)):
        return True
    if len(t) > MAX_NOISE_CHARS:
        return False
    in_words = sum(map(len, filter(_WORDLIKE.match, tokens)))
    return in_words * 3 < visible


@settings(max_examples=3000)
@given(_ASCII | _ANY)
def test_is_noise_equals_reference(text: str) -> None:
    assert is_noise(text) == _is_noise_reference(text)


def test_is_noise_on_known_lines() -> None:
    for text in ["^g*^'fT| I UW |i|lWW__", "rq - 61", "fKr ) i])", "the Harbor of New-York,", "\"Well,\" he said.",
                 "l'empereur", "§. 1.", "(a) [b] c-d e'f", "AB Cd eF", "1887-88", "x\x1cyy\x1fzz"]:
        assert is_noise(text) == _is_noise_reference(text), text


# --- profile: the anchored union with its common opening factored (anchored-union-prefix)

import regex  # noqa: E402

from layoutkit.profile import BUILTIN, PATTERN_KEYS, _alternation, _anchored, _anchored_alternation  # noqa: E402
from layoutkit.profile import builtin_profile  # noqa: E402

_PROFILE_TEXT = st.text(st.sampled_from(list(" \t\n\u3000By Photo Continued on Page 4 LONDON, Sept. 21.—(AP) No 12"
                                             "MONDAY 1855-01-02 本报记者杨鹤（作者为）——。,.-–abcXYZ")), max_size=40)
_SYNTHETIC = [r"^\s*?ab", r"^\s*+ab", r"^\s*", r"^x\s*y", r"^\s*(?i:by)\s+\p{Lu}", r"^\s*\d{1,3}\s*$",
              r"^\s*(?P<role>[Bb]y)\s", r"^\s*\s+z", r"^(?:a|\s*b)", r"^\s*[-–—]?\s*\d+$"]


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(sorted(BUILTIN)), _PROFILE_TEXT)
def test_anchored_union_answers_as_the_plain_union(name: str, text: str) -> None:
    prof = builtin_profile(name)
    patterns = tuple(p for key in PATTERN_KEYS for p in getattr(prof, key) if _anchored(p.pattern))
    plain, factored = _alternation(patterns, single=True), _anchored_alternation(patterns)
    assert (plain is None) == (factored is None)
    if plain is not None:
        assert (plain.match(text) is None) == (factored.match(text) is None)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_SYNTHETIC), min_size=1, max_size=5, unique=True),
       st.text(st.sampled_from(list(" \t\nabByXzZ0123-–")), max_size=12))
def test_anchored_union_of_synthetic_openings(patterns: list[str], text: str) -> None:
    """Openings that must not be factored (``\\s*?``, ``\\s*+``) and others
    that may: whether the union matches is whether some pattern does."""
    compiled = tuple(regex.compile(p) for p in patterns)
    factored = _anchored_alternation(compiled)
    assert factored is not None
    assert (factored.match(text) is not None) == any(p.match(text) for p in compiled)


def _is_table_reference(lines: list[str]) -> bool:
    """``noise.is_table`` as it was: a test per character."""
    from layoutkit.noise import _DIGITS

    if len(lines) < 3:
        return False
    joined = "".join(lines)
    visible = len(joined) - sum(map(str.isspace, joined))
    if sum(map(str.isdigit, joined)) * 4 < visible:
        return False
    return len(list(filter(_DIGITS.search, lines))) * 5 >= len(lines) * 4


_TABLE_LINE = st.text(st.sampled_from(list("0123456789 .,-ab\t\x1c½²٣")), max_size=20)


@settings(max_examples=1000)
@given(st.lists(_TABLE_LINE | _ASCII, max_size=6))
def test_is_table_equals_reference(lines: list[str]) -> None:
    from layoutkit.noise import is_table

    assert is_table(lines) == _is_table_reference(lines)


# --- dehyphenate: the letters ending a text (last-word-letters)

_JUNCTION_TEXT = st.text(st.sampled_from(list("abcXYZ éßſꝛ\u0301 -=.,'\n\t本")), max_size=30) | \
    st.builds(lambda a, b: a + b, st.text(st.sampled_from(list("ab é\n")), max_size=5),
              st.text(st.sampled_from(list("abcdefgh")), min_size=60, max_size=140))


@settings(max_examples=2000)
@given(_JUNCTION_TEXT)
def test_end_letters_equals_trailing_letters(text: str) -> None:
    from layoutkit.dehyphenate import _end_letters, _trailing_letters

    assert _end_letters(text) == _trailing_letters(text, len(text))


# --- hints: a page whose region types map to no block type is left as it is (hints-page-types)

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from layoutkit import api, hints, pipeline  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def _apply_region_hints_reference(items):  # type: ignore[no-untyped-def]
    """``hints.apply_region_hints`` as it was: every rule run when some line has a type."""
    from dataclasses import replace as _replace

    from layoutkit.structured import split_tag

    if not any(ln.region_type for t in items for ln in t.para.lines):
        return list(items)
    items = hints._split_mixed(items)
    body_top = hints._top_zone(items)
    typed = []
    for t in items:
        region_type = hints._hint(t)
        new = hints.block_type_of(region_type)
        if new is None:
            typed.append(t)
            continue
        reason = f"input-region-type: {region_type}"
        if new == "footer" and region_type == "page-number" and body_top is not None and t.para.bbox is not None \
                and t.para.bbox.bottom <= body_top:
            new, reason = "header", "page-number-on-top: input page-number above every body line"
        if new == "caption" and body_top is not None and t.para.bbox is not None and t.para.bbox.bottom <= body_top:
            new, reason = "header", f"running-head-caption: input {region_type} above every body line"
        own = split_tag(region_type or "")
        role = own[1] if own else None
        if new == t.type and role == t.role and t.hint == "":
            typed.append(t)
            continue
        typed.append(_replace(t, type=new, role=role, hint="", reasons=t.reasons + (reason,)))
    return hints._resplit_body(hints._merge_regions(typed))


def _hint_inputs() -> list[Path]:
    found = [ROOT / "fixtures" / "pdf-two-columns.pdf", *sorted((ROOT / "fixtures" / "xml").iterdir())]
    cases = SHARED / "cases"
    if cases.is_dir():
        for pattern in ("*.alto.xml", "*.page.xml", "*.pdf"):
            found.extend(sorted(cases.glob(pattern))[:4])
    return found


def test_region_hints_equal_reference_on_real_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    """PDF pages (only the layout's page-zone marks: nothing maps) and OCR XML pages (their
    region types map): the hinted items equal the reference's, object for object where
    nothing changed."""
    compared = 0
    real = pipeline.apply_region_hints

    def both(items):  # type: ignore[no-untyped-def]
        nonlocal compared
        want = _apply_region_hints_reference(items)
        got = real(items)
        assert got == want
        assert all(g is w for g, w in zip(got, want) if w in items)
        compared += len(got)
        return got

    monkeypatch.setattr(pipeline, "apply_region_hints", both)
    for path in _hint_inputs():
        list(api.iter_file_pages(path))
    assert compared > 100


def test_page_regions_equal_one_by_one() -> None:
    """``columns.text_regions_of`` (page-regions) builds what ``text_region`` builds."""
    from layoutkit.columns import ShapedLine, text_region, text_regions_of
    from layoutkit.measure import shape
    from layoutkit.model import Line

    lines = [(ShapedLine(Line(text="a b", number=1), shape("a b")),), (),
             tuple(ShapedLine(Line(text=t, number=k), shape(t)) for k, t in enumerate(["x", "yy"], 2))]
    widths, families, reasons = [12.5, None, 3.0], [12.0, None, None], [("one",), (), ("two", "three")]
    got = text_regions_of(lines, widths, families, reasons)
    want = [text_region(ln, w, f, i, r, False) for i, (ln, w, f, r) in enumerate(zip(lines, widths, families, reasons))]
    assert got == want and [type(r) for r in got] == [type(r) for r in want]
