from decimal import Decimal

import pytest

from jixiao.core.checks import registered_checks
from jixiao.core.form import Form, FundLine, Indicator, Task
from jixiao.core.report import check

D = Decimal


def _at(form: Form, path: str, code_prefix: str = "") -> list:
    return [
        f for f in check(form, indicators=False).findings if f.path == path and f.code.startswith(code_prefix)
    ]


def test_it_warns_about_the_seed_execution_rate_naming_both_figures(seed_form: Form) -> None:
    [finding] = _at(seed_form, "funds.execution_rate", "arithmetic")
    assert finding.severity == "warning"
    assert "97.10" in finding.message and "97.13" in finding.message


def test_it_finds_the_missing_funds_of_the_third_task(seed_form: Form) -> None:
    assert _at(seed_form, "tasks[2].funds", "completeness")


def test_it_finds_each_empty_or_truncated_indicator_name(seed_form: Form) -> None:
    report = check(seed_form, indicators=False)
    names = {
        f.path
        for f in report.findings
        if f.code.startswith("completeness.indicator.") and f.path.endswith(".name")
    }
    assert names == {
        "tasks[0].indicators[2].name",
        "tasks[1].indicators[0].name",
        "tasks[1].indicators[3].name",
        "tasks[1].indicators[4].name",
        "tasks[2].indicators[0].name",
        "tasks[2].indicators[5].name",
    }
    [truncated] = [f for f in report.findings if f.code == "completeness.indicator.truncated"]
    assert "个。" in truncated.message


def test_it_shows_the_two_figures_of_the_same_rate_as_info(seed_form: Form) -> None:
    [finding] = [f for f in check(seed_form, indicators=False).findings if f.code.startswith("consistency")]
    assert finding.severity == "info"
    assert "83.93" in finding.message and "84.34" in finding.message and "即办率" in finding.message


def test_it_says_nothing_about_what_the_seed_states_correctly(seed_form: Form) -> None:
    findings = check(seed_form, indicators=False).findings
    codes = {f.code for f in findings}
    assert "claims.indicator_count" not in codes  # 3/5/8 claimed, 3/5/8 listed
    assert "claims.key_project_categories" not in codes  # 6+2+2+6+2 = 18
    assert not [f for f in findings if "103.8" in f.message or "104万" in f.message]
    assert not [
        f for f in findings if f.path in ("funds.adjustment_rate",) or f.code == "arithmetic.adjustment"
    ]
    assert not [f for f in findings if f.code.startswith("key_project")]


def test_it_flags_a_claimed_count_that_differs(seed_form: Form) -> None:
    seed_form.tasks[0].achieved = "4个关键指标均已完成预期目标。"
    [finding] = _at(seed_form, "tasks[0].achieved", "claims")
    assert "4个关键指标" in finding.message and "3 个" in finding.message


def test_it_reads_claimed_counts_in_chinese_numerals(seed_form: Form) -> None:
    seed_form.tasks[1].achieved = "五个关键指标均已完成。"
    assert not _at(seed_form, "tasks[1].achieved", "claims")
    seed_form.tasks[1].achieved = "六个关键指标均已完成。"
    assert _at(seed_form, "tasks[1].achieved", "claims")


def test_it_flags_key_project_categories_that_do_not_add_up(seed_form: Form) -> None:
    assert seed_form.key_project is not None
    seed_form.key_project = seed_form.key_project.replace("质量指标2项", "质量指标3项")
    [finding] = _at(seed_form, "key_project", "claims")
    assert "18" in finding.message and "19" in finding.message


def test_it_requires_a_key_project(seed_form: Form) -> None:
    seed_form.key_project = None
    [finding] = _at(seed_form, "key_project", "key_project")
    assert finding.severity == "error" and "500万元" in finding.message


def test_it_names_the_large_task_when_no_key_project_is_evaluated(seed_form: Form) -> None:
    seed_form.key_project = " "
    seed_form.tasks[0].funds = D("620.00")
    [finding] = _at(seed_form, "key_project", "key_project")
    assert finding.code == "key_project.missing_large" and "620.00" in finding.message


def test_a_negative_amount_is_an_error_at_its_path(seed_form: Form) -> None:
    seed_form.funds.actual = D("-9100.04")
    seed_form.tasks[1].funds = D("-1")
    errors = {f.path for f in check(seed_form, indicators=False).findings if f.code == "arithmetic.negative"}
    assert errors == {"funds.actual", "tasks[1].funds"}


def test_a_negative_adjustment_is_not_an_error(seed_form: Form) -> None:
    seed_form.funds.initial_budget = D("9000.00")
    seed_form.funds.adjustment = D("-368.62")
    seed_form.funds.adjustment_rate = D("4.10")
    findings = check(seed_form, indicators=False).findings
    assert not [
        f
        for f in findings
        if f.code.startswith("arithmetic") and f.path.startswith(("funds.adjust", "funds.initial"))
    ]
    assert not [f for f in findings if f.code == "arithmetic.negative"]


def test_it_rejects_fund_lines_above_the_total(seed_form: Form) -> None:
    seed_form.funds.lines.append(FundLine(source="政府性基金预算", actual=D("100")))
    [finding] = [
        f for f in check(seed_form, indicators=False).findings if f.code == "arithmetic.lines_exceed_total"
    ]
    assert finding.severity == "error" and "9200.04" in finding.message


def test_it_rejects_task_funds_above_the_budget(seed_form: Form) -> None:
    seed_form.tasks[0].funds = D("9999")
    findings = check(seed_form, indicators=False).findings
    assert [f for f in findings if f.path == "tasks[0].funds" and f.severity == "error"]
    assert [f for f in findings if f.code == "arithmetic.tasks_funds_exceed_total"]


@pytest.mark.parametrize(
    ("written", "warned"),
    [("97.13", False), ("97.1", False), ("97.125", False), ("97.12", True), ("97", False), ("96", True)],
)
def test_it_compares_a_reported_rate_at_its_written_precision(
    seed_form: Form, written: str, warned: bool
) -> None:
    seed_form.funds.execution_rate = D(written)
    assert bool(_at(seed_form, "funds.execution_rate", "arithmetic")) is warned


def test_it_checks_the_execution_score_of_a_project_form() -> None:
    form = Form(
        kind="project", funds={"adjusted_budget": "100", "actual": "76", "weight": "10", "score": "10"}
    )  # type: ignore[arg-type]
    [finding] = _at(form, "funds.score", "arithmetic")
    assert "7.60" in finding.message


def test_it_lists_what_the_importer_could_not_read_in_chinese(seed_form: Form) -> None:
    findings = [f for f in check(seed_form, indicators=False).findings if f.code == "review.import_damage"]
    assert len(findings) == 13
    assert any("单元格为空" in f.message and "原文第 15 行" in f.message for f in findings)


def test_an_empty_form_is_incomplete_everywhere() -> None:
    paths = {f.path for f in check(Form(), indicators=False).findings if f.code.startswith("completeness")}
    assert {
        "department",
        "year",
        "funds.adjusted_budget",
        "funds.actual",
        "goals.expected",
        "tasks",
        "problems",
    } <= paths


def test_a_project_form_needs_its_name_and_indicators() -> None:
    paths = {f.path for f in check(Form(kind="project"), indicators=False).findings}
    assert {"project", "indicators"} <= paths and "key_project" not in paths


def test_findings_come_errors_first_then_in_path_order(seed_form: Form) -> None:
    seed_form.tasks.append(
        Task(
            name="x",
            expected="y",
            achieved="z",
            funds=D(1),
            indicators=[Indicator(name="满意度", result="好")],
        )
    )
    for _ in range(9):
        seed_form.tasks.append(seed_form.tasks[-1].model_copy(deep=True))
    seed_form.tasks[10].indicators[0].name = None
    findings = check(seed_form, indicators=False).findings
    order = {"error": 0, "warning": 1, "info": 2}
    assert [order[f.severity] for f in findings] == sorted(order[f.severity] for f in findings)
    errors = [f.path for f in findings if f.severity == "error"]
    assert errors.index("tasks[2].indicators[5].name") < errors.index("tasks[10].indicators[0].name")


def test_every_check_module_is_registered() -> None:
    modules = {check.name.split(".")[0] for check in registered_checks()}
    assert {"arithmetic", "completeness", "claims", "key_project", "consistency", "review"} <= modules


@pytest.mark.parametrize(
    ("text", "cut"),
    [
        ("个。", True),
        ("a", True),
        ("12", False),  # two meaningful characters and no cut start
        ("个人数", True),  # three meaningful characters after a measure word
        ("人数达标了", False),  # four meaningful characters
        ("个" + "。" * 11, True),  # twelve characters and one meaningful: still a fragment
        ("个" + "。" * 12, False),  # thirteen characters: never a fragment
        ("项目数", True),
        ("目标值", False),
    ],
)
def test_it_tells_a_fragment_from_a_short_name(text: str, cut: bool) -> None:
    from jixiao.core.checks.completeness import truncated

    assert truncated(text) is cut


def test_a_check_registers_under_its_module_and_name() -> None:
    from jixiao.core.checks import registry

    def my_check(ctx):  # type: ignore[no-untyped-def]
        return []

    try:
        assert registry.register(my_check) is my_check
        assert registry._CHECKS["test_checks.my_check"].needs_indicators is False
        decorate = registry.register(needs_indicators=True)
        assert decorate(my_check) is my_check
        found = registry._CHECKS["test_checks.my_check"]
        assert (found.name, found.function, found.needs_indicators) == (
            "test_checks.my_check",
            my_check,
            True,
        )
    finally:
        registry._CHECKS.pop("test_checks.my_check", None)


@pytest.mark.parametrize(
    ("achieved", "clause"),
    [
        ("开展培训;2个关键指标均已完成预期目标,其余推进中。", "2个关键指标均已完成预期目标"),
        ("各项指标全部完成", "各项指标全部完成"),
        ("年内。全部完成,计划外", "全部完成"),
        ("工作、均已完成", "均已完成"),
    ],
)
def test_a_claim_of_all_met_is_quoted_as_its_own_clause(achieved: str, clause: str) -> None:
    from jixiao.core.form import Indicator, Task

    form = Form(
        tasks=[
            Task(
                name="任务",
                achieved=achieved,
                indicators=[Indicator(name="好评率", target="≥95%", result="好评率为90%")],
            )
        ]
    )
    (finding,) = [f for f in check(form).findings if f.code == "indicators.claimed_all_met"]
    assert finding.path == "tasks[0].indicators[0]"
    assert finding.message.startswith(f"完成情况称“{clause}”,但该指标未达成:")


def test_an_empty_form_says_what_is_missing_as_its_layout_names_it() -> None:
    messages = {f.path: f.message for f in check(Form(), indicators=False).findings}
    assert messages["department"] == "未填写部门名称。"
    assert messages["funds.adjusted_budget"] == "未填写部门调整预算收入。"
    assert messages["goals.achieved"] == "未填写部门整体支出的目标完成情况。"
    assert messages["improvements"] == "未填写改进措施或下一步计划。"
    project = {f.path: f.message for f in check(Form(kind="project"), indicators=False).findings}
    assert project["department"] == "未填写主管部门。"
    assert project["funds.actual"] == "未填写全年执行数。"
    assert project["goals.achieved"] == "未填写实际完成情况。"
    assert project["implementing_unit"] == "未填写实施单位。"


def test_a_figure_stated_twice_names_both_places() -> None:
    form = Form(
        tasks=[Task(name="任务一"), Task(name="任务二", achieved="行政许可即办率84.34%")],
        overall_performance="行政许可即办率83.93%",
    )
    (finding,) = [
        f for f in check(form, indicators=False).findings if f.code == "consistency.figure_stated_twice"
    ]
    assert finding.message == (
        "同一指标前后数字不一致:“行政许可即办率83.93%”(部门整体绩效)与“行政许可即办率84.34%”(第2项任务)。"
        "请核对哪一个正确,或说明口径不同。"
    )
    assert finding.path == "tasks[1].achieved"


def test_each_missing_part_of_a_task_or_indicator_is_named_in_its_place() -> None:
    form = Form(tasks=[Task(name="任务", expected="目标", achieved="完成", funds=Decimal("1"))])
    form.indicators = [Indicator(name="指标", target="≥1个")]
    found = {
        (f.code, f.path): f.message
        for f in check(form, indicators=False).findings
        if f.code.startswith("completeness.")
    }
    assert found[("completeness.task.indicators", "tasks[0].indicators")] == "第1项主要任务没有关键指标。"
    assert (
        found[("completeness.indicator.result", "indicators[0].result")]
        == "第1个绩效指标未填写指标完成情况。"
    )
    empty = {(f.code, f.path): f.message for f in check(Form(), indicators=False).findings}
    assert empty[("completeness.tasks", "tasks")] == "未填写主要任务及其关键指标。"
    project = Form(kind="project", project="项目", implementing_unit="单位")
    codes = {f.code for f in check(project, indicators=False).findings}
    assert "completeness.project" not in codes and "completeness.implementing_unit" not in codes
    assert ("completeness.indicators", "indicators") in {(f.code, f.path) for f in check(project).findings}
