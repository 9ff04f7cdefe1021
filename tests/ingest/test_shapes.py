"""The shapes of issue 10 that real published forms take once their page is text: each imports."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from jixiao.ingest import read_all, read_form
from jixiao.ingest import review as rv

SHAPES = Path(__file__).resolve().parents[1] / "data" / "shapes"


def problems(form) -> list[str]:  # type: ignore[no-untyped-def]
    return [item.problem for item in form.review]


def test_it_reads_one_cell_per_paragraph_without_delimiters() -> None:
    form = read_form(SHAPES / "shape1_cell_per_paragraph.txt").form
    assert (form.funds.adjusted_budget, form.funds.actual, form.funds.score) == (
        Decimal("861.10"),
        Decimal("843.88"),
        Decimal("9.8"),
    )
    first = form.indicators[0]
    assert (first.name, first.target, first.result) == ("指标1维修面积", "≥3000平方米", "3120平方米")


def test_it_reads_one_cell_per_line_after_a_leading_pipe() -> None:
    form = read_form(SHAPES / "shape1_leading_pipe_cells.txt").form
    assert form.project == "校舍维修改造经费" and form.funds.execution_rate == Decimal(98)
    assert [i.name for i in form.indicators] == ["维修面积", "验收合格率"]


def test_it_cuts_run_together_cells_by_labels_and_arithmetic_and_says_so() -> None:
    form = read_form(SHAPES / "shape2_run_together.txt").form
    funds = form.funds
    assert (funds.adjusted_budget, funds.actual, funds.execution_rate) == (
        Decimal("194.9"),
        Decimal("194.9"),
        Decimal(100),
    )
    assert funds.lines[0].actual == Decimal("194.9")
    first = form.indicators[0]
    assert (first.name, first.weight, first.target, first.result, first.score) == (
        "储备粮到位数量",
        Decimal(20),
        "≥5000吨",
        "5100吨",
        Decimal(20),
    )
    assert any(p.startswith(rv.RUN_SPLIT) for p in problems(form))


def test_indented_space_rows_leave_empty_target_and_result_cells_empty() -> None:
    form = read_form(SHAPES / "shape3_space_rows.txt").form
    assert (form.funds.initial_budget, form.funds.weight, form.funds.score) == (
        Decimal(880),
        Decimal(10),
        Decimal(10),
    )
    assert form.funds.execution_rate is None  # not printed: not the 分值
    quality = form.indicators[1]
    assert quality.name == "指标1:工程质量合格"
    assert (quality.target, quality.result, quality.weight, quality.score) == (
        None,
        None,
        Decimal(10),
        Decimal(10),
    )


def test_a_layout_outside_the_known_list_reads_its_funds_and_lists_the_rest() -> None:
    form = read_form(SHAPES / "shape4_transfer_checklist.txt").form
    assert (form.funds.adjusted_budget, form.funds.actual, form.funds.execution_rate) == (
        Decimal("1084.25"),
        Decimal("1050.10"),
        Decimal("96.85"),
    )
    assert any(item.path == "indicators" and item.problem == rv.NOT_FOUND for item in form.review)


def test_figures_stated_only_in_the_narrative_fill_empty_fund_fields_with_the_sentence() -> None:
    form = read_form(SHAPES / "shape5_narrative_figures.txt").form
    assert (form.funds.adjusted_budget, form.funds.actual, form.funds.execution_rate) == (
        Decimal(2596),
        Decimal("2595.6208"),
        Decimal(99),
    )
    assert form.funds.weight == Decimal(10)  # the table's own figure is kept
    sourced = [i for i in form.review if i.problem.startswith(rv.FROM_NARRATIVE)]
    assert {i.path for i in sourced} == {"funds.adjusted_budget", "funds.actual", "funds.execution_rate"}
    assert (
        "实际总支出2595.6208万元" in sourced[0].problem
        and rv.describe(sourced[0].problem) != sourced[0].problem
    )


def test_traditional_characters_match_the_labels_and_pinyin_noise_is_removed() -> None:
    form = read_form(SHAPES / "shape6_traditional_pinyin.txt").form
    assert form.project == "農業技術推廣經費" and form.department == "某市農業農村局"
    assert form.funds.actual == Decimal("7.29") and form.indicators[0].name == "培訓農民人數"
    assert any(p.startswith("pinyin noise removed") for p in problems(form))


def test_two_forms_on_one_page_are_two_forms() -> None:
    results = read_all(SHAPES / "shape7_two_forms.txt")
    assert [r.form.project for r in results] == ["安可替代补助资金", "法律援助经费"]
    assert results[1].form.funds.actual == Decimal("11.40") and results[1].form.total_score == Decimal("99.5")
    assert read_form(SHAPES / "shape7_two_forms.txt").form == results[0].form


def test_every_review_phrase_has_a_chinese_description() -> None:
    for path in sorted(SHAPES.glob("*.txt")):
        for result in read_all(path):
            for item in result.form.review:
                assert rv.describe(item.problem) != item.problem, item.problem
