"""Rows run together, decoded against their header's column kinds (jixiao.ingest.rowcodec).

Examples are written from issue 10 and the corpus (tests/data/wild), figures changed.
"""

from __future__ import annotations

import time

import pytest

from jixiao.ingest import rowcodec, vocab
from jixiao.ingest.runtogether import matching_text

D3 = [
    "指标名称",
    "计量单位",
    "指标性质",
    "年初指标值",
    "调整指标值",
    "全年完成值",
    "得分系数(%)",
    "指标权重(分)",
    "指标得分(分)",
    "是否核心指标",
]
CENTRAL = ["三级指标", "分值", "年度指标值", "全年实际值", "得分", "未完成原因及拟采取的改进措施"]
JIANGXI = ["三级指标", "年度指标值", "全年完成值", "分值", "得分", "偏差及原因分析"]
NO_POINTS = ["三级指标", "年初目标值", "实际完成值", "未完成原因及改进措施"]


def rows(text: str, labels: list[str], *, cut: bool = False) -> list[dict[str, str]]:
    columns = rowcodec.columns_for(labels, vocab.INDICATOR_COLUMNS)
    decoding = rowcodec.decode_rows(text, matching_text(text) or text, columns, partial_end=cut)
    return [
        {columns[k].label: value for k, value in row.cells.items()} | {"notes": "; ".join(row.notes)}
        for row in decoding.rows
    ]


def test_a_chongqing_row_is_cut_into_its_ten_columns() -> None:
    (row,) = rows("财政供养人员控制率%定量指标100%95%100%33否", D3)
    assert row == {
        "指标名称": "财政供养人员控制率",
        "计量单位": "%",
        "指标性质": "定量指标",
        "年初指标值": "100%",
        "全年完成值": "95%",
        "得分系数(%)": "100%",
        "指标权重(分)": "3",
        "指标得分(分)": "3",
        "是否核心指标": "否",
        "notes": "",
    }


def test_the_coefficient_is_read_as_such_and_empty_values_stay_empty() -> None:
    first, second = rows("“三公经费变动率%100%22否预算调整率%5%0100%22否", D3)
    assert "年初指标值" not in first and "全年完成值" not in first
    assert (first["得分系数(%)"], first["指标权重(分)"], first["指标得分(分)"]) == ("100%", "2", "2")
    assert (second["年初指标值"], second["全年完成值"]) == ("5%", "0")


def test_a_text_written_twice_is_target_and_result_and_a_column_read_by_ocr_is_its_word() -> None:
    (row,) = rows("管理制度健全性性标定指高高100%44否", D3)
    assert (row["指标名称"], row["指标性质"], row["年初指标值"], row["全年完成值"]) == (
        "管理制度健全性",
        "性标定指",
        "高",
        "高",
    )


def test_a_target_damaged_by_ocr_is_kept_as_written_when_its_unit_column_anchors_it() -> None:
    (row,) = rows("制作宣传品数量份第O份30份100%55否", D3)
    assert (row["计量单位"], row["年初指标值"], row["全年完成值"]) == ("份", "第O份", "30份")


def test_several_central_rows_are_cut_where_the_figures_allow_one_reading() -> None:
    first, second = rows("安装坡面水标尺10≥300米≥310米10水标尺宽度10≥40厘米≥40厘米10", CENTRAL)
    assert (first["三级指标"], first["分值"], first["年度指标值"], first["全年实际值"], first["得分"]) == (
        "安装坡面水标尺",
        "10",
        "≥300米",
        "≥310米",
        "10",
    )
    assert second["三级指标"] == "水标尺宽度" and second["年度指标值"] == "≥40厘米"


def test_points_run_together_are_split_so_that_the_score_stays_within_the_weight() -> None:
    first, second = rows("任务1:诊断准确率95%以上97%43任务2:档案管理率100%完成126", JIANGXI)
    assert (first["分值"], first["得分"]) == ("4", "3")
    assert (second["分值"], second["得分"], second["全年完成值"]) == ("12", "6", "完成")


def test_a_deviation_ends_where_the_next_numbered_row_begins() -> None:
    first, second = rows(
        "任务1:文书及时率按规定时限43个别人未及时完成任务2:档案更新率按规定时限32录入有延迟", JIANGXI
    )
    assert first["偏差及原因分析"] == "个别人未及时完成" and second["偏差及原因分析"] == "录入有延迟"
    assert first["三级指标"] == "任务1:文书及时率按规定时限"  # name and target not told apart: kept together


def test_comparators_damaged_by_ocr_are_kept_as_written() -> None:
    first, second = rows("指标1推广面积占总面积比例870%^70%8指标2群众认知度8260%5=60%8", CENTRAL)
    assert (first["年度指标值"], first["全年实际值"]) == ("70%", "^70%")
    assert (second["年度指标值"], second["全年实际值"]) == ("260%", "5=60%")


def test_values_no_cut_reads_for_sure_are_left_out_and_the_cells_around_them_kept() -> None:
    (row,) = rows("指标12023年10月31日前完成资金支付810月底完成100%100%8", CENTRAL)
    assert row["三级指标"] == "指标12023年10月31日前完成资金支付"
    assert (row["分值"], row["得分"]) == ("8", "8")
    assert "年度指标值" not in row and "全年实际值" not in row
    assert "could not be read" in row["notes"]


def test_results_written_the_usual_way_end_their_rows() -> None:
    first, second, third = rows(
        "灭火设备配备率100%900件达成预期指标火因查明率不低于96%达成预期指标知晓度是否明显提高是达成预期指标",
        NO_POINTS,
    )
    assert (first["实际完成值"], first["未完成原因及改进措施"]) == ("900件", "达成预期指标")
    assert (second["年初目标值"], second["实际完成值"]) == ("不低于96%", "达成预期指标")
    assert (third["三级指标"], third["年初目标值"]) == ("知晓度是否明显提高", "是")


def test_a_row_cut_off_by_the_end_of_the_excerpt_keeps_what_it_has() -> None:
    *_, last = rows(
        "森林火灾受害率%0.810010公益林提供管",
        ["指标名称", "计量单位", "指标值", "指标权重(分)", "全年完成值", "指标得分(分)"],
        cut=True,
    )
    assert last == {"指标名称": "公益林提供管", "notes": ""}


def test_ambiguous_digits_are_not_placed() -> None:
    # 1111: 1 | 111 or 11 | 11 or 111 | 1 — nothing in the row tells them apart
    decoded = rows("某项指标1111", ["三级指标", "年度指标值", "全年实际值"])
    assert all("年度指标值" not in row for row in decoded)


def test_decoding_is_bounded() -> None:
    text = "财政供养人员控制率%定量指标100%92%100%22否" * 12
    start = time.perf_counter()
    rows(text, D3)
    assert time.perf_counter() - start < 1.0


# -- funding rows -------------------------------------------------------------------------------

FUNDS_CENTRAL = ["全年预算数(A)", "全年执行数(B)", "分值", "执行率(B/A)", "得分"]
FUNDS_TRANSFER = ["全年预算数(A)", "全年执行数(B)", "预算执行率(B/A×100%)"]
FUNDS_D3 = ["年初预算数", "全年(调整)预算数", "全年执行数", "执行率(%)", "执行率权重", "执行率得分(分)"]


def funds(labels: list[str], *lines: tuple[str, str, bool]) -> list[dict[str, str]]:
    columns = rowcodec.columns_for(labels, vocab.FUND_COLUMNS)
    decoded = rowcodec.decode_funds(
        [rowcodec.FundRow(label, text, matching_text(text) or text, total) for label, text, total in lines],
        columns,
    )
    return [
        {columns[k].label: v for k, v in row.cells.items()} | {"notes": "; ".join(row.notes)}
        for row in decoded
    ]


def test_a_funding_row_is_cut_where_the_arithmetic_holds() -> None:
    total, line = funds(
        FUNDS_CENTRAL, ("年度资金总额", "303010100.00%10", True), ("其中:本年财政拨款", "3030", False)
    )
    assert total == {
        "全年预算数(A)": "30",
        "全年执行数(B)": "30",
        "分值": "10",
        "执行率(B/A)": "100.00%",
        "得分": "10",
        "notes": "",
    }
    assert (line["全年预算数(A)"], line["全年执行数(B)"]) == ("30", "30")  # the only line repeats the total


def test_the_lines_sums_decide_a_total_whose_printed_rate_is_off() -> None:
    total, central, local = funds(
        FUNDS_TRANSFER,
        ("年度资金总额:", "1585831.00%", True),
        ("其中:中央财政资金", "10000%", False),
        ("地方资金", "5858100%", False),
    )
    assert (total["全年预算数(A)"], total["全年执行数(B)"], total["预算执行率(B/A×100%)"]) == (
        "158",
        "58",
        "31.00%",
    )
    assert (central["全年预算数(A)"], central["全年执行数(B)"]) == ("100", "0")
    assert (local["全年预算数(A)"], local["全年执行数(B)"]) == ("58", "58")


def test_figures_ocr_could_not_read_are_left_out_and_the_arithmetic_reads_the_rest() -> None:
    (row,) = funds(FUNDS_D3, ("", "O84%108.4", True))
    assert row == {
        "执行率(%)": "84%",
        "执行率权重": "10",
        "执行率得分(分)": "8.4",
        "notes": "figures could not be read: 'O'",
    }


def test_amounts_with_dropped_digits_are_not_read() -> None:
    (row,) = funds(FUNDS_D3, ("年度总金额", ".41.07.2", True))
    assert set(row) == {"notes"}


def test_a_rate_that_breaks_the_arithmetic_is_not_cut_from_the_amounts() -> None:
    (row,) = funds(["全年预算数", "全年执行数", "执行率"], ("(1)财政拨款", "104.32%", True))
    assert "全年预算数" not in row and "全年执行数" not in row


@pytest.mark.parametrize(("text", "weight"), [("10萬10萬100%20", "20")])
def test_the_points_printed_in_the_header_check_the_score(text: str, weight: str) -> None:
    (row,) = funds(
        ["预算数(A)", "执行数(B)", "执行率(B/A)", "得分(20分*执行率)"], ("年度财政资金总额", text, True)
    )
    assert row["得分(20分*执行率)"] == weight and row["执行率(B/A)"] == "100%"
