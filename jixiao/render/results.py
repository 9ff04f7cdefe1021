"""The checker's findings, the indicator verdicts and the importer's review items as table rows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from jixiao.core import wording
from jixiao.core.findings import SEVERITIES
from jixiao.render import labels

if TYPE_CHECKING:
    from jixiao.core.form import Form
    from jixiao.core.indicators.model import Evaluation
    from jixiao.core.report import Report

FINDING_HEADERS = ("序号", "级别", "位置", "路径", "说明", "代码")
VERDICT_HEADERS = ("序号", "核验结论", "位置", "路径", "关键指标", "依据")
REVIEW_HEADERS = ("序号", "出处", "位置", "路径", "说明")
# The entry as the importer wrote it (its English phrase is a code): written in XLSX only, where the
# importer reads it back by these headers, so an export → import keeps the review list.
REVIEW_CODE_HEADERS = ("来源", "问题")


@dataclass(frozen=True)
class ResultTables:
    findings: Sequence[tuple[str, ...]]
    verdicts: Sequence[tuple[str, ...]]
    review: Sequence[tuple[str, ...]]
    review_codes: Sequence[tuple[str, ...]]
    summary: str


def verdict_of(evaluation: Evaluation) -> str:
    """Return an evaluation's verdict as its code ("met", "not_met", "unverifiable", "unknown")."""
    return evaluation.verdict or "unknown"


def verdict_counts(report: Report) -> dict[str, int]:
    counts = dict.fromkeys(wording.VERDICT_ORDER, 0)
    for _, evaluation in report.evaluations:
        verdict = verdict_of(evaluation)
        verdict = verdict if verdict in counts else "unknown"
        counts[verdict] += 1
    return counts


def _reason(evaluation: Evaluation, result: str | None) -> str:
    """Return the evaluation's reason and the spans of the result text its values came from."""
    parts = [evaluation.reason]
    spans = []
    for actual in evaluation.actual:
        if result:
            spans.append(result[actual.evidence[0] : actual.evidence[1]])
    if spans:
        parts.append("依据:" + "、".join(f"“{span}”" for span in spans if span))
    return ";".join(part for part in parts if part)


def tables(form: Form, report: Report) -> ResultTables:
    """Return the three tables of the 检查结果 sheet/section."""
    findings = [
        (
            str(i),
            wording.SEVERITIES.get(f.severity, f.severity),
            labels.path_label(f.path),
            f.path,
            f.message,
            f.code,
        )
        for i, f in enumerate(report.findings, start=1)
    ]
    indicators = dict(form.all_indicators())
    verdicts = []
    for i, (path, evaluation) in enumerate(report.evaluations, start=1):
        indicator = indicators.get(path)
        name = (indicator.name or indicator.target or "") if indicator else ""
        verdict = verdict_of(evaluation)
        verdicts.append(
            (
                str(i),
                wording.VERDICTS.get(verdict, verdict),
                labels.path_label(path),
                path,
                name,
                _reason(evaluation, indicator.result if indicator else None),
            )
        )
    review = [
        (
            str(i),
            wording.review_source(item.source) if item.source else "",
            labels.path_label(item.path),
            item.path,
            wording.review_problem(item.problem),
        )
        for i, item in enumerate(form.review, start=1)
    ]
    review_codes = [(item.source or "", item.problem) for item in form.review]
    counts = {severity: report.count(severity) for severity in SEVERITIES}
    summary = "错误 {error} 项,警告 {warning} 项,提示 {info} 项".format(**counts)
    if report.evaluations:
        vc = verdict_counts(report)
        summary += ";指标核验:" + ",".join(
            f"{wording.VERDICTS.get(v, v)} {n} 项" for v, n in vc.items() if n or v in ("met", "not_met")
        )
    return ResultTables(
        findings=findings, verdicts=verdicts, review=review, review_codes=review_codes, summary=summary
    )
