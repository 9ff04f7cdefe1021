"""Reading the edit page's fields back into a form.

Every input on the edit page is named by its FORMAT.md path (``funds.actual``,
``tasks[0].indicators[2].result``, ``problems``), so a posted page applies onto the stored form
path by path, and a finding or an error about a path lands next to the input of that name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.http import QueryDict

from jixiao.core import form as core
from jixiao.core.numbers import normalize
from jixiao.web.forms.convert import FUND_FIELDS, INDICATOR_FIELDS, LINE_FIELDS, TASK_FIELDS

DECIMAL_NAMES = frozenset(
    {*FUND_FIELDS, "funds", "weight", "score", "total_score", "initial_budget", "adjusted_budget", "actual"}
)
LIST_FIELDS = ("problems", "improvements", "notes")
TEXT_FIELDS = ("department", "project", "implementing_unit", "key_project", "overall_performance", "grade")
_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


@dataclass
class Applied:
    """The form with the posted values applied, and what could not be read (path → message, raw text)."""

    form: core.Form
    errors: dict[str, str] = field(default_factory=dict)
    pending: dict[str, str] = field(default_factory=dict)


def structure_token(form: core.Form) -> str:
    """Return a token of the form's shape (lines, tasks, indicators), to refuse a post from a stale page."""
    tasks = ",".join(str(len(task.indicators)) for task in form.tasks)
    return f"l{len(form.funds.lines)}t{tasks}g{len(form.indicators)}"


def parse_decimal(raw: str) -> Decimal | None:
    """Read a number as a filler types it: "9,368.62", "97.10%", "９７.１０", "174.76万元"; "" is None."""
    text = normalize(raw).replace(",", "").replace(" ", "").strip()
    for suffix in ("%", "万元", "元", "分"):
        text = text.removesuffix(suffix)
    if not text:
        return None
    if not _NUMBER.match(text):
        raise ValueError("请填写数字,如 9368.62(可带千分位逗号或 %)")
    try:
        return Decimal(text)
    except InvalidOperation as exc:  # pragma: no cover - the pattern admits only digits
        raise ValueError("请填写数字") from exc


def _text(raw: str) -> str | None:
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    return text if text.strip() else None


def _lines(raw: str) -> list[str]:
    return [line.strip() for line in raw.replace("\r\n", "\n").split("\n") if line.strip()]


def apply_post(stored: core.Form, post: QueryDict) -> Applied:
    """Return ``stored`` with every field present in ``post`` replaced by its posted value."""
    data = stored.to_dict()
    applied = Applied(form=stored)

    def take(path: str, target: dict[str, Any], key: str, *, number: bool = False) -> None:
        if path not in post:
            return
        raw = post[path]
        if not number:
            target[key] = _text(raw)
            return
        try:
            target[key] = parse_decimal(raw)
        except ValueError as exc:
            applied.errors[path] = str(exc)
            applied.pending[path] = raw

    for name in TEXT_FIELDS:
        take(name, data, name)
    take("total_score", data, "total_score", number=True)
    if "amount_unit" in post and post["amount_unit"] in ("万元", "元"):
        data["amount_unit"] = post["amount_unit"]
    if "summary" in post or "summary_present" in post:
        data["summary"] = post.get("summary") == "on"
    for name in FUND_FIELDS:
        take(f"funds.{name}", data["funds"], name, number=True)
    for i, line in enumerate(data["funds"]["lines"]):
        for name in LINE_FIELDS:
            take(f"funds.lines[{i}].{name}", line, name, number=name != "source")
    take("goals.expected", data["goals"], "expected")
    take("goals.achieved", data["goals"], "achieved")
    for t, task in enumerate(data["tasks"]):
        for name in TASK_FIELDS:
            take(f"tasks[{t}].{name}", task, name, number=name == "funds")
        for i, indicator in enumerate(task["indicators"]):
            _take_indicator(take, f"tasks[{t}].indicators[{i}]", indicator)
    for i, indicator in enumerate(data["indicators"]):
        _take_indicator(take, f"indicators[{i}]", indicator)
    for name in LIST_FIELDS:
        if name in post:
            data[name] = _lines(post[name])
    applied.form = core.Form.model_validate(data)
    return applied


def _take_indicator(take: Any, prefix: str, indicator: dict[str, Any]) -> None:
    for name in INDICATOR_FIELDS:
        take(f"{prefix}.{name}", indicator, name, number=name in ("weight", "score"))
