"""The arithmetic checks word for word, and at their bounds: what is one cent over, what is exactly equal."""

from __future__ import annotations

from decimal import Decimal as D

from jixiao.core.form import Form, FundLine, Funds, Task
from jixiao.core.report import check


def _found(form: Form, prefix: str = "arithmetic.") -> list[tuple[str, str, str, str]]:
    return [
        (f.code, f.path, f.message, f.detail)
        for f in check(form, indicators=False).findings
        if f.code.startswith(prefix)
    ]


def test_lines_above_their_total_are_named_with_the_layouts_label_and_unit() -> None:
    funds = Funds(
        adjusted_budget=D("100"), lines=[FundLine(adjusted_budget=D("60")), FundLine(adjusted_budget=D("41"))]
    )
    assert _found(Form(amount_unit="元", funds=funds)) == [
        (
            "arithmetic.lines_exceed_total",
            "funds.lines",
            "“其中”各项部门调整预算收入合计 101元,超过部门调整预算收入 100元。分项之和不能大于总数,请核对。",
            "sum of lines.adjusted_budget 101 > funds.adjusted_budget 100",
        )
    ]
    one = Funds(actual=D("10.00"), lines=[FundLine(actual=D("10.01"))])
    assert [(c, p) for c, p, _m, _d in _found(Form(kind="project", funds=one))] == [
        ("arithmetic.lines_exceed_total", "funds.lines[0].actual")
    ]
    assert "全年执行数" in _found(Form(kind="project", funds=one))[0][2]
    exact = Funds(actual=D("10.000"), lines=[FundLine(actual=D("10.005"))])  # within the tolerance
    assert _found(Form(funds=exact)) == []


def test_task_funds_above_the_budget_alone_and_together() -> None:
    form = Form(
        funds=Funds(initial_budget=D("100")),  # no adjusted budget: the initial one is the budget
        tasks=[Task(funds=D("100.01")), Task(funds=D("60"))],
    )
    assert _found(form) == [
        (
            "arithmetic.tasks_funds_exceed_total",
            "tasks",
            "各项任务涉及资金合计 160.01万元,超过部门预算 100万元,请核对各任务资金。",
            "sum of task funds 160.01 > budget 100",
        ),
        (
            "arithmetic.task_funds_exceed_total",
            "tasks[0].funds",
            "该任务涉及资金 100.01万元 超过部门预算 100万元,请核对。",
            "task funds 100.01 > budget 100",
        ),
    ]
    form.funds.adjusted_budget = D("200")  # the adjusted budget, where there is one, is the budget
    assert _found(form) == []
    form.tasks = [Task(funds=D("200.005")), Task(funds=D("0.000"))]
    assert _found(form) == []  # exactly the tolerance above: not flagged


def test_a_stated_figure_is_compared_with_its_formula_and_unit() -> None:
    funds = Funds(
        initial_budget=D("100"), adjusted_budget=D("90"), adjustment=D("12"), adjustment_rate=D("12.00")
    )
    (adjustment,) = [
        f for f in _found(Form(amount_unit="元", funds=funds)) if f[0] == "arithmetic.adjustment"
    ]
    assert adjustment == (
        "arithmetic.adjustment",
        "funds.adjustment",
        "年度预算调整数填报为 12元,按公式(年初预算 − 调整预算)计算为 10元,相差 2元。请核对后修改或说明原因。"
        "如填报的是追加、追减与结构调整的总额(财预〔2013〕53号),请在说明中注明。",
        "reported 12 vs computed 10 (年初预算 − 调整预算)",
    )
    rate = Funds(initial_budget=D("100"), adjusted_budget=D("90"), actual=D("45"), execution_rate=D("49.00"))
    (found,) = _found(Form(funds=rate))
    assert found[0:2] == ("arithmetic.execution_rate", "funds.execution_rate")
    assert found[2].startswith(
        "预算完成率填报为 49.00%,按公式(实际支出 ÷ 调整预算 × 100%)计算为 50.00%,相差 1.00%。"
    )


def test_negative_figures_are_errors_but_a_negative_adjustment_is_not() -> None:
    form = Form(funds=Funds(actual=D("-1"), adjustment=D("-5"), initial_budget=D("0")))
    assert _found(form) == [
        (
            "arithmetic.negative",
            "funds.actual",
            "该项填报为负数(-1),金额、比率和分值不能为负,请核对。",
            "negative value -1",
        )
    ]
    assert _found(Form(funds=Funds(actual=D("0")))) == []
