"""The indicator checks of the Core registry (jixiao/core/checks/indicators.py)."""

from decimal import Decimal

from jixiao.core.form import Form, Indicator, Task
from jixiao.core.report import check

D = Decimal


def codes(form: Form, code: str) -> list:
    return [f for f in check(form).findings if f.code == code]


def test_it_flags_a_missed_indicator_under_a_task_that_claims_all_met() -> None:
    form = Form(
        tasks=[
            Task(
                name="推进政务服务",
                achieved="2个关键指标均已完成预期目标。",
                indicators=[
                    Indicator(name="好评率95%以上", result="好评率为97%。"),
                    Indicator(name="事项数≥200项", result="实现事项180项。"),
                ],
            )
        ]
    )
    [finding] = codes(form, "indicators.claimed_all_met")
    assert finding.path == "tasks[0].indicators[1]" and finding.severity == "warning"
    assert "均已完成" in finding.message and "180项" in finding.message


def test_it_says_nothing_when_the_task_admits_the_shortfall() -> None:
    form = Form(
        tasks=[
            Task(
                achieved="1个关键指标未完成。",
                indicators=[Indicator(name="事项数≥200项", result="实现事项180项。")],
            )
        ]
    )
    assert codes(form, "indicators.claimed_all_met") == []


def test_each_unverifiable_indicator_is_reported_with_its_reason(seed_form: Form) -> None:
    findings = codes(seed_form, "indicators.unverifiable")
    assert len(findings) == 6
    # Empty and truncated names are errors of the completeness checks already: here only info.
    assert {f.severity for f in findings} == {"info"}
    form = Form(indicators=[Indicator(name="满意度", target="≥90%", result="完成目标", weight=D(10))])
    [finding] = codes(form, "indicators.unverifiable")
    assert finding.severity == "warning" and "无法核验" in finding.message


def test_it_reports_a_score_that_differs_from_the_verdict() -> None:
    form = Form(
        indicators=[
            Indicator(name="政府采购执行率", target="100%", result="72.74%", weight=D(2), score=D(2)),
            Indicator(
                name="特困人员救助供养人数", target=">=4754人", result="4604人", weight=D(5), score=D(5)
            ),
            Indicator(name="学生满意度", target="≥95%", result="100%", weight=D(10), score=D(10)),
            Indicator(name="项目验收合格率", target="﹦100%", result="100", weight=D(20), score=D(19)),
            Indicator(name="培训人数", target="≥100人", result="96人", weight=D(10), score=D("9.6")),  # 9.60
        ]
    )
    findings = codes(form, "indicators.score_differs")
    assert [f.path for f in findings] == ["indicators[0].score", "indicators[1].score", "indicators[3].score"]
    assert "未达成,却得满分" in findings[0].message and "未达成,却得满分" in findings[1].message
    assert "应得 20" in findings[2].message


def test_a_reported_score_outside_the_qualitative_band_is_reported() -> None:
    form = Form(
        indicators=[Indicator(name="考核", target="良好以上", result="合格", weight=D(10), score=D(10))]
    )
    [finding] = codes(form, "indicators.score_differs")
    assert "6.00–8.00" in finding.message


def test_a_score_above_its_weight_is_reported() -> None:
    form = Form(indicators=[Indicator(name="满意度", target="≥90%", result="95%", weight=D(10), score=D(12))])
    [finding] = codes(form, "indicators.score_differs")
    assert "高于该指标分值" in finding.message


def test_an_ambitious_result_is_information(seed_form: Form) -> None:
    findings = codes(seed_form, "indicators.ambition")
    assert {f.severity for f in findings} == {"info"}
    assert {f.path for f in findings} == {
        "tasks[0].indicators[1]",
        "tasks[2].indicators[2]",
        "tasks[2].indicators[4]",
    }


def test_the_report_carries_every_evaluation_as_json(seed_form: Form) -> None:
    report = check(seed_form).to_dict()
    assert len(report["indicators"]) == 16
    assert report["indicators"][0]["path"] == "tasks[0].indicators[0]"
    assert report["indicators"][0]["verdict"] == "met"


def test_no_indicator_checks_run_without_indicators(seed_form: Form) -> None:
    findings = check(seed_form, indicators=False).findings
    assert not [f for f in findings if f.code.startswith("indicators.")]


def test_a_grid_indicator_without_a_target_is_a_warning() -> None:
    form = Form(indicators=[Indicator(name="经费支出合规性", target=None, result="达成预期指标")])
    [finding] = codes(form, "indicators.unverifiable")
    assert finding.severity == "warning" and "没有写明目标值" in finding.message
