"""Rows rebuilt from a stream of cells (one per line, per paragraph, a flattened page) by the header."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.ingest import cells, read_bytes, read_bytes_all, rebuild
from jixiao.ingest.rebuild import Cell
from jixiao.ingest.textutil import to_simplified

LAYOUTS = Path(__file__).resolve().parents[1] / "data" / "layouts"


def _rows_of(name: str) -> list[list[str]]:
    raw = (LAYOUTS / f"{name}.txt").read_text(encoding="utf-8")
    lines = raw.split("\n")
    if "\t" in raw:
        return [line.split("\t") for line in lines]
    return [row.cells for row in cells._pipe_rows(lines)]


def _serialise(rows: list[list[str]], style: str) -> str:
    """The same table as another site would print it: one cell per line (empty cells as a lone
    pipe), one cell per paragraph (empty cells as a paragraph of one space), either without its
    empty cells, indented rows of space-separated cells, or the whole page flattened onto one line."""
    out: list[str] = []
    for row in rows:
        texts = [cell.strip() for cell in row]
        while texts and not texts[-1]:
            texts.pop()
        if style == "line":
            out += [f"{t} |" if t else "|" for t in texts]
        elif style == "paragraph":
            out += [(t or " ") + "\n" for t in texts]
        elif style == "paragraph-no-empties":
            out += [t + "\n" for t in texts if t]
        elif style == "leading-pipe":
            out += [f"| {t}" for t in texts if t]
        elif style == "space-rows":
            out.append("  " + " ".join(t.replace(" ", "") for t in texts if t))
        elif style == "flattened":
            out.append(" ".join(t.replace(" ", "") for t in texts if t))
    return " ".join(out) if style == "flattened" else "\n".join(out)


def _key(form):  # type: ignore[no-untyped-def]
    funds = form.funds
    return (
        [
            funds.initial_budget,
            funds.adjusted_budget,
            funds.actual,
            funds.execution_rate,
            funds.weight,
            funds.score,
        ],
        [(line.source, line.adjusted_budget, line.actual) for line in funds.lines],
        [(i.level1, i.level2, i.name, i.target, i.result, i.weight, i.score) for i in form.indicators],
    )


def _read(text: str):  # type: ignore[no-untyped-def]
    return [_key(r.form) for r in read_bytes_all(text.encode("utf-8"), "form.txt")]


# Every table that reads from its rows reads the same when a site prints it one cell per line or per
# paragraph, keeping its empty cells.
WITH_EMPTIES = [
    "p1_central_pipe",
    "p1_yunnan_14",
    "p1_web_page_noise",
    "p1_traditional",
    "p2_sichuan",
    "p2_sichuan_published_pipe",
    "p3_split_20_80",
    "p6_hebei_chengan",
    "d2_central_department_pipe",
    "d3_chongqing",
    "d4_huadu_interleaved",
    "d5_jiangxi_nanchang",
    "d6_sichuan_score_table",
]
# … and most of them when the empty cells are lost too (values are then placed by their kind).
WITHOUT_EMPTIES = [
    "p1_yunnan_14",
    "p1_web_page_noise",
    "p1_traditional",
    "p2_sichuan",
    "p2_sichuan_published_pipe",
    "p3_split_20_80",
    "p6_hebei_chengan",
    "d4_huadu_interleaved",
    "d5_jiangxi_nanchang",
    "d6_sichuan_score_table",
]


@pytest.mark.parametrize("name", WITH_EMPTIES)
@pytest.mark.parametrize("style", ["line", "paragraph"])
def test_a_table_reads_the_same_one_cell_per_line_or_paragraph(name: str, style: str) -> None:
    raw = (LAYOUTS / f"{name}.txt").read_text(encoding="utf-8")
    assert _read(_serialise(_rows_of(name), style)) == _read(raw)


@pytest.mark.parametrize("name", WITHOUT_EMPTIES)
@pytest.mark.parametrize("style", ["paragraph-no-empties", "leading-pipe", "space-rows", "flattened"])
def test_a_table_reads_the_same_without_its_empty_cells(name: str, style: str) -> None:
    raw = (LAYOUTS / f"{name}.txt").read_text(encoding="utf-8")
    assert _read(_serialise(_rows_of(name), style)) == _read(raw)


def _stream(*texts: str) -> list[Cell]:
    return [Cell(text, n) for n, text in enumerate(texts, start=1)]


def test_merged_level_cells_appear_on_the_first_row_of_their_group_only() -> None:
    rows = rebuild.rebuild(
        _stream(
            "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
            "产出指标", "数量指标", "维修面积", "≥3000平方米", "3120平方米", "20", "20",
            "验收合格率", "100%", "100%", "20", "20",
            "质量指标", "返工率", "≤5%", "2%", "10", "10",
        )
    )  # fmt: skip
    assert [r.cells for r in rows[1:]] == [
        ["产出指标", "数量指标", "维修面积", "≥3000平方米", "3120平方米", "20", "20"],
        ["", "", "验收合格率", "100%", "100%", "20", "20"],
        ["", "质量指标", "返工率", "≤5%", "2%", "10", "10"],
    ]


def test_a_figure_whose_column_is_in_doubt_is_left_out_not_guessed() -> None:
    # Two bare figures under 年度指标值 / 实际完成值 / 分值 / 得分, the empty cells lost: points, not
    # targets; a figure that fits two columns equally well is left out.
    header = ("三级指标", "年度指标值", "实际完成值", "分值", "得分")
    rows = rebuild.rebuild(_stream(*header, "指标1:工程质量合格", "10", "10", "总分", "100"))
    assert rows[1].cells == ["指标1:工程质量合格", "", "", "10", "10"]
    # at the very end of a text cut short, the last figure could be the start of a 指标值 the cut kept
    # only "10" of: it is left out and noted; the figure before it stands by its kind
    notes: list[str] = []
    rows = rebuild.rebuild(_stream(*header, "指标1:工程质量合格", "10", "10"), notes=notes)
    assert rows[1].cells == ["指标1:工程质量合格", "", "", "10", ""]
    assert notes == ["truncated: only '10' left"]


def test_groups_of_level_points_are_read_from_the_header_pattern() -> None:
    header = ("一级指标", "分值", "二级指标", "分值", "三级指标", "分值", "得分")
    body = ("项目决策", "20", "项目目标", "4", "目标内容", "4", "4", "决策过程", "8", "决策依据", "3", "3")
    body += (
        "决策程序",
        "5",
        "5",
        "项目绩效",
        "55",
        "项目产出",
        "15",
        "产出数量",
        "5",
        "5",
        "产出质量",
        "4",
        "4",
    )
    rows = rebuild.rebuild(_stream(*header, *body))
    assert [r.cells for r in rows[1:]] == [
        ["项目决策", "20", "项目目标", "4", "目标内容", "4", "4"],
        ["", "", "决策过程", "8", "决策依据", "3", "3"],
        ["", "", "", "", "决策程序", "5", "5"],
        ["项目绩效", "55", "项目产出", "15", "产出数量", "5", "5"],
        ["", "", "", "", "产出质量", "4", "4"],
    ]


def test_a_header_over_two_rows_is_merged_into_one() -> None:
    header = rebuild.find_header(
        _stream(
            "绩效指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施",
            "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位",
        ),
        1,
    )  # fmt: skip
    assert header is not None
    assert header.kinds == [
        "level1", "level2", "name", "operator", "target", "unit", "result", "weight", "score", "deviation",
    ]  # fmt: skip


def test_a_cell_with_a_lost_bracket_is_still_its_column() -> None:
    stream = _stream("预算数(A)", "执行数B)", "执行率B/A)", "年度财政资金总额", "800万元", "800万元", "100%")
    rows = rebuild.rebuild(stream)
    assert rows[-1].cells == ["年度财政资金总额", "800万元", "800万元", "100%"]


def test_labels_and_qualifiers_cut_over_two_cells_are_joined() -> None:
    joined = rebuild.normalise(
        _stream("年初", "预算数", "经济效益", "指标", "得分", "(20分*执行率)", "项目资金", "(万元)")
    )
    assert [c.text for c in joined] == ["年初预算数", "经济效益指标", "得分(20分*执行率)", "项目资金(万元)"]


def test_long_runs_of_blank_lines_end_rows_and_white_space_paragraphs_are_empty_cells() -> None:
    lines = [
        "项目名称",
        "",
        "甲",
        "",
        "",
        "",
        "",
        "主管部门",
        "",
        "乙",
        "",
        "",
        "",
        "",
        "实施单位",
        "",
        " ",
        "",
    ]
    lines += ["", "", "", "备注", "", "丙", "", "", "", "", "丁"]
    stream = cells.paragraph_stream(lines)
    assert [(c.text, c.brk) for c in stream][:5] == [
        ("项目名称", False),
        ("甲", False),
        ("主管部门", True),
        ("乙", False),
        ("实施单位", True),
    ]


def test_pipe_cells_are_read_in_order_whatever_line_they_are_on() -> None:
    lines = ["| 项目名称 |", "某项目 |", "| 年初预算数 | 全年预算数 |", "|", "全年执行数 |"]
    assert [c.text for c in cells.pipe_stream(lines)] == [
        "项目名称",
        "某项目",
        "年初预算数",
        "全年预算数",
        "全年执行数",
    ]


def test_a_funding_row_printed_before_its_label_is_placed_by_its_arithmetic() -> None:
    # 年初预算数 0, one of 全年预算数/全年执行数 207.4538 (which one cannot be told), 分值 10, 100%, 得分 10.
    placed = rebuild.place_by_arithmetic(
        ["0", "207.4538", "10", "100%", "10"],
        ["initial_budget", "adjusted_budget", "actual", "weight", "execution_rate", "score"],
    )
    assert placed == [0, rebuild.DOUBTFUL, 3, 4, 5]


def test_a_flattened_page_gets_its_scattered_headers_back() -> None:
    text = (
        "项目支出绩效自评表 项目名称 某项目 主管部门 某局 年度 实际 指标值 完成值 一级 指标 二级指标 三级指标 "
        "指标1:建立档案 分值 得分 221人 221人 2 2 指标2:接种率 100.00% 97.30% 2 1.9 "
        "指标3:随访数 863人 695人 2 1.8 指标4:管理数 212人 209人 2 1.8"
    )
    form = read_bytes(text.encode("utf-8"), "flat.txt").form
    assert [(i.name, i.target, i.result, i.weight, i.score) for i in form.indicators] == [
        ("指标1:建立档案", "221人", "221人", Decimal(2), Decimal(2)),
        ("指标2:接种率", "100.00%", "97.30%", Decimal(2), Decimal("1.9")),
        ("指标3:随访数", "863人", "695人", Decimal(2), Decimal("1.8")),
        ("指标4:管理数", "212人", "209人", Decimal(2), Decimal("1.8")),
    ]


def test_names_printed_before_their_values_are_paired_in_order() -> None:
    header = rebuild.Header("indicators", [], ["name", "target", "result", "weight", "score"], None, 1, 0)
    body = _stream(
        "指标24:报告数", "指标25:签约率", "14例", "14例", "2", "2", "24694人", "22584人", "2", "1.7"
    )
    assert [c.text for c in rebuild._names_before_values(body, header)] == [
        "指标24:报告数", "14例", "14例", "2", "2", "指标25:签约率", "24694人", "22584人", "2", "1.7",
    ]  # fmt: skip


def test_traditional_characters_and_pinyin_do_not_change_the_reading() -> None:
    simplified = _serialise(_rows_of("p1_central_pipe"), "paragraph")
    mirror = (
        simplified.replace("项目", "項(xiàng)目").replace("资金", "資(zī)金").replace("指标", "指標(biāo)")
        .replace("实际", "實(shí)際").replace("预算", "預(yù)算").replace("执行", "執(zhí)行")
    )  # fmt: skip
    a = read_bytes(simplified.encode("utf-8"), "a.txt").form
    b = read_bytes(mirror.encode("utf-8"), "b.txt").form
    assert _key(a)[0] == _key(b)[0]
    # the texts stay as written (traditional in the mirror); what was read where is the same
    assert [
        (to_simplified(i.name or ""), to_simplified(i.target or ""), i.weight, i.score) for i in a.indicators
    ] == [
        (to_simplified(i.name or ""), to_simplified(i.target or ""), i.weight, i.score) for i in b.indicators
    ]
    assert any("執行" in (i.target or "") for i in b.indicators)
