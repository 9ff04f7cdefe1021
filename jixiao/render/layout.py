"""The official page as a grid of cells, built once and drawn by every exporter.

A ``Layout`` is a title, a column grid and a list of ``Block``s; a block is a rectangle of rows whose
cells may span rows and columns. XLSX stacks the blocks on one sheet, HTML and DOCX draw one table
per block (so that a block's header row repeats when it breaks across pages), PDF prints the HTML.
docs/export.md describes which cell holds which field; the importer reads the XLSX back by it.

Figures keep the digits they were written with. Where the form left a computable figure blank the
computed one is shown and marked "(计算值)"; where the written and the computed figure differ, the
written one is shown with the computed one beside it (FORM.md §4).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Literal

from jixiao.core.form import Form, Indicator
from jixiao.core.numbers import decimals, plain, quantize2
from jixiao.render import labels

if TYPE_CHECKING:
    from jixiao.core.report import Report

Role = Literal["label", "text", "figure", "heading"]
Align = Literal["left", "center", "right"]

# The fields each official layout has no cell for (docs/export.md): an export → import loses them.
# ``tests/ingest/test_xlsx_fields.py`` checks every other field of the form comes back.
NOT_CARRIED: dict[str, frozenset[str]] = {
    "department": frozenset(
        {
            "project",
            "implementing_unit",
            "funds.lines[].initial_budget",
            "funds.lines[].adjusted_budget",
            "tasks[].indicators[].level1",
            "tasks[].indicators[].level2",
            "tasks[].indicators[].weight",
            "tasks[].indicators[].score",
            "tasks[].indicators[].deviation",
        }
    ),
    "project": frozenset(
        {
            "summary",
            "funds.adjustment",
            "funds.adjustment_rate",
            "tasks",
            "tasks[].name",
            "tasks[].expected",
            "tasks[].achieved",
            "tasks[].funds",
            "tasks[].indicators",
            *(f"tasks[].indicators[].{name}" for name in ("level1", "level2", "name", "target")),
            *(f"tasks[].indicators[].{name}" for name in ("result", "weight", "score", "deviation")),
        }
    ),
}

DEPARTMENT_WIDTHS = (14, 26, 26, 28, 30, 14)
PROJECT_WIDTHS = (11, 11, 11, 24, 13, 26, 7, 18, 20)


@dataclass
class Cell:
    """One cell of a block; ``row`` and ``col`` count from 0 inside the block."""

    row: int
    col: int
    text: str = ""
    rowspan: int = 1
    colspan: int = 1
    role: Role = "text"
    align: Align = "left"
    # Figures: the exact number a spreadsheet stores (a rate as a fraction: 97.10 → 0.9710), the
    # number format that shows it with the written decimals, and a note: "计算值" when the figure is
    # the computed one, "计算值 97.13%" when the written one differs from it.
    number: Decimal | None = None
    number_format: str | None = None
    note: str | None = None
    computed: bool = False

    @property
    def shown(self) -> str:
        """Return the text with its note, as one string (what HTML and DOCX print)."""
        if not self.note:
            return self.text
        if self.computed:
            return f"{self.text}({self.note})"
        return f"{self.text}\n({self.note})"


@dataclass
class Block:
    """A rectangle of rows; the first ``header_rows`` rows repeat when the block breaks across pages."""

    name: str
    rows: int
    cells: list[Cell] = field(default_factory=list)
    header_rows: int = 0

    def add(self, cell: Cell) -> Cell:
        self.cells.append(cell)
        return cell

    def rows_of_cells(self) -> list[list[Cell]]:
        """Return the cells grouped by the row they start in, left to right."""
        grouped: list[list[Cell]] = [[] for _ in range(self.rows)]
        for cell in self.cells:
            grouped[cell.row].append(cell)
        for row in grouped:
            row.sort(key=lambda c: c.col)
        return grouped


@dataclass
class Layout:
    kind: str
    title: str
    subtitle: str | None
    unit_line: str
    widths: tuple[int, ...]
    blocks: list[Block]
    notes: str | None = None

    @property
    def columns(self) -> int:
        return len(self.widths)


def build(form: Form, report: Report) -> Layout:
    """Return the official layout of ``form``: the department form or the project form."""
    if form.kind == "project":
        return _project(form, report)
    return _department(form, report)


def grid_layout(form: Form) -> Layout | None:
    """Return the indicator grid of a department form that has one (other regions' layout), else None."""
    if form.kind == "project" or not form.indicators:
        return None
    block = _grid_block(form.indicators, first_col=0, label=None)
    return Layout(
        kind="grid",
        title="绩效指标",
        subtitle=None,
        unit_line="",
        widths=PROJECT_WIDTHS[1:],
        blocks=[block],
    )


# --- figures -------------------------------------------------------------------------------------


def number_format(places: int, *, percent: bool, suffix: str = "") -> str:
    """Return an Excel number format showing ``places`` decimals, no thousands separator."""
    pattern = "0" if places == 0 else "0." + "0" * places
    if percent:
        pattern += "%"
    if suffix:
        pattern += '"' + suffix.replace('"', "") + '"'
    return pattern


def written(value: Decimal, *, percent: bool) -> str:
    """Return a figure as written: 9368.62, 97.10%."""
    return plain(value) + ("%" if percent else "")


def figure_cell(
    row: int,
    col: int,
    reported: Decimal | None,
    computed: Decimal | None = None,
    *,
    percent: bool = False,
    colspan: int = 1,
    rowspan: int = 1,
) -> Cell:
    """Return a figure cell: the written figure, or the computed one marked, or both when they differ."""
    cell = Cell(row=row, col=col, rowspan=rowspan, colspan=colspan, role="figure", align="right")
    if reported is None and computed is None:
        return cell
    if reported is None:
        assert computed is not None
        value = quantize2(computed)
        cell.text = written(value, percent=percent)
        cell.note = labels.COMPUTED
        cell.computed = True
        suffix = f"({labels.COMPUTED})"
    else:
        value = reported
        cell.text = written(value, percent=percent)
        suffix = ""
        if computed is not None and quantize2(computed) != quantize2(reported):
            cell.note = f"{labels.COMPUTED} {written(quantize2(computed), percent=percent)}"
            suffix = f" ({cell.note})"
    cell.number = value.scaleb(-2) if percent else value
    cell.number_format = number_format(decimals(value), percent=percent, suffix=suffix)
    return cell


def numbered(items: Iterable[str]) -> str:
    """Return a list as the official forms print it: "1. …" one per line."""
    return "\n".join(f"{i}. {item}" for i, item in enumerate(items, start=1))


def notes_text(notes: list[str]) -> str | None:
    if not notes:
        return None
    return "注:" + "\n".join(f"{i}.{note}" for i, note in enumerate(notes, start=1))


def _label(row: int, col: int, text: str, *, rowspan: int = 1, colspan: int = 1) -> Cell:
    return Cell(row=row, col=col, text=text, rowspan=rowspan, colspan=colspan, role="label", align="center")


def _text(row: int, col: int, text: str | None, *, rowspan: int = 1, colspan: int = 1) -> Cell:
    return Cell(row=row, col=col, text=text or "", rowspan=rowspan, colspan=colspan, role="text")


def _year_text(form: Form) -> str:
    return f"{form.year}年" if form.year is not None else ""


# --- department form (Guangzhou) -----------------------------------------------------------------


def _department(form: Form, report: Report) -> Layout:
    computed = report.computed
    funds = form.funds

    info = Block(name="info", rows=0)
    r = 0
    info.add(_label(r, 0, "部门名称(汇总)" if form.summary else "部门名称"))
    info.add(_text(r, 1, form.department, colspan=3))
    info.add(_label(r, 4, "被评价年度"))
    info.add(Cell(row=r, col=5, text=_year_text(form), role="text", align="center"))
    r += 1

    fund_rows: list[tuple[str, Cell, str, Cell]] = []
    fund_rows.append(
        (
            "部门调整预算收入",
            figure_cell(0, 2, funds.adjusted_budget),
            "部门年初预算收入",
            figure_cell(0, 4, funds.initial_budget, colspan=2),
        )
    )
    fund_rows.append(
        (
            "实际支出数",
            figure_cell(0, 2, funds.actual),
            "年度预算调整数",
            figure_cell(0, 4, funds.adjustment, computed.adjustment, colspan=2),
        )
    )
    for line in funds.lines:
        fund_rows.append(
            (f"其中:{line.source or ''}", figure_cell(0, 2, line.actual), "", Cell(row=0, col=4, colspan=2))
        )
    fund_rows.append(
        (
            "预算完成率",
            figure_cell(0, 2, funds.execution_rate, computed.execution_rate, percent=True),
            "预算调整率",
            figure_cell(0, 4, funds.adjustment_rate, computed.adjustment_rate, percent=True, colspan=2),
        )
    )
    if funds.weight is not None or funds.score is not None:
        fund_rows.append(
            (
                "分值",
                figure_cell(0, 2, funds.weight),
                "得分",
                figure_cell(0, 4, funds.score, computed.execution_score, colspan=2),
            )
        )
    info.add(_label(r, 0, "部门资金情况", rowspan=len(fund_rows)))
    for i, (left, left_value, right, right_value) in enumerate(fund_rows):
        info.add(_label(r + i, 1, left))
        left_value.row = r + i
        info.add(left_value)
        info.add(_label(r + i, 3, right))
        right_value.row = r + i
        info.add(right_value)
    r += len(fund_rows)

    info.add(_label(r, 0, "年度目标", rowspan=2))
    info.add(_label(r, 1, "部门整体支出的预期目标", colspan=2))
    info.add(_label(r, 3, "部门整体支出的目标完成情况", colspan=3))
    info.add(_text(r + 1, 1, form.goals.expected, colspan=2))
    info.add(_text(r + 1, 3, form.goals.achieved, colspan=3))
    info.rows = r + 2

    tasks = Block(name="tasks", rows=1, header_rows=1)
    for col, text in enumerate(
        ("主要任务", "预期目标", "目标完成情况", "关键指标", "指标完成情况", "任务涉及资金")
    ):
        tasks.add(_label(0, col, text))
    r = 1
    for task in form.tasks:
        span = max(1, len(task.indicators))
        tasks.add(_text(r, 0, task.name, rowspan=span))
        tasks.add(_text(r, 1, task.expected, rowspan=span))
        tasks.add(_text(r, 2, task.achieved, rowspan=span))
        for i, indicator in enumerate(task.indicators or [Indicator()]):
            tasks.add(_text(r + i, 3, key_indicator_text(indicator)))
            tasks.add(_text(r + i, 4, indicator.result))
        tasks.add(figure_cell(r, 5, task.funds, rowspan=span))
        r += span
    tasks.rows = r

    texts = Block(name="texts", rows=0)
    rows: list[tuple[str, str | None]] = [
        ("重点项目绩效情况", form.key_project),
        ("部门整体绩效", form.overall_performance),
        ("存在问题", numbered(form.problems)),
        ("改进措施或下一步计划", numbered(form.improvements)),
    ]
    for i, (label, body) in enumerate(rows):
        texts.add(_label(i, 0, label))
        texts.add(_text(i, 1, body, colspan=5))
    texts.rows = len(rows)
    if form.total_score is not None or form.grade is not None:
        i = texts.rows
        texts.add(_label(i, 0, "总分"))
        texts.add(figure_cell(i, 1, form.total_score, colspan=2))
        texts.add(_label(i, 3, "自评等级"))
        texts.add(Cell(row=i, col=4, text=form.grade or "", colspan=2, align="center"))
        texts.rows += 1

    return Layout(
        kind="department",
        title=labels.DEPARTMENT_TITLE,
        subtitle=None,
        unit_line=f"单位:{form.amount_unit}",
        widths=DEPARTMENT_WIDTHS,
        blocks=[info, tasks, texts],
        notes=notes_text(form.notes),
    )


def key_indicator_text(indicator: Indicator) -> str:
    """Return the 关键指标 cell: the name, and the target on its own line when it was split off."""
    if indicator.target is None:
        return indicator.name or ""
    if indicator.name is None:
        return f"指标值:{indicator.target}"
    return f"{indicator.name}\n指标值:{indicator.target}"


# --- project form (财预〔2020〕10号) -----------------------------------------------------------------


def _project(form: Form, report: Report) -> Layout:
    computed = report.computed
    funds = form.funds

    info = Block(name="info", rows=0)
    info.add(_label(0, 0, "项目名称", colspan=2))
    info.add(_text(0, 2, form.project, colspan=7))
    info.add(_label(1, 0, "主管部门", colspan=2))
    info.add(_text(1, 2, form.department, colspan=3))
    info.add(_label(1, 5, "实施单位"))
    info.add(_text(1, 6, form.implementing_unit, colspan=3))
    r = 2
    fund_rows = 2 + len(funds.lines)
    info.add(_label(r, 0, f"项目资金({form.amount_unit})", rowspan=fund_rows))
    info.add(_label(r, 1, "", colspan=2))
    for col, text in enumerate(("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"), start=3):
        info.add(_label(r, col, text))
    r += 1
    info.add(_label(r, 1, "年度资金总额", colspan=2))
    info.add(figure_cell(r, 3, funds.initial_budget))
    info.add(figure_cell(r, 4, funds.adjusted_budget))
    info.add(figure_cell(r, 5, funds.actual))
    info.add(figure_cell(r, 6, funds.weight))
    info.add(figure_cell(r, 7, funds.execution_rate, computed.execution_rate, percent=True))
    info.add(figure_cell(r, 8, funds.score, computed.execution_score))
    r += 1
    for i, line in enumerate(funds.lines):
        prefix = "其中:" if i == 0 else ""
        info.add(_label(r, 1, f"{prefix}{line.source or ''}", colspan=2))
        info.add(figure_cell(r, 3, line.initial_budget))
        info.add(figure_cell(r, 4, line.adjusted_budget))
        info.add(figure_cell(r, 5, line.actual))
        info.add(Cell(row=r, col=6, colspan=3))
        r += 1
    info.add(_label(r, 0, "年度总体目标", rowspan=2))
    info.add(_label(r, 1, "预期目标", colspan=4))
    info.add(_label(r, 5, "实际完成情况", colspan=4))
    info.add(_text(r + 1, 1, form.goals.expected, colspan=4))
    info.add(_text(r + 1, 5, form.goals.achieved, colspan=4))
    info.rows = r + 2

    grid = _grid_block(form.indicators, first_col=1, label="绩效指标")
    r = grid.rows
    grid.add(_label(r, 0, "总分", colspan=6))
    weights = [i.weight for i in form.indicators if i.weight is not None]
    if funds.weight is not None:
        weights.append(funds.weight)
    grid.add(figure_cell(r, 6, sum(weights, Decimal(0)) if weights else None))
    grid.add(figure_cell(r, 7, form.total_score))
    grid.add(Cell(row=r, col=8, text=f"自评等级:{form.grade}" if form.grade else "", align="center"))
    grid.rows += 1

    blocks = [info, grid]
    extra = [
        ("重点项目绩效情况", form.key_project),
        ("评价结论", form.overall_performance),
        ("存在问题", numbered(form.problems) or None),
        ("改进措施", numbered(form.improvements) or None),
    ]
    present = [(label, text) for label, text in extra if text]
    if present:
        texts = Block(name="texts", rows=len(present))
        for i, (label, text) in enumerate(present):
            texts.add(_label(i, 0, label, colspan=2))
            texts.add(_text(i, 2, text, colspan=7))
        blocks.append(texts)

    return Layout(
        kind="project",
        title=labels.PROJECT_TITLE,
        subtitle=f"({_year_text(form)}度)" if form.year is not None else None,
        unit_line=f"单位:{form.amount_unit}",
        widths=PROJECT_WIDTHS,
        blocks=blocks,
        notes=notes_text(form.notes),
    )


def _grid_block(indicators: list[Indicator], *, first_col: int, label: str | None) -> Block:
    """Return the 一级/二级/三级指标 grid; equal consecutive 一级 and 二级 cells are merged."""
    block = Block(name="grid", rows=1 + len(indicators), header_rows=1)
    c = first_col
    headers = (
        "一级指标",
        "二级指标",
        "三级指标",
        "年度指标值",
        "实际完成值",
        "分值",
        "得分",
        "偏差原因分析及改进措施",
    )
    if label is not None:
        block.add(_label(0, 0, label, rowspan=1 + len(indicators)))
    for i, text in enumerate(headers):
        block.add(_label(0, c + i, text))
    for level, col in (("level1", c), ("level2", c + 1)):
        start = 0
        while start < len(indicators):
            value = getattr(indicators[start], level)
            end = start + 1
            while (
                value is not None
                and end < len(indicators)
                and getattr(indicators[end], level) == value
                and (level == "level1" or indicators[end].level1 == indicators[start].level1)
            ):
                end += 1
            block.add(_text(1 + start, col, value, rowspan=end - start))
            start = end
    for i, indicator in enumerate(indicators, start=1):
        block.add(_text(i, c + 2, indicator.name))
        block.add(_text(i, c + 3, indicator.target))
        block.add(_text(i, c + 4, indicator.result))
        block.add(figure_cell(i, c + 5, indicator.weight))
        block.add(figure_cell(i, c + 6, indicator.score))
        block.add(_text(i, c + 7, indicator.deviation))
    return block
