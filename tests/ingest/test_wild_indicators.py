"""Indicator grids of real published forms (issue 10): each test a short excerpt of a page of
``tests/data/wild`` that the importer once misread."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.core.numbers import NumberError
from jixiao.ingest import cells, read_bytes, rebuild, rowcodec, text, vocab
from jixiao.ingest import columns as columns_module
from jixiao.ingest.errors import IngestError
from jixiao.ingest.grid import Grid
from jixiao.ingest.layouts.grid_form import _points
from jixiao.ingest.reader import form_fit, parse_document, read_bytes_all, split_forms
from jixiao.ingest.rebuild import Cell
from jixiao.ingest.runtogether import matching_text


def _stream(*texts: str) -> list[Cell]:
    return [Cell(text, n) for n, text in enumerate(texts, start=1)]


def test_a_header_wrapped_over_paragraphs_keeps_its_body() -> None:
    # hunan_2021_lingling_linye: 偏差原因 / 分析及 / 改进措施 in three paragraphs; the tail alone read as a
    # section label (…改进措施) and ended the grid before its first row. 产出指标 / (50): the first-level
    # label's own points.
    rows = rebuild.rebuild(
        _stream(
            "一级指标", "二级指标", "三级指标", "年度", "指标值", "实际", "完成值", "分值", "得分",
            "偏差原因", "分析及", "改进措施",
            "产出指标", "(50)", "数量", "指标", "造林面积", "1.2万亩", "1.2万亩", "10", "10", " ",
            "病虫害防治面积", "3.45万亩", "3.45万亩", "7", "7",
        )
    )  # fmt: skip
    assert rows[0].cells[-1] == "偏差原因分析及改进措施"
    assert [r.cells for r in rows[1:]] == [
        ["产出指标(50)", "数量指标", "造林面积", "1.2万亩", "1.2万亩", "10", "10", ""],
        ["", "", "病虫害防治面积", "3.45万亩", "3.45万亩", "7", "7", ""],
    ]


SICHUAN_SHARES = ["三级指标", "指标值", "完成值", "权重", "得分"]


def _decoded(text: str, labels: list[str]) -> list[dict[str, str]]:
    columns = rowcodec.columns_for(labels, vocab.INDICATOR_COLUMNS)
    decoding = rowcodec.decode_rows(text, matching_text(text) or text, columns)
    return [{columns[k].label: v for k, v in row.cells.items()} for row in decoding.rows]


def test_a_weight_printed_as_its_share_of_the_points_is_read() -> None:
    # sichuan_nd_puhui_jinrong: 权重 printed as 20% (of 100 points), 得分 as points; 倍 is a unit.
    assert _decoded("创业担保贷款回收率≥90%98.70%20%20资金足额拨付率100%100%10%10", SICHUAN_SHARES) == [
        {"三级指标": "创业担保贷款回收率", "指标值": "≥90%", "完成值": "98.70%", "权重": "20%", "得分": "20"},
        {"三级指标": "资金足额拨付率", "指标值": "100%", "完成值": "100%", "权重": "10%", "得分": "10"},
    ]
    assert _decoded("创业担保基金放大倍数≥2倍10倍10%10", SICHUAN_SHARES) == [
        {"三级指标": "创业担保基金放大倍数", "指标值": "≥2倍", "完成值": "10倍", "权重": "10%", "得分": "10"}
    ]
    # read into the form, the weight is the points (20), not refused as "not a number"
    assert _points("20%", share=True) == Decimal(20)
    with pytest.raises(NumberError):
        _points("20%")


def test_a_header_over_two_indented_lines_and_a_row_of_long_texts() -> None:
    # anhui_2022_yuan_wenwu: '年度 实际' ends on the next line ('指标值 完成值'); the first row's target
    # and result are long texts (no figure), still a row of cells since it opens with its level labels.
    lines = [
        "绩效指标 一级指标 二级指标 三级指标 年度 实际 分值 得分 偏差原因分析及改进措施",
        "指标值 完成值",
        "产出指标 数量指标 指标1:修缮建筑数量 完成罗氏宗祠、李氏宗祠、英布墓日常维护,指挥部旧址病虫害防治 完成罗氏宗祠、李氏宗祠、英布墓日常维护,指挥部旧址病虫害防治",
        "7 7",
        "指标2:修缮建筑面积 6000平方米 6000平方米 7 7",
        "质量指标 指标1:验收通过率 100% 95% 6 5",
    ]
    rows = rebuild.rebuild(cells.space_row_stream(lines), lines_are_rows=True)
    assert rows[0].cells == [
        "绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
        "偏差原因分析及改进措施",
    ]  # fmt: skip
    long = "完成罗氏宗祠、李氏宗祠、英布墓日常维护,指挥部旧址病虫害防治"
    assert [r.cells[1:8] for r in rows[1:]] == [
        ["产出指标", "数量指标", "指标1:修缮建筑数量", long, long, "7", "7"],
        ["", "", "指标2:修缮建筑面积", "6000平方米", "6000平方米", "7", "7"],
        ["", "质量指标", "指标1:验收通过率", "100%", "95%", "6", "5"],
    ]


def test_a_dash_printed_as_yi_is_no_target_and_no_result() -> None:
    # ningxia_2021_yinchuan_liuzhong_gongyong prints 一 for "not applicable" in 指标值; a table with
    # such a cell standing alone keeps the target (or result) empty, never the text "一".
    text = "\n".join(
        [
            "| 项目支出绩效自评表 |",
            "| 项目名称 | 公用经费 |",
            "| 项目资金(万元) | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |",
            "| 年度资金总额 | 64.8 | 64.8 | 64.8 | 10 | 100% | 10 |",
            "| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |",
            "| 项目管理 | 财务管理 | 财务管理制度有效性 | 一 | 财务制度健全 | 7 | 7 | |",
            "| | | 绩效监控有效性 | 持续有效 | 一 | 2 | 2 | |",
            "| | 质量指标 | 返工率 | / | 2% | 10 | 10 | |",
            "| 总分 | 100 | 99 |",
        ]
    )
    form = read_bytes(text.encode(), "t.txt").form
    assert [(i.name, i.target, i.result) for i in form.indicators] == [
        ("财务管理制度有效性", None, "财务制度健全"),
        ("绩效监控有效性", "持续有效", None),
        ("返工率", None, "2%"),
    ]


def test_a_row_does_not_skip_its_own_points_for_figures_printed_after_it() -> None:
    # shanghai_2022_putuo_tiyu_zhongxin: a flattened page prints the values of the last rows before
    # their names, and the total's '100 98.62' right after them; the last row keeps its own 10 / 10
    # (a row going on after a cell left out of it costs more than leaving its tail).
    page = (
        "一级指标 二级指标 数量指标 三级指标 与委托运营方结算完成率 年度 指标值 实际 完成值 分值 得分 "
        "=100% 100% 10 10 =100% 100% 20 20 及时 及时 20 20 >=90% 100% 10 10 100 98.62 "
        "产出指标 质量指标 时效指标 满意度指标 服务对象满意度指标 合同结算条款完成率 费用结算及时性 场馆开放满意度 总分"
    )
    rows = rebuild.rebuild(cells.token_stream([page]), flattened=True)
    assert ["", "服务对象满意度指标", "场馆开放满意度", ">=90%", "100%", "10", "10"] in [
        r.cells for r in rows
    ]


def test_a_name_wrapped_over_two_cells_is_one_name() -> None:
    # one cell per line, empty cells dropped: a name the page wrapped (…户数(含 / 四类重点对象), 群众住房安全
    # / 保障水平) is one name, said for review; a row of a name alone followed by a level label is not.
    stream = _stream(
        "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
        "产出指标", "数量指标", "农村危房改造户数(含", "四类重点对象)", "≥100户", "98户", "20", "19",
        "质量指标", "竣工验收合格率", "100%", "100%", "20", "20",
        "效益指标", "社会效益指标", "群众住房安全", "保障水平", "明显提升", "明显提升", "20", "20",
        "满意度指标", "服务对象满意度指标", "受益群众满意度", "≥90%", "95%", "10", "10", "总分",
    )  # fmt: skip
    rows = rebuild.rebuild(stream)
    assert [r.cells[2] for r in rows[1:5]] == [
        "农村危房改造户数(含四类重点对象)",
        "竣工验收合格率",
        "群众住房安全保障水平",
        "受益群众满意度",
    ]
    assert rows[3].cells[:2] == ["效益指标", "社会效益指标"]
    assert rows[3].review == [("indicators", "name wrapped over two cells, joined: '群众住房安全保障水平'")]


def test_input_and_process_indicators_are_first_level_labels() -> None:
    # hubei_nd_hbeu_xueshengzizhu (run together, digits stripped by the host): '过程指标' opens a group
    # (部门整体 投入/过程/产出/效果 framework); it is no part of the name after it.
    text = (
        "学生资助项目绩效目标自评表项目名称湖北工程学院年学生资助项目主管部门湖北省教育厅项目实施单位湖北工程学院"
        "预算执行情况(万元)(分)预算数()执行数()执行率()得分(分*执行率)年度财政资金总额分"
        "一级指标二级指标三级指标年初目标值()实际完成值()得分产出指标数量国家奖学金人数分"
        "服务对象满意度指标过程指标评审程序是否公正是是"
    )
    last = read_bytes(text.encode(), "t.txt").form.indicators[-1]
    assert (last.level1, last.name, last.target, last.result) == ("过程指标", "评审程序是否公正", "是", "是")


WILD = Path(__file__).resolve().parents[1] / "data" / "wild"


def test_a_name_cut_to_one_character_by_the_excerpt_end_is_kept() -> None:
    # hubei_2021_ezhou_shiminzhongxin ends at the first character of a name ('社会效益 指标 | 岗'): kept
    # as far as it goes; a level label cut to one character ('可' of 可持续影响指标) is no name.
    page = (WILD / "hubei_2021_ezhou_shiminzhongxin.txt").read_text(encoding="utf-8")
    assert read_bytes(page.encode(), "t.txt").form.indicators[-1].name == "岗"
    cut = page[: page.rindex("岗")] + "可"
    assert read_bytes(cut.encode(), "t.txt").form.indicators[-1].name == "大厅运行正常率"


def test_a_text_result_written_like_its_target_and_a_name_opening_with_a_year() -> None:
    # hubei_2022_huangshi_tushuguan_gongxiang read one cell per line, empty cells dropped: '全天候' after
    # the target '全天候可用' is its result (not the next row's name), and '2022年全年' is a name.
    rows = rebuild.rebuild(
        _stream(
            "一级指标", "二级指标", "三级指标", "年初目标值(A)", "实际完成值(B)", "得分",
            "产出指标(40分)", "时效指标", "可保证读者使用时长", "全天候可用", "全天候", "10",
            "2022年全年", "≥360天", "≥360天",
            "成本指标", "以低价位高质量为采购原则", "5万", "5万", "10",
        )
    )  # fmt: skip
    assert [r.cells for r in rows[1:]] == [
        ["产出指标(40分)", "时效指标", "可保证读者使用时长", "全天候可用", "全天候", "10"],
        ["", "", "2022年全年", "≥360天", "≥360天", ""],
        ["", "成本指标", "以低价位高质量为采购原则", "5万", "5万", "10"],
    ]


def test_a_deviation_header_worded_otherwise_and_a_name_that_is_a_date() -> None:
    # hunan_2020_nanyue_zhonglieci (traditional) read one cell per line: 產生差異的原因及改進措施 heads the
    # deviation column (it ended the grid before its first row), and the 時效指標 row's name is a date.
    rows = rebuild.rebuild(
        _stream(
            "績效指標", "一級指標", "二級指標", "三級指標", "指標值", "全年實際完成值", "產生差異的原因及改進措施",
            "產出指標", "數量指標", "管理忠烈祠面積", "=230畝", "=230畝",
            "質量指標", "忠烈祠保護合格率", "=100%", "=100%",
            "時效指標", "2020年12月完成", "=95%", "=95%",
        )
    )  # fmt: skip
    assert [r.cells[1:6] for r in rows[1:]] == [
        ["產出指標", "數量指標", "管理忠烈祠面積", "=230畝", "=230畝"],
        ["", "質量指標", "忠烈祠保護合格率", "=100%", "=100%"],
        ["", "時效指標", "2020年12月完成", "=95%", "=95%"],
    ]


def test_a_header_row_wrapped_onto_the_next_indented_line_runs_on() -> None:
    # anhui_2023_jinzhai_chagu_meili printed as indented rows: the header's 分值 / 得分 / 偏差… wrapped onto
    # a line of their own; without them the grid had no points columns and no row was read.
    lines = [
        "  绩效指标 一级指标 二级指标 三级指标 年度指标值 实际完成值",
        "  分值 得分 偏差原因分析及改进措施",
        "  产出指标 数量指标 指标1:开展精品示范村建设数量 ≤4 4 10 10",
        "  指标2:建设美丽宜居自然村庄数量 ≥200 202 10 10",
        "  质量指标 指标1:美丽宜居自然村庄验收通过率 ≥95% 100% 5 5",
    ]
    rows = rebuild.rebuild(cells.space_row_stream(lines), lines_are_rows=True)
    assert rows[0].cells[-3:] == ["分值", "得分", "偏差原因分析及改进措施"]
    assert [r.cells[1:8] for r in rows[1:]] == [
        ["产出指标", "数量指标", "指标1:开展精品示范村建设数量", "≤4", "4", "10", "10"],
        ["", "", "指标2:建设美丽宜居自然村庄数量", "≥200", "202", "10", "10"],
        ["", "质量指标", "指标1:美丽宜居自然村庄验收通过率", "≥95%", "100%", "5", "5"],
    ]


def test_a_qualitative_target_is_no_cut_level_label() -> None:
    # hubei_2022_huangshi_haimianchengshi read one cell per line: the target 满意 is a value, not the
    # start of 满意度指标 cut off.
    assert rebuild.kind_of("满意") == "word"
    assert rebuild.kind_of("生态") == "level2"  # (生态效益指标 cut at the excerpt's end)
    rows = rebuild.rebuild(
        _stream(
            "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值",
            "效益指标", "社会效益 指标", "指导城市建设", "指导城市建设", "完成", "10",
            "满意度指标", "满意度指标", "群众满意度", "满意", "完成", "10", "总分",
        )
    )  # fmt: skip
    assert [r.cells[2:] for r in rows if r.cells[2:3] == ["群众满意度"]] == [
        ["群众满意度", "满意", "完成", "10"]
    ]


def test_a_row_whose_figures_ocr_damaged_keeps_its_name() -> None:
    # ningxia_2022_yuanzhou_malingshu: '指标3一级种薯繁育基地8000亩\n8535.5亩' cannot be cut for sure; the
    # indicator stays (its name), its values are left out and said for review, never guessed.
    page = (WILD / "ningxia_2022_yuanzhou_malingshu.txt").read_text(encoding="utf-8")
    form = read_bytes(page.encode(), "t.txt").form
    (row,) = [i for i in form.indicators if i.name == "指标3一级种薯繁育基地"]
    assert (row.target, row.result, row.weight, row.score) == (None, None, None, None)
    assert any("8000亩8535.5亩" in item.problem for item in form.review)


def test_a_row_cut_after_its_target_keeps_its_name_and_target() -> None:
    # an excerpt that ends one character into the 实际完成值 (受益群众满意度 | ≥90% | 9…): the '9' may be
    # the start of 95% and is left out; the row keeps its name and target instead of losing both.
    header = ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分")
    body = ("产出指标", "数量指标", "维修户数", "≥100户", "98户", "20", "19")
    body += ("满意度指标", "服务对象满意度指标", "受益群众满意度", "≥90%", "9")
    notes: list[str] = []
    rows = rebuild.rebuild(_stream(*header, *body), notes=notes)
    assert rows[-1].cells == ["满意度指标", "服务对象满意度指标", "受益群众满意度", "≥90%", "", "", ""]
    assert notes == ["truncated: only '9' left"]


_TAB_PAGE = (
    "项目支出绩效自评表(2022年度)\n项目名称\t农村危房改造\n"
    "项目资金(万元)\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n"
    "年度资金总额\t100\t100\t90\t10\t90%\t9\n"
    "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施\n"
    "产出指标\t数量指标\t{name}\t≥100户\t98户\t20\t19\t个别农户未按期开工\n"
    "\t质量指标\t竣工验收合格率\t100%\t100%\t20\t20\t\n"
    "效益指标\t社会效益指标\t群众住房安全保障水平\t明显提升\t明显提升\t20\t20\t\n"
)


@pytest.mark.parametrize(
    "name", ['"农村危房改造户数\n(含四类重点对象)"', "农村危房改造户数\n(含四类重点对象)"]
)
def test_a_tab_separated_cell_with_a_line_break_stays_in_its_row(name: str) -> None:
    # copied from a spreadsheet the cell comes quoted; from other programs the break cuts the row in
    # two lines whose cells, joined at the break, make one row as wide as the table's rows
    form = read_bytes(_TAB_PAGE.format(name=name).encode(), "t.txt").form
    first = form.indicators[0]
    assert (first.level1, first.name, first.target, first.result) == (
        "产出指标",
        "农村危房改造户数(含四类重点对象)",
        "≥100户",
        "98户",
    )
    assert [i.level1 for i in form.indicators] == ["产出指标", "产出指标", "效益指标"]


def test_a_second_project_name_after_a_table_starts_the_next_form() -> None:
    # hubei_2020_xinzhou_chujutuan prints its forms one after another without their titles: the second
    # 项目名称 after the first form's grid opens the second form.
    page = (WILD / "hubei_2020_xinzhou_chujutuan.txt").read_text(encoding="utf-8")
    parts = split_forms(text.grids(page)[0])
    assert len(parts) == 2
    assert parts[1].rows[0].cells[:2] == ["项目名称", "中青年演员培训经费"]
    # both forms are read, each with its own project (the second one's funds row is read too)
    forms = [result.form for result in read_bytes_all(page.encode(), "t.txt")]
    assert [form.project for form in forms] == [parts[0].rows[0].cells[1], "中青年演员培训经费"]
    # a page header repeating the same 项目名称 after the grid (a PDF's second page) is the same form
    same = page.replace("项目名称中青年演员培训经费", "项目名称演出设备更新专项经费")
    assert len(split_forms(text.grids(same)[0])) == 1


def _best_reading(page: str) -> Grid:
    """The grid of the reading the importer keeps for a page (the fullest of its best readings)."""

    def fullness(grid: Grid) -> float:
        try:
            return sum(form_fit(r.form) for r in parse_document(grid, "t"))
        except IngestError:
            return float("-inf")

    return max(text.grids(page)[:3], key=fullness)


def _one_cell_per_line(page: str) -> str:
    """A page's table as another site prints it: one cell per line ('text |', an empty cell '|'), each
    row ended by a line of pipes."""
    grid = _best_reading(page)
    out: list[str] = []
    for row in grid.rows:
        out += [f"{cell.strip()} |" if cell.strip() else "|" for cell in row.cells] + ["||||"]
    return "\n".join(out)


@pytest.mark.parametrize(
    "page_id", ["anhui_2022_tianchang_shuili_hanzai", "hebei_2019_langfang_shipin_nuantong"]
)
def test_empty_template_rows_are_no_indicators_one_cell_per_line(page_id: str) -> None:
    # the rows '指标2: | | | …' and '…… | | …' of an unused template slot, one cell per line: no
    # indicator, and a deviation text before '指标2' is not the name of a row whose target is '指标2'
    page = (WILD / f"{page_id}.txt").read_text(encoding="utf-8")
    expected = json.loads((WILD / f"{page_id}.expected.json").read_text(encoding="utf-8"))[0]
    names = {i["name"] for i in expected["indicators"]}
    form = read_bytes(_one_cell_per_line(page).encode(), "t.txt").form
    assert [i.name for i in form.indicators if i.name not in names] == []
    assert len(form.indicators) == len(names)


def test_the_figure_after_a_sign_is_the_target_not_points() -> None:
    # sichuan_2023_daying_sifa_anke, its last row cut after '= | 100' under 指标性质 / 指标值 / 度量单位 /
    # 完成值 / 权重 / 得分: 100 is the 指标值, never the 权重.
    kinds = ["operator", "target", "unit", "result", "weight", "score"]
    assert columns_module.align(["=", "100"], kinds) == {0: 0, 1: 1}
    assert columns_module.align(["=", "100", "%", "100%", "10", "10"], kinds) == {k: k for k in range(6)}


def test_a_chongqing_grid_without_its_empty_cells_leaves_the_adjusted_target_empty() -> None:
    # chongqing_2021_kexuecheng_rongmeiti printed as indented rows (empty cells lost): the last
    # percentage is the 得分系数, and the 调整指标值 (seldom filled) is the column left empty
    lines = [
        "  指标名称 计量单位 指标性质 年初指标值 调整指标值 全年完成值 得分系数(%) 指标权重(分) 指标得分(分) 是否核心指标",
        "  财政供养人员控制率 % 定量指标 100% 92% 100% 2 2 否",
        "  预算完成率 % 70% 76% 100% 2 2 是",
        "  结转结余率 % 2% 0 100% 2 2 是",
        "  公用经费控制率 % 100% 97% 100% 2 2 是",
    ]
    rows = rebuild.rebuild(cells.space_row_stream(lines), lines_are_rows=True)
    assert [(r.cells[0], r.cells[3], r.cells[4], r.cells[5], r.cells[6]) for r in rows[1:]] == [
        ("财政供养人员控制率", "100%", "", "92%", "100%"),
        ("预算完成率", "70%", "", "76%", "100%"),
        ("结转结余率", "2%", "", "0", "100%"),
        ("公用经费控制率", "100%", "", "97%", "100%"),
    ]


def test_a_group_label_with_its_points_in_the_name_column_is_no_indicator() -> None:
    # ningxia_2021_yinchuan_liuzhong_gongyong's grid as a tab table: the OCR-damaged first-level label
    # '顼目产出(30分)' on a row of its own, under 三级指标, its value cells empty: no indicator
    page = (WILD / "ningxia_2021_yinchuan_liuzhong_gongyong.txt").read_text(encoding="utf-8")
    best = _best_reading(page)
    tabbed = "\n".join("\t".join(cell.strip() for cell in row.cells) for row in best.rows)
    names = [i.name for i in read_bytes(tabbed.encode(), "t.txt").form.indicators]
    assert "保障人数" in names
    assert "顼目产出(30分)" not in names


def test_one_value_between_the_points_is_read_as_the_rows_around_it_write_theirs() -> None:
    # ningxia_2021_yinchuan_liuzhong_gongyong as indented rows: '4 目标明确… 4' has one value that may be
    # the 指标值 or the 实际值; the rows that write a dash in 指标值 (6 - 严格执行… 6) say it is the 实际值
    lines = [
        "  一级指标 二级指标 三级指标 参考分值 指标值(A) 全年实际值(B) 得分 未完成原因分析及改进措施",
        "  项目决策(10分) 项目目标 完整性 4 目标明确、内容细化、目标量化 4",
        "  项目管理(25分) 投入管理 管理制度有效性 6 - 严格执行相关管理制度 6",
        "  项目产出(30分) 数量指标(10分) 保障人数 10 2370人 2370人 10",
    ]
    notes: list[str] = []
    rows = rebuild.rebuild(cells.space_row_stream(lines), lines_are_rows=True, notes=notes)
    assert rows[1].cells[2:7] == ["完整性", "4", "", "目标明确、内容细化、目标量化", "4"]
    assert notes == ["value placed as in the rows around it: '目标明确、内容细化、目标量化'"]


def test_a_figure_is_never_an_indicator_name_one_cell_per_line() -> None:
    # hubei_2022_huangshi_tushuguan_gongxiang printed one cell per line with its rows' empty cells
    # pushed to their end ('2022年全年 | ≥360天 | ≥360天 | | |'): '≥360天' is no indicator
    page = (WILD / "hubei_2022_huangshi_tushuguan_gongxiang.txt").read_text(encoding="utf-8")
    names = [i.name for i in read_bytes(_one_cell_per_line(page).encode(), "t.txt").form.indicators]
    assert "一个存储备份器" in names
    assert "≥360天" not in names


def test_two_tab_rows_that_each_lost_a_quote_stay_two_rows() -> None:
    # chongqing_2021_kexuecheng_rongmeiti writes “三公经费 with an opening quote only; as an ASCII quote in a
    # tab table, two such rows are not one quoted cell
    rows = cells._tab_rows(['"三公经费变动率\t%\t100%\t2\t2', '"三公经费控制率\t%\t100%\t2\t2', "a\tb"])
    assert [r.cells[0] for r in rows] == ['"三公经费变动率', '"三公经费控制率', "a"]
    rows = cells._tab_rows(['产出指标\t"农村危房改造户数', '(含四类重点对象)"\t≥100户'])
    assert [r.cells for r in rows] == [["产出指标", "农村危房改造户数 (含四类重点对象)", "≥100户"]]


def test_the_first_character_of_the_next_label_at_the_excerpt_end_is_no_cell() -> None:
    # anhui_2022_yuan_wenwu ends '… 程度较高 15 15 / 可' (可 of 可持续影响指标): not the row's 偏差原因
    lines = [
        "绩效指标 一级指标 二级指标 三级指标 年度 实际 分值 得分 偏差原因分析及改进措施",
        "指标值 完成值",
        "产出指标 数量指标 指标2:修缮建筑面积 6000平方米 6000平方米 7 7",
        "效益指标 社会效益指标 文物本体安全、体现文物价值,提升知名度 加大文物保护,展示文物价值 程度较高 15 15",
        "可",
    ]
    notes: list[str] = []
    rows = rebuild.rebuild(cells.space_row_stream(lines), lines_are_rows=True, notes=notes)
    assert rows[-1].cells[-1] == ""
    assert rows[-1].cells[3:8] == [
        "文物本体安全、体现文物价值,提升知名度",
        "加大文物保护,展示文物价值",
        "程度较高",
        "15",
        "15",
    ]
    assert notes == ["truncated: only '可' left"]
