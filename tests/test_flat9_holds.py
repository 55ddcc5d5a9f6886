"""Flat text, ninth round: where the flat stage's own reading overrules the reflow stage
(``flat.Restored.held``, ``reflow(held=…)``) and the vetoes that read runs of lines
(``flat-notice-run``, ``flat-list-item``). Single-line cases come from
``tests/data/flat9_cases.yaml``."""
from __future__ import annotations

from typing import Any

import pytest

import layoutkit
from layoutkit.flat import dateline_cut, line_goes_on, line_signals, notice_run, restore, sentence_tail
from layoutkit.model import Line
from layoutkit.profile import load_profile

from .table_cases import case_params, load_cases

CASES = load_cases("flat9_cases.yaml")


def _lines(texts: list[str]) -> list[Line]:
    return [Line(t, i + 1) for i, t in enumerate(texts)]


def _blocks(page: Any) -> list[Any]:
    blocks = [b for a in page.articles for b in a.blocks] + list(page.blocks)
    return sorted(blocks, key=lambda b: b.lines[0])


@pytest.mark.parametrize("case", case_params(CASES["goes_on"], lambda c: f"{c['prev'][-20:]}|{c['text'][:20]}"))
def test_line_goes_on(case: dict[str, Any]) -> None:
    assert line_goes_on(case["prev"], case["text"], load_profile(case["profile"])) is case["goes_on"]


@pytest.mark.parametrize("case", case_params(CASES["dateline_cuts"], lambda c: f"{c['prev']}|{c['text'][:20]}"))
def test_dateline_cut(case: dict[str, Any]) -> None:
    assert dateline_cut(case["prev"], case["text"], load_profile(case["profile"])) is case["cut"]


@pytest.mark.parametrize("case", case_params(CASES["full_tails"], lambda c: f"{c['prev'][-20:]}|{c['text'][:20]}"))
def test_sentence_tail_after_a_full_line(case: dict[str, Any]) -> None:
    got = sentence_tail(case["prev"], case["text"], case["prev_width"], case["measure"], load_profile(case["profile"]))
    assert got is case["tail"]


#: A column of running text (German, region profile) with a narrow stretch in the middle:
#: lines well short of the measure that end on lowercase words and go on in capitalized
#: nouns. The reflow stage's width rules alone cut it at ``Stück`` and ``Massenverbrauch``.
NARROW = [
    "Die Lage der Nadelinduſtrie hat ſich im vergangenen Jahr nur wenig geändert, die",
    "Nachfrage aus dem Ausland blieb ſchwach, und die Preiſe gaben weiter nach, weil",
    "die großen Abnehmer ihre Lager noch nicht geräumt hatten und nur das Nötigſte",
    "kauften. Auch im Inland war die Nachfrage gering, denn man iſt im Verbrauch",
    "von Nadeln viel ſparſamer geworden, oder hat billigere Erſatzmittel",
    "gefunden, oder nützt das einzelne",
    "Stück beſſer aus, als das früher",
    "üblich war, wo die Erzeugung auf einen keine Sparſamkeit mit",
    "dieſen billigen Artikeln kennenden",
    "Maſſenverbrauch eingeſtellt war, und die Fabriken haben daraus",
    "ihre Schlüſſe gezogen: ſie arbeiten mit verkürzter Zeit und ſtellen",
    "keine neuen Arbeiter ein, ſolange die Lage ſich nicht beſſert und",
    "die Abnehmer nicht wieder größere Aufträge erteilen als bisher.",
    "Die Ausfuhr nach den Niederlanden und nach der Schweiz hat ſich",
    "dagegen etwas gehoben, doch reicht ſie nicht aus, den Ausfall",
    "im Geſchäft mit den überſeeiſchen Ländern auszugleichen, deren",
    "Märkte von der engliſchen und amerikaniſchen Ware beherrſcht",
    "werden. Ob die Verhandlungen über einen neuen Handelsvertrag",
    "daran etwas ändern werden, läßt ſich heute noch nicht ſagen.",
    "Die Verwaltung rechnet für das laufende Jahr mit einem",
    "geringen Gewinn, der zur Abſchreibung verwendet werden ſoll.",
    "Eine Dividende wird auch diesmal nicht verteilt werden.",
]


def test_narrow_stretch_stays_one_paragraph() -> None:
    page = layoutkit.parse_text("\n".join(NARROW), profile="de")
    opening = [b.text.split()[0] for b in _blocks(page)]
    assert "Stück" not in opening and "Maſſenverbrauch" not in opening
    assert any(r.startswith("flat-line-goes-on") for b in _blocks(page) for r in b.reasons)
    held = restore(_lines(NARROW), load_profile("de")).held
    assert held[7].startswith("flat-line-goes-on") and held[10].startswith("flat-line-goes-on")


def test_holds_need_a_flat_text() -> None:
    """The same lines with blank lines are no flat text: nothing is held, the reflow
    stage's rules decide as before (the hook is a no-op for every other input)."""
    text = "\n\n".join("\n".join(NARROW[k:k + 5]) for k in range(0, len(NARROW), 5))
    page = layoutkit.parse_text(text, profile="de")
    assert not any(r.startswith("flat-line-goes-on") for b in _blocks(page) for r in b.reasons)


NOTICES = [
    "Getrouwd: E. A. MEES",
    "EN",
    "N. STARK.",
    "Amsterdam, 30 November 1876. (43953)",
    "Getrouwd: JAN HENDRIK BEUKER Jr.,",
    "MET",
    "ALETTA HEEGER,",
    "welke hunnen hartelijken dank zeggen.",
    "Amsterdam, 30 November 1876. (43878)",
    "Bevallen van een ZOON",
    "H. A. M. WIESNER-KOHLER.",
    "Amsterdam, 30 November 1876. (43923)",
]


def test_notice_run_spans_numbered_notices() -> None:
    inside = notice_run(NOTICES)
    assert inside == [False] * 4 + [True] * 8  # from the first order number to the last
    with_debris = NOTICES[:6] + ["; | ■ ' j", "i | :"] + NOTICES[6:]
    assert not any(notice_run(with_debris)[4:10])  # a rule read as specks ends the run


def test_notice_run_of_asterisms() -> None:
    lines = ["*** Heden overleed onze geliefde Moeder,", "in den ouderdom van 80 jaren.", "Groningen, J. MULLER.",
             "*»* De LEDEN van het DEPARTEMENT worden verzocht", "de vergadering by te wonen.", "Secretaris.",
             "* BERLIJN, 29 Nov. De zitting werd geopend."]
    # from the first asterism to the second; a single ``*`` opens a news item, no notice
    assert notice_run(lines) == [False, True, True, True, False, False, False]


def test_notice_run_keeps_the_notices_in_one_block() -> None:
    lines = ["Het programma van den avond werd met veel bijval ontvangen door het publiek."] * 12 + NOTICES * 2
    signals = line_signals(_lines(lines), load_profile("nl"))
    assert all("flat-notice-run" in signals[i] for i in range(16, len(lines)))
    restored = restore(_lines(lines), load_profile("nl"))
    blank_before = {restored.lines[k + 1].number for k, ln in enumerate(restored.lines) if ln.is_blank}
    assert not blank_before & set(range(17, len(lines) + 1))


LIST = [
    "Le théâtre de l'Opéra donnera cette semaine les ouvrages suivants, que nous",
    "publions d'après le programme communiqué par l'administration du théâtre et",
    "dont les représentations commenceront à huit heures précises chaque soir.",
    "Lundi, Lohengrin.",
    "Mercredi, Samson.",
    "Vendredi, Faust.",
    "Samedi, Sigurd.",
] * 4


def test_short_paragraphs_in_a_row_are_one_list() -> None:
    signals = line_signals(_lines(LIST), load_profile("fr"))
    # (``Mercredi`` follows a paragraph of four lines, the introduction and ``Lundi``: no list yet)
    items = [i for i, t in enumerate(LIST) if t.startswith(("Vendredi", "Samedi"))]
    assert all("flat-list-item" in signals[i] for i in items)
    restored = restore(_lines(LIST), load_profile("fr"))
    blank_before = {restored.lines[k + 1].number for k, ln in enumerate(restored.lines) if ln.is_blank}
    assert not blank_before & {i + 1 for i in items}


def test_lone_speck_does_not_end_a_run_of_numbered_notices() -> None:
    with_speck = NOTICES[:6] + ["i»"] + NOTICES[6:]
    assert all(notice_run(with_speck)[4:])


def _signals_at(texts: list[str], at: int, profile: str) -> frozenset[str]:
    return line_signals(_lines(texts), load_profile(profile))[at]


#: Running French text of a block page, to set a line between.
PROSE = [
    "La séance a été ouverte à deux heures sous la présidence de M. Casimir-Perier, et la",
    "Chambre a repris la discussion du budget de l'agriculture, que le ministre a défendu",
    "avec beaucoup de vigueur contre les critiques de l'opposition, qui n'a pas désarmé.",
]


def test_colon_lead_in_stays_with_the_text_before() -> None:
    texts = PROSE + ["Du Voltaire :"] + PROSE
    assert "flat-colon-lead-in" in _signals_at(texts, 3, "fr")
    restored = restore(_lines(texts), load_profile("fr")).lines
    assert not any(ln.is_blank for ln in restored[:5])


def test_close_set_dash_dialogue_goes_on_but_spaced_dash_item_breaks() -> None:
    dialogue = PROSE[:2] + ["Et qui m'en empêchera ?", "—Moi, répondit-elle sans hésiter un seul instant."] + PROSE
    assert "flat-dialogue-goes-on" in _signals_at(dialogue, 3, "fr")
    item = PROSE[:2] + ["Et qui m'en empêchera ?", "— Moi, répondit-elle sans hésiter un seul instant."] + PROSE
    assert "flat-dialogue-goes-on" not in _signals_at(item, 3, "fr")


def test_chapter_number_heads_its_text() -> None:
    texts = PROSE + ["XIV", "Marceline, inquiète, avait affirmé comme une certitude ce qui"] + PROSE
    found = _signals_at(texts, 4, "fr")
    assert "flat-chapter-opens" in found
    restored = restore(_lines(texts), load_profile("fr")).lines
    k = next(k for k, ln in enumerate(restored) if ln.number == 5)
    assert not restored[k - 1].is_blank


def test_one_capital_alone_is_no_title_line() -> None:
    texts = ["780 S 30 780 a 30 780 5 30", "H", "780 S 30 780 a 30 780 5 30"] * 8
    signals = line_signals(_lines(texts), load_profile("fr"))
    assert not any("flat-title-run" in s for s in signals)
