"""The PDF reader end to end: API, CLI, bad PDFs (generated in-process, no files needed)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

import layoutkit
from layoutkit.cli import main
from layoutkit.errors import InputError

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pdfgen import Text, make_pdf, two_column_page  # noqa: E402

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "pdf-two-columns.pdf"


@pytest.fixture(params=["pdfplumber", "pdfium"])
def backend(request):
    return request.param


def test_fixture_is_the_generated_page():
    assert FIXTURE.read_bytes() == two_column_page(shuffle=7)


def test_parse_pdf_reads_shuffled_drawing_order_in_reading_order(backend):
    pages = layoutkit.parse_pdf(FIXTURE, backend=backend)
    assert len(pages) == 1
    page = pages[0]
    assert page.source.unit == "pt" and page.source.width == 612 and page.source.height == 792
    art = page.articles[0]
    assert art.headline == "Harbour plan approved after long debate"
    texts = [b.text for b in art.blocks]
    assert texts[1] == "By JANE SMITH"
    body = " ".join(b.text for b in art.blocks if b.type == "body")
    # the left column is read before the right one, whatever the drawing order
    assert body.index("The council met") < body.index("project. the of")
    for b in page.iter_blocks():
        assert b.bbox is not None and 0 <= b.bbox.x0 < b.bbox.x1 <= 612 and 0 <= b.bbox.top < b.bbox.bottom <= 792


def test_cli_multi_page_json_list_and_page_option(tmp_path, capsys):
    items = [Text(60, 60, "First page headline", 20), Text(60, 100, "Some text on the first page.", 10)]
    items2 = [Text(60, 60, "Second page headline", 20), Text(60, 100, "Some text on the second page.", 10)]
    pdf = tmp_path / "two.pdf"
    pdf.write_bytes(make_pdf([items, items2]))
    out = tmp_path / "out.json"
    assert main(["convert", str(pdf), "-o", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert isinstance(data, list) and [d["source"]["page"] for d in data] == [1, 2]
    assert main(["convert", str(pdf), "--page", "2", "--backend", "pdfium", "-o", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["source"]["page"] == 2 and data["articles"][0]["headline"] == "Second page headline"
    assert main(["convert", str(pdf), "--page", "3"]) == 1
    assert "has no page 3" in capsys.readouterr().err


@pytest.mark.parametrize("name,data,message", [
    ("enc.pdf", make_pdf([[Text(50, 50, "secret")]], encrypt=True), "is encrypted"),
    ("scan.pdf", make_pdf([[]], rects=[(50, 50, 300, 300)]), "no text layer"),
    ("bad.pdf", b"%PDF-1.4\n garbage, not a PDF at all\n", "is not a readable PDF"),
])
def test_bad_pdfs_give_one_line_and_exit_1(tmp_path, capsys, backend, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    assert main(["convert", str(path), "--backend", backend]) == 1
    err = capsys.readouterr().err
    assert message in err and str(path) in err and "Traceback" not in err and err.count("\n") == 1
    with pytest.raises(InputError):
        layoutkit.parse_pdf(path, backend=backend)


def test_scan_message_suggests_ocr(tmp_path, capsys):
    path = tmp_path / "scan.pdf"
    path.write_bytes(make_pdf([[]]))
    main(["convert", str(path)])
    assert "run OCR" in capsys.readouterr().err
