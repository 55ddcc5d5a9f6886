"""Text reader: encoding sniffing, line splitting, normalization."""
from __future__ import annotations

import codecs

import pytest

from layoutkit.errors import EncodingError
from layoutkit.readers.text import decode_bytes, normalize_text, read_lines, split_lines

SAMPLE = "本报记者 杨鹤\n“二十里店镇的‘村晚’今天在咱村办，这可是大事儿。”\n"


@pytest.mark.parametrize("encoding,expected", [
    ("utf-8", "utf-8"),
    ("gb18030", "gb18030"),
    ("big5", "big5"),
])
def test_decodes_cjk_encodings(encoding: str, expected: str) -> None:
    text = "繁體中文報紙的一段文字，這是測試。\n" if encoding == "big5" else SAMPLE
    got = decode_bytes(text.encode(encoding))
    assert got.text == text
    assert got.encoding == expected


def test_byte_order_marks() -> None:
    assert decode_bytes(codecs.BOM_UTF8 + SAMPLE.encode()).text == SAMPLE
    assert decode_bytes(codecs.BOM_UTF8 + SAMPLE.encode()).encoding == "utf-8-bom"
    assert decode_bytes(SAMPLE.encode("utf-16")).text == SAMPLE
    assert decode_bytes(codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be")).text == SAMPLE


def test_utf16_without_bom_is_recognised() -> None:
    data = "Deutscher Reichs-Anzeiger und Staats-Anzeiger.\n".encode("utf-16-le")
    assert decode_bytes(data).encoding == "utf-16-le"


def test_latin1_falls_back_to_cp1252() -> None:
    text = "Le Matin, édition du 2 avril — déjà.\n"
    got = decode_bytes(text.encode("cp1252"))
    assert got.text == text


def test_binary_input_is_an_error_naming_the_file() -> None:
    with pytest.raises(EncodingError, match="page.bin: binary file"):
        decode_bytes(b"\x00\x01\x02\x03PK\x05\x06" * 10, path="page.bin")


def test_nfc_keeps_fullwidth_punctuation() -> None:
    # NFKC would turn these into ASCII; users must see the text as printed.
    assert normalize_text("，。：（）“”") == "，。：（）“”"
    assert normalize_text("e\u0301") == "é"


def test_split_lines_every_convention() -> None:
    assert split_lines("a\r\nb\rc\nd\x0ce\u2028f\n") == ["a", "b", "c", "d", "e", "f"]


def test_read_lines_numbers_blank_lines_and_keeps_indent() -> None:
    lines = read_lines("  first\n\nthird\t\n")
    assert [(ln.number, ln.text) for ln in lines] == [(1, "  first"), (2, ""), (3, "third")]
    assert lines[1].is_blank
