"""PDF → cell grid: pdfplumber's ruled tables for pages with a text layer, OCR for the others.

A page whose text comes out as ``(cid:123)`` (a font without a ToUnicode map) or as private-use
characters has no usable text layer, and neither has a scanned page: those pages are rendered
and read by OCR (:mod:`jixiao.ingest.ocr`) into the same rows, and the review says so.

What a PDF will cost is checked before it is spent: the compressed streams are inflated once,
counting and discarding, against ``max_uncompressed_bytes``; pages are counted from the page tree
without building them; each page's box is checked against ``max_page_area``, its images against
``max_image_pixels``, and a page read by OCR is rendered at the resolution that keeps it within
``max_render_pixels``.
"""

from __future__ import annotations

import io
import math
import re
import zlib
from collections.abc import Iterator
from typing import Any

from jixiao.ingest import text as text_grid
from jixiao.ingest.errors import IngestError
from jixiao.ingest.grid import Grid, Row
from jixiao.ingest.limits import Clock, count, sizes
from jixiao.ingest.settings import IngestSettings

POINT_MM = 25.4 / 72

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

    clock = Clock(name, settings)
    check_streams(data, name, settings)
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as exc:  # pdfminer raises many types; all mean the same to the user
        if _encrypted(exc):
            raise IngestError(name, "有密码保护,请先取消密码(或另存一份不加密的 PDF)再导入") from exc
        raise IngestError(name, f"不是可读的 PDF,文件可能不完整或已损坏({type(exc).__name__})") from exc
    try:
        try:
            pages = _pages(pdf, name, settings)
        except IngestError:
            raise
        except Exception as exc:
            if _encrypted(exc):
                raise IngestError(name, "有密码保护,请先取消密码(或另存一份不加密的 PDF)再导入") from exc
            raise IngestError(name, f"不是可读的 PDF,文件可能不完整或已损坏({type(exc).__name__})") from exc
        rows: list[Row] = []
        notes: list[str] = []
        last_table_row: Row | None = None
        for number, page in enumerate(pages, start=1):
            clock.check(f"第 {number} 页")
            try:
                page_rows, how = _page_rows(page, number, settings, name)
            except IngestError:
                raise
            except ImportError as exc:
                from jixiao.extras import missing

                raise IngestError(name, f"第 {number} 页没有文字层,{missing(exc) or exc}") from exc
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
        clock.check()
    finally:
        pdf.close()
    grid = Grid(rows=rows, pages=len(pages), medium="pdf")
    grid.notes.extend(notes)
    if not any(not row.is_blank for row in rows):
        why = "文字识别也没有读出文字" if settings.ocr else "扫描件需要文字识别,而文字识别已关闭"
        raise IngestError(name, f"PDF 里没有可读的文字({why})")
    return grid


def _pages(pdf: Any, name: str, settings: IngestSettings) -> list[Any]:
    """Return the pages of an open PDF, refusing too many pages or too large a page before any page
    is read. The page tree is walked only as far as the limit (its /Count may lie)."""
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdftypes import resolve1
    from pdfplumber.page import Page

    declared = resolve1(resolve1(pdf.doc.catalog.get("Pages")) or {}).get("Count")
    if isinstance(declared, int) and declared > settings.max_pages:
        raise IngestError(
            name, f"有 {count(declared)} 页,超过导入上限 {settings.max_pages} 页;自评表一般只有几页"
        )
    pages: list[Any] = []
    doctop = 0.0
    for number, page_obj in enumerate(PDFPage.create_pages(pdf.doc), start=1):
        if number > settings.max_pages:
            raise IngestError(
                name, f"页数超过导入上限 {settings.max_pages} 页(已数到第 {number} 页);自评表一般只有几页"
            )
        _check_page_box(page_obj, number, name, settings)
        page = Page(pdf, page_obj, page_number=number, initial_doctop=doctop)
        pages.append(page)
        doctop += page.height
    # pdfplumber closes the pages it lists; give it these rather than have it walk the tree again.
    pdf._pages = pages
    return pages


def page_size_mm(page_obj: Any) -> tuple[float, float]:
    """Return the width and height of a page's MediaBox in millimetres (UserUnit applied)."""
    from pdfminer.pdftypes import resolve1

    box = [float(resolve1(v)) for v in page_obj.mediabox]
    unit = resolve1(page_obj.attrs.get("UserUnit", 1)) or 1
    scale = float(unit) * POINT_MM
    return abs(box[2] - box[0]) * scale, abs(box[3] - box[1]) * scale


def _check_page_box(page_obj: Any, number: int, name: str, settings: IngestSettings) -> None:
    try:
        width, height = page_size_mm(page_obj)
    except (TypeError, ValueError, IndexError) as exc:
        raise IngestError(name, f"第 {number} 页的页面尺寸无法读取") from exc
    area = width * height
    if not math.isfinite(area):
        raise IngestError(name, f"第 {number} 页的页面尺寸无效")
    if area > settings.max_page_area:
        raise IngestError(
            name,
            f"第 {number} 页的页面为 {width:,.0f} × {height:,.0f} 毫米(面积 {area / 1e6:,.2f} 平方米),"
            f"超过页面面积上限 {settings.max_page_area / 1e6:g} 平方米(A0 纸约 1 平方米)",
        )


def render_resolution(width_pt: float, height_pt: float, settings: IngestSettings) -> float:
    """Return the resolution (dpi) at which a page of this size is rendered for OCR: the setting,
    lowered so that the image has at most ``max_render_pixels`` pixels."""
    inches = max(width_pt / 72, 1e-6) * max(height_pt / 72, 1e-6)
    cap = math.sqrt(settings.max_render_pixels / inches)
    return max(min(float(settings.ocr_resolution), cap), 1.0)


_ZLIB_HEADER = re.compile(rb"\x78[\x01\x5e\x9c\xda]")


def check_streams(data: bytes, name: str, settings: IngestSettings) -> None:
    """Refuse a PDF whose compressed streams inflate past ``max_uncompressed_bytes`` (a PDF zip
    bomb), inflating each once, counting and discarding, before any of them is read for real."""
    limit = settings.max_uncompressed_bytes
    total = 0
    for segment in _stream_segments(data):
        total += _inflated_size(segment, limit - total + 1)
        if total > limit:
            shown, bound = sizes(total, limit)
            raise IngestError(name, f"其中压缩的内容解压后超过 {shown},超过解压上限 {bound},疑似压缩炸弹")


def _stream_segments(data: bytes) -> Iterator[memoryview]:
    view = memoryview(data)
    position = 0
    while True:
        start = data.find(b"stream", position)
        if start < 0:
            return
        position = start + 6
        if data[start - 3 : start] == b"end":
            continue
        if data[position : position + 2] == b"\r\n":
            position += 2
        elif data[position : position + 1] in (b"\n", b"\r"):
            position += 1
        else:
            continue
        end = data.find(b"endstream", position)
        if end < 0:
            end = len(data)
        yield view[position:end]
        position = end + 9


def _inflated_size(segment: memoryview, budget: int) -> int:
    """Return how many bytes a Flate stream inflates to, a second Flate layer inside it counted too
    (a filter chain), stopping once ``budget`` is passed; 0 for a stream that is not Flate."""
    if len(segment) < 2 or not _ZLIB_HEADER.match(bytes(segment[:2])):
        return 0
    outer = zlib.decompressobj()
    inner: Any = None
    total = 0
    first = True
    pending: bytes | memoryview = segment
    while pending and total <= budget:
        try:
            chunk = outer.decompress(pending, _STEP)
        except zlib.error:
            break
        pending = outer.unconsumed_tail
        if not chunk:
            break
        total += len(chunk)
        if first and _ZLIB_HEADER.match(chunk[:2]):
            inner = zlib.decompressobj()
        first = False
        if inner is not None:
            try:
                total += _drain(inner, chunk, budget - total)
            except zlib.error:
                inner = None
    return total


_STEP = 1024 * 1024


def _drain(inflater: Any, data: bytes, budget: int) -> int:
    produced = 0
    while data and produced <= budget:
        out = inflater.decompress(data, _STEP)
        produced += len(out)
        data = inflater.unconsumed_tail
        if not out:
            break
    return produced


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


def _page_rows(page: Any, number: int, settings: IngestSettings, name: str) -> tuple[list[Row], str]:
    text = page.extract_text() or ""
    if unmapped(text) or not text.strip():
        if not settings.ocr:
            return [], "none"
        from jixiao.ingest import ocr

        for image_object in page.images:
            width, height = (int(v or 0) for v in image_object.get("srcsize", (0, 0)))
            if width * height > settings.max_image_pixels:
                raise IngestError(
                    name,
                    f"第 {number} 页有一张 {count(width)} × {count(height)} 像素的图片,"
                    f"超过图片像素上限 {count(settings.max_image_pixels)}",
                )
        resolution = render_resolution(float(page.width), float(page.height), settings)
        image = page.to_image(resolution=resolution).original
        cells = ocr.image_rows(image)
        return [
            Row(cells=c, source=f"page {number} row {i}", page=number) for i, c in enumerate(cells, 1)
        ], "ocr"
    # A table row cut by the page break has no border at the cut: close it at the text's edges.
    chars = page.chars
    edges = [min(c["top"] for c in chars) - 2, max(c["bottom"] for c in chars) + 2] if chars else []
    tables = page.find_tables({"explicit_horizontal_lines": edges})
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

    lines = [line for line in page.filter(outside).extract_text_lines() if line["text"].strip()]
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
