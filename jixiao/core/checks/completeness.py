"""Completeness (FORM.md §7): header, year, funds, goals, tasks and their indicators, problems, improvements."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from jixiao.core import fields, wording
from jixiao.core.checks.registry import CheckContext, register
from jixiao.core.findings import Finding, Severity

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


def _unfilled(ctx: CheckContext, path: str, severity: Severity) -> Finding:
    """Return the finding that the field at ``path`` is not filled in, named as the form prints it."""
    label = fields.label(path, ctx.form.kind)
    return _missing(
        f"completeness.{path}", severity, path, wording.finding("completeness.missing", label=label)
    )


def header(ctx: CheckContext) -> Iterator[Finding]:
    form = ctx.form
    if blank(form.department):
        yield _unfilled(ctx, "department", "error")
    if form.year is None:
        yield _unfilled(ctx, "year", "error")
    if form.kind == "project":
        if blank(form.project):
            yield _unfilled(ctx, "project", "error")
        if blank(form.implementing_unit):
            yield _unfilled(ctx, "implementing_unit", "warning")


def funds(ctx: CheckContext) -> Iterator[Finding]:
    funds = ctx.form.funds
    severities: tuple[tuple[str, Severity], ...] = (
        ("adjusted_budget", "error"),
        ("actual", "error"),
        ("initial_budget", "warning"),
    )
    for attr, severity in severities:
        if getattr(funds, attr) is None:
            yield _unfilled(ctx, f"funds.{attr}", severity)
    if funds.execution_rate is None and ctx.computed.execution_rate is not None:
        yield Finding(
            code="completeness.funds.execution_rate",
            severity="info",
            path="funds.execution_rate",
            message=wording.finding(
                "completeness.funds.execution_rate",
                label=fields.label("funds.execution_rate", ctx.form.kind),
                computed=ctx.computed.execution_rate,
            ),
            detail="execution rate left blank; computed value shown",
        )


def goals(ctx: CheckContext) -> Iterator[Finding]:
    goals = ctx.form.goals
    if blank(goals.expected):
        yield _unfilled(ctx, "goals.expected", "error")
    if blank(goals.achieved):
        yield _unfilled(ctx, "goals.achieved", "error")


_TASK_FIELDS: tuple[tuple[str, Severity], ...] = (
    ("name", "error"),
    ("expected", "warning"),
    ("achieved", "warning"),
    ("funds", "warning"),
)


def tasks_and_indicators(ctx: CheckContext) -> Iterator[Finding]:
    form = ctx.form
    if form.kind == "department" and not form.tasks and not form.indicators:
        yield _missing("completeness.tasks", "error", "tasks", wording.finding("completeness.tasks"))
    if form.kind == "project" and not form.indicators:
        yield _missing(
            "completeness.indicators", "error", "indicators", wording.finding("completeness.indicators")
        )
    for t, task in enumerate(form.tasks):
        base = f"tasks[{t}]"
        for name, severity in _TASK_FIELDS:
            value = getattr(task, name)
            if value is None or (isinstance(value, str) and blank(value)):
                label = fields.label(f"{base}.{name}", form.kind)
                message = wording.finding("completeness.task.missing", task=t + 1, label=label)
                yield _missing(f"completeness.task.{name}", severity, f"{base}.{name}", message)
        if not task.indicators:
            message = wording.finding("completeness.task.indicators", task=t + 1)
            yield _missing("completeness.task.indicators", "error", f"{base}.indicators", message)
    for path, indicator in form.all_indicators():
        where = _where(path)
        if blank(indicator.name):
            message = wording.finding("completeness.indicator.name", where=where)
            yield _missing("completeness.indicator.name", "error", f"{path}.name", message)
        elif indicator.name is not None and truncated(indicator.name):
            yield Finding(
                code="completeness.indicator.truncated",
                severity="error",
                path=f"{path}.name",
                message=wording.finding(
                    "completeness.indicator.truncated", where=where, name=indicator.name.strip()
                ),
                detail=f"indicator name looks truncated: {indicator.name!r}",
            )
        if blank(indicator.result):
            message = wording.finding("completeness.indicator.result", where=where)
            yield _missing("completeness.indicator.result", "error", f"{path}.result", message)


@lru_cache(maxsize=1024)
def _where(path: str) -> str:
    numbers = [int(n) + 1 for n in re.findall(r"\[(\d+)\]", path)]
    if path.startswith("tasks") and len(numbers) == 2:
        return wording.finding("completeness.where.task", task=numbers[0], indicator=numbers[1])
    return wording.finding("completeness.where.grid", indicator=numbers[0])


def problems_and_improvements(ctx: CheckContext) -> Iterator[Finding]:
    form = ctx.form
    if not any(not blank(p) for p in form.problems):
        yield _unfilled(ctx, "problems", "warning")
    if not any(not blank(p) for p in form.improvements):
        yield _unfilled(ctx, "improvements", "warning")


# Registered by a call, not a decorator, so that mutation testing (mutmut) reaches these functions.
register(header)
register(funds)
register(goals)
register(tasks_and_indicators)
register(problems_and_improvements)
