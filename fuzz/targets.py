"""What one fuzz input must satisfy, for any reader.

``check(fmt, data)`` runs the whole pipeline on ``data`` read as format ``fmt`` and
raises ``ContractViolation`` when the contract of ``docs/errors.md`` is broken:

* any exception other than a ``LayoutkitError`` (a crash);
* a character the reader delivered missing from the output without a recorded
  removal, or an invented/duplicated one (``layoutkit.conservation``);
* for text input, a character of the decoded text (NFC, whitespace and NUL aside)
  that did not reach the reader's lines;
* JSON output that cannot be encoded as UTF-8.

A ``LayoutkitError`` is the documented way to refuse an input and is not a failure,
but its message must be one line.
"""
from __future__ import annotations

import json
import unicodedata
from collections import Counter

from layoutkit.conservation import account, countable
from layoutkit.errors import LayoutkitError
from layoutkit.params import Params, ReadParams
from layoutkit.pipeline import run_lines
from layoutkit.readers import get_reader

#: Small limits keep each fuzz execution fast; hitting one is a documented refusal.
FUZZ_PARAMS = Params(read=ReadParams(max_lines=5_000, max_bytes=1 << 20, max_pages=50))
#: A PDF input goes through both backends: they share the layout analysis but not the
#: parser, and each has its own ways to fail on a broken file.
PDF_BACKEND_PARAMS = tuple(Params(read=ReadParams(max_lines=5_000, max_bytes=1 << 20, max_pages=50, pdf_backend=b))
                           for b in ("pdfplumber", "pdfium"))


class ContractViolation(AssertionError):
    """The input broke the reliability contract (see the module docstring)."""


def _text_reader_conserves(data: bytes, lines_text: list[str]) -> None:
    from layoutkit.readers.text import decode_bytes

    decoded = decode_bytes(data, encoding=FUZZ_PARAMS.read.encoding)
    want = countable(unicodedata.normalize("NFC", decoded.text))
    want.pop("\x00", None)  # NUL is never text (documented removal)
    got = Counter[str]()
    for t in lines_text:
        got.update(countable(t))
    if want != got:
        raise ContractViolation(f"text reader lost {dict(want - got)!r} / invented {dict(got - want)!r}")


def check(fmt: str, data: bytes) -> int:
    """Run one input; returns the number of pages produced (0 when refused)."""
    if fmt == "pdf":
        return max(_check_one(fmt, data, params) for params in PDF_BACKEND_PARAMS)
    return _check_one(fmt, data, FUZZ_PARAMS)


def _check_one(fmt: str, data: bytes, params: Params) -> int:
    reader = get_reader(fmt)
    if reader is None:
        raise RuntimeError(f"no reader for {fmt}")
    n = 0
    all_lines: list[str] = []
    try:
        for raw in reader("fuzz-input", data, params, None):
            lines_text = [line.text for line in raw.lines]
            all_lines.extend(lines_text)
            page = run_lines(raw.lines, raw.source, params=params, warnings=raw.warnings)
            result = account(lines_text, page)
            if not result.ok:
                raise ContractViolation(f"character accounting failed: {result.describe()}")
            page.to_json().encode("utf-8")
            json.dumps(page.to_dict())
            n += 1
        if fmt == "text":  # a text input's form feeds split it into pages: all pages together
            _text_reader_conserves(data, all_lines)
    except LayoutkitError as exc:
        if "\n" in str(exc):
            raise ContractViolation(f"multi-line error message: {str(exc)!r}") from exc
        return n
    return n
