"""What a FORMAT.md form must also satisfy to be stored: the columns' lengths and sizes.

FORMAT.md puts no bound on a text or a number; the database does (``jixiao.web.forms.models``).
A form past those bounds is refused with the path and the bound in Chinese (422), never left to
fail inside the database. The bounds are read from the model fields, so they follow the models.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import models

from jixiao.core import form as core
from jixiao.web.forms import models as rows

# FORMAT.md field → the model column it is stored in, by part of the form.
_COLUMNS: dict[str, tuple[type[models.Model], dict[str, str]]] = {
    "form": (rows.Form, {"department": "department", "project": "project",
                         "implementing_unit": "implementing_unit", "grade": "grade",
                         "total_score": "total_score"}),
    "funds": (rows.Form, {name: name for name in (
        "initial_budget", "adjusted_budget", "actual", "adjustment",
        "execution_rate", "adjustment_rate", "weight", "score")}),
    "line": (rows.FundLine, {"source": "source", "initial_budget": "initial_budget",
                             "adjusted_budget": "adjusted_budget", "actual": "actual"}),
    "task": (rows.Task, {"funds": "funds"}),
    "indicator": (rows.Indicator, {"level1": "level1", "level2": "level2", "weight": "weight", "score": "score"}),
    "review": (rows.ReviewItem, {"path": "path", "source": "source"}),
}  # fmt: skip


def _column_problem(model: type[models.Model], column: str, value: Any) -> str | None:
    field = model._meta.get_field(column)
    if (
        isinstance(value, str)
        and isinstance(field, models.CharField)
        and field.max_length
        and len(value) > field.max_length
    ):
        return f"不能超过{field.max_length}个字(现有{len(value)}个字)"
    if isinstance(value, Decimal) and isinstance(field, models.DecimalField):
        places = field.decimal_places or 0
        whole_max = (field.max_digits or 0) - places
        _sign, digits, exponent = value.as_tuple()
        if not isinstance(exponent, int):
            return "不是有效的数字"
        if -exponent > places:
            return f"小数位数不能超过{places}位"
        if len(digits) + exponent > whole_max:
            return f"整数部分不能超过{whole_max}位"
    return None


def _text_problem(value: str) -> str | None:
    if "\x00" in value:
        return "不能含有空字符(\\u0000)"
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return "含有无法保存的字符(不成对的代理项)"
    return None


def _texts(data: Any, path: str, found: dict[str, str]) -> None:
    if isinstance(data, str):
        if problem := _text_problem(data):
            found.setdefault(path or "内容", problem)
    elif isinstance(data, dict):
        for key, value in data.items():
            _texts(value, f"{path}.{key}" if path else str(key), found)
    elif isinstance(data, list):
        for index, value in enumerate(data):
            _texts(value, f"{path}[{index}]", found)


def problems_by_path(data: core.Form) -> dict[str, str]:
    """Return why the form cannot be stored as it is, by FORMAT.md path; empty when it can."""
    found: dict[str, str] = {}
    _texts(data.model_dump(mode="python", by_alias=True), "", found)

    def check(part: str, source: Any, path: str) -> None:
        model, columns = _COLUMNS[part]
        for name, column in columns.items():
            if problem := _column_problem(model, column, getattr(source, name)):
                found.setdefault(f"{path}{name}", problem)

    check("form", data, "")
    check("funds", data.funds, "funds.")
    for i, line in enumerate(data.funds.lines):
        check("line", line, f"funds.lines[{i}].")
    for i, task in enumerate(data.tasks):
        check("task", task, f"tasks[{i}].")
    for path, indicator in data.all_indicators():
        check("indicator", indicator, f"{path}.")
    for i, item in enumerate(data.review):
        check("review", item, f"review[{i}].")
    return found


def problems(data: core.Form) -> list[str]:
    """Return why the form cannot be stored as it is ("path:reason"), or an empty list."""
    return [f"{path}:{problem}" for path, problem in problems_by_path(data).items()]
