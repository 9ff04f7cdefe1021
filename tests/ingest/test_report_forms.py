"""Report-forms (Hunan 岳阳 自评报告, LAYOUTS.md D1): a cover and label/value tables, no indicator grid
in the part shown. Recognised by their own field labels, imported with what they say, the rest listed."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.ingest import IngestError, read_bytes, read_form
from jixiao.ingest import review as rv

SHAPES = Path(__file__).resolve().parents[1] / "data" / "shapes"
LAYOUTS = Path(__file__).resolve().parents[1] / "data" / "layouts"


def test_a_department_report_form_imports_its_cover_tasks_and_achievements() -> None:
    form = read_form(SHAPES / "shape8_report_form_department.txt").form
    assert (form.kind, form.year, form.department) == ("department", 2022, "某县某镇人民政府")
    assert [t.name for t in form.tasks] == [
        "落实各项惠民政策,保障机关正常运转。",
        "推进乡村振兴,完成人居环境整治。",
    ]
    assert form.overall_performance == "1、全年资金运行平稳。2、圆满完成了各项工作任务。"
    assert form.funds.actual is None and form.indicators == []
    unread = [i.problem for i in form.review if i.problem.startswith(rv.NOT_IMPORTED)]
    assert any("收入合计" in p for p in unread), "the income table it could not place is listed"


def test_a_project_report_form_reads_funds_given_as_label_value_groups() -> None:
    form = read_form(SHAPES / "shape8_report_form_project.txt").form
    assert (form.kind, form.year) == ("project", 2021), "the year evaluated, not the report's date"
    assert (form.project, form.implementing_unit, form.department) == (
        "乡村道路养护",
        "某县公路养护中心",
        "某县交通运输局",
    )
    assert form.funds.adjusted_budget == Decimal(320)
    assert form.funds.actual is None, "a malformed figure is not guessed"
    assert [(line.source, line.adjusted_budget, line.actual) for line in form.funds.lines] == [
        ("县财政", Decimal(320), None)
    ]
    assert any(i.problem.startswith(rv.NOT_A_NUMBER) and "3,20.0,15" in i.problem for i in form.review)


@pytest.mark.parametrize(
    "text",
    [
        "绩效自评报告\n一、基本情况\n" + "本单位全年收入792.22万元,支出799.12万元,完成了各项工作任务。" * 8,
        "部门整体支出绩效评价报告\n项目名称:某项目\n"
        + "(一)项目概况。项目严格按照规范执行,服务内容包括十二类。" * 8,
        "部门整体支出绩效自评报告\n一、基本情况\n"
        + "全年预算数为100万元,全年执行数为98万元,执行率为98%,分值10分,得分9.8分,完成了各项任务。" * 6,
    ],
)
def test_a_narrative_report_is_still_refused(text: str) -> None:
    with pytest.raises(IngestError) as caught:
        read_bytes(text.encode(), "report.txt")
    assert "文字报告" in str(caught.value)


def test_a_target_table_named_so_is_refused() -> None:
    text = "\n".join(
        ["2022年专项资金绩效目标表", "项目名称 |", "水利工程 |", "主管部门(单位)名称 |", "某县水利局 |"]
        + ["一级指标 |", "二级指标 |", "三级指标 |", "指标解释 |", "甲村 |", "乙村 |"]
        + ["产出指标 |", "数量指标 |", "开展工程建设(个) |", "反映开展情况 |", "1 |", "1 |"] * 3
    )
    with pytest.raises(IngestError) as caught:
        read_bytes(text.encode(), "target.txt")
    assert "目标" in str(caught.value)


def test_the_negative_fixtures_stay_refused() -> None:
    for path in sorted(LAYOUTS.glob("neg_*.txt")):
        with pytest.raises(IngestError):
            read_form(path)


def test_a_recognised_form_says_first_and_plainly_how_much_was_not_placed() -> None:
    form = read_form(SHAPES / "shape8_report_form_department.txt").form
    first = form.review[0]
    assert first.path == "document" and first.problem.startswith(rv.RECOGNISED_UNREAD)
    unread = sum(1 for item in form.review if item.problem.startswith(rv.NOT_IMPORTED))
    assert f": {unread} of " in first.problem
    assert rv.describe(first.problem).startswith(f"已认出这是一张自评表,但有 {unread} 个单元格")


def test_an_indicator_grid_whose_header_the_excerpt_cut_off_is_a_form() -> None:
    text = (
        "产出指标数量指标足额保障率=100% 22.5 科目调整次数≤10次 22.5 时效指标按时发放率=100% 22.5 "
        "效益指标经济效益指标结余率≤5% 22.5 合计100 评价结论及时、足额缴纳。存在问题暂无"
    )
    form = read_bytes(text.encode(), "tail.txt").form
    assert form.review and form.review[0].problem.startswith(rv.RECOGNISED_UNREAD)
