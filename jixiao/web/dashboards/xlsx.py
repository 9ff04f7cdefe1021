"""A table as an XLSX download (openpyxl): a title row, the header, the rows; numbers stay numbers."""

from __future__ import annotations

import io
from collections.abc import Sequence
from decimal import Decimal
from typing import Any
from urllib.parse import quote

from django.http import HttpResponse

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def workbook(title: str, columns: Sequence[str], rows: Sequence[Sequence[Any]], note: str = "") -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    sheet.append([title])
    sheet["A1"].font = Font(bold=True, size=13)
    if note:
        sheet.append([note])
    sheet.append(list(columns))
    header = sheet.max_row
    for cell in sheet[header]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(["" if value is None else value for value in row])
        for cell, value in zip(sheet[sheet.max_row], row, strict=False):
            if isinstance(value, Decimal):
                cell.number_format = "#,##0.00"
    for index, column in enumerate(columns, start=1):
        width = max([len(str(column))] + [len(str(r[index - 1] or "")) for r in rows[:200]])
        sheet.column_dimensions[get_column_letter(index)].width = min(60, 4 + width * 2)
    sheet.freeze_panes = sheet.cell(row=header + 1, column=1)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def download(
    name: str, title: str, columns: Sequence[str], rows: Sequence[Sequence[Any]], note: str = ""
) -> HttpResponse:
    response = HttpResponse(workbook(title, columns, rows, note), content_type=XLSX)
    response["Content-Disposition"] = (
        f"attachment; filename=\"dashboard.xlsx\"; filename*=UTF-8''{quote(name + '.xlsx')}"
    )
    return response
