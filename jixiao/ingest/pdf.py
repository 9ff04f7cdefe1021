"""PDF → cell grid: pdfplumber's ruled tables for pages with a text layer, OCR for the others.

A page whose text comes out as ``(cid:123)`` (a font without a ToUnicode map) or as private-use
characters has no usable text layer, and neither has a scanned page: those pages are rendered
and read by OCR (:mod:`jixiao.ingest.ocr`) into the same rows, and the review says so.
"""

from __future__ import annotations

import io
import re

from jixiao.ingest import text as text_grid
from jixiao.ingest.errors import IngestError
from jixiao.ingest.grid import Grid, Row
from jixiao.ingest.settings import IngestSettings

_CID = re.compile(r"\(cid:\d+\)")


def unmapped(text: str) -> bool:
    """Return True when a page's extracted text is font garbage rather than characters."""
    stripped = re.sub(r"\s", "", text)
    if not stripped:
        return False
    cids = _CID.findall(text)
    if len(cids) >= 3 and sum(map(len, cids)) / len(stripped) > 0.05:
        return True
    odd = sum(1 for ch in stripped if 0xE000 <= ord(ch) <= 0xF8FF or ch == "\ufffd")
    return odd / len(stripped) > 0.2


def read_pdf(data: bytes, name: str, settings: IngestSettings) -> Grid:
    """Read every page of a PDF into one grid."""
    import pdfplumber

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        pages = pdf.pages
    except Exception as exc:  # pdfminer raises many types; all mean the same to the user
        if _encrypted(exc):
            raise IngestError(name, "有密码保护,请先取消密码(或另存一份不加密的 PDF)再导入") from exc
        raise IngestError(name, f"不是可读的 PDF,文件可能不完整或已损坏({type(exc).__name__})") from exc
    try:
        if len(pages) > settings.max_pages:
            raise IngestError(
                name, f"有 {len(pages)} 页,超过导入上限 {settings.max_pages} 页;自评表一般只有几页"
            )
        rows: list[Row] = []
        notes: list[str] = []
        last_table_row: Row | None = None
        for number, page in enumerate(pages, start=1):
            try:
                page_rows, how = _page_rows(page, number, settings)
            except IngestError:
                raise
            except Exception as exc:
                raise IngestError(name, f"第 {number} 页无法读取({type(exc).__name__})") from exc
            if how == "ocr":
                notes.append(f"read by OCR: page {number}")
            filled = [row for row in page_rows if not row.is_blank]
            if filled and last_table_row is not None and _continues(last_table_row, filled[0]):
                # The first row of this page is the rest of a row the page break cut in two.
                merged = [
                    " ".join(part for part in (a.strip(), b.strip()) if part)
                    for a, b in zip(last_table_row.cells, filled[0].cells, strict=True)
                ]
                rows[rows.index(last_table_row)] = Row(
                    cells=merged, source=last_table_row.source, page=last_table_row.page
                )
                page_rows = [row for row in page_rows if row is not filled[0]]
            rows.extend(page_rows)
            tables = [row for row in page_rows if len(row.cells) > 1 and not row.is_blank]
            ends_with_table = (
                bool(tables) and page_rows and tables[-1] is [r for r in page_rows if not r.is_blank][-1]
            )
            last_table_row = tables[-1] if ends_with_table else None
    finally:
        pdf.close()
    grid = Grid(rows=rows, pages=len(pages), medium="pdf")
    grid.notes.extend(notes)
    if not any(not row.is_blank for row in rows):
        why = "文字识别也没有读出文字" if settings.ocr else "扫描件需要文字识别,而文字识别已关闭"
        raise IngestError(name, f"PDF 里没有可读的文字({why})")
    return grid


_CLOSED = ("。", ".", "!", "?", "!", "?", ";", ";", ")", ")", "%", "%")


def _continues(previous: Row, first: Row) -> bool:
    """Return True when a page's first row is the rest of the previous page's last row: same
    columns, and every filled cell continues a cell that stopped mid-sentence."""
    if len(previous.cells) != len(first.cells) or len(first.cells) < 2:
        return False
    filled = first.filled()
    if not filled:
        return False
    for index in filled:
        before = previous.text(index)
        if not before or before.endswith(_CLOSED) or re.fullmatch(r"[\d.,%%]+", before):
            return False
    return True


def _encrypted(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    while seen is not None:
        kind = type(seen).__name__
        if "Password" in kind or "Encrypt" in kind or "password" in str(seen).lower():
            return True
        seen = (
            seen.__cause__
            or seen.__context__
            or (seen.args[0] if seen.args and isinstance(seen.args[0], BaseException) else None)
        )
    return False


def _page_rows(page: object, number: int, settings: IngestSettings) -> tuple[list[Row], str]:
    text = page.extract_text() or ""  # type: ignore[attr-defined]
    if unmapped(text) or not text.strip():
        if not settings.ocr:
            return [], "none"
        from jixiao.ingest import ocr

        image = page.to_image(resolution=settings.ocr_resolution).original  # type: ignore[attr-defined]
        cells = ocr.image_rows(image)
        return [
            Row(cells=c, source=f"page {number} row {i}", page=number) for i, c in enumerate(cells, 1)
        ], "ocr"
    # A table row cut by the page break has no border at the cut: close it at the text's edges.
    chars = page.chars  # type: ignore[attr-defined]
    edges = [min(c["top"] for c in chars) - 2, max(c["bottom"] for c in chars) + 2] if chars else []
    tables = page.find_tables({"explicit_horizontal_lines": edges})  # type: ignore[attr-defined]
    if not tables:
        grid = text_grid.to_grid(text)
        return [
            Row(cells=row.cells, source=f"page {number} {row.source}", page=number) for row in grid.rows
        ], "text"
    items: list[tuple[float, list[str]]] = []
    boxes = [table.bbox for table in tables]
    for table in tables:
        for k, row in enumerate(table.extract()):
            top = table.rows[k].bbox[1] if k < len(table.rows) else table.bbox[1]
            items.append((top, [(cell or "").replace("\n", " ") for cell in row]))

    def outside(obj: dict[str, float]) -> bool:
        return not any(
            x0 - 1 <= obj["x0"]
            and obj["x1"] <= x1 + 1
            and top - 1 <= obj["top"]
            and obj["bottom"] <= bottom + 1
            for x0, top, x1, bottom in boxes
        )

    lines = [line for line in page.filter(outside).extract_text_lines() if line["text"].strip()]  # type: ignore[attr-defined]
    right = max((line["x1"] for line in lines), default=0.0)
    previous: dict[str, float] | None = None
    for line in lines:
        height = line["bottom"] - line["top"]
        if (
            previous is not None
            and previous["x1"] >= right - 2 * height
            and 0 <= line["top"] - previous["bottom"] < 0.8 * height
            and items
            and len(items[-1][1]) == 1
        ):
            # A paragraph wrapped onto the next line: one cell, as in a text extraction.
            items[-1] = (items[-1][0], [items[-1][1][0] + " " + line["text"].strip()])
        else:
            items.append((line["top"], [line["text"].strip()]))
        previous = line
    items.sort(key=lambda item: item[0])
    return [
        Row(cells=cells, source=f"page {number} row {i}", page=number)
        for i, (_, cells) in enumerate(items, 1)
    ], "text"
