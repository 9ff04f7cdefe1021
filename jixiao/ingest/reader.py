"""From bytes to a ``Form``: sniff the format, build the cell grid, classify, parse the layout."""

from __future__ import annotations

import itertools
import logging
import re
from dataclasses import dataclass
from pathlib import Path

from jixiao.core.form import Form
from jixiao.core.numbers import is_absent
from jixiao.ingest import classify, narrative, sniff, vocab
from jixiao.ingest import review as rv
from jixiao.ingest.errors import IngestError
from jixiao.ingest.grid import Grid, Row
from jixiao.ingest.layouts import choose
from jixiao.ingest.settings import IngestSettings
from jixiao.ingest.textutil import fold_label

logger = logging.getLogger(__name__)


@dataclass
class ImportResult:
    """An imported form, the layout it was read as, the pages read and the medium (text, pdf …)."""

    form: Form
    layout: str
    pages: int
    medium: str


def read_form(path: Path | str, *, settings: IngestSettings | None = None) -> ImportResult:
    """Import the (first) form in a file (text, PDF, scan, Excel, Word or jixiao JSON)."""
    return read_all(path, settings=settings)[0]


def _read_file(path: Path, settings: IngestSettings) -> bytes:
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
        return path.read_bytes()
    except OSError as exc:
        raise IngestError(name, f"无法读取文件({exc.strerror or exc})") from exc


def read_all(path: Path | str, *, settings: IngestSettings | None = None) -> list[ImportResult]:
    """Import every form in a file (a page may publish several), in document order."""
    settings = settings or IngestSettings()
    path = Path(path)
    return read_bytes_all(_read_file(path, settings), path.name, settings=settings)


def read_bytes(data: bytes, filename: str, *, settings: IngestSettings | None = None) -> ImportResult:
    """Import the (first) form from the bytes of an upload; ``filename`` is only used in messages."""
    return read_bytes_all(data, filename, settings=settings)[0]


def read_bytes_all(
    data: bytes, filename: str, *, settings: IngestSettings | None = None
) -> list[ImportResult]:
    """Import every form in the bytes of an upload, in document order; never an empty list."""
    settings = settings or IngestSettings()
    name = Path(filename).name or "上传的文件"
    if len(data) > settings.max_bytes:
        raise IngestError(name, f"文件有 {_mb(len(data))},超过导入上限 {_mb(settings.max_bytes)}")
    kind = sniff.sniff(data)
    if kind == sniff.EMPTY:
        raise IngestError(name, "文件是空的")
    if kind == sniff.JSON:
        return [_read_json(data, name)]
    return _best_reading(_grids(kind, data, name, settings), name)


# A second reading of a text is parsed only when its cells fit a form nearly as well as the best's,
# or when no reading fits well (a layout whose headers the fit does not know, such as 主要任务).
_CLOSE_FIT = 0.6
_WEAK_FIT = 10.0


def _best_reading(candidates: list[Grid], name: str) -> list[ImportResult]:
    """Parse the readings whose cells fit a form well and keep the one whose forms are fullest."""
    best: tuple[float, list[ImportResult]] | None = None
    first_error: IngestError | None = None
    top = candidates[0].fit
    for k, grid in enumerate(candidates[:4]):
        if k and top >= _WEAK_FIT and grid.fit < top * _CLOSE_FIT:
            break
        if k >= 3 and top >= _WEAK_FIT:
            break
        try:
            results = parse_document(grid, name)
        except IngestError as exc:
            first_error = first_error or exc
            continue
        score = sum(form_fit(r.form) for r in results)
        if best is None or score > best[0]:
            best = (score, results)
    if best is None:
        assert first_error is not None
        raise first_error
    return best[1]


def form_fit(form: Form) -> float:
    """Score how fully a form was read: figures found, indicators with their values, cells left over."""
    funds = form.funds
    score = sum(
        getattr(funds, n) is not None
        for n in ("initial_budget", "adjusted_budget", "actual", "execution_rate", "weight", "score")
    )
    score += sum(
        1 for line in funds.lines for n in ("adjusted_budget", "actual") if getattr(line, n) is not None
    )
    for _, indicator in form.all_indicators():
        values = [indicator.target, indicator.result, indicator.weight, indicator.score]
        score += 1 + sum(v is not None for v in values) if indicator.name else 0
    score += 2 * len(form.tasks)
    score -= 0.5 * sum(item.problem.startswith(rv.NOT_IMPORTED) for item in form.review)
    return score


def parse_document(grid: Grid, name: str) -> list[ImportResult]:
    """Cut a document's grid into its forms and parse each; refuse when none is a form."""
    results: list[ImportResult] = []
    refusals: list[str] = []
    skipped: list[tuple[int, str, str | None]] = []  # (forms read before it, reason, first line)
    for part in split_forms(grid):
        try:
            results.append(parse_grid(part, name))
        except IngestError as exc:
            refusals.append(exc.reason)
            source = next((row.source for row in part.rows if row.filled()), None)
            skipped.append((len(results), exc.reason, source))
    if not results:
        raise IngestError(name, refusals[0] if refusals else classify.UNRECOGNISED)
    for before, reason, source in skipped:
        # a part of the page that is not a form it can read is said on the form next to it, not dropped
        form = results[max(before - 1, 0)].form
        form.review = [*form.review, rv.item("document", f"{rv.PART_NOT_IMPORTED}: '{reason}'", source)]
    return results


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
    if grid.medium == "text":
        narrative.fill_funds(form, grid)
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
    for row in grid.rows:  # what a reading did to a row (cells cut from run-together text …)
        for path, problem in row.review:
            extra.add(path, problem, row.source)
    for note in grid.notes:
        extra.add("document", note, None)
    unread = 0
    for r, _c, text in grid.unused():
        if is_absent(text):
            continue  # "—", "/": nothing was written there
        unread += 1
        extra.add("document", f"{rv.NOT_IMPORTED}: '{rv.clip(text)}'", grid.rows[r].source)
    if extra.items:
        form.review = [*form.review, *extra.items]
    if unread and not grid.carried_review:
        # Said first and plainly: the form was recognised, and this much of it was not placed.
        cells = sum(1 for row in grid for i in row.filled() if not is_absent(row.text(i)))
        form.review = [
            rv.item("document", f"{rv.RECOGNISED_UNREAD}: {unread} of {cells}", None),
            *form.review,
        ]
    return ImportResult(form=form, layout=layout.NAME, pages=grid.pages, medium=grid.medium)


_TITLE = re.compile(r"(绩效|績效).{0,12}(自评|自評|评价|評價|目标|目標|申报|申報).{0,4}(表|报告|報告)")


def split_forms(grid: Grid) -> list[Grid]:
    """Cut a document into its forms: a form starts at a title row (…绩效自评表) once a table has been
    read since the last title; a part without any table goes with the form after (or before) it."""
    starts = [0]
    table_since = False
    project_seen = ""  # the 项目名称 row of the form being read
    rows_in: list[Row] = []
    for row in grid.rows:
        filled = row.filled()
        if not filled:
            rows_in.append(row)
            continue
        # A title inside a row (a page flattened with spaces: 总分 | … | 财政项目支出绩效自评表 | (2022 年度)):
        # the row is cut there when a table has been read since the last title.
        inner = next(
            (i for i in filled[1:] if len(row.text(i)) <= 30 and _TITLE.search(fold_label(row.text(i)))), None
        )
        if inner is not None and table_since:
            head = Row(
                cells=[c if i < inner else "" for i, c in enumerate(row.cells)],
                source=row.source,
                page=row.page,
            )
            tail = Row(
                cells=[c if i >= inner else "" for i, c in enumerate(row.cells)],
                source=row.source,
                page=row.page,
            )
            rows_in.append(head)
            starts.append(len(rows_in))
            rows_in.append(tail)
            table_since = False
            continue
        first = row.text(filled[0])
        if len(filled) <= 2 and len(first) <= 60 and _TITLE.search(fold_label(first)):
            if table_since:
                starts.append(len(rows_in))
                table_since = False
            project_seen = ""
            rows_in.append(row)
            continue
        field = vocab.head_field(first)
        if field is not None and field[1] == "project":
            # a form has one 项目名称: another project's after a table starts the next form (a page that
            # prints its forms one after another without their titles; not a page header repeating it)
            named = " ".join(row.text(i) for i in filled)
            if project_seen and table_since and named != project_seen:
                starts.append(len(rows_in))
                table_since = False
            project_seen = named
        if _is_table_header(row):
            table_since = True
        rows_in.append(row)
    if len(starts) == 1:
        return [grid]
    parts: list[Grid] = []
    bounds = [*starts, len(rows_in)]
    for a, b in itertools.pairwise(bounds):
        rows = rows_in[a:b]
        part = Grid(
            rows=rows,
            pages=grid.pages,
            medium=grid.medium,
            notes=list(grid.notes) if not parts else [],
            carried_review=grid.carried_review,
            reading=grid.reading,
            fit=grid.fit,
            rebuilt=grid.rebuilt,
        )
        parts.append(part)
    return parts


def _is_table_header(row: Row) -> bool:
    found = 0
    for index in row.filled():
        text = row.text(index)
        if vocab.column_of(text, vocab.FUND_COLUMNS) or vocab.column_of(text, vocab.INDICATOR_COLUMNS):
            found += 1
            if found >= 3:
                return True
    return False


def _grids(kind: str, data: bytes, name: str, settings: IngestSettings) -> list[Grid]:
    """Return the cell grids of a file: one per plausible reading of a text, else one."""
    if kind == sniff.TEXT:
        from jixiao.ingest import text

        decoded, notes = text.decode(data, name)
        if not decoded.strip():
            raise IngestError(name, "文件里没有文字")
        if decoded.count("\n") + 1 > settings.max_rows:
            raise IngestError(name, f"有 {decoded.count(chr(10)) + 1} 行,超过上限 {settings.max_rows} 行")
        return text.grids(decoded, notes)
    return [_grid(kind, data, name, settings)]


def _grid(kind: str, data: bytes, name: str, settings: IngestSettings) -> Grid:
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
