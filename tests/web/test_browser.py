"""The filler's path in a real browser: Debian's chromium driven by Playwright against the live server.

Screenshots go to ``test-artifacts/web/``.
"""

from __future__ import annotations

import pytest

from .browser import browser_tab, log_in
from .conftest import PASSWORD, ROOT

ARTIFACTS = ROOT / "test-artifacts" / "web"

pytestmark = pytest.mark.browser


@pytest.fixture
def page(transactional_db):  # type: ignore[no-untyped-def]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with browser_tab(viewport={"width": 1366, "height": 768}, accept_downloads=True, locale="zh-CN") as tab:
        yield tab


def _log_in(page, base: str, username: str) -> None:
    log_in(page, base, username, PASSWORD)


def test_the_filler_corrects_the_execution_rate_and_exports_the_pdf(live_server, world, seed_form, page):
    from playwright.sync_api import expect

    base = live_server.url
    _log_in(page, base, "filler")
    page.screenshot(path=str(ARTIFACTS / "01-form-list.png"))

    page.click("table.list a:text-is('广州市天河区政务服务数据管理局')")
    page.wait_for_url(f"{base}/forms/{seed_form.pk}/")
    notes = page.locator("#n-funds-execution_rate")
    expect(notes).to_contain_text("97.10%")
    expect(notes).to_contain_text("97.13%")
    expect(page.locator("#c-funds-execution_rate")).to_have_text("计算值 97.13%")
    page.locator("#fld-funds-execution_rate").scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "02-warning-at-execution-rate.png"))

    page.fill("#f-funds-execution_rate", "97.13")
    expect(page.locator("#save-state")).to_contain_text("已保存")
    expect(notes).to_be_empty()
    expect(page.locator("#computed tr.differs")).to_have_count(0)
    page.screenshot(path=str(ARTIFACTS / "03-warning-gone.png"))

    page.reload()
    expect(page.locator("#f-funds-execution_rate")).to_have_value("97.13")
    expect(page.locator("#n-funds-execution_rate")).to_be_empty()

    with page.expect_download() as download_info:
        page.click("#sec-exports a:text-is('PDF')")
    download = download_info.value
    target = ARTIFACTS / "seed-form.pdf"
    download.save_as(str(target))
    assert target.read_bytes().startswith(b"%PDF")
    assert download.suggested_filename.endswith(".pdf")


def test_indicator_verdicts_show_their_evidence(live_server, world, seed_form, page):
    from playwright.sync_api import expect

    _log_in(page, live_server.url, "filler")
    page.goto(f"{live_server.url}/forms/{seed_form.pk}/#sec-tasks-0")
    verdict = page.locator("#ev-tasks-0-indicators-1")
    expect(verdict.locator(".verdict")).to_have_text("已达成")
    expect(verdict.locator("mark")).to_have_text("344项")
    verdict.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "04-indicator-evidence.png"))


def test_another_units_filler_cannot_open_the_form(live_server, world, seed_form, page):
    _log_in(page, live_server.url, "filler2")
    response = page.goto(f"{live_server.url}/forms/{seed_form.pk}/")
    assert response is not None and response.status == 404
    page.screenshot(path=str(ARTIFACTS / "05-other-unit-404.png"))
