"""The dashboards (issue 13 items 4 and 6): facts kept per form and per indicator, the aggregates on
them checked against figures worked out by hand, who may see what, the XLSX downloads."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.core import form as core

from .workflow_data import unit_form


def _facts(form):  # type: ignore[no-untyped-def]
    from jixiao.web.dashboards.models import FormFact

    return FormFact.objects.get(form_id=form.pk)


# --- facts -------------------------------------------------------------------------------------


def test_storing_the_seed_writes_its_facts(seed_form):  # type: ignore[no-untyped-def]
    from jixiao.web.dashboards.models import FindingFact, IndicatorFact

    fact = _facts(seed_form)
    # docs/scoring.md: 9100.04 ÷ 9368.62 = 97.13 %; 67.57 (中) under the default scheme.
    assert fact.execution_rate == Decimal("97.13")
    assert fact.reported_execution_rate == Decimal("97.10")
    assert fact.score == Decimal("67.57") and fact.grade == "中"
    assert fact.actual == Decimal("9100.04") and fact.adjusted_budget == Decimal("9368.62")
    assert fact.status == "draft" and fact.year == 2021
    assert fact.department_id == fact.unit_id == seed_form.organisation_id
    # 14 output indicators (8 met, 6 unverifiable) and 2 satisfaction indicators, both met.
    assert (fact.indicators, fact.met, fact.not_met, fact.unverifiable) == (16, 10, 0, 6)
    verdicts = sorted(IndicatorFact.objects.filter(fact=fact).values_list("verdict", flat=True))
    assert verdicts == ["met"] * 10 + ["unverifiable"] * 6
    assert IndicatorFact.objects.filter(fact=fact, category="satisfaction").count() == 2
    counted = sum(FindingFact.objects.filter(fact=fact).values_list("count", flat=True))
    assert counted == fact.errors + fact.warnings + fact.notices > 0
    assert FindingFact.objects.filter(
        fact=fact, code="arithmetic.execution_rate", family="arithmetic"
    ).exists()


def test_an_edit_refreshes_the_facts(seed_form, seed_core, world):  # type: ignore[no-untyped-def]
    from jixiao.web.forms.services import form_update

    data = seed_core.model_copy(deep=True)
    data.funds.actual = Decimal("9368.62")
    form_update(form=seed_form, data=data, user=world["filler"])
    assert _facts(seed_form).execution_rate == Decimal("100.00")


def test_each_workflow_step_refreshes_the_state(world, seed_core):  # type: ignore[no-untyped-def]
    from jixiao.web.dashboards.models import IndicatorFact
    from jixiao.web.forms.services import form_create
    from jixiao.web.workflow import services

    unit = form_create(
        organisation=world["unit"], year=2021, data=unit_form(world["unit"].name), user=world["unit_filler"]
    )
    assert _facts(unit).status == "draft" and _facts(unit).submitted_at is None
    services.submit(form=unit, actor=world["unit_filler"])
    assert _facts(unit).status == "submitted" and _facts(unit).submitted_at is not None
    assert set(IndicatorFact.objects.filter(fact_id=unit.pk).values_list("status", flat=True)) == {
        "submitted"
    }
    services.return_form(form=unit, actor=world["reviewer"], comment="请补充说明")
    assert _facts(unit).status == "returned"
    services.submit(form=unit, actor=world["unit_filler"])
    services.approve_department(form=unit, actor=world["reviewer"])
    assert _facts(unit).status == "department_approved"
    assert _facts(unit).department_id == world["bureau"].pk and _facts(unit).unit_id == world["unit"].pk


def test_refresh_all_rebuilds_lost_facts(seed_form):  # type: ignore[no-untyped-def]
    from jixiao.web.dashboards.facts import refresh_all
    from jixiao.web.dashboards.models import FormFact, IndicatorFact

    FormFact.objects.all().delete()
    assert not IndicatorFact.objects.exists()
    assert refresh_all() == 1
    assert _facts(seed_form).score == Decimal("67.57")
    assert IndicatorFact.objects.count() == 16


def test_the_facts_command(seed_form, capsys):  # type: ignore[no-untyped-def]
    from jixiao.commands import facts as command
    from jixiao.web.dashboards.models import FormFact

    FormFact.objects.all().delete()
    parser = __import__("argparse").ArgumentParser()
    command.add_arguments(parser)
    assert command.run(parser.parse_args(["--rebuild"])) == 0
    assert "1 张" in capsys.readouterr().out
    assert FormFact.objects.count() == 1
    assert command.run(parser.parse_args([])) == 2


# --- the aggregates, against figures worked out by hand -------------------------------------------


def _form(name: str, initial: str, adjusted: str, actual: str, result: str = "满意度95%") -> core.Form:
    data = unit_form(name)
    data.funds.initial_budget, data.funds.adjusted_budget = Decimal(initial), Decimal(adjusted)
    data.funds.actual = Decimal(actual)
    data.funds.adjustment = data.funds.execution_rate = data.funds.adjustment_rate = None
    data.tasks[0].funds = None
    data.tasks[0].indicators[0].result = result
    return data


def _put(form, status: str, day: str | None) -> None:  # type: ignore[no-untyped-def]
    """Set a form's state directly (the workflow's own rules are tested elsewhere) and refresh its facts."""
    import datetime

    from django.utils import timezone

    from jixiao.web.dashboards import facts
    from jixiao.web.forms.models import Form

    when = None
    if day is not None:
        when = timezone.make_aware(datetime.datetime.fromisoformat(day))
    Form.objects.filter(pk=form.pk).update(status=status, submitted_at=when)
    facts.refresh_status(form)


@pytest.fixture
def region_year(world):  # type: ignore[no-untyped-def]
    """天河区 2021 (deadline 2022-04-30): three sent forms in two departments, a draft, a department without a form.

    - 政务服务数据管理局 (own form): 年初 1000, 全年 1100, 执行 990 (90.00 %), sent on the deadline day;
    - 政务服务中心 (its unit): 500 / 480 / 470.40 (98.00 %), sent two days late;
    - 教育局: 200 / 200 / 170 (85.00 %), the indicator missed (85 % against ≥ 90 %), sent on time;
    - 教育局's project form: a draft (counted nowhere but in the progress of nothing: it is a project);
    - 卫生健康局: no form (未填报).
    """
    from jixiao.web.forms.services import form_create
    from jixiao.web.orgs.models import Organisation
    from jixiao.web.orgs.services import organisation_ensure

    health = organisation_ensure(
        region=world["region"],
        kind=Organisation.DEPARTMENT,
        name="广州市天河区卫生健康局",
        parent=world["finance_org"],
    )
    bureau = form_create(
        organisation=world["bureau"],
        year=2021,
        data=_form(world["bureau"].name, "1000", "1100", "990"),
        user=world["filler"],
    )
    unit = form_create(
        organisation=world["unit"],
        year=2021,
        data=_form(world["unit"].name, "500", "480", "470.40"),
        user=world["unit_filler"],
    )
    education = form_create(
        organisation=world["education"],
        year=2021,
        data=_form(world["education"].name, "200", "200", "170", result="满意度85%"),
        user=world["filler2"],
    )
    project = _form(world["education"].name, "50", "50", "10").model_copy(update={"kind": "project"})
    draft = form_create(
        organisation=world["education"], year=2021, data=project, user=world["filler2"], kind="project"
    )
    _put(bureau, "department_approved", "2022-04-30T18:00:00")
    _put(unit, "submitted", "2022-05-02T09:00:00")
    _put(education, "published", "2022-03-01T09:00:00")
    return {
        **world,
        "health": health,
        "forms": {"bureau": bureau, "unit": unit, "education": education, "draft": draft},
    }


def _scope(world, *, department=None):  # type: ignore[no-untyped-def]
    from jixiao.web.dashboards.selectors import Scope

    return Scope(
        region=world["region"], year=2021, department=department, group="unit" if department else "department"
    )


def test_execution_rate_by_department(region_year):  # type: ignore[no-untyped-def]
    from jixiao.web.dashboards import selectors

    chart = selectors.execution(_scope(region_year))
    # 政务服务数据管理局: (990 + 470.40) ÷ (1100 + 480) = 1460.40 ÷ 1580 = 92.4303… → 92.43; 教育局 170 ÷ 200 = 85.00.
    assert chart.categories == ["政务服务数据管理局", "教育局"]
    assert chart.series[0].values == [Decimal("92.43"), Decimal("85.00")]
    assert chart.rows[0][1:] == [2, Decimal("1580.00"), Decimal("1460.40"), Decimal("92.43")]
    assert chart.mark == Decimal(90)


def test_adjustment_rate_by_department(region_year):  # type: ignore[no-untyped-def]
    from jixiao.web.dashboards import selectors

    chart = selectors.adjustment(_scope(region_year))
    # (1580 − 1500) ÷ 1500 = 5.333… → 5.33; 教育局 (200 − 200) ÷ 200 = 0.00.
    assert chart.series[0].values == [Decimal("5.33"), Decimal("0.00")]


def test_verdicts_by_department(region_year):  # type: ignore[no-untyped-def]
    from jixiao.web.dashboards import selectors

    chart = selectors.verdicts(_scope(region_year))
    counts = {s.key: s.values for s in chart.series}
    assert chart.categories == ["政务服务数据管理局", "教育局"]
    assert counts == {"met": [2, 0], "not_met": [0, 1], "unverifiable": [0, 0]}


def test_grades_by_department(region_year):  # type: ignore[no-untyped-def]
    from jixiao.web.dashboards import selectors

    chart = selectors.grades(_scope(region_year))
    # One satisfaction indicator takes all 90 points of the indicators (docs/scoring.md):
    # 9.00 + 90 = 99.00 and 9.80 + 90 = 99.80 → average 99.40; 教育局 8.50 + 90 × 85 ÷ 90 = 93.50.
    assert [row[0] for row in chart.rows] == ["广州市天河区政务服务数据管理局", "广州市天河区教育局"]
    assert [row[-1] for row in chart.rows] == [Decimal("99.40"), Decimal("93.50")]
    assert {s.key: s.values for s in chart.series}["优"] == [2, 1]


def test_findings_by_kind_match_the_checks(region_year):  # type: ignore[no-untyped-def]
    from collections import Counter

    from jixiao.core.report import check
    from jixiao.core.wording import FINDING_KINDS
    from jixiao.web.dashboards import selectors
    from jixiao.web.forms import convert
    from jixiao.web.forms.models import Form

    expected: Counter[tuple[str, str]] = Counter()
    sent = [region_year["forms"][k].pk for k in ("bureau", "unit", "education")]
    for form in convert.prefetched(Form.objects.filter(pk__in=sent)):
        for finding in check(convert.to_core(form)).findings:
            expected[(FINDING_KINDS[finding.code.split(".")[0]], finding.severity)] += 1
    chart = selectors.findings(_scope(region_year))
    got = Counter()
    for series in chart.series:
        for label, value in zip(chart.categories, series.values, strict=True):
            if value:
                got[(label, series.key)] = value
    assert got == expected and sum(expected.values()) > 0


def test_submission_progress_against_the_deadline(region_year):  # type: ignore[no-untyped-def]
    from jixiao.web.dashboards import selectors

    chart = selectors.progress(_scope(region_year))
    rows = {row[0]: row[1:] for row in chart.rows}
    # on time, late, not sent, no form
    assert rows == {
        "广州市天河区卫生健康局": [0, 0, 0, 1],
        "广州市天河区政务服务数据管理局": [1, 1, 0, 0],
        "广州市天河区教育局": [1, 0, 0, 0],
    }
    assert "2022-04-30" in chart.description


def test_a_reviewer_sees_their_units(region_year):  # type: ignore[no-untyped-def]
    from jixiao.web.dashboards import selectors

    scope = _scope(region_year, department=region_year["bureau"])
    chart = selectors.execution(scope)
    assert sorted(chart.categories) == ["政务服务中心", "政务服务数据管理局"]
    assert sorted(chart.series[0].values) == [Decimal("90.00"), Decimal("98.00")]
    assert "教育局" not in str(selectors.verdicts(scope).rows)


def test_a_department_over_the_years(region_year, world):  # type: ignore[no-untyped-def]
    from jixiao.web.dashboards import selectors
    from jixiao.web.forms.services import form_create

    later = form_create(
        organisation=world["bureau"],
        year=2022,
        data=_form(world["bureau"].name, "100", "100", "95"),
        user=world["filler"],
    )
    _put(later, "submitted", "2023-04-01T10:00:00")
    scope = selectors.Scope(region=world["region"], year=None, department=world["bureau"], group="year")
    chart = selectors.execution(scope)
    assert chart.categories == ["2021年度", "2022年度"]
    assert chart.series[0].values == [Decimal("92.43"), Decimal("95.00")]


# --- pages: who sees what, drill-down, downloads --------------------------------------------------


def test_finance_sees_the_region(region_year, login):  # type: ignore[no-untyped-def]
    response = login(region_year["finance"]).get("/dashboards/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "2021年度" in page and "天河区" in page
    assert "92.43" in page and "教育局" in page and "卫生健康局" in page
    assert 'id="dashboard-data"' in page and "vendor/echarts.min.js" in page
    assert "统计分析" in page  # the menu link


def test_a_reviewer_sees_only_their_department(region_year, login):  # type: ignore[no-untyped-def]
    client = login(region_year["reviewer"])
    page = client.get("/dashboards/?year=2021").content.decode()
    assert "政务服务中心" in page and "教育局" not in page
    listing = client.get(
        f"/dashboards/forms/?year=2021&department={region_year['education'].pk}"
    ).content.decode()
    assert "没有符合条件的自评表" in listing
    assert client.get(f"/dashboards/department/{region_year['education'].pk}/").status_code == 404
    assert client.get(f"/dashboards/department/{region_year['bureau'].pk}/").status_code == 200


@pytest.mark.parametrize("url", ["/dashboards/", "/dashboards/forms/", "/dashboards/department/1/"])
def test_a_filler_is_refused(world, login, url):  # type: ignore[no-untyped-def]
    response = login(world["filler"]).get(url)
    assert response.status_code == 403
    assert "统计分析供财政局审核人和主管部门审核人使用" in response.content.decode()


def test_anonymous_visitors_log_in_first(world, client):  # type: ignore[no-untyped-def]
    response = client.get("/dashboards/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_filler_menu_has_no_dashboard_link(world, login):  # type: ignore[no-untyped-def]
    assert "统计分析" not in login(world["filler"]).get("/forms/").content.decode()


def test_a_bar_leads_to_the_list_and_the_list_to_the_form(region_year, login):  # type: ignore[no-untyped-def]
    from jixiao.web.dashboards import selectors

    chart = selectors.execution(_scope(region_year))
    link = chart.series[0].links[0]  # 政务服务数据管理局
    page = login(region_year["finance"]).get(link).content.decode()
    assert "共 2 张" in page
    for key in ("bureau", "unit"):
        assert f'href="/forms/{region_year["forms"][key].pk}/"' in page
    assert f'href="/forms/{region_year["forms"]["education"].pk}/"' not in page


def test_drill_down_filters(region_year, login):  # type: ignore[no-untyped-def]
    client = login(region_year["finance"])
    forms = region_year["forms"]

    def listed(query: str) -> set[int]:
        page = client.get(f"/dashboards/forms/?{query}").content.decode()
        return {pk for key, f in forms.items() if f'href="/forms/{(pk := f.pk)}/"' in page}

    assert listed("year=2021&verdict=not_met&sent=1") == {forms["education"].pk}
    assert listed("year=2021&progress=late") == {forms["unit"].pk}
    assert listed("year=2021&progress=on_time") == {forms["bureau"].pk, forms["education"].pk}
    assert listed("year=2021&progress=open") == set()
    assert listed("year=2021&grade=优&sent=1") == {
        forms["bureau"].pk,
        forms["unit"].pk,
        forms["education"].pk,
    }
    assert listed("year=2021") == set(f.pk for f in forms.values())
    missing = client.get("/dashboards/forms/?year=2021&progress=missing").content.decode()
    assert "未填报的单位(1 个)" in missing and "卫生健康局" in missing
    # What a crawler types never gives a 500.
    assert client.get("/dashboards/forms/?year=²&department=x&grade=优秀&verdict=1").status_code == 200


def test_the_empty_state(world, login):  # type: ignore[no-untyped-def]
    page = login(world["finance"]).get("/dashboards/?year=2022").content.decode()
    assert "该年度还没有已提交的自评表" in page


def test_tables_download_as_xlsx(region_year, login):  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    client = login(region_year["finance"])
    response = client.get("/dashboards/?year=2021&download=execution")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0][0] == "预算执行率"
    header = rows.index(["名称", "自评表数", "全年预算数(万元)", "全年执行数(万元)", "预算执行率(%)"])
    assert rows[header + 1][0] == "广州市天河区政务服务数据管理局"
    assert [Decimal(str(v)) for v in rows[header + 1][1:]] == [
        2,
        Decimal("1580"),
        Decimal("1460.4"),
        Decimal("92.43"),
    ]
    assert client.get("/dashboards/?year=2021&download=nothing").status_code == 404

    listing = client.get("/dashboards/forms/?year=2021&sent=1&download=xlsx")
    table = [list(r) for r in load_workbook(io.BytesIO(listing.content)).active.iter_rows(values_only=True)]
    names = [r[0] for r in table[3:]]
    assert sorted(names) == sorted(
        ["广州市天河区政务服务数据管理局", "广州市天河区政务服务中心", "广州市天河区教育局"]
    )


# --- in a real browser ------------------------------------------------------------------------------


@pytest.mark.browser
def test_from_a_bar_to_the_form_in_a_browser(region_year, transactional_db, live_server):  # type: ignore[no-untyped-def]
    from django.db import connections
    from playwright.sync_api import expect, sync_playwright

    from .browser import axe_violations, launch, offline_tab
    from .conftest import PASSWORD, ROOT

    artifacts = ROOT / "test-artifacts" / "dashboards"
    artifacts.mkdir(parents=True, exist_ok=True)
    base = live_server.url
    with sync_playwright() as playwright:
        browser = launch(playwright)
        context = browser.new_context(
            viewport={"width": 1366, "height": 768}, locale="zh-CN", accept_downloads=True
        )
        tab = offline_tab(context)
        tab.goto(f"{base}/accounts/login/")
        tab.fill("#id_username", "finance")
        tab.fill("#id_password", PASSWORD)
        tab.click("button.primary")
        tab.wait_for_url(f"{base}/forms/")
        tab.click("text=统计分析")
        tab.wait_for_url(f"{base}/dashboards/")
        expect(tab.locator("h1")).to_contain_text("天河区 2021年度")
        tab.wait_for_function("document.getElementById('chart-execution').jixiaoChart !== undefined")
        tab.screenshot(path=str(artifacts / "finance.png"))
        # ECharts' own text alternative, and the table view of the same numbers.
        label = tab.get_attribute("#chart-execution", "aria-label") or ""
        print(label)
        assert "政务服务数据管理局 92.43%;教育局 85.00%" in label, label
        tab.click("text=以表格查看“预算执行率”的数据")
        expect(
            tab.locator("#c-execution table, section[aria-labelledby='h-execution'] table")
        ).to_contain_text("92.43")
        problems = axe_violations(tab)
        assert problems == [], "\n".join(problems)
        # The chart downloads as PNG without any network.
        with tab.expect_download() as download:
            tab.click("button[data-png='execution']")
        assert Path(download.value.path()).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        # A click on the first bar (政务服务数据管理局, 92.43 %) → its forms → the form.
        point = tab.evaluate(
            "() => { const c = document.getElementById('chart-execution').jixiaoChart;"
            " const p = c.convertToPixel({seriesIndex: 0}, [40, 0]);"
            " const r = document.getElementById('chart-execution').getBoundingClientRect();"
            " return [p[0] + r.left, p[1] + r.top]; }"
        )
        tab.mouse.click(point[0], point[1])
        tab.wait_for_url("**/dashboards/forms/**")
        expect(tab.locator("body")).to_contain_text("共 2 张")
        problems = axe_violations(tab)
        assert problems == [], "\n".join(problems)
        tab.screenshot(path=str(artifacts / "list.png"))
        # The department's years side by side, from the picker; no violation there either.
        listing = tab.url
        tab.goto(f"{base}/dashboards/")
        tab.select_option("#department-picker", str(region_year["bureau"].pk))
        tab.click("text=查看历年")
        tab.wait_for_url(f"{base}/dashboards/department/{region_year['bureau'].pk}/")
        tab.wait_for_function("document.getElementById('chart-execution').jixiaoChart !== undefined")
        problems = axe_violations(tab)
        assert problems == [], "\n".join(problems)
        tab.screenshot(path=str(artifacts / "years.png"))
        tab.goto(listing)
        tab.click(f"a[href='/forms/{region_year['forms']['unit'].pk}/']")
        tab.wait_for_url(f"{base}/forms/{region_year['forms']['unit'].pk}/**")
        expect(tab.locator("body")).to_contain_text("广州市天河区政务服务中心")
        context.close()
        browser.close()
    connections.close_all()


def test_the_department_picker_and_the_years_download(region_year, login):  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    client = login(region_year["finance"])
    bureau = region_year["bureau"].pk
    response = client.get(f"/dashboards/department/0/?pk={bureau}")
    assert response.status_code == 302 and response["Location"] == f"/dashboards/department/{bureau}/"
    assert client.get("/dashboards/department/0/?pk=x").status_code == 404
    page = client.get(f"/dashboards/department/{bureau}/").content.decode()
    assert "2021年度" in page and "92.43" in page
    sheet = load_workbook(
        io.BytesIO(client.get(f"/dashboards/department/{bureau}/?download=execution").content)
    ).active
    assert list(next(r for r in sheet.iter_rows(values_only=True) if r[0] == "2021年度"))[:2] == [
        "2021年度",
        2,
    ]
