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

from jixiao.core import fields
from jixiao.core import form as core
from jixiao.core.numbers import normalize

# The inputs the edit page has (``jixiao.core.fields``: a field whose input is "static" is shown, one
# whose input is "none" is not on the page). A check box posts nothing when it is off, so the page
# sends ``<path>_present`` beside it (``forms/_field.html``).
TYPED = ("text", "area", "lines", "number", "check", "choice")
PRESENT = "_present"
_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
_STEP = re.compile(r"([A-Za-z_0-9]+)|\[(\d+)\]")


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


def _set(data: dict[str, Any], path: str, value: Any) -> None:
    """Set the value at a FORMAT.md path in form data."""
    steps = [int(index) if index else name for name, index in _STEP.findall(path)]
    node: Any = data
    for step in steps[:-1]:
        node = node[step]
    node[steps[-1]] = value


def apply_post(stored: core.Form, post: QueryDict) -> Applied:
    """Return ``stored`` with every field present in ``post`` replaced by its posted value."""
    data = stored.to_dict()
    applied = Applied(form=stored)
    for path, entry, _value in fields.values(stored):
        if entry.input not in TYPED:
            continue
        if entry.input == "check":
            if path in post or path + PRESENT in post:
                _set(data, path, post.get(path) == "on")
            continue
        if path not in post:
            continue
        raw = post[path]
        if entry.input == "choice":
            if raw in entry.choices:
                _set(data, path, raw)
        elif entry.input == "lines":
            _set(data, path, _lines(raw))
        elif entry.input == "number":
            try:
                _set(data, path, parse_decimal(raw))
            except ValueError as exc:
                applied.errors[path] = str(exc)
                applied.pending[path] = raw
        else:
            _set(data, path, _text(raw))
    applied.form = core.Form.model_validate(data)
    return applied
