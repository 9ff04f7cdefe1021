"""Scoring (FORM.md §6): the scheme, a form's score from its parts, the spot-check comparison."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from jixiao.core.form import Form, Funds, Indicator, Task
from jixiao.core.scoring import (
    DEFAULT_SCHEME,
    SPLIT_20_80,
    SchemeError,
    agrees,
    grade_label,
    scheme_from_dict,
    score_form,
    spot_check,
)

D = Decimal


def project(
    indicators: list[Indicator],
    *,
    adjusted: str = "100",
    actual: str = "100",
    weight: str | None = "10",
    score: str | None = None,
    total: str | None = None,
    grade: str | None = None,
) -> Form:
    return Form(
        kind="project",
        year=2022,
        department="某局",
        project="某项目",
        funds=Funds(
            adjusted_budget=D(adjusted),
            actual=D(actual),
            weight=None if weight is None else D(weight),
            score=None if score is None else D(score),
        ),
        indicators=indicators,
        total_score=None if total is None else D(total),
        grade=grade,
    )


def ind(
    name: str,
    target: str | None,
    result: str,
    weight: str | None = None,
    score: str | None = None,
    **more: Any,
) -> Indicator:
    return Indicator(
        name=name,
        target=target,
        result=result,
        weight=None if weight is None else D(weight),
        score=None if score is None else D(score),
        **more,
    )


# --- the seed -------------------------------------------------------------------------------------


def test_it_scores_the_seed_under_the_default_scheme_field_by_field(seed_form: Form) -> None:
    result = score_form(seed_form)
    assert (result.total, result.grade, result.maximum) == (D("67.57"), "中", D("99.71"))
    assert result.weights_from == "scheme" and result.reported_total is None and not result.differences
    execution = result.execution
    assert (execution.weight, execution.score) == (D(10), D("9.71"))
    assert "9100.04万元 ÷ 全年预算数 9368.62万元 = 97.13%" in execution.explanation
    assert "表中填报 97.10%" in execution.explanation
    output, outcome, satisfaction = result.categories
    assert (output.score, output.maximum, len(output.lines)) == (D("42.86"), D("75.00"), 14)
    assert not outcome.lines and outcome.score == 0
    assert (satisfaction.score, len(satisfaction.lines)) == (D("15.00"), 2)
    assert {line.path for line in satisfaction.lines} == {"tasks[0].indicators[0]", "tasks[2].indicators[7]"}
    verdicts = [line.verdict for line in output.lines]
    assert verdicts.count("met") == 8 and verdicts.count("unverifiable") == 6
    assert all(line.score == D("5.36") for line in output.lines if line.verdict == "met")
    assert any("效益指标(30分)" in note and "产出指标 75 分" in note for note in result.notes)
    assert result.explanation.startswith("总分 = 执行率 9.71 + 产出指标 42.86 + 满意度指标 15.00 = 67.57 分")


def test_the_seed_score_reuses_the_check_reports_evaluations(seed_form: Form) -> None:
    from jixiao.core.report import check

    report = check(seed_form)
    assert score_form(seed_form, evaluations=report.evaluations) == score_form(seed_form)


# --- the execution rate ---------------------------------------------------------------------------


def test_the_execution_score_is_weight_times_the_rate_capped_at_full_points() -> None:
    assert score_form(project([], adjusted="100", actual="83.5")).execution.score == D("8.35")
    over = score_form(project([], adjusted="1172.55", actual="1268.72"))
    assert over.execution.score == D("10.00") and "超过 100%" in over.execution.explanation


def test_a_rounding_tie_is_rounded_half_up_once() -> None:
    # 10 × 83.45% = 8.345 → 8.35 (四舍五入), not 8.34 (banker's rounding).
    assert score_form(project([], adjusted="100", actual="83.45")).execution.score == D("8.35")
    # 1 point × 1 ÷ 8 = 0.125 → 0.13.
    line = score_form(project([ind("培训人数", "≥8人", "1人", "1")])).line("indicators[0]")
    assert line.score == D("0.13") and line.rule == "ratio"


def test_a_zero_budget_gives_no_execution_score_and_no_division_by_zero() -> None:
    result = score_form(project([], adjusted="0", actual="0", score="0"))
    assert result.execution.score == 0 and result.execution.rule == "execution_not_applicable"
    assert result.execution.maximum == D(10) and "调整预算为零" in result.execution.explanation
    assert not result.execution.differs


def test_a_missing_amount_falls_back_to_the_reported_rate() -> None:
    form = project([], weight="10", score="7.6")
    form.funds.actual = None
    form.funds.execution_rate = D(76)
    line = score_form(form).execution
    assert (line.score, line.rule, line.differs) == (D("7.60"), "execution_reported_rate", False)


def test_a_reported_execution_score_is_compared_with_the_computed_one() -> None:
    line = score_form(project([], adjusted="100", actual="83.5", score="10")).execution
    assert line.differs and line.cause == "other_rule" and "相差 1.65 分" in line.explanation


# --- indicators -----------------------------------------------------------------------------------


def test_a_met_indicator_earns_its_full_points_and_no_more() -> None:
    line = score_form(project([ind("验收合格率", "≥95%", "100%", "20", "20")])).line("indicators[0]")
    assert (line.score, line.differs, line.rule) == (D("20.00"), False, "met_full")


def test_an_at_least_target_not_met_earns_points_times_actual_over_target() -> None:
    line = score_form(project([ind("建设数量", "≥50个", "45个", "10", "9")])).line("indicators[0]")
    assert line.score == D("9.00") and not line.differs
    assert "10 × 45 ÷ 50" in line.explanation


def test_an_at_most_target_not_met_earns_points_times_target_over_actual() -> None:
    line = score_form(project([ind("项目总成本", "≤90万元", "100万元", "10")])).line("indicators[0]")
    assert line.score == D("9.00") and "10 × 90 ÷ 100" in line.explanation


def test_a_zero_target_is_unverifiable_and_earns_nothing_for_now() -> None:
    line = score_form(project([ind("新增数量", "0个", "5个", "10")])).line("indicators[0]")
    assert (line.verdict, line.score, line.maximum) == ("unverifiable", D("0.00"), D("10.00"))


def test_full_points_for_a_shortfall_are_flagged() -> None:
    # The corpus: "<=5300元/户" with 5830元/户 still scored 10/10.
    line = score_form(project([ind("救助标准", "<=5300元/户", "5830元/户", "10", "10")])).line(
        "indicators[0]"
    )
    assert line.differs and line.cause == "full_despite_shortfall" and line.score == D("9.09")


def test_a_score_above_its_weight_is_flagged() -> None:
    line = score_form(project([ind("验收合格率", "≥95%", "100%", "10", "12")])).line("indicators[0]")
    assert line.differs and line.cause == "above_weight" and line.score == D("10.00")


def test_points_deducted_from_a_met_indicator_are_flagged_as_such() -> None:
    line = score_form(project([ind("资金到位及时率", "≧100%", "100%", "10", "7")])).line("indicators[0]")
    assert line.differs and line.cause == "deducted_though_met"


def test_a_qualitative_shortfall_takes_the_reviewers_score_within_its_band() -> None:
    inside = score_form(project([ind("考核等级", "良好以上", "合格", "10", "7")])).line("indicators[0]")
    assert (inside.score, inside.rule, inside.differs) == (D("7.00"), "band_reported", False)
    outside = score_form(project([ind("考核等级", "良好以上", "合格", "10", "9")])).line("indicators[0]")
    assert outside.differs and outside.cause == "outside_band"
    assert (outside.score, outside.maximum, outside.rule) == (D("7.00"), D("8.00"), "band_middle")
    none = score_form(project([ind("考核等级", "良好以上", "合格", "10")])).line("indicators[0]")
    assert none.score == D("7.00") and "6–8 分" in none.explanation


def test_a_partial_qualitative_result_falls_in_the_middle_band() -> None:
    line = score_form(project([ind("制度健全性", "健全", "基本达到", "5")])).line("indicators[0]")
    assert line.verdict == "not_met" and line.rule == "band_middle"
    assert (line.score, line.maximum) == (D("3.50"), D("4.00")) and "3–4 分" in line.explanation


def test_a_row_without_points_is_not_scored_when_others_have_points() -> None:
    form = project(
        [ind("种植面积", "29.5亩", "29.5亩", "20", "20"), ind("其中桃树种植面积", "1.5亩", "1.5亩")]
    )
    result = score_form(form)
    assert result.line("indicators[1]").score is None and result.line("indicators[1]").rule == "no_weight"
    assert result.total == D("30.00")


def test_reported_scores_equal_at_their_own_precision_agree() -> None:
    assert agrees(D("95.50"), D("96"), D("0.01")) and not agrees(D("95.49"), D("96"), D("0.01"))
    assert agrees(D("7.60"), D("7.6"), D(0)) and agrees(D("2.154"), D("2.16"), D("0.01"))
    assert not agrees(D("2.154"), D("2.16"), D(0))


# --- categories, totals and grades ----------------------------------------------------------------


def grid(score_of_satisfaction: str = "10") -> Form:
    return project(
        [
            ind("数量", "≥10个", "10个", "30", "30", level1="产出指标"),
            ind("质量", "≥95%", "96%", "20", "20", level1="产出指标"),
            ind("效益", "效果明显", "达成预期指标", "30", "30", level1="效益指标"),
            ind("满意度", "≥90%", "95%", "10", score_of_satisfaction, level1="满意度指标"),
        ],
        score="10",
        total="100",
        grade="优",
    )


def test_a_full_grid_adds_up_to_its_total_and_grade() -> None:
    result = score_form(grid())
    assert [c.score for c in result.categories] == [D("50.00"), D("30.00"), D("10.00")]
    assert (result.total, result.grade, result.full) == (D("100.00"), "优", D(100))
    assert not result.differences and "表中总分 100,一致" in result.explanation


def test_a_reported_total_that_is_not_the_sum_of_its_parts_is_flagged() -> None:
    form = grid()
    form.total_score = D(98)
    result = score_form(form)
    assert result.total_differs and result.total_cause == "sum_differs"
    assert result.differences == ["total_score"]


def test_a_reported_grade_that_does_not_follow_from_the_total_is_flagged() -> None:
    form = grid()
    form.grade = "良好"
    result = score_form(form)
    assert result.grade_differs and result.reported_grade_label == "良"


@pytest.mark.parametrize(
    ("total", "grade"),
    [
        ("100", "优"),
        ("90", "优"),
        ("89.99", "良"),
        ("80", "良"),
        ("79.99", "中"),
        ("60", "中"),
        ("59.99", "差"),
        ("0", "差"),
    ],
)
def test_every_grade_boundary(total: str, grade: str) -> None:
    assert DEFAULT_SCHEME.grade(D(total)).label == grade


@pytest.mark.parametrize(("actual", "grade"), [("100", "优"), ("85", "良"), ("70", "中"), ("50", "差")])
def test_a_form_is_graded_from_its_computed_total(actual: str, grade: str) -> None:
    # Execution 10 of 10; one indicator of 90 points: 90 × actual ÷ 100.
    form = project([ind("完成率", "≥100%", f"{actual}%", "90")])
    assert score_form(form).grade == grade


def test_a_form_with_its_own_split_is_scored_by_its_printed_points_with_a_note() -> None:
    form = project(
        [
            ind("数量", "≥10个", "10个", "40", level1="产出指标"),
            ind("效益", "有效", "有效", "40", level1="效益指标"),
            ind("满意度", "≥90%", "95%", "10", level1="满意度指标"),
        ]
    )
    result = score_form(form)
    assert result.total == D("100.00") and result.weights_from == "form"
    assert any("本表自定分值" in note for note in result.notes)


def test_the_scheme_can_rescale_a_forms_own_split() -> None:
    scheme = scheme_from_dict({"printed_weights": "scheme"})
    form = project(
        [
            ind("数量", "≥10个", "5个", "40", level1="产出指标"),
            ind("效益", "有效", "有效", "40", level1="效益指标"),
            ind("满意度", "≥90%", "95%", "10", level1="满意度指标"),
        ]
    )
    result = score_form(form, scheme)
    output, outcome, satisfaction = result.categories
    assert (output.weight, outcome.weight, satisfaction.weight) == (D(50), D(30), D(10))
    assert output.score == D("25.00") and result.total == D("75.00")


def test_a_department_form_shares_the_scheme_points_within_each_category() -> None:
    tasks = [
        Task(
            name="任务一",
            indicators=[ind(f"事项数{i}≥10项", None, f"完成目标。事项{10 + i}项。") for i in range(7)]
            + [ind("群众满意度95%以上", None, "群众满意度为98%。")],
        )
    ]
    form = Form(
        kind="department",
        year=2022,
        department="某局",
        funds=Funds(adjusted_budget=D(100), actual=D(100)),
        tasks=tasks,
    )
    result = score_form(form)
    output = result.categories[0]
    # 75 points over 7 indicators: 10.714285…; the subtotal is rounded once from the exact sum.
    assert output.score == D("75.00") and result.categories[2].score == D("15.00")
    assert result.total == D("100.00") and result.grade == "优"


def test_the_20_80_scheme_gives_the_execution_rate_20_points() -> None:
    form = project(
        [ind("完成数", "≥10个", "10个")], adjusted="278.4449", actual="30", weight="20", score="2.16"
    )
    result = score_form(form, SPLIT_20_80)
    assert result.execution.score == D("2.15") and not result.execution.differs  # 2.154 → 2.16 within 0.01
    assert result.categories[0].weight == D(80) and result.total == D("82.15")


def test_a_printed_execution_weight_of_20_leaves_80_points_to_the_indicators_under_the_default() -> None:
    form = project([ind("完成数", "≥10个", "10个", level1="产出指标")], weight="20")
    result = score_form(form)
    assert result.execution.weight == D(20) and result.categories[0].weight == D(80)


def test_a_form_without_indicators_scores_only_its_execution_rate() -> None:
    result = score_form(project([]))
    assert result.total == D("10.00") and any("不是 100 分" in note for note in result.notes)


def test_the_score_as_json_has_stable_keys_and_decimal_strings(seed_form: Form) -> None:
    data = score_form(seed_form).to_dict()
    assert data["total"] == "67.57" and data["grade"] == "中" and data["maximum"] == "99.71"
    assert set(data) >= {"scheme", "execution", "categories", "differences", "notes", "explanation"}
    assert data["execution"]["score"] == "9.71"
    line = data["categories"][0]["lines"][0]
    assert set(line) >= {"path", "weight", "score", "reported", "differs", "cause", "rule", "explanation"}


# --- the scheme -----------------------------------------------------------------------------------


def test_a_scheme_is_read_from_json_data_and_written_back() -> None:
    data = SPLIT_20_80.to_dict()
    assert scheme_from_dict(data) == SPLIT_20_80
    assert scheme_from_dict(DEFAULT_SCHEME.to_dict()) == DEFAULT_SCHEME


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"execution_weight": "20"}, "合计应为 100 分"),
        ({"execution_weight": 10.5}, "字符串"),
        ({"tolerance": "-1"}, "负数"),
        ({"grades": [{"label": "优", "minimum": "90"}, {"label": "良", "minimum": "95"}]}, "从高到低"),
        ({"grades": [{"label": "优", "minimum": "90"}]}, "最低分应为 0"),
        ({"printed_weights": "auto"}, "printed_weights"),
        ({"weights": "x"}, "未知字段"),
    ],
)
def test_a_bad_scheme_is_refused_in_chinese(data: dict[str, Any], message: str) -> None:
    with pytest.raises(SchemeError, match=message):
        scheme_from_dict(data)


def test_written_grades_are_read_as_bands() -> None:
    assert [grade_label(g) for g in ("优秀", "良好", "合格", "不合格", "优", "A")] == [
        "优",
        "良",
        "中",
        "差",
        "优",
        None,
    ]


# --- spot checks ----------------------------------------------------------------------------------


def test_a_reviewer_score_far_from_the_self_score_is_flagged() -> None:
    result = spot_check(D(95), D("58"))
    assert result.flagged and result.difference == D(-37)
    assert (result.self_grade, result.reviewer_grade) == ("优", "差")
    assert "超过允许差距 5 分" in result.message and "由“优”变为“差”" in result.message


def test_a_gap_equal_to_the_allowed_one_is_not_flagged() -> None:
    assert not spot_check(D(95), D(90)).flagged
    assert spot_check(D(95), D("89.99")).flagged
    assert spot_check(D(80), D(80)).message.startswith("复核得分 80 分与自评得分相同")


def test_an_exact_value_is_rounded_half_up_once() -> None:
    from fractions import Fraction

    from jixiao.core.scoring.form_score import as_decimal, round_half_up

    assert round_half_up(Fraction(8345, 1000)) == D("8.35") and round_half_up(Fraction(-8345, 1000)) == D(
        "-8.35"
    )
    assert round_half_up(Fraction(50, 7)) == D("7.14") and round_half_up(Fraction(0)) == D("0.00")
    assert as_decimal(Fraction(75)) == D(75) and as_decimal(Fraction(15, 2)) == D("7.5")
    assert as_decimal(Fraction(50, 7)) == D("7.14")
