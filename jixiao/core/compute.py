"""The computations of FORM.md §4: adjustment, rates, 其中 lines, task funds; and the roll-up (汇总).

Every figure is computed from the amounts as written (2 decimals in 万元) and rounded once, at the
end, 四舍五入. A zero or missing denominator gives "not applicable": ``None`` with a reason in
``Computed.not_applicable``, never 0 or infinity.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.core.form import Form, FundLine, Funds, Goals, Indicator, ReviewItem, Task
from jixiao.core.numbers import HUNDRED, quantize2

ZERO = Decimal(0)


@dataclass(frozen=True)
class Computed:
    """Figures computed from a form's amounts; ``None`` where not computable (see ``not_applicable``)."""

    adjustment: Decimal | None = None
    adjustment_rate: Decimal | None = None
    execution_rate: Decimal | None = None
    execution_score: Decimal | None = None
    lines_initial_budget: Decimal | None = None
    lines_adjusted_budget: Decimal | None = None
    lines_actual: Decimal | None = None
    tasks_funds: Decimal | None = None
    not_applicable: dict[str, str] = field(default_factory=dict)

    FIELDS = (
        "adjustment",
        "adjustment_rate",
        "execution_rate",
        "execution_score",
        "lines_initial_budget",
        "lines_adjusted_budget",
        "lines_actual",
        "tasks_funds",
    )

    def values(self) -> dict[str, Decimal | None]:
        return {name: getattr(self, name) for name in self.FIELDS}


def net_adjustment(initial: Decimal | None, adjusted: Decimal | None) -> Decimal | None:
    """Return 年初预算 − 调整预算 (positive: 调减; negative: 调增); None if either is missing."""
    if initial is None or adjusted is None:
        return None
    return initial - adjusted


def ratio_percent(numerator: Decimal, denominator: Decimal) -> Decimal:
    """Return numerator ÷ denominator × 100, rounded once to 2 decimals."""
    return quantize2(numerator * HUNDRED / denominator)


def _sum(values: Sequence[Decimal | None]) -> Decimal | None:
    present = [value for value in values if value is not None]
    return sum(present, ZERO) if present else None


def compute(form: Form) -> Computed:
    """Compute the figures of FORM.md §4 for one form."""
    funds = form.funds
    not_applicable: dict[str, str] = {}

    adjustment = net_adjustment(funds.initial_budget, funds.adjusted_budget)
    if adjustment is None:
        not_applicable["adjustment"] = "缺少年初预算或调整预算"

    # 调整数 may be gross (财预〔2013〕53号), so the rate uses the figure the form states where it
    # states one, and the net difference where it does not.
    effective_adjustment = funds.adjustment if funds.adjustment is not None else adjustment
    adjustment_rate: Decimal | None = None
    if funds.initial_budget is None or effective_adjustment is None:
        not_applicable["adjustment_rate"] = "缺少年初预算或调整数"
    elif funds.initial_budget == ZERO:
        not_applicable["adjustment_rate"] = "年初预算为零,调整率不适用"
    else:
        adjustment_rate = ratio_percent(abs(effective_adjustment), funds.initial_budget)

    execution_rate: Decimal | None = None
    if funds.actual is None or funds.adjusted_budget is None:
        not_applicable["execution_rate"] = "缺少实际支出或调整预算"
    elif funds.adjusted_budget == ZERO:
        not_applicable["execution_rate"] = "调整预算为零,执行率不适用"
    else:
        execution_rate = ratio_percent(funds.actual, funds.adjusted_budget)

    execution_score = execution_score_for(funds, execution_rate)

    return Computed(
        adjustment=adjustment,
        adjustment_rate=adjustment_rate,
        execution_rate=execution_rate,
        execution_score=execution_score,
        lines_initial_budget=_sum([line.initial_budget for line in funds.lines]),
        lines_adjusted_budget=_sum([line.adjusted_budget for line in funds.lines]),
        lines_actual=_sum([line.actual for line in funds.lines]),
        tasks_funds=_sum([task.funds for task in form.tasks]),
        not_applicable=not_applicable,
    )


def execution_score_for(funds: Funds, execution_rate: Decimal | None) -> Decimal | None:
    """Return 分值 × min(执行率, 100%) (FORM.md §6) where the form gives a 分值."""
    if funds.weight is None or execution_rate is None:
        return None
    return quantize2(funds.weight * min(execution_rate, HUNDRED) / HUNDRED)


# --- Roll-up (汇总) -------------------------------------------------------------------------------

_INDEXED = re.compile(r"^(tasks|indicators)\[(\d+)\]")


def rollup(units: Sequence[tuple[str, Form]], *, department: str, year: int | None = None) -> Form:
    """Roll the forms of subordinate units up into the first-level department's 汇总 form.

    Amounts are summed; rates are recomputed from the sums, never averaged; tasks, indicators,
    problems and improvements are concatenated with their unit named (【单位】). What a unit left
    blank is reported in ``review`` rather than taken as zero.
    """
    if not units:
        raise ValueError("汇总至少需要一个单位的自评表")
    amount_units = {form.amount_unit for _, form in units}
    if len(amount_units) > 1:
        raise ValueError("各单位自评表的金额单位不一致(万元/元),请先统一后再汇总")
    review: list[ReviewItem] = []

    def summed(attr: str) -> Decimal | None:
        values = [getattr(form.funds, attr) for _, form in units]
        missing = [name for (name, _), value in zip(units, values, strict=True) if value is None]
        if missing and len(missing) < len(values):
            review.append(
                ReviewItem(
                    path=f"funds.{attr}",
                    problem=f"以下单位未填写,汇总时未计入: {'、'.join(missing)}",
                    source="汇总",
                )
            )
        return _sum(values)

    initial = summed("initial_budget")
    adjusted = summed("adjusted_budget")
    actual = summed("actual")
    adjustment = summed("adjustment")
    if adjustment is None:
        adjustment = net_adjustment(initial, adjusted)

    funds = Funds(
        initial_budget=initial,
        adjusted_budget=adjusted,
        actual=actual,
        adjustment=adjustment,
        lines=_rollup_lines(units),
    )
    computed = compute(Form(funds=funds))
    funds.execution_rate = computed.execution_rate
    funds.adjustment_rate = computed.adjustment_rate

    tasks: list[Task] = []
    indicators: list[Indicator] = []
    for name, form in units:
        task_offset, indicator_offset = len(tasks), len(indicators)
        for task in form.tasks:
            copy = task.model_copy(deep=True)
            copy.name = _named(name, task.name)
            tasks.append(copy)
        for indicator in form.indicators:
            copy_indicator = indicator.model_copy(deep=True)
            copy_indicator.name = _named(name, indicator.name)
            indicators.append(copy_indicator)
        for item in form.review:
            review.append(
                ReviewItem(
                    path=_shift_path(item.path, task_offset, indicator_offset),
                    problem=item.problem,
                    source=f"{name}: {item.source}" if item.source else name,
                )
            )

    return Form(
        kind="department",
        year=year if year is not None else units[0][1].year,
        department=department,
        summary=True,
        amount_unit=units[0][1].amount_unit,
        funds=funds,
        goals=Goals(
            expected=_joined(units, lambda f: f.goals.expected),
            achieved=_joined(units, lambda f: f.goals.achieved),
        ),
        tasks=tasks,
        indicators=indicators,
        key_project=_joined(units, lambda f: f.key_project),
        overall_performance=_joined(units, lambda f: f.overall_performance),
        problems=[_named(name, p) or p for name, form in units for p in form.problems],
        improvements=[_named(name, p) or p for name, form in units for p in form.improvements],
        notes=list(units[0][1].notes),
        review=review,
    )


def _named(unit: str, text: str | None) -> str | None:
    return f"【{unit}】{text}" if text else text


def _joined(units: Sequence[tuple[str, Form]], get: object) -> str | None:
    assert callable(get)
    parts = [f"【{name}】{text}" for name, form in units if (text := get(form))]
    return "\n".join(parts) if parts else None


def _rollup_lines(units: Sequence[tuple[str, Form]]) -> list[FundLine]:
    by_source: dict[str, list[FundLine]] = {}
    for _, form in units:
        for line in form.funds.lines:
            by_source.setdefault(line.source or "", []).append(line)
    return [
        FundLine(
            source=source or None,
            initial_budget=_sum([line.initial_budget for line in lines]),
            adjusted_budget=_sum([line.adjusted_budget for line in lines]),
            actual=_sum([line.actual for line in lines]),
        )
        for source, lines in by_source.items()
    ]


def _shift_path(path: str, task_offset: int, indicator_offset: int) -> str:
    match = _INDEXED.match(path)
    if not match:
        return path
    offset = task_offset if match.group(1) == "tasks" else indicator_offset
    return f"{match.group(1)}[{int(match.group(2)) + offset}]{path[match.end() :]}"
