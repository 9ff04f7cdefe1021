from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from jixiao.core.compute import compute, net_adjustment, rollup
from jixiao.core.form import Form, FundLine, Funds, Indicator, ReviewItem, Task
from jixiao.core.numbers import quantize2

D = Decimal


def test_it_computes_the_seed_figures(seed_form: Form) -> None:
    computed = compute(seed_form)
    assert computed.adjustment == D("174.76")
    assert computed.adjustment_rate == D("1.83")
    assert computed.execution_rate == D("97.13")
    assert computed.lines_actual == D("9100.04")
    assert computed.tasks_funds == D("552.18")
    assert computed.not_applicable == {}


def test_a_zero_denominator_is_not_applicable() -> None:
    form = Form(funds=Funds(initial_budget=D("0"), adjusted_budget=D("0"), actual=D("0")))
    computed = compute(form)
    assert computed.execution_rate is None and computed.adjustment_rate is None
    assert "为零" in computed.not_applicable["execution_rate"]
    assert "为零" in computed.not_applicable["adjustment_rate"]


def test_a_missing_amount_is_not_applicable() -> None:
    computed = compute(Form(funds=Funds(actual=D("5"))))
    assert computed.execution_rate is None and computed.adjustment is None
    assert set(computed.not_applicable) == {"adjustment", "adjustment_rate", "execution_rate"}


def test_the_adjustment_keeps_its_sign() -> None:
    assert net_adjustment(D("100"), D("120")) == D("-20")  # 调增
    assert net_adjustment(D("120"), D("100")) == D("20")  # 调减


def test_a_gross_adjustment_drives_the_adjustment_rate() -> None:
    funds = Funds(initial_budget=D("1000"), adjusted_budget=D("1000"), adjustment=D("50"))
    assert compute(Form(funds=funds)).adjustment_rate == D("5.00")


def test_the_execution_score_is_capped_at_the_weight() -> None:
    over = Funds(adjusted_budget=D("1172.55"), actual=D("1268.72"), weight=D("10"))
    assert compute(Form(kind="project", funds=over)).execution_score == D("10.00")
    part = Funds(adjusted_budget=D("100"), actual=D("10.77"), weight=D("20"))
    assert compute(Form(kind="project", funds=part)).execution_score == D("2.15")  # 2.154, rounded once


money = st.decimals(min_value=D("0.01"), max_value=D("1e8"), places=2)


@given(money, money)
def test_the_execution_rate_is_computed_from_rounded_amounts_and_rounded_once(
    adjusted: Decimal, actual: Decimal
) -> None:
    rate = compute(Form(funds=Funds(adjusted_budget=adjusted, actual=actual))).execution_rate
    assert rate == quantize2(actual * 100 / adjusted)
    assert rate is not None and rate.as_tuple().exponent == -2
    assert abs(rate - actual * 100 / adjusted) <= D("0.005")


@given(money, money)
def test_the_adjustment_sign_follows_the_direction(initial: Decimal, adjusted: Decimal) -> None:
    computed = compute(Form(funds=Funds(initial_budget=initial, adjusted_budget=adjusted)))
    assert computed.adjustment is not None
    assert (computed.adjustment > 0) == (initial > adjusted)
    assert (computed.adjustment < 0) == (initial < adjusted)
    assert computed.adjustment_rate == quantize2(abs(initial - adjusted) * 100 / initial)
    assert computed.adjustment_rate is not None and computed.adjustment_rate >= 0


@given(st.sampled_from([D("0"), D("0.00")]), money)
def test_zero_denominators_never_give_zero_or_infinity(zero: Decimal, amount: Decimal) -> None:
    computed = compute(Form(funds=Funds(initial_budget=zero, adjusted_budget=zero, actual=amount)))
    assert computed.execution_rate is None and computed.adjustment_rate is None


def _unit(actual: str, adjusted: str, initial: str, task: str) -> Form:
    return Form(
        year=2021,
        department=task,
        funds=Funds(
            initial_budget=D(initial),
            adjusted_budget=D(adjusted),
            actual=D(actual),
            lines=[FundLine(source="一般公共预算", actual=D(actual))],
        ),
        tasks=[Task(name=task, funds=D("10"), indicators=[Indicator(name="满意度≥90%", result="95%")])],
        problems=["问题"],
        review=[ReviewItem(path="tasks[0].indicators[0].name", problem="empty cell", source="line 3")],
    )


def test_the_rollup_sums_amounts_and_recomputes_rates() -> None:
    a = _unit("90", "100", "100", "任务甲")
    b = _unit("10", "100", "80", "任务乙")
    summary = rollup([("单位A", a), ("单位B", b)], department="一级部门")
    assert summary.summary is True and summary.department == "一级部门" and summary.year == 2021
    assert summary.funds.actual == D("100") and summary.funds.adjusted_budget == D("200")
    # rates from the sums (100/200 = 50%), never the average of 90% and 10%... nor of their rates
    assert summary.funds.execution_rate == D("50.00")
    assert summary.funds.adjustment == D("-20")
    assert summary.funds.adjustment_rate == D("11.11")
    assert summary.funds.lines == [FundLine(source="一般公共预算", actual=D("100"))]


def test_the_rollup_names_the_unit_of_every_task_and_moves_review_paths() -> None:
    summary = rollup(
        [("单位A", _unit("1", "1", "1", "任务甲")), ("单位B", _unit("1", "1", "1", "任务乙"))],
        department="部门",
    )
    assert [t.name for t in summary.tasks] == ["【单位A】任务甲", "【单位B】任务乙"]
    assert [r.path for r in summary.review] == ["tasks[0].indicators[0].name", "tasks[1].indicators[0].name"]
    assert summary.review[1].source == "单位B: line 3"
    assert summary.problems == ["【单位A】问题", "【单位B】问题"]


def test_the_rollup_reports_what_a_unit_left_blank() -> None:
    a = _unit("90", "100", "100", "任务甲")
    b = _unit("10", "100", "80", "任务乙")
    b.funds.actual = None
    summary = rollup([("单位A", a), ("单位B", b)], department="部门")
    assert summary.funds.actual == D("90")
    assert any(r.path == "funds.actual" and "单位B" in r.problem for r in summary.review)
