"""Optional modernization of historical letterforms (``orthography``)."""
from __future__ import annotations

import json

from layoutkit import parse_text
from layoutkit.cli import main
from layoutkit.conservation import account
from layoutkit.orthography import modernize_text, parse_reason
from layoutkit.params import OrthographyParams, Params
from layoutkit.readers.text import read_lines

PAGE = (
    "Deutſches Reich.\n"
    "\n"
    "Berlin, 29. Juni. Der Geſetzentwurf uͤber die Oſt⸗Afrika⸗Linie iſt\n"
    "heute dem Bundesrathe vorgelegt worden, wie wir erfahren, und wird\n"
    "in der naͤchſten Sitzung beſprochen werden.\n"
)
MODERN = Params(orthography=OrthographyParams(modernize=True))


def test_modernize_text_maps_each_form_and_counts_it():
    text, made = modernize_text("Geſetz uͤber Oſt⸗Afrika vnd deꝛ")
    assert text == "Gesetz über Ost-Afrika vnd der"
    assert dict(((old, new), n) for old, new, n in made) == {
        ("u\u0364", "ü"): 1, ("ſ", "s"): 2, ("ꝛ", "r"): 1, ("⸗", "-"): 1}


def test_modern_text_is_unchanged():
    assert modernize_text("Gesetz über Ost-Afrika") == ("Gesetz über Ost-Afrika", ())


def test_off_by_default_keeps_the_page_forms():
    page = parse_text(PAGE)
    text = " ".join(b.text for b in page.iter_blocks())
    assert "Deutſches" in text and "Oſt⸗Afrika" in text and "uͤber" in text


def test_on_every_block_headline_and_reason():
    page = parse_text(PAGE, params=MODERN)
    texts = [b.text for b in page.iter_blocks()]
    joined = " ".join(texts)
    assert "ſ" not in joined and "⸗" not in joined and "\u0364" not in joined
    assert "Deutsches Reich." in joined and "Ost-Afrika-Linie" in joined and "über" in joined
    assert all("ſ" not in (a.headline or "") for a in page.articles)
    reasons = [r for b in page.iter_blocks() for r in b.reasons if r.startswith("modernized: ")]
    assert reasons and all(parse_reason(r) is not None for r in reasons)


def test_conservation_accepts_exactly_the_recorded_substitutions():
    page = parse_text(PAGE, params=MODERN)
    lines = [ln.text for ln in read_lines(PAGE)]
    assert account(lines, page).ok


def test_parse_reason_round_trips_quotes_and_ignores_others():
    assert parse_reason("modernized: 'ſ' -> 's' x3") == ("ſ", "s", 3)
    assert parse_reason("dehyphenation: join a+b (rule)") is None
    assert parse_reason("modernized: garbage") is None


def test_cli_flag(tmp_path):
    src = tmp_path / "page.txt"
    src.write_text(PAGE, encoding="utf-8")
    out = tmp_path / "page.json"
    assert main(["convert", str(src), "--modernize", "-o", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    texts = [b["text"] for a in data["articles"] for b in a["blocks"]] + [b["text"] for b in data["blocks"]]
    assert not any("ſ" in t for t in texts)


from hypothesis import given, settings
from hypothesis import strategies as st

LETTERS = st.text(alphabet=st.sampled_from(list("aouAOUsrſꝛ⸗\u0364 -eing\n")), max_size=300)


@settings(max_examples=200, deadline=None)
@given(LETTERS)
def test_property_modernized_pages_keep_the_contract(text):
    """Whatever mix of historical forms a page holds, the modernized output accounts for
    every input character: kept, or replaced as a recorded reason says."""
    page = parse_text(text, params=MODERN)
    assert account([ln.text for ln in read_lines(text)], page).ok
    assert not any(ch in b.text for b in page.iter_blocks() for ch in "ſꝛ⸗")
