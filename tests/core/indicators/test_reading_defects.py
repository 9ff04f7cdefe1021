"""Readings a reviewer would disagree with, found by mutation testing (docs/testing.md)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.core.indicators import evaluate


@pytest.mark.parametrize(
    ("name", "target", "result", "named"),
    [
        ("项目完成时限", "11月30日前完成", "项目于12月5日完成验收", "期限“项目完成时限11月30日前”"),
        ("完成时限", "12月底前", "2023年12月20日完工", "期限“完成时限12月31日前”"),
        ("方案印发时间", "9月前印发", "10月12日印发实施方案", "期限“方案印发时间9月前”"),
        # With a year the deadline keeps its form.
        ("完成时限", "2023年11月30日前完成", "2023年12月1日完工", "期限“完成时限2023-11-30前”"),
    ],
)
def test_a_deadline_without_a_year_is_named_in_words(name: str, target: str, result: str, named: str) -> None:
    reason = evaluate(name, target, result, Decimal("5")).reason
    assert reason.startswith(named + ","), reason
    assert "--" not in reason


@pytest.mark.parametrize(
    ("name", "target", "result", "operator", "verdict"),
    [
        # A count of failures to act is better lower, however the action is spelled.
        ("未及时处理投诉数", "5件", "全年未及时处理投诉3件。", "≤", "met"),
        ("未及时处理投诉数", "5件", "全年未及时处理投诉8件。", "≤", "not_met"),
        ("投诉处理不及时率", "2%", "投诉处理不及时率为1.5%。", "≤", "met"),
        # The share without a bad outcome, or with it controlled, is better higher.
        ("安全生产无事故率", "95%", "安全生产无事故率达98%。", "≥", "met"),
        ("零事故率", "100%", "零事故率为90%。", "≥", "not_met"),
        ("重点污染源控污染率", "90%", "重点污染源控污染率达到93%。", "≥", "met"),
        ("控污染率", "90%", "控污染率为85%。", "≥", "not_met"),
        # Unchanged: the bad outcome itself, acting on it, and a negated action in a count.
        ("事故率", "1%", "事故率为0.5%。", "≤", "met"),
        ("投诉及时处理率", "95%", "投诉及时处理率98%。", "≥", "met"),
        ("逾期未办结件数", "3件", "逾期未办结件数2件。", "≤", "met"),
    ],
)
def test_the_direction_of_a_bare_value_follows_the_meaning(
    name: str, target: str, result: str, operator: str, verdict: str
) -> None:
    evaluation = evaluate(name, target, result)
    assert evaluation.conditions[0].operator == operator
    assert evaluation.verdict == verdict, evaluation.reason
