"""A form with every field of the model filled in, built from the field catalogue.

The tests that walk every field (database rows, the edit page, XLSX export and import, slots,
labels) start from these forms, so a field added to ``jixiao.core.form`` is filled in, and checked,
without anyone listing it here.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from pydantic import BaseModel

from jixiao.core import fields
from jixiao.core.form import Form

# Texts a reader of any layout takes as content (no label words, no numbers that look like figures).
_WORDS = ("甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸")


# Fields whose readers expect the words real forms use.
_REAL = {
    "grade": ("优",),
    "funds.lines[].source": ("当年财政拨款", "上年结转资金"),
    "review[].path": ("tasks[0].indicators[1].result", "funds.actual"),
    "review[].problem": ("text partly unreadable", "empty cell"),
}


def _text(counter: list[int], field: fields.Field) -> str:
    counter[0] += 1
    n = counter[0]
    word = _WORDS[n % len(_WORDS)] + _WORDS[(n // len(_WORDS)) % len(_WORDS)]
    return f"{word}{_WORDS[(n // 7) % len(_WORDS)]}组的情况说明"


def _value(counter: list[int], field: fields.Field, kind: str) -> Any:
    if field.shape == "text":
        if field.pattern in _REAL:
            counter[0] += 1
            choices = _REAL[field.pattern]
            return choices[counter[0] % len(choices)]
        return _text(counter, field)
    if field.shape == "texts":
        return [_text(counter, field), _text(counter, field)]
    if field.shape == "decimal":
        counter[0] += 1
        if field.spec.unit == "%":
            return Decimal(f"{90 + counter[0] % 9}.{counter[0] % 89 + 10}")
        if field.spec.unit == "分":
            return Decimal(f"{counter[0] % 9 + 1}.5")
        return Decimal(f"{1000 + counter[0] * 7}.{counter[0] % 89 + 10}")
    if field.shape == "int":
        return 2021
    if field.shape == "bool":
        return kind == "department"
    if field.shape == "choice":
        if field.name == "kind":
            return kind
        if field.name == "amount_unit":
            return "元" if kind == "department" else "万元"
        return field.choices[0]
    raise AssertionError(field)  # pragma: no cover


def _fill(model: type[BaseModel], parent: str, counter: list[int], kind: str) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for field in fields.children(parent):
        if not fields.on_form(field, kind):
            continue
        if field.shape == "part":
            assert field.row is not None
            data[field.name] = _fill(field.row, field.pattern, counter, kind)
        elif field.shape == "rows":
            assert field.row is not None
            data[field.name] = [_fill(field.row, field.pattern + "[]", counter, kind) for _ in range(2)]
        else:
            data[field.name] = _value(counter, field, kind)
    return data


def full_form(kind: str = "department") -> Form:
    """Return a form of ``kind`` with every field it has filled in, two rows in every list."""
    return Form.model_validate(_fill(Form, "", [0], kind))
