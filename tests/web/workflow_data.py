"""Forms ready for the workflow tests: the seed with its errors fixed, and a unit's form."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from jixiao.core import form as core


def submittable(seed: core.Form) -> core.Form:
    """Return the seed form with every error fixed and its import review list cleared.

    One warning stays: 预算完成率 97.10% against the computed 97.13%, so that submitting needs an
    explanation (``arithmetic.execution_rate@funds.execution_rate``) or the fix.
    """
    data = seed.model_copy(deep=True)
    for number, (_, indicator) in enumerate(data.all_indicators(), start=1):
        if not indicator.name or indicator.name.strip() in {"个。", ""}:
            indicator.name = f"补充指标{number}"
            indicator.target = "≥1项"
            indicator.result = "完成2项"
    for task in data.tasks:
        if task.funds is None:
            task.funds = Decimal("100.00")
    data.review = []
    return data


def unit_form(name: str) -> core.Form:
    """Return a small, clean form of a subordinate unit."""
    return core.Form(
        year=2021,
        department=name,
        funds=core.Funds(
            initial_budget=Decimal("500.00"),
            adjusted_budget=Decimal("480.00"),
            actual=Decimal("470.40"),
            adjustment=Decimal("20.00"),
            execution_rate=Decimal("98.00"),
            adjustment_rate=Decimal("4.00"),
            lines=[core.FundLine(source="一般公共预算", actual=Decimal("470.40"))],
        ),
        goals=core.Goals(expected="做好政务服务大厅窗口服务。", achieved="全年窗口服务平稳有序。"),
        key_project="政务服务大厅运行项目(预算 500.00 万元),年度目标全部完成。",
        problems=["窗口高峰时段排队时间偏长。"],
        improvements=["增设自助服务终端。"],
        tasks=[
            core.Task(
                name="窗口服务",
                expected="提供窗口服务",
                achieved="完成窗口服务",
                funds=Decimal("470.40"),
                indicators=[core.Indicator(name="群众满意度", target="≥90%", result="满意度95%")],
            )
        ],
    )


def warnings_explained(form: Any) -> dict[str, str]:
    """Return an explanation for every warning the stored form has now."""
    from jixiao.core.report import check
    from jixiao.web.forms import convert
    from jixiao.web.forms.models import Form

    fresh = convert.prefetched(Form.objects.filter(pk=form.pk)).get()
    report = check(convert.to_core(fresh))
    return {
        f"{f.code}@{f.path}": "已核对原始凭证,差异为四舍五入所致。"
        for f in report.findings
        if f.severity == "warning"
    }
