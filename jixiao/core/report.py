"""``check(form)``: everything jixiao says about one form — computed figures, findings, indicator verdicts."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from jixiao.core.checks.registry import CheckContext, run_checks
from jixiao.core.compute import Computed, reported
from jixiao.core.findings import SEVERITIES, Finding, Severity
from jixiao.core.form import Form
from jixiao.core.indicators.model import Evaluation
from jixiao.core.numbers import plain


@dataclass(frozen=True)
class Report:
    """What ``check`` says about a form: its computed figures, its findings, each indicator's verdict."""

    form: Form
    computed: Computed
    findings: list[Finding]
    evaluations: list[tuple[str, Evaluation]]

    def count(self, severity: Severity) -> int:
        return sum(1 for finding in self.findings if finding.severity == severity)

    @property
    def has_errors(self) -> bool:
        return self.count("error") > 0

    def reported(self) -> dict[str, Decimal | None]:
        """Return, for each computed figure, the figure the form states (``None``: it states none)."""
        return reported(self.form)

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
