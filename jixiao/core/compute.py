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
from typing import Any

from jixiao.core import fields
from jixiao.core.form import Form, FundLine, Funds, Indicator, ReviewItem, Task
from jixiao.core.numbers import HUNDRED, quantize2
from jixiao.core.spec import Unit

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

    def values(self) -> dict[str, Decimal | None]:
        return {figure.name: getattr(self, figure.name) for figure in FIGURES}


@dataclass(frozen=True)
class Figure:
    """A computed figure: its name in ``Computed``, unit, formula, the field that reports it (if the
    form states it) and its label (that field's, unless it has its own)."""

    name: str
    unit: Unit
    formula: str
    reported: str | None = None
    own_label: str | None = None

    @property
    def label(self) -> str:
        if self.own_label is not None or self.reported is None:
            return self.own_label or self.name
        return fields.get(self.reported).label


FIGURES: tuple[Figure, ...] = (
    Figure("adjustment", "amount", "年初预算 − 调整预算", "funds.adjustment"),
    Figure("adjustment_rate", "%", "|调整数| ÷ 年初预算 × 100%", "funds.adjustment_rate"),
    Figure("execution_rate", "%", "实际支出 ÷ 调整预算 × 100%", "funds.execution_rate"),
    Figure("execution_score", "分", "分值 × 执行率,执行率超过100%时按100%计", "funds.score", "执行率得分"),
    Figure("lines_initial_budget", "amount", "“其中”各项年初预算之和", None, "其中合计·年初预算"),
    Figure("lines_adjusted_budget", "amount", "“其中”各项调整预算之和", None, "其中合计·调整预算"),
    Figure("lines_actual", "amount", "“其中”各项实际支出之和", None, "其中合计·实际支出"),
    Figure("tasks_funds", "amount", "各项任务涉及资金之和", None, "任务涉及资金合计"),
)


def figure(name: str) -> Figure:
    """Return the computed figure of that name."""
    return next(f for f in FIGURES if f.name == name)


def reported(form: Form) -> dict[str, Decimal | None]:
    """Return, for each computed figure, the figure the form states (``None``: it states none)."""
    found: dict[str, Decimal | None] = {}
    for item in FIGURES:
        value = None
        if item.reported is not None:
            part, _, name = item.reported.rpartition(".")
            value = getattr(getattr(form, part) if part else form, name)
        found[item.name] = value
    return found


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

    Each field is rolled up as its ``Spec.rollup`` says (``jixiao.core.fields``): amounts are summed;
    rates are recomputed from the sums, never averaged; narratives are joined and tasks, indicators,
    problems and improvements concatenated with their unit named (【单位】). What a unit left blank
    is reported in ``review`` rather than taken as zero. Units in 万元 and in 元 are not mixed.
    """
    if not units:
        raise ValueError("汇总至少需要一个单位的自评表")
    review: list[ReviewItem] = []
    data: dict[str, Any] = {"funds": {}, "goals": {}}
    for entry in fields.catalogue():
        if entry.parent not in ("", "funds", "goals"):
            continue
        target = data[entry.parent] if entry.parent else data
        policy = entry.spec.rollup
        if policy == "same":
            target[entry.name] = _same(units, entry)
        elif policy == "sum":
            target[entry.name] = _summed(units, entry, review)
        elif policy == "join":
            target[entry.name] = _joined(units, entry)
        elif policy == "named":
            target[entry.name] = [
                _named(name, item) or item for name, form in units for item in _get(form, entry)
            ]
        elif policy == "first":
            target[entry.name] = list(_get(units[0][1], entry))
        elif policy == "lines":
            target[entry.name] = _rollup_lines(units)
    funds = Funds.model_validate(data.pop("funds"))
    if funds.adjustment is None:
        funds.adjustment = net_adjustment(funds.initial_budget, funds.adjusted_budget)
    computed = compute(Form(funds=funds))
    funds.execution_rate = computed.execution_rate  # policy "rate": from the sums
    funds.adjustment_rate = computed.adjustment_rate
    rows, shifted = _rollup_rows(units)
    return Form.model_validate(
        {
            **data,
            "kind": "department",  # policy "given": what a 汇总 form is
            "year": year if year is not None else units[0][1].year,
            "department": department,
            "summary": True,
            "funds": funds,
            **rows,
            "review": review + shifted,
        }
    )


def _get(form: Form, field: fields.Field) -> Any:
    return getattr(getattr(form, field.parent) if field.parent else form, field.name)


def _same(units: Sequence[tuple[str, Form]], field: fields.Field) -> Any:
    found = {_get(form, field) for _, form in units}
    if len(found) > 1:
        shown = "/".join(sorted(str(value) for value in found))
        raise ValueError(f"各单位自评表的{field.label}不一致({shown}),请先统一后再汇总")
    return found.pop()


def _summed(
    units: Sequence[tuple[str, Form]], field: fields.Field, review: list[ReviewItem]
) -> Decimal | None:
    values = [_get(form, field) for _, form in units]
    missing = [name for (name, _), value in zip(units, values, strict=True) if value is None]
    if missing and len(missing) < len(values):
        review.append(
            ReviewItem(
                path=field.pattern,
                problem=f"以下单位未填写,汇总时未计入: {'、'.join(missing)}",
                source="汇总",
            )
        )
    return _sum(values)


def _rollup_rows(units: Sequence[tuple[str, Form]]) -> tuple[dict[str, list[Any]], list[ReviewItem]]:
    """Concatenate the units' tasks and indicator rows (names prefixed 【单位】); shift their review paths."""
    tasks: list[Task] = []
    indicators: list[Indicator] = []
    review: list[ReviewItem] = []
    for name, form in units:
        task_offset, indicator_offset = len(tasks), len(indicators)
        for task in form.tasks:
            tasks.append(task.model_copy(deep=True, update={"name": _named(name, task.name)}))
        for indicator in form.indicators:
            indicators.append(indicator.model_copy(deep=True, update={"name": _named(name, indicator.name)}))
        for item in form.review:
            review.append(
                ReviewItem(
                    path=_shift_path(item.path, task_offset, indicator_offset),
                    problem=item.problem,
                    source=f"{name}: {item.source}" if item.source else name,
                )
            )
    return {"tasks": tasks, "indicators": indicators}, review


def _named(unit: str, text: str | None) -> str | None:
    return f"【{unit}】{text}" if text else text


def _joined(units: Sequence[tuple[str, Form]], field: fields.Field) -> str | None:
    parts = [f"【{name}】{text}" for name, form in units if (text := _get(form, field))]
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
