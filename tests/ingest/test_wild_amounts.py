"""Funding figures of real published forms (tests/data/wild), each test a short excerpt of a page."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from jixiao.ingest import read_bytes_all, rebuild, rowcodec, vocab
from jixiao.ingest.runtogether import matching_text


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


NANYUE = """2020年忠烈祠免費開放經費236.25萬元部門整體支出績效自評表 |
單位名稱 | 南岳區民族宗教事務局 | 單位負責人及電話 | 郭剛毅 |
主管部門 | 南岳區民族宗教事務局 | 實施單位 | 南岳區民族宗教事務局 |
資金情況(萬元) | | 年初預算資金總額: | 實際投入資金額 | 產生差異的原因 |
合計 | 236 | 236 | |
其中:財政撥款 | 236 | 236 | |
其他資金 | | | |
總體目標 | 年度目標 | 年度總體目標完成情況 |
認真完成年度各項工作任務 | 通過文物保護專項經費的支出 |
績效指標 | 一級指標 | 二級指標 | 三級指標 | 指標值 | 全年實際完成值 | 產生差異的原因及改進措施 |
產出指標 | 數量指標 | 管理忠烈祠面積 | =230畝 | =230畝 | |
忠烈祠免費開放 | =365天 | =365天 | |
"""


def test_a_funds_block_headed_by_budget_total_and_money_put_in() -> None:
    # 湖南 南岳区 2020: 年初預算資金總額 (the one budget column) and 實際投入資金額; the 合計 row is the
    # funds total, not the form's total score.
    form = _form(NANYUE)
    assert (form.funds.adjusted_budget, form.funds.actual) == (Decimal(236), Decimal(236))
    assert form.total_score is None
    assert [(x.adjusted_budget, x.actual) for x in form.funds.lines if x.actual] == [
        (Decimal(236), Decimal(236))
    ]


def test_a_name_fragment_and_one_figure_are_not_cut_into_points() -> None:
    # 零陵区 2021 (one cell per paragraph): the cost target '每亩300' on a line of its own is not an
    # indicator '每亩' with 分值 30 and 得分 0.
    labels = ["三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]
    columns = rowcodec.columns_for(labels, vocab.INDICATOR_COLUMNS)
    decoding = rowcodec.decode_rows(
        "每亩300", matching_text("每亩300") or "每亩300", columns, partial_end=False
    )
    cells = [{columns[k].field: v for k, v in row.cells.items()} for row in decoding.rows]
    assert all("weight" not in row and "score" not in row for row in cells)


LINGLING_FUNDS = """部门整体支出绩效自评表

年初

预算数

全年预算数

全年

执行数

分值

执行率

得分

年度资金总额

4753.66万元

4753.66万元

3824.26万元

10

100%

10

年度总体目标

预期目标

实际完成情况

目标1:造林1.2万亩

目标1:造林1.2万亩

一级指标

二级指标

三级指标

年度

指标值

实际

完成值

分值

得分

产出指标

数量

指标

造林面积

1.2万亩

1.2万亩

10

10
"""


def test_a_funding_row_with_a_figure_in_every_column_keeps_them_against_its_rate() -> None:
    # 零陵区 2021: 3824.26 ÷ 4753.66 = 80.4% printed as 100%: no cell was lost, so the figures stand
    # where the form printed them (the checker reports the contradiction).
    funds = _form(LINGLING_FUNDS).funds
    assert (funds.initial_budget, funds.adjusted_budget, funds.actual) == (
        Decimal("4753.66"),
        Decimal("4753.66"),
        Decimal("3824.26"),
    )
    assert (funds.weight, funds.execution_rate, funds.score) == (Decimal(10), Decimal(100), Decimal(10))


def test_a_weight_written_as_a_share_of_the_points_is_read_as_points() -> None:
    # 四川 普惠金融发展专项资金: 权重 printed '20%' beside the 得分 '20', all run together.
    text = (
        "专项名称普惠金融发展专项资金省级主管部门四川省财政厅资金情况(万元)年度金额(提前下达):208万元"
        "资金使用情况(万元)合计:109.8万元中央财政165万元中央财政84.5万元省级财政43万元省级财政25.3万元"
        "绩效目标完成情况一级指标二级指标三级指标指标值完成值权重得分产出指标数量指标"
        "质量指标创业担保贷款回收率≥90%98.70%20%20资金足额拨付率100%100%10%10"
    )
    rows = [(i.name, i.target, i.result, i.weight, i.score) for i in _form(text).indicators]
    assert rows == [
        ("创业担保贷款回收率", "≥90%", "98.70%", Decimal(20), Decimal(20)),
        ("资金足额拨付率", "100%", "100%", Decimal(10), Decimal(10)),
    ]


XINZHOU = (
    "1、项目支出绩效自评表(2020 年度)项目名称演出设备更新专项经费主管部门新洲区楚剧团实施单位新洲区文化和旅游局机关"
    "项目资金 (万元)年初预算数全年预算数全年执行分值执行率得分年度资金总额303010100%其中:当年财政拨款303030100%"
    "上年结转资金其他资金年度 总体 目标预期目标实际完成情况更新剧团老化的设备。已完成绩 效 指 标一级指标二级指标三级指标"
    "年度 指标值实际 完成值分 值得 分偏差原因分析 及改进措施产出指标数量指标更新剧团老化、损坏的音50件50件2020"
    "满意度 指标服务对象 满意度指 标演出人员满意度100%100%2020指标2:总分10098"
    "项目名称中青年演员培训经费主管部门新洲区楚剧团实施单位新洲区文化和旅游局机关项目资金 (万元)年初预算数全年预算数"
    "全年执行分值执行率得分年度资金总额40404010100%其中:当年财政拨款404040100%上年结转资金其他资金年度 总体 目标"
    "预期目标实际完成情况请省市艺术专家驻团培训。已完成绩 效 指 标一级指标二级指标三级指标年度 指标值实际 完成值分 值得 分"
    "偏差原因分析 及改进措施产出指标数量指标培训人次20人次20人次2020"
)


def test_forms_of_one_document_printed_under_one_title_are_cut_at_the_next_project() -> None:
    # 新洲区楚剧团 2020 (doc-share page, run together): the second form starts at its 项目名称.
    forms = [r.form for r in read_bytes_all(XINZHOU.encode("utf-8"), "page.txt")]
    assert [f.project for f in forms] == ["演出设备更新专项经费", "中青年演员培训经费"]
    # 分值执行率得分 is 分值 | 执行率 | 得分; '303010100%' lost one budget cell: 30 | 30 | 10 | 100%
    # with the rate measured against 全年预算数, 年初 left empty
    first, second = (f.funds for f in forms)
    assert (first.initial_budget, first.adjusted_budget, first.actual) == (None, Decimal(30), Decimal(30))
    assert (first.weight, first.execution_rate) == (Decimal(10), Decimal(100))
    assert (second.initial_budget, second.adjusted_budget, second.actual) == (Decimal(40),) * 3
    assert (second.weight, second.execution_rate) == (Decimal(10), Decimal(100))
    assert [(x.initial_budget, x.adjusted_budget, x.actual) for x in first.lines if x.actual] == [
        (Decimal(30), Decimal(30), Decimal(30))
    ]


YUAN = """市级文物保护专项经费绩效自评表(2022年度)
项目名称 市级文物保护专项经费
主管部门 裕安区文化和旅游局   实施单位 裕安区文化和旅游局
项目资金 年初预算数 全年预算数 全年执行数 分值 执行率 得分
(万元) 年度资金总额 29 29 27.8 9 0.958 8
其中:当年财政拨款 29 29 27.8 9 0.958 8
      上年结转资金
  其他资金
年度总体目标 预期目标 实际完成情况
完成日常维护 基本完成年度目标。
"""


def test_a_rate_printed_as_a_ratio_is_kept_as_printed() -> None:
    # 六安市裕安区 2022: 执行率 0.958 for 27.8 of 29 (95.86%), no % sign.
    funds = _form(YUAN).funds
    assert (funds.adjusted_budget, funds.actual, funds.execution_rate) == (
        Decimal(29),
        Decimal("27.8"),
        Decimal("0.958"),
    )
    assert (funds.weight, funds.score) == (Decimal(9), Decimal(8))


HUOSHAN = """医疗救助补助资金转移支付项目绩效目标自评表 | |||||||
(2024年度) | |||||||
转移支付(项目)名称 | 医疗救助补助资金 | ||||||
地方主管部门 | 医疗保障局 | 资金使用单位 | 医疗保障局 | ||||
资金投入情况(万元) | 全年预算数(A) | 全年执行数(B) | 预算执行率(B/A×100%) | ||||
年度资金总额: | 3359.62万 | 3359.62万 | 100% | ||||
其中:中央财政资金 | 829.3万 | 829.3万 | 100% | ||||
彩票公益金用于医疗救助 | 0 | 0 | 100% | ||||
地方资金 | 2530.32万 | 2530.32万 | 100% | ||||
其他资金 | |||||||
资金管理情况 | 情况说明 | 存在问题和改进措施 | |||||
分配科学性 | 资金分配科学 | 暂无 | |||||
"""


def test_a_source_line_named_in_words_of_its_own_is_read_with_the_others() -> None:
    # 霍山县 2024: 彩票公益金用于医疗救助 is no source label of the vocabulary; the lines after it are
    # still read.
    lines = [
        (x.source, x.adjusted_budget, x.actual) for x in _form(HUOSHAN).funds.lines if x.actual is not None
    ]
    assert lines == [
        ("中央财政资金", Decimal("829.3"), Decimal("829.3")),
        ("彩票公益金用于医疗救助", Decimal(0), Decimal(0)),
        ("地方资金", Decimal("2530.32"), Decimal("2530.32")),
    ]


def test_a_total_whose_label_prints_the_points_reads_the_score() -> None:
    # 保山市 2022 (cell per line): 总分(100分) | 100 | 自评等级 | 优 — the label prints the 100 points,
    # the cell the score (here also 100).
    text = "\n|\n".join(
        [
            "2022年度项目支出绩效自评表\n项目名称",
            "春节走访慰问经费",
            "||||||||\n预算执行情况(万元)\n(20分)",
            "",
            "预算数(A)",
            "执行数(B)",
            "执行率(B/A)",
            "得分\n(20分*执行率)",
            "||||\n年度财政资金总额",
            "34.64",
            "34.64",
            "100%",
            "20",
            "|||||\n总分(100分)",
            "100",
            "自评等级",
            "优",
        ]
    )
    form = _form(text + "\n|\n")
    assert (form.total_score, form.grade) == (Decimal(100), "优")


def test_a_run_together_score_total_is_read_whole() -> None:
    # 四川 普惠金融: …满意度≥80%100%5%5得分合计100。 — 得分 合计 names the score: 100, not 10 | 0.
    text = (
        "专项名称普惠金融发展专项资金省级主管部门四川省财政厅绩效目标完成情况一级指标二级指标三级指标指标值完成值权重得分"
        "产出指标数量指标创业担保贷款发放额增长率≥10%115.25%20%20质量指标创业担保贷款回收率≥90%98.70%20%20"
        "满意度指标服务对象满意度指标申报创业担保贷款贴息个人满意度≥80%100%5%5得分合计100。"
    )
    assert _form(text).total_score == Decimal(100)


WILD = Path(__file__).resolve().parents[1] / "data" / "wild"


def test_a_few_points_after_the_budgets_of_a_row_that_lost_cells_are_not_taken_for_the_spending() -> None:
    # 上海市普陀区 2022 (flattened PDF): '20000.00 20000.00 4.52' — 4.52 is the 得分 (10 × 45.17%),
    # the 执行数 9,034 printed elsewhere; 4.52 is not kept as the 全年执行数.
    page = (WILD / "shanghai_2022_putuo_tiyu_zhongxin.txt").read_bytes()
    second = read_bytes_all(page, "page.txt")[1].form.funds
    assert second.adjusted_budget == Decimal(20000)
    assert second.actual != Decimal("4.52")
    assert second.score is None


def test_a_project_name_printed_again_on_the_next_page_does_not_start_a_form() -> None:
    # the same 项目名称 reprinted after the table (a page header) is the same form
    text = XINZHOU.replace("项目名称中青年演员培训经费", "项目名称演出设备更新专项经费")
    assert len(read_bytes_all(text.encode("utf-8"), "page.txt")) == 1
