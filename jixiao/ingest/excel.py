"""Workbooks → cell grid: .xlsx with openpyxl (read-only), .xls with python-calamine.

Only what a person sees is read: visible sheets, each cell as its number format shows it (a rate
0.971 formatted ``0.00%`` reads "97.10%"). A merged cell's text is in its top-left cell and the
others are empty, exactly as in a text extraction. A figure the exporter filled in because the form
left it blank is marked "(计算值)" by its number format; it is not a written figure and is not
imported. The 检查结果 sheet jixiao's export adds is the checker's output, not the form; only its
table of import review items is read back, so that the round trip keeps them.

An .xlsx is a zip: before opening it, the sizes in its directory are checked against the limits,
which stops zip bombs without inflating anything.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from jixiao.core.form import ReviewItem
from jixiao.ingest.errors import IngestError
from jixiao.ingest.grid import Grid, Row
from jixiao.ingest.settings import IngestSettings

RESULTS_SHEET = "检查结果"
REVIEW_SECTION = "导入时待核对的内容"
COMPUTED_MARK = "(计算值)"


def check_zip(data: bytes, name: str, settings: IngestSettings) -> None:
    """Refuse a zip whose members would inflate past the limits (a zip bomb), without inflating."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except zipfile.BadZipFile as exc:
        raise IngestError(
            name, "文件不完整或已损坏(Office 文件的压缩结构无法读取,可能没有写完或传输中断)"
        ) from exc
    total = sum(member.file_size for member in members)
    if total > settings.max_uncompressed_bytes:
        raise IngestError(
            name,
            f"解压后有 {total // 1024 // 1024} MB,超过上限 {settings.max_uncompressed_bytes // 1024 // 1024} MB,疑似压缩炸弹",
        )
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > 1024 * 1024 and ratio > settings.max_compression_ratio:
            raise IngestError(name, f"其中的 {member.filename} 压缩比达 {ratio:.0f} 倍,疑似压缩炸弹")
    if len(members) > 10000:
        raise IngestError(name, f"包含 {len(members)} 个部件,不像一个正常的 Excel 文件")


def read_workbook(data: bytes, name: str, settings: IngestSettings, kind: str) -> Grid:
    """Read every visible sheet of a workbook into one grid, one page per sheet."""
    if kind == "xlsx":
        check_zip(data, name, settings)
        sheets = _xlsx_sheets(data, name, settings)
        medium = "xlsx"
    else:
        sheets = _xls_sheets(data, name, settings)
        medium = "xls"
    rows: list[Row] = []
    carried: list[ReviewItem] = []
    page = 0
    for title, sheet_rows in sheets:
        if sheet_rows and sheet_rows[0] and str(sheet_rows[0][0]).strip() == RESULTS_SHEET:
            carried.extend(_review_rows(sheet_rows))
            continue
        page += 1
        for number, cells in enumerate(sheet_rows, start=1):
            rows.append(Row(cells=cells, source=f"sheet '{title}' row {number}", page=page))
    if not rows:
        raise IngestError(name, "工作簿里没有可见的工作表内容")
    grid = Grid(rows=rows, pages=max(page, 1), medium=medium)
    grid.carried_review = carried
    return grid


def _xlsx_sheets(data: bytes, name: str, settings: IngestSettings) -> list[tuple[str, list[list[str]]]]:
    from openpyxl import load_workbook  # type: ignore[import-untyped]

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise IngestError(name, f"不是可读的 Excel 文件({type(exc).__name__})") from exc
    try:
        visible = [ws for ws in workbook.worksheets if getattr(ws, "sheet_state", "visible") == "visible"]
        if len(visible) > settings.max_pages:
            raise IngestError(name, f"有 {len(visible)} 个工作表,超过上限 {settings.max_pages} 个")
        sheets = []
        for sheet in visible:
            rows: list[list[str]] = []
            for row in sheet.iter_rows():
                if len(rows) >= settings.max_rows:
                    raise IngestError(name, f"工作表“{sheet.title}”超过 {settings.max_rows} 行")
                rows.append([_shown(cell.value, getattr(cell, "number_format", "General")) for cell in row])
            sheets.append((sheet.title, _trim(rows)))
        return sheets
    finally:
        workbook.close()


def _xls_sheets(data: bytes, name: str, settings: IngestSettings) -> list[tuple[str, list[list[str]]]]:
    from python_calamine import CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception as exc:  # calamine raises its own error types for damaged or encrypted files
        message = str(exc)
        if "password" in message.lower() or "encrypt" in message.lower():
            raise IngestError(name, "有密码保护,请先在 Excel 中取消密码再导入") from exc
        raise IngestError(name, f"不是可读的 Excel 97-2003(.xls)文件({type(exc).__name__})") from exc
    sheets = []
    names = [meta.name for meta in workbook.sheets_metadata if str(meta.visible).lower().endswith("visible")]
    if len(names) > settings.max_pages:
        raise IngestError(name, f"有 {len(names)} 个工作表,超过上限 {settings.max_pages} 个")
    for title in names:
        values = workbook.get_sheet_by_name(title).to_python(skip_empty_area=False)
        if len(values) > settings.max_rows:
            raise IngestError(name, f"工作表“{title}”超过 {settings.max_rows} 行")
        sheets.append((title, _trim([[_shown(v, "General") for v in row] for row in values])))
    return sheets


def _trim(rows: list[list[str]]) -> list[list[str]]:
    """Cut the sheet to its used width and height (formatting leaves empty cells beyond them);
    every row keeps the same width, as the columns of a table do."""
    width = max((max((i + 1 for i, cell in enumerate(row) if cell), default=0) for row in rows), default=0)
    out = [(row + [""] * width)[:width] for row in rows]
    while out and not any(out[-1]):
        out.pop()
    return out


_DECIMALS = re.compile(r"0\.(0+)")
_LITERAL = re.compile(r'"([^"]*)"')


def _shown(value: Any, number_format: str | None) -> str:
    """Return a cell as it is displayed: numbers through their format's decimals, percent and text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int | float):
        fmt = (number_format or "General").split(";")[0]
        literal = "".join(_LITERAL.findall(fmt))
        if COMPUTED_MARK in literal or literal.strip() == "计算值)":
            return ""  # filled in by the exporter from a computation, not written on the form
        # repr gives the shortest text that reads back as the same float: the digits a person typed
        number = Decimal(repr(float(value))) if isinstance(value, float) else Decimal(value)
        bare = _LITERAL.sub("", fmt)
        percent = "%" in bare
        if percent:
            number = number.scaleb(2)
        places = _DECIMALS.search(bare)
        if places and bare != "General":
            number = number.quantize(Decimal(1).scaleb(-len(places.group(1))))
        elif bare.strip() in ("0", "#,##0", "0%"):
            number = number.quantize(Decimal(1))
        text = format(
            number.normalize()
            if not places and bare == "General" and number == number.to_integral()
            else number,
            "f",
        )
        return text + ("%" if percent else "")
    return str(value).strip()


def _review_rows(rows: list[list[str]]) -> list[ReviewItem]:
    """Read the 导入时待核对的内容 table of a 检查结果 sheet: 序号 / 来源 / 位置 / 路径 / 问题."""
    items: list[ReviewItem] = []
    inside = False
    columns: dict[str, int] = {}
    for cells in rows:
        first = cells[0].strip() if cells else ""
        if first == REVIEW_SECTION:
            inside = True
            continue
        if not inside:
            continue
        if not columns:
            columns = {text.strip(): i for i, text in enumerate(cells)}
            if "路径" not in columns or "问题" not in columns:
                return items
            continue
        if len(cells) <= columns["问题"] or not cells[columns["路径"]].strip():
            if first and not first.isdigit():
                break
            continue
        source = cells[columns["来源"]].strip() if "来源" in columns and len(cells) > columns["来源"] else ""
        items.append(
            ReviewItem(
                path=cells[columns["路径"]].strip(),
                problem=cells[columns["问题"]].strip(),
                source=source or None,
            )
        )
    return items
