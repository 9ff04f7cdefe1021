"""The Guangzhou 部门整体支出绩效自评表 (FORM.md §2): funds as label/value pairs, 年度目标, 主要任务
rows with 关键指标 and 指标完成情况, then the narrative blocks.

The parser reads a :class:`~jixiao.ingest.grid.Grid` row by row. Positions come from the labels
printed on the form, never from fixed coordinates, so a row with an extra or missing cell still
reads; what a person has to check goes into ``review`` with the line it came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.core.form import Form, FundLine, Goals, Indicator, Task
from jixiao.core.numbers import NumberError, parse_amount, parse_rate
from jixiao.ingest import review as rv
from jixiao.ingest.grid import Grid, Row
from jixiao.ingest.layouts import grid_form
from jixiao.ingest.textutil import (
    fold_label,
    join_wrapped,
    looks_garbled,
    looks_like_label_noise,
    meaningful_length,
    split_list,
)

NAME = "guangzhou-department"

# Folded label → Funds field. Longer labels first where one contains another.
_FUND_LABELS: tuple[tuple[str, str], ...] = (
    ("部门调整预算收入", "adjusted_budget"),
    ("调整预算收入", "adjusted_budget"),
    ("部门年初预算收入", "initial_budget"),
    ("年初预算收入", "initial_budget"),
    ("实际支出数", "actual"),
    ("年度预算调整数", "adjustment"),
    ("预算调整数", "adjustment"),
    ("预算完成率", "execution_rate"),
    ("预算调整率", "adjustment_rate"),
    ("分值", "weight"),
    ("得分", "score"),
)
_RATE_FIELDS = {"execution_rate", "adjustment_rate"}
_POINT_FIELDS = {"weight", "score"}
_FUND_BLOCK = ("部门资金情况", "资金情况")
_TASK_COLUMNS = (
    ("主要任务", "name"),
    ("预期目标", "expected"),
    ("目标完成情况", "achieved"),
    ("关键指标", "indicator"),
    ("指标完成情况", "result"),
    ("任务涉及资金", "funds"),
)
_TAIL = (
    ("重点项目绩效情况", "key_project"),
    ("部门整体绩效", "overall_performance"),
    ("存在问题", "problems"),
    ("改进措施", "improvements"),
    ("下一步计划", "improvements"),
)
_RESULT_MARK = re.compile(r"完成目标|截至|截止|已完成|未完成")
_TAIL_FRAGMENT = re.compile(r"^(以?[上下内]|以上|以下|以内)[。.;;]?$")
_CLOSED = ("。", ".", "!", "?", "!", "?", ";", ";", '"', "”", ")", ")")


def detect(grid: Grid) -> int:
    """Score how much the grid looks like this layout (0 = not at all)."""
    labels = {fold_label(cell) for row in grid for cell in row.cells if cell.strip()}
    score = 0
    for wanted in (
        "关键指标",
        "指标完成情况",
        "任务涉及资金",
        "部门调整预算收入",
        "部门年初预算收入",
        "预算调整率",
    ):
        score += any(wanted in label for label in labels)
    # Three of its own labels make it this layout, even with an indicator grid beside it.
    return 100 + score if score >= 3 else 0


@dataclass
class _State:
    grid: Grid
    review: rv.Review = field(default_factory=rv.Review)
    form: Form = field(default_factory=Form)
    unplaced: list[tuple[int, int, str]] = field(default_factory=list)  # (row, col, value) of unknown labels
    empty_labels: list[tuple[int, str]] = field(default_factory=list)  # (row, field) with no value
    indicator_columns: tuple[dict[int, str], int] | None = None


def parse(grid: Grid) -> Form:
    """Read a Guangzhou department form from its cell grid."""
    streamed = grid.reading in ("cell-per-line", "paragraph")
    if streamed:
        grid.rows = _pair_lone_labels(grid.rows)
    state = _State(grid)
    form = state.form
    form.kind = "department"
    task_columns: dict[str, int] | None = None
    task_page = 1
    header_width = 0
    section = "head"
    goals_next = False
    skip_until = 0
    for r, row in enumerate(grid.rows):
        if row.is_blank or r < skip_until:
            continue
        indicator_columns = grid_form.indicator_header(row)
        if indicator_columns:
            # A department form with an indicator grid (一级/二级/三级指标), e.g. on its own sheet.
            skip_until = grid_form.read_indicators(state, r, indicator_columns)
            section = "tail"
            continue
        first = row.filled()[0]
        first_label = fold_label(row.text(first))
        tail = _tail_section(first_label)
        if tail:
            section = "tail"
            _read_tail(state, r, row, first, tail)
            continue
        if first_label in ("总分", "自评总分"):
            grid_form.read_total(state, r, first, [i for i in row.filled() if i != first])
            continue
        if (
            len(row.filled()) == 1
            and re.fullmatch(r"绩效指标|.*自评表", first_label.lstrip("#"))
            and section != "head"
        ):
            grid.use(r, first)
            continue
        if first_label.startswith("注") and len(row.filled()) == 1:
            text = re.sub(r"^\s*注\s*[:：]?\s*", "", row.text(first))
            form.notes.extend(split_list(text))
            grid.use_row(r)
            continue
        if section in ("head", "funds") and _read_head(state, r, row):
            continue
        if section in ("head", "funds") and (
            _is_funds_row(row) or (section == "funds" and _is_sealed_pair(row))
        ):
            section = "funds"
            _read_funds_row(state, r, row)
            continue
        if _is_goal_header(row) and section != "tasks":
            grid.use_row(r)
            # The label 年度目标 may sit on the header row (merged over two rows); the texts follow.
            goals_next = first_label in ("年度目标", "年度总体目标", "整体目标")
            continue
        if goals_next:
            goals_next = False
            if not _task_header(row):
                _read_goals(state, r, row, None)
                continue
        if first_label in ("年度目标", "年度总体目标", "整体目标") and section != "tasks":
            if streamed and len(row.filled()) == 1:
                # One cell per line: the goal texts follow on their own lines, up to the 主要任务
                # header (the last may share its line).
                skip_until = _read_goal_stream(state, r, first)
                continue
            _read_goals(state, r, row, first)
            continue
        columns = _task_header(row)
        if columns:
            task_columns, task_page, header_width = columns, row.page, len(row.cells)
            section = "tasks"
            if streamed:
                # One cell per line: the table's rows are lost; read its cells in order by content.
                start = min(columns.values())
                grid.use(r, *[i for i in row.filled() if i >= start])
                skip_until = _read_task_stream(state, r + 1)
                section = "tail"
                continue
            grid.use_row(r)
            continue
        if section == "tasks" and task_columns is not None:
            if row.page != task_page and len(row.cells) != header_width:
                _read_page_continuation(state, r, row)
            else:
                _read_task_row(state, r, row, task_columns)
    _funds_from_stream(state)
    _place_sealed_values(state)
    _check_funds(state)
    form.review = sorted(state.review.items, key=_line_order)
    return form


def _pair_lone_labels(rows: list[Row]) -> list[Row]:
    """One cell per line: a label of the form's head or funds alone on its line, its value alone on
    the next, become one row (部门调整预算收入 / 9368.62)."""
    out: list[Row] = []
    k = 0
    while k < len(rows):
        row = rows[k]
        nxt = next((j for j in range(k + 1, len(rows)) if not rows[j].is_blank), None)
        label = row.text(row.filled()[0]) if len(row.filled()) == 1 else ""
        if (
            nxt is not None
            and len(row.filled()) == 1
            and len(rows[nxt].filled()) == 1
            and (
                _is_head_label(fold_label(label))
                # a label a seal made unreadable, its figure after it
                or (looks_like_label_noise(label) and _is_number(rows[nxt].text(rows[nxt].filled()[0])))
            )
            and not _is_head_label(fold_label(rows[nxt].text(rows[nxt].filled()[0])))
            and _task_header(rows[nxt]) is None
        ):
            value = rows[nxt].text(rows[nxt].filled()[0])
            out.append(Row(cells=[row.text(row.filled()[0]), value], source=row.source, page=row.page))
            k = nxt + 1
            continue
        out.append(row)
        k += 1
    return out


def _is_head_label(label: str) -> bool:
    return bool(
        _fund_field(label)
        or label.startswith(("部门名称", "单位名称", "其中"))
        or label in ("被评价年度", "评价年度", "自评年度", "所属年度", "年度")
    )


def _is_sealed_pair(row: Row) -> bool:
    cells = row.filled()
    return len(cells) == 2 and looks_like_label_noise(row.text(cells[0])) and _is_number(row.text(cells[1]))


def _read_goal_stream(state: _State, r: int, first: int) -> int:
    """年度目标 alone on its line: its texts are the lone cells after it, up to the 主要任务 header,
    whose line may begin with the last of them. Returns the row to go on from."""
    grid = state.grid
    grid.use(r, first)
    parts: list[str] = []
    k = r + 1
    while k < len(grid.rows):
        row = grid.rows[k]
        if row.is_blank:
            k += 1
            continue
        columns = _task_header(row)
        if columns:
            start = min(columns.values())
            before = [i for i in row.filled() if i < start]
            parts += [row.text(i) for i in before]
            grid.use(k, *before)
            break
        if len(row.filled()) != 1 or _tail_section(fold_label(row.text(row.filled()[0]))):
            break
        parts.append(row.text(row.filled()[0]))
        grid.use(k, row.filled()[0])
        k += 1
    if parts:
        _read_goals(state, r, Row(cells=parts, source=grid.rows[r].source), None)
    return k


_ACHIEVED = re.compile(r"^\d+个关键指标")
_AMOUNT_CELL = re.compile(r"^\d[\d,]*(?:\.\d+)?$")


def _read_task_stream(state: _State, start: int) -> int:
    """Read the 主要任务 table from cells that lost their rows and empty cells, by what each says: a
    task starts with its name and 预期目标 before the "N个关键指标…" of 目标完成情况; a bare amount is
    the task's 任务涉及资金; a text opening with 完成目标 / 截至 … is an 指标完成情况, and the text before
    it the 关键指标 it answers. Returns the row where the narrative tail starts."""
    grid, form = state.grid, state.form
    cells: list[tuple[int, int, str]] = []
    end = len(grid.rows)
    for k in range(start, len(grid.rows)):
        row = grid.rows[k]
        if row.is_blank:
            continue
        if _tail_section(fold_label(row.text(row.filled()[0]))):
            end = k
            break
        stop = next((i for i in row.filled() if _tail_section(fold_label(row.text(i)))), None)
        cells.extend((k, i, row.text(i)) for i in row.filled() if stop is None or i < stop)
        if stop is not None:
            # the tail starts inside this row: its cells from there are read as the tail
            tail = Row(
                cells=[row.cells[i] for i in row.filled() if i >= stop], source=row.source, page=row.page
            )
            grid.rows[k] = Row(
                cells=[row.cells[i] if i < stop else "" for i in range(len(row.cells))],
                source=row.source,
                page=row.page,
            )
            grid.rows.insert(k + 1, tail)
            end = k + 1
            break
    # A 关键指标 waiting for its 完成情况 (a 关键指标 followed by no 完成情况 is not kept: in a stream
    # of cells it may as well be the end of a text cut by a page; it is listed unread).
    pending: tuple[int, int, str] | None = None
    n = 0
    while n < len(cells):
        k, i, text = cells[n]
        source = grid.rows[k].source
        grid.use(k, i)
        ahead = [c[2] for c in cells[n + 1 : n + 3]]
        if len(ahead) == 2 and _ACHIEVED.match(ahead[1]) and not _RESULT_MARK.match(text):
            if pending is not None:
                grid.used.discard(pending[:2])
            pending = None
            task = Task(
                name=join_wrapped(text), expected=join_wrapped(ahead[0]), achieved=join_wrapped(ahead[1])
            )
            form.tasks.append(task)
            grid.use(cells[n + 1][0], cells[n + 1][1])
            grid.use(cells[n + 2][0], cells[n + 2][1])
            n += 3
            continue
        if not form.tasks:
            n += 1
            continue
        task = form.tasks[-1]
        if _AMOUNT_CELL.match(text) and task.funds is None:
            task.funds = _amount(state, text, f"tasks[{len(form.tasks) - 1}].funds", source)
        elif _RESULT_MARK.match(text) or re.match(r"^\d{4}年", text):
            name, result = split_interleaved(text) if pending is None else (None, text)
            if name is not None:
                path = _add_indicator(state, name, result, source)  # …满意度95% … 以上。 inside
                state.review.add(path, rv.INTERLEAVED, source)
            else:
                _add_indicator(
                    state, join_wrapped(pending[2]) if pending else None, join_wrapped(text), source
                )
            pending = None
        elif _RESULT_MARK.search(text):
            # 关键指标 and 完成情况 interleaved in one cell (区政府门户网站…以上。 完成目标。…)
            name, result = split_interleaved(text)
            path = _add_indicator(state, name, result, source)
            state.review.add(path, rv.INTERLEAVED, source)
            if pending is not None:
                grid.used.discard(pending[:2])
            pending = None
        else:
            if pending is not None:
                grid.used.discard(pending[:2])
            pending = (k, i, text)
        n += 1
    if pending is not None:
        grid.used.discard(pending[:2])
    for t, task in enumerate(form.tasks):
        if task.funds is None:
            state.review.add(f"tasks[{t}].funds", rv.EMPTY_CELL, None)
    return end


def _line_order(item: object) -> int:
    source = getattr(item, "source", None) or ""
    number = re.search(r"\d+", source)
    return int(number.group(0)) if number else 0


# -- header and funds ---------------------------------------------------------------------------


def _read_head(state: _State, r: int, row: Row) -> bool:
    form, grid = state.form, state.grid
    cells = row.filled()
    labels = [fold_label(row.text(i)) for i in cells]
    if len(cells) == 1:
        label = labels[0].lstrip("#")
        if "自评表" in label or "评价表" in label:
            grid.use(r, cells[0])
            return True
        unit = re.match(r"^(?:金额)?单位[:：]?(万元|元)$", label)
        if unit:
            form.amount_unit = unit.group(1)  # type: ignore[assignment]
            grid.use(r, cells[0])
            return True
        return False
    found = False
    for pos, index in enumerate(cells):
        label = labels[pos]
        value_index = cells[pos + 1] if pos + 1 < len(cells) else None
        value = row.text(value_index) if value_index is not None else ""
        if label.startswith(("部门名称", "单位名称")):
            form.summary = "汇总" in label
            grid.use(r, index)
            if value and value_index is not None:
                name, rest = _cut_at_labels(value)
                if name.startswith(("(汇总)", "(汇总)")):
                    form.summary = True
                    name = name[4:].strip()
                form.department = join_wrapped(name)
                if not rest:
                    grid.use(r, value_index)  # a flattened cell that runs on is left to the stream
            found = True
        elif label in ("被评价年度", "评价年度", "自评年度", "所属年度", "年度"):
            grid.use(r, index)
            year = re.search(r"(19|20)\d{2}", value)
            if year and value_index is not None:
                form.year = int(year.group(0))
                grid.use(r, value_index)
            found = True
    return found


_NEXT_LABEL = re.compile(
    "|".join(["被评价年度", "评价年度", *(re.escape(label) for label, _ in _FUND_LABELS[:9])])
)


def _cut_at_labels(value: str) -> tuple[str, str]:
    """Cut a value where the form's next label starts (a page flattened or run together: 广州市…局
    被评价年度 2021年 部门调整预算收入 9368.62 …)."""
    for match in re.finditer(r"\s+", value):
        word = fold_label(value[match.end() :].split()[0]) if value[match.end() :].split() else ""
        if word in ("被评价年度", "评价年度") or _fund_field(word):
            return value[: match.start()].strip(), value[match.end() :]
    label = _NEXT_LABEL.search(value, 2)
    if label is not None:
        return value[: label.start()].strip(), value[label.start() :]
    return value, ""


_FUND_RUN = re.compile(
    "(" + "|".join(re.escape(label) for label, _ in _FUND_LABELS[:9]) + r")\s*[:：]?\s*(\d[\d,]*(?:\.\d+)?%?)"
)


def _fund_field(label: str) -> str | None:
    for known, name in _FUND_LABELS:
        if label == known or (label.endswith(known) and len(label) - len(known) <= 2):
            return name
    return None


def _is_funds_row(row: Row) -> bool:
    return any(
        _fund_field(fold_label(row.text(i))) or fold_label(row.text(i)).startswith("其中")
        for i in row.filled()
    )


def _read_funds_row(state: _State, r: int, row: Row) -> None:
    grid, funds = state.grid, state.form.funds
    cells = row.cells
    index = 0
    while index < len(cells):
        text = cells[index].strip()
        label = fold_label(text)
        if not text:
            index += 1
            continue
        if label in _FUND_BLOCK:
            grid.use(r, index)
            index += 1
            continue
        value = cells[index + 1].strip() if index + 1 < len(cells) else ""
        name = _fund_field(label)
        if name is not None:
            grid.use(r, index)
            if value:
                grid.use(r, index + 1)
                _set_fund(state, name, value, f"funds.{name}", row.source)
            else:
                state.empty_labels.append((r, name))
            index += 2
            continue
        if label.startswith("其中"):
            grid.use(r, index)
            source = re.sub(r"^其中[:：]?", "", join_wrapped(text) or "").strip() or None
            line = FundLine(source=source)
            if value:
                grid.use(r, index + 1)
                amount = _amount(state, value, f"funds.lines[{len(funds.lines)}].actual", row.source)
                line.actual = amount
            funds.lines.append(line)
            index += 2
            continue
        if _is_number(text) and (r, index) not in grid.used:
            # A figure whose label cell came out empty (a seal OCR could not read through).
            state.unplaced.append((r, index, text))
            index += 1
            continue
        if value and _is_number(value) and (looks_like_label_noise(text) or not _is_number(text)):
            # A label we cannot read: keep the value until the layout tells where it belongs.
            grid.use(r, index)
            state.unplaced.append((r, index + 1, value))  # the label cell is index
            index += 2
            continue
        index += 1


def _funds_from_stream(state: _State) -> None:
    """Funds the rows did not give, read from the cells in reading order, whatever rows a reading
    made of them, and from the words of a cell a page flattened with spaces: a fund label followed
    by its figure. A cell is marked read only when it is the label or the figure alone."""
    grid, funds = state.grid, state.form.funds
    words: list[tuple[int, int, str, bool]] = []  # row, cell, word, the whole cell
    for r, row in enumerate(grid.rows):
        for i in row.filled():
            if (r, i) in grid.used:
                continue
            parts = row.text(i).split()
            words += [(r, i, part, len(parts) == 1) for part in parts]
    for r, row in enumerate(grid.rows):
        for i in row.filled():
            # a label and its figure run together inside a long cell (部门调整预算收入9368.62部门年初…)
            if (r, i) in grid.used or len(row.text(i)) < 20:
                continue
            for match in _FUND_RUN.finditer(row.text(i)):
                name = _fund_field(match.group(1))
                if name is not None and getattr(funds, name) is None:
                    _set_fund(state, name, match.group(2), f"funds.{name}", row.source)
    taken: set[int] = set()
    for n, (r, i, text, whole) in enumerate(words[:-1]):
        label = fold_label(text)
        name = _fund_field(label)
        line = label.startswith("其中") and 2 < len(label) <= 14
        if (name is None and not line) or n in taken:
            continue
        r2, i2, value, whole2 = words[n + 1]
        if not _is_number(value) or (name is not None and getattr(funds, name) is not None):
            continue
        taken.update((n, n + 1))
        if whole:
            grid.use(r, i)
        if whole2:
            grid.use(r2, i2)
        source = grid.rows[r].source
        if name is not None:
            _set_fund(state, name, value, f"funds.{name}", source)
        else:
            source_name = re.sub(r"^其中[:：]?", "", label).strip() or None
            path = f"funds.lines[{len(funds.lines)}].actual"
            funds.lines.append(FundLine(source=source_name, actual=_amount(state, value, path, source)))


def _set_fund(state: _State, name: str, value: str, path: str, source: str) -> None:
    funds = state.form.funds
    if name in _POINT_FIELDS:
        number = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*分?\s*", value)
        if number:
            setattr(funds, name, Decimal(number.group(1)))
        else:
            state.review.add(path, f"{rv.NOT_A_NUMBER}: '{rv.clip(value)}'", source)
    elif name in _RATE_FIELDS:
        try:
            setattr(funds, name, parse_rate(value))
        except NumberError:
            state.review.add(path, f"{rv.NOT_A_NUMBER}: '{rv.clip(value)}'", source)
    else:
        setattr(funds, name, _amount(state, value, path, source))


def _amount(state: _State, value: str, path: str, source: str) -> Decimal | None:
    try:
        return parse_amount(value, state.form.amount_unit)
    except NumberError:
        state.review.add(path, f"{rv.NOT_A_NUMBER}: '{rv.clip(value)}'", source)
        return None


def _is_number(text: str) -> bool:
    try:
        return parse_amount(text) is not None
    except NumberError:
        try:
            return parse_rate(text) is not None
        except NumberError:
            return False


def _place_sealed_values(state: _State) -> None:
    """Give a value whose label a seal destroyed to the one labelled field left without a value."""
    funds = state.form.funds
    empty = [(r, name) for r, name in state.empty_labels if getattr(funds, name) is None]
    if len(state.unplaced) == 1 and len(empty) == 1:
        r, col, value = state.unplaced[0]
        name = empty[0][1]
        state.grid.use(r, col - 1)
        source = state.grid.rows[r].source
        state.grid.use(r, col)
        _set_fund(state, name, value, f"funds.{name}", source)
        state.review.add(f"funds.{name}", rv.SEAL_LABEL, source)
        return
    for r, col, value in state.unplaced:
        label = state.grid.rows[r].text(col - 1)
        state.grid.use(r, col)
        state.review.add(
            "funds",
            f"unrecognised label '{rv.clip(label)}'; value not imported: '{rv.clip(value)}'",
            state.grid.rows[r].source,
        )


def _check_funds(state: _State) -> None:
    funds = state.form.funds
    for name in ("initial_budget", "adjusted_budget", "actual"):
        if getattr(funds, name) is None and not any(i.path == f"funds.{name}" for i in state.review.items):
            state.review.add(f"funds.{name}", rv.NOT_FOUND, None)


# -- goals ------------------------------------------------------------------------------------


def _is_goal_header(row: Row) -> bool:
    joined = "".join(fold_label(row.text(i)) for i in row.filled())
    return "预期目标" in joined and "完成情况" in joined and "关键指标" not in joined


def _read_goals(state: _State, r: int, row: Row, first: int | None) -> None:
    grid, form = state.grid, state.form
    if first is not None:
        grid.use(r, first)
    texts = [i for i in row.filled() if i != first]
    grid.use(r, *texts)
    parts = [join_wrapped(row.text(i)) or "" for i in texts]
    if not parts:
        state.review.add("goals.expected", rv.EMPTY_CELL, row.source)
        state.review.add("goals.achieved", rv.EMPTY_CELL, row.source)
        return
    # The expected goal may run over two columns (columns interleaved in the PDF); the last
    # filled cell is the 完成情况 column.
    expected = "".join(parts[:-1]) if len(parts) > 1 else parts[0]
    achieved = parts[-1] if len(parts) > 1 else None
    form.goals = Goals(expected=expected or None, achieved=achieved)
    for name, text in (("expected", expected), ("achieved", achieved)):
        if text is None:
            state.review.add(f"goals.{name}", rv.EMPTY_CELL, row.source)
        elif looks_garbled(text):
            state.review.add(f"goals.{name}", rv.UNREADABLE, row.source)


# -- tasks ------------------------------------------------------------------------------------


def _task_header(row: Row) -> dict[str, int] | None:
    columns: dict[str, int] = {}
    for index in row.filled():
        label = fold_label(row.text(index))
        for wanted, name in _TASK_COLUMNS:
            if (
                name not in columns
                and (label == wanted or label.endswith(wanted))
                and not (name == "achieved" and label.startswith("指标"))
            ):
                columns[name] = index
                break
    return columns if {"indicator", "result"} <= columns.keys() and len(columns) >= 4 else None


def _read_task_row(state: _State, r: int, row: Row, columns: dict[str, int]) -> None:
    form, grid = state.form, state.grid

    def cell(name: str) -> str:
        return row.text(columns[name]) if name in columns else ""

    name = cell("name")
    if name or not form.tasks:
        task = Task(name=join_wrapped(name))
        form.tasks.append(task)
        t = len(form.tasks) - 1
        for key in ("name", "expected", "achieved"):
            if key in columns:
                grid.use(r, columns[key])
            if key != "name":
                setattr(task, key, join_wrapped(cell(key)))
            value = getattr(task, key)
            if value is None:
                state.review.add(f"tasks[{t}].{key}", rv.EMPTY_CELL, row.source)
            elif looks_garbled(value):
                state.review.add(f"tasks[{t}].{key}", rv.UNREADABLE, row.source)
        if "funds" in columns:
            grid.use(r, columns["funds"])
        funds = cell("funds")
        if funds:
            task.funds = _amount(state, funds, f"tasks[{t}].funds", row.source)
        else:
            state.review.add(f"tasks[{t}].funds", rv.EMPTY_CELL, row.source)
    else:
        task = form.tasks[-1]
        for key in ("expected", "achieved"):
            extra = cell(key)
            if extra:
                grid.use(r, columns[key])
                setattr(task, key, (getattr(task, key) or "") + (join_wrapped(extra) or ""))
    indicator_text, result_text = cell("indicator"), cell("result")
    if "indicator" in columns:
        grid.use(r, columns["indicator"])
    if "result" in columns:
        grid.use(r, columns["result"])
    if indicator_text or result_text:
        _add_indicator(state, join_wrapped(indicator_text), join_wrapped(result_text), row.source)


def _add_indicator(state: _State, name: str | None, result: str | None, source: str) -> str:
    task = state.form.tasks[-1]
    t, i = len(state.form.tasks) - 1, len(task.indicators)
    task.indicators.append(Indicator(name=name, result=result))
    path = f"tasks[{t}].indicators[{i}]"
    if name is None:
        state.review.add(f"{path}.name", rv.EMPTY_CELL, source)
    elif meaningful_length(name) <= 2:
        state.review.add(f"{path}.name", f"truncated: only '{name}' left", source)
    if result is None:
        state.review.add(f"{path}.result", rv.EMPTY_CELL, source)
    return path


def _read_page_continuation(state: _State, r: int, row: Row) -> None:
    """Read a row of the next page where the table lost its leading columns (cells shifted)."""
    grid = state.grid
    if not state.form.tasks:
        return
    task = state.form.tasks[-1]
    for position, index in enumerate(row.filled()):
        text = row.text(index)
        grid.use(r, index)
        open_field = _open_text_field(task)
        if position == 0 and open_field and not _RESULT_MARK.search(text):
            setattr(task, open_field, (getattr(task, open_field) or "") + (join_wrapped(text) or ""))
            continue
        if _RESULT_MARK.search(text):
            name, result = split_interleaved(text)
            path = _add_indicator(state, name, result, row.source)
            if name is not None:
                state.review.add(path, rv.INTERLEAVED, row.source)
        else:
            _add_indicator(state, join_wrapped(text), None, row.source)


def _open_text_field(task: Task) -> str | None:
    for key in ("expected", "name", "achieved"):
        value = getattr(task, key)
        if value and not value.rstrip().endswith(_CLOSED):
            return key
    return None


def split_interleaved(text: str) -> tuple[str | None, str | None]:
    """Split a cell where a PDF interleaved the lines of 关键指标 and 指标完成情况.

    The fragments (wrapped lines) before the first result marker (完成目标, 截至 …) belong to the
    indicator, and so do orphan tails such as "以上。"; when the indicator's first line was glued
    to the result's, the last clause before the tail that ends in a figure ("…满意度95%") is it.
    """
    fragments = text.split()
    start = next((k for k, frag in enumerate(fragments) if _RESULT_MARK.search(frag)), len(fragments))
    if start < len(fragments):
        mark = _RESULT_MARK.search(fragments[start])
        if mark and mark.start() > 0:
            head, rest = fragments[start][: mark.start()], fragments[start][mark.start() :]
            fragments[start : start + 1] = [head, rest]
            start += 1
    name_parts = fragments[:start]
    result_parts = fragments[start:]
    tails = [frag for frag in result_parts if _TAIL_FRAGMENT.match(frag)]
    result_parts = [frag for frag in result_parts if not _TAIL_FRAGMENT.match(frag)]
    if tails and not name_parts:
        for k in range(len(result_parts)):
            match = re.search(r"(?<=[,,。;;])([^,,。;;]+?\d+(?:\.\d+)?[%%]?)$", result_parts[k])
            if match and len(match.group(1)) >= 4:
                name_parts = [match.group(1)]
                result_parts[k] = result_parts[k][: match.start(1)]
                break
    name = "".join(name_parts + tails) or None
    result = "".join(result_parts) or None
    return name, result


# -- narrative tail ---------------------------------------------------------------------------


def _tail_section(label: str) -> str | None:
    for wanted, name in _TAIL:
        if label.startswith(wanted):
            return name
    return None


def _read_tail(state: _State, r: int, row: Row, first: int, name: str) -> None:
    form, grid = state.form, state.grid
    grid.use(r, first)
    texts = [i for i in row.filled() if i != first]
    grid.use(r, *texts)
    raw = " ".join(row.text(i) for i in texts)
    if name in ("problems", "improvements"):
        # An empty list is a form's own statement (nothing to report); completeness is the checker's.
        getattr(form, name).extend(split_list(raw))
        return
    text = join_wrapped(raw)
    setattr(form, name, text)
    if text is not None and looks_garbled(text):
        state.review.add(name, rv.UNREADABLE, row.source)
