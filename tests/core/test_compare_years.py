"""Comparisons across years and among peers (jixiao.core.compare_years), on hand-made pairs of forms."""

from __future__ import annotations

from decimal import Decimal as D

from jixiao.core.compare_years import (
    all_met_low_execution,
    copied_targets,
    normalise_name,
    peer_ranks,
    targets_below_last_actual,
)
from jixiao.core.form import Form, Funds, Goals, Indicator, Task


def form(year, indicators, *, actual="95", budget="100", achieved=None, task_achieved=None):
    return Form(
        year=year,
        department="某区某局",
        funds=Funds(adjusted_budget=D(budget), actual=D(actual)),
        goals=Goals(achieved=achieved),
        tasks=[
            Task(
                name="任务",
                achieved=task_achieved,
                indicators=[Indicator(name=n, target=t, result=r) for n, t, r in indicators],
            )
        ],
    )


def test_names_match_without_figures_units_comparisons_and_punctuation():
    assert normalise_name("实现“跨域通办”事项数≥200项") == normalise_name('实现 "跨域通办" 事项数 ≥ 260 项')
    assert normalise_name("好评率95%以上") == normalise_name("好评率(2024年)97%以上")
    assert normalise_name("好评率95%以上") == normalise_name("好评率不低于98%")
    assert normalise_name("好评率") != normalise_name("满意率")
    assert normalise_name(None) == ""


def test_a_target_below_last_years_actual_is_listed():
    last = form(2024, [("完成评审项目数", "≥100个", "完成评审项目120个"), ("办结率", "≥95%", "办结率98%")])
    now = form(2025, [("完成评审项目数", "≥110个", "完成评审项目115个"), ("办结率", "≥99%", "办结率99%")])
    found = targets_below_last_actual(now, last)
    assert [(p.path, p.previous_actual) for p in found] == [("tasks[0].indicators[0]", "120个")]
    assert "低于上年实际完成值 120个" in found[0].explanation
    assert found[0].previous_target == "完成评审项目数≥100个"


def test_an_at_most_target_looser_than_last_years_actual_is_listed_and_a_tighter_one_is_not():
    last = form(2024, [("严重故障次数", "≤5次", "发生严重故障1次"), ("投诉件数", "≤10件", "投诉8件")])
    now = form(2025, [("严重故障次数", "≤3次", "发生严重故障1次"), ("投诉件数", "≤6件", "投诉2件")])
    found = targets_below_last_actual(now, last)
    assert [p.path for p in found] == ["tasks[0].indicators[0]"]
    assert "宽于上年实际完成值 1次" in found[0].explanation


def test_no_match_in_another_unit_or_without_last_years_figure():
    last = form(2024, [("培训人数", "≥100人", "已完成"), ("资金", "≥50万元", "投入60万元")])
    now = form(2025, [("培训人数", "≥80人", "培训90人"), ("资金", "≥500000元", "投入600000元")])
    assert targets_below_last_actual(now, last) == []


def test_copied_targets_are_the_same_direction_value_and_unit():
    last = form(2024, [("好评率95%以上", None, "好评率97%"), ("进驻事项数≥200项", None, "进驻事项250项")])
    now = form(2025, [("好评率95%以上", None, "好评率96%"), ("进驻事项数≥220项", None, "进驻事项260项")])
    found = copied_targets(now, last)
    assert [p.path for p in found] == ["tasks[0].indicators[0]"]
    assert found[0].explanation == "目标“好评率≥95%”与上年相同,上年实际完成 97%。"
    assert copied_targets(now, form(2024, [])) == []


def test_all_met_with_low_execution_from_a_claim():
    claimed = form(
        2025, [("培训人数", "≥100人", "培训80人")], actual="75", task_achieved="3个关键指标均已完成预期目标。"
    )
    found = all_met_low_execution(claimed)
    assert found is not None
    assert found.execution_rate == D("75.00")
    assert found.claim == "3个关键指标均已完成预期目标"
    assert found.claim_path == "tasks[0].achieved"
    assert "75.00%" in found.explanation


def test_all_met_with_low_execution_from_the_verdicts():
    met = form(2025, [("培训人数", "≥100人", "培训120人"), ("办结率", "≥95%", "办结率96%")], actual="79.99")
    found = all_met_low_execution(met)
    assert found is not None and found.claim == "所列 2 个指标全部达成" and found.claim_path == ""


def test_no_flag_at_80_percent_or_when_an_indicator_is_not_met_and_nothing_is_claimed():
    met = [("培训人数", "≥100人", "培训120人")]
    assert all_met_low_execution(form(2025, met, actual="80")) is None
    short = form(2025, [("培训人数", "≥100人", "培训60人")], actual="50")
    assert all_met_low_execution(short) is None
    assert all_met_low_execution(form(2025, [], actual="50")) is None
    no_money = Form(year=2025, goals=Goals(achieved="各项指标均已完成"))
    assert all_met_low_execution(no_money) is None


def test_peer_ranks_share_a_rank_on_ties_and_measure_from_the_median():
    ranks = peer_ranks({"a": D("90"), "b": D("80"), "c": D("80"), "d": D("60")})
    assert [(k, r.rank) for k, r in ranks.items()] == [("a", 1), ("b", 2), ("c", 2), ("d", 4)]
    assert ranks["a"].median == D("80") and ranks["a"].difference == D("10")
    assert ranks["d"].explanation == "4 个单位中排第 4 名,低于中位数 20 分(中位数 80 分)。"
    assert ranks["b"].explanation.endswith("等于中位数(中位数 80 分)。")
    two = peer_ranks({"x": D("91.25"), "y": D("80.50")})
    assert two["x"].median == D("85.875") and two["y"].count == 2
    assert peer_ranks({}) == {}


def test_last_years_actual_is_shown_in_the_targets_own_unit():
    last = form(2024, [("城镇新增就业人数", "≥3.2万人", "城镇新增就业3.48万人")])
    now = form(2025, [("城镇新增就业人数", "≥3.3万人", "城镇新增就业3.5万人")])
    found = targets_below_last_actual(now, last)
    assert [p.previous_actual for p in found] == ["3.48万人"]


def test_targets_that_cannot_be_raised_are_not_called_copied():
    rows = [
        ("整改率", "≥100%", "整改率100%"),
        ("较大火灾事故", "≤0起", "未发生"),
        ("办件量", "≥100件", "办件120件"),
    ]
    found = copied_targets(form(2025, rows), form(2024, rows))
    assert [p.target for p in found] == ["办件量≥100件"]
