"""The roll-up (汇总) of every field, as its Spec says, and its refusals."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from jixiao.core import fields
from jixiao.core.compute import rollup
from jixiao.core.form import Form, FundLine, Funds, Indicator, ReviewItem, Task
from tests.fields_data import full_form


def _units() -> list[tuple[str, Form]]:
    a, b = full_form("department"), full_form("department")
    b.funds = b.funds.model_copy(update={"actual": Decimal("10.50"), "adjustment": None})
    b.key_project = None
    return [("甲单位", a), ("乙单位", b)]


def _get(form: Form, field: fields.Field) -> object:
    part = getattr(form, field.parent) if field.parent else form
    return getattr(part, "schema_" if field.name == "schema" else field.name)


@pytest.mark.parametrize(
    "field",
    [f for f in fields.catalogue() if f.parent in ("", "funds", "goals") and f.shape != "part"],
    ids=lambda f: f.pattern,
)
def test_every_field_is_rolled_up_as_its_spec_says(field: fields.Field) -> None:
    units = _units()
    summary = rollup(units, department="某局", year=2022)
    got = _get(summary, field)
    values = [_get(form, field) for _, form in units]
    policy = field.spec.rollup
    if policy == "given":
        given = {"schema": "jixiao.self-evaluation/1", "kind": "department", "year": 2022}
        given |= {"department": "某局", "summary": True}
        assert field.name in given, f"{field.pattern} is given: pass it to rollup() and list it here"
        assert got == given[field.name]
    elif policy == "same":
        assert got == values[0]
    elif policy == "sum":
        present = [v for v in values if v is not None]
        assert got == (sum(present, Decimal(0)) if present else None)
    elif policy == "rate":
        assert got is not None  # recomputed from the sums (test_rates_come_from_the_sums)
    elif policy == "join":
        assert got == "\n".join(f"【{n}】{v}" for (n, _), v in zip(units, values, strict=True) if v)
    elif policy == "named":
        assert got == [f"【{n}】{item}" for (n, _), v in zip(units, values, strict=True) for item in v]
    elif policy == "first":
        assert got == values[0]
    elif policy == "rows":
        assert len(got) == sum(len(v) for v in values)  # type: ignore[arg-type]
        assert all(row.name.startswith("【") for row in got)  # type: ignore[attr-defined]
    elif policy == "lines":
        sources = [line.source for lines in values for line in lines]  # type: ignore[attr-defined]
        assert [line.source for line in got] == list(dict.fromkeys(sources))  # type: ignore[attr-defined]
    elif policy == "review":
        assert len(got) == sum(len(v) for v in values) + 1  # type: ignore[arg-type]  # + the note on a blank
    elif policy == "none":
        default = _get(Form(), field)
        assert got == default, f"{field.pattern} is not rolled up, so the 汇总 form leaves it empty"
    else:  # pragma: no cover - a new policy needs its test
        raise AssertionError(policy)


def test_rates_come_from_the_sums_never_averaged() -> None:
    a = Form(funds=Funds(initial_budget=Decimal("100"), adjusted_budget=Decimal("100"), actual=Decimal("50")))
    b = Form(
        funds=Funds(initial_budget=Decimal("300"), adjusted_budget=Decimal("200"), actual=Decimal("200"))
    )
    summary = rollup([("甲", a), ("乙", b)], department="局")
    assert summary.funds.execution_rate == Decimal("83.33")  # 250 ÷ 300, not (50% + 100%) ÷ 2
    assert summary.funds.adjustment == Decimal("100") and summary.funds.adjustment_rate == Decimal("25.00")


def test_a_blank_amount_is_listed_not_counted_as_zero() -> None:
    a = Form(funds=Funds(actual=Decimal("5")))
    b = Form(funds=Funds())
    summary = rollup([("甲", a), ("乙", b)], department="局")
    assert summary.funds.actual == Decimal("5")
    assert [(r.path, r.problem) for r in summary.review] == [
        ("funds.actual", "以下单位未填写,汇总时未计入: 乙")
    ]


def test_lines_are_summed_by_source_and_review_paths_shifted() -> None:
    a = Form(funds=Funds(lines=[FundLine(source="一般公共预算", actual=Decimal("1"))]))
    b = Form(funds=Funds(lines=[FundLine(source="一般公共预算", actual=Decimal("2"))]))
    units = [("甲", full_form()), ("乙", full_form())]
    summary = rollup([("甲", a), ("乙", b)], department="局")
    assert [(line.source, line.actual) for line in summary.funds.lines] == [("一般公共预算", Decimal("3"))]
    shifted = rollup(units, department="局").review
    first = units[1][1].review[0]  # the second unit's first entry, after the first unit's two
    tasks = len(units[0][1].tasks)
    expected = re.sub(r"^tasks\[(\d+)\]", lambda m: f"tasks[{int(m.group(1)) + tasks}]", first.path)
    assert (shifted[2].path, shifted[2].source) == (expected, f"乙: {first.source}")


def test_it_refuses_to_mix_wan_yuan_and_yuan() -> None:
    with pytest.raises(ValueError, match="金额单位不一致"):
        rollup([("甲", Form(amount_unit="万元")), ("乙", Form(amount_unit="元"))], department="局")


def test_it_refuses_no_unit() -> None:
    with pytest.raises(ValueError, match="至少需要一个单位"):
        rollup([], department="局")


def test_blank_texts_and_a_line_without_source_roll_up_as_they_are() -> None:
    a = Form(
        goals={"expected": None},
        funds=Funds(lines=[FundLine(actual=Decimal("1"), initial_budget=Decimal("2"))]),
    )
    b = Form(goals={"expected": None}, funds=Funds(lines=[FundLine(actual=Decimal("3"))]))
    a.tasks = [Task(name=None), Task(name="任务")]
    summary = rollup([("甲", a), ("乙", b)], department="局")
    assert summary.goals.expected is None and summary.key_project is None
    assert [t.name for t in summary.tasks] == [None, "【甲】任务"]
    (line,) = summary.funds.lines
    assert (line.source, line.actual, line.initial_budget, line.adjusted_budget) == (
        None,
        Decimal("4"),
        Decimal("2"),
        None,
    )


def test_the_summary_copies_rows_and_never_changes_a_units_form() -> None:
    a = Form(
        tasks=[Task(name="任务", indicators=[Indicator(name="指标")])],
        indicators=[Indicator(name="格")],
        review=[ReviewItem(path="indicators[0].name", problem="empty cell", source="line 3")],
    )
    b = Form(
        indicators=[Indicator(name="格二")],
        review=[ReviewItem(path="indicators[0].result", problem="empty cell")],
    )
    summary = rollup([("甲", a), ("乙", b)], department="局")
    summary.tasks[0].indicators[0].name = "改了"
    summary.indicators[0].level1 = "改了"
    assert a.tasks[0].indicators[0].name == "指标" and a.indicators[0].level1 is None
    assert [i.name for i in summary.indicators] == ["【甲】格", "【乙】格二"]
    assert [(r.path, r.source) for r in summary.review] == [
        ("indicators[0].name", "甲: line 3"),
        ("indicators[1].result", "乙"),
    ]


def test_a_blank_amount_is_noted_as_the_rollups_own() -> None:
    summary = rollup([("甲", Form(funds=Funds(actual=Decimal("5")))), ("乙", Form())], department="局")
    (note,) = summary.review
    assert note.source == "汇总" and note.path == "funds.actual"


def test_mixed_units_are_named_in_the_refusal() -> None:
    with pytest.raises(ValueError) as refusal:
        rollup([("甲", Form(amount_unit="万元")), ("乙", Form(amount_unit="元"))], department="局")
    assert str(refusal.value) == "各单位自评表的金额单位不一致(万元/元),请先统一后再汇总"


def test_a_computed_figure_is_found_by_name() -> None:
    from jixiao.core.compute import figure

    assert figure("execution_rate").reported == "funds.execution_rate"
    assert figure("execution_score").label == "执行率得分" and figure("adjustment").label == "年度预算调整数"
    with pytest.raises(StopIteration):
        figure("nothing")
