from __future__ import annotations

import io
import re
import zipfile
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from openpyxl.cell.cell import MergedCell

from jixiao.core.form import Form
from jixiao.core.report import check
from jixiao.render.xlsx import FORM_SHEET, RESULTS_SHEET, render_xlsx


@pytest.fixture(scope="module")
def seed_book(seed, seed_report):  # type: ignore[no-untyped-def]
    data = render_xlsx(seed, seed_report)
    return data, load_workbook(io.BytesIO(data))


def _sheet_xml(data: bytes, index: int = 1) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(f"xl/worksheets/sheet{index}.xml").decode("utf-8")


def test_it_writes_the_official_layout_with_its_merged_ranges(seed_book) -> None:  # type: ignore[no-untyped-def]
    _, book = seed_book
    sheet = book[FORM_SHEET]
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert {"A1:F1", "A2:F2", "B3:D3", "A4:A7", "E4:F4", "A8:A9", "B8:C8", "D8:F8", "B29:F29"} <= merged
    # The three tasks span their indicator rows: 3, 5 and 8 rows from row 11.
    assert {"A11:A13", "B11:B13", "C11:C13", "F11:F13", "A14:A18", "F14:F18", "A19:A26"} <= merged
    assert sheet["A1"].value == "部门整体支出绩效自评表"
    assert sheet["A2"].value == "单位:万元"
    assert sheet["A3"].value == "部门名称(汇总)"
    assert sheet["B3"].value == "广州市天河区政务服务数据管理局"
    assert sheet["F3"].value == "2021年"
    assert sheet["A10"].value == "主要任务" and sheet["F10"].value == "任务涉及资金"
    assert sheet["A27"].value == "重点项目绩效情况"
    assert sheet["B29"].value.startswith("1. 个别预算执行偏低")
    assert sheet["A31"].value.startswith("注:1.每个部门至少开展一个重点项目绩效评价")


def test_it_keeps_every_figure_exact(seed_book) -> None:  # type: ignore[no-untyped-def]
    data, book = seed_book
    sheet = book[FORM_SHEET]
    assert (sheet["C4"].value, sheet["E4"].value) == (9368.62, 9543.38)
    assert (sheet["C5"].value, sheet["E5"].value, sheet["C6"].value) == (9100.04, 174.76, 9100.04)
    assert sheet["C4"].number_format == "0.00"
    assert sheet["C7"].value == pytest.approx(0.971) and sheet["C7"].number_format.startswith("0.00%")
    assert sheet["F11"].value == 463.41 and sheet["F14"].value == 88.77 and sheet["F19"].value is None
    xml = _sheet_xml(data)
    # The XML holds the figures as written, not their binary floating-point neighbours.
    for text in ("9368.62", "9543.38", "9100.04", "174.76", "0.9710", "0.0183", "463.41", "88.77"):
        assert re.search(rf"<v>{re.escape(text)}</v>", xml), text
    assert "9368.620000" not in xml


def test_it_shows_the_computed_rate_beside_a_written_rate_that_differs(seed_book) -> None:  # type: ignore[no-untyped-def]
    _, book = seed_book
    sheet = book[FORM_SHEET]
    assert "计算值 97.13%" in sheet["C7"].number_format
    assert "计算值" not in sheet["E7"].number_format  # 1.83% written and computed alike


def test_it_fills_a_blank_computable_figure_and_marks_it_computed(seed: Form) -> None:
    form = seed.model_copy(deep=True)
    form.funds.execution_rate = None
    form.funds.adjustment = None
    sheet = load_workbook(io.BytesIO(render_xlsx(form, check(form))))[FORM_SHEET]
    assert sheet["C7"].value == pytest.approx(0.9713)
    assert sheet["C7"].number_format == '0.00%"(计算值)"'
    assert sheet["E5"].value == pytest.approx(174.76) and sheet["E5"].number_format == '0.00"(计算值)"'


def test_it_keeps_the_indicator_texts_in_their_rows(seed: Form, seed_book) -> None:  # type: ignore[no-untyped-def]
    _, book = seed_book
    sheet = book[FORM_SHEET]
    results = [sheet.cell(row=11 + i, column=5).value for i in range(16)]
    assert results == [indicator.result for _, indicator in seed.all_indicators()]
    names = [sheet.cell(row=11 + i, column=4).value for i in range(16)]
    assert names == [indicator.name for _, indicator in seed.all_indicators()]


def test_it_wraps_every_text_cell_and_borders_the_table(seed_book) -> None:  # type: ignore[no-untyped-def]
    _, book = seed_book
    sheet = book[FORM_SHEET]
    for row in sheet.iter_rows(min_row=3, max_row=30, max_col=6):
        for cell in row:
            if not isinstance(cell, MergedCell):  # a merged range keeps only its outer edges
                assert cell.border.left.style == cell.border.top.style == "thin", cell.coordinate
    # the outer edges of merged ranges are drawn too
    assert sheet["D3"].border.right.style == sheet["A7"].border.bottom.style == "thin"
    assert sheet["F13"].border.bottom.style == sheet["C13"].border.bottom.style == "thin"
    assert sheet["B9"].alignment.wrap_text and sheet["D9"].alignment.wrap_text
    assert sheet.row_dimensions[9].height > 100  # the long goal texts get room
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.column_dimensions["E"].width > sheet.column_dimensions["A"].width


def test_it_lists_the_findings_on_a_second_sheet(seed_book, seed_report) -> None:  # type: ignore[no-untyped-def]
    _, book = seed_book
    assert book.sheetnames == [FORM_SHEET, RESULTS_SHEET]
    sheet = book[RESULTS_SHEET]
    values = [c for row in sheet.iter_rows(values_only=True) for c in row if c]
    assert "检查发现" in values and "导入时待核对的内容" in values
    for finding in seed_report.findings:
        assert finding.message in values
        assert finding.path in values
    assert "label unreadable (seal); value placed by layout" in values


def test_it_stores_formula_like_texts_as_text_that_never_runs(seed: Form) -> None:
    form = seed.model_copy(deep=True)
    form.department = '=HYPERLINK("http://evil","点我")'
    form.tasks[0].name = "＋1+2"
    form.problems = ["@SUM(A1:A2)", "-2+3"]
    data = render_xlsx(form, check(form))
    sheet = load_workbook(io.BytesIO(data))[FORM_SHEET]
    assert sheet["B3"].value == form.department and sheet["B3"].data_type == "s"
    assert sheet["B3"].quotePrefix
    assert sheet["A11"].value == "＋1+2" and sheet["A11"].quotePrefix
    xml = _sheet_xml(data)
    assert "<f>" not in xml


def test_it_draws_the_project_form_in_the_2020_layout(project: Form) -> None:
    sheet = load_workbook(io.BytesIO(render_xlsx(project, check(project))))[FORM_SHEET]
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert sheet["A1"].value == "项目支出绩效自评表"
    assert sheet["A2"].value == "(2022年度)"
    assert sheet["A4"].value == "项目名称" and sheet["C4"].value == "基建工程委托业务经费"
    assert {"A4:B4", "C4:I4", "A6:A9"} <= merged
    assert [sheet.cell(row=6, column=c).value for c in range(4, 10)] == [
        "年初预算数",
        "全年预算数",
        "全年执行数",
        "分值",
        "执行率",
        "得分",
    ]
    assert sheet["B7"].value == "年度资金总额" and sheet["F7"].value == 89.974
    assert sheet["F7"].number_format == "0.000"  # written with three decimals, shown with three
    assert sheet["H7"].number_format == '0.00%"(计算值)"' and sheet["H7"].value == pytest.approx(0.9997)
    assert sheet["B8"].value == "其中:当年财政拨款" and sheet["B9"].value == "上年结转资金"
    header = [sheet.cell(row=12, column=c).value for c in range(1, 10)]
    assert header == [
        "绩效指标",
        "一级指标",
        "二级指标",
        "三级指标",
        "年度指标值",
        "实际完成值",
        "分值",
        "得分",
        "偏差原因分析及改进措施",
    ]
    assert "B13:B16" in merged and "B13:B14" not in merged  # 产出指标 over four rows
    assert {"C13:C14", "C15:C16"} <= merged
    assert sheet["D13"].value == "基建工程委托业务项目数量" and sheet["E13"].value == "≥50个"
    last = 13 + len(project.indicators)
    assert sheet.cell(row=last, column=1).value == "总分"
    assert sheet.cell(row=last, column=8).value == float(Decimal("99.97"))
    assert sheet.cell(row=last, column=9).value == "自评等级:优"


def test_it_puts_a_department_forms_indicator_grid_on_its_own_sheet(seed: Form, project: Form) -> None:
    form = seed.model_copy(deep=True)
    form.indicators = [i.model_copy() for i in project.indicators]
    book = load_workbook(io.BytesIO(render_xlsx(form, check(form))))
    assert book.sheetnames == [FORM_SHEET, "绩效指标", RESULTS_SHEET]
    grid = book["绩效指标"]
    assert (
        grid["A1"].value == "绩效指标"
        and grid["A2"].value == "一级指标"
        and grid["H2"].value == "偏差原因分析及改进措施"
    )
    assert grid["C3"].value == project.indicators[0].name and grid["E3"].value == project.indicators[0].result


def test_it_writes_a_split_target_under_the_indicator_name_and_keeps_a_task_without_indicators(
    seed: Form,
) -> None:
    form = seed.model_copy(deep=True)
    form.tasks[0].indicators[1].name = "实现“跨域通办”事项数"
    form.tasks[0].indicators[1].target = "≥200项"
    form.tasks[0].indicators[2].target = "20组"
    form.tasks[1].indicators = []
    sheet = load_workbook(io.BytesIO(render_xlsx(form, check(form))))[FORM_SHEET]
    assert sheet["D12"].value == "实现“跨域通办”事项数\n指标值:≥200项"
    assert sheet["D13"].value == "指标值:20组"
    assert (
        sheet["A14"].value == form.tasks[1].name
        and sheet["D14"].value is None
        and sheet["F14"].value == 88.77
    )
    assert sheet["A15"].value == form.tasks[2].name


def test_merging_does_not_compare_each_range_with_every_earlier_one(seed: Form, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """openpyxl's ``merge_cells`` checks a new range against all earlier ones: quadratic in the form's
    size. The export merges its (never overlapping) ranges directly; the merged ranges stay the same."""
    from openpyxl.worksheet.cell_range import MultiCellRange

    big = seed.model_copy(update={"tasks": [seed.tasks[0]] * 40})
    checks = []
    original = MultiCellRange.__contains__

    def counted(self, coord):  # type: ignore[no-untyped-def]
        checks.append(coord)
        return original(self, coord)

    monkeypatch.setattr(MultiCellRange, "__contains__", counted)
    data = render_xlsx(big, check(big))
    assert len(checks) < 20, len(checks)
    sheet = load_workbook(io.BytesIO(data))[FORM_SHEET]
    assert len(sheet.merged_cells.ranges) > 40
