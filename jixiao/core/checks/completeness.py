"""Completeness (FORM.md §7): header, year, funds, goals, tasks and their indicators, problems, improvements."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from jixiao.core.checks.registry import CheckContext, register
from jixiao.core.findings import Finding, Severity
from jixiao.core.form import Form

# Letters, digits and CJK ideographs: what carries meaning in a name.
_MEANINGFUL = re.compile(r"[0-9A-Za-z\u3400-\u9fff]")
# A cell cut by the page or the column: it begins with a measure word or closing punctuation.
_CUT_START = re.compile(r"^[个项次件人户台组天日月年元%％。,，;；、)）」』”]")


def blank(text: str | None) -> bool:
    return text is None or not text.strip()


def truncated(text: str) -> bool:
    """Return True for a cell of which only a fragment is left ("个。", "项;")."""
    if len(text) > 12:
        return False
    meaningful = _MEANINGFUL.findall(text)
    return len(meaningful) < 2 or (len(meaningful) < 4 and bool(_CUT_START.match(text.strip())))


def _missing(code: str, severity: Severity, path: str, message: str) -> Finding:
    return Finding(code=code, severity=severity, path=path, message=message, detail=f"{path} is empty")


@register
def header(ctx: CheckContext) -> Iterator[Finding]:
    form = ctx.form
    if blank(form.department):
        label = "主管部门" if form.kind == "project" else "部门名称"
        yield _missing("completeness.department", "error", "department", f"未填写{label}。")
    if form.year is None:
        yield _missing("completeness.year", "error", "year", "未填写被评价年度。")
    if form.kind == "project":
        if blank(form.project):
            yield _missing("completeness.project", "error", "project", "未填写项目名称。")
        if blank(form.implementing_unit):
            yield _missing(
                "completeness.implementing_unit", "warning", "implementing_unit", "未填写实施单位。"
            )


@register
def funds(ctx: CheckContext) -> Iterator[Finding]:
    funds = ctx.form.funds
    labels = _fund_labels(ctx.form)
    for attr, severity in (("adjusted_budget", "error"), ("actual", "error"), ("initial_budget", "warning")):
        if getattr(funds, attr) is None:
            yield _missing(f"completeness.funds.{attr}", severity, f"funds.{attr}", f"未填写{labels[attr]}。")  # type: ignore[arg-type]
    if funds.execution_rate is None and ctx.computed.execution_rate is not None:
        yield Finding(
            code="completeness.funds.execution_rate",
            severity="info",
            path="funds.execution_rate",
            message=f"未填写{labels['execution_rate']},按公式计算为 {ctx.computed.execution_rate}%。",
            detail="execution rate left blank; computed value shown",
        )


def _fund_labels(form: Form) -> dict[str, str]:
    if form.kind == "project":
        return {
            "initial_budget": "年初预算数",
            "adjusted_budget": "全年预算数",
            "actual": "全年执行数",
            "execution_rate": "执行率",
        }
    return {
        "initial_budget": "部门年初预算收入",
        "adjusted_budget": "部门调整预算收入",
        "actual": "实际支出数",
        "execution_rate": "预算完成率",
    }


@register
def goals(ctx: CheckContext) -> Iterator[Finding]:
    goals = ctx.form.goals
    if blank(goals.expected):
        yield _missing("completeness.goals.expected", "error", "goals.expected", "未填写年度目标(预期目标)。")
    if blank(goals.achieved):
        yield _missing("completeness.goals.achieved", "error", "goals.achieved", "未填写年度目标完成情况。")


@register
def tasks_and_indicators(ctx: CheckContext) -> Iterator[Finding]:
    form = ctx.form
    if form.kind == "department" and not form.tasks and not form.indicators:
        yield _missing("completeness.tasks", "error", "tasks", "未填写主要任务及其关键指标。")
    if form.kind == "project" and not form.indicators:
        yield _missing("completeness.indicators", "error", "indicators", "未填写绩效指标。")
    for t, task in enumerate(form.tasks):
        base = f"tasks[{t}]"
        if blank(task.name):
            yield _missing(
                "completeness.task.name", "error", f"{base}.name", f"第{t + 1}项主要任务未填写任务名称。"
            )
        if blank(task.expected):
            yield _missing(
                "completeness.task.expected",
                "warning",
                f"{base}.expected",
                f"第{t + 1}项主要任务未填写预期目标。",
            )
        if blank(task.achieved):
            yield _missing(
                "completeness.task.achieved",
                "warning",
                f"{base}.achieved",
                f"第{t + 1}项主要任务未填写目标完成情况。",
            )
        if task.funds is None:
            yield _missing(
                "completeness.task.funds",
                "warning",
                f"{base}.funds",
                f"第{t + 1}项主要任务未填写任务涉及资金。",
            )
        if not task.indicators:
            yield _missing(
                "completeness.task.indicators",
                "error",
                f"{base}.indicators",
                f"第{t + 1}项主要任务没有关键指标。",
            )
    for path, indicator in form.all_indicators():
        where = _where(path)
        if blank(indicator.name):
            yield _missing(
                "completeness.indicator.name",
                "error",
                f"{path}.name",
                f"{where}的指标名称为空,无法判断目标是否完成。",
            )
        elif indicator.name is not None and truncated(indicator.name):
            yield Finding(
                code="completeness.indicator.truncated",
                severity="error",
                path=f"{path}.name",
                message=f"{where}的指标名称不完整(只剩“{indicator.name.strip()}”),请补全指标及其目标值。",
                detail=f"indicator name looks truncated: {indicator.name!r}",
            )
        if blank(indicator.result):
            yield _missing(
                "completeness.indicator.result", "error", f"{path}.result", f"{where}未填写指标完成情况。"
            )


@lru_cache(maxsize=1024)
def _where(path: str) -> str:
    numbers = [int(n) + 1 for n in re.findall(r"\[(\d+)\]", path)]
    if path.startswith("tasks") and len(numbers) == 2:
        return f"第{numbers[0]}项任务第{numbers[1]}个关键指标"
    return f"第{numbers[0]}个绩效指标" if numbers else "指标"


@register
def problems_and_improvements(ctx: CheckContext) -> Iterator[Finding]:
    form = ctx.form
    if not any(not blank(p) for p in form.problems):
        yield _missing("completeness.problems", "warning", "problems", "未填写存在问题。")
    if not any(not blank(p) for p in form.improvements):
        yield _missing("completeness.improvements", "warning", "improvements", "未填写改进措施或下一步计划。")
