"""PDF with a text layer through pdfplumber's ruled tables; pages without usable text through OCR."""

from __future__ import annotations

import html
from decimal import Decimal

from jixiao.core.form import Form
from jixiao.ingest import read_bytes
from jixiao.ingest.compare import compare_forms
from jixiao.ingest.pdf import unmapped
from tests.conftest import SEED_JSON, SEED_TEXT
from tests.ingest.pages import SEED_BLOCK

CSS = (
    "@page{size:A5 landscape;margin:1cm} body{font-family:'Noto Sans CJK SC';font-size:9pt}"
    "table{border-collapse:collapse;width:100%} td{border:0.6pt solid #000;padding:3pt}"
)


def seed_block_pdf() -> bytes:
    from weasyprint import HTML

    rows = "".join(
        "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in SEED_BLOCK
    )
    page = (
        f"<html><head><meta charset='utf-8'><style>{CSS}</style></head><body><h3>部门整体支出绩效自评表</h3>"
    )
    page += f"<p>单位:万元</p><table>{rows}</table></body></html>"
    return HTML(string=page).write_pdf(uncompressed_pdf=True)


def seed_pdf() -> bytes:
    """Print the whole seed as its PDF was: the table over two pages, cut inside a row."""
    from weasyprint import HTML

    lines = [line.split("\t") for line in SEED_TEXT.read_text(encoding="utf-8").splitlines()]

    def table(rows: list[list[str]]) -> str:
        return (
            "<table>"
            + "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in rows)
            + "</table>"
        )

    css = CSS.replace("A5 landscape", "A4 landscape").replace("9pt", "8pt")
    body = f"<h3>部门整体支出绩效自评表</h3><p>单位:万元</p>{table(lines[4:26])}"
    body += (
        f"<div style='page-break-before:always'></div>{table(lines[27:33])}<p>{html.escape(lines[34][0])}</p>"
    )
    return HTML(
        string=f"<html><head><meta charset='utf-8'><style>{css}</style></head><body>{body}</body></html>"
    ).write_pdf()


def test_the_seed_printed_to_pdf_imports_to_the_expected_form() -> None:
    result = read_bytes(seed_pdf(), "seed.pdf")
    assert result.pages >= 2
    comparison = compare_forms(result.form, Form.from_json(SEED_JSON.read_text(encoding="utf-8")))
    assert comparison.tally("number") == (48, 48)
    agree, total = comparison.tally("text")
    assert agree / total >= 0.95
    assert comparison.review_missing == []


def check_seed_block(form) -> None:  # type: ignore[no-untyped-def]
    assert form.department == "广州市天河区政务服务数据管理局" and form.year == 2021 and form.summary
    funds = form.funds
    assert (funds.initial_budget, funds.adjusted_budget, funds.actual) == (
        Decimal("9543.38"),
        Decimal("9368.62"),
        Decimal("9100.04"),
    )
    assert (funds.adjustment, funds.execution_rate, funds.adjustment_rate) == (
        Decimal("174.76"),
        Decimal("97.10"),
        Decimal("1.83"),
    )
    assert funds.lines[0].source == "一般公共预算" and funds.lines[0].actual == Decimal("9100.04")
    assert any(item.path == "funds.adjustment" and "seal" in item.problem for item in form.review)


def test_a_text_layer_pdf_is_read_from_its_ruled_table() -> None:
    result = read_bytes(seed_block_pdf(), "seed.pdf")
    assert result.medium == "pdf" and result.pages == 1
    check_seed_block(result.form)
    assert not any(item.problem.startswith("read by OCR") for item in result.form.review)


def test_cid_garbage_is_detected() -> None:
    assert unmapped("(cid:12)(cid:345)(cid:99)(cid:7) 9368.62")
    assert not unmapped("部门调整预算收入 9368.62")
    assert unmapped("\ue001\ue002\ue003\ue004 1")


def test_a_page_whose_font_has_no_unicode_map_falls_back_to_ocr() -> None:
    data = seed_block_pdf()
    # Without its ToUnicode map (same byte length, so the cross-reference table stays valid) the
    # text layer reads as (cid:NNN); the page must be rendered and read by OCR instead.
    broken = data.replace(b"/ToUnicode", b"/ToUnicodX")
    assert broken != data
    result = read_bytes(broken, "nounicode.pdf")
    check_seed_block(result.form)
    assert any(item.problem == "read by OCR: page 1" for item in result.form.review)
