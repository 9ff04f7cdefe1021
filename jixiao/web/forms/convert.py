"""The edge between rows and ``jixiao.core.form.Form``: a form round-trips to FORMAT.md JSON exactly."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import models, transaction

from jixiao.core import form as core
from jixiao.web.forms import models as rows

FUND_FIELDS = (
    "initial_budget",
    "adjusted_budget",
    "actual",
    "adjustment",
    "execution_rate",
    "adjustment_rate",
    "weight",
    "score",
)
LINE_FIELDS = ("source", "initial_budget", "adjusted_budget", "actual")
TASK_FIELDS = ("name", "expected", "achieved", "funds")
INDICATOR_FIELDS = ("level1", "level2", "name", "target", "result", "weight", "score", "deviation")
HEADER_FIELDS = ("kind", "year", "department", "summary", "project", "implementing_unit", "amount_unit")
TEXT_FIELDS = ("key_project", "overall_performance", "problems", "improvements", "grade", "notes")


def _scale(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def _written(value: Any, scale: int | None) -> Decimal | None:
    """Return a stored number with the decimals it was written with."""
    if value is None:
        return None
    number = Decimal(value)
    return number.quantize(Decimal(1).scaleb(-(scale or 0)))


def _fill(row: models.Model, source: Any, fields: tuple[str, ...], *, prefix: str = "") -> None:
    """Copy fields from a core model onto a row, recording the decimals of each number."""
    scales: dict[str, int] = getattr(row, "scales", {}) or {}
    for name in fields:
        value = getattr(source, name)
        if isinstance(value, Decimal):
            scale = _scale(value)
            if scale > rows.MAX_DECIMALS:
                raise ValueError(f"{prefix}{name}: 小数位数不能超过{rows.MAX_DECIMALS}位")
            scales[name] = scale
        else:
            scales.pop(name, None)
        setattr(row, name, value)
    row.scales = scales  # type: ignore[attr-defined]


def _read(row: models.Model, fields: tuple[str, ...], *, decimals: tuple[str, ...]) -> dict[str, Any]:
    scales: dict[str, int] = getattr(row, "scales", {}) or {}
    data: dict[str, Any] = {}
    for name in fields:
        value = getattr(row, name)
        data[name] = _written(value, scales.get(name)) if name in decimals else value
    return data


_LINE_DECIMALS = ("initial_budget", "adjusted_budget", "actual")
_INDICATOR_DECIMALS = ("weight", "score")


def to_core(form: rows.Form) -> core.Form:
    """Build the ``jixiao.core`` form from a stored form and its rows (open review entries only)."""
    lines = [
        core.FundLine(**_read(line, LINE_FIELDS, decimals=_LINE_DECIMALS)) for line in form.fund_lines.all()
    ]
    funds = core.Funds(**_read(form, FUND_FIELDS, decimals=FUND_FIELDS), lines=lines)
    indicators = list(form.indicators.all())
    by_task: dict[int | None, list[core.Indicator]] = {}
    for indicator in sorted(indicators, key=lambda i: i.position):
        by_task.setdefault(indicator.task_id, []).append(
            core.Indicator(**_read(indicator, INDICATOR_FIELDS, decimals=_INDICATOR_DECIMALS))
        )
    tasks = [
        core.Task(**_read(task, TASK_FIELDS, decimals=("funds",)), indicators=by_task.get(task.id, []))
        for task in sorted(form.tasks.all(), key=lambda t: t.position)
    ]
    review = [
        core.ReviewItem(path=item.path, problem=item.problem, source=item.source)
        for item in sorted(form.review_items.all(), key=lambda r: r.position)
        if item.resolved_at is None
    ]
    scales = form.scales or {}
    return core.Form(
        kind=form.kind,
        year=form.year,
        department=form.department,
        summary=form.summary,
        project=form.project,
        implementing_unit=form.implementing_unit,
        amount_unit=form.amount_unit,
        funds=funds,
        goals=core.Goals(expected=form.goals_expected, achieved=form.goals_achieved),
        tasks=tasks,
        indicators=by_task.get(None, []),
        key_project=form.key_project,
        overall_performance=form.overall_performance,
        problems=list(form.problems or []),
        improvements=list(form.improvements or []),
        total_score=_written(form.total_score, scales.get("total_score")),
        grade=form.grade,
        notes=list(form.notes or []),
        review=review,
    )


def fill_form_fields(row: rows.Form, data: core.Form) -> None:
    """Copy the form-level fields (header, funds, goals, texts) from a core form onto the row."""
    for name in HEADER_FIELDS:
        setattr(row, name, getattr(data, name))
    row.scales = {}
    _fill(row, data.funds, FUND_FIELDS, prefix="funds.")
    _fill(row, data, ("total_score",))
    row.goals_expected, row.goals_achieved = data.goals.expected, data.goals.achieved
    for name in TEXT_FIELDS:
        setattr(row, name, getattr(data, name))


@transaction.atomic
def replace_rows(row: rows.Form, data: core.Form, *, keep_review: bool = True) -> None:
    """Replace the lines, tasks and indicators of a saved form with those of ``data``.

    Review entries are replaced only when ``keep_review`` is false (an import brings its own);
    otherwise the open ones stay as they are, since a filler's edit does not make them go away.
    """
    row.fund_lines.all().delete()
    row.indicators.all().delete()
    row.tasks.all().delete()
    lines = []
    for position, line in enumerate(data.funds.lines):
        item = rows.FundLine(form=row, position=position)
        _fill(item, line, LINE_FIELDS, prefix=f"funds.lines[{position}].")
        lines.append(item)
    rows.FundLine.objects.bulk_create(lines)

    tasks = []
    for position, task in enumerate(data.tasks):
        item = rows.Task(form=row, position=position)
        _fill(item, task, TASK_FIELDS, prefix=f"tasks[{position}].")
        tasks.append(item)
    rows.Task.objects.bulk_create(tasks)  # sets primary keys on PostgreSQL and SQLite ≥ 3.35

    indicators = []
    for task_row, task in zip(tasks, data.tasks, strict=True):
        for position, indicator in enumerate(task.indicators):
            item = rows.Indicator(form=row, task=task_row, position=position)
            _fill(item, indicator, INDICATOR_FIELDS)
            indicators.append(item)
    for position, indicator in enumerate(data.indicators):
        item = rows.Indicator(form=row, task=None, position=position)
        _fill(item, indicator, INDICATOR_FIELDS)
        indicators.append(item)
    rows.Indicator.objects.bulk_create(indicators)

    if not keep_review:
        row.review_items.all().delete()
        rows.ReviewItem.objects.bulk_create(
            rows.ReviewItem(
                form=row, position=position, path=item.path, problem=item.problem, source=item.source
            )
            for position, item in enumerate(data.review)
        )


def prefetched(queryset: models.QuerySet[rows.Form]) -> models.QuerySet[rows.Form]:
    """Return the queryset with everything ``to_core`` reads fetched in a few queries."""
    return queryset.select_related(
        "organisation", "organisation__parent", "organisation__region"
    ).prefetch_related("fund_lines", "tasks", "indicators", "review_items")
