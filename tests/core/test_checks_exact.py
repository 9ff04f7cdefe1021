"""Checks word for word at their bounds: the key project rule in 万元 and 元, the key project's category
counts across sentences, a qualitative score inside and outside its band, a score against its weight."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from jixiao.core.form import Form, Indicator, Task
from jixiao.core.report import check


def _codes(form: Form, prefix: str) -> list[tuple[str, str]]:
    return [(f.code, f.path) for f in check(form).findings if f.code.startswith(prefix)]


@pytest.mark.parametrize(
    ("unit", "funds", "code"),
    [
        ("万元", "500.00", "key_project.missing_large"),
        ("万元", "499.99", "key_project.missing"),
        ("元", "5000000", "key_project.missing_large"),
        ("元", "4999999.99", "key_project.missing"),
    ],
)
def test_the_key_project_rule_counts_500_wan_in_either_unit(unit: str, funds: str, code: str) -> None:
    form = Form(amount_unit=unit, tasks=[Task(name="甲", funds=D("1")), Task(name="乙", funds=D(funds))])  # type: ignore[arg-type]
    (finding,) = [f for f in check(form).findings if f.code.startswith("key_project.")]
    assert finding.code == code and finding.path == "key_project"
    if code == "key_project.missing_large":
        assert finding.message.startswith(
            f"未填写重点项目绩效情况,而第2项任务涉及资金 {funds}{unit}(500万元以上)"
        )
    assert _codes(Form(kind="project"), "key_project.") == []
    assert _codes(Form(key_project="已评价"), "key_project.") == []


@pytest.mark.parametrize(
    ("text", "listing"),
    [
        (
            "设置18项绩效指标,其中数量指标6项,质量指标2项,时效指标2项,效益指标6项,满意度指标1项。",
            "数量6 + 质量2 + 时效2 + 效益6 + 满意度1 = 17",
        ),
        ("前言。共设置五个指标,其中数量指标二项、质量指标二项。另有其中说明。", "数量2 + 质量2 = 4"),
        ("其中数量指标3项。设置4项指标,其中数量指标3项", "数量3 = 3"),
    ],
)
def test_the_key_projects_categories_are_added_up_sentence_by_sentence(text: str, listing: str) -> None:
    (finding,) = [
        f for f in check(Form(key_project=text)).findings if f.code == "claims.key_project_categories"
    ]
    assert finding.path == "key_project" and listing in finding.message


@pytest.mark.parametrize(
    "text",
    [
        "设置18项绩效指标,其中数量指标6项,质量指标2项,时效指标2项,效益指标6项,满意度指标2项。",
        "其中数量指标6项。",  # no total before it
        "设置3项指标,其中要求较多。",  # no categories
    ],
)
def test_counts_that_agree_or_are_not_stated_are_not_reported(text: str) -> None:
    assert _codes(Form(key_project=text), "claims.key_project") == []


def _graded(score: str) -> list[str]:
    indicator = Indicator(name="考核等级", target="优秀", result="获评良好", weight=D("10"), score=D(score))
    return [
        f.message
        for f in check(Form(indicators=[indicator])).findings
        if f.code == "indicators.score_differs"
    ]


@pytest.mark.parametrize(
    ("score", "reported"), [("6", False), ("8", False), ("7.5", False), ("5.99", True), ("8.01", True)]
)
def test_a_qualitative_score_must_lie_in_its_band(score: str, reported: bool) -> None:
    found = _graded(score)
    assert bool(found) is reported
    if reported:
        assert found == [f"定性指标未达到目标等级,得分应在 6.00–8.00 分之间,表中填报 {score} 分,请核对。"]


def test_a_score_is_compared_at_its_own_precision() -> None:
    def differs(score: str) -> bool:
        indicator = Indicator(
            name="好评率", target="≥100%", result="好评率为90%", weight=D("10"), score=D(score)
        )
        return any(f.code == "indicators.score_differs" for f in check(Form(indicators=[indicator])).findings)

    # 10 × 90 ÷ 100 = 9.00: written with one decimal, 9.0 is right and 9.1 is not; two decimals, 9.01 is not
    assert not differs("9.0") and not differs("9.00") and not differs("9")
    assert differs("9.1") and differs("9.02")
    assert not differs("9.01")  # within a cent
