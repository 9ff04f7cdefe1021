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


@pytest.mark.parametrize(
    ("name", "target", "result", "verdict"),
    [
        # A negated grade on the target's scale, at or below the target's level: not met.
        ("年度绩效考核等次", "优秀", "该单位年度考核不优秀。", "not_met"),
        ("服务质量", "良好以上", "服务质量未达到良好。", "not_met"),
        ("年度考核", "优秀", "未能获评优秀等次。", "not_met"),
        ("群众满意度", "提升", "群众满意度未提升。", "not_met"),
        ("治理效果", "效果明显", "河道治理效果无明显改善。", "not_met"),
        ("工作成效", "显著", "成效不显著。", "not_met"),
        ("社会效益", "好", "效果不好", "not_met"),
        ("知晓度", "高", "知晓度不高。", "not_met"),
        # A negated grade above the target's, or the worst one: which grade was reached is not said.
        ("年度考核等次", "合格", "考核不优秀。", "unverifiable"),
        ("群众满意度", "提升", "群众满意度未下降。", "unverifiable"),
        # A negated claim against a qualitative target.
        ("群众满意度", "提高群众满意度", "群众满意度未提升。", "not_met"),
        ("制度建设", "健全管理制度", "管理制度不够完善。", "not_met"),
        ("考核等级", "优良", "未达到优良。", "not_met"),
        # A claim made and another denied: the reviewer decides.
        ("群众满意度", "提高群众满意度", "项目已完成,但群众满意度无明显提高。", "unverifiable"),
        ("医疗文书及时率", "按规定时限", "43个别人未及时完成", "unverifiable"),
        # Negations elsewhere change nothing.
        ("安全事故", "无安全事故", "全年无安全事故。", "met"),
        ("安全生产", "零事故", "全年无安全事故发生。", "met"),
        ("群众满意度", "提高群众满意度", "群众满意度不断提升。", "met"),
        ("服务满意度", "满意", "群众非常满意。", "met"),
        ("年度考核", "优秀", "未能获评先进,考核为优秀。", "met"),
    ],
)
def test_a_negated_grade_or_claim_is_never_met(name: str, target: str, result: str, verdict: str) -> None:
    evaluation = evaluate(name, target, result, Decimal("10"))
    assert evaluation.verdict == verdict, evaluation.reason
    if verdict == "not_met":
        assert evaluation.score_band is not None and evaluation.score_band[1] < Decimal("10")


@pytest.mark.parametrize(
    ("name", "target", "result"),
    [("投诉率", "≤1%", "全年未发生投诉。"), ("安全事故", "零事故", "未发生安全事故。")],
)
def test_a_none_word_is_not_read_as_a_failure(name: str, target: str, result: str) -> None:
    assert evaluate(name, target, result).verdict in ("met", "unverifiable")
