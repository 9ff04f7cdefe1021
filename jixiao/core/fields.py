"""The field catalogue: every field of ``jixiao.core.form.Form``, read from the model and its ``Spec``s.

This is the one list of the form's fields. A field is named by its *pattern*, the FORMAT.md path
with the indexes left out (``tasks[].indicators[].name``); a concrete path (``tasks[2].indicators[0]
.name``) finds its field through ``pattern_of``. Labels, input kinds, limits, what next year's form
keeps and how a 汇总 form is built come from the ``Spec`` on each field of the model; everything
else that lists the form's fields derives from here:

- the web rows (``jixiao.web.forms.convert``), the edit page (``editing``, ``present``), the storage
  limits (``storage_problems``), exports and open data (``jixiao.render``), ``compare``, next year's
  starting point (``carried``) and the roll-up (``jixiao.core.compute.rollup``).

Adding a field to the form is: the field with its ``Spec`` in ``form.py``, a column and a migration
in ``jixiao.web.forms.models``, an input on the edit page, a cell in the official layout; a test
fails for each that is left out (docs/facts.md, docs/adding-a-field.md).
"""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel

from jixiao.core import form as model
from jixiao.core.spec import Context, Input, Spec

# What a value of the field is: a text, a list of texts, a decimal, a whole number, yes/no, one of a
# few codes, a part of the form (funds, goals) or a list of rows (tasks, indicators, lines, review).
Shape = Literal["text", "texts", "decimal", "int", "bool", "choice", "part", "rows"]

# The storage bounds of a figure (``DecimalField(24, 6)`` in the web system): 18 whole digits, 6 decimals.
WHOLE_DIGITS = 18
DECIMAL_PLACES = 6

# The size of one form, on the screens, through the API and in an import alike. A department's form
# has a handful of tasks and a few dozen indicators; the bounds leave room for a large 汇总 while
# keeping the edit page, the check and the exports of one form within a few seconds.
MAX_TASKS = 200
MAX_INDICATORS = 2000
# A text with no column width of its own (a task, a narrative) is bounded too: the longest section
# of a real form is a few thousand characters.
MAX_TEXT = 20_000
# Rows of the other lists (funds lines) counted when sizing what one page may post.
OTHER_ROWS = 100

_INDEX = re.compile(r"\[\d+\]")
_INPUTS: dict[Shape, Input] = {
    "text": "text",
    "texts": "lines",
    "decimal": "number",
    "int": "static",
    "bool": "check",
    "choice": "choice",
    "part": "none",
    "rows": "none",
}


@dataclass(frozen=True)
class Field:
    """One field of the form: where it is (pattern), what it holds, and its ``Spec``."""

    pattern: str
    name: str
    shape: Shape
    spec: Spec
    choices: tuple[str, ...] = ()
    row: type[BaseModel] | None = None  # the model of a part or of each row

    @property
    def parent(self) -> str:
        """Return the pattern of the part or row the field is in (``""`` for the form itself)."""
        return self.pattern[: -len(self.name) - 1] if "." in self.pattern else ""

    @property
    def label(self) -> str:
        return self.spec.label

    @property
    def input(self) -> Input:
        return self.spec.input or _INPUTS[self.shape]

    @property
    def is_leaf(self) -> bool:
        return self.shape not in ("part", "rows")

    def printed(self, *contexts: Context) -> str:
        return self.spec.printed(*contexts)


def _type_of(annotation: Any) -> tuple[Shape, tuple[str, ...], type[BaseModel] | None]:
    if get_origin(annotation) is typing.Annotated:
        return _type_of(get_args(annotation)[0])
    args = [a for a in get_args(annotation) if a is not type(None)]
    origin = get_origin(annotation)
    if origin in (typing.Union, types.UnionType) and len(args) == 1:
        return _type_of(args[0])
    if origin is Literal:
        return "choice", tuple(str(a) for a in get_args(annotation)), None
    if origin is list:
        (item,) = get_args(annotation)
        if isinstance(item, type) and issubclass(item, BaseModel):
            return "rows", (), item
        return "texts", (), None
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return "part", (), annotation
    if annotation is Decimal:
        return "decimal", (), None
    if annotation is bool:
        return "bool", (), None
    if annotation is int:
        return "int", (), None
    if annotation is str:
        return "text", (), None
    raise TypeError(f"unsupported field type {annotation!r}")  # pragma: no cover - a new kind of field


def _walk(cls: type[BaseModel], prefix: str) -> Iterator[Field]:
    for name, info in cls.model_fields.items():
        specs = [m for m in info.metadata if isinstance(m, Spec)]
        if len(specs) != 1:
            raise TypeError(f"{cls.__name__}.{name} needs exactly one Spec")  # pragma: no cover
        key = info.alias or name
        pattern = f"{prefix}.{key}" if prefix else key
        kind, choices, row = _type_of(info.annotation)
        yield Field(pattern=pattern, name=key, shape=kind, spec=specs[0], choices=choices, row=row)
        if row is not None:
            yield from _walk(row, pattern + ("[]" if kind == "rows" else ""))


@cache
def catalogue() -> tuple[Field, ...]:
    """Return every field of the form, parts and lists included, in the order of FORMAT.md."""
    return tuple(_walk(model.Form, ""))


@cache
def _by_pattern() -> dict[str, Field]:
    return {f.pattern: f for f in catalogue()}


def leaves() -> tuple[Field, ...]:
    """Return the fields that hold a value (texts, figures, lists of texts), not parts or rows."""
    return tuple(f for f in catalogue() if f.is_leaf)


@cache
def children(parent: str) -> tuple[Field, ...]:
    """Return the fields directly inside a part or row: ``children("tasks[]")`` → name, expected, …"""
    return tuple(f for f in catalogue() if f.parent == parent)


def get(pattern: str) -> Field:
    """Return the field of a pattern (``funds.lines[].actual``); ``KeyError`` for an unknown one."""
    return _by_pattern()[pattern]


def pattern_of(path: str) -> str:
    """Return the pattern of a concrete path: ``tasks[2].indicators[0].name`` → ``tasks[].indicators[].name``."""
    return _INDEX.sub("[]", path)


def find(path: str) -> Field | None:
    """Return the field at a concrete path, or None (an item path such as ``tasks[2]`` is its list's)."""
    pattern = pattern_of(path)
    return _by_pattern().get(pattern.removesuffix("[]"))


def contexts(path: str, kind: str) -> tuple[Context, ...]:
    """Return the layouts a label at ``path`` is printed in, most specific first."""
    form_kind: Context = "project" if kind == "project" else "department"
    if path.startswith("tasks["):
        return ("task", form_kind)
    if path.startswith("indicators"):
        return ("grid", form_kind)
    return (form_kind,)


def label(path: str, kind: str = "department") -> str:
    """Return the label of the field at a path as the form of ``kind`` prints it."""
    found = find(path)
    if found is None:
        raise KeyError(path)
    return found.printed(*contexts(path, kind))


_PART = re.compile(r"([A-Za-z_0-9]+)(?:\[(\d+)\])?")


def path_label(path: str) -> str:
    """Return a path in Chinese: ``tasks[2].indicators[0].name`` → 主要任务3·关键指标1·指标名称."""
    if not path:
        return "全表"
    parts: list[str] = []
    pattern = ""
    for piece in path.split("."):
        match = _PART.fullmatch(piece)
        if match is None:
            parts.append(piece)
            continue
        name, index = match.groups()
        pattern = f"{pattern}.{name}" if pattern else name
        found = _by_pattern().get(pattern)
        if found is None:
            parts.append(piece)
        elif index is not None:
            parts.append(f"{found.spec.item or found.label}{int(index) + 1}")
        else:
            parts.append(found.label)
        pattern += "[]" if index is not None else ""
    return "·".join(parts)


# --- a form's values, by concrete path ------------------------------------------------------------


def values(form: model.Form, shape: Shape | None = None) -> Iterator[tuple[str, Field, Any]]:
    """Yield every leaf of a form (of one ``shape``, if given) with its concrete path and its field."""
    yield from _values(form, "", "", shape)


@cache
def _plan(parent: str, shape: Shape | None) -> tuple[tuple[Field, str], ...]:
    """Return, for a part or row, its leaves of the shape and the parts and lists that hold any."""
    plan = []
    for field in children(parent):
        attr = "schema_" if field.name == "schema" else field.name
        if field.is_leaf:
            if shape is None or field.shape == shape:
                plan.append((field, attr))
        elif _plan(field.pattern + ("[]" if field.shape == "rows" else ""), shape):
            plan.append((field, attr))
    return tuple(plan)


def _values(
    part: BaseModel, prefix: str, parent: str, shape: Shape | None
) -> Iterator[tuple[str, Field, Any]]:
    for field, attr in _plan(parent, shape):
        path = f"{prefix}.{field.name}" if prefix else field.name
        value = getattr(part, attr)
        if field.shape == "part":
            yield from _values(value, path, field.pattern, shape)
        elif field.shape == "rows":
            inner = field.pattern + "[]"
            for i, row in enumerate(value):
                yield from _values(row, f"{path}[{i}]", inner, shape)
        else:
            yield path, field, value


def containers(form: model.Form) -> Iterator[tuple[str, Field]]:
    """Yield every part, list and row of a form with its concrete path: ``funds``, ``tasks``, ``tasks[0]`` …"""
    yield from _containers(form, "", "")


def _containers(part: BaseModel, prefix: str, parent: str) -> Iterator[tuple[str, Field]]:
    for field in children(parent):
        if field.is_leaf:
            continue
        path = f"{prefix}.{field.name}" if prefix else field.name
        yield path, field
        value = getattr(part, field.name)
        if field.shape == "part":
            yield from _containers(value, path, field.pattern)
        else:
            for i, row in enumerate(value):
                yield f"{path}[{i}]", field
                yield from _containers(row, f"{path}[{i}]", field.pattern + "[]")


def on_page(field: Field) -> bool:
    """Return True when the edit page shows the field: neither it nor a part it is in says input "none"."""
    pattern = field.pattern
    while pattern:
        found = _by_pattern()[pattern]
        if found.spec.input == "none":
            return False
        pattern = found.parent.removesuffix("[]")
    return True


def on_form(field: Field, kind: str) -> bool:
    """Return True when forms of ``kind`` have the field (项目名称 and 实施单位 are the project form's)."""
    return kind in field.spec.kinds


# --- next year's form ----------------------------------------------------------------------------


def carried(form: model.Form) -> model.Form:
    """Return a form that keeps only what next year's form starts from (``Spec.carry``): its structure
    and targets, none of its results."""
    return model.Form.model_validate(_carry(form, ""))


def _carry(part: BaseModel, parent: str) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for field in children(parent):
        if not field.spec.carry:
            continue
        value = getattr(part, field.name)  # the format's own ``schema`` is never carried
        if field.shape == "part":
            data[field.name] = _carry(value, field.pattern)
        elif field.shape == "rows":
            data[field.name] = [_carry(row, field.pattern + "[]") for row in value]
        else:
            data[field.name] = value  # model_validate copies a list
    return data


# --- what a database can hold --------------------------------------------------------------------


def _problem(field: Field, value: Any) -> str | None:
    if isinstance(value, str):
        if "\x00" in value:
            return "不能含有空字符(\\u0000)"
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return "含有无法保存的字符(不成对的代理项)"
        limit = field.spec.max_length or MAX_TEXT
        if len(value) > limit:
            return f"不能超过{limit}个字(现有{len(value)}个字)"
    if isinstance(value, Decimal):
        _sign, digits, exponent = value.as_tuple()
        assert isinstance(exponent, int)  # a form holds finite figures only (pydantic refuses NaN)
        if -exponent > DECIMAL_PLACES:
            return f"小数位数不能超过{DECIMAL_PLACES}位"
        if len(digits) + exponent > WHOLE_DIGITS:
            return f"整数部分不能超过{WHOLE_DIGITS}位"
    return None


def size_problems(form: model.Form) -> dict[str, str]:
    """Return the form's counts past ``MAX_TASKS`` and ``MAX_INDICATORS``, by path ("" for the whole form)."""
    found: dict[str, str] = {}
    if len(form.tasks) > MAX_TASKS:
        found["tasks"] = f"不能超过{MAX_TASKS:,}项(每张表的上限;现有{len(form.tasks):,}项)"
    indicators = len(form.indicators) + sum(len(task.indicators) for task in form.tasks)
    if indicators > MAX_INDICATORS:
        found[""] = f"的绩效指标不能超过{MAX_INDICATORS:,}个(每张表的上限;现有{indicators:,}个)"
    return found


def room_for(form: model.Form, path: str) -> str | None:
    """Return why one more row cannot be added to the list at ``path`` (a limit reached), or None."""
    if path == "tasks" and len(form.tasks) >= MAX_TASKS:
        return f"主要任务已有{len(form.tasks):,}项,达到每张表的上限{MAX_TASKS:,}项,不能再添加。"
    indicators = len(form.indicators) + sum(len(task.indicators) for task in form.tasks)
    if (path == "tasks" or path.endswith("indicators")) and indicators >= MAX_INDICATORS:
        return f"绩效指标已有{indicators:,}个,达到每张表的上限{MAX_INDICATORS:,}个,不能再添加。"
    return None


def most_inputs() -> int:
    """Return how many inputs the edit page of a form at the limits has, at most (with room for the
    page's own fields: revision, structure token, explanations); the web system's posted-field limit."""
    total = 0
    for field in leaves():
        if not on_page(field):
            continue
        if "indicators[]" in field.pattern:
            total += MAX_INDICATORS
        elif field.pattern.startswith("tasks[]"):
            total += MAX_TASKS
        elif "[]" in field.pattern:
            total += OTHER_ROWS
        else:
            total += 1
    return total + 1000


def storage_problems(form: model.Form) -> dict[str, str]:
    """Return why a form cannot be stored as it is, by path (more tasks or indicators than a form may
    have, a text past its column, a 19-digit figure, a NUL character); empty when it can."""
    found: dict[str, str] = size_problems(form)
    for path, field, value in values(form):
        items = value if isinstance(value, list) else [value]
        for i, item in enumerate(items):
            problem = _problem(field, item)
            if problem:
                found.setdefault(f"{path}[{i}]" if isinstance(value, list) else path, problem)
    return found
