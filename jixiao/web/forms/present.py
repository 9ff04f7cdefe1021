"""What the edit page shows beside each input: findings placed by FORMAT.md path, verdicts, evidence.

``jixiao.core.report`` says everything; this module only decides where on the page each thing goes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from jixiao.core import form as core
from jixiao.core.report import Report

SEVERITY_LABELS = {"error": "错误", "warning": "警告", "info": "提示"}
VERDICT_LABELS = {
    "met": "已达成",
    "not_met": "未达成",
    "unverifiable": "声称达成,无法核实",
    "unknown": "无法判断",
}
COMPUTED_LABELS = {
    "adjustment": ("年度预算调整数", "amount"),
    "adjustment_rate": ("预算调整率", "%"),
    "execution_rate": ("预算完成率", "%"),
    "execution_score": ("执行率得分", "分"),
    "lines_initial_budget": ("其中合计·年初预算", "amount"),
    "lines_adjusted_budget": ("其中合计·调整预算", "amount"),
    "lines_actual": ("其中合计·实际支出", "amount"),
    "tasks_funds": ("任务涉及资金合计", "amount"),
}
# The funds input beside which each computed figure is shown.
COMPUTED_AT = {
    "adjustment": "adjustment",
    "adjustment_rate": "adjustment_rate",
    "execution_rate": "execution_rate",
    "execution_score": "score",
}
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
    """Return every path the edit page has a place for findings at (inputs and their containers)."""
    paths = [
        "department",
        "summary",
        "amount_unit",
        "year",
        "funds",
        "funds.lines",
        "goals",
        "goals.expected",
        "goals.achieved",
        "tasks",
        "indicators",
        "key_project",
        "overall_performance",
        "problems",
        "improvements",
        "notes",
        "total_score",
        "grade",
    ]
    if form.kind == "project":
        paths += ["project", "implementing_unit"]
    paths += [f"funds.{name}" for name in core.Funds.model_fields if name != "lines"]
    for i, _ in enumerate(form.funds.lines):
        paths += [f"funds.lines[{i}]"] + [f"funds.lines[{i}].{n}" for n in core.FundLine.model_fields]
    for t, task in enumerate(form.tasks):
        paths += [f"tasks[{t}]", f"tasks[{t}].indicators"]
        paths += [f"tasks[{t}].{n}" for n in ("name", "expected", "achieved", "funds")]
        for i, _ in enumerate(task.indicators):
            prefix = f"tasks[{t}].indicators[{i}]"
            paths += [prefix] + [f"{prefix}.{n}" for n in core.Indicator.model_fields]
    for i, _ in enumerate(form.indicators):
        paths += [f"indicators[{i}]"] + [f"indicators[{i}].{n}" for n in core.Indicator.model_fields]
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
            label=SEVERITY_LABELS.get(f.severity, f.severity),
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
            message=item.problem,
            path=item.path,
            code=item.source or "",
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
    report_data = report.to_dict()
    page.counts = dict(report_data.get("counts", {}))
    page.counts["review"] = len(review)
    page.counts["input"] = len(errors or {})
    for item in report_data["indicators"]:
        page.evaluations[item["path"]] = present_evaluation(item, form)
    unit = form.amount_unit
    for name, (label, kind) in COMPUTED_LABELS.items():
        value = report_data["computed"].get(name)
        reported = report_data["reported"].get(name)
        row = {
            "name": name,
            "label": label,
            "unit": unit if kind == "amount" else kind,
            "computed": value,
            "reported": reported,
            "not_applicable": report_data["not_applicable"].get(name),
            "differs": any(n.code == f"arithmetic.{COMPUTED_AT.get(name, name)}" for n in notes),
        }
        page.computed.append(row)
        if name in COMPUTED_AT:
            page.computed_at[f"funds.{COMPUTED_AT[name]}"] = row
    return page


def present_evaluation(item: dict[str, Any], form: core.Form) -> dict[str, Any]:
    """Return an indicator's verdict with the result text, its evidence spans marked."""
    verdict = str(item.get("verdict") or "unknown")
    indicator = _indicator_at(form, item["path"])
    result = (indicator.result if indicator else None) or ""
    spans: list[tuple[int, int]] = []
    for actual in item.get("actual") or []:
        evidence = actual.get("evidence") if isinstance(actual, dict) else None
        span = _span(evidence)
        if span and span[1] <= len(result):
            spans.append(span)
    return {
        "verdict": verdict,
        "label": VERDICT_LABELS.get(verdict, verdict),
        "reason": item.get("reason") or "",
        "target": _target_text(item),
        "actual": [a.get("text") or a.get("value") for a in item.get("actual") or [] if isinstance(a, dict)],
        "result_html": highlight(result, spans),
        "has_evidence": bool(spans),
    }


def _target_text(item: dict[str, Any]) -> str:
    target = item.get("target")
    if isinstance(target, dict):
        return str(target.get("text") or target.get("written") or "")
    return str(target or "")


def _span(evidence: Any) -> tuple[int, int] | None:
    if isinstance(evidence, dict):
        start, end = evidence.get("start"), evidence.get("end")
        if evidence.get("field", "result") != "result":
            return None
    elif isinstance(evidence, list | tuple) and len(evidence) == 2:
        start, end = evidence
    else:
        return None
    if isinstance(start, int) and isinstance(end, int) and 0 <= start < end:
        return start, end
    return None


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


def _indicator_at(form: core.Form, path: str) -> core.Indicator | None:
    for candidate, indicator in form.all_indicators():
        if candidate == path:
            return indicator
    return None
