"""An anonymous visitor in a real browser (Debian's chromium, 1366×768, no network): search, read, download.

Screenshots and the downloaded PDF go to ``test-artifacts/web/``.
"""

from __future__ import annotations

import pytest

from .test_browser import ARTIFACTS, page  # noqa: F401  (the page fixture: chromium, no network)
from .test_portal import education_form, publish_through_workflow

pytestmark = pytest.mark.browser


def test_a_visitor_finds_the_form_by_searching_kuayutongban_and_downloads_the_pdf(
    live_server,
    world,
    seed_core,
    page,  # noqa: F811
):
    from playwright.sync_api import expect

    published = publish_through_workflow(world, education_form(world, seed_core))
    page.goto(f"{live_server.url}/public/")
    page.screenshot(path=str(ARTIFACTS / "portal-01-list.png"))
    # Readable at 1366×768: nothing wider than the window.
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366

    page.fill("#q", "跨域通办")
    page.click("button:text-is('查询')")
    expect(page.locator("table.results tbody tr")).to_have_count(1)
    expect(page.locator("table.results .snippet mark").first).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "portal-02-search.png"))

    page.click("table.results a:text-is('广州市天河区教育局')")
    page.wait_for_url(f"{live_server.url}/public/forms/{published.pk}/")
    expect(page.locator(".jx-form")).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "portal-03-form.png"))

    with page.expect_download() as download_info:
        page.click(".downloads a:text-is('PDF')")
    target = ARTIFACTS / "portal-form.pdf"
    download_info.value.save_as(str(target))
    assert target.read_bytes().startswith(b"%PDF")
    assert download_info.value.suggested_filename.endswith(".pdf")
