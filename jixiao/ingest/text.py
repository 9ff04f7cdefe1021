"""Extracted text → cell grid: tab-separated, pipe rows, one cell per line, space-flattened.

Encodings: UTF-8 with or without BOM, UTF-16 with BOM, GBK/GB18030. A file cut off in the middle
of a character (half-written) still imports; the lost bytes are reported.
"""

from __future__ import annotations

import codecs
import re

from jixiao.ingest import vocab
from jixiao.ingest.errors import IngestError
from jixiao.ingest.grid import Grid, Row
from jixiao.ingest.textutil import fold_label

# Lines that wrap a form on a web page or in a document-sharing site, not part of the form.
_NOISE = re.compile(
    r"^(附件\s*\d*[:：]?$|索引号|发布机构|发布日期|生成日期|文号|主题分类|公开方式|来源[:：]|浏览次数|分享到|打印本页|关闭窗口|"
    r"【字体|扫一扫|下载文档|文档分享|本文档|docx?$|.*\b(False|True)\s+(False|True)\b)"
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


def style_of(lines: list[str]) -> str:
    """Return how cells are separated: "tab", "pipe", "cell-per-line" or "space"."""
    filled = [line for line in lines if line.strip()]
    if not filled:
        return "space"
    tabbed = sum("\t" in line for line in filled)
    piped = [line for line in filled if "|" in line]
    ending = sum(line.rstrip().endswith("|") and line.count("|") == 1 for line in filled)
    if tabbed >= max(3, len(filled) // 5):
        return "tab"
    if ending >= len(filled) * 0.6:
        return "cell-per-line"
    if len(piped) >= max(3, len(filled) // 5):
        return "pipe"
    return "space"


def to_grid(text: str, notes: list[str] | None = None) -> Grid:
    """Split a text extraction into rows of cells, numbering pages at form feeds and table breaks."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    style = style_of(lines)
    if style == "cell-per-line":
        rows = _cell_per_line(lines)
    else:
        rows = []
        for number, line in enumerate(lines, start=1):
            tokens = line.split()
            if style == "space" and len(tokens) > 15 and sum(map(vocab.is_header_label, tokens)) >= 3:
                rows.extend(_resegment(tokens, number, notes := notes if notes is not None else []))
                continue
            rows.append(Row(cells=_split(line, style), source=f"line {number}"))
    _number_pages(rows, lines)
    noise = [row for row in rows if _is_noise(row)]
    grid = Grid(rows=[row for row in rows if not _is_noise(row)], medium="text")
    if noise:
        first = noise[0].text(noise[0].filled()[0])
        grid.notes.append(f"web page or document wrapper lines skipped ({len(noise)}): '{first[:30]}'")
    grid.pages = max((row.page for row in grid.rows), default=1)
    grid.notes.extend(notes or [])
    return grid


def _is_noise(row: Row) -> bool:
    filled = row.filled()
    return len(filled) == 1 and bool(_NOISE.match(row.text(filled[0])))


def _split(line: str, style: str) -> list[str]:
    line = line.replace("\f", "")
    if style == "tab":
        return line.split("\t")
    if style == "pipe":
        if "|" not in line:
            return [line]
        cells = line.strip().split("|")
        if line.strip().startswith("|"):
            cells = cells[1:]
        if line.strip().endswith("|") and cells:
            cells = cells[:-1]
        return cells
    tokens = line.split()
    if len(tokens) > 1 and _looks_like_table_line(tokens):
        return tokens
    return [line]


_FIGURE = re.compile(r"^[-+≥≤=<>≧≦﹦═]*\d[\d,.]*%?[\u4e00-\u9fff%]{0,4}$|^[—-]+$")


def _looks_like_table_line(tokens: list[str]) -> bool:
    """Return True when a space-flattened line is a table row rather than a sentence."""
    figures = sum(bool(_FIGURE.match(token)) for token in tokens)
    labels = sum(vocab.is_header_label(token) for token in tokens)
    return figures >= 1 or labels >= 2 or all(len(token) <= 14 for token in tokens)


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


def _cell_per_line(lines: list[str]) -> list[Row]:
    """Rebuild rows from a text with one cell per line ("年度资金总额 |"), using the header rows.

    A run of column headers sets the width of the rows after it (the block title just before it,
    such as 项目资金(万元), is the header's first cell). Indicator rows are rebuilt knowing that the
    first- and second-level labels appear only on the first row of their group (merged cells), so
    a row is: [一级] [二级] then the remaining columns. Empty cells (" |") keep their place.
    """
    cells: list[tuple[int, str]] = []
    for number, line in enumerate(lines, start=1):
        text = line.strip()
        if not text:
            continue
        if text.endswith("|"):
            text = text[:-1].strip()
        cells.append((number, text))
    rows: list[Row] = []
    width = levels = 0
    k = 0
    while k < len(cells):
        run = k
        while run < len(cells) and cells[run][1] and vocab.is_header_label(cells[run][1]):
            run += 1
        if run - k >= 3:
            header = [text for _, text in cells[k:run]]
            source = cells[k][0]
            if (
                rows
                and len(rows[-1].cells) == 1
                and rows[-1].cells[0]
                and not _is_section_label(rows[-1].cells[0])
            ):
                title = rows.pop()
                header.insert(0, title.cells[0])
                source = int(title.source.split()[1])
            levels = sum(vocab.column_of(h, vocab.INDICATOR_COLUMNS) in ("level1", "level2") for h in header)
            width = len(header)
            rows.append(Row(cells=header, source=f"line {source}"))
            k = run
            continue
        number, text = cells[k]
        if _is_total_label(text):
            row_cells = [text]
            k += 1
            while k < len(cells) and re.fullmatch(r"[\d.]+分?|优秀?|良好?|中|差|合格", cells[k][1]):
                row_cells.append(cells[k][1])
                k += 1
            rows.append(Row(cells=row_cells, source=f"line {number}"))
            width = 0
            continue
        if _is_section_label(text):
            row_cells = [text]
            k += 1
            if (
                k < len(cells)
                and cells[k][1]
                and not _is_section_label(cells[k][1])
                and not vocab.is_header_label(cells[k][1])
            ):
                row_cells.append(cells[k][1])
                k += 1
            rows.append(Row(cells=row_cells, source=f"line {number}"))
            width = 0
            continue
        if width == 0:
            if text:
                rows.append(Row(cells=[text], source=f"line {number}"))
            k += 1
            continue
        row_cells = []
        if levels:
            slots = [""] * levels
            ambiguous = vocab.is_ambiguous_level(text) and not (
                k + 1 < len(cells) and vocab.is_level2(cells[k + 1][1])
            )
            if vocab.is_level1(text) and not ambiguous:
                slots[0] = text
                k += 1
            if levels >= 2 and k < len(cells) and vocab.is_level2(cells[k][1]):
                slots[-1] = cells[k][1]
                k += 1
            row_cells.extend(slots)
        while len(row_cells) < width and k < len(cells):
            following = cells[k][1]
            if _is_section_label(following) or _is_total_label(following):
                break
            if (
                levels
                and len(row_cells) > levels
                and (vocab.is_level1(following) or vocab.is_level2(following))
            ):
                break
            row_cells.append(following)
            k += 1
        rows.append(Row(cells=row_cells, source=f"line {number}"))
    return rows


def _is_total_label(text: str) -> bool:
    return fold_label(text) in ("总分", "合计", "总计", "得分合计")


_SECTIONS = (
    "年度总体目标完成情况综述",
    "年度总体目标",
    "总体目标",
    "存在问题",
    "改进措施",
    "评价结论",
    "总分",
    "合计",
    "项目名称",
    "主管部门",
    "实施单位",
    "项目负责人",
    "财务负责人",
    "自评总分",
    "自评等级",
    "评价结论",
)


def _is_section_label(text: str) -> bool:
    key = fold_label(text)
    return any(key.startswith(section) for section in _SECTIONS)


_ROW_STARTS = (
    "项目名称",
    "主管部门",
    "实施单位",
    "项目资金",
    "年度资金总额",
    "其中",
    "上年结转",
    "其他资金",
    "年度总体目标",
    "绩效指标",
    "总分",
    "合计",
    "评价结论",
    "存在问题",
    "改进措施",
    "项目负责人",
    "财务负责人",
    "部门名称",
    "单位名称",
)
_GOAL_HEADS = ("预期目标", "实际完成情况", "年初设定目标", "年度总体目标完成情况")
_NUMBER = re.compile(r"^[\d.]+$")


def _resegment(tokens: list[str], number: int, notes: list[str]) -> list[Row]:
    """Cut a whole form flattened onto one line of space-separated cells back into rows.

    A row starts at a row label (年度资金总额, 其中…, 年度总体目标, 总分 …), at a first- or
    second-level indicator label, at the start and end of a run of column headers, and after the
    two figures (分值, 得分) that end an indicator row. Text before the form's title (document
    metadata of a converted Word file) is skipped and noted.
    """
    title = next(
        (k for k, token in enumerate(tokens) if re.search(r"绩效.*(自评|评价)表", fold_label(token))), None
    )
    if title:
        notes.append(f"text before the form title skipped: '{' '.join(tokens[:title])[:40]}'")
        tokens = tokens[title:]
    rows: list[list[str]] = [[]]

    def header_like(token: str) -> bool:
        return vocab.is_header_label(token) or fold_label(token) in _GOAL_HEADS

    for token in tokens:
        current = rows[-1]
        key = fold_label(token)
        previous = current[-1] if current else ""
        start = False
        if (
            (any(key.startswith(label) for label in _ROW_STARTS) and not header_like(previous))
            or (
                vocab.is_level1(token) and not (vocab.is_ambiguous_level(token) and vocab.is_level1(previous))
            )
            or (vocab.is_level2(token) and not vocab.is_level1(previous))
            or (
                header_like(token)
                and previous
                and not header_like(previous)
                and not any(
                    fold_label(previous).startswith(label)
                    for label in ("年度总体目标", "绩效指标", "项目资金")
                )
            )
            or (previous and header_like(previous) and not header_like(token))
            or (
                len(current) >= 4
                and _NUMBER.match(current[-1])
                and _NUMBER.match(current[-2])
                and not _NUMBER.match(token)
                and not any(header_like(cell) for cell in current)
            )
        ):
            start = True
        if start and current:
            rows.append([])
        rows[-1].append(token)
    return [Row(cells=cells, source=f"line {number}") for cells in rows if cells]
