"""Indicator checks (issue 3, FORM.md §5): claims of "均已完成" against verdicts, unverifiable
indicators with their reason, reported 得分 against the score the verdict earns, ambition flags."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from jixiao.core import wording
from jixiao.core.checks.registry import CheckContext, register
from jixiao.core.findings import Finding, Severity
from jixiao.core.indicators.model import (
    CAUSE_NO_TARGET,
    CAUSE_TRUNCATED,
    FLAG_AMBITION,
    NOT_MET,
    UNVERIFIABLE,
    Evaluation,
)
from jixiao.core.numbers import decimals, plain

# "3个关键指标均已完成预期目标", "全部完成", "均达到", "各项指标全面完成"
ALL_MET_CLAIM = re.compile(
    r"(?:均|全部|全面|都|皆)(?:已经|已)?(?:按时|如期|顺利)?(?:完成|达成|达到|实现|达标|超额完成)"
)
_TASK_PATH = re.compile(r"^tasks\[(\d+)\]\.indicators\[(\d+)\]$")
_CENT = Decimal("0.01")


def _evaluations(ctx: CheckContext) -> list[tuple[str, Evaluation]]:
    return [(path, e) for path, e in ctx.evaluations if isinstance(e, Evaluation)]


def claimed_all_met(ctx: CheckContext) -> Iterator[Finding]:
    """A task (or the form) says every indicator is met, and one of them is not."""
    form = ctx.form
    for path, evaluation in _evaluations(ctx):
        if evaluation.verdict != NOT_MET:
            continue
        task = _TASK_PATH.match(path)
        if task is not None:
            claim_path = f"tasks[{task.group(1)}].achieved"
            claim_text = form.tasks[int(task.group(1))].achieved or ""
        else:
            claim_path, claim_text = "goals.achieved", form.goals.achieved or ""
        claim = ALL_MET_CLAIM.search(claim_text)
        if claim is None:
            continue
        sentence = _clause_of(claim_text, claim.start(), claim.end())
        yield Finding(
            code="indicators.claimed_all_met",
            severity="warning",
            path=path,
            message=wording.finding("indicators.claimed_all_met", claim=sentence, reason=evaluation.reason),
            detail=f"{claim_path} claims all met; this indicator is not_met",
        )


_CLAUSE_MARKS = "。;,\uff1b\uff0c\u3001"  # the claim as written: ASCII and full-width marks


def _clause_of(text: str, start: int, end: int) -> str:
    head = max((text.rfind(mark, 0, start) for mark in _CLAUSE_MARKS), default=-1) + 1
    tails = [i for i in (text.find(mark, end) for mark in _CLAUSE_MARKS) if i >= 0]
    return text[head : min(tails) if tails else len(text)].strip()


def unverifiable(ctx: CheckContext) -> Iterator[Finding]:
    """Each indicator whose result cannot be checked against its target, with the reason.

    An empty or truncated indicator name is already an error of the completeness checks; here it
    is only information, so the same cell does not count twice.
    """
    for path, evaluation in _evaluations(ctx):
        if evaluation.verdict != UNVERIFIABLE:
            continue
        severity: Severity = "info" if evaluation.cause in (CAUSE_NO_TARGET, CAUSE_TRUNCATED) else "warning"
        yield Finding(
            code="indicators.unverifiable",
            severity=severity,
            path=path,
            message=evaluation.reason,
            detail=f"unverifiable: {evaluation.cause or 'unknown'}",
        )


def score_differs(ctx: CheckContext) -> Iterator[Finding]:
    """A reported 得分 that differs from the score the verdict earns (grid forms with 分值 and 得分)."""
    indicators = dict(ctx.form.all_indicators())
    for path, evaluation in _evaluations(ctx):
        indicator = indicators.get(path)
        if indicator is None or indicator.score is None or indicator.weight is None:
            continue
        reported, weight = indicator.score, indicator.weight
        if reported > weight:
            yield Finding(
                code="indicators.score_differs",
                severity="warning",
                path=f"{path}.score",
                message=wording.finding(
                    "indicators.score_above_weight", score=plain(reported), weight=plain(weight)
                ),
                detail=f"score {reported} > weight {weight}",
            )
            continue
        band = evaluation.score_band
        if evaluation.verdict == NOT_MET and reported >= weight:
            yield Finding(
                code="indicators.score_differs",
                severity="warning",
                path=f"{path}.score",
                message=wording.finding(
                    "indicators.full_score_not_met", score=plain(reported), reason=evaluation.reason
                ),
                detail=f"not_met with full score {reported}",
            )
            continue
        if evaluation.score is not None:
            tolerance = max(_CENT, Decimal(5).scaleb(-decimals(reported) - 1))
            if abs(evaluation.score - reported) > tolerance:
                yield Finding(
                    code="indicators.score_differs",
                    severity="warning",
                    path=f"{path}.score",
                    message=wording.finding(
                        "indicators.score_differs",
                        computed=plain(evaluation.score),
                        weight=plain(weight),
                        score=plain(reported),
                        reason=evaluation.reason,
                    ),
                    detail=f"computed {evaluation.score}, reported {reported}",
                )
        elif band is not None and not band[0] <= reported <= band[1]:
            yield Finding(
                code="indicators.score_differs",
                severity="warning",
                path=f"{path}.score",
                message=wording.finding(
                    "indicators.score_outside_band",
                    low=plain(band[0]),
                    high=plain(band[1]),
                    score=plain(reported),
                ),
                detail=f"band {band[0]}-{band[1]}, reported {reported}",
            )


def ambition(ctx: CheckContext) -> Iterator[Finding]:
    """A target exceeded by far: was it set too low? Information for the reviewer, no deduction."""
    for path, evaluation in _evaluations(ctx):
        if FLAG_AMBITION in evaluation.flags:
            yield Finding(
                code="indicators.ambition",
                severity="info",
                path=path,
                message=evaluation.reason,
                detail="target exceeded by more than the ambition margin",
            )


# Registered by a call, not a decorator, so that mutation testing (mutmut) reaches these functions.
register(claimed_all_met, needs_indicators=True)
register(unverifiable, needs_indicators=True)
register(score_differs, needs_indicators=True)
register(ambition, needs_indicators=True)
