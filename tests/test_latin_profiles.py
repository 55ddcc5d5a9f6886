"""Latin-script profiles: table-driven pattern cases from tests/data/profile_cases.yaml
(known failures strict xfail), language detection, and end-to-end typing."""
from __future__ import annotations

import pytest

import layoutkit
from layoutkit.language import detect_language
from layoutkit.profile import builtin_profile

from .table_cases import case_params, load_cases

CASES = load_cases("profile_cases.yaml")["cases"]


@pytest.mark.parametrize("case", case_params(CASES, lambda c: f"{c['profile']}-{c['key']}-{c['text'][:30]}"))
def test_profile_pattern(case: dict) -> None:
    prof = builtin_profile(case["profile"])
    assert bool(prof.match(case["key"], case["text"])) is case["match"]


@pytest.mark.parametrize("name", ["latin", "en", "de", "fr", "nl"])
def test_latin_profiles_load_and_inherit(name: str) -> None:
    prof = builtin_profile(name)
    assert prof.heading, "every Latin profile inherits the heading patterns"
    assert prof.secondary_title_role == "deck"


@pytest.mark.parametrize("text, lang", [
    ("Der Kaiser hat sich mit dem Reichskanzler über die Frage des Etats beraten, und es ist "
     "nicht zu erwarten, daß die Sitzung noch vor dem Ende der Woche stattfindet.", "de"),
    ("Le président de la République a reçu hier les ministres, et il a été question de la "
     "crise dans les départements du Nord pour une fois.", "fr"),
    ("De minister heeft in de Kamer verklaard dat het niet mogelijk is om de wet voor het "
     "einde van het jaar aan te nemen, maar dat hij er toch naar zal streven.", "nl"),
    ("The council met yesterday in the hall of the city, and it was said that the mayor will "
     "not be at the meeting of the board which has been called for Monday.", "en"),
])
def test_language_detection_picks_the_profile(text: str, lang: str) -> None:
    assert detect_language(text) == lang
    assert layoutkit.parse_text(text).profile == lang


def test_profile_option_overrides_detection() -> None:
    text = "The council met yesterday in the hall of the city, and it was said that the mayor will come."
    assert layoutkit.parse_text(text, profile="de").profile == "de"


def test_heading_with_period_is_a_headline() -> None:
    body = ("Alexandrien, 6. Juli. Wir leben in einer gänzlichen Stille, ſowohl in Geſchäften "
            "als in der Politik, und es iſt nichts von Bedeutung zu melden geweſen.")
    page = layoutkit.parse_text("Aegypten.\n\n" + body + "\n", profile="de")
    types = [b.type for b in page.iter_blocks()]
    assert types[0] == "headline"
    assert "body" in types
