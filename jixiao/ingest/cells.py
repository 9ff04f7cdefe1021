"""Cells from any text serialisation: the plausible readings of a text and how well each fits a form.

A page's text may separate cells by tabs, by pipes (rows of ``| a | b |``, or one cell per line with
a trailing or leading ``|``), by line breaks (one cell per line, or per blank-line separated
paragraph), by spaces (indented space-separated rows, or a whole form flattened onto one line), or
not at all (OCR that ran the cells together). Each plausible reading becomes a :class:`Grid` (rows
of cells with their source line); :func:`fit` scores how much a grid looks like a form — column
headers found, figures under the figure columns, labels followed by their values — and the reader
keeps the reading that fits best, not the first pattern that matched.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from jixiao.ingest import rebuild, runtogether, vocab
from jixiao.ingest.grid import Row
from jixiao.ingest.textutil import fold_label

# -- the readings -------------------------------------------------------------------------------


@dataclass
class Reading:
    """One way of cutting a text into cells: its name, the rows, and how well they fit a form."""

    name: str
    rows: list[Row]
    fit: float = 0.0
    notes: list[str] = field(default_factory=list)  # what this reading found unsure (for review)
    rebuilt: bool = False  # rows rebuilt from the table's header (rebuild.py)


_INNER_TAB = re.compile(r"\S\t|\t\S")
_INNER_PIPE = re.compile(r"\S\s*\|\s*\S")
_FIGURE = re.compile(r"^[-+≥≤=<>≧≦﹦═]*\d[\d,.]*%?[\u4e00-\u9fff%]{0,4}$|^[—-]+$")
_NUMBER = re.compile(r"^[\d.]+$")


def readings(lines: list[str], notes: list[str]) -> list[Reading]:
    """Return every plausible reading of the lines, best fitting first."""
    filled = [line for line in lines if line.strip()]
    if not filled:
        return [Reading("space-rows", [Row(cells=[""], source="line 1")])]
    found: list[Reading] = []
    tabbed = sum(bool(_INNER_TAB.search(line)) for line in filled)
    piped = sum(bool(_INNER_PIPE.search(line)) or line.strip().endswith("|") for line in filled)
    if tabbed >= max(3, len(filled) // 5):
        found.append(Reading("tab", _tab_rows(lines)))
    else:
        if piped >= max(3, len(filled) // 5):
            found.append(Reading("pipe", _pipe_rows(lines)))
            if sum(line.strip().strip("|").count("|") >= 1 for line in filled) >= len(filled) * 0.3:
                # rows of several cells: their cells in order, wherever the rows were cut
                found.append(_rebuilt("pipe", pipe_stream(lines)))
        if _short_lines(filled):
            found.append(_rebuilt("cell-per-line", line_stream(lines)))
            delimited = _delimited_rows(lines)
            if delimited:
                found.append(Reading("cell-per-line", delimited))
        if _paragraphs_plausible(lines):
            found.append(_rebuilt("paragraph", paragraph_stream(lines)))
        if piped < max(3, len(filled) // 5):
            rows_stream = space_row_stream(lines)
            if rows_stream:
                # rows rebuilt from the header (each table line starts a row, its cells placed by kind)
                found.append(_rebuilt("space-rows", rows_stream, lines_are_rows=True))
            else:
                found.append(Reading("space-rows", _space_rows(lines, notes)))
            flattened = token_stream(lines)
            if flattened:
                found.append(_rebuilt("space-flattened", flattened, flattened=True))
        if runtogether.applies(filled):
            # the run-together text laid out as a table (its rows decoded under their headers)
            found.append(Reading("run-together-table", runtogether.read(lines)))
    for reading in found:
        reading.rows = join_split_labels(reading.rows)
        reading.fit = fit(reading.rows)
    found.sort(key=lambda r: -r.fit)
    return found


def _rebuilt(name: str, stream: list[rebuild.Cell], **how: bool) -> Reading:
    """A reading whose rows are rebuilt from a stream of cells by the table's header."""
    notes: list[str] = []
    return Reading(name, rebuild.rebuild(stream, notes=notes, **how), notes=notes, rebuilt=True)


def _numbered(lines: list[str]) -> list[tuple[int, str]]:
    return list(enumerate(lines, start=1))


def _row(cells: list[str], number: int) -> Row:
    return Row(cells=[cell.replace("\f", "") for cell in cells], source=f"line {number}")


def _tab_rows(lines: list[str]) -> list[Row]:
    """Rows of tab-separated cells. A cell copied from a spreadsheet with a line break in it comes
    quoted ("农村危房改造户数⏎(含四类重点对象)"): the row goes on over the next lines until its quote
    closes (a few lines at most), and the cell is its text without the quotes, the break a space."""
    rows: list[Row] = []
    numbered = _numbered(lines)
    k = 0
    while k < len(numbered):
        number, text = numbered[k]
        j = k
        while text.count('"') % 2 and _opens_quote(text) and j + 1 < len(numbered) and j - k < 6:
            j += 1
            text = f"{text}\n{numbered[j][1]}"
        if j > k and (text.count('"') % 2 or not _quotes_close(text)):
            j, text = k, numbered[k][1]  # no closing quote near: the lines as they are
        rows.append(_row([_unquote(cell) for cell in text.split("\t")], number))
        k = j + 1
    return _join_broken_tab_rows(rows)


def _join_broken_tab_rows(rows: list[Row]) -> list[Row]:
    """A row a line break cut inside one of its cells, without quotes (产出指标⇥数量指标⇥农村危房改造户数 /
    (含四类重点对象)⇥≥100户⇥98户⇥20⇥19): inside a table whose header is as wide as most rows, when the
    two lines' cells, the cut cell joined, make exactly a row that wide, they are one row."""
    widths = [len(row.cells) for row in rows if len(row.cells) >= 4]
    if len(widths) < 3:
        return rows
    width = max(set(widths), key=widths.count)
    if widths.count(width) < len(widths) * 0.5:
        return rows
    out: list[Row] = []
    table = 0  # the width of the header row of the table the rows are in (0 before any)
    for row in rows:
        if sum(vocab.is_header_label(cell) for cell in row.cells if cell.strip()) >= 3:
            table = len(row.cells)
        if out and table == width:
            previous = out[-1]
            tail, head = previous.cells[-1].strip(), row.cells[0].strip()
            if (
                1 < len(previous.cells) < width
                and len(row.cells) > 1
                and len(previous.cells) + len(row.cells) - 1 == width
                and tail
                and head
                and not _label_like(head)
            ):
                joined = [
                    *previous.cells[:-1],
                    f"{previous.cells[-1].rstrip()} {row.cells[0].lstrip()}",
                    *row.cells[1:],
                ]
                out[-1] = Row(cells=joined, source=previous.source)
                continue
        out.append(row)
    return out


def _quotes_close(text: str) -> bool:
    """Every cell that opens with a quote closes it at its own end ("a⏎b"⇥…), and a line break is
    only inside such a cell: not two rows that each lost a quote (“三公经费… written with ")."""
    for cell in text.split("\t"):
        inner = cell.strip()
        if inner.startswith('"') and not (len(inner) >= 2 and inner.endswith('"')):
            return False
        if "\n" in cell and not inner.startswith('"'):
            return False
    return True


def _opens_quote(text: str) -> bool:
    return any(cell.lstrip().startswith('"') for cell in text.split("\t"))


def _unquote(cell: str) -> str:
    inner = cell.strip()
    if len(inner) >= 2 and inner.startswith('"') and inner.endswith('"'):
        return inner[1:-1].replace('""', '"').replace("\n", " ")
    return cell.replace("\n", " ")


def _short_lines(filled: list[str]) -> bool:
    """One cell per line: most lines are short, or end (or start) with a lone pipe."""
    lengths = sorted(len(line.strip()) for line in filled)
    median = lengths[len(lengths) // 2]
    lone_pipe = sum(
        (line.strip().endswith("|") or line.strip().startswith("|")) and line.strip("| \t").count("|") == 0
        for line in filled
    )
    return len(filled) >= 12 and (median <= 24 or lone_pipe >= len(filled) * 0.5)


def _paragraphs_plausible(lines: list[str]) -> bool:
    blank = sum(not line.strip() for line in lines)
    return len(lines) >= 20 and blank >= len(lines) * 0.25


def _pipe_rows(lines: list[str]) -> list[Row]:
    """Rows of pipe-separated cells; a line that does not start with a pipe continues the previous row
    when the page writes each row from a leading pipe (a cell with a line break in it)."""
    filled = [line.strip() for line in lines if line.strip()]
    leading = sum(line.startswith("|") for line in filled) >= len(filled) * 0.5
    rows: list[Row] = []
    for number, line in _numbered(lines):
        text = line.replace("\f", "").strip()
        if not text:
            continue
        if leading and rows and not text.startswith("|") and len(rows[-1].cells) > 1:
            cells = _split_pipes(text)
            previous = rows[-1].cells
            merged = [*previous[:-1], (previous[-1] + " " + cells[0]).strip(), *cells[1:]]
            rows[-1] = Row(cells=merged, source=rows[-1].source)
            continue
        rows.append(Row(cells=_split_pipes(text), source=f"line {number}"))
    return rows


def _split_pipes(text: str) -> list[str]:
    if "|" not in text:
        return [text]
    cells = text.split("|")
    if text.startswith("|"):
        cells = cells[1:]
    if text.endswith("|") and cells:
        cells = cells[:-1]
    return [cell.strip() for cell in cells] or [""]


def pipe_stream(lines: list[str]) -> list[rebuild.Cell]:
    """The cells of pipe rows in reading order, whatever line they are on: a page whose rows were cut
    at the wrong places (a cell's line break taken for a row's end, rows run into one line) still
    keeps its cells in order. Between two pipes is one cell (its line breaks are spaces; nothing but
    a line break there is the gap between two rows, not a cell); text before the first pipe or after
    the last is one cell per line."""
    text = "\n".join(line.replace("\f", "") for line in lines)
    pieces = text.split("|")
    cells: list[rebuild.Cell] = []
    number = 1
    for k, piece in enumerate(pieces):
        inner = 0 < k < len(pieces) - 1
        if "\n" in piece:
            # empty cells padding a line's end (| a | b ||||||) say nothing of where its cells stand
            while cells and not cells[-1].text:
                cells.pop()
        if inner:
            if piece.strip():
                lead = piece[: len(piece) - len(piece.lstrip())].count("\n")
                content = " ".join(part.strip() for part in piece.split("\n") if part.strip())
                cells.append(rebuild.Cell(content, number + lead))
            elif "\n" not in piece:
                cells.append(rebuild.Cell("", number))
        else:
            for offset, part in enumerate(piece.split("\n")):
                if part.strip():
                    cells.append(rebuild.Cell(part.strip(), number + offset))
        number += piece.count("\n")
    return cells


def line_stream(lines: list[str]) -> list[rebuild.Cell]:
    """One cell per non-blank line, its leading or trailing pipe taken off; a line of one pipe is an
    empty cell, a line of two or more pipes only ends a row (an HTML row's empty tail). When most
    lines end (or start) with a pipe, a line without one continues the cell (a wrapped cell)."""
    filled = [line.replace("\f", "").strip() for line in lines if line.strip()]
    trailing = sum(text.endswith("|") for text in filled) >= len(filled) * 0.6
    leading = sum(text.startswith("|") for text in filled) >= len(filled) * 0.6
    cells: list[rebuild.Cell] = []
    brk = False
    pending: list[tuple[int, str]] = []  # lines without their pipe, waiting for the line that closes the cell
    spaced = _whitespace_cells(lines)
    for number, line in _numbered(lines):
        text = line.replace("\f", "").strip()
        if not text:
            if spaced and line:  # a line of white space alone is an empty cell on such a page
                cells.append(rebuild.Cell("", number, brk))
                brk = False
            continue
        if set(text) <= {"|", " "}:
            cells.extend(rebuild.Cell(part, at, False) for at, part in pending)
            pending = []
            if text.count("|") >= 2:
                brk = True
            else:
                cells.append(rebuild.Cell("", number, brk))
                brk = False
            continue
        content = text.strip("|").strip()
        if leading and not text.startswith("|") and cells and cells[-1].text and not _label_like(content):
            # a wrapped line of the cell its leading pipe opened
            cells[-1] = rebuild.Cell(f"{cells[-1].text} {content}", cells[-1].line, cells[-1].brk)
            continue
        if trailing and not text.endswith("|"):
            pending.append((number, content))
            continue
        if (
            pending
            and not _label_like(content)
            and not any(part.endswith(("。", ":", "：")) for _, part in pending)
        ):
            first = pending[0][0]
            content = " ".join([*(part for _, part in pending), content])
            cells.append(rebuild.Cell(content, first, brk))
        else:
            cells.extend(rebuild.Cell(part, at, False) for at, part in pending)
            cells.append(rebuild.Cell(content, number, brk))
        pending = []
        brk = False
    cells.extend(rebuild.Cell(part, at, False) for at, part in pending)
    return cells


def _label_like(text: str) -> bool:
    """A printed label that does not continue a wrapped cell (a column header, a level or row label)."""
    return (
        rebuild.header_kind(text) is not None
        or rebuild.kind_of(text) in ("level1", "level2", "level", "fundlabel")
        or rebuild.is_section_label(text)
    )


def paragraph_stream(lines: list[str]) -> list[rebuild.Cell]:
    """One cell per blank-line separated paragraph (its lines joined). A paragraph of white space only
    (a space, a non-breaking space) is an empty cell when the page separates paragraphs by truly
    empty lines. A run of blank lines longer than one is either a row break (when the page puts the
    same long run between all its rows) or that many more empty cells."""
    runs: list[int] = []
    count = 0
    spaced = _whitespace_cells(lines)
    for line in lines:
        if line == "" or (line.strip() == "" and not spaced):
            count += 1
        else:
            if count > 1:
                runs.append(count)
            count = 0
    long_runs = [r for r in runs if r >= 3]
    modal = max(set(long_runs), key=long_runs.count) if long_runs else 0
    row_breaks = bool(long_runs) and long_runs.count(modal) >= max(3, len(long_runs) * 0.7)
    cells: list[rebuild.Cell] = []
    current: list[str] = []
    start = 0
    blanks = 0
    for number, line in _numbered([*lines, ""]):
        empty_line = line == "" or (line.strip() == "" and not spaced)
        if empty_line:
            if current:
                cells.append(rebuild.Cell(" ".join(part.strip() for part in current).strip(), start))
                current = []
                blanks = 0
            blanks += 1
            continue
        if line.strip() == "":  # white space alone: an empty cell
            if current:
                cells.append(rebuild.Cell(" ".join(part.strip() for part in current).strip(), start))
                current = []
            cells.append(rebuild.Cell("", number))
            blanks = 0
            continue
        if not current:
            start = number
            if blanks > 1 and cells:
                if row_breaks and blanks >= modal:
                    cells.append(rebuild.Cell("\x00", number))  # marker, replaced below
                elif not row_breaks:
                    cells.extend(rebuild.Cell("", number) for _ in range(blanks - 2))
            blanks = 0
        current.append(line)
    out: list[rebuild.Cell] = []
    brk = False
    for cell in cells:
        if cell.text == "\x00":
            brk = True
            continue
        out.append(rebuild.Cell(cell.text, cell.line, brk))
        brk = False
    return out


def space_row_stream(lines: list[str]) -> list[rebuild.Cell]:
    """The cells of indented space-separated rows: every line that reads as a table row gives its
    tokens as cells, starting a new row; other lines are one cell each. Empty when no line is a row
    of several cells."""
    cells: list[rebuild.Cell] = []
    rows = 0
    for number, line in _numbered(lines):
        text = line.replace("\f", "").strip()
        if not text:
            continue
        tokens = text.split()
        if 1 < len(tokens) <= 15 and _looks_like_table_line(tokens):
            rows += 1
            cells.extend(rebuild.Cell(token, number, brk=k == 0) for k, token in enumerate(tokens))
        else:
            # a short fragment alone may be part of a cut label; a longer line is a row of its own
            cells.append(rebuild.Cell(text, number, brk=len(text) > 8))
    filled = sum(bool(line.strip()) for line in lines)
    return cells if rows >= 3 and rows >= filled * 0.3 else []


def token_stream(lines: list[str]) -> list[rebuild.Cell]:
    """The cells of a page flattened with spaces: every space-separated token of a line that holds a
    table (many tokens, several column headers) is a cell; other lines are one cell each. Empty when
    no line holds a flattened table."""
    cells: list[rebuild.Cell] = []
    found = False
    for number, line in _numbered(lines):
        text = line.replace("\f", "").strip()
        if not text:
            continue
        tokens = text.split()
        if len(tokens) > 15 and sum(map(vocab.is_header_label, tokens)) >= 3:
            found = True
            cells.extend(rebuild.Cell(token, number) for token in tokens)
        else:
            cells.append(rebuild.Cell(text, number))
    return cells if found else []


def _whitespace_cells(lines: list[str]) -> bool:
    """Return True when the page separates paragraphs by empty lines and writes empty cells as a
    paragraph of white space (more empty lines than white-space lines)."""
    empty = sum(line == "" for line in lines)
    spaces = sum(line != "" and line.strip() == "" for line in lines)
    return spaces > 0 and empty > spaces


def _delimited_rows(lines: list[str]) -> list[Row]:
    """One cell per line where a line of two or more pipes ends a row (an HTML row's empty tail)."""
    enders = sum(line.strip().count("|") >= 2 and set(line.strip()) <= {"|"} for line in lines)
    if enders < 3:
        return []
    rows: list[Row] = []
    current: list[str] = []
    start = 0
    for number, line in _numbered(lines):
        text = line.replace("\f", "").strip()
        if not text:
            continue
        if not current:
            start = number
        if set(text) <= {"|"}:
            if text.count("|") >= 2:
                current.extend([""] * (text.count("|") - 1))
                rows.append(Row(cells=current, source=f"line {start}"))
                current = []
            else:
                current.append("")
            continue
        current.append(text.strip("|").strip())
    if current:
        rows.append(Row(cells=current, source=f"line {start}"))
    return rows


def _space_rows(lines: list[str], notes: list[str]) -> list[Row]:
    """Each line a row of space-separated cells, when it reads as a table row; a whole form flattened
    onto one line is cut back into rows."""
    rows: list[Row] = []
    for number, line in _numbered(lines):
        tokens = line.replace("\f", "").split()
        if len(tokens) > 15 and sum(map(vocab.is_header_label, tokens)) >= 3:
            rows.extend(resegment(tokens, number, notes))
            continue
        if len(tokens) > 1 and _looks_like_table_line(tokens):
            rows.append(Row(cells=tokens, source=f"line {number}"))
        else:
            rows.append(Row(cells=[line.replace("\f", "")], source=f"line {number}"))
    return rows


def _looks_like_table_line(tokens: list[str]) -> bool:
    """Return True when a space-separated line is a table row rather than a sentence."""
    figures = sum(bool(_FIGURE.match(token)) for token in tokens)
    labels = sum(vocab.is_header_label(token) for token in tokens)
    # an indicator row opening with its group's level label (产出指标 数量指标 指标1:… long texts)
    levels = len(tokens) >= 3 and any(vocab.is_level1(t) or vocab.is_level2(t) for t in tokens[:2])
    return figures >= 1 or labels >= 2 or levels or all(len(token) <= 14 for token in tokens)


# -- labels split over two lines ----------------------------------------------------------------


def join_split_labels(rows: list[Row]) -> list[Row]:
    """Join a label that a line break cut in two (一级 / 指标, 经济效益 / 指标, 可持续影 / 响指标).

    When the last cell of a row and the first cell of the next make a known label together and
    neither is one alone, they are one cell; a row left empty by the join is dropped.
    """
    out: list[Row] = []
    for row in rows:
        if out and row.cells and out[-1].cells:
            previous = out[-1]
            tail, head = previous.cells[-1].strip(), row.cells[0].strip()
            if tail and head and _is_split_label(tail, head):
                joined = [*previous.cells[:-1], tail + head]
                if len(row.cells) > 1 and len(previous.cells) == 1:
                    # the fragment alone on its line starts the next row's first cell
                    out[-1] = Row(cells=[tail + head, *row.cells[1:]], source=previous.source)
                else:
                    out[-1] = Row(cells=joined + row.cells[1:], source=previous.source)
                continue
        out.append(row)
    return out


def _is_split_label(tail: str, head: str) -> bool:
    if len(tail) > 8 or len(head) > 8:
        return False
    whole = tail + head
    if not (vocab.is_header_label(whole) or vocab.is_level1(whole) or vocab.is_level2(whole)):
        return False
    return not (
        vocab.is_header_label(head) or vocab.is_level2(head) or vocab.is_level1(head) or vocab.is_level1(tail)
    )


# -- a whole form on one line -------------------------------------------------------------------

_ROW_STARTS = (
    "项目名称",
    "主管部门",
    "实施单位",
    "项目资金",
    "资金情况",
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
_GOAL_HEADS = ("预期目标", "实际完成情况", "年初设定目标", "年度总体目标完成情况", "年度总体目标完成情况综述")


def resegment(tokens: list[str], number: int, notes: list[str]) -> list[Row]:
    """Cut a whole form flattened onto one line of separate cells back into rows.

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
                    for label in ("年度总体目标", "绩效指标", "项目资金", "资金情况")
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


# -- how well a reading fits a form -------------------------------------------------------------

_NUMERIC_FIELDS = {"initial_budget", "adjusted_budget", "actual", "weight", "score", "execution_rate"}
_ROW_LABELS = (
    "年度资金总额",
    "资金总额",
    "其中",
    "项目名称",
    "主管部门",
    "实施单位",
    "部门名称",
    "单位名称",
    "年度总体目标",
    "总分",
    "合计",
)


def fit(rows: list[Row]) -> float:
    """Score how much rows of cells look like a form: column headers found (each label once), figures
    in the figure columns of the rows under them, labels followed by a value, level labels alone in
    their cell; a cell that still holds several labels (not split) costs."""
    score = 0.0
    columns: dict[int, str] = {}
    width = 0
    labels_seen: set[str] = set()
    for row in rows:
        filled = row.filled()
        if not filled:
            continue
        kinds = {}
        for index in filled:
            text = row.text(index)
            kind = vocab.column_of(text, vocab.FUND_COLUMNS) or vocab.column_of(text, vocab.INDICATOR_COLUMNS)
            if kind:
                kinds[index] = kind
        if len(kinds) >= 3:
            for index in kinds:
                key = fold_label(row.text(index))
                if key not in labels_seen:
                    labels_seen.add(key)
                    score += 2
            columns, width = kinds, len(row.cells)
            continue
        for pos, index in enumerate(filled):
            text = row.text(index)
            key = fold_label(text)
            if len(text) > 60 and _count_labels(key) >= 3:
                score -= 4  # a cell that swallowed a row or more
            if vocab.is_level1(text) or vocab.is_level2(text):
                score += 0.5
            if any(key.startswith(label) for label in _ROW_LABELS) and len(key) <= 14:
                following = filled[pos + 1] if pos + 1 < len(filled) else None
                if following is not None and not vocab.is_header_label(row.text(following)):
                    score += 1
        if columns and len(row.cells) == width:
            for index, kind in columns.items():
                text = row.text(index)
                if not text or kind not in _NUMERIC_FIELDS:
                    continue
                score += 0.5 if _FIGURE.match(text.replace(" ", "")) else -0.5
    return score


_LABEL_PROBES = (
    "预算数",
    "执行数",
    "执行率",
    "分值",
    "得分",
    "指标值",
    "完成值",
    "一级指标",
    "二级指标",
    "三级指标",
)


def _count_labels(key: str) -> int:
    return sum(probe in key for probe in _LABEL_PROBES)


Splitter = Callable[[list[str], list[str]], list[Row]]
