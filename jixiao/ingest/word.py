"""Word (.docx) → cell grid with python-docx: paragraphs and tables in document order.

A merged cell appears once, in its first row and column, as in a text extraction.

A table's size is checked from its XML before python-docx lays out its cells (a cell spanning
16,384 grid columns would be listed 16,384 times in every row): the grid columns and the spans of
each row against ``max_columns``, the rows against ``max_rows``.
"""

from __future__ import annotations

import io
from typing import Any

from jixiao.ingest.errors import IngestError
from jixiao.ingest.excel import check_zip
from jixiao.ingest.grid import Grid, Row
from jixiao.ingest.limits import Clock, count
from jixiao.ingest.settings import IngestSettings


def read_docx(data: bytes, name: str, settings: IngestSettings) -> Grid:
    """Read the paragraphs and tables of a .docx in document order."""
    clock = Clock(name, settings)
    check_zip(data, name, settings)
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises KeyError, ValueError, PackageNotFoundError …
        raise IngestError(name, f"不是可读的 Word 文件({type(exc).__name__})") from exc
    rows: list[Row] = []
    body = document.element.body
    tables = 0
    for child in body.iterchildren():
        if len(rows) % 200 == 0:
            clock.check(f"第 {len(rows) + 1} 行")
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            text = Paragraph(child, document).text.strip()
            if text:
                rows.append(Row(cells=[text], source=f"paragraph {len(rows) + 1}"))
        elif tag == "tbl":
            tables += 1
            _check_table(child, tables, name, settings)
            table = Table(child, document)
            # A merged cell is the same <w:tc> element in every grid position it covers. The elements
            # are kept referenced so that their ids stay unique while the table is read.
            kept: list[object] = []
            seen: set[int] = set()
            for r, row in enumerate(table.rows, start=1):
                cells = []
                for cell in row.cells:
                    element = cell._tc
                    kept.append(element)
                    cells.append("" if id(element) in seen else cell.text.replace("\n", " ").strip())
                    seen.add(id(element))
                rows.append(Row(cells=cells, source=f"table {len(rows) + 1} row {r}"))
                if r % 200 == 0:
                    clock.check(f"第 {tables} 个表格第 {r} 行")
        if len(rows) > settings.max_rows:
            raise IngestError(name, f"超过 {count(settings.max_rows)} 行(行数上限)")
    if not rows:
        raise IngestError(name, "Word 文件里没有文字")
    return Grid(rows=rows, medium="docx")


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _check_table(tbl: Any, number: int, name: str, settings: IngestSettings) -> None:
    """Refuse a table wider or longer than the limits, from its XML alone."""
    where = f"第 {number} 个表格"
    grid_columns = len(tbl.findall(f"{_W}tblGrid/{_W}gridCol"))
    if grid_columns > settings.max_columns:
        raise IngestError(
            name, f"{where}有 {count(grid_columns)} 列,超过列数上限 {count(settings.max_columns)} 列"
        )
    rows = tbl.findall(f"{_W}tr")
    if len(rows) > settings.max_rows:
        raise IngestError(name, f"{where}有 {count(len(rows))} 行,超过行数上限 {count(settings.max_rows)} 行")
    for r, row in enumerate(rows, start=1):
        width = 0
        for cell in row.iterfind(f"{_W}tc"):
            span = cell.find(f"{_W}tcPr/{_W}gridSpan")
            value = "1" if span is None else span.get(f"{_W}val", "1")
            width += int(value) if value.isascii() and value.isdigit() else 1
        if width > settings.max_columns:
            raise IngestError(
                name,
                f"{where}第 {r} 行的单元格跨 {count(width)} 列,超过列数上限 {count(settings.max_columns)} 列",
            )
