"""Every failed save says so where the person is looking, in Chinese, and keeps what was typed:
a conflict (409) beside the field with both values and the choice, a form submitted meanwhile (403),
a server error (500) and no network, each with the way forward. Debian's chromium through Playwright."""

from __future__ import annotations

import pytest

from .browser import browser_tab, log_in
from .conftest import PASSWORD, ROOT

ARTIFACTS = ROOT / "test-artifacts" / "web"

pytestmark = pytest.mark.browser


@pytest.fixture
def page(transactional_db):  # type: ignore[no-untyped-def]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with browser_tab(viewport={"width": 1366, "height": 900}, locale="zh-CN") as tab:
        yield tab


def _open(page, base: str, form) -> None:  # type: ignore[no-untyped-def]
    log_in(page, base, "filler", PASSWORD)
    page.goto(f"{base}/forms/{form.pk}/")


def _stored(form):  # type: ignore[no-untyped-def]
    from jixiao.web.forms import convert
    from jixiao.web.forms.models import Form

    return convert.to_core(convert.prefetched(Form.objects.filter(pk=form.pk)).get())


def _saved_elsewhere(form, user, **values):  # type: ignore[no-untyped-def]
    """Another window (or the API) saves the form after this page was loaded."""
    from jixiao.web.forms import convert, editing, services
    from jixiao.web.forms.models import Form

    fresh = Form.objects.get(pk=form.pk)
    post = {
        "structure": editing.structure_token(
            convert.to_core(convert.prefetched(Form.objects.filter(pk=form.pk)).get())
        ),
        "revision": str(fresh.revision),
        **values,
    }
    services.form_save_fields(form=fresh, user=user, post=post)


def _type(page, selector: str, text: str) -> None:  # type: ignore[no-untyped-def]
    page.fill(selector, text)
    page.locator(selector).dispatch_event("change")


def test_a_conflict_shows_both_values_beside_the_field_and_the_choice(live_server, world, seed_form, page):
    from playwright.sync_api import expect

    _open(page, live_server.url, seed_form)
    _saved_elsewhere(seed_form, world["filler"], **{"funds.execution_rate": "97.50"})
    _type(page, "#f-funds-execution_rate", "97.13")
    note = page.locator("#fld-funds-execution_rate .conflict")
    expect(note).to_contain_text("别人(或您的另一个窗口)刚保存了这一格")
    expect(note.locator(".mine")).to_have_text("97.13")
    expect(note.locator(".stored")).to_have_text("97.50")
    expect(page.locator("#save-state")).to_contain_text("1 处未保存")
    expect(page.locator("#save-state")).not_to_contain_text("已保存 ")
    expect(page.locator("#f-funds-execution_rate")).to_have_value("97.13")  # the typed text stays
    note.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "10-save-conflict.png"))
    assert str(_stored(seed_form).funds.execution_rate) == "97.50"

    note.get_by_role("button", name="用我的").click()
    expect(page.locator("#save-state")).to_contain_text("已保存")
    expect(note).to_have_count(0)
    page.wait_for_function("() => !document.querySelector('#fld-funds-execution_rate.unsaved')")
    assert str(_stored(seed_form).funds.execution_rate) == "97.13"


def test_taking_the_stored_value_keeps_what_was_typed_visible(live_server, world, seed_form, page):
    from playwright.sync_api import expect

    _open(page, live_server.url, seed_form)
    _saved_elsewhere(seed_form, world["filler"], grade="良")
    _type(page, "#f-grade", "优")
    note = page.locator("#fld-grade .conflict")
    expect(note.locator(".stored")).to_have_text("良")
    note.get_by_role("button", name="用已保存的").click()
    expect(page.locator("#f-grade")).to_have_value("良")
    expect(page.locator("#fld-grade .took-stored")).to_contain_text("您原来填写的是:优")
    assert _stored(seed_form).grade == "良"


def test_a_form_submitted_meanwhile_says_the_input_was_not_saved(live_server, world, seed_form, page):
    from playwright.sync_api import expect

    from jixiao.web.forms.models import Form

    _open(page, live_server.url, seed_form)
    Form.objects.filter(pk=seed_form.pk).update(status=Form.SUBMITTED)
    _type(page, "#f-grade", "优")
    state = page.locator("#save-state")
    expect(state).to_contain_text("未保存")
    expect(state).to_contain_text("已提交")
    expect(state).to_contain_text("您填写的内容仍在页面上")
    expect(page.locator("#save-actions button", has_text="复制未保存的内容")).to_be_visible()
    expect(page.locator("#save-actions button", has_text="刷新页面")).to_be_visible()
    expect(page.locator("#fld-grade .unsaved-note")).to_have_text("未保存")
    expect(page.locator("#f-grade")).to_have_value("优")
    page.screenshot(path=str(ARTIFACTS / "11-save-refused-403.png"))
    assert _stored(seed_form).grade != "优"


def test_a_server_error_says_unsaved_keeps_the_text_and_retries(live_server, world, seed_form, page):
    from playwright.sync_api import expect

    _open(page, live_server.url, seed_form)
    page.route("**/forms/*/save/", lambda route: route.fulfill(status=500, body="Server Error"))
    _type(page, "#f-grade", "优")
    state = page.locator("#save-state")
    expect(state).to_contain_text("未保存:服务器出错(状态码 500)")
    expect(state).not_to_contain_text("已保存")
    expect(page.locator("#f-grade")).to_have_value("优")
    page.screenshot(path=str(ARTIFACTS / "12-save-server-error.png"))
    page.unroute("**/forms/*/save/")
    page.locator("#save-actions button", has_text="重试").click()
    expect(state).to_contain_text("已保存")
    assert _stored(seed_form).grade == "优"


def test_no_network_says_unsaved_keeps_the_text_and_retries(live_server, world, seed_form, page):
    from playwright.sync_api import expect

    _open(page, live_server.url, seed_form)
    page.route("**/forms/*/save/", lambda route: route.abort("internetdisconnected"))
    _type(page, "#f-goals-achieved", "全年完成既定目标。")
    state = page.locator("#save-state")
    expect(state).to_contain_text("未保存:无法连接服务器")
    expect(page.locator("#f-goals-achieved")).to_have_value("全年完成既定目标。")
    expect(page.locator("#fld-goals-achieved .unsaved-note")).to_have_text("未保存")
    page.screenshot(path=str(ARTIFACTS / "13-save-network-error.png"))
    page.unroute("**/forms/*/save/")
    page.locator("#save-actions button", has_text="重试").click()
    expect(state).to_contain_text("已保存")
    expect(page.locator("#fld-goals-achieved .unsaved-note")).to_have_count(0)
    assert _stored(seed_form).goals.achieved == "全年完成既定目标。"


def test_a_structure_button_saves_what_was_typed_first(live_server, world, seed_form, page):
    from playwright.sync_api import expect

    _open(page, live_server.url, seed_form)
    page.fill("#f-grade", "优")  # typed, not yet saved (no change event)
    page.click("button[value='add:tasks']")
    page.wait_for_url(f"{live_server.url}/forms/{seed_form.pk}/#sec-tasks")
    expect(page.locator("#f-grade")).to_have_value("优")
    stored = _stored(seed_form)
    assert stored.grade == "优" and len(stored.tasks) == 4


def test_a_conflict_waiting_for_a_choice_is_still_said_after_another_save(
    live_server, world, seed_form, page
):
    from playwright.sync_api import expect

    _open(page, live_server.url, seed_form)
    _saved_elsewhere(seed_form, world["filler"], grade="良")
    _type(page, "#f-grade", "优")
    expect(page.locator("#fld-grade .conflict")).to_be_visible()
    _type(page, "#f-goals-achieved", "全年完成既定目标。")
    state = page.locator("#save-state")
    expect(state).to_contain_text("已保存")
    expect(state).to_contain_text("1 处未保存")
    assert _stored(seed_form).goals.achieved == "全年完成既定目标。" and _stored(seed_form).grade == "良"


def test_an_answer_that_is_not_a_save_is_never_called_saved(live_server, world, seed_form, page):
    """The login page after the session ended comes back as a 200: not an acknowledged save."""
    from playwright.sync_api import expect

    _open(page, live_server.url, seed_form)
    page.route(
        "**/forms/*/save/",
        lambda route: route.fulfill(status=200, content_type="text/html", body="<form>登录</form>"),
    )
    _type(page, "#f-grade", "优")
    state = page.locator("#save-state")
    expect(state).to_contain_text("未保存:登录已过期")
    expect(state).not_to_contain_text("已保存")
    expect(page.locator("#f-grade")).to_have_value("优")
