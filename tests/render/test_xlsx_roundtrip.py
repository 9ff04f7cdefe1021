"""The XLSX layout is regular enough to read back: a reader that follows docs/export.md alone gets the
same form (the importer of issue 4 does this for real; this test keeps the layout and its documentation
honest)."""

from __future__ import annotations

import io
import re
from decimal import Decimal
from typing import Any

from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from jixiao.core.form import Form
from jixiao.core.report import check
from jixiao.render.xlsx import render_xlsx


def _figure(sheet: Worksheet, ref: str) -> Decimal | None:
    cell = sheet[ref]
    if cell.value is None or "(计算值)" in cell.number_format:
        return None
    number = Decimal(repr(cell.value))
    fmt = cell.number_format.split('"')[0]
    if fmt.endswith("%"):
        number = number.scaleb(2)
        fmt = fmt[:-1]
    places = len(fmt.split(".")[1]) if "." in fmt else 0
    return number.quantize(Decimal(1).scaleb(-places))


def _text(sheet: Worksheet, ref: str) -> str | None:
    value = sheet[ref].value
    return None if value is None else str(value)


def _items(text: str | None, pattern: str) -> list[str]:
    if not text:
        return []
    return [re.sub(pattern, "", line, count=1) for line in text.split("\n")]


def _row_of(sheet: Worksheet, column: str, label: str, start: int = 1) -> int:
    for row in range(start, sheet.max_row + 1):
        if sheet[f"{column}{row}"].value == label:
            return row
    raise AssertionError(f"{label} not found in column {column}")


def _review(book: Any) -> list[dict[str, str | None]]:
    sheet = book["检查结果"]
    start = _row_of(sheet, "A", "导入时待核对的内容") + 2
    items = []
    for row in range(start, sheet.max_row + 1):
        if sheet[f"A{row}"].value in (None, "无"):
            break
        items.append(
            {
                "path": sheet[f"D{row}"].value,
                "problem": sheet[f"G{row}"].value,
                "source": sheet[f"F{row}"].value,
            }
        )
    return items


def read_department(data: bytes) -> Form:
    book = load_workbook(io.BytesIO(data))
    sheet = book["自评表"]
    assert sheet["A1"].value == "部门整体支出绩效自评表"
    data_: dict[str, Any] = {"kind": "department", "amount_unit": sheet["A2"].value.removeprefix("单位:")}
    data_["summary"] = sheet["A3"].value == "部门名称(汇总)"
    data_["department"] = _text(sheet, "B3")
    data_["year"] = int(sheet["F3"].value.removesuffix("年")) if sheet["F3"].value else None
    funds: dict[str, Any] = {"lines": []}
    row = 4
    pairs = {
        "部门调整预算收入": "adjusted_budget",
        "部门年初预算收入": "initial_budget",
        "实际支出数": "actual",
        "年度预算调整数": "adjustment",
        "预算完成率": "execution_rate",
        "预算调整率": "adjustment_rate",
        "分值": "weight",
        "得分": "score",
    }
    while sheet[f"A{row}"].value in ("部门资金情况", None):
        left = sheet[f"B{row}"].value
        if left.startswith("其中:"):
            funds["lines"].append(
                {"source": left.removeprefix("其中:") or None, "actual": _figure(sheet, f"C{row}")}
            )
        else:
            funds[pairs[left]] = _figure(sheet, f"C{row}")
            funds[pairs[sheet[f"D{row}"].value]] = _figure(sheet, f"E{row}")
        row += 1
    data_["funds"] = funds
    assert sheet[f"A{row}"].value == "年度目标"
    data_["goals"] = {"expected": _text(sheet, f"B{row + 1}"), "achieved": _text(sheet, f"D{row + 1}")}
    row += 2
    assert sheet[f"A{row}"].value == "主要任务"
    row += 1
    tasks: list[dict[str, Any]] = []
    text_start = _row_of(sheet, "A", "重点项目绩效情况", row)
    starts = {r.min_row: r.max_row for r in sheet.merged_cells.ranges if r.min_col == 1 and r.min_row >= row}
    while row < text_start:
        end = starts.get(row, row)
        indicators = []
        for r in range(row, end + 1):
            key, result = _text(sheet, f"D{r}"), _text(sheet, f"E{r}")
            if key is None and result is None and row == end:
                continue
            name, target = key, None
            if key and "指标值:" in key:
                head, _, target = key.partition("指标值:")
                name = head.removesuffix("\n") or None
            indicators.append({"name": name, "target": target, "result": result})
        tasks.append(
            {
                "name": _text(sheet, f"A{row}"),
                "expected": _text(sheet, f"B{row}"),
                "achieved": _text(sheet, f"C{row}"),
                "funds": _figure(sheet, f"F{row}"),
                "indicators": indicators,
            }
        )
        row = end + 1
    data_["tasks"] = tasks
    data_["key_project"] = _text(sheet, f"B{row}")
    data_["overall_performance"] = _text(sheet, f"B{row + 1}")
    data_["problems"] = _items(_text(sheet, f"B{row + 2}"), r"^\d+\. ")
    data_["improvements"] = _items(_text(sheet, f"B{row + 3}"), r"^\d+\. ")
    row += 4
    if sheet[f"A{row}"].value == "总分":
        data_["total_score"] = _figure(sheet, f"B{row}")
        data_["grade"] = _text(sheet, f"E{row}")
        row += 1
    data_["notes"] = _items((_text(sheet, f"A{row}") or "").removeprefix("注:") or None, r"^\d+\.")
    data_["review"] = _review(book)
    return Form.model_validate(data_)


def test_the_seed_reads_back_from_its_workbook_as_the_same_form(seed: Form, seed_report) -> None:  # type: ignore[no-untyped-def]
    assert read_department(render_xlsx(seed, seed_report)).to_json() == seed.to_json()


def test_a_form_with_blank_computed_figures_reads_back_with_them_blank(seed: Form) -> None:
    form = seed.model_copy(deep=True)
    form.funds.execution_rate = None
    form.funds.adjustment = None
    form.funds.actual = Decimal("9100")  # written without decimals: read back as written
    form.problems = []
    form.tasks[1].indicators = []
    form.tasks[0].indicators[1].name = "实现“跨域通办”事项数"
    form.tasks[0].indicators[1].target = "≥200项"
    form.total_score = Decimal("92.5")
    form.grade = "优"
    assert read_department(render_xlsx(form, check(form))).to_json() == form.to_json()


def read_project(data: bytes) -> Form:
    book = load_workbook(io.BytesIO(data))
    sheet = book["自评表"]
    assert sheet["A1"].value == "项目支出绩效自评表"
    data_: dict[str, Any] = {"kind": "project"}
    data_["year"] = int(re.sub(r"\D", "", sheet["A2"].value))
    data_["amount_unit"] = sheet["A3"].value.removeprefix("单位:")
    row = _row_of(sheet, "A", "项目名称")
    data_["project"] = _text(sheet, f"C{row}")
    data_["department"] = _text(sheet, f"C{row + 1}")
    data_["implementing_unit"] = _text(sheet, f"G{row + 1}")
    row = _row_of(sheet, "B", "年度资金总额")
    funds: dict[str, Any] = {
        "initial_budget": _figure(sheet, f"D{row}"),
        "adjusted_budget": _figure(sheet, f"E{row}"),
        "actual": _figure(sheet, f"F{row}"),
        "weight": _figure(sheet, f"G{row}"),
        "execution_rate": _figure(sheet, f"H{row}"),
        "score": _figure(sheet, f"I{row}"),
        "lines": [],
    }
    row += 1
    while sheet[f"A{row}"].value is None:
        funds["lines"].append(
            {
                "source": sheet[f"B{row}"].value.removeprefix("其中:"),
                "initial_budget": _figure(sheet, f"D{row}"),
                "adjusted_budget": _figure(sheet, f"E{row}"),
                "actual": _figure(sheet, f"F{row}"),
            }
        )
        row += 1
    data_["funds"] = funds
    assert sheet[f"A{row}"].value == "年度总体目标"
    data_["goals"] = {"expected": _text(sheet, f"B{row + 1}"), "achieved": _text(sheet, f"F{row + 1}")}
    row = _row_of(sheet, "B", "一级指标") + 1
    spans = {(r.min_col, r.min_row): r.max_row for r in sheet.merged_cells.ranges}
    level: dict[int, str | None] = {}
    indicators = []
    while sheet[f"A{row}"].value != "总分":
        for col, letter in ((2, "B"), (3, "C")):
            if sheet[f"{letter}{row}"].value is not None or not any(
                top < row <= bottom for (c, top), bottom in spans.items() if c == col
            ):
                level[col] = _text(sheet, f"{letter}{row}")
        indicators.append(
            {
                "level1": level[2],
                "level2": level[3],
                "name": _text(sheet, f"D{row}"),
                "target": _text(sheet, f"E{row}"),
                "result": _text(sheet, f"F{row}"),
                "weight": _figure(sheet, f"G{row}"),
                "score": _figure(sheet, f"H{row}"),
                "deviation": _text(sheet, f"I{row}"),
            }
        )
        row += 1
    data_["indicators"] = indicators
    data_["total_score"] = _figure(sheet, f"H{row}")
    data_["grade"] = (_text(sheet, f"I{row}") or "").removeprefix("自评等级:") or None
    data_["review"] = _review(book)
    return Form.model_validate(data_)


def test_a_project_form_reads_back_from_its_workbook_as_the_same_form(project: Form) -> None:
    assert read_project(render_xlsx(project, check(project))).to_json() == project.to_json()
