"""Latin text pipeline: OCR noise, flat exports, paragraphs across hyphenated lines,
historical characters, and the dev cases (no crash, no lost character) when present."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

import layoutkit
from layoutkit.dehyphenate import HYPHENS
from layoutkit.model import Line
from layoutkit.noise import is_noise
from layoutkit.flat import is_flat, restore_breaks
from layoutkit.params import Params, ReflowParams
from layoutkit.profile import builtin_profile

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.mark.parametrize("text, noise", [
    ("\"^g*^'fT| I UW |i|lWW__", True), ("rq - 61", True), ("fKr ) i])", True), ("% Q", True),
    ("\"^g*^'fT| I UW |i|lWW__^_______i__i___^ia_____lMl___«___U__^__WW_W_i__i", True),
    ("Inland.", False), ("§. 1.", False), ("Deutſches Reich.", False), ("tive part in", False),
    ("MINISTERE", False), ("支配收入", False),
])
def test_is_noise(text: str, noise: bool) -> None:
    assert is_noise(text) is noise


def _chars(page) -> Counter:
    return Counter(c for b in page.iter_blocks() for c in b.text if not c.isspace())


BODY = ("Der Gouverneur beſtimmt mit Genehmigung des Reichs⸗\nkanzlers, wer als Eingeborener im "
        "Sinne dieſer Verordnung\nanzuſehen iſt und inwieweit Eingeborene der Gerichtsbarkeit\n"
        "über das in §. 2 bezeichnete Maß hinaus zu unter⸗\nſtellen ſind, ſowie die Sitze und Bezirke ꝛc.\n")


def test_historical_characters_survive() -> None:
    page = layoutkit.parse_text(BODY, profile="de")
    text = " ".join(b.text for b in page.iter_blocks())
    assert "ſ" in text and "ꝛc." in text  # long s and r rotunda are never modernized
    assert "Reichskanzlers" in text and "unterſtellen" in text


def test_noise_line_is_kept_and_typed_other() -> None:
    text = BODY.replace("anzuſehen", "\"^g*^'fT| I UW |i|lWW__\nanzuſehen")
    params = Params().with_(reflow=ReflowParams(noise_aside=True))
    page = layoutkit.parse_text(text, profile="de", params=params)
    blocks = list(page.iter_blocks())
    others = [b for b in blocks if b.type == "other"]
    assert [b.text for b in others] == ["\"^g*^'fT| I UW |i|lWW__"]
    body = [b for b in blocks if b.type == "body"]
    assert len(body) == 1 and "Verordnung anzuſehen" in body[0].text  # the paragraph goes on
    assert _chars(page) == Counter(c for c in text if not c.isspace() and c not in "⸗")


def test_flat_text_gets_block_breaks() -> None:
    prof = builtin_profile("de")
    para = ["Das Geſetz über die Konſulargerichtsbarkeit vom 10. Juli",
            "1879 kommt in Gemäßheit des §. 2 des Geſetzes zur",
            "Anwendung."]
    lines_text = ["Deutſches Reich."] + para * 8 + ["Nichtamtliches."] + para * 8
    lines = [Line(t, i + 1) for i, t in enumerate(lines_text)]
    assert is_flat(lines)
    out = restore_breaks(lines, prof)
    assert [ln.text for ln in out if not ln.is_blank] == lines_text  # nothing lost or moved
    blanks = [i for i, ln in enumerate(out) if ln.is_blank]
    assert blanks and out[blanks[0] + 1].text == para[0]  # a title run is its own box


def _cases(kind: str) -> list:
    folder = SHARED / "cases"
    if not folder.exists():
        return []
    names = ["reichsanzeiger-1891_1_0001", "kb-1813-11-16-p1", "bl-1855-09-22-p1", "rero-1845-12-28-p2"]
    return [folder / f"{n}.{kind}" for n in names if (folder / f"{n}.{kind}").exists()]


@pytest.mark.skipif(not SHARED.exists(), reason="../shared not present")
@pytest.mark.parametrize("path", _cases("txt") + _cases("flat.txt") +
                         sorted((SHARED / "corpus" / "chronam-testdata").glob("*ocr.txt")), ids=lambda p: p.name)
def test_dev_pages_lose_no_character(path: Path) -> None:
    raw = path.read_text(encoding="utf-8")
    page = layoutkit.parse_text(raw, path=str(path))
    need = Counter(c for c in raw if not c.isspace())
    lost = {c: n for c, n in (need - _chars(page)).items() if c not in HYPHENS}
    assert not lost


def test_cli_wordlist_joins_dropped_hyphen(tmp_path: Path, capsys) -> None:
    from layoutkit.cli import main

    words = tmp_path / "words.txt"
    words.write_text("# known words\nharbor\n", encoding="utf-8")
    page = tmp_path / "page.txt"
    page.write_text("The tieup of craft in New-York Har\nbor that has been threatened will not take place.\n",
                    encoding="utf-8")
    assert main(["convert", str(page), "--format", "txt", "--wordlist", str(words)]) == 0
    assert "New-York Harbor that" in capsys.readouterr().out
    assert main(["convert", str(page), "--format", "txt"]) == 0
    assert "Har bor" in capsys.readouterr().out  # no evidence without the list
    assert main(["convert", str(page), "--wordlist", str(tmp_path / "missing.txt")]) == 2


def test_dateline_opens_a_news_item() -> None:
    text = ("Die Börse verlief heute ruhig, und die Kurse der meisten Werte blieben faſt\n"
            "unverändert, nur Bankaktien waren etwas feſter als geſtern.\n"
            "Berlin, 16. Jan. Die Ostdevisen waren im Verlaufe des Tages ſehr feſt und die\n"
            "Nachfrage nach Dollars blieb bis zum Schluß der Börſe ſehr lebhaft beſtehen.\n")
    page = layoutkit.parse_text(text, profile="de")
    bodies = [b for b in page.iter_blocks() if b.type == "body"]
    assert [b.text[:18] for b in bodies] == ["Die Börse verlief ", "Berlin, 16. Jan. D"]
    assert any(r in ("dateline-break", "short-line-break") for r in bodies[1].reasons)


def test_dateline_break_between_full_lines() -> None:
    from layoutkit.profile import builtin_profile
    from layoutkit.reflow import reflow
    from layoutkit.columns import text_regions
    from layoutkit.readers.text import read_lines

    line = "Die Nachfrage nach Dollars blieb bis zum Schluß der Börſe lebhaft"
    ends = "Die Nachfrage nach Dollars blieb bis zum Schluß der Börſe ſehr feſt."
    dateline = "Berlin, 16. Jan. Die Nachfrage nach Dollars blieb bis zum Schluß"
    text = "\n".join([line] * 4 + [ends, dateline] + [line] * 3 + ["zu Ende."]) + "\n"
    params = Params()
    regions = text_regions(read_lines(text, max_lines=1000), params.columns)
    flow = reflow(regions, builtin_profile("de"), params.reflow)
    assert len(flow.paragraphs) == 2
    assert "dateline-break" in flow.paragraphs[1].reasons
