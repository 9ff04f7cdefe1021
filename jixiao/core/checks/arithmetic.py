"""Arithmetic (FORM.md §4, §7): reported figures against computed ones, 其中 lines, task funds, signs."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from jixiao.core import fields, wording
from jixiao.core.checks.registry import CheckContext, register
from jixiao.core.compute import FIGURES, reported
from jixiao.core.findings import Finding
from jixiao.core.numbers import decimals, equal_up_to_rounding, plain

TOLERANCE = Decimal("0.005")
ZERO = Decimal(0)


def differs(reported: Decimal, computed: Decimal) -> bool:
    """Return True when a reported figure is off by more than the tolerance.

    A figure written with fewer than 2 decimals ("97.1") is compared at its own precision, so a
    form that rounds further than the display is not blamed for it.
    """
    if decimals(reported) < 2 and equal_up_to_rounding(computed, reported):
        return False
    return abs(reported - computed) > TOLERANCE


def reported_figures(ctx: CheckContext) -> Iterator[Finding]:
    """Compare 调整数, 调整率, 完成率 and 执行率得分 as written against the computed figures."""
    computed = ctx.computed.values()
    stated = reported(ctx.form)
    for figure in FIGURES:
        written, value = stated[figure.name], computed[figure.name]
        if figure.reported is None or written is None or value is None or not differs(written, value):
            continue
        unit = ctx.form.amount_unit if figure.unit == "amount" else figure.unit
        path = figure.reported
        message = wording.finding(
            "arithmetic.reported",
            label=figure.label,
            reported=plain(written),
            computed=plain(value),
            difference=plain(abs(written - value)),
            unit=unit,
            formula=figure.formula,
        )
        if figure.name == "adjustment":
            message += wording.finding("arithmetic.adjustment.gross")
        yield Finding(
            code=f"arithmetic.{path.rpartition('.')[2]}",
            severity="warning",
            path=path,
            message=message,
            detail=f"reported {plain(written)} vs computed {plain(value)} ({figure.formula})",
        )


def fund_lines(ctx: CheckContext) -> Iterator[Finding]:
    """The 其中 lines may not add up to more than the total they break down."""
    funds, computed = ctx.form.funds, ctx.computed
    unit = ctx.form.amount_unit
    for attr in ("actual", "adjusted_budget", "initial_budget"):
        total = getattr(funds, attr)
        lines_total = getattr(computed, f"lines_{attr}")
        if total is None or lines_total is None or lines_total - total <= TOLERANCE:
            continue
        label = fields.label(f"funds.{attr}", ctx.form.kind)
        yield Finding(
            code="arithmetic.lines_exceed_total",
            severity="error",
            path="funds.lines" if len(funds.lines) != 1 else f"funds.lines[0].{attr}",
            message=wording.finding(
                "arithmetic.lines_exceed_total",
                label=label,
                lines=plain(lines_total),
                total=plain(total),
                unit=unit,
            ),
            detail=f"sum of lines.{attr} {plain(lines_total)} > funds.{attr} {plain(total)}",
        )


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
                message=wording.finding(
                    "arithmetic.task_funds_exceed_total",
                    funds=plain(task.funds),
                    total=plain(total),
                    unit=unit,
                ),
                detail=f"task funds {plain(task.funds)} > budget {plain(total)}",
            )
    if computed.tasks_funds is not None and computed.tasks_funds - total > TOLERANCE:
        yield Finding(
            code="arithmetic.tasks_funds_exceed_total",
            severity="error",
            path="tasks",
            message=wording.finding(
                "arithmetic.tasks_funds_exceed_total",
                funds=plain(computed.tasks_funds),
                total=plain(total),
                unit=unit,
            ),
            detail=f"sum of task funds {plain(computed.tasks_funds)} > budget {plain(total)}",
        )


def negative_amounts(ctx: CheckContext) -> Iterator[Finding]:
    """Figures cannot be negative: budgets, expenditure, rates, weights, scores (调整数 can: ``signed``)."""
    for path, field, value in fields.values(ctx.form, "decimal"):
        if not field.spec.signed and value is not None and value < ZERO:
            yield Finding(
                code="arithmetic.negative",
                severity="error",
                path=path,
                message=wording.finding("arithmetic.negative", value=plain(value)),
                detail=f"negative value {plain(value)}",
            )


# Registered by a call, not a decorator, so that mutation testing (mutmut) reaches these functions.
register(reported_figures)
register(fund_lines)
register(task_funds)
register(negative_amounts)
