"""More edges where a planted mistake went unnoticed: equality at the target's own precision, an
"=" target below one, band ties, the keywords a result is searched for, which 无 / 零 speak of the
indicator, and which of several mentions of the keyword the figures are measured from."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from jixiao.core.form import Form
from jixiao.core.indicators import evaluate, evaluate_form
from jixiao.core.indicators.model import Actual, Condition
from jixiao.core.indicators.results import keywords
from jixiao.core.indicators.scoring import band, exceeds_by, holds, ratio
from jixiao.core.indicators.targets import outcome_direction, parse_target


def _c(op: str, value: str, unit: str = "个") -> Condition:
    return Condition(subject="", operator=op, value=D(value), unit=unit)  # type: ignore[arg-type]


def _a(value: str, unit: str = "个") -> Actual:
    return Actual(value=D(value), unit=unit, evidence=(0, 1))


@pytest.mark.parametrize(
    ("target", "actual", "equal"),
    [
        ("0.125", "0.1249", True),  # three decimals written: equal at three decimals
        ("0.125", "0.1244", False),  # at two decimals both would be 0.12
        ("99.99", "99.985", True),  # a tie rounds half up (四舍五入), not to the even digit
        ("99.99", "99.984", False),
    ],
)
def test_equality_is_judged_at_the_precision_the_target_is_written_in(
    target: str, actual: str, equal: bool
) -> None:
    assert holds(_c("=", target, "%"), _a(actual, "%")) is equal


@pytest.mark.parametrize(
    ("target", "actual", "share"),
    [
        ("0.5", "0.25", "0.5"),  # values below one are no zeros
        ("1", "2", "0.5"),  # "=1个", two done: half the points
        ("1", "0.5", "0.5"),
    ],
)
def test_a_missed_equal_target_earns_the_smaller_ratio(target: str, actual: str, share: str) -> None:
    assert ratio(_c("=", target), _a(actual)) == D(share)


def test_a_band_rounds_its_ties_half_up() -> None:
    assert band(D("4.175"), 2) == (D("0.00"), D("2.51"))  # 2.505 → 2.51, not 2.50
    assert band(D("0.03125"), 1) == (D("0.02"), D("0.03"))  # 0.025 → 0.03, not 0.02


@pytest.mark.parametrize(
    ("subject", "words"),
    [
        # A degree is also written as a rate: 满意度 → 满意率, tried first.
        ("群众满意度", ["满意率", "众满意度", "满意度", "意度"]),
        ("房屋", ["房屋"]),  # a two-character name is its own keyword
        ("人数", ["人数"]),  # even when it is all measure word
        ("项目资金到位及时率", ["目资金到位及时率", "金到位及时率", "位及时率", "及时率", "时率"]),
        (
            "农村公路安全生命防护工程建设里程",
            [
                "防护工程建设里程",
                "工程建设里程",
                "建设里程",
                "设里程",
                "防护工程建设",
                "工程建设",
                "程建设",
                "建设",
            ],
        ),
        ("“群众满意度”(%)", ["满意率", "众满意度", "满意度", "意度"]),  # quotes and notes dropped
    ],
)
def test_the_keywords_a_result_is_searched_for_longest_first(subject: str, words: list[str]) -> None:
    assert keywords(subject) == words


@pytest.mark.parametrize(
    ("result", "value"),
    [
        ("安全事故2次,未发生人员伤亡", D(2)),  # a none-word after the count speaks of something else
        ("零星维修完成后安全事故2次", D(2)),  # 零 seven characters before: another word
        ("全年未发生安全事故", D(0)),
        ("  无", D(0)),
    ],
)
def test_only_a_none_word_just_before_the_keyword_reads_as_zero(result: str, value: D) -> None:
    evaluation = evaluate("安全事故", "≤3次", result)
    assert evaluation.verdict == "met" and evaluation.actual[0].value == value
    assert ("zero_from_words" in evaluation.flags) is (value == 0)


def test_the_evidence_of_a_none_result_skips_leading_blanks() -> None:
    assert evaluate("安全事故", "≤3次", "  无").actual[0].evidence == (2, 3)


@pytest.mark.parametrize(
    ("result", "value"),
    [
        ("满意度:上年85%,今年满意度达97%", D(97)),  # measured from every mention of the keyword
        ("满意度97%,较上年满意度85%有所提高", D(97)),  # the first mention counts too
    ],
)
def test_figures_are_measured_from_every_mention_of_the_keyword(result: str, value: D) -> None:
    assert evaluate("群众满意度", "≥90%", result).actual[0].value == value


@pytest.mark.parametrize(
    ("subject", "direction"),
    [
        ("不达标企业数", "≤"),  # 不 / 未 words reach further back from the measure
        ("未验收项目数", "≤"),
        ("零事故率", "≥"),  # a negated outcome: the share without it, better higher
        ("控辍保学率", None),
    ],
)
def test_the_direction_of_an_outcome(subject: str, direction: str | None) -> None:
    assert outcome_direction(subject) == direction


def test_a_band_one_level_short_rounds_its_lower_end_half_up() -> None:
    assert band(D("4.175"), 1) == (D("2.51"), D("3.34"))  # 2.505 → 2.51


@pytest.mark.parametrize(
    "name",
    ["2021年底前完成3个系统上线,确保稳定运行", "年内完成3个系统上线", "上半年:完成3个系统上线"],
)
def test_a_count_led_by_a_verb_counts_the_words_after_it_to_the_clause_end(name: str) -> None:
    parsed = parse_target(name, None)
    assert [(c.subject, c.operator, c.value, c.unit) for c in parsed.conditions] == [
        ("系统上线", "≥", D(3), "个")
    ]


@pytest.mark.parametrize("target", ["按要求完成,2023年11月30日前竣工", "完成验收,2023年11月30日前"])
def test_a_deadline_after_a_dateless_completion_word_is_still_read(target: str) -> None:
    parsed = parse_target("项目验收", target)
    assert parsed.kind == "deadline"
    assert [(c.operator, c.value) for c in parsed.conditions] == [("≤", "2023-11-30")]


def test_the_ambition_margin_is_an_option_of_the_whole_form(seed_form: Form) -> None:
    def flagged(**options: object) -> set[str]:
        return {path for path, e in evaluate_form(seed_form, **options) if "ambition" in e.flags}

    default = flagged()
    assert default == flagged(ambition_margin="20")
    assert flagged(ambition_margin="100000") == set()  # no result beats its target a thousandfold
    assert default < flagged(ambition_margin="0")  # any margin at all is flagged at zero


@pytest.mark.parametrize(
    ("result", "verdict"), [("1.5万元", "met"), ("15000元", "met"), ("1.6万元", "not_met")]
)
def test_an_equal_target_in_wan_yuan_is_met_in_wan_yuan_or_yuan(result: str, verdict: str) -> None:
    assert evaluate("资金", "=1.5万元", result, D(10)).verdict == verdict


def test_beating_a_more_than_target_is_measured_like_an_at_least_one() -> None:
    assert exceeds_by(_c(">", "100"), _a("150")) == D(50)
    assert exceeds_by(_c("<", "10"), _a("5")) == D(50)
