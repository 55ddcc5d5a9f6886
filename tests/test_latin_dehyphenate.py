"""Dehyphenation, table-driven from tests/data/hyphenation_cases.yaml (known failures are
strict xfail), plus properties: only line-end hyphens are ever removed."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from layoutkit.dehyphenate import HYPHENS, Lexicon, decide, fold
from layoutkit.reflow import join_texts

from .table_cases import case_params, load_cases

CASES = load_cases("hyphenation_cases.yaml")["cases"]


@pytest.mark.parametrize("case", case_params(CASES, lambda c: c["id"]))
def test_hyphenation_case(case: dict) -> None:
    lexicon = Lexicon.build(list(case.get("page", [])) + list(case["lines"]), case.get("words", ()))
    reasons: list[str] = []
    assert join_texts(case["lines"], reasons, lexicon) == case["expect"]
    if case.get("rule"):
        assert any(case["rule"] in r for r in reasons), reasons
    else:
        assert not any(r.startswith("dehyphenation: join") for r in reasons), reasons


def test_every_decision_is_recorded() -> None:
    reasons: list[str] = []
    join_texts(["die Zei-", "tung und Nord-", "Amerika"], reasons, Lexicon.build([]))
    assert len([r for r in reasons if r.startswith("dehyphenation:")]) == 2


def test_fold_unifies_long_s_and_hyphens() -> None:
    assert fold("Reichs⸗Anzeiger") == fold("reichs-anzeiger") == "reichs-anzeiger"
    assert fold("Geſetz") == "gesetz"


def test_vocabulary_skips_line_end_fragments() -> None:
    lex = Lexicon.build(["die Zei-", "tung kam", "Die Zeitung"])
    assert lex.joined("Zeitung") == 1  # only the whole word on the third line
    assert lex.words["zei"] == 0 and lex.words["tung"] == 0


def test_cjk_joins_are_untouched() -> None:
    assert join_texts(["中国-", "人民"], []) == "中国-人民"
    assert join_texts(["这一年，州党委始终", "将巡察作为"], []) == "这一年，州党委始终将巡察作为"


words = st.text(alphabet="abcdefgXYZſ", min_size=1, max_size=8)


@given(st.lists(st.tuples(words, st.sampled_from(["", " "] + list(HYPHENS))), min_size=2, max_size=6))
def test_only_line_end_hyphens_are_removed(parts: list[tuple[str, str]]) -> None:
    lines = [w + h for w, h in parts]
    out = join_texts(lines, [], Lexicon.build(lines))
    for ch in set("".join(lines)):
        if ch in HYPHENS or ch.isspace():
            continue
        assert out.count(ch) == "".join(lines).count(ch)
    removed = len("".join(lines).replace(" ", "")) - len(out.replace(" ", ""))
    assert 0 <= removed <= sum(1 for ln in lines[:-1] if ln and ln[-1] in HYPHENS)


def test_decide_is_plain_for_ordinary_line_ends() -> None:
    j = decide("the council met", "yesterday at noon", Lexicon.build([]))
    assert not j.joined and not j.keep_hyphen and j.sep == " " and j.reason is None


def test_blank_continuation_is_recorded_not_a_crash() -> None:
    # found by hypothesis (test_speed_equivalence): a whitespace-only piece after a hyphen
    j = decide("Nord⸗", " ", None)
    assert j.keep_hyphen and not j.joined and j.reason and "not-a-word-break" in j.reason


def test_lowercase_fragment_needs_the_page_vocabulary() -> None:
    # with no vocabulary there is no evidence that ``regoe`` is no word of its own
    assert decide("regoe-", "Wl conferentie", None).keep_hyphen
    j = decide("regoe-", "Wl conferentie", Lexicon.build(["regoe-", "Wl conferentie"]))
    assert j.joined and j.reason and "lowercase-fragment" in j.reason
