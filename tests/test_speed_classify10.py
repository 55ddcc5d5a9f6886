"""The typing fast paths of the tenth round (classify10) against plain reference code
(``tests/classify10_reference.py``: the functions as they were before): one
``Profile.hits`` question a paragraph instead of one ``match`` per key, the CJK tests as
one regex search, the second pass visiting only title, name and credit items, and the
whole ``classify`` on real pages of every input kind."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from layoutkit import api, pipeline
from layoutkit.classify import _positions
from layoutkit.noise import CJK_CHAR, _CJK_VISIBLE, is_noise
from layoutkit.profile import PATTERN_KEYS, builtin_profile
from layoutkit.textwidth import is_cjk

sys.path.insert(0, str(Path(__file__).resolve().parent))
import classify10_reference as ref  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"

#: Text mixing Latin, CJK (with the ideographic space), digits, punctuation and spaces.
_ALPHABET = st.sampled_from(list("abcXYZ éß 12.,:;-()§\u3000\u3001本报记者杨鹤图为（）“”—ＡＢ１\u2e80\u9fff\uac00\ufe30"
                                 "\U00020000\t\n'"))
_TEXTS = st.text(_ALPHABET, max_size=40) | st.text(max_size=30)


def test_cjk_patterns_equal_is_cjk_on_every_code_point() -> None:
    every = "".join(map(chr, range(0x110000)))
    cjk = [c for c in every if is_cjk(c)]
    assert CJK_CHAR.findall(every) == cjk
    assert _CJK_VISIBLE.findall(every) == [c for c in cjk if not c.isspace()]


@given(_TEXTS | st.text(_ALPHABET, min_size=45, max_size=80))
def test_first_pass_cjk_test_equals_plain_scan(text: str) -> None:
    """``_first_pass``'s table guard: the first 50 characters hold no CJK character."""
    assert (CJK_CHAR.search(text, 0, 50) is None) == ref._no_cjk(text[:50]) == (not any(map(is_cjk, text[:50])))


@given(_TEXTS)
def test_is_noise_equals_reference(text: str) -> None:
    assert is_noise(text) == ref.is_noise(text)


@given(st.lists(st.sampled_from(["title", "name", "", "x"]), max_size=12), st.sampled_from(["title", "name", "y"]))
def test_positions_equal_enumerate(values: list[str], value: str) -> None:
    assert _positions(values, value) == [i for i, v in enumerate(values) if v == value]


#: Texts some built-in pattern matches (bylines, credits, headers, datelines, notes).
_KNOWN = ["本报记者 杨鹤", "（作者为中国人民大学教授）", "新华社记者 王鹏摄", "2019年1月1日 星期二", "第7版",
          "By JOHN SMITH", "Continued on Page 4", "Photo: AP", "LONDON, Sept. 21.—The", "——记某某",
          "图为工人在检修设备。", "Fortsetzung auf Seite 2", "PARIS, 1er avril.", "Von unserem Korrespondenten"]


@settings(max_examples=200)
@given(st.sampled_from(("zh", "en", "de", "fr", "nl", "latin", "default")),
       st.lists(st.sampled_from(sorted(PATTERN_KEYS)), min_size=1, max_size=5, unique=True),
       st.lists(st.sampled_from(_KNOWN) | _TEXTS, min_size=1, max_size=4))
def test_hits_equal_key_by_key(name: str, keys: list[str], texts: list[str]) -> None:
    prof = builtin_profile(name)
    joined = "+".join(keys)
    for text in texts + texts:  # twice: the second answers come from the memos
        want = frozenset(k for k in keys if prof.match(k, text) is not None)
        assert prof.hits(joined, text) == want
        assert prof.none_match(joined, text) == (not want)


def _inputs() -> list[Path]:
    found = [ROOT / "fixtures" / "seed-zh.txt", ROOT / "fixtures" / "pdf-two-columns.pdf",
             *sorted((ROOT / "fixtures" / "xml").iterdir())]
    cases = SHARED / "cases"
    if cases.is_dir():
        for pattern in ("*.txt", "*.alto.xml"):
            found.extend(sorted(cases.glob(pattern))[:6])
    return found


def test_classify_equals_reference_on_real_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every page of the fixtures and some dev cases (text, flat text, ALTO, PAGE, hOCR):
    the typed items equal the reference's, field for field."""
    compared = 0

    def both(flow, profile, params):  # type: ignore[no-untyped-def]
        nonlocal compared
        want = ref.classify(flow, profile, params)
        got = real(flow, profile, params)
        assert got == want
        compared += len(got)
        return got

    real = pipeline.classify
    monkeypatch.setattr(pipeline, "classify", both)
    for path in _inputs():
        list(api.iter_file_pages(path))
    assert compared > 100
