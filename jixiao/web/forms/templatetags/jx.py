"""Template helpers for the form pages: inputs named by FORMAT.md path, with their notes beside them."""

from __future__ import annotations

import re
from typing import Any

from django import template

from jixiao.core import fields
from jixiao.web.forms.present import Page, slug

register = template.Library()
_PART = re.compile(r"([a-z_0-9]+)|\[(\d+)\]")


def value_at(data: Any, path: str) -> Any:
    """Return the value at a FORMAT.md path in form data (``None`` where absent)."""
    node = data
    for name, index in _PART.findall(path):
        try:
            node = node[int(index)] if index else node[name]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def _shown(raw: Any, *, lines: bool) -> str:
    if lines:
        return "\n".join(raw or [])
    return "" if raw is None else str(raw)


@register.filter
def chinese_or(text: Any, default: str) -> str:
    """Return the text when it is written for people (Chinese), else the default: an exception's
    English name ("Resolver404") is never shown."""
    shown = str(text or "")
    return shown if re.search(r"[\u4e00-\u9fff]", shown) else default


@register.filter(name="slug")
def slug_filter(path: str) -> str:
    return slug(path)


@register.filter
def path_label(path: str) -> str:
    """Return a FORMAT.md path in Chinese (主要任务3·指标1·指标名称)."""
    from jixiao.render.labels import path_label as label

    return label(path)


@register.filter
def label(path: str, form_kind: str = "department") -> str:
    """Return the label of the field at a path as the form of ``form_kind`` prints it."""
    return fields.label(path, form_kind)


@register.filter
def columns(pattern: str) -> list[str]:
    """Return the names of the fields of one row of a list (``funds.lines[]``), from the catalogue."""
    return [f.name for f in fields.children(pattern) if f.is_leaf]


@register.filter
def notes_at(page: Page, path: str) -> list[Any]:
    return page.notes.get(path, [])


@register.filter
def evaluation_at(page: Page, path: str) -> dict[str, Any] | None:
    return page.evaluations.get(path)


def _label(path: str, form_kind: str) -> tuple[str, str, str]:
    """Return an input's label, kind and hint from the field catalogue (``jixiao.core.fields``)."""
    found = fields.find(path)
    if found is None:
        raise template.TemplateSyntaxError(f"{path} is not a field of the form")
    label = fields.label(path, form_kind)
    if found.spec.unit == "%":
        label += "(%)"
    if found.input == "lines":
        label += "(每行一条)"
    return label, found.input, found.spec.hint or ""


def _choices(path: str) -> tuple[str, ...]:
    found = fields.find(path)
    return found.choices if found is not None else ()


@register.inclusion_tag("forms/_field.html", takes_context=True)
def field(context: Any, path: str) -> dict[str, Any]:
    """Render one input named by its path, its label (from the field catalogue), and the notes at it."""
    page: Page = context["page"]
    label, kind, hint = _label(path, page.data.get("kind", "department"))
    value = page.pending.get(path)
    if value is None:
        value = _shown(value_at(page.data, path), lines=kind == "lines")
    return {
        "path": path,
        "id": slug(path),
        "label": label,
        "kind": kind,
        "hint": hint,
        "value": value,
        "notes": page.notes.get(path, []),
        "form_pk": context.get("form_pk"),
        "computed": page.computed_at.get(path),
        "rows": max(2, min(12, len(value) // 60 + value.count("\n") + 1)) if kind in ("area", "lines") else 0,
        "choices": _choices(path),
        "checked": value == "True",
    }


@register.inclusion_tag("forms/_notes.html", takes_context=True)
def notes(context: Any, page: Page, path: str) -> dict[str, Any]:
    """Render the notes placed at a container path (a task, an indicator, a section)."""
    return {
        "id": slug(path),
        "notes": page.notes.get(path, []),
        "path": path,
        "form_pk": context.get("form_pk"),
    }
