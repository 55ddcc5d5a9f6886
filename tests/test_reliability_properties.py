"""Property tests of the reliability contract (docs/errors.md) for every reader.

For random and adversarial pages (mixed scripts, RTL, combining marks, emoji, control
characters, every line-break convention, tabs, NUL, hyphenation and fake-bold bait,
blank and whitespace-only pages) each reader must:

* raise nothing but a ``LayoutkitError`` (one-line message);
* conserve characters: every non-whitespace character of the page's text reaches the
  output exactly once, except the removals recorded in the blocks' reasons
  (``layoutkit.conservation``);
* be deterministic: the same input gives byte-identical JSON;
* produce JSON valid against ``docs/page.schema.json``.

Each reader is one parametrized entry with an *encoder* that writes a generated page
(a list of line strings) in the reader's input format; a reader whose module is not in
this checkout yet is skipped with a reason. Example counts: ``EXAMPLES`` = 2,000 per
reader by default (what CI runs; about 10-20 s of CPU per reader); ``LAYOUTKIT_EXAMPLES=200``
for a quick local run.
"""
from __future__ import annotations

import importlib.util
import json
import os
import random
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional
from xml.sax.saxutils import escape

import sys

import pytest

hypothesis = pytest.importorskip("hypothesis")
jsonschema = pytest.importorskip("jsonschema")
from hypothesis import HealthCheck, given, note, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from layoutkit.api import parse_bytes, read_pages  # noqa: E402
from layoutkit.conservation import account, countable  # noqa: E402
from layoutkit.errors import LayoutkitError  # noqa: E402
from layoutkit.params import Params, ReadParams  # noqa: E402
from layoutkit.pipeline import parse_text, run_lines  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((ROOT / "docs" / "page.schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)

EXAMPLES = int(os.environ.get("LAYOUTKIT_EXAMPLES") or 2000)
PROPERTY_SETTINGS = settings(max_examples=EXAMPLES, deadline=None, derandomize=bool(os.environ.get("CI")),
                             suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# --- adversarial text ---------------------------------------------------------------

#: Alphabets mixed into lines: Latin with diacritics, Fraktur-ish German, CJK (simplified
#: and traditional), Japanese kana, Hangul, Arabic and Hebrew (RTL), Devanagari, Thai,
#: combining marks, emoji (with ZWJ and skin tones), digits, punctuation of every script.
ALPHABETS = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZäöüßéèêçñ",
    "理论新时代中国人民日报社记者本报讯标题正文第一行足够长的文字體育經濟",
    "ひらがなカタカナ한국어신문",
    "مرحبا بالعالم الصحيفة שלום עיתון",
    "नमस्ते समाचार ภาษาไทย",
    "\u0301\u0308\u0327\u20dd\u0651",           # combining marks (also at a line start)
    "😀👍🏽👨\u200d👩\u200d👧🇩🇪\ufe0f",      # emoji, ZWJ sequence, flag, variation selector
    "0123456789٠١٢٣",
    "，。、；：？！“”‘’「」（）《》…—·％.,;:!?'\"()[]-/&§",
    "-\u2e17\u00ac\u2010\u00ad=",                # every hyphen dehyphenation knows
    "\u200b\u200e\u200f\u202e\u2066\ufeff\ufffd",  # zero-width, bidi controls, BOM, replacement
    "\x01\x07\x1b\x7f\u0085\x9f",                # control characters
)
SPACES = (" ", "  ", "\t", "\u3000", "\u00a0")
BAIT = ("理论理论", "新时代新时代：：", "Zei-", "über⸗", "TITEL TITEL", "77 理论理论", "By JOHN SMITH",
        "BERLIN, 29. Juni.", "本报记者 杨鹤", "冀雄波 摄", "支 配 收 入 25108 元 ，同 比 增 长")


#: Generation is the slow part of a property test, so a line is drawn as a list of
#: atoms (single characters of every alphabet, bait words, gaps) from one flat pool,
#: with a sprinkling of arbitrary characters.
ATOMS = tuple(sorted({ch for a in ALPHABETS for ch in a})) + BAIT + SPACES + (" ",) * 20


def lines() -> st.SearchStrategy[str]:
    atom = st.one_of(st.sampled_from(ATOMS), st.sampled_from(ATOMS), st.sampled_from(ATOMS),
                     st.characters(codec="utf-8"))
    content = st.lists(atom, min_size=1, max_size=40).map(lambda xs: "".join(xs).rstrip(" "))
    return st.one_of(content, content, content, content, st.just(""), st.text(alphabet="".join(SPACES), max_size=4))


@st.composite
def pages(draw: st.DrawFn) -> list[str]:
    """A page as a list of lines: a repeated full-width 'column' makes the pipeline find
    columns and paragraphs, random lines make everything else happen."""
    body = draw(st.lists(lines(), min_size=0, max_size=24))
    if draw(st.booleans()) and body:
        width = max(len(x) for x in body) or 1
        body = [x.ljust(width, "x") if i % 3 else x for i, x in enumerate(body)]
    return body


def _any_char(rng: random.Random) -> str:
    """Any Unicode scalar value (no surrogates), biased towards the BMP."""
    while True:
        cp = rng.randrange(0x10000) if rng.random() < 0.8 else rng.randrange(0x110000)
        if not 0xD800 <= cp <= 0xDFFF:
            return chr(cp)


def random_page(rng: random.Random) -> list[str]:
    """The same adversarial pages as ``pages()``, drawn with ``random`` instead of
    hypothesis: about 100x cheaper per example, so the suite can afford thousands of
    examples per reader (no shrinking, but the failing page is printed with ``note``)."""
    out = []
    for _ in range(rng.choice((0, 1, 2, 3, 5, 8, 12, 20, 30))):
        kind = rng.random()
        if kind < 0.1:
            out.append("")
        elif kind < 0.15:
            out.append("".join(rng.choice(SPACES) for _ in range(rng.randrange(1, 4))))
        else:
            n = rng.randrange(1, 45)
            atoms = [_any_char(rng) if rng.random() < 0.08 else rng.choice(ATOMS) for _ in range(n)]
            out.append("".join(atoms).rstrip(" "))
    if out and rng.random() < 0.5:
        width = max(len(x) for x in out) or 1
        out = [x.ljust(width, rng.choice("x理")) if i % 3 else x for i, x in enumerate(out)]
    return out


LINE_BREAKS = ("\n", "\r\n", "\r", "\x0c", "\x0b", "\u2028", "\u2029", "\x85")


# --- readers ------------------------------------------------------------------------


def _xml_text(line: str) -> str:
    """Characters XML 1.0 can carry (no C0 controls but tab/LF/CR, no U+FFFE/FFFF)."""
    return "".join(ch for ch in line if ch in "\t\n\r" or (ord(ch) >= 0x20 and ch not in "\ufffe\uffff"))


def encode_text(page: list[str]) -> bytes:
    return "\n".join(page).encode("utf-8")


def encode_alto(page: list[str]) -> bytes:
    rows = []
    for i, line in enumerate(page):
        strings = "".join(f'<String CONTENT="{escape(w, {chr(34): "&quot;"})}" HPOS="{10 + 50 * k}" VPOS="{20 * i}" '
                          f'WIDTH="45" HEIGHT="15"/>' for k, w in enumerate(_xml_text(line).split()))
        rows.append(f'<TextLine ID="l{i}" HPOS="10" VPOS="{20 * i}" WIDTH="500" HEIGHT="15">{strings}</TextLine>')
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<alto xmlns="http://www.loc.gov/standards/alto/ns-v4#"><Description><MeasurementUnit>pixel'
            '</MeasurementUnit></Description><Layout><Page ID="p1" WIDTH="600" HEIGHT="' + str(20 * len(page) + 40)
            + '" PHYSICAL_IMG_NR="1"><PrintSpace><TextBlock ID="b1" HPOS="10" VPOS="0" WIDTH="500" HEIGHT="'
            + str(20 * len(page) + 20) + '">' + "".join(rows)
            + "</TextBlock></PrintSpace></Page></Layout></alto>").encode("utf-8")


def encode_hocr(page: list[str]) -> bytes:
    rows = []
    for i, line in enumerate(page):
        words = "".join(f"<span class='ocrx_word' title='bbox {10 + 50 * k} {20 * i} {55 + 50 * k} {20 * i + 15}'>"
                        f"{escape(w)}</span> " for k, w in enumerate(_xml_text(line).split()))
        rows.append(f"<span class='ocr_line' title='bbox 10 {20 * i} 510 {20 * i + 15}'>{words}</span>")
    return ("<!DOCTYPE html><html><head><meta charset='utf-8'/><meta name='ocr-system' content='tesseract'/>"
            "</head><body><div class='ocr_page' title='bbox 0 0 600 " + str(20 * len(page) + 40) + "'>"
            "<div class='ocr_carea' title='bbox 10 0 510 " + str(20 * len(page) + 20) + "'><p class='ocr_par'>"
            + "".join(rows) + "</p></div></div></body></html>").encode("utf-8")


def encode_page(page: list[str]) -> bytes:
    rows = []
    for i, line in enumerate(page):
        y0, y1 = 20 * i, 20 * i + 15
        rows.append(f'<TextLine id="l{i}"><Coords points="10,{y0} 510,{y0} 510,{y1} 10,{y1}"/>'
                    f"<TextEquiv><Unicode>{escape(_xml_text(line))}</Unicode></TextEquiv></TextLine>")
    h = 20 * len(page) + 40
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<PcGts xmlns="http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15">'
            f'<Page imageFilename="x.png" imageWidth="600" imageHeight="{h}">'
            f'<TextRegion id="r1" type="paragraph"><Coords points="10,0 510,0 510,{h} 10,{h}"/>'
            + "".join(rows) + "</TextRegion></Page></PcGts>").encode("utf-8")


def _pdfium_page(page: list[str]) -> list[str]:
    """A page without what the pdfium backend rewrites (a known limitation of that
    backend, ``docs/pdf.md``), as spaces:

    * in a line with right-to-left letters, everything but letters and decimal digits
      (without a compatibility decomposition): pdfium's bidi pass mirrors brackets and
      quotes, maps other characters to ASCII there (``；`` as ``;``, ``⓻`` as ``7``) and
      decomposes compatibility letters (``ٶ`` as ``وٴ``);
    * anywhere, presentation forms (U+FB00-U+FDFF, U+FE70-U+FEFF): pdfium decomposes
      ligatures (``ﬁ`` as ``fi``) and Arabic contextual forms into base letters.

    The pdfplumber examples keep all of these and check them."""
    out = []
    for line in page:
        line = "".join(" " if "\ufb00" <= ch <= "\ufdff" or "\ufe70" <= ch <= "\ufeff" else ch for ch in line)
        if any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in line):
            line = "".join(ch if unicodedata.category(ch) in ("Lu", "Ll", "Lt", "Lm", "Lo", "Nd")
                           and unicodedata.normalize("NFKC", ch) == ch else " " for ch in line)
        out.append(line)
    return out


def _same(page: list[str]) -> list[str]:
    return page


def _xml_page(page: list[str]) -> list[str]:
    return [_xml_text(line) for line in page]


@dataclass(frozen=True)
class ReaderCase:
    """A reader under test: its format name, module, how to write a page for it, and
    which characters of the page the reader must deliver (``expect``): all of them for
    text, the XML-legal ones for the XML formats (XML 1.0 cannot carry C0 controls).
    Characters are accounted from the page to the reader's lines and from the lines to
    the output."""

    fmt: str
    module: str
    encode: Callable[[list[str]], bytes]
    expect: Callable[[list[str]], list[str]] = _same


READER_CASES = (
    ReaderCase("text", "layoutkit.readers.text", encode_text),
    ReaderCase("alto", "layoutkit.readers.alto", encode_alto, _xml_page),
    ReaderCase("hocr", "layoutkit.readers.hocr", encode_hocr, _xml_page),
    ReaderCase("page", "layoutkit.readers.pagexml", encode_page, _xml_page),
)
def _present(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


READER_PARAMS = [
    pytest.param(c, id=c.fmt, marks=pytest.mark.skipif(not _present(c.module), reason=f"{c.module} not merged yet"))
    for c in READER_CASES
]

SMALL = Params(read=ReadParams(max_lines=10_000))


def check_page_contract(source_texts: Optional[list[str]], data: bytes, fmt: str, *,
                        params: Params = SMALL, runs: int = 2, validate: bool = True) -> str:
    """Run ``data`` through reader + pipeline ``runs`` times, assert the contract, and
    return the JSON (or ``error Class: message`` for a documented refusal)."""
    outputs = []
    for _ in range(runs):
        try:
            pages_ = []
            read_texts: list[str] = []
            for raw in read_pages(data, path="prop-input", format=fmt, params=params):
                page = run_lines(raw.lines, raw.source, params=params, warnings=raw.warnings)
                result = account([ln.text for ln in raw.lines], page)
                assert result.ok, result.describe()
                pages_.append(page)
                read_texts.extend(ln.text for ln in raw.lines)
            if source_texts is not None:
                # NUL is never text: split_lines drops it (a documented removal).
                expected = unicodedata.normalize("NFC", "\n".join(source_texts)).replace("\x00", "")
                if fmt == "text" and expected.startswith("\ufeff"):
                    expected = expected[1:]  # a leading BOM is the text file's encoding signature
                want = countable(expected)
                # Counted modulo NFC: the text reader normalizes to NFC, a reader that does
                # not still delivers the same text.
                got = countable(unicodedata.normalize("NFC", "\n".join(read_texts)))
                assert want == got, f"reader lost {dict(want - got)!r}, invented {dict(got - want)!r}"
        except LayoutkitError as exc:
            assert "\n" not in str(exc), f"multi-line error: {exc!r}"
            outputs.append(f"error {type(exc).__name__}: {exc}")
            continue
        js = "\n".join(p.to_json() for p in pages_)
        js.encode("utf-8")
        if validate and not outputs:
            for p in pages_:
                VALIDATOR.validate(p.to_dict())
        outputs.append(js)
    assert all(o == outputs[0] for o in outputs), "output differs between two runs on the same input"
    return outputs[0]


@pytest.mark.parametrize("case", READER_PARAMS)
@PROPERTY_SETTINGS
@given(seed=st.integers(0, 2**64 - 1))
def test_reader_contract(case: ReaderCase, seed: int) -> None:
    """EXAMPLES random adversarial pages per reader (cheap generation, see random_page)."""
    page = random_page(random.Random(seed))
    note(f"page={page!r}")
    # Validation against the schema and the second (determinism) run cost as much as the
    # pipeline itself: every other example is validated, every fourth is run twice.
    check_page_contract(case.expect(page), case.encode(page), case.fmt,
                        runs=2 if seed % 4 == 0 else 1, validate=seed % 2 == 0)


PDF_PRESENT = _present("layoutkit.readers.pdf")
#: Generated PDFs (``tests/pdf_textgen.py``: standard 14 fonts and a CID font, Tj/TJ/')
#: cost ~1 ms to write; reading one costs ~15 ms with pdfium and ~40 ms with pdfplumber.
#: The pdfium backend gets EXAMPLES pages, pdfplumber (the default backend) EXAMPLES // 10:
#: both extract characters and share every later stage (``layout.analyze``).
PDF_BACKEND_EXAMPLES = {"pdfium": EXAMPLES, "pdfplumber": max(20, EXAMPLES // 10)}


def check_pdf_page(seed: int, backend: str) -> None:
    from .pdf_textgen import text_pdf

    rng = random.Random(seed)
    page = random_page(rng)
    if backend == "pdfium":
        page = _pdfium_page(page)
    data, drawn = text_pdf(page, rng)
    note(f"page={page!r}")
    params = Params(read=ReadParams(max_lines=10_000, pdf_backend=backend))
    # Schema validation (~20 ms with jsonschema) and the determinism rerun each cost as
    # much as a PDF page: each runs on one example in eight (250 of 2,000, disjoint).
    check_page_contract(drawn, data, "pdf", params=params, runs=2 if seed % 8 == 1 else 1, validate=seed % 8 == 0)


@pytest.mark.skipif(not PDF_PRESENT, reason="layoutkit.readers.pdf not merged yet")
@settings(PROPERTY_SETTINGS, max_examples=PDF_BACKEND_EXAMPLES["pdfium"])
@given(seed=st.integers(0, 2**64 - 1))
def test_pdf_reader_contract_pdfium(seed: int) -> None:
    """The contract for generated one-page PDFs read with the pdfium backend: every
    script, emoji (outside the BMP), hyphens at line ends, every operator that shows text."""
    check_pdf_page(seed, "pdfium")


@pytest.mark.skipif(not PDF_PRESENT, reason="layoutkit.readers.pdf not merged yet")
@settings(PROPERTY_SETTINGS, max_examples=PDF_BACKEND_EXAMPLES["pdfplumber"])
@given(seed=st.integers(0, 2**64 - 1))
def test_pdf_reader_contract_pdfplumber(seed: int) -> None:
    """The same with the pdfplumber backend (the default), right-to-left lines included."""
    check_pdf_page(seed, "pdfplumber")


@pytest.mark.parametrize("case", READER_PARAMS)
@settings(PROPERTY_SETTINGS, max_examples=max(30, EXAMPLES // 10))
@given(page=pages())
def test_reader_contract_shrinking(case: ReaderCase, page: list[str]) -> None:
    """The same contract with hypothesis-built pages, which shrink to a minimal example."""
    check_page_contract(case.expect(page), case.encode(page), case.fmt)


@settings(PROPERTY_SETTINGS, max_examples=max(50, EXAMPLES // 4))
@given(seed=st.integers(0, 2**64 - 1), encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32", "gb18030",
                                                                 "big5"]))
def test_text_reader_line_breaks_and_encodings(seed: int, encoding: str) -> None:
    """Every line-break convention and every encoding: UTF-8 and the BOM'd encodings keep
    every character; GB18030/Big5 have no signature, so a short or non-CJK text may be
    sniffed as another encoding: then the contract holds for the text as decoded."""
    rng = random.Random(seed)
    # A leading U+FEFF is read as a byte-order mark (the encoding's signature), by design.
    doc = "".join(line + rng.choice(LINE_BREAKS) for line in random_page(rng)).lstrip("\ufeff")
    note(f"doc={doc!r}")
    try:
        data = doc.encode(encoding)
    except UnicodeEncodeError:
        return
    exact = encoding in ("utf-8", "utf-8-sig", "utf-16", "utf-32")
    if not exact:
        from layoutkit.readers.text import decode_bytes

        try:
            exact = decode_bytes(data).encoding == encoding
        except LayoutkitError:
            exact = True
    check_page_contract([doc] if exact else None, data, "text", runs=1, validate=seed % 2 == 0)


@settings(max_examples=max(50, EXAMPLES // 10), deadline=None)
@given(raw=st.binary(max_size=400), text=st.text(max_size=60))
def test_parse_text_surrogateescape(raw: bytes, text: str) -> None:
    """A str carrying undecodable bytes as lone surrogates (``surrogateescape``) is
    decoded like the bytes it came from: no lone surrogate reaches the JSON."""
    s = text + raw.decode("utf-8", "surrogateescape")
    try:
        page = parse_text(s)
    except LayoutkitError as exc:
        assert "\n" not in str(exc)
        return
    page.to_json().encode("utf-8")
    VALIDATOR.validate(page.to_dict())


@settings(max_examples=max(50, EXAMPLES // 10), deadline=None)
@given(data=st.binary(max_size=2000))
def test_text_reader_random_bytes(data: bytes) -> None:
    """Arbitrary bytes: a page or a documented refusal, never a crash."""
    try:
        page = parse_bytes(data, format="text", params=SMALL)
    except LayoutkitError as exc:
        assert "\n" not in str(exc)
        return
    VALIDATOR.validate(page.to_dict())


# --- sizes: long lines, many lines, empty pages (fixed, not random: they are slow) -------


def test_long_line_100k_chars() -> None:
    line = ("理论" * 5 + " word, ") * 8000
    assert len(line) > 100_000
    doc = ["Kurzer Titel", "", line[:100_000], line[:50_000]]
    check_page_contract(doc, "\n".join(doc).encode("utf-8"), "text")


def test_50k_line_page() -> None:
    doc = [("行%05d，" % i) + ("短。" if i % 7 == 0 else "正文内容") for i in range(50_000)]
    data = "\n".join(doc).encode("utf-8")
    out = check_page_contract(doc, data, "text", params=Params(), runs=1)
    assert out and not out.startswith("error")


@pytest.mark.parametrize("data", [b"", b"\n\n\n", b" \t \r\n\x0c \n", "\u3000\u00a0\n".encode("utf-8"),
                                  b"\xef\xbb\xbf", b"\xff\xfe"], ids=["empty", "newlines", "whitespace",
                                                                        "unicode-spaces", "bom-only", "utf16-bom-only"])
def test_empty_and_whitespace_pages_are_refused(data: bytes) -> None:
    with pytest.raises(LayoutkitError) as info:
        parse_bytes(data, path="blank.txt", format="text")
    assert "blank.txt" in str(info.value) and "\n" not in str(info.value)


def test_deterministic_across_processes(tmp_path: Path) -> None:
    """Byte-identical JSON from two interpreters with different hash seeds (set and dict
    ordering of str keys changes between processes, not within one)."""
    import subprocess
    import sys

    inputs = []
    for i in range(6):
        p = tmp_path / f"p{i}.txt"
        p.write_text("\n".join(random_page(random.Random(1000 + i))) + "\n本报记者 杨鹤\n理论理论\n", encoding="utf-8")
        inputs.append(p)
    seed = ROOT / "fixtures" / "seed-zh.txt"
    if seed.exists():
        inputs.append(tmp_path / "seed-zh.txt")
        inputs[-1].write_bytes(seed.read_bytes())
    script = ("import sys\nfrom layoutkit.cli import main\n"
              "for f in sys.argv[1:]:\n    main(['convert', f, '-o', f + '.' + __import__('os').environ['PYTHONHASHSEED']])\n")
    for hs in ("1", "2"):
        env = dict(os.environ, PYTHONHASHSEED=hs)
        subprocess.run([sys.executable, "-c", script, *map(str, inputs)], cwd=ROOT, env=env, check=True, timeout=300)
    for p in inputs:
        a, b = Path(f"{p}.1"), Path(f"{p}.2")
        if a.exists() or b.exists():
            assert a.read_bytes() == b.read_bytes(), f"{p.name}: output depends on the hash seed"
