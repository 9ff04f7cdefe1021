"""The whole path in a real browser (issue 7, "Done when"): submit, return, fix, approve, 汇总,
finance approval, publication, an anonymous search for 跨域通办 and the PDF; the audit log has it all.

Debian's chromium driven by Playwright against the live server; each person has their own browser
context. Screenshots go to ``test-artifacts/workflow/``.
"""

from __future__ import annotations

import pytest
from django.db import connections

from .browser import launch, offline_tab
from .conftest import PASSWORD, ROOT
from .workflow_data import submittable, unit_form

ARTIFACTS = ROOT / "test-artifacts" / "workflow"
RATE_KEY = "arithmetic.execution_rate@funds.execution_rate"

pytestmark = pytest.mark.browser


@pytest.fixture
def open_as(transactional_db, live_server):  # type: ignore[no-untyped-def]
    """Return a function that opens a tab for a persona (logged in) or for an anonymous visitor (None)."""
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = launch(playwright)
        contexts = []

        def open_tab(username: str | None):  # type: ignore[no-untyped-def]
            context = browser.new_context(
                viewport={"width": 1366, "height": 900}, accept_downloads=True, locale="zh-CN"
            )
            contexts.append(context)
            tab = offline_tab(context)
            if username:
                tab.goto(f"{live_server.url}/accounts/login/")
                tab.fill("#id_username", username)
                tab.fill("#id_password", PASSWORD)
                tab.click("button.primary")
                tab.wait_for_url(f"{live_server.url}/forms/")
            return tab

        yield open_tab
        for context in contexts:
            context.close()
        browser.close()
        connections.close_all()


@pytest.fixture
def ready(world, seed_core):  # type: ignore[no-untyped-def]
    """The bureau's form (errors fixed, one warning left) and its unit's form, already approved."""
    from jixiao.web.forms.services import form_create
    from jixiao.web.workflow import services

    form = form_create(
        organisation=world["bureau"], year=2021, data=submittable(seed_core), user=world["filler"]
    )
    unit = form_create(
        organisation=world["unit"], year=2021, data=unit_form(world["unit"].name), user=world["unit_filler"]
    )
    services.submit(form=unit, actor=world["unit_filler"])
    services.approve_department(form=unit, actor=world["reviewer"])
    return form


def _shot(tab, name: str) -> None:  # type: ignore[no-untyped-def]
    tab.screenshot(path=str(ARTIFACTS / name), full_page=False)


def test_a_form_goes_from_submission_to_the_public_portal(live_server, world, ready, open_as):
    from playwright.sync_api import expect

    from jixiao.web.forms.models import Form

    base = live_server.url
    form = ready

    # 1. The filler submits, explaining the one warning.
    filler = open_as("filler")
    filler.click("table.list a:text-is('广州市天河区政务服务数据管理局')")
    filler.wait_for_url(f"{base}/forms/{form.pk}/")
    filler.click("#to-submit")
    filler.wait_for_url(f"{base}/review/forms/{form.pk}/submit/")
    expect(filler.locator("#submit-form")).to_contain_text("97.13%")
    filler.fill(f"textarea[name='x:{RATE_KEY}']", "按部门决算报表填列")
    _shot(filler, "01-filler-explains-the-warning.png")
    filler.click("#submit")
    filler.wait_for_url(f"{base}/forms/{form.pk}/")
    expect(filler.locator(".msg.success")).to_contain_text("已提交")
    expect(filler.locator("#edit")).to_have_count(0)  # read-only from now on

    # 2. The department reviewer finds it in 待审核 and returns it with a comment on the field.
    reviewer = open_as("reviewer")
    reviewer.goto(f"{base}/review/")
    pending = reviewer.locator("#q-pending")
    expect(pending).to_contain_text("广州市天河区政务服务数据管理局")
    _shot(reviewer, "02-reviewer-queue.png")
    pending.locator("a:text-is('广州市天河区政务服务数据管理局')").click()
    reviewer.wait_for_url(f"{base}/review/forms/{form.pk}/")
    row = reviewer.locator("#r-funds-execution_rate")
    expect(row).to_contain_text("按部门决算报表填列")
    row.locator("textarea").fill("应按 实际支出 ÷ 调整预算 计算,为 97.13%")
    reviewer.fill("#return-comment", "预算完成率与公式计算不一致,请改正后重新提交。")
    row.scroll_into_view_if_needed()
    _shot(reviewer, "03-reviewer-comments-the-field.png")
    reviewer.click("#return")
    reviewer.wait_for_url(f"{base}/review/")
    expect(reviewer.locator("#q-returned")).to_contain_text("广州市天河区政务服务数据管理局")

    # 3. The filler sees the comment beside the field, fixes it and submits again.
    filler.goto(f"{base}/forms/{form.pk}/")
    expect(filler.locator("#returned-comments")).to_contain_text("预算完成率与公式计算不一致")
    notes = filler.locator("#n-funds-execution_rate")
    expect(notes).to_contain_text("审核意见")
    expect(notes).to_contain_text("97.13%")
    filler.locator("#fld-funds-execution_rate").scroll_into_view_if_needed()
    _shot(filler, "04-filler-sees-the-comment.png")
    filler.fill("#f-funds-execution_rate", "97.13")
    expect(filler.locator("#save-state")).to_contain_text("已保存")
    expect(notes.locator(".note.warning")).to_have_count(0)
    filler.click("#to-submit")
    expect(filler.locator("#submit-form")).to_contain_text("检查未发现错误和警告")
    filler.click("#submit")
    filler.wait_for_url(f"{base}/forms/{form.pk}/")
    expect(filler.locator(".status")).to_have_text("已提交")

    # 4. The reviewer approves; the filler has no such button. Then 汇总.
    filler.goto(f"{base}/review/forms/{form.pk}/")
    expect(filler.locator("#approve-department")).to_have_count(0)
    reviewer.goto(f"{base}/review/forms/{form.pk}/")
    reviewer.click("#approve-department")
    expect(reviewer.locator("#form-status")).to_have_text("主管部门已审核")
    reviewer.goto(f"{base}/review/?year=2021")
    expect(reviewer.locator("#rollup")).to_contain_text("广州市天河区政务服务中心")
    _shot(reviewer, "05-ready-to-summarise.png")
    reviewer.click("#build-summary")
    summary = Form.objects.get(organisation=world["bureau"], year=2021, rollup=True)
    reviewer.wait_for_url(f"{base}/review/forms/{summary.pk}/")
    expect(reviewer.locator("#form-status")).to_have_text("财政审核中")
    expect(reviewer.locator("table.review-fields")).to_contain_text("【广州市天河区政务服务中心】窗口服务")
    _shot(reviewer, "06-summary-built.png")

    # 5. Finance approves and publishes the summary.
    finance = open_as("finance")
    finance.goto(f"{base}/review/")
    finance.locator("#q-pending").locator(f"a[href='/review/forms/{summary.pk}/']").click()
    finance.click("#approve-finance")
    expect(finance.locator("#form-status")).to_have_text("已审核")
    finance.once("dialog", lambda dialog: dialog.accept())
    finance.click("#publish")
    expect(finance.locator("#form-status")).to_have_text("已公开")
    _shot(finance, "07-published.png")

    # 6. An anonymous visitor finds it by searching 跨域通办 and downloads the PDF.
    visitor = open_as(None)
    visitor.goto(f"{base}/public/")
    visitor.fill("#q", "跨域通办")
    visitor.click("form.portal-search button.primary")
    results = visitor.locator("table.results")
    expect(results).to_contain_text("广州市天河区政务服务数据管理局")
    _shot(visitor, "08-public-search.png")
    results.locator(f"a[href='/public/forms/{summary.pk}/']").click()
    visitor.wait_for_url(f"{base}/public/forms/{summary.pk}/")
    with visitor.expect_download() as download_info:
        visitor.click(".downloads a:text-is('PDF')")
    target = ARTIFACTS / "published-summary.pdf"
    download_info.value.save_as(str(target))
    assert target.read_bytes().startswith(b"%PDF")
    _shot(visitor, "09-public-form.png")

    # 7. The audit log shows every step with its actor.
    reviewer.goto(f"{base}/review/forms/{form.pk}/audit/")
    steps = reviewer.locator("#audit tbody tr")
    log = [
        (steps.nth(i).locator("td.action").inner_text(), steps.nth(i).locator("td").nth(1).inner_text())
        for i in range(steps.count())
    ]
    log.reverse()  # newest first on the page
    assert [(action, who.split("\n")[0]) for action, who in log] == [
        ("新建", "filler"),
        ("提交", "filler"),
        ("退回", "reviewer"),
        ("修改", "filler"),
        ("提交", "filler"),
        ("部门审核通过", "reviewer"),
    ]
    expect(reviewer.locator("#audit")).to_contain_text("预算完成率与公式计算不一致")
    expect(reviewer.locator("#audit")).to_contain_text("97.10")
    _shot(reviewer, "10-audit-log-of-the-form.png")
    finance.goto(f"{base}/review/forms/{summary.pk}/audit/")
    summary_steps = finance.locator("#audit tbody tr td.action")
    expect(summary_steps).to_have_text(["公开", "财政审核通过", "汇总"])
    expect(finance.locator("#audit")).to_contain_text("finance")
    expect(finance.locator("#audit")).to_contain_text("reviewer")
    _shot(finance, "11-audit-log-of-the-summary.png")
