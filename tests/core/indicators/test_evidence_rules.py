"""The rules that pick the evidence in a result and read a target, each at the case that decides it:
a negated grade, a one-character grade, the completion dates, the other figures kept beside the one
taken, the claim a qualitative verdict quotes, the deadline's subject and a grid's columns."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from jixiao.core.indicators import evaluate, grid_target
from jixiao.core.indicators.results import claim_span, find_dates
from jixiao.core.indicators.targets import clean_subject, infer_operator, parse_target


def test_a_negated_grade_is_no_evidence_the_next_grade_is() -> None:
    evaluation = evaluate("考核等级", "优秀", "考核不优秀,为良好", D(10))
    assert evaluation.verdict == "not_met"
    assert [(a.value, a.evidence) for a in evaluation.actual] == [("良好", (7, 9))]
    assert evaluation.score_band == (D("6.00"), D("8.00"))


@pytest.mark.parametrize(
    ("result", "grade"),
    [
        ("考核评定为良", "良"),  # six characters: the one-character grade is the answer
        ("本年度评定为良", None),  # seven: a lone 良 may be part of another word; read as a claim
    ],
)
def test_a_one_character_grade_counts_only_in_a_short_result(result: str, grade: str | None) -> None:
    evaluation = evaluate("考核等级", "良好以上", result, D(10))
    assert evaluation.verdict == "met"
    if grade is None:
        assert evaluation.flags == ["generic_claim"] and evaluation.actual[0].value == result
    else:
        assert evaluation.flags == [] and evaluation.actual[0].value == grade


@pytest.mark.parametrize(
    ("result", "dates"),
    [
        ("2023年完工", [(2023, 12, 31)]),  # a year alone: its last day
        ("2023年11月完工", [(2023, 11, 31)]),  # a month alone: its last day
        ("11月完工", [(None, 11, 31)]),
        ("11月5日完工", [(None, 11, 5)]),
        # A cut-off date (截至) is when the figures were counted, not when the work was done.
        ("截至2023年12月底完成,2023年11月完工", [(2023, 11, 31)]),
        ("截至12月底,11月5日完工", [(None, 11, 5)]),
    ],
)
def test_the_completion_dates_of_a_result(result: str, dates: list[tuple[int | None, int, int]]) -> None:
    assert [date for date, _ in find_dates(result)] == dates


def test_the_figures_not_taken_are_kept_with_their_unit_and_place() -> None:
    result = "资金拨付300万元,其中省级50万元"
    taken = evaluate("资金拨付", "≥200万元", result).actual[0]
    assert (taken.value, taken.written_unit, result[slice(*taken.evidence)]) == (D(300), "万元", "300万元")
    assert [(a.value, a.written_unit, result[slice(*a.evidence)], a.scaled) for a in taken.alternatives] == [
        (D(50), "万元", "50万元", D(500000))
    ]


@pytest.mark.parametrize(
    ("result", "value"),
    [
        ("上年85%满意度97%", D(97)),  # right after the keyword beats right before it
        ("上年85%,满意度达到97%", D(97)),  # two characters after beats one before
        ("满意度97%,上年为85%", D(97)),
    ],
)
def test_the_figure_after_the_keyword_wins_a_near_tie(result: str, value: D) -> None:
    evaluation = evaluate("群众满意度", "≥90%", result)
    assert evaluation.actual[0].value == value and "alternatives" in evaluation.flags


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("", (0, 0)),
        ("已完成", (0, 3)),
        ("\n已完成。资金已拨付。", (1, 4)),  # a line break before the claim does not end it
        ("已完成。资金已拨付。", (0, 3)),  # the first sentence, not all but the last
    ],
)
def test_the_claim_is_the_first_sentence(text: str, span: tuple[int, int]) -> None:
    assert claim_span(text) == span


@pytest.mark.parametrize(
    ("subject", "operator"),
    [
        ("投诉处理满意度", "≥"),  # a satisfaction, though it names complaints
        ("“投诉处理满意度”", "≥"),  # quoted as some forms write it
        ("信访率", "≤"),
        ("时限达标率", "≥"),
    ],
)
def test_the_direction_of_a_rate_or_degree_follows_its_last_word(subject: str, operator: str) -> None:
    assert infer_operator(subject) == operator


@pytest.mark.parametrize(
    ("name", "target", "subject", "value"),
    [
        ("项目", "验收2023年11月30日前完成", "验收", "2023-11-30"),  # the words before the date
        ("项目完工", "2023年11月30日前", "项目完工", "2023-11-30"),  # none: the indicator's name
        ("工程进度", "2023年12月", "工程进度", "2023-12"),  # a bare date under a time indicator
        ("完成时限", "2023年12月31日", "完成时限", "2023-12-31"),
    ],
)
def test_a_deadline_target_and_its_subject(name: str, target: str, subject: str, value: str) -> None:
    parsed = parse_target(name, target)
    assert parsed.kind == "deadline"
    assert [(c.subject, c.operator, c.value, c.unit) for c in parsed.conditions] == [
        (subject, "≤", value, "日期")
    ]


def test_a_bare_date_under_another_indicator_is_no_deadline() -> None:
    assert parse_target("资金用途", "2023年12月").kind == "qualitative"


@pytest.mark.parametrize(
    ("target", "subject", "operator", "grade"),
    [
        ("良好以上", "考核等级", "≥", "良好"),
        ("良好", "考核等级", "≥", "良好"),
        ("良好以下", "考核等级", "≤", "良好"),
        ("良好及以下", "考核等级", "≤", "良好"),
        ("考核结果:良好以上", "考核结果", "≥", "良好"),
        # A one-character grade is a target only after a word that introduces it.
        ("考核评价为优", "考核评价为", "≥", "优"),
        ("评定结论是优", "评定结论是", "≥", "优"),
        ("考核达到优", "考核达到", "≥", "优"),
        ("群众评价好", "群众评价", "≥", "好"),
        ("满意程度高", "满意程度", "≥", "高"),
        ("服务质量较优", "服务质量较", "≥", "优"),
        ("服务质量很优", "服务质量很", "≥", "优"),
    ],
)
def test_a_grade_target(target: str, subject: str, operator: str, grade: str) -> None:
    parsed = parse_target("考核等级", target)
    assert parsed.kind == "grade"
    assert [(c.subject, c.operator, c.value) for c in parsed.conditions] == [(subject, operator, grade)]


def test_a_one_character_grade_inside_a_phrase_is_no_grade_target() -> None:
    assert parse_target("便民", "便于信息化应用更好").kind == "qualitative"


@pytest.mark.parametrize(
    ("operator", "value", "unit", "target"),
    [
        ("≥", "95", "%", "≥95%"),
        ("≥", "95%", "%", "≥95%"),  # the unit written twice is kept once
        ("=", "100", "％", "=100%"),
        ("定性", "优", "", "优"),  # the kind of indicator is no operator
        ("定量", "12", "个", "12个"),
        ("定性指标", "良好", "", "良好"),
        ("定量指标", "3", "次", "3次"),
        ("≥", "3", "-", "≥3"),  # a dash, a slash or 无 in the unit column is no unit
        ("≥", "3", "/", "≥3"),
        ("≥", "3", "无", "≥3"),
        ("≤", "无", "", None),  # no value written: no target
    ],
)
def test_a_grid_target_is_joined_from_its_columns(
    operator: str, value: str, unit: str, target: str | None
) -> None:
    assert grid_target(operator, value, unit) == target


@pytest.mark.parametrize(
    "name",
    [
        "群众满意度(%)",
        "【重点】群众满意度",
        "群众满意度[注1]",
        "★群众满意度",
        "1.群众满意度",
        "其中:群众满意度",
        "指标1:群众满意度",
        "★1.群众满意度",  # a star before the number: both go
        "☆1.群众满意度",
    ],
)
def test_a_name_is_cleaned_of_notes_stars_numbers_and_qizhong(name: str) -> None:
    assert clean_subject(name) == "群众满意度"


@pytest.mark.parametrize("target", ["≥95%(抽样调查)", "【约束性】≥95%", "≥95%[注]"])
def test_a_note_in_brackets_is_no_part_of_the_target(target: str) -> None:
    parsed = parse_target("群众满意度", target)
    assert [(c.subject, c.operator, c.value, c.unit) for c in parsed.conditions] == [
        ("群众满意度", "≥", D(95), "%")
    ]
