"""From bytes to a ``Form``: sniff the format, build the cell grid, classify, parse the layout."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from jixiao.core.form import Form
from jixiao.core.numbers import is_absent
from jixiao.ingest import classify, sniff
from jixiao.ingest import review as rv
from jixiao.ingest.errors import IngestError
from jixiao.ingest.grid import Grid
from jixiao.ingest.layouts import choose
from jixiao.ingest.settings import IngestSettings

logger = logging.getLogger(__name__)


@dataclass
class ImportResult:
    """An imported form, the layout it was read as, the pages read and the medium (text, pdf …)."""

    form: Form
    layout: str
    pages: int
    medium: str


def read_form(path: Path | str, *, settings: IngestSettings | None = None) -> ImportResult:
    """Import the form in a file (text, PDF, scan, Excel, Word or jixiao JSON)."""
    settings = settings or IngestSettings()
    path = Path(path)
    name = path.name
    try:
        size = path.stat().st_size
    except FileNotFoundError as exc:
        raise IngestError(name, "文件不存在") from exc
    except OSError as exc:
        raise IngestError(name, f"无法读取文件({exc.strerror or exc})") from exc
    if path.is_dir():
        raise IngestError(name, "是一个文件夹,不是文件")
    if size > settings.max_bytes:
        raise IngestError(name, f"文件有 {_mb(size)},超过导入上限 {_mb(settings.max_bytes)}")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise IngestError(name, f"无法读取文件({exc.strerror or exc})") from exc
    return read_bytes(data, name, settings=settings)


def read_all(path: Path | str, *, settings: IngestSettings | None = None) -> list[ImportResult]:
    """Import every form in a file (a page may publish several), in document order."""
    return [read_form(path, settings=settings)]


def read_bytes_all(
    data: bytes, filename: str, *, settings: IngestSettings | None = None
) -> list[ImportResult]:
    """Import every form in the bytes of an upload, in document order; never an empty list."""
    return [read_bytes(data, filename, settings=settings)]


def read_bytes(data: bytes, filename: str, *, settings: IngestSettings | None = None) -> ImportResult:
    """Import a form from the bytes of an upload; ``filename`` is only used in messages."""
    settings = settings or IngestSettings()
    name = Path(filename).name or "上传的文件"
    if len(data) > settings.max_bytes:
        raise IngestError(name, f"文件有 {_mb(len(data))},超过导入上限 {_mb(settings.max_bytes)}")
    kind = sniff.sniff(data)
    if kind == sniff.EMPTY:
        raise IngestError(name, "文件是空的")
    if kind == sniff.JSON:
        return _read_json(data, name)
    grid = _grid(kind, data, name, settings)
    return parse_grid(grid, name)


def parse_grid(grid: Grid, name: str) -> ImportResult:
    """Classify a cell grid, parse it with its layout and report every cell left unread."""
    refusal = classify.refusal(grid)
    if refusal:
        raise IngestError(name, refusal)
    layout = choose(grid)
    if layout is None:
        raise IngestError(name, classify.UNRECOGNISED)
    try:
        form = layout.parse(grid)
    except Exception as exc:  # a parser bug must not reach the user as a traceback
        logger.exception("layout %s failed on %s", layout.NAME, name)
        raise IngestError(
            name, f"按“{layout.NAME}”版式读取时出错({type(exc).__name__}),请把文件交给系统管理员"
        ) from exc
    extra = rv.Review()
    if grid.carried_review:
        # Review items carried by a workbook jixiao exported describe the original source; the same
        # finding made again on the exported copy is not a second one.
        # An exported workbook writes an empty cell for every absent value, so "empty cell" and "not
        # found" on the copy repeat what the form already says by its nulls; anything else found on
        # the copy is kept.
        carried = rv.Review()
        for item in grid.carried_review:
            carried.add(item.path, item.problem, item.source)
        for item in form.review:
            if item.problem not in (rv.EMPTY_CELL, rv.NOT_FOUND):
                carried.add(item.path, item.problem, item.source)
        form.review = carried.items
    for note in grid.notes:
        extra.add("document", note, None)
    for r, _c, text in grid.unused():
        if is_absent(text):
            continue  # "—", "/": nothing was written there
        extra.add("document", f"{rv.NOT_IMPORTED}: '{rv.clip(text)}'", grid.rows[r].source)
    if extra.items:
        form.review = [*form.review, *extra.items]
    return ImportResult(form=form, layout=layout.NAME, pages=grid.pages, medium=grid.medium)


def _grid(kind: str, data: bytes, name: str, settings: IngestSettings) -> Grid:
    if kind == sniff.TEXT:
        from jixiao.ingest import text

        decoded, notes = text.decode(data, name)
        if not decoded.strip():
            raise IngestError(name, "文件里没有文字")
        grid = text.to_grid(decoded, notes)
        if len(grid.rows) > settings.max_rows:
            raise IngestError(name, f"有 {len(grid.rows)} 行,超过上限 {settings.max_rows} 行")
        return grid
    if kind == sniff.PDF:
        from jixiao.ingest import pdf

        return pdf.read_pdf(data, name, settings)
    if kind in (sniff.XLSX, sniff.XLS):
        from jixiao.ingest import excel

        return excel.read_workbook(data, name, settings, kind)
    if kind == sniff.DOCX:
        from jixiao.ingest import word

        return word.read_docx(data, name, settings)
    if kind == sniff.IMAGE:
        if not settings.ocr:
            raise IngestError(name, "是图片(扫描件),而文字识别(OCR)已关闭")
        from jixiao.ingest import ocr

        return ocr.read_image(data, name)
    if kind == sniff.OLE:
        if sniff.is_encrypted_office(data):
            raise IngestError(name, "有密码保护,请先在 Office 中取消密码再导入")
        raise IngestError(name, "是旧版 Word(.doc)或其他 Office 文件,请另存为 .docx、.xlsx 或 PDF 后再导入")
    if kind == sniff.ZIP:
        import io
        import zipfile

        try:
            zipfile.ZipFile(io.BytesIO(data)).close()
        except zipfile.BadZipFile as exc:
            raise IngestError(name, "文件不完整或已损坏(压缩结构无法读取,可能没有写完或传输中断)") from exc
        raise IngestError(name, "是压缩包,不是可导入的自评表;请解压后逐个导入")
    raise IngestError(name, "格式无法识别")  # pragma: no cover - sniff returns one of the kinds above


def _read_json(data: bytes, name: str) -> ImportResult:
    from pydantic import ValidationError

    try:
        form = Form.from_json(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ()))
        raise IngestError(name, f"不是有效的 jixiao 自评表 JSON({where}: {first.get('msg')})") from exc
    except ValueError as exc:
        raise IngestError(name, f"不是有效的 JSON({exc})") from exc
    return ImportResult(form=form, layout="jixiao-json", pages=1, medium="json")


def _mb(size: int) -> str:
    """Return a size as people read it, exactly: "50 MB" for a whole number, else bytes and about-MB."""
    megabytes, rest = divmod(size, 1024 * 1024)
    return f"{megabytes} MB" if not rest else f"{size:,} 字节(约 {size / 1024 / 1024:.1f} MB)"
