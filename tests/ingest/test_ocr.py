"""Scans with RapidOCR (the ocr extra): the same cell grid for the same parser."""

from __future__ import annotations

import io
from decimal import Decimal

from jixiao.ingest import read_bytes
from tests.ingest.pages import draw_table, png_bytes, scanned


def check_funds(form) -> None:  # type: ignore[no-untyped-def]
    funds = form.funds
    assert form.department == "广州市天河区政务服务数据管理局" and form.year == 2021 and form.summary
    assert (funds.initial_budget, funds.adjusted_budget, funds.actual, funds.adjustment) == (
        Decimal("9543.38"),
        Decimal("9368.62"),
        Decimal("9100.04"),
        Decimal("174.76"),
    )
    assert (funds.execution_rate, funds.adjustment_rate) == (Decimal("97.10"), Decimal("1.83"))
    assert funds.lines[0].actual == Decimal("9100.04")


def test_a_page_image_of_the_seed_table_is_read_into_the_same_form() -> None:
    result = read_bytes(png_bytes(draw_table()), "seed.png")
    assert result.medium == "ocr" and result.layout == "guangzhou-department"
    check_funds(result.form)
    paths = {item.path: item.problem for item in result.form.review}
    assert paths["funds.adjustment"] == "label unreadable (seal); value placed by layout"
    assert paths["document"].startswith("read by OCR")


def test_a_crooked_grey_scan_with_a_red_seal_over_a_label_is_read() -> None:
    image = scanned(draw_table(), angle=1.2)
    assert image.mode == "L"
    result = read_bytes(png_bytes(image), "scan.png")
    check_funds(result.form)
    assert any(item.path == "funds.adjustment" and "seal" in item.problem for item in result.form.review)


def test_a_scanned_pdf_without_a_text_layer_is_read_page_by_page() -> None:
    buffer = io.BytesIO()
    scanned(draw_table(), angle=-0.8).convert("RGB").save(buffer, format="PDF", resolution=150)
    result = read_bytes(buffer.getvalue(), "scan.pdf")
    assert result.medium == "pdf"
    check_funds(result.form)
    assert any(item.problem == "read by OCR: page 1" for item in result.form.review)
