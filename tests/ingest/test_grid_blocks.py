"""Blocks of a grid form read by their labels and each cell by its column's header, whatever the
lines did to the table: headers over several lines, rows that lost their empty cells, cut pages."""

from __future__ import annotations

from decimal import Decimal

from jixiao.ingest import read_bytes
from jixiao.ingest import review as rv


def read(text: str):  # type: ignore[no-untyped-def]
    return read_bytes(text.encode(), "form.txt").form


PIPE_STACKED = """项目支出绩效自评表 | ||||
(2023年度) | ||||
项目名称 | 村庄整治 | 主管部门 | 某县农业农村局 | ||
项目资金 (万元) |
年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 | |||
年度资金总额 | 120.5 | 120.5 | 118 | 10 | 97.93% | 9.8 | |||
其中:当年财政拨款 | 120.5 | 120.5 | 118 | — | 97.93% | — | |||
绩 效 指 标
一级指标 | 二级指标 | 三级指标 | 年度 指标值
实际 完成值
分值 | 得分 | 偏差原因分析及改进措施 | ||
产出指标 | 数量指标 | 指标1:整治村庄数量 | ≥20 | 22 | 10 | 10 | ||||
指标2:改厕数量 | ≥300 | 310 | 10 | 10 | ||||
质量指标 | 指标1:验收通过率 | ≥95% | 100% | 5 | 5 | ||||
"""


def test_a_header_printed_over_several_lines_is_one_header() -> None:
    form = read(PIPE_STACKED)
    assert [(i.level2, i.name, i.target, i.result, i.weight, i.score) for i in form.indicators] == [
        ("数量指标", "指标1:整治村庄数量", "≥20", "22", Decimal(10), Decimal(10)),
        ("数量指标", "指标2:改厕数量", "≥300", "310", Decimal(10), Decimal(10)),
        ("质量指标", "指标1:验收通过率", "≥95%", "100%", Decimal(5), Decimal(5)),
    ]


SPACE_ROWS = """项目支出绩效自评表
(2022年度)
项目名称 文化馆免费开放 主管部门 某区文化和旅游局
年初预算数(A) 全年执行数(B) 分值 执行率(B/A) 得分 得分计算方法
年度资金总额 45 45 10 100% 10 执行率*该指标分值,最高不得超过分值上限。
其中:财政拨款 45 45 - - -
其他资金 0 0
一级
指标
二级
指标
三级指标 预期指标值(A) 实际完成指标值(B) 分值 得分 未完成原因 得分计算方法
(50分)
数量指标 全年免费开放 100% 100% 12.5 12.5
质量指标 制度健全性 100% 100% 12.5 9
"""


def test_one_budget_column_is_the_budget_and_lines_fill_their_amount_columns() -> None:
    form = read(SPACE_ROWS)
    funds = form.funds
    assert (funds.initial_budget, funds.adjusted_budget, funds.actual) == (None, Decimal(45), Decimal(45))
    assert [(x.source, x.adjusted_budget, x.actual) for x in funds.lines] == [
        ("财政拨款", Decimal(45), Decimal(45)),
        ("其他资金", Decimal(0), Decimal(0)),
    ]
    assert [(i.name, i.target, i.result, i.weight) for i in form.indicators] == [
        ("全年免费开放", "100%", "100%", Decimal("12.5")),
        ("制度健全性", "100%", "100%", Decimal("12.5")),
    ]


def test_the_last_figure_of_a_page_cut_mid_row_is_not_placed() -> None:
    form = read(SPACE_ROWS.rstrip("\n").rsplit("\n", 1)[0] + "\n质量指标 制度健全性 12.5 9")
    last = form.indicators[-1]
    assert (last.name, last.weight, last.score, last.target) == ("制度健全性", Decimal("12.5"), None, None)
    assert any(item.problem == "truncated: only '9' left" for item in form.review)


def test_fewer_figures_than_amount_columns_in_a_line_are_not_guessed() -> None:
    text = SPACE_ROWS.replace("全年执行数(B) 分值", "全年预算数 全年执行数(B) 分值").replace(
        "年度资金总额 45 45 10", "年度资金总额 45 45 45 10"
    )
    form = read(text)
    lines = {x.source: x for x in form.funds.lines}
    assert "其他资金" not in lines or lines["其他资金"].actual is None
    assert any("'0'" in item.problem and item.problem.startswith(rv.NOT_IMPORTED) for item in form.review)


def test_amounts_that_contradict_the_printed_rate_are_not_kept() -> None:
    text = """项目支出绩效自评表 (2021年度) 项目名称 公共卫生服务 主管部门 某县卫生健康局
全年预算数 全年执行数 分值 执行率 得分
年度资金总额 0 207.4538 10 100% 10
一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分
产出指标 数量指标 建档人数 38508人 37442人 3 3
"""
    form = read(text)
    assert (form.funds.adjusted_budget, form.funds.actual, form.funds.execution_rate) == (
        None,
        None,
        Decimal(100),
    )
    assert any(item.problem.startswith(rv.CONTRADICTS_RATE) for item in form.review)


def paragraphs(*cells: str) -> str:
    return "\n\n".join(cells) + "\n"


def test_an_indicator_block_of_one_cell_per_paragraph_is_read_by_its_header() -> None:
    # Hainan-style sheet: every group prints its points in a 分值 column of its own.
    head = ["某项目绩效自评表", "一、项目基本情况", "项目实施单位", "某厅某处", "主管部门", "某厅"]
    funds = ["计划投资额", "(万元)", "300", "实际到位资金", "(万元)", "280", "实际使用情况(万元)", "275.5"]
    grid = ["二、绩效评价指标评分", "一级指标", "分值", "二级指标", "分值", "三级指标", "分值", "得分"]
    rows = ["项目决策", "20", "项目目标", "4", "目标内容", "4", "4", "决策过程", "16", "决策依据", "6", "5"]
    rows += ["决策程序", "10", "10", "项目绩效", "80", "项目产出", "30", "产出数量", "15", "15"]
    rows += ["产出质量", "15", "12"]
    form = read(paragraphs(*head, *funds, *grid, *rows))
    assert (form.funds.adjusted_budget, form.funds.actual) == (Decimal(300), Decimal("275.5"))
    assert [(i.level1, i.level2, i.name, i.weight, i.score) for i in form.indicators] == [
        ("项目决策", "项目目标", "目标内容", Decimal(4), Decimal(4)),
        ("项目决策", "决策过程", "决策依据", Decimal(6), Decimal(5)),
        ("项目决策", "决策过程", "决策程序", Decimal(10), Decimal(10)),
        ("项目绩效", "项目产出", "产出数量", Decimal(15), Decimal(15)),
        ("项目绩效", "项目产出", "产出质量", Decimal(15), Decimal(12)),
    ]


def test_a_score_sheet_of_one_cell_per_paragraph_reads_like_its_table() -> None:
    # Hunan department score sheet (一级 | 二级 | 三级 | 评分标准 | 分值 | 自评得分 | 扣分原因), each cell
    # a paragraph and empty cells dropped: group labels, names and figures found by their order.
    from pathlib import Path

    fixture = Path(__file__).resolve().parents[1] / "data" / "layouts" / "d1_hunan_score_sheet.txt"
    table = fixture.read_text(encoding="utf-8")
    cells = [cell for line in table.split("\n") for cell in line.split("\t") if cell.strip()]
    by_table = read(table).indicators
    by_stream = read(paragraphs(*cells)).indicators
    assert [(i.level1, i.level2, i.name, i.weight, i.score) for i in by_stream] == [
        (i.level1, i.level2, i.name, i.weight, i.score) for i in by_table
    ]
    assert len(by_table) == 7


def test_a_title_inside_a_row_starts_the_next_form() -> None:
    one = """项目名称 | 甲项目 |
年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
年度资金总额 | 10 | 10 | 9 | 10 | 90% | 9 |
一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
产出指标 | 数量指标 | 场次 | ≥4场 | 5场 | 10 | 10 |
"""
    two = one.replace("甲项目", "乙项目").replace("| 9 | 10 | 90% | 9 |", "| 10 | 10 | 100% | 10 |")
    text = "项目支出绩效自评表 (2022年度)\n" + one + "总分 | 98 | 项目支出绩效自评表 | (2022年度) |\n" + two
    from jixiao.ingest import read_bytes_all

    forms = [r.form for r in read_bytes_all(text.encode(), "two.txt")]
    assert [f.project for f in forms] == ["甲项目", "乙项目"]
    assert [f.funds.actual for f in forms] == [Decimal(9), Decimal(10)]
    assert forms[0].total_score == Decimal(98)


def test_a_central_transfer_self_evaluation_reads_its_blocks_without_points() -> None:
    from pathlib import Path

    fixture = Path(__file__).resolve().parents[1] / "data" / "shapes" / "shape9_transfer_self_evaluation.txt"
    form = read(fixture.read_text(encoding="utf-8"))
    assert (form.project, form.department, form.implementing_unit) == (
        "车辆购置税收入补助地方资金",
        "某市交通运输局",  # 地方主管部门: 中央主管部门 财政部 has no field
        "某市交通运输局",
    )
    funds = form.funds
    assert (funds.adjusted_budget, funds.actual, funds.execution_rate) == (
        Decimal(4000),
        Decimal(3900),
        Decimal("97.5"),
    )
    assert [(x.source, x.actual) for x in funds.lines if x.actual] == [("中央补助", Decimal(3900))]
    assert form.goals.achieved == "建设普通省道二级公路32.1公里。"
    assert [(i.name, i.target, i.result, i.weight) for i in form.indicators][:2] == [
        ("建设普通省道二级公路里程", "≥32.1公里", "32.1公里", None),
        ("交工验收合格率", "100%", "100%", None),
    ]
    assert not form.review, "every cell placed"
