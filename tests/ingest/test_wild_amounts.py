"""Funding figures of real published forms (tests/data/wild), each test a short excerpt of a page."""

from __future__ import annotations

from decimal import Decimal

from jixiao.ingest import read_bytes_all, rebuild


def _form(text: str):  # type: ignore[no-untyped-def]
    results = read_bytes_all(text.encode("utf-8"), "page.txt")
    assert len(results) == 1
    return results[0].form


def test_a_rate_and_a_score_cut_not_rounded_still_place_the_figures() -> None:
    # 临沧市临翔区 2023: the empty 年初预算数 cell dropped; 31.69 ÷ 32.4 = 97.808…% printed 97.80%,
    # 10 × 97.80% = 9.78 printed as the score 9.
    placed = rebuild.place_by_arithmetic(
        ["32.4", "31.69", "10", "97.80%", "9"],
        ["initial_budget", "adjusted_budget", "actual", "weight", "execution_rate%", "score"],
    )
    assert placed == [1, 2, 3, 4, 5]


LINXIANG = """项目支出绩效自评表 |
| ( 2023年度) |
项目名称 | 2023年马鹿坑国有林场新建野生动物收容所建设项目 |
主管部门 | 临沧市临翔区林业和草原局 | 实施单位 | 临沧市临翔区林业和草原局 |
项目资金 (万元) |
| 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
年度资金总额 |
| 32.4 | 31.69 | 10 | 97.80% | 9 |
其中:当年财政拨款 |
| 32.4 | 31.69 | 10 | 97.80% | 9 |
年度 总体 目标 | 预期目标 | 实际完成情况 |
新建收容所1间 | 完成收容所1间 |
|
绩效指标 | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |
|
产出指标 | 数量指标 | 野生动物收容所 | ≥200平方米 | 204.46平方米 | 10 | 10 | 无 |
数量指标 | 钢结构圈养围栏 | ≥120米 | 121.5米 | 10 | 10 | 无 |
"""


def test_a_source_line_repeating_the_total_row_stands_in_the_total_columns() -> None:
    form = _form(LINXIANG)
    funds = form.funds
    assert (funds.initial_budget, funds.adjusted_budget, funds.actual) == (
        None,
        Decimal("32.4"),
        Decimal("31.69"),
    )
    assert (funds.weight, funds.execution_rate, funds.score) == (Decimal(10), Decimal("97.80"), Decimal(9))
    [line] = funds.lines
    assert (line.initial_budget, line.adjusted_budget, line.actual) == (
        None,
        Decimal("32.4"),
        Decimal("31.69"),
    )
