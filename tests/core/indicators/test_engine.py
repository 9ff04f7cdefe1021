"""Verdicts, scores and flags: the seed, the collected real pairs, and the scoring rules."""

import json
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.core.form import Form
from jixiao.core.indicators import Evaluation, evaluate, evaluate_form, grid_target

D = Decimal
DATA = Path(__file__).resolve().parents[2] / "data" / "indicators.jsonl"

# Where jixiao and the careful reviewer part ways, and why (docs/indicators.md lists them too).
DISAGREEMENTS = {
    ("党性教育培训次数", "26次"): "OCR probably read ≥6次 as 26次; the text alone says 12 < 26",
}


def rows() -> list[dict]:
    return [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_the_seed_has_ten_met_and_six_unverifiable(seed_form: Form) -> None:
    evaluations = evaluate_form(seed_form)
    assert [path for path, _ in evaluations] == [path for path, _ in seed_form.all_indicators()]
    assert Counter(e.verdict for _, e in evaluations) == {"met": 10, "unverifiable": 6}
    unverifiable = {path for path, e in evaluations if e.verdict == "unverifiable"}
    assert unverifiable == {
        "tasks[0].indicators[2]",
        "tasks[1].indicators[0]",
        "tasks[1].indicators[3]",
        "tasks[1].indicators[4]",
        "tasks[2].indicators[5]",
        "tasks[2].indicators[0]",
    }


def test_the_seed_grade_target_is_met_by_excellent(seed_form: Form) -> None:
    evaluation = dict(evaluate_form(seed_form))["tasks[2].indicators[6]"]
    assert evaluation.verdict == "met"
    assert [(c.operator, c.value, c.unit) for c in evaluation.conditions] == [("≥", "良好", "等级")]
    assert evaluation.actual[0].value == "优秀"


def test_the_seed_compound_fault_target_is_met_with_two_conditions(seed_form: Form) -> None:
    evaluation = dict(evaluate_form(seed_form))["tasks[2].indicators[2]"]
    assert evaluation.verdict == "met"
    assert [c.to_dict() for c in evaluation.conditions] == [
        {"operator": "≤", "value": "3", "unit": "次"},
        {"operator": "≤", "value": "15", "unit": "次"},
    ]
    assert [a.value for a in evaluation.actual] == [0, 7]


def test_the_truncated_seed_name_says_so(seed_form: Form) -> None:
    evaluation = dict(evaluate_form(seed_form))["tasks[2].indicators[0]"]
    assert evaluation.cause == "truncated" and "个。" in evaluation.reason


def test_the_collected_pairs_are_real_and_sourced() -> None:
    data = rows()
    seed = sum(1 for row in data if row["source"].startswith("seeds/"))
    assert seed == 16
    assert len(data) - seed >= 215  # issue 3 asks for 200 real pairs; kept with a margin
    for row in data:
        assert row["source"] and row["verdict"] in ("met", "not_met", "unverifiable")
        if "grid" in row:
            grid = row["grid"]
            assert grid_target(grid["operator"], grid["value"], grid["unit"]) == row["target"]


def test_it_agrees_with_the_careful_reviewer_on_95_percent_of_the_pairs() -> None:
    data = rows()
    disagreements = {}
    for row in data:
        weight = D(row["weight"]) if row.get("weight") else None
        evaluation = evaluate(row["name"], row["target"], row["result"], weight)
        if evaluation.verdict != row["verdict"]:
            disagreements[(row["name"], row["target"])] = (row["verdict"], evaluation.verdict)
    assert set(disagreements) == set(DISAGREEMENTS), disagreements
    assert (len(data) - len(disagreements)) / len(data) >= 0.95


@pytest.mark.parametrize(
    ("target", "result", "weight", "score"),
    [
        ("≥100人", "100人", "10", "10.00"),
        ("≥100人", "150人", "10", "10.00"),  # never above the weight
        ("≥100人", "80人", "10", "8.00"),  # points × actual ÷ target
        ("≤90万元", "100万元", "8", "7.20"),  # points × target ÷ actual
        ("≥4754人", "4604人", "5", "4.84"),
        ("<=5300元/户", "5830元/户", "10", "9.09"),
        ("=100%", "98%", "10", "9.80"),
        ("90%-95%", "80%", "10", "9.44"),  # the two conditions share the points: (80/90 + 1) / 2
    ],
)
def test_it_scores_quantities_by_the_2020_rules(target: str, result: str, weight: str, score: str) -> None:
    assert evaluate("指标", target, result, D(weight)).score == D(score)


def test_a_qualitative_shortfall_leaves_a_band_to_the_reviewer() -> None:
    one_level = evaluate("考核", "良好以上", "考核结果为合格", D(10))
    assert one_level.verdict == "not_met" and one_level.score is None
    assert one_level.score_band == (D("6.00"), D("8.00"))
    assert "6.00–8.00" in one_level.reason
    two_levels = evaluate("考核", "优秀", "考核结果为合格", D(10))
    assert two_levels.score_band == (D("0.00"), D("6.00"))


def test_a_met_qualitative_target_earns_full_points() -> None:
    evaluation = evaluate("经费支出合规性", "严格执行相关制度规定", "达成预期指标", D(8))
    assert (evaluation.verdict, evaluation.score, evaluation.flags) == ("met", D("8.00"), ["generic_claim"])


@pytest.mark.parametrize(
    ("target", "result", "flagged"),
    [
        ("≥200项", "344项", True),
        ("≥200项", "240项", False),  # exactly 20%: not more than the margin
        ("≥200项", "241项", True),
        ("≤3次", "0次", True),
        ("≥95%", "100%", False),
    ],
)
def test_it_flags_a_target_exceeded_by_more_than_the_margin(target: str, result: str, flagged: bool) -> None:
    assert ("ambition" in evaluate("指标", target, result).flags) is flagged


def test_the_ambition_margin_can_be_set() -> None:
    assert "ambition" not in evaluate("指标", "≥200项", "344项", ambition_margin=D(100)).flags
    assert "ambition" in evaluate("指标", "≥200项", "201项", ambition_margin=D(0)).flags


@pytest.mark.parametrize(
    ("target", "result", "verdict"),
    [
        ("≥90%", "完成目标", "unverifiable"),  # a number answered by a bare claim
        ("≥90%", "未完成", "not_met"),
        ("≥90%", None, "unverifiable"),
        ("良好以上", "未达到", "not_met"),
        ("2021年11月30日前完成", "项目于2021年10月15日完成验收。", "met"),
        ("2021年11月30日前完成", "项目于2021年12月20日完成验收。", "not_met"),
        ("2021年11月30日前完成", "截至2021年12月31日已按时完成。", "met"),
        ("2021年11月30日前完成", "正在推进", "unverifiable"),
        ("=100%", "99.996%", "met"),  # prints as 100.00%
        ("=100%", "99.9%", "not_met"),
    ],
)
def test_it_decides_as_a_careful_reviewer_does(target: str, result: str | None, verdict: str) -> None:
    assert evaluate("指标", target, result).verdict == verdict


def test_to_dict_gives_exactly_the_cli_fields_ready_for_json(seed_form: Form) -> None:
    for _, evaluation in evaluate_form(seed_form):
        record = evaluation.to_dict()
        assert set(record) == {"verdict", "conditions", "actual", "score", "flags", "reason"}
        assert json.loads(json.dumps(record, ensure_ascii=False)) == record
        for condition in record["conditions"]:
            assert set(condition) == {"operator", "value", "unit"} and isinstance(condition["value"], str)
        for actual in record["actual"]:
            assert set(actual) == {"value", "unit", "evidence"} and isinstance(actual["value"], str)
    scored = evaluate("指标", "≥100人", "80人", D(10)).to_dict()
    assert scored["score"] == "8.00"


def test_an_evaluation_is_immutable() -> None:
    evaluation: Evaluation = evaluate("指标", "≥1项", "2项")
    with pytest.raises(AttributeError):
        evaluation.verdict = "not_met"  # type: ignore[misc]


@pytest.mark.parametrize("dash", ["—", "-", "一", "/"])
def test_a_dash_target_is_unverifiable_whatever_the_result(dash: str) -> None:
    evaluation = evaluate("群众满意度", dash, "满意度为97%")
    assert evaluation.verdict == "unverifiable" and evaluation.cause == "no_target_value"
    assert "未设定目标" in evaluation.reason


@pytest.mark.parametrize(
    ("name", "target", "result", "verdict"),
    [
        ("病虫害受害率", "5%", "受害率3%", "met"),
        ("病虫害受害率", "5%", "受害率7%", "not_met"),
        ("农作物成灾率", "3%", "成灾率为2.1%", "met"),
        ("门诊误诊率", "0.5%", "误诊率0.8%", "not_met"),
        ("交通事故死亡人数", "5人", "全年死亡3人", "met"),
        ("孕产妇死亡率", "1‰", "死亡率为0.8‰", "met"),
        ("孕产妇死亡率", "1‰", "死亡率为1.2‰", "not_met"),
        ("隐患整改率", "95%", "整改率98%", "met"),
        ("隐患整改率", "95%", "整改率90%", "not_met"),
    ],
)
def test_a_bad_outcome_without_a_comparator_is_read_as_at_most(
    name: str, target: str, result: str, verdict: str
) -> None:
    evaluation = evaluate(name, target, result)
    assert evaluation.verdict == verdict, evaluation.reason
    assert "operator_inferred" in evaluation.flags


@pytest.mark.parametrize(
    ("name", "target", "result"),
    [
        ("服务范围覆盖率", "≥95%", "覆盖率由80%提升至服务范"),
        ("培训人数", "≥100人", "培训80人,覆盖全区的"),
        ("考核等级", "良好以上", "考核等级为合格,在全市考核中居于"),
        ("扩大服务范围", "扩大服务范围", "服务范"),  # a qualitative claim that was cut
    ],
)
def test_a_result_cut_off_mid_word_is_unverifiable_not_not_met(name: str, target: str, result: str) -> None:
    evaluation = evaluate(name, target, result)
    assert evaluation.verdict == "unverifiable" and evaluation.cause == "result_truncated"
    assert "截断" in evaluation.reason


def test_a_cut_result_that_states_the_figure_or_a_failure_keeps_its_verdict() -> None:
    assert evaluate("培训人数", "≥100人", "培训120人,覆盖全区的").verdict == "met"
    assert evaluate("培训人数", "≥100人", "未完成培训任务,覆盖全区的").verdict == "not_met"
    assert evaluate("扩大服务范围", "扩大服务范围", "已完成,服务范").verdict == "met"
