"""Export → import gives the identical JSON: the importer reads the visible cells of jixiao's workbook."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from jixiao.core.report import check
from jixiao.ingest import read_bytes, read_form
from jixiao.render.xlsx import render_xlsx
from tests.conftest import SEED_TEXT

LAYOUTS = Path(__file__).resolve().parents[1] / "data" / "layouts"
# Every fixture but one: the department layout the exporter prints has no cells for the budgets of
# the 其中 lines (only their 实际支出), so d2's per-source budgets cannot come back.
EXACT = [
    SEED_TEXT,
    *sorted(
        p
        for p in LAYOUTS.glob("*.txt")
        if not p.name.startswith("neg_") and p.stem != "d2_central_department_pipe"
    ),
]


@pytest.mark.parametrize("path", EXACT, ids=lambda p: p.stem)
def test_export_then_import_gives_identical_json(path: Path) -> None:
    form = read_form(path).form
    back = read_bytes(render_xlsx(form, check(form)), "exported.xlsx")
    assert back.form.to_json() == form.to_json()


def test_the_round_trip_reads_the_cells_a_person_sees() -> None:
    form = read_form(SEED_TEXT).form
    data = render_xlsx(form, check(form))
    workbook = load_workbook(io.BytesIO(data))
    sheet = workbook.worksheets[0]
    # Change a visible figure as a user would in Excel: the import follows the cell.
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value == "9100.04" or cell.value == 9100.04:
                cell.value = 9100.05
                break
        else:
            continue
        break
    buffer = io.BytesIO()
    workbook.save(buffer)
    back = read_bytes(buffer.getvalue(), "edited.xlsx").form
    assert str(back.funds.actual) == "9100.05"
    assert back.funds.initial_budget == form.funds.initial_budget


def test_hidden_sheets_are_not_read() -> None:
    form = read_form(SEED_TEXT).form
    workbook = load_workbook(io.BytesIO(render_xlsx(form, check(form))))
    hidden = workbook.create_sheet("隐藏")
    hidden["A1"] = "项目名称"
    hidden["B1"] = "不应导入"
    hidden.sheet_state = "hidden"
    buffer = io.BytesIO()
    workbook.save(buffer)
    back = read_bytes(buffer.getvalue(), "hidden.xlsx").form
    assert back.to_json() == form.to_json()
