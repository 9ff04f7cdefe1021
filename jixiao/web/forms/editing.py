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


# --- Field-level saves: what the page sends and what is stored, compared ----------------------------
# The edit page sends only the fields it changed: ``<path>`` with the new text and ``base:<path>`` with
# the text the page had for it (what it loaded, or what its last acknowledged save stored), beside
# ``revision`` (the revision the page was loaded at). A page without script posts every field, without
# bases; ``jixiao.web.forms.services.form_save_fields`` decides field by field.

BASE = "base:"


@dataclass(frozen=True)
class Reading:
    """What a text means for a field: a value, or (a number that cannot be read) the text as typed."""

    value: Any = None
    unreadable: str | None = None
    error: str = ""

    @property
    def key(self) -> Any:
        """Return what two readings are compared by: "97.1" and "97.10" differ, as written."""
        if self.unreadable is not None:
            return ("unreadable", self.unreadable)
        if isinstance(self.value, Decimal):
            return ("number", str(self.value))
        if isinstance(self.value, list):
            return ("list", tuple(self.value))
        return ("value", self.value)


def read(entry: fields.Field, raw: str) -> Reading | None:
    """Return what ``raw`` posted for a field of kind ``entry.input`` means (``None``: not a choice)."""
    if entry.input == "check":
        return Reading(value=raw == "on")
    if entry.input == "choice":
        return Reading(value=raw) if raw in entry.choices else None
    if entry.input == "lines":
        return Reading(value=_lines(raw))
    if entry.input == "number":
        try:
            return Reading(value=parse_decimal(raw))
        except ValueError as exc:
            return Reading(unreadable=raw, error=str(exc))
    return Reading(value=_text(raw))


def stored_reading(value: Any, path: str, pending: dict[str, str]) -> Reading:
    """Return the stored state of a field: the unreadable text kept for it, else its value."""
    if path in pending:
        return Reading(unreadable=pending[path])
    return Reading(value=value)


def shown(entry: fields.Field, reading: Reading) -> str:
    """Return a field's state as its input holds it (a check box: "on" or "")."""
    if reading.unreadable is not None:
        return reading.unreadable
    value = reading.value
    if entry.input == "check":
        return "on" if value else ""
    if entry.input == "lines":
        return "\n".join(value or [])
    return "" if value is None else str(value)


def editable_fields(form: core.Form) -> dict[str, tuple[fields.Field, Any]]:
    """Return every field the edit page has an input for, by path, with its stored value."""
    return {
        path: (entry, value)
        for path, entry, value in fields.values(form)
        if entry.input in TYPED and fields.on_page(entry) and fields.on_form(entry, form.kind)
    }


@dataclass(frozen=True)
class Posted:
    """One field as posted: the text sent and the text the page had before (``None``: not said)."""

    raw: str
    base: str | None


def posted_fields(
    form: core.Form, post: QueryDict, *, inputs: dict[str, tuple[fields.Field, Any]] | None = None
) -> dict[str, Posted]:
    """Return the fields a post carries, by path (only fields of the stored form's inputs;
    ``inputs``: ``editable_fields(form)`` when the caller has it already)."""
    found: dict[str, Posted] = {}
    for path, (entry, _value) in (inputs if inputs is not None else editable_fields(form)).items():
        if entry.input == "check":
            if path not in post and path + PRESENT not in post:
                continue
            raw = "on" if post.get(path) == "on" else ""
        elif path in post:
            raw = post[path]
        else:
            continue
        base = post.get(BASE + path)
        if base is not None and entry.input == "check":
            base = "on" if base == "on" else ""
        found[path] = Posted(raw=raw, base=base)
    return found


def set_value(data: dict[str, Any], path: str, value: Any) -> None:
    """Set the value at a FORMAT.md path in form data (``Form.to_dict()``)."""
    _set(data, path, value)
