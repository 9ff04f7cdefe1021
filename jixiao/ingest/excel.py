"""Workbooks → cell grid: .xlsx with openpyxl (read-only), .xls with python-calamine.

Only what a person sees is read: visible sheets, each cell as its number format shows it (a rate
0.971 formatted ``0.00%`` reads "97.10%"). A merged cell's text is in its top-left cell and the
others are empty, exactly as in a text extraction. A figure the exporter filled in because the form
left it blank is marked "(计算值)" by its number format; it is not a written figure and is not
imported. The 检查结果 sheet jixiao's export adds is the checker's output, not the form; only its
table of import review items is read back, so that the round trip keeps them.

An .xlsx is a zip: before opening it, the sizes in its directory are checked against the limits,
which stops zip bombs without inflating anything. A sheet's size is checked from what the file
declares before any cell is read (the ``<dimension>`` of an .xlsx sheet; for an .xls, the cells'
own positions, read without building the grid), and the cells are then read within the row and
column limits whatever the declaration said.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from jixiao.core.form import ReviewItem
from jixiao.ingest import sniff
from jixiao.ingest.errors import IngestError
from jixiao.ingest.grid import Grid, Row
from jixiao.ingest.limits import Clock, count, sizes
from jixiao.ingest.settings import IngestSettings

RESULTS_SHEET = "检查结果"
REVIEW_SECTION = "导入时待核对的内容"
COMPUTED_MARK = "(计算值)"


def check_zip(data: bytes, name: str, settings: IngestSettings) -> None:
    """Refuse a zip whose members would inflate past the limits (a zip bomb), without inflating.

    The number of members is read from the directory's end record first, so that a directory of a
    million entries is refused before it is parsed. Python's zipfile stops each member at the size
    its directory entry declares, so the declared sizes checked here are the most that is read.
    """
    members_declared = sniff.zip_member_count(data)
    if members_declared is not None and members_declared > settings.max_zip_members:
        raise IngestError(
            name,
            f"包含 {count(members_declared)} 个部件,超过上限 {count(settings.max_zip_members)} 个,"
            "不像一个正常的 Office 文件",
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except zipfile.BadZipFile as exc:
        raise IngestError(
            name, "文件不完整或已损坏(Office 文件的压缩结构无法读取,可能没有写完或传输中断)"
        ) from exc
    if len(members) > settings.max_zip_members:
        raise IngestError(
            name,
            f"包含 {count(len(members))} 个部件,超过上限 {count(settings.max_zip_members)} 个,"
            "不像一个正常的 Office 文件",
        )
    total = sum(member.file_size for member in members)
    if total > settings.max_uncompressed_bytes:
        shown, bound = sizes(total, settings.max_uncompressed_bytes)
        raise IngestError(name, f"解压后有 {shown},超过解压上限 {bound},疑似压缩炸弹")
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > 1024 * 1024 and ratio > settings.max_compression_ratio:
            raise IngestError(
                name,
                f"其中的 {member.filename} 压缩比达 {ratio:.0f} 倍,超过上限 "
                f"{settings.max_compression_ratio} 倍,疑似压缩炸弹",
            )
    for member in members:
        if member.filename.endswith((".xml", ".rels")) and member.file_size > settings.max_part_bytes:
            shown, bound = sizes(member.file_size, settings.max_part_bytes)
            raise IngestError(name, f"其中的 {member.filename} 解压后有 {shown},超过单个部件的上限 {bound}")


def column_letters(number: int) -> str:
    """Return a column's letters: 1 → A, 16384 → XFD."""
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def check_dimensions(title: str, rows: int, columns: int, name: str, settings: IngestSettings) -> None:
    """Refuse a sheet whose used range is larger than the row or column limit."""
    if rows > settings.max_rows or columns > settings.max_columns:
        raise IngestError(
            name,
            f"工作表“{title}”的范围到第 {count(rows)} 行、第 {count(columns)} 列({column_letters(columns)} 列),"
            f"超过上限 {count(settings.max_rows)} 行 × {count(settings.max_columns)} 列;"
            "请删除表格以外的空行、空列或远处的单元格后再导入",
        )


def read_workbook(data: bytes, name: str, settings: IngestSettings, kind: str) -> Grid:
    """Read every visible sheet of a workbook into one grid, one page per sheet."""
    clock = Clock(name, settings)
    if kind == "xlsx":
        check_zip(data, name, settings)
        sheets = _xlsx_sheets(data, name, settings, clock)
        medium = "xlsx"
    else:
        sheets = _xls_sheets(data, name, settings, clock)
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


def _xlsx_sheets(
    data: bytes, name: str, settings: IngestSettings, clock: Clock
) -> list[tuple[str, list[list[str]]]]:
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
            # The declared range (<dimension ref="A1:H40"/>), read before any cell.
            check_dimensions(sheet.title, sheet.max_row or 0, sheet.max_column or 0, name, settings)
            rows: list[list[str]] = []
            # Whatever the declaration said, read no further than one past each limit.
            for row in sheet.iter_rows(max_row=settings.max_rows + 1, max_col=settings.max_columns + 1):
                if len(rows) % 500 == 0:
                    clock.check(f"工作表“{sheet.title}”第 {len(rows) + 1} 行")
                if len(rows) >= settings.max_rows:
                    raise IngestError(
                        name, f"工作表“{sheet.title}”超过 {count(settings.max_rows)} 行(行数上限)"
                    )
                cells = [_shown(cell.value, getattr(cell, "number_format", "General")) for cell in row]
                if len(cells) > settings.max_columns and any(cells[settings.max_columns :]):
                    raise IngestError(
                        name,
                        f"工作表“{sheet.title}”第 {len(rows) + 1} 行超过 {count(settings.max_columns)} 列(列数上限)",
                    )
                rows.append(cells[: settings.max_columns])
            sheets.append((sheet.title, _trim(rows)))
        return sheets
    finally:
        workbook.close()


def _xls_sheets(
    data: bytes, name: str, settings: IngestSettings, clock: Clock
) -> list[tuple[str, list[list[str]]]]:
    from python_calamine import CalamineWorkbook

    _check_xls_extent(data, name, settings)
    clock.check()

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
        sheet = workbook.get_sheet_by_name(title)
        check_dimensions(title, sheet.total_height, sheet.total_width, name, settings)
        values = sheet.to_python(skip_empty_area=False)
        clock.check(f"工作表“{title}”")
        sheets.append((title, _trim([[_shown(v, "General") for v in row] for row in values])))
    return sheets


def _check_xls_extent(data: bytes, name: str, settings: IngestSettings) -> None:
    """Refuse an .xls with a sheet past the row or column limit, before calamine builds its grid
    (calamine makes a dense grid from the first to the last cell: two cells at A1 and IV65536 are
    16 million). xlrd reads the cells' positions into ragged rows, whose size follows the cells that
    exist; a file xlrd cannot read is left to calamine, which says what is wrong with it."""
    import xlrd  # type: ignore[import-untyped]

    try:
        book = xlrd.open_workbook(file_contents=data, on_demand=True, ragged_rows=True, logfile=io.StringIO())
    except Exception:  # encrypted, BIFF variants xlrd does not know …: calamine reports these
        return
    try:
        for index in range(book.nsheets):
            sheet = book.sheet_by_index(index)
            width = max((sheet.row_len(r) for r in range(sheet.nrows)), default=0)
            check_dimensions(sheet.name, sheet.nrows, width, name, settings)
            book.unload_sheet(index)
    finally:
        book.release_resources()


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
