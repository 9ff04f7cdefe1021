"""``check(form)``: everything jixiao says about one form — computed figures, findings, indicator verdicts."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from jixiao.core.checks.registry import CheckContext, run_checks
from jixiao.core.compute import Computed
from jixiao.core.findings import SEVERITIES, Finding, Severity
from jixiao.core.form import Form
from jixiao.core.numbers import plain

# The reported figure that each computed one is compared with (``None``: nothing reported).
REPORTED_FIELDS: dict[str, str | None] = {
    "adjustment": "adjustment",
    "adjustment_rate": "adjustment_rate",
    "execution_rate": "execution_rate",
    "execution_score": "score",
    "lines_initial_budget": None,
    "lines_adjusted_budget": None,
    "lines_actual": None,
    "tasks_funds": None,
}


@dataclass(frozen=True)
class Report:
    form: Form
    computed: Computed
    findings: list[Finding]
    evaluations: list[tuple[str, Any]]

    def count(self, severity: Severity) -> int:
        return sum(1 for finding in self.findings if finding.severity == severity)

    @property
    def has_errors(self) -> bool:
        return self.count("error") > 0

    def findings_at(self, path: str) -> list[Finding]:
        """Return the findings about ``path`` or anything inside it (``tasks[2]`` → ``tasks[2].funds``)."""
        return [f for f in self.findings if f.path == path or f.path.startswith((path + ".", path + "["))]

    def reported(self) -> dict[str, Decimal | None]:
        return {
            name: getattr(self.form.funds, field) if field else None
            for name, field in REPORTED_FIELDS.items()
        }

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON report: stable keys, decimals as strings (documented in README.md)."""
        return {
            "computed": {name: _text(value) for name, value in self.computed.values().items()},
            "reported": {name: _text(value) for name, value in self.reported().items()},
            "not_applicable": dict(self.computed.not_applicable),
            "counts": {severity: self.count(severity) for severity in SEVERITIES},
            "findings": [finding.to_dict() for finding in self.findings],
            "indicators": [{"path": path, **evaluation.to_dict()} for path, evaluation in self.evaluations],
        }


def _text(value: Decimal | None) -> str | None:
    return None if value is None else plain(value)


def check(form: Form, *, indicators: bool = True, options: dict[str, Any] | None = None) -> Report:
    """Compute, check and (unless ``indicators=False``) evaluate every indicator of ``form``."""
    context = CheckContext(form=form, options=options or {})
    findings = run_checks(context, indicators=indicators)
    evaluations = context.evaluations if indicators else []
    return Report(form=form, computed=context.computed, findings=findings, evaluations=evaluations)
