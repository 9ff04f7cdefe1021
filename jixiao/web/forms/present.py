"""What the edit page shows beside each input: findings placed by FORMAT.md path, verdicts, evidence.

``jixiao.core.report`` says everything; this module only decides where on the page each thing goes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from jixiao.core import fields, wording
from jixiao.core import form as core
from jixiao.core.compute import FIGURES
from jixiao.core.indicators.model import Evaluation
from jixiao.core.numbers import plain
from jixiao.core.report import Report

# The funds input beside which each computed figure is shown: the field that reports it.
COMPUTED_AT = {figure.name: figure.reported for figure in FIGURES if figure.reported}
_SLUG = re.compile(r"[^A-Za-z0-9_]+")


def slug(path: str) -> str:
    """Return an HTML id fragment for a FORMAT.md path: ``tasks[0].funds`` → ``tasks-0-funds``."""
    return _SLUG.sub("-", path).strip("-") or "form"


def parent_path(path: str) -> str:
    """Return the path one level up: ``tasks[1].funds`` → ``tasks[1]`` → ``tasks`` → ``""``."""
    if path.endswith("]"):
        return path[: path.rindex("[")]
    return path.rpartition(".")[0]


def slot_paths(form: core.Form) -> list[str]:
    """Return every path the edit page has a place for notes at: its inputs, and the parts, lists and
    rows they are in (``jixiao.core.fields``; a field whose input is "none" has no place)."""
    paths = [path for path, field in fields.containers(form) if fields.on_page(field)]
    paths += [
        path
        for path, field, _value in fields.values(form)
        if fields.on_page(field) and fields.on_form(field, form.kind)
    ]
    return paths


def place(path: str, slots: set[str]) -> str:
    """Return the slot a path belongs in: itself, else its nearest container with a slot, else ``""``."""
    while path and path not in slots:
        path = parent_path(path)
    return path


@dataclass
class Note:
    """One thing shown beside a field: a finding, an input error or an import review entry."""

    kind: str  # error | warning | info | review | input
    label: str
    message: str
    path: str
    code: str = ""
    review_id: int | None = None


@dataclass
class Page:
    """Everything the edit page and its live updates show, keyed by FORMAT.md path."""

    data: dict[str, Any]
    notes: dict[str, list[Note]] = field(default_factory=dict)
    general: list[Note] = field(default_factory=list)
    all_notes: list[Note] = field(default_factory=list)
    evaluations: dict[str, dict[str, Any]] = field(default_factory=dict)
    computed: list[dict[str, Any]] = field(default_factory=list)
    computed_at: dict[str, dict[str, Any]] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    pending: dict[str, str] = field(default_factory=dict)
    slots: list[str] = field(default_factory=list)
    lines: list[dict[str, Any]] = field(default_factory=list)
    tasks: list[dict[str, Any]] = field(default_factory=list)
    grid: list[dict[str, Any]] = field(default_factory=list)


def build_page(
    report: Report,
    *,
    review: list[Any] = (),  # type: ignore[assignment]
    errors: dict[str, str] | None = None,
    pending: dict[str, str] | None = None,
) -> Page:
    """Place the report's findings, the input errors and the open review entries by path."""
    form = report.form
    data = form.to_dict()
    slots = slot_paths(form)
    slot_set = set(slots)
    page = Page(data=data, pending=dict(pending or {}), slots=slots)
    notes: list[Note] = [
        Note(kind="input", label="无法读取", message=message, path=path)
        for path, message in (errors or {}).items()
    ]
    notes += [
        Note(
            kind=f.severity,
            label=wording.SEVERITIES.get(f.severity, f.severity),
            message=f.message,
            path=f.path,
            code=f.code,
        )
        for f in report.findings
    ]
    notes += [
        Note(
            kind="review",
            label="待核对",
            message=wording.review_problem(item.problem)
            + (
                wording.finding("review.where", source=wording.review_source(item.source))
                if item.source
                else ""
            ),
            path=item.path,
            code="review",
            review_id=item.pk,
        )
        for item in review
    ]
    for note in notes:
        where = place(note.path, slot_set)
        if where:
            page.notes.setdefault(where, []).append(note)
        else:
            page.general.append(note)
    page.all_notes = notes
    page.lines = [{"path": f"funds.lines[{i}]", "index": i} for i in range(len(form.funds.lines))]
    page.tasks = [
        {
            "path": f"tasks[{t}]",
            "index": t,
            "number": t + 1,
            "indicators": [
                {"path": f"tasks[{t}].indicators[{i}]", "index": i, "number": i + 1}
                for i in range(len(task.indicators))
            ],
        }
        for t, task in enumerate(form.tasks)
    ]
    page.grid = [
        {"path": f"indicators[{i}]", "index": i, "number": i + 1} for i in range(len(form.indicators))
    ]
    page.counts = {severity: report.count(severity) for severity in wording.SEVERITIES}
    page.counts["review"] = len(review)
    page.counts["input"] = len(errors or {})
    indicators = dict(form.all_indicators())  # indexed once: a lookup per indicator, not a scan
    for path, evaluation in report.evaluations:
        page.evaluations[path] = present_evaluation(evaluation, indicators.get(path))
    unit = form.amount_unit
    computed, reported = report.computed.values(), report.reported()
    for figure in FIGURES:
        at = COMPUTED_AT.get(figure.name)
        row = {
            "name": figure.name,
            "label": figure.label,
            "unit": unit if figure.unit == "amount" else figure.unit,
            "computed": _text(computed[figure.name]),
            "reported": _text(reported[figure.name]),
            "not_applicable": report.computed.not_applicable.get(figure.name),
            "differs": at is not None and any(n.code == f"arithmetic.{at.rpartition('.')[2]}" for n in notes),
        }
        page.computed.append(row)
        if at is not None:
            page.computed_at[at] = row
    return page


def _text(value: Decimal | None) -> str | None:
    return None if value is None else plain(value)


def present_evaluation(evaluation: Evaluation, indicator: core.Indicator | None) -> dict[str, Any]:
    """Return an indicator's verdict with the result text, its evidence spans marked."""
    result = (indicator.result if indicator else None) or ""
    spans = [
        actual.evidence
        for actual in evaluation.actual
        if 0 <= actual.evidence[0] < actual.evidence[1] <= len(result)
    ]
    return {
        "verdict": evaluation.verdict,
        "label": wording.VERDICTS.get(evaluation.verdict, evaluation.verdict),
        "reason": evaluation.reason,
        "target": ";".join(condition.describe() for condition in evaluation.conditions),
        "actual": [
            f"{plain(a.value) if isinstance(a.value, Decimal) else a.value}{a.written_unit}"
            for a in evaluation.actual
        ],
        "result_html": highlight(result, spans),
        "has_evidence": bool(spans),
    }


def highlight(text: str, spans: list[tuple[int, int]]) -> SafeString:
    """Return the text escaped, with each span wrapped in ``<mark>``."""
    out, position = [], 0
    for start, end in sorted(set(spans)):
        if start < position:
            continue
        out.append(escape(text[position:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        position = end
    out.append(escape(text[position:]))
    return mark_safe("".join(out))
