"""The official form as a Word document (python-docx), for departments that edit in Word.

Same layout as the XLSX and the HTML: one table per block, merged cells, A4 landscape; the header
row of the tasks table and of the indicator grid repeats on every page the table runs onto.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from jixiao.render import layout, results
from jixiao.render.layout import Layout
from jixiao.render.safety import xml_safe

if TYPE_CHECKING:
    from jixiao.core.form import Form
    from jixiao.core.report import Report

FONT_NAME = "宋体"
_ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
}
USABLE_WIDTH_MM = 297 - 2 * 15
RESULT_WIDTHS = ((5, 6, 17, 19, 39, 14), (5, 8, 15, 19, 25, 28), (5, 10, 17, 19, 49))


def _font(run: Any, *, size: float = 10, bold: bool = False) -> None:
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.name = FONT_NAME
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), FONT_NAME)


def _write(cell: Any, text: str, *, bold: bool = False, align: str = "left", size: float = 10) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.alignment = _ALIGN[align]
    for i, line in enumerate(xml_safe(text).split("\n")):
        if i:
            paragraph = cell.add_paragraph()
            paragraph.alignment = _ALIGN[align]
        _font(paragraph.add_run(line), bold=bold, size=size)
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER


def _row_property(row: Any, name: str) -> None:
    properties = row._tr.get_or_add_trPr()
    element = OxmlElement(name)
    properties.append(element)


def _repeat_header(row: Any) -> None:
    """Mark ``row`` as a header row: Word and LibreOffice repeat it at the top of every page."""
    _row_property(row, "w:tblHeader")


def _keep_rows_whole(table: Any) -> None:
    """Keep each row on one page (a row that breaks leaves half a sentence under the next header)."""
    for row in table.rows:
        _row_property(row, "w:cantSplit")


def _grid(table: Any) -> list[list[Any]]:
    """Return the cells of an unmerged table as rows, fetched once (``table.cell`` rescans the table)."""
    cells = table._cells
    columns = len(table.columns)
    return [cells[r : r + columns] for r in range(0, len(cells), columns)]


def _set_widths(table: Any, grid: list[list[Any]], widths: list[float]) -> None:
    for c, width in enumerate(widths):
        table.columns[c].width = Mm(width)
        for row in grid:
            row[c].width = Mm(width)


def _paragraph(
    document: Any, text: str, *, size: float = 10, bold: bool = False, align: str = "left"
) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = _ALIGN[align]
    paragraph.paragraph_format.space_after = Pt(2)
    for i, line in enumerate(xml_safe(text).split("\n")):
        run = paragraph.add_run(line)
        _font(run, size=size, bold=bold)
        if i < len(text.split("\n")) - 1:
            run.add_break()


def _separator(document: Any) -> None:
    """Put a hairline paragraph between two tables: Word joins adjacent tables into one, and a
    header row in the middle of a table is not repeated."""
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.space_before = paragraph.paragraph_format.space_after = Pt(0)
    paragraph.paragraph_format.line_spacing = Pt(1)
    _font(paragraph.add_run(""), size=1)


def _draw(document: Any, page: Layout) -> None:
    _paragraph(document, page.title, size=16, bold=True, align="center")
    if page.subtitle:
        _paragraph(document, page.subtitle, align="center")
    if page.unit_line:
        _paragraph(document, page.unit_line, align="right")
    total = sum(page.widths)
    for i, block in enumerate(page.blocks):
        if i:
            _separator(document)
        table = document.add_table(rows=block.rows, cols=page.columns)
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        grid = _grid(table)
        _set_widths(table, grid, [USABLE_WIDTH_MM * width / total for width in page.widths])
        _keep_rows_whole(table)
        # The cells are fetched before merging: a merge changes only the cells of its own range,
        # and the blocks' ranges never overlap.
        for spec in block.cells:
            cell = grid[spec.row][spec.col]
            if spec.rowspan > 1 or spec.colspan > 1:
                cell = cell.merge(grid[spec.row + spec.rowspan - 1][spec.col + spec.colspan - 1])
            text = spec.shown
            _write(cell, text, bold=spec.role == "label", align=spec.align)
        for r in range(block.header_rows):
            _repeat_header(table.rows[r])
    if page.notes:
        _paragraph(document, page.notes, size=9)


def _draw_results(document: Any, form: Form, report: Report) -> None:
    document.add_page_break()
    tables = results.tables(form, report)
    _paragraph(document, "检查结果", size=14, bold=True)
    _paragraph(document, tables.summary)
    sections = (
        ("检查发现", results.FINDING_HEADERS, tables.findings, "未发现问题。"),
        ("指标核验", results.VERDICT_HEADERS, tables.verdicts, "未做指标核验。"),
        ("导入时待核对的内容", results.REVIEW_HEADERS, tables.review, "无。"),
    )
    for (title, headers, rows, empty), widths in zip(sections, RESULT_WIDTHS, strict=True):
        _paragraph(document, title, bold=True)
        if not rows:
            _paragraph(document, empty)
            continue
        table = document.add_table(rows=1 + len(rows), cols=len(headers))
        table.style = "Table Grid"
        table.autofit = False
        grid = _grid(table)
        _set_widths(table, grid, [USABLE_WIDTH_MM * w / sum(widths) for w in widths])
        for c, header in enumerate(headers):
            _write(grid[0][c], header, bold=True, align="center", size=9)
        _repeat_header(table.rows[0])
        for r, values in enumerate(rows, start=1):
            for c, value in enumerate(values):
                _write(grid[r][c], value, size=9)


def render_docx(form: Form, report: Report, *, findings: bool = True) -> bytes:
    """Return the Word document as bytes."""
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.left_margin = section.right_margin = Mm(15)
    section.top_margin = section.bottom_margin = Mm(15)
    style = document.styles["Normal"]
    style.font.name = FONT_NAME
    style.font.size = Pt(10)
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT_NAME)
    _draw(document, layout.build(form, report))
    grid = layout.grid_layout(form)
    if grid is not None:
        document.add_page_break()  # type: ignore[no-untyped-call]
        _draw(document, grid)
    if findings:
        _draw_results(document, form, report)
    document.core_properties.title = f"{form.department or ''}{form.year or ''}年度自评表"
    document.core_properties.author = "jixiao"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def write_docx(form: Form, report: Report, out: str | Path | BinaryIO, *, findings: bool = True) -> None:
    data = render_docx(form, report, findings=findings)
    if isinstance(out, (str, Path)):
        Path(out).write_bytes(data)
    else:
        out.write(data)
