"""Key project rule (注1): every department evaluates at least one 重点项目 (≥ 500万元, or one it picks)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from jixiao.core import wording
from jixiao.core.checks.completeness import blank
from jixiao.core.checks.registry import CheckContext, register
from jixiao.core.findings import Finding
from jixiao.core.numbers import plain

KEY_PROJECT_THRESHOLD = Decimal("500.00")  # 万元


def key_project_evaluated(ctx: CheckContext) -> Iterator[Finding]:
    form = ctx.form
    if form.kind != "department" or not blank(form.key_project):
        return
    threshold = KEY_PROJECT_THRESHOLD if form.amount_unit == "万元" else KEY_PROJECT_THRESHOLD * 10000
    large = [(i, t) for i, t in enumerate(form.tasks) if t.funds is not None and t.funds >= threshold]
    if large:
        i, task = large[0]
        yield Finding(
            code="key_project.missing_large",
            severity="error",
            path="key_project",
            message=wording.finding(
                "key_project.missing_large",
                task=i + 1,
                funds=plain(task.funds or Decimal(0)),
                unit=form.amount_unit,
            ),
            detail=f"{len(large)} task(s) at or above 500万元, no key project evaluated",
        )
    else:
        yield Finding(
            code="key_project.missing",
            severity="error",
            path="key_project",
            message=wording.finding("key_project.missing"),
            detail="no key project evaluated",
        )


# Registered by a call, not a decorator, so that mutation testing (mutmut) reaches these functions.
register(key_project_evaluated)
