"""The run-together reading: a page whose cells OCR or a sharing site ran together, read by its
labels, its headers and rows decoded against them (jixiao.ingest.runtogether).

The pages are written after the corpus (tests/data/wild), names and figures changed.
"""

from __future__ import annotations

from decimal import Decimal

from jixiao.ingest import read_bytes
from jixiao.ingest import review as rv
from jixiao.ingest.runtogether import _fuzzy, _headers, matching_text

PROJECT = (
    "《某县2023年度专项资金绩效自评表.docx》由会员分享,可在线阅读。\n"
    "1、2023年度县级专项资金绩效目标自评表专项资金名称县级储备油负责人及电话张三县级主管部门某县粮食局"
    "实施单位储备股项目资金(万元)全年预算数(A)全年执行数(B)执行率(B/A)年度资金总额286.4286.4100%"
    "其中:中央、省补助资金286.4286.4100%其他资金年度 总体 目标年初设定目标全年实际完成情况保持储备规模"
    "储备规模达标绩 效 指 标一级 指标二级 指标三级指标分值年度指标值全年 完成值得分产 出 指 标数量 指标"
    "储备油到位率20100%100%20库存数量真实率1598%100%15\n"
    "2、质量 指标储备油质量达标率15≥95%97%15效益 指标社会 效益 指标应急保障天数30≥10天12天30满意度指标"
    "服务对象满意度指标群众满意度10≥90%93%10储备点安全"
)


def form_of(text: str):  # type: ignore[no-untyped-def]
    return read_bytes(text.encode("utf-8"), "page.txt").form


def test_a_page_run_together_reads_as_a_table() -> None:
    form = form_of(PROJECT)
    assert form.project == "县级储备油"
    funds = form.funds
    assert (funds.adjusted_budget, funds.actual, funds.execution_rate) == (
        Decimal("286.4"),
        Decimal("286.4"),
        Decimal(100),
    )
    assert funds.lines[0].actual == Decimal("286.4")
    names = [i.name for i in form.indicators]
    assert names[:5] == ["储备油到位率", "库存数量真实率", "储备油质量达标率", "应急保障天数", "群众满意度"]
    second = form.indicators[1]
    assert (second.target, second.result, second.weight, second.score) == ("98%", "100%", 15, 15)
    assert form.indicators[3].level1 == "效益指标" and form.indicators[3].target == "≥10天"


def test_every_row_rebuilt_from_run_together_text_is_listed_for_review() -> None:
    form = form_of(PROJECT)
    rebuilt = [item for item in form.review if item.problem.startswith(rv.RUN_SPLIT)]
    assert len(rebuilt) >= 7
    assert all(item.source and item.source.startswith("line ") for item in rebuilt)


def test_the_last_row_cut_by_the_excerpt_keeps_its_name_only() -> None:
    form = form_of(PROJECT)
    last = form.indicators[-1]
    assert (last.name, last.target, last.result, last.weight) == ("储备点安全", None, None, None)


def test_a_garbled_header_label_is_read_as_the_label_it_stands_for() -> None:
    words = ["全年完成值", "年初指标值", "参考分值"]
    assert _fuzzy("年成值全完值", words) == "全年完成值"
    assert _fuzzy("考值参分", words) == "参考分值"
    assert _fuzzy("储备规模达标", words) is None
    text = "指标名称计量单位指标性质年初指标值调整指标值年成值全完值得分系数(%)指标权重(分)指标得分(分)是否核心指标"
    (header,) = _headers(matching_text(text) or text)
    assert header.block == "indicators" and "全年完成值" in header.labels and len(header.labels) == 10


LINES = """车辆购置税补助资金绩效目标自评表
(2022年度)
转移支付(项目)名称农村公路建设补助
中央主管部门财政部
地方主管部门某县交通运输局资金使用单位某县交通运输局
项目资金
(万元)

全年预算数(A)全年执行数(B)预算执行率(B/A)
年度资金总额:25002500100%
 其中:中央补助25002500100%
地方资金

绩效指标一级指标二级指标三级指标指标值全年实际完成值未完成原因和改进措施

数量指标建设农村公路18.5公里1515

质量指标建设符合验收要求1515
"""


def test_lines_that_each_run_a_label_and_its_figures_together_are_read() -> None:
    form = form_of(LINES)
    assert (form.funds.adjusted_budget, form.funds.actual, form.funds.execution_rate) == (
        Decimal(2500),
        Decimal(2500),
        Decimal(100),
    )
    first = form.indicators[0]
    assert (first.name, first.target, first.result) == ("建设农村公路18.5公里", "15", "15")


def test_figures_cut_by_a_sharing_sites_page_mark_are_not_placed() -> None:
    page = (
        "1、项目支出绩效自评表(2023年度)项目名称某项目主管部门某局实施单位某中心项目资金(万元)年初预算数(A)"
        "全年执行数(B)分值(10分)执行率(B/A)得分年度资金总额:200.0150.01075%7.5绩效指标一级指标二级指标三级指标"
        "分值年度指标值(A)全年实际值(B)得分产出指标(50分)数量指标完成清扫道路数量12.51\n\n"
        "2、2.512.512.5质量指标道路保洁合格率12.5≥95%96%12.5"
    )
    form = form_of(page)
    first, second = form.indicators[:2]
    assert (first.weight, first.target, first.result) == (Decimal("12.5"), None, None)
    assert (second.target, second.result, second.score) == ("≥95%", "96%", Decimal("12.5"))
    assert any("page break" in item.problem for item in form.review)


def test_one_value_between_two_figures_goes_where_the_rows_around_it_put_theirs() -> None:
    page = (
        "项目支出绩效自评表(2021年)项目名称某经费主管部门某局实施单位某校项目资金(万元)年度资金总额年初预算数"
        "全年执行数(B)执行率(B/A)30.530.5100%一级指标二级指标三级指标参考分值指标值(A)全年实际值(B)得分"
        "项目决策(10分)项目立项相关性4一符合部门职责4可行性3经过论证3适当性3测算标准明确3"
    )
    form = form_of(page)
    results = [(i.name, i.target, i.result) for i in form.indicators]
    assert results == [
        ("相关性", None, "符合部门职责"),
        ("可行性", None, "经过论证"),
        ("适当性", None, "测算标准明确"),
    ]
    assert any(item.problem.startswith("value placed as in the rows around it") for item in form.review)
