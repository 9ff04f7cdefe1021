"""Issue 13's accessibility promise (GB/T 37668-2019, WCAG 2.x A and AA): axe-core finds no violation on
the pages each demo-like user works with — the lists, the edit page, the read-only (official-layout)
view, the review queue, the scoring screens, the portal and the login page.

Debian's chromium at 1366×768, offline. Every page is visited first and the violations of all of them
are reported together, page by page, so one run says everything that is to be fixed. Screenshots go to
``test-artifacts/accessibility/``.
"""

from __future__ import annotations

import pytest

from .browser import axe_violations
from .conftest import PASSWORD, ROOT
from .test_browser import page  # noqa: F401  (the page fixture: chromium, 1366×768, no network)
from .test_portal import education_form, publish_through_workflow
from .test_scoring import two_years  # noqa: F401  (the unit's 2021 and 2022 forms)

pytestmark = pytest.mark.browser

ARTIFACTS = ROOT / "test-artifacts" / "accessibility"


def _log_in(tab, base: str, username: str | None) -> None:  # type: ignore[no-untyped-def]
    tab.context.clear_cookies()
    if username is None:
        return
    tab.goto(f"{base}/accounts/login/")
    tab.fill("#id_username", username)
    tab.fill("#id_password", PASSWORD)
    tab.click("button.primary")
    tab.wait_for_url(f"{base}/forms/")


def test_axe_finds_no_violation_on_the_pages_people_work_with(  # type: ignore[no-untyped-def]
    live_server,
    world,
    seed_form,
    seed_core,
    two_years,  # noqa: F811
    page,  # noqa: F811
    monkeypatch,
):
    from jixiao.web import paging

    monkeypatch.setattr(paging, "PER_PAGE", 2)  # a handful of forms fill several pages: the pager is seen
    published = publish_through_workflow(world, education_form(world, seed_core))
    _, this_year = two_years
    seed = seed_form.pk
    visits: list[tuple[str | None, str, str]] = [
        (None, "login", "/accounts/login/"),
        (None, "portal-home", "/public/"),
        (None, "portal-search", "/public/?q=%E6%94%BF%E5%8A%A1"),  # 政务
        (None, "portal-form", f"/public/forms/{published.pk}/"),
        ("filler", "forms-list", "/forms/"),
        ("filler", "edit", f"/forms/{seed}/"),
        ("filler", "view", f"/forms/{seed}/view/"),
        ("reviewer", "review-queue", "/review/"),
        ("reviewer", "review-view", f"/forms/{this_year.pk}/"),
        ("finance", "finance-list", "/forms/?year=2022"),
        ("finance", "finance-list-page-2", "/forms/?page=2"),
        ("finance", "finance-list-past-the-end", "/forms/?page=99"),
        ("finance", "dashboards-list-page-2", "/dashboards/forms/?page=2"),
        ("finance", "finance-queue-page-2", "/review/?p_done=2"),
        ("finance", "scheme", "/scoring/scheme/"),
        ("finance", "compare-index", "/scoring/compare/"),
        ("finance", "compare-below", "/scoring/compare/below/?year=2022"),
        ("finance", "compare-low", "/scoring/compare/low-execution/?year=2022"),
    ]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    base = live_server.url
    found: dict[str, list[str]] = {}
    who: str | None = ""
    for user, name, path in visits:
        if user != who:
            _log_in(page, base, user)
            who = user
        response = page.goto(f"{base}{path}")
        assert response is not None and response.status == 200, (name, path)
        page.wait_for_load_state("networkidle")
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
        problems = axe_violations(page)
        if problems:
            found[f"{name} ({user or '未登录'}) {path}"] = problems
    report = "\n".join(f"{where}\n  " + "\n  ".join(problems) for where, problems in found.items())
    assert found == {}, "axe-core found violations:\n" + report


def test_the_file_picker_speaks_chinese_and_choosing_a_file_chooses_the_import(  # type: ignore[no-untyped-def]
    live_server,
    world,
    page,  # noqa: F811
):
    from playwright.sync_api import expect

    from .conftest import SEED_TEXT

    base = live_server.url
    _log_in(page, base, "filler")
    page.goto(f"{base}/forms/new/")
    expect(page.locator("label[for=import-file]")).to_have_text("选择文件")
    expect(page.locator(".file-name")).to_have_text("未选择文件")
    # Reached by keyboard from the choice above it, though it is visually hidden.
    page.focus("input[name=source][value=import]")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "import-file"
    assert page.is_checked("input[name=source][value=empty]")
    page.set_input_files("#import-file", str(SEED_TEXT))
    expect(page.locator(".file-name")).to_have_text(SEED_TEXT.name)
    assert page.is_checked("input[name=source][value=import]")
    assert axe_violations(page) == []
