"""Extracted text → cell grid: tab-separated, pipe rows, one cell per line, space-flattened.

Encodings: UTF-8 with or without BOM, UTF-16 with BOM, GBK/GB18030. A file cut off in the middle
of a character (half-written) still imports; the lost bytes are reported.
"""

from __future__ import annotations

import codecs
import re

from jixiao.ingest import cells
from jixiao.ingest.errors import IngestError
from jixiao.ingest.grid import Grid, Row
from jixiao.ingest.textutil import strip_pinyin, to_simplified

# Lines that wrap a form on a web page or in a document-sharing site, not part of the form.
_NOISE = re.compile(
    r"^(附件\s*\d*[:：]?$|索引号|发布机构|发布日期|生成日期|文号|主题分类|公开方式|来源[:：]|浏览次数|分享到|打印本页|关闭窗口|"
    r"【字体|扫一扫|下载文档|下载本文档|文档分享|本文档|文档简介|版权说明|上传人|点击查看更多|下载资源|资源描述|下载\s*相关\s*举报|"
    r"第\s*\d+\s*页\s*/\s*共\s*\d+\s*页|.*\.(docx?|pdf|xlsx?)_第\d+页$|《.*》由会员分享|"
    r"docx?$|.*\b(False|True)\s+(False|True)\b)"
)


def decode(data: bytes, name: str) -> tuple[str, list[str]]:
    """Decode text bytes; return the text and notes about what was repaired."""
    notes: list[str] = []
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16"), notes
    if b"\x00" in data[:4096]:
        raise IngestError(name, "是二进制文件,不是文本、PDF、Excel 或图片")
    try:
        return data.decode("utf-8"), notes
    except UnicodeDecodeError as exc:
        if exc.start >= len(data) - 3 and exc.reason == "unexpected end of data":
            notes.append("file ends in the middle of a character (half-written)")
            return data[: exc.start].decode("utf-8"), notes
        utf8_error = exc
    try:
        return data.decode("gb18030"), notes
    except UnicodeDecodeError as exc:
        if exc.start >= len(data) - 1:
            notes.append("file ends in the middle of a character (half-written)")
            return data[: exc.start].decode("gb18030"), notes
    raise IngestError(name, f"不是 UTF-8 或 GBK/GB18030 编码的文本(第 {utf8_error.start} 字节无法解码)")


def to_grid(text: str, notes: list[str] | None = None) -> Grid:
    """Return the grid of the reading of a text extraction that fits a form best."""
    return grids(text, notes)[0]


def grids(text: str, notes: list[str] | None = None) -> list[Grid]:
    """Return a grid for each plausible reading of a text extraction, best fitting first.

    Pinyin-in-brackets noise of mirror sites (農(nóng)業(yè)) is taken out first; pages are numbered at
    form feeds and table breaks; wrapper lines (page chrome, document-sharing boilerplate) are
    skipped and noted.
    """
    notes = list(notes or [])
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u200b", "").replace("\ufeff", "")
    text, removed = strip_pinyin(text)
    if removed:
        notes.append(f"pinyin noise removed ({removed})")
    lines = text.split("\n")
    out: list[Grid] = []
    for reading in cells.readings(lines, notes):
        rows = reading.rows
        _number_pages(rows, lines)
        noise = [row for row in rows if _is_noise(row)]
        grid = Grid(rows=[row for row in rows if not _is_noise(row)], medium="text")
        grid.reading = reading.name
        grid.rebuilt = reading.rebuilt
        grid.fit = reading.fit
        if noise:
            first = noise[0].text(noise[0].filled()[0])
            grid.notes.append(f"web page or document wrapper lines skipped ({len(noise)}): '{first[:30]}'")
        grid.pages = max((row.page for row in grid.rows), default=1)
        grid.notes.extend(notes)
        grid.notes.extend(reading.notes)
        out.append(grid)
    return out


def _is_noise(row: Row) -> bool:
    """A line of the page around the form (site chrome, a document-sharing site's boilerplate), in
    simplified or traditional characters."""
    filled = row.filled()
    return len(filled) == 1 and bool(_NOISE.match(to_simplified(row.text(filled[0]))))


def _number_pages(rows: list[Row], lines: list[str]) -> None:
    """Count pages: a form feed, or a blank line between two table rows (a page break in a PDF)."""
    page = 1
    previous_table_row = False
    blank_since = False
    for row in rows:
        raw = lines[int(row.source.split()[1]) - 1] if row.source.startswith("line ") else ""
        if "\f" in raw:
            page += 1
        if row.is_blank:
            blank_since = True
            continue
        is_table_row = len(row.filled()) > 1 or len(row.cells) > 1
        if is_table_row and previous_table_row and blank_since:
            page += 1
        row.page = page
        previous_table_row = is_table_row
        blank_since = False
