"""The edge between rows and ``jixiao.core.form.Form``: a form round-trips to FORMAT.md JSON exactly."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import models, transaction

from jixiao.core import fields
from jixiao.core import form as core
from jixiao.web.forms import models as rows

# The form's own row holds the header, the funds and the goals: a field's column is its name, after
# the prefix of its part. Each list of rows has its model, whose columns are the fields' names. The
# format's constant ``schema`` is not stored. ``tests/web/test_fields_rows.py`` checks every field of
# ``jixiao.core.form`` has its column.
NOT_STORED = ("schema",)
FORM_PARTS = {"": "", "funds": "", "goals": "goals_"}
ROW_MODELS: dict[str, type[models.Model]] = {
    "funds.lines[]": rows.FundLine,
    "tasks[]": rows.Task,
    "tasks[].indicators[]": rows.Indicator,
    "indicators[]": rows.Indicator,
    "review[]": rows.ReviewItem,
}

Column = tuple[fields.Field, str]


def form_columns() -> list[Column]:
    """Return the fields stored on the form's own row, each with its column."""
    return [
        (field, FORM_PARTS[field.parent] + field.name)
        for field in fields.leaves()
        if field.parent in FORM_PARTS and field.name not in NOT_STORED
    ]


def row_columns(pattern: str) -> list[Column]:
    """Return the fields of one row of a list (``tasks[]``), each with its column."""
    return [(field, field.name) for field in fields.children(pattern) if field.is_leaf]


def _scale(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def _written(value: Any, scale: int | None) -> Decimal | None:
    """Return a stored number with the decimals it was written with."""
    if value is None:
        return None
    number = Decimal(value)
    return number.quantize(Decimal(1).scaleb(-(scale or 0)))


def _fill(row: models.Model, values: dict[str, Any], columns: list[Column], *, prefix: str = "") -> None:
    """Copy values (by field name) onto a row's columns, recording the decimals of each number."""
    scales: dict[str, int] = getattr(row, "scales", {}) or {}
    for field, column in columns:
        value = values[field.name]
        if isinstance(value, Decimal):
            scale = _scale(value)
            if scale > rows.MAX_DECIMALS:
                raise ValueError(f"{prefix}{field.name}: 小数位数不能超过{rows.MAX_DECIMALS}位")
            scales[column] = scale
        else:
            scales.pop(column, None)
        setattr(row, column, list(value) if isinstance(value, list) else value)
    if hasattr(row, "scales"):
        row.scales = scales


def _value(row: models.Model, field: fields.Field, column: str, scales: dict[str, int]) -> Any:
    value = getattr(row, column)
    if field.shape == "decimal":
        return _written(value, scales.get(column))
    if field.shape == "texts":
        return list(value or [])
    return value


def _read(row: models.Model, columns: list[Column]) -> dict[str, Any]:
    scales: dict[str, int] = getattr(row, "scales", {}) or {}
    return {field.name: _value(row, field, column, scales) for field, column in columns}


def _attrs(part: Any) -> dict[str, Any]:
    return {name: getattr(part, name) for name in type(part).model_fields}


def to_core(form: rows.Form) -> core.Form:
    """Build the ``jixiao.core`` form from a stored form and its rows (open review entries only)."""
    data = _read_parts(form)
    data["funds"]["lines"] = [_read(line, row_columns("funds.lines[]")) for line in form.fund_lines.all()]
    indicators = sorted(form.indicators.all(), key=lambda i: i.position)
    by_task: dict[int | None, list[dict[str, Any]]] = {}
    for indicator in indicators:
        by_task.setdefault(indicator.task_id, []).append(_read(indicator, row_columns("indicators[]")))
    data["tasks"] = [
        {**_read(task, row_columns("tasks[]")), "indicators": by_task.get(task.id, [])}
        for task in sorted(form.tasks.all(), key=lambda t: t.position)
    ]
    data["indicators"] = by_task.get(None, [])
    data["review"] = [
        _read(item, row_columns("review[]"))
        for item in sorted(form.review_items.all(), key=lambda r: r.position)
        if item.resolved_at is None
    ]
    return core.Form.model_validate(data)


def _read_parts(form: rows.Form) -> dict[str, Any]:
    """Return the fields kept on the form's row, nested by part (``funds``, ``goals``)."""
    data: dict[str, Any] = {}
    scales: dict[str, int] = form.scales or {}
    for field, column in form_columns():
        target = data.setdefault(field.parent, {}) if field.parent else data
        target[field.name] = _value(form, field, column, scales)
    return data


def fill_form_fields(row: rows.Form, data: core.Form) -> None:
    """Copy the fields kept on the form's row (header, funds, goals, texts) from a core form onto it."""
    row.scales = {}
    for parent, prefix in FORM_PARTS.items():
        part = getattr(data, parent) if parent else data
        columns = [(f, c) for f, c in form_columns() if f.parent == parent]
        _fill(row, _attrs(part), columns, prefix=f"{parent}." if parent else prefix)


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
        _fill(item, _attrs(line), row_columns("funds.lines[]"), prefix=f"funds.lines[{position}].")
        lines.append(item)
    rows.FundLine.objects.bulk_create(lines)

    tasks = []
    for position, task in enumerate(data.tasks):
        item = rows.Task(form=row, position=position)
        _fill(item, _attrs(task), row_columns("tasks[]"), prefix=f"tasks[{position}].")
        tasks.append(item)
    rows.Task.objects.bulk_create(tasks)  # sets primary keys on PostgreSQL and SQLite ≥ 3.35

    indicators = []
    for task_row, task in zip(tasks, data.tasks, strict=True):
        for position, indicator in enumerate(task.indicators):
            item = rows.Indicator(form=row, task=task_row, position=position)
            _fill(item, _attrs(indicator), row_columns("tasks[].indicators[]"))
            indicators.append(item)
    for position, indicator in enumerate(data.indicators):
        item = rows.Indicator(form=row, task=None, position=position)
        _fill(item, _attrs(indicator), row_columns("indicators[]"))
        indicators.append(item)
    rows.Indicator.objects.bulk_create(indicators)

    if not keep_review:
        row.review_items.all().delete()
        items = []
        for position, entry in enumerate(data.review):
            item = rows.ReviewItem(form=row, position=position)
            _fill(item, _attrs(entry), row_columns("review[]"))
            items.append(item)
        rows.ReviewItem.objects.bulk_create(items)


def _compared(values: dict[str, Any], columns: list[Column]) -> dict[str, Any]:
    """Return a row's stored values as compared for a change: 97.1 and 97.10 differ, as written."""
    found = {field.name: values[field.name] for field, _column in columns}
    return {name: ("decimal", str(v)) if isinstance(v, Decimal) else v for name, v in found.items()}


@transaction.atomic
def update_rows(row: rows.Form, before: core.Form, data: core.Form) -> bool:
    """Write only the lines, tasks and indicators of ``data`` that differ from ``before``.

    ``row`` must carry its rows as read for ``before`` (``prefetched``, under the caller's lock);
    a field-level save changes a few values, so it rewrites a few rows, not all of them. Returns
    False, writing nothing, when the rows do not pair one to one (then ``replace_rows``).
    """
    tasks = sorted(row.tasks.all(), key=lambda t: t.position)
    indicators = sorted(row.indicators.all(), key=lambda i: i.position)
    by_task: dict[int | None, list[rows.Indicator]] = {}
    for indicator in indicators:
        by_task.setdefault(indicator.task_id, []).append(indicator)
    pairs: list[tuple[models.Model, Any, Any, list[Column], str]] = []
    lines = list(row.fund_lines.all())
    if not (len(lines) == len(before.funds.lines) == len(data.funds.lines)):
        return False
    if not (len(tasks) == len(before.tasks) == len(data.tasks)):
        return False
    for position, (item, old, new) in enumerate(
        zip(lines, before.funds.lines, data.funds.lines, strict=True)
    ):
        pairs.append((item, old, new, row_columns("funds.lines[]"), f"funds.lines[{position}]."))
    for position, (item, old, new) in enumerate(zip(tasks, before.tasks, data.tasks, strict=True)):
        pairs.append((item, old, new, row_columns("tasks[]"), f"tasks[{position}]."))
        mine = by_task.get(item.pk, [])
        if not (len(mine) == len(old.indicators) == len(new.indicators)):
            return False
        columns = row_columns("tasks[].indicators[]")
        pairs += [
            (i, o, n, columns, "") for i, o, n in zip(mine, old.indicators, new.indicators, strict=True)
        ]
    grid = by_task.get(None, [])
    if not (len(grid) == len(before.indicators) == len(data.indicators)):
        return False
    columns = row_columns("indicators[]")
    pairs += [
        (i, o, n, columns, "") for i, o, n in zip(grid, before.indicators, data.indicators, strict=True)
    ]
    for item, old, new, columns, prefix in pairs:
        values = _attrs(new)
        if _compared(values, columns) == _compared(_attrs(old), columns):
            continue
        _fill(item, values, columns, prefix=prefix)
        item.save(update_fields=[column for _field, column in columns] + ["scales"])
    return True


def prefetched(queryset: models.QuerySet[rows.Form]) -> models.QuerySet[rows.Form]:
    """Return the queryset with everything ``to_core`` reads fetched in a few queries."""
    return queryset.select_related(
        "organisation", "organisation__parent", "organisation__region"
    ).prefetch_related("fund_lines", "tasks", "indicators", "review_items")
