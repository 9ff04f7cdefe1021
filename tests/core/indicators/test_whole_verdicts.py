"""The whole of what a reviewer reads for one indicator, per kind of target: the verdict, the evidence
quoted from the result (with its place in the text), the score or the band left to the reviewer, the
flags, the cause of an unverifiable verdict and the Chinese reason. Checking only the verdict lets a
wrong quote, a missing score or a garbled reason through."""

from __future__ import annotations

from decimal import Decimal as D
from typing import Any

import pytest

from jixiao.core.indicators import Evaluation, evaluate


def _whole(evaluation: Evaluation) -> dict[str, Any]:
    return {
        "verdict": evaluation.verdict,
        "conditions": [c.describe() for c in evaluation.conditions],
        "actual": [(a.value, a.written_unit, a.evidence) for a in evaluation.actual],
        "score": evaluation.score,
        "band": evaluation.score_band,
        "flags": evaluation.flags,
        "cause": evaluation.cause,
        "reason": evaluation.reason,
    }


DEADLINE = "完成时限"
BY_30_NOV = "2023年11月30日前完成"
WHEN = "完成时限2023-11-30前"
# How the reason names each deadline (a deadline without a year in words: "11月30日", not the ISO "--11-30").
WHENS = {
    BY_30_NOV: WHEN,
    "2023年11月前完成": "完成时限2023-11前",
    "2023年前完成": "完成时限2023前",
    "11月30日前完成": "完成时限11月30日前",
    "11月15日前完成": "完成时限11月15日前",
}


@pytest.mark.parametrize(
    ("target", "result", "weight", "verdict", "actual", "score", "reason"),
    [
        (
            BY_30_NOV,
            "项目于2023年11月20日完工",
            "10",
            "met",
            ("2023年11月20日", (3, 14)),
            "10.00",
            f"期限“{WHEN}”,完成于“2023年11月20日”,按期完成。",
        ),
        (
            BY_30_NOV,
            "项目于2023年12月5日完工",
            "10",
            "not_met",
            ("2023年12月5日", (3, 13)),
            "0.00",
            f"期限“{WHEN}”,完成于“2023年12月5日”,晚于期限。",
        ),
        # Late with no weight given: not met, and no score at all (not 0.00 out of nothing).
        (
            BY_30_NOV,
            "项目于2023年12月5日完工",
            None,
            "not_met",
            ("2023年12月5日", (3, 13)),
            None,
            f"期限“{WHEN}”,完成于“2023年12月5日”,晚于期限。",
        ),
        # An earlier year is on time whatever its month; a later year is late whatever its month.
        (
            BY_30_NOV,
            "项目于2022年12月5日完工",
            "10",
            "met",
            ("2022年12月5日", (3, 13)),
            "10.00",
            f"期限“{WHEN}”,完成于“2022年12月5日”,按期完成。",
        ),
        (
            BY_30_NOV,
            "项目于2024年1月5日完工",
            "10",
            "not_met",
            ("2024年1月5日", (3, 12)),
            "0.00",
            f"期限“{WHEN}”,完成于“2024年1月5日”,晚于期限。",
        ),
        # A result without a year is compared by month and day.
        (
            BY_30_NOV,
            "11月20日完工",
            "10",
            "met",
            ("11月20日", (0, 6)),
            "10.00",
            f"期限“{WHEN}”,完成于“11月20日”,按期完成。",
        ),
        # A deadline of a month ends with its last day; a deadline of a year with 31 December.
        (
            "2023年11月前完成",
            "项目于2023年11月30日完工",
            "10",
            "met",
            ("2023年11月30日", (3, 14)),
            "10.00",
            "期限“完成时限2023-11前”,完成于“2023年11月30日”,按期完成。",
        ),
        (
            "2023年前完成",
            "2023年12月20日完工",
            "10",
            "met",
            ("2023年12月20日", (0, 11)),
            "10.00",
            "期限“完成时限2023前”,完成于“2023年12月20日”,按期完成。",
        ),
        # A deadline without a year.
        (
            "11月30日前完成",
            "11月30日完工",
            "10",
            "met",
            ("11月30日", (0, 6)),
            "10.00",
            "期限“完成时限11月30日前”,完成于“11月30日”,按期完成。",
        ),
        (
            "11月30日前完成",
            "12月1日完工",
            "10",
            "not_met",
            ("12月1日", (0, 5)),
            "0.00",
            "期限“完成时限11月30日前”,完成于“12月1日”,晚于期限。",
        ),
        (
            "11月15日前完成",
            "11月20日完工",
            "10",
            "not_met",
            ("11月20日", (0, 6)),
            "0.00",
            "期限“完成时限11月15日前”,完成于“11月20日”,晚于期限。",
        ),
    ],
)
def test_a_deadline_is_judged_on_the_completion_date(
    target: str,
    result: str,
    weight: str | None,
    verdict: str,
    actual: tuple[str, tuple[int, int]],
    score: str | None,
    reason: str,
) -> None:
    evaluation = evaluate(DEADLINE, target, result, None if weight is None else D(weight))
    assert _whole(evaluation) == {
        "verdict": verdict,
        "conditions": [WHENS[target]],
        "actual": [(actual[0], "日期", actual[1])],
        "score": None if score is None else D(score),
        "band": None,
        "flags": [],
        "cause": "",
        "reason": reason,
    }


def test_a_deadline_answered_by_on_time_is_met_on_the_claim() -> None:
    assert _whole(evaluate(DEADLINE, BY_30_NOV, "按时完成", D(10))) == {
        "verdict": "met",
        "conditions": [WHEN],
        "actual": [("按时", "", (0, 2))],
        "score": D("10.00"),
        "band": None,
        "flags": ["generic_claim"],
        "cause": "",
        "reason": f"期限“{WHEN}”,完成情况称“按时”完成。",
    }


@pytest.mark.parametrize("result", ["未按时完成", "未能按时完成", "没有按期完成"])
def test_a_deadline_said_to_be_missed_is_not_met(result: str) -> None:
    evaluation = evaluate(DEADLINE, BY_30_NOV, result, D(10))
    assert _whole(evaluation) == {
        "verdict": "not_met",
        "conditions": [WHEN],
        "actual": [(result, "", (0, len(result)))],
        "score": None,
        "band": (D("0.00"), D("6.00")),
        "flags": ["score_band"],
        "cause": "",
        "reason": f"定性目标“{WHEN}”,完成情况“{result}”写明未达到。",
    }


def test_a_deadline_answered_by_a_general_claim_is_met_as_a_qualitative_target() -> None:
    assert _whole(evaluate(DEADLINE, BY_30_NOV, "达成预期指标", D(10))) == {
        "verdict": "met",
        "conditions": [WHEN],
        "actual": [("达成预期指标", "", (0, 6))],
        "score": D("10.00"),
        "band": None,
        "flags": ["generic_claim"],
        "cause": "",
        "reason": f"定性目标“{WHEN}”,完成情况“达成预期指标”,按定性指标视为达成,请评审结合佐证材料确认。",
    }


@pytest.mark.parametrize(
    ("result", "cause", "reason"),
    [
        ("进行中", "no_date", f"期限“{WHEN}”,完成情况未写明完成日期,无法核验。"),
        ("无", "no_result", "未填写完成情况(实际完成值),无法核验。"),  # "无" answers only an at-most count
    ],
)
def test_a_deadline_without_a_date_or_claim_is_unverifiable(result: str, cause: str, reason: str) -> None:
    assert _whole(evaluate(DEADLINE, BY_30_NOV, result, D(10))) == {
        "verdict": "unverifiable",
        "conditions": [WHEN],
        "actual": [],
        "score": None,
        "band": None,
        "flags": [],
        "cause": cause,
        "reason": reason,
    }


RULES = "经费支出合规性"
STRICT = "严格执行相关制度规定"
GOAL = f"{RULES}{STRICT}"


@pytest.mark.parametrize(
    ("result", "weight", "verdict", "quoted", "evidence", "score", "band", "flags", "reason"),
    [
        (
            "未达到预期",
            "10",
            "not_met",
            "未达到预期",
            (0, 5),
            None,
            ("0.00", "6.00"),
            ["score_band"],
            f"定性目标“{GOAL}”,完成情况“未达到预期”写明未达到。",
        ),
        (
            "未达到预期",
            None,
            "not_met",
            "未达到预期",
            (0, 5),
            None,
            None,
            ["score_band"],
            f"定性目标“{GOAL}”,完成情况“未达到预期”写明未达到。",
        ),
        (
            "基本达到预期",
            "10",
            "not_met",
            "基本达到预期",
            (0, 6),
            None,
            ("6.00", "8.00"),
            ["score_band"],
            f"定性目标“{GOAL}”,完成情况“基本达到预期”只是部分达到。",
        ),
        (
            "基本达到预期",
            None,
            "not_met",
            "基本达到预期",
            (0, 6),
            None,
            None,
            ["score_band"],
            f"定性目标“{GOAL}”,完成情况“基本达到预期”只是部分达到。",
        ),
        # The claim quoted is the first sentence, wherever the result's first sentence ends.
        (
            "  已完成;资金已拨付",
            "10",
            "met",
            "已完成",
            (2, 5),
            "10.00",
            None,
            ["generic_claim"],
            f"定性目标“{GOAL}”,完成情况“已完成”,按定性指标视为达成,请评审结合佐证材料确认。",
        ),
        (
            "已完成。资金已拨付",
            None,
            "met",
            "已完成",
            (0, 3),
            None,
            None,
            ["generic_claim"],
            f"定性目标“{GOAL}”,完成情况“已完成”,按定性指标视为达成,请评审结合佐证材料确认。",
        ),
        (
            "资金已拨付\n项目已完成",
            "8",
            "met",
            "资金已拨付",
            (0, 5),
            "8.00",
            None,
            ["generic_claim"],
            f"定性目标“{GOAL}”,完成情况“资金已拨付”,按定性指标视为达成,请评审结合佐证材料确认。",
        ),
    ],
)
def test_a_qualitative_target_quotes_the_claim_it_rests_on(
    result: str,
    weight: str | None,
    verdict: str,
    quoted: str,
    evidence: tuple[int, int],
    score: str | None,
    band: tuple[str, str] | None,
    flags: list[str],
    reason: str,
) -> None:
    evaluation = evaluate(RULES, STRICT, result, None if weight is None else D(weight))
    assert _whole(evaluation) == {
        "verdict": verdict,
        "conditions": [GOAL],
        "actual": [(quoted, "", evidence)],
        "score": None if score is None else D(score),
        "band": None if band is None else (D(band[0]), D(band[1])),
        "flags": flags,
        "cause": "",
        "reason": reason,
    }


@pytest.mark.parametrize(
    ("target", "described", "flags", "reason_tail"),
    [
        ("≤0次", "安全事故≤0次", ["zero_from_words"], ""),
        ("=0次", "安全事故=0次", ["zero_from_words"], ""),
        (
            "<1次",
            "安全事故<1次",
            ["zero_from_words", "ambition"],
            "完成值优于目标100%,请评审核实目标是否定得过松。",
        ),
    ],
)
def test_none_answers_an_at_most_count(
    target: str, described: str, flags: list[str], reason_tail: str
) -> None:
    assert _whole(evaluate("安全事故", target, "无", D(10))) == {
        "verdict": "met",
        "conditions": [described],
        "actual": [(D(0), "", (0, 1))],
        "score": D("10.00"),
        "band": None,
        "flags": flags,
        "cause": "",
        "reason": f"目标“{described}”,完成值0(“无”)。已达成。" + reason_tail,
    }


@pytest.mark.parametrize("result", [None, "", "  "])
def test_an_empty_result_of_an_at_most_count_is_unverifiable(result: str | None) -> None:
    evaluation = evaluate("安全事故", "≤3次", result, D(10))
    assert (evaluation.verdict, evaluation.cause, evaluation.score) == ("unverifiable", "no_result", None)


def test_a_result_in_words_is_no_answer_to_an_at_least_count() -> None:
    evaluation = evaluate("培训人数", "≥100人", "无", D(10))
    assert (evaluation.verdict, evaluation.cause) == ("unverifiable", "no_result")


GRADE = "考核等级"


@pytest.mark.parametrize(
    ("target", "result", "verdict", "grade", "score", "band", "reason"),
    [
        (
            "良好以上",
            "考核结果为优秀",
            "met",
            "优秀",
            "10.00",
            None,
            "目标“考核等级良好及以上”,完成情况“考核结果为优秀”,已达到。",
        ),
        # At most a grade: a lower grade and the grade itself meet it, a higher one does not.
        (
            "良好以下",
            "考核结果为合格",
            "met",
            "合格",
            "10.00",
            None,
            "目标“考核等级良好及以下”,完成情况“考核结果为合格”,已达到。",
        ),
        (
            "良好以下",
            "考核结果为良好",
            "met",
            "良好",
            "10.00",
            None,
            "目标“考核等级良好及以下”,完成情况“考核结果为良好”,已达到。",
        ),
        (
            "良好以下",
            "考核结果为优秀",
            "not_met",
            "优秀",
            None,
            ("6.00", "8.00"),
            "目标“考核等级良好及以下”,完成情况“考核结果为优秀”,未达到目标等级。得分区间6.00–8.00分,由评审在区间内确定。",
        ),
    ],
)
def test_a_grade_target_quotes_the_grade_and_gives_the_score_or_band(
    target: str,
    result: str,
    verdict: str,
    grade: str,
    score: str | None,
    band: tuple[str, str] | None,
    reason: str,
) -> None:
    evaluation = evaluate(GRADE, target, result, D(10))
    condition = evaluation.conditions[0]
    assert [(c.subject, c.operator, c.value) for c in evaluation.conditions] == [
        (GRADE, "≥" if target.endswith("以上") else "≤", "良好")
    ]
    assert _whole(evaluation) == {
        "verdict": verdict,
        "conditions": [condition.describe()],
        "actual": [(grade, "等级", (5, 7))],
        "score": None if score is None else D(score),
        "band": None if band is None else (D(band[0]), D(band[1])),
        "flags": [] if verdict == "met" else ["score_band"],
        "cause": "",
        "reason": reason,
    }


def test_a_met_grade_without_a_weight_has_no_score() -> None:
    evaluation = evaluate(GRADE, "良好以上", "考核结果为优秀")
    assert (evaluation.verdict, evaluation.score) == ("met", None)
