"""A task that says every indicator is met, beside one that is not: the finding quotes the claim's
own clause (not the whole paragraph), points at the indicator and names the claim it contradicts."""

from __future__ import annotations

from jixiao.core.form import Form
from jixiao.core.report import check


def test_the_finding_quotes_the_claims_clause_and_names_the_task(seed_form: Form) -> None:
    data = seed_form.model_dump()
    data["tasks"][1]["achieved"] = "前期调研已完成,3个关键指标均已完成预期目标;后续持续跟进。"
    data["tasks"][1]["indicators"][1]["result"] = "办事不用跑率为80%。"
    found = [
        (f.severity, f.path, f.message, f.detail)
        for f in check(Form.model_validate(data)).findings
        if f.code == "indicators.claimed_all_met"
    ]
    assert found == [
        (
            "warning",
            "tasks[1].indicators[1]",
            "完成情况称“3个关键指标均已完成预期目标”,但该指标未达成:目标“区依申请事项办事不用跑率≥95%”,"
            "完成值80%(“办事不用跑率为80%”)。未达成:80%低于目标95%。",
            "tasks[1].achieved claims all met; this indicator is not_met",
        )
    ]


def test_a_task_without_such_a_claim_gives_no_finding(seed_form: Form) -> None:
    data = seed_form.model_dump()
    data["tasks"][1]["achieved"] = "前期调研已完成;后续持续跟进。"
    data["tasks"][1]["indicators"][1]["result"] = "办事不用跑率为80%。"
    codes = [f.code for f in check(Form.model_validate(data)).findings]
    assert "indicators.claimed_all_met" not in codes
