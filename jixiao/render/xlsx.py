"""The official form as an Excel workbook (openpyxl): sheet 自评表 in the official layout, sheet 检查结果.

Figures are numbers whose XML text is the figure as written ("9368.62", a rate "0.9710" shown as
97.10% by its number format), so nothing passes through binary floating point on the way out, and
the number format carries the written decimals. Texts that a spreadsheet could read as a formula are
stored as text with Excel's quote prefix, which shows them unchanged and never runs them.
docs/export.md lists which cell holds which field.
"""

from __future__ import annotations

import io
import math
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, NamedStyle, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.worksheet.merge import MergedCellRange
from openpyxl.worksheet.worksheet import Worksheet

from jixiao.core.numbers import plain
from jixiao.render import labels, layout, results
from jixiao.render.layout import Cell, Layout
from jixiao.render.safety import is_formula_like, xml_safe

if TYPE_CHECKING:
    from jixiao.core.form import Form
    from jixiao.core.report import Report

FONT_NAME = "宋体"
FONT_SIZE = 10
LINE_POINTS = 13.5
MAX_ROW_POINTS = 409  # Excel's limit for one row

_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_FONT = Font(name=FONT_NAME, size=FONT_SIZE)
_BOLD = Font(name=FONT_NAME, size=FONT_SIZE, bold=True)
_TITLE = Font(name=FONT_NAME, size=16, bold=True)


def _named_styles() -> list[NamedStyle]:
    """Return the workbook's cell styles. Assigning a named style is one lookup; assigning a font,
    a border and an alignment to each cell hashes each of them and took most of the export time."""

    def style(name: str, font: Font, *, border: bool = True, **alignment: Any) -> NamedStyle:
        return NamedStyle(
            name=name,
            font=font,
            border=_BORDER if border else Border(),
            alignment=Alignment(**alignment),
        )

    table: dict[str, Any] = {"vertical": "center", "wrap_text": True}
    return [
        style("jx-title", _TITLE, border=False, horizontal="center", vertical="center"),
        style("jx-subtitle", _FONT, border=False, horizontal="center"),
        style("jx-unit", _FONT, border=False, horizontal="right"),
        style("jx-notes", _FONT, border=False, vertical="top", wrap_text=True),
        style("jx-heading", _BOLD, border=False),
        style("jx-plain", _FONT, border=False),
        style("jx-label", _BOLD, horizontal="center", **table),
        style("jx-left", _FONT, horizontal="left", **table),
        style("jx-center", _FONT, horizontal="center", **table),
        style("jx-right", _FONT, horizontal="right", **table),
    ]


FORM_SHEET = "自评表"
GRID_SHEET = "绩效指标"
RESULTS_SHEET = labels.FINDINGS_TITLE


def render_xlsx(form: Form, report: Report) -> bytes:
    """Return the workbook as bytes."""
    buffer = io.BytesIO()
    write_xlsx(form, report, buffer)
    return buffer.getvalue()


def write_xlsx(form: Form, report: Report, out: str | Path | BinaryIO) -> None:
    """Write the workbook to a path or a binary file."""
    workbook = Workbook()
    for named in _named_styles():
        workbook.add_named_style(named)
    sheet = workbook.active
    assert sheet is not None
    sheet.title = FORM_SHEET
    page = layout.build(form, report)
    _write_layout(sheet, page)
    grid = layout.grid_layout(form)
    if grid is not None:
        _write_layout(workbook.create_sheet(GRID_SHEET), grid)
    _write_results(workbook.create_sheet(RESULTS_SHEET), form, report)
    workbook.properties.title = f"{form.department or ''}{form.year or ''}年度{page.title}"
    workbook.properties.creator = "jixiao"
    workbook.save(out)


# --- cells ---------------------------------------------------------------------------------------


def set_text(sheet: Worksheet, row: int, col: int, text: str) -> None:
    """Store a text cell exactly as written; a formula-like text gets the quote prefix, not a formula."""
    cell = sheet.cell(row=row, column=col)
    cell.value = xml_safe(text) if text else None
    if text and is_formula_like(text):
        cell.data_type = "s"
        cell.quotePrefix = True


def set_number(sheet: Worksheet, row: int, col: int, cell_spec: Cell) -> None:
    """Store a figure as a number whose XML text is exact, with its number format."""
    assert cell_spec.number is not None
    cell = sheet.cell(row=row, column=col)
    # openpyxl writes a Decimal through "%.16g" % float(value) (9368.62 → 9368.620000000001); a
    # numeric cell holding the decimal's own text is written as that text.
    cell.value = plain(cell_spec.number)
    cell.data_type = "n"
    cell.number_format = cell_spec.number_format or "General"


def _display_width(text: str) -> float:
    return sum(1.8 if unicodedata.east_asian_width(ch) in ("W", "F") else 1.0 for ch in text)


def _lines_needed(text: str, width: float) -> int:
    usable = max(width - 1.5, 4.0)
    return sum(max(1, math.ceil(_display_width(line) / usable)) for line in (text.split("\n") or [""]))


def merge(sheet: Worksheet, top: int, left: int, bottom: int, right: int) -> None:
    """Merge a range, as ``Worksheet.merge_cells`` does without its check against every range merged
    before (quadratic in the form's size); the layout's ranges never overlap."""
    merged = MergedCellRange(sheet, CellRange(min_col=left, min_row=top, max_col=right, max_row=bottom).coord)
    sheet.merged_cells.ranges.add(merged)
    sheet._clean_merge_range(merged)


def _write_layout(sheet: Worksheet, page: Layout) -> None:
    columns = page.columns
    for i, width in enumerate(page.widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    row = 1
    sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=columns)
    set_text(sheet, row, 1, page.title)
    sheet.cell(row=row, column=1).style = "jx-title"
    sheet.row_dimensions[row].height = 30
    row += 1
    if page.subtitle:
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=columns)
        set_text(sheet, row, 1, page.subtitle)
        sheet.cell(row=row, column=1).style = "jx-subtitle"
        row += 1
    if page.unit_line:
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=columns)
        set_text(sheet, row, 1, page.unit_line)
        sheet.cell(row=row, column=1).style = "jx-unit"
        row += 1

    heights: dict[int, float] = {}
    tall: list[tuple[int, int, float]] = []
    for block in page.blocks:
        for spec in block.cells:
            top = row + spec.row
            left = 1 + spec.col
            bottom = top + spec.rowspan - 1
            right = left + spec.colspan - 1
            if spec.rowspan > 1 or spec.colspan > 1:
                merge(sheet, top, left, bottom, right)
            # The style first: it resets the number format that set_number gives the cell. A merged
            # range takes its outer border from its top-left cell when the workbook is saved.
            sheet.cell(row=top, column=left).style = (
                "jx-label" if spec.role == "label" else f"jx-{spec.align}"
            )
            if spec.number is not None:
                set_number(sheet, top, left, spec)
            else:
                set_text(sheet, top, left, spec.text)
            width = sum(page.widths[spec.col : spec.col + spec.colspan])
            shown = spec.shown if spec.number is None else spec.text + (f"({spec.note})" if spec.note else "")
            needed = _lines_needed(shown, width) * LINE_POINTS + 6
            if spec.rowspan == 1:
                heights[top] = max(heights.get(top, 0.0), needed)
            else:
                tall.append((top, bottom, needed))
        for r in range(row, row + block.rows):
            heights.setdefault(r, LINE_POINTS + 6)
        row += block.rows
    for top, bottom, needed in tall:
        have = sum(heights[r] for r in range(top, bottom + 1))
        if have < needed:
            extra = (needed - have) / (bottom - top + 1)
            for r in range(top, bottom + 1):
                heights[r] += extra
    for r, height in heights.items():
        sheet.row_dimensions[r].height = min(round(height, 1), MAX_ROW_POINTS)

    if page.notes:
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=columns)
        set_text(sheet, row, 1, page.notes)
        sheet.cell(row=row, column=1).style = "jx-notes"
        sheet.row_dimensions[row].height = min(
            _lines_needed(page.notes, sum(page.widths)) * LINE_POINTS + 6, MAX_ROW_POINTS
        )

    _page_setup(sheet)


def _page_setup(sheet: Worksheet) -> None:
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top = sheet.page_margins.bottom = 0.5


# --- 检查结果 --------------------------------------------------------------------------------------

RESULT_WIDTHS = (6, 10, 26, 28, 60, 40, 40)


def _write_results(sheet: Worksheet, form: Form, report: Report) -> None:
    tables = results.tables(form, report)
    for i, width in enumerate(RESULT_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    row = 1
    set_text(sheet, row, 1, labels.FINDINGS_TITLE)
    sheet.cell(row=row, column=1).style = "jx-heading"
    sheet.cell(row=row, column=1).font = _TITLE
    row += 1
    set_text(sheet, row, 1, tables.summary)
    sheet.cell(row=row, column=1).style = "jx-plain"
    row += 2
    sections = (
        ("检查发现", results.FINDING_HEADERS, tables.findings, "未发现问题"),
        ("指标核验", results.VERDICT_HEADERS, tables.verdicts, "未做指标核验"),
        (
            "导入时待核对的内容",
            results.REVIEW_HEADERS + results.REVIEW_CODE_HEADERS,
            [row + codes for row, codes in zip(tables.review, tables.review_codes, strict=True)],
            "无",
        ),
    )
    for title, headers, rows, empty in sections:
        set_text(sheet, row, 1, title)
        sheet.cell(row=row, column=1).style = "jx-heading"
        row += 1
        for c, header in enumerate(headers, start=1):
            sheet.cell(row=row, column=c).style = "jx-label"
            set_text(sheet, row, c, header)
        row += 1
        if not rows:
            set_text(sheet, row, 1, empty)
            sheet.cell(row=row, column=1).style = "jx-plain"
            row += 1
        for values in rows:
            lines = 1
            for c, value in enumerate(values, start=1):
                sheet.cell(row=row, column=c).style = "jx-left"
                set_text(sheet, row, c, value)
                lines = max(lines, _lines_needed(value, RESULT_WIDTHS[c - 1]))
            sheet.row_dimensions[row].height = min(lines * LINE_POINTS + 6, MAX_ROW_POINTS)
            row += 1
        row += 1
    _page_setup(sheet)
