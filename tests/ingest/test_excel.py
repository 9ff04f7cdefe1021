"""Workbooks: cells as displayed (number formats), .xls through calamine, one page per sheet."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook

from jixiao.ingest import read_bytes, read_form
from jixiao.ingest.excel import _shown

LAYOUTS = Path(__file__).resolve().parents[1] / "data" / "layouts"


def test_cells_read_as_their_number_format_shows_them() -> None:
    assert _shown(0.971, "0.00%") == "97.10%"
    assert _shown(9368.62, "0.00") == "9368.62"
    assert _shown(97.1, "0.00") == "97.10"
    assert _shown(463, "General") == "463"
    assert _shown(174.76, '0.00"(计算值)"') == ""
    assert _shown(" 甲 ", "General") == "甲"


def workbook_of(path: Path) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for line in path.read_text(encoding="utf-8").splitlines():
        cells: list[object] = []
        for text in line.split("\t"):
            try:
                cells.append(float(text) if "." in text else int(text))
            except ValueError:
                cells.append(text or None)
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_an_official_template_filled_in_excel_imports_like_its_text() -> None:
    path = LAYOUTS / "p1_yunnan_14.txt"
    from_text = read_form(path).form
    from_excel = read_bytes(workbook_of(path), "yunnan.xlsx")
    assert from_excel.layout == "grid"
    assert from_excel.form.funds.actual == Decimal("387664.62")
    assert [i.model_dump() for i in from_excel.form.indicators] == [
        i.model_dump() for i in from_text.indicators
    ]


def test_a_legacy_xls_is_read_through_calamine() -> None:
    result = read_form(LAYOUTS / "p1_central.xls")
    assert result.layout == "grid"
    assert result.form.funds.lines[0].actual == Decimal("89.974")
    assert result.form.indicators[0].target == "≥50个"
