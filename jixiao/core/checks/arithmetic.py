"""Arithmetic (FORM.md §4, §7): reported figures against computed ones, 其中 lines, task funds, signs."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from jixiao.core.checks.registry import CheckContext, register
from jixiao.core.findings import Finding
from jixiao.core.numbers import decimals, equal_up_to_rounding, plain

TOLERANCE = Decimal("0.005")
ZERO = Decimal(0)

_LABELS = {
    "adjustment": "年度预算调整数",
    "adjustment_rate": "预算调整率",
    "execution_rate": "预算完成率",
    "score": "执行率得分",
}


def differs(reported: Decimal, computed: Decimal) -> bool:
    """Return True when a reported figure is off by more than the tolerance.

    A figure written with fewer than 2 decimals ("97.1") is compared at its own precision, so a
    form that rounds further than the display is not blamed for it.
    """
    if decimals(reported) < 2 and equal_up_to_rounding(computed, reported):
        return False
    return abs(reported - computed) > TOLERANCE


@register
def reported_figures(ctx: CheckContext) -> Iterator[Finding]:
    """Compare 调整数, 调整率, 完成率 and 执行率得分 as written against the computed figures."""
    funds, computed = ctx.form.funds, ctx.computed
    pairs: list[tuple[str, Decimal | None, Decimal | None, str, str]] = [
        ("adjustment", funds.adjustment, computed.adjustment, "万元", "年初预算 − 调整预算"),
        (
            "adjustment_rate",
            funds.adjustment_rate,
            computed.adjustment_rate,
            "%",
            "|调整数| ÷ 年初预算 × 100%",
        ),
        ("execution_rate", funds.execution_rate, computed.execution_rate, "%", "实际支出 ÷ 调整预算 × 100%"),
        ("score", funds.score, computed.execution_score, "分", "分值 × min(执行率, 100%)"),
    ]
    unit_of_amount = ctx.form.amount_unit
    for name, reported, value, unit, formula in pairs:
        if reported is None or value is None or not differs(reported, value):
            continue
        shown_unit = unit_of_amount if unit == "万元" else unit
        label = _LABELS[name]
        message = (
            f"{label}填报为 {plain(reported)}{shown_unit},按公式({formula})计算为 "
            f"{plain(value)}{shown_unit},相差 {plain(abs(reported - value))}{shown_unit}。请核对后修改或说明原因。"
        )
        if name == "adjustment":
            message += "如填报的是追加、追减与结构调整的总额(财预〔2013〕53号),请在说明中注明。"
        yield Finding(
            code=f"arithmetic.{name}",
            severity="warning",
            path=f"funds.{name}",
            message=message,
            detail=f"reported {plain(reported)} vs computed {plain(value)} ({formula})",
        )


@register
def fund_lines(ctx: CheckContext) -> Iterator[Finding]:
    """The 其中 lines may not add up to more than the total they break down."""
    funds, computed = ctx.form.funds, ctx.computed
    unit = ctx.form.amount_unit
    for attr, total, label in (
        ("actual", funds.actual, "实际支出数"),
        ("adjusted_budget", funds.adjusted_budget, "调整预算"),
        ("initial_budget", funds.initial_budget, "年初预算"),
    ):
        lines_total = getattr(computed, f"lines_{attr}")
        if total is None or lines_total is None or lines_total - total <= TOLERANCE:
            continue
        yield Finding(
            code="arithmetic.lines_exceed_total",
            severity="error",
            path="funds.lines" if len(funds.lines) != 1 else f"funds.lines[0].{attr}",
            message=(
                f"“其中”各项{label}合计 {plain(lines_total)}{unit},超过{label} {plain(total)}{unit}。"
                "分项之和不能大于总数,请核对。"
            ),
            detail=f"sum of lines.{attr} {plain(lines_total)} > funds.{attr} {plain(total)}",
        )


@register
def task_funds(ctx: CheckContext) -> Iterator[Finding]:
    """Task funds (任务涉及资金) may not exceed the department's budget, alone or together."""
    form, computed = ctx.form, ctx.computed
    total = (
        form.funds.adjusted_budget if form.funds.adjusted_budget is not None else form.funds.initial_budget
    )
    if total is None:
        return
    unit = form.amount_unit
    for index, task in enumerate(form.tasks):
        if task.funds is not None and task.funds - total > TOLERANCE:
            yield Finding(
                code="arithmetic.task_funds_exceed_total",
                severity="error",
                path=f"tasks[{index}].funds",
                message=f"该任务涉及资金 {plain(task.funds)}{unit} 超过部门预算 {plain(total)}{unit},请核对。",
                detail=f"task funds {plain(task.funds)} > budget {plain(total)}",
            )
    if computed.tasks_funds is not None and computed.tasks_funds - total > TOLERANCE:
        yield Finding(
            code="arithmetic.tasks_funds_exceed_total",
            severity="error",
            path="tasks",
            message=(
                f"各项任务涉及资金合计 {plain(computed.tasks_funds)}{unit},超过部门预算 {plain(total)}{unit},"
                "请核对各任务资金。"
            ),
            detail=f"sum of task funds {plain(computed.tasks_funds)} > budget {plain(total)}",
        )


@register
def negative_amounts(ctx: CheckContext) -> Iterator[Finding]:
    """Budgets, expenditure, task funds, weights and scores cannot be negative (调整数 can)."""
    form = ctx.form
    candidates: list[tuple[str, Decimal | None]] = [
        (f"funds.{attr}", getattr(form.funds, attr))
        for attr in (
            "initial_budget",
            "adjusted_budget",
            "actual",
            "execution_rate",
            "adjustment_rate",
            "weight",
            "score",
        )
    ]
    for i, line in enumerate(form.funds.lines):
        candidates += [
            (f"funds.lines[{i}].{attr}", getattr(line, attr))
            for attr in ("initial_budget", "adjusted_budget", "actual")
        ]
    candidates += [(f"tasks[{i}].funds", task.funds) for i, task in enumerate(form.tasks)]
    for path, indicator in form.all_indicators():
        candidates += [(f"{path}.weight", indicator.weight), (f"{path}.score", indicator.score)]
    candidates.append(("total_score", form.total_score))
    for path, value in candidates:
        if value is not None and value < ZERO:
            yield Finding(
                code="arithmetic.negative",
                severity="error",
                path=path,
                message=f"该项填报为负数({plain(value)}),金额、比率和分值不能为负,请核对。",
                detail=f"negative value {plain(value)}",
            )
