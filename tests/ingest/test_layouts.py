"""Every layout of LAYOUTS.md imports: what is there is imported, what is not is named in review."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.ingest import IngestError, read_form
from tests.conftest import SEED_TEXT

LAYOUTS = Path(__file__).resolve().parents[1] / "data" / "layouts"
FILLED = sorted(p for p in LAYOUTS.glob("*.txt") if not p.name.startswith("neg_"))


def test_there_is_a_fixture_for_every_layout_of_layouts_md() -> None:
    names = {p.stem.split("_")[0] for p in FILLED}
    assert {"p1", "p2", "p3", "p4", "p5", "p6", "p7", "d1", "d2", "d3", "d4", "d5", "d6"} <= names


@pytest.mark.parametrize("path", FILLED, ids=lambda p: p.stem)
def test_it_imports_each_layout_and_lists_what_is_missing(path: Path) -> None:
    result = read_form(path)
    form = result.form
    assert result.layout == "grid"
    assert form.indicators, "indicators were imported"
    for item in form.review:
        assert item.path and item.problem
    if path.stem not in ("p1_yunnan_14", "p1_flattened_docx_noise", "p2_sichuan", "p1_central_pipe"):
        assert form.review, "something is missing in this fixture and must be named"


def form_of(name: str):  # type: ignore[no-untyped-def]
    return read_form(LAYOUTS / f"{name}.txt").form


def test_the_central_template_in_pipe_rows_keeps_the_zero_total_row_as_written() -> None:
    form = form_of("p1_central_pipe")
    assert form.kind == "project" and form.year == 2022 and form.project == "委托业务项目"
    assert (form.funds.adjusted_budget, form.funds.actual, form.funds.weight) == (
        Decimal(0),
        Decimal(0),
        Decimal(10),
    )
    assert form.funds.lines[0].source == "本年财政拨款" and form.funds.lines[0].actual == Decimal("89.974")
    first = form.indicators[0]
    assert (first.level1, first.level2, first.name, first.target, first.result) == (
        "产出指标(50分)",
        "数量指标",
        "基建工程委托业务项目数量",
        "≥50个",
        "50",
    )
    assert (form.total_score, form.grade) == (Decimal(90), "优")
    missing = {item.path for item in form.review}
    assert {"indicators[9].result", "indicators[9].score"} <= missing


def test_yunnan_builds_the_target_from_operator_value_and_unit_in_yuan() -> None:
    form = form_of("p1_yunnan_14")
    assert form.amount_unit == "元" and form.funds.actual == Decimal("387664.62")
    assert form.indicators[0].target == "≧735人次"
    assert form.indicators[-1].deviation == "部分学生对发放时间有意见,下年度提前发放"
    assert (form.total_score, form.grade) == (Decimal(96), "优")


def test_sichuan_blank_scores_and_instructions_go_to_review() -> None:
    form = form_of("p2_sichuan")
    assert form.funds.execution_rate == Decimal("93.00") and form.funds.score == Decimal("9.3")
    assert all(i.score is None for i in form.indicators)
    problems = {(item.path, item.problem.split(":")[0]) for item in form.review}
    assert ("indicators[0].score", "empty cell") in problems
    assert ("overall_performance", "template instructions left in the cell") in problems
    assert form.overall_performance is None
    assert form.problems == ["个别活动宣传不够充分。", "部分采购执行进度偏慢。"]


def test_chongqing_flat_list_and_its_unimported_columns() -> None:
    form = form_of("d3_chongqing")
    assert form.kind == "department" and form.total_score == Decimal("97.6")
    assert form.funds.execution_rate == Decimal(76) and form.funds.score == Decimal("7.6")
    assert form.indicators[0].level1 is None and form.indicators[0].target == "≤100%"
    assert any("是否核心指标" in item.problem for item in form.review)


def test_traditional_characters_are_read_by_their_labels_and_kept_as_written() -> None:
    form = form_of("p1_traditional")
    assert form.project == "衛片執法補助經費" and form.funds.actual == Decimal("7.29")
    assert form.indicators[0].target == "﹦72890元" and form.indicators[0].score == Decimal("9.00")
    assert any(item.path == "indicators[4].score" and item.problem == "empty cell" for item in form.review)


def test_one_cell_per_line_is_rebuilt_from_the_header_sequence() -> None:
    form = form_of("p1_anhui_cell_per_line")
    assert form.funds.adjusted_budget == Decimal("9.48") and form.funds.execution_rate == Decimal(100)
    names = [i.name for i in form.indicators]
    assert names[:3] == ["★补助各类瓜果蔬菜种植面积", "其中桃树种植面积", "★补助家畜家禽养殖数量"]
    assert form.indicators[1].weight is None and form.indicators[3].level2 == "质量指标"
    assert any(item.problem == "template placeholder left in the name" for item in form.review)


def test_a_flattened_docx_text_is_cut_back_into_rows_and_its_metadata_noted() -> None:
    form = form_of("p1_flattened_docx_noise")
    assert form.funds.lines[0].adjusted_budget == Decimal("89.974")
    assert form.indicators[4].name == "项目总成本" and form.indicators[4].level2 == "成本指标"
    assert any(item.problem.startswith("text before the form title skipped") for item in form.review)


def test_run_together_ocr_rows_are_split_only_where_unambiguous_and_flagged() -> None:
    form = form_of("d3_ocr_concatenated")
    first = form.indicators[0]
    assert (first.name, first.target, first.result, first.weight, first.score) == (
        "预算完成率",
        "70%",
        "76%",
        Decimal(2),
        Decimal(2),
    )
    assert any(item.path == "funds.actual" and "not a number" in item.problem for item in form.review)
    assert sum(item.problem.startswith("cells rebuilt") for item in form.review) == 3


def test_the_interleaved_huadu_text_is_kept_and_flagged() -> None:
    form = form_of("d4_huadu_interleaved")
    assert form.goals.expected == "按计划开展委员培训、调研视察和提案办理工作。"
    assert any(item.problem == "another column interleaved: '未能完成原因'" for item in form.review)


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("neg_target_table", "绩效目标申报表"),
        ("neg_blank_template", "空白模板"),
        ("neg_narrative_report", "文字报告"),
    ],
)
def test_documents_that_are_not_filled_self_evaluations_are_refused(name: str, reason: str) -> None:
    with pytest.raises(IngestError) as caught:
        read_form(LAYOUTS / f"{name}.txt")
    assert reason in str(caught.value) and f"{name}.txt" in str(caught.value)


def test_a_figure_under_an_unknown_label_is_listed_not_guessed(tmp_path: Path) -> None:
    # Two fields without a value and one figure whose label is unreadable: the layout cannot tell
    # where the figure belongs, so it is not placed anywhere.
    damaged = SEED_TEXT.read_text(encoding="utf-8").replace("预算调整率\t1.83%", "预算调整率\t")
    path = tmp_path / "damaged.txt"
    path.write_text(damaged, encoding="utf-8")
    form = read_form(path).form
    assert form.funds.adjustment is None and form.funds.adjustment_rate is None
    assert any(
        item.path == "funds" and item.problem.endswith("value not imported: '174.76'") for item in form.review
    )


def test_the_published_sichuan_form_is_read_despite_its_shifted_rows() -> None:
    # As published (dyxrmt.cn): the funding header has an extra unit cell and the 绩效指标(90分) title
    # is merged down the grid, so the data rows start one or two cells left of their headers.
    form = form_of("p2_sichuan_published_pipe")
    funds = form.funds
    assert (funds.initial_budget, funds.adjusted_budget, funds.actual) == (
        Decimal("0.00"),
        Decimal("4.80"),
        Decimal("4.80"),
    )
    assert (funds.execution_rate, funds.weight, funds.score) == (Decimal("100.00"), Decimal(10), Decimal(10))
    assert [line.source for line in funds.lines] == ["财政资金", "财政专户管理资金", "单位资金", "其他资金"]
    second = form.indicators[1]
    assert (second.level1, second.level2, second.name, second.target, second.result, second.score) == (
        "产出指标",
        "质量指标",
        "设备验收合格率",
        "=100%",
        "100%",  # the 度量单位 column is the result's unit too (tests/data/wild/README.md)
        Decimal(30),
    )
    assert (
        form.goals.expected == "根据要求购置公共法律服务终端,并完成项目资金支付。"
        and form.goals.achieved == "完成"
    )
    assert any(item.problem == "column not imported: '原因'" for item in form.review)
