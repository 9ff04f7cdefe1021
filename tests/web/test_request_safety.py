"""Answers that say what is wrong instead of a 500: NUL characters in any text (PostgreSQL cannot store
them), a malformed structure operation; the lock-out behind a reverse proxy; the audit CSV's formula
guard; cached public downloads."""

from __future__ import annotations

import pytest
from django.core.cache import caches
from django.db import connection

from jixiao.web.audit.models import AuditEntry
from jixiao.web.forms import editing
from jixiao.web.forms.models import Form
from jixiao.web.security import NUL_MESSAGE

from .conftest import PASSWORD
from .test_portal import education_form, publish_through_workflow
from .workflow_data import submittable, warnings_explained

# --- NUL characters ---------------------------------------------------------------------------------


def _token(form):  # type: ignore[no-untyped-def]
    from jixiao.web.forms import convert

    return editing.structure_token(convert.to_core(form))


@pytest.mark.parametrize("field", ["department", "funds.actual", "tasks[0].name", "problems"])
def test_a_nul_in_a_form_field_is_a_chinese_400_and_nothing_is_saved(seed_form, world, login, field):
    client = login(world["filler"])
    before = seed_form.revision
    response = client.post(
        f"/forms/{seed_form.pk}/save/",
        {"structure": _token(seed_form), "revision": before, field: "12\x0034"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 400
    assert NUL_MESSAGE in response.content.decode()
    assert Form.objects.get(pk=seed_form.pk).revision == before


def test_a_nul_in_a_workflow_comment_is_a_chinese_400(world, login, seed_core):
    from jixiao.web.forms.services import form_create
    from jixiao.web.workflow import services as workflow

    form = form_create(
        organisation=world["bureau"], year=2021, data=submittable(seed_core), user=world["filler"]
    )
    filler = login(world["filler"])
    explanations = {f"x:{key}": "说明\x00" for key in warnings_explained(form)}
    response = filler.post(f"/review/forms/{form.pk}/submit/", explanations)
    assert response.status_code == 400 and NUL_MESSAGE in response.content.decode()
    workflow.submit(form=form, actor=world["filler"], explanations=warnings_explained(form))
    reviewer = login(world["reviewer"])
    response = reviewer.post(
        f"/review/forms/{form.pk}/return/", {"comment": "请改\x00", "c:funds.actual": "x"}
    )
    assert response.status_code == 400 and NUL_MESSAGE in response.content.decode()
    assert not AuditEntry.objects.filter(action=AuditEntry.RETURN).exists()


def test_a_nul_in_a_spot_check_comment_or_a_search_is_a_chinese_400(world, login, seed_core, client):
    form = publish_through_workflow(world, education_form(world, seed_core))
    finance = login(world["finance"])
    response = finance.post(f"/review/forms/{form.pk}/spot-check/", {"score": "90", "comment": "好\x00"})
    assert response.status_code == 400 and NUL_MESSAGE in response.content.decode()
    finance.logout()
    assert client.get("/public/", {"q": "跨域\x00通办"}).status_code == 400


def test_nul_checks_run_on_this_database(db):
    # The same tests run on SQLite and on PostgreSQL (make test-postgres), where a NUL was a 500.
    assert connection.vendor in {"sqlite", "postgresql"}


# --- Structure operations ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "op",
    [
        "",
        "add",
        "add:",
        "add:tasks[x].indicators",
        "remove:tasks/abc",
        "remove:tasks",
        "drop:tasks",
        "add:tasks[٣].indicators",
        "remove:tasks/99999999999999999999",
        "add:funds",
    ],
)
def test_a_malformed_structure_op_is_a_chinese_400(seed_form, world, login, op):
    client = login(world["filler"])
    response = client.post(f"/forms/{seed_form.pk}/structure/", {"structure": _token(seed_form), "op": op})
    assert response.status_code == 400
    assert "无法识别的操作" in response.content.decode()


def test_a_well_formed_structure_op_still_works(seed_form, world, login):
    client = login(world["filler"])
    response = client.post(
        f"/forms/{seed_form.pk}/structure/", {"structure": _token(seed_form), "op": "add:tasks[1].indicators"}
    )
    assert response.status_code == 302


def test_a_structure_op_needs_a_login_first(seed_form, client):
    response = client.post(f"/forms/{seed_form.pk}/structure/", {"op": "nonsense"})
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


# --- Lock-out behind a reverse proxy -----------------------------------------------------------------

PROXY = "10.0.0.2"


def _login(client, password, *, client_ip, via_proxy=True, forwarded=None):  # type: ignore[no-untyped-def]
    meta = {"REMOTE_ADDR": PROXY if via_proxy else client_ip}
    if via_proxy or forwarded:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded or client_ip
    return client.post("/accounts/login/", {"username": "filler", "password": password}, **meta)


def test_behind_a_trusted_proxy_a_stranger_cannot_lock_a_named_user_out(world, client, settings):
    from jixiao.web.security import _trusted

    settings.JIXIAO_TRUSTED_PROXIES = [PROXY]
    _trusted.cache_clear()
    try:
        for _ in range(6):
            _login(client, "wrong", client_ip="203.0.113.9")
        assert _login(client, PASSWORD, client_ip="203.0.113.9").status_code == 429  # the stranger is locked
        client.logout()
        assert _login(client, PASSWORD, client_ip="198.51.100.7").status_code == 302  # the user is not
    finally:
        settings.JIXIAO_TRUSTED_PROXIES = []
        _trusted.cache_clear()


def test_a_client_cannot_choose_its_address_with_the_header(world, client, settings):
    from jixiao.web.security import _trusted

    _trusted.cache_clear()
    for n in range(6):  # a new forged address each time: still one client, still locked
        _login(client, "wrong", client_ip="192.0.2.1", via_proxy=False, forwarded=f"198.51.100.{n}")
    assert (
        _login(client, PASSWORD, client_ip="192.0.2.1", via_proxy=False, forwarded="8.8.8.8").status_code
        == 429
    )


def test_the_client_address_takes_the_right_most_untrusted_hop(rf, settings):
    from jixiao.web.security import _trusted, client_address

    settings.JIXIAO_TRUSTED_PROXIES = ["10.0.0.0/8"]
    _trusted.cache_clear()
    try:
        request = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9, 10.1.1.1")
        assert client_address(request) == "203.0.113.9"  # 6.6.6.6 was written by the client itself
        assert client_address(rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="junk")) == "10.0.0.2"
        assert (
            client_address(rf.get("/", REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR="1.1.1.1"))
            == "192.0.2.1"
        )
    finally:
        settings.JIXIAO_TRUSTED_PROXIES = []
        _trusted.cache_clear()


# --- The audit CSV ---------------------------------------------------------------------------------


@pytest.mark.parametrize("start", ["＝", "＋", "－", "＠", "=", "+", "-", "@", "\t", "\r"])
def test_the_audit_csv_neutralises_every_formula_start_like_the_exports(world, seed_form, start):
    from jixiao.render.safety import FORMULA_STARTS
    from jixiao.web.audit import services
    from jixiao.web.audit.selectors import for_form, to_csv

    assert start in FORMULA_STARTS
    services.record(
        action=AuditEntry.RETURN, actor=world["reviewer"], form=seed_form, comment=f"{start}SUM(A1)"
    )
    assert f"'{start}SUM(A1)" in to_csv(for_form(seed_form))


# --- Cached public downloads ------------------------------------------------------------------------


def test_public_downloads_are_drawn_once_per_version_of_the_form(world, seed_core, client, monkeypatch):
    from jixiao.render import formats

    caches["downloads"].clear()
    form = publish_through_workflow(world, education_form(world, seed_core))
    drawn: list[str] = []
    real = formats.render

    def counting(key, data, report, **options):  # type: ignore[no-untyped-def]
        if key == "json":
            drawn.append(data.department or "")
        return real(key, data, report, **options)

    monkeypatch.setattr(formats, "render", counting)
    first = client.get(f"/public/forms/{form.pk}/download/json/")
    second = client.get(f"/public/forms/{form.pk}/download/json/")
    assert first.status_code == second.status_code == 200 and first.content == second.content
    assert len(drawn) == 1
    assert "filename*=UTF-8''" in second["Content-Disposition"]

    # The form changes (here: its department name, as a correction would): drawn again, new content.
    Form.objects.filter(pk=form.pk).update(department="广州市天河区教育局(更正)", revision=form.revision + 1)
    third = client.get(f"/public/forms/{form.pk}/download/json/")
    assert len(drawn) == 2
    assert "更正" in third.content.decode()


def test_the_public_form_page_is_drawn_once_per_version(world, seed_core, client, monkeypatch):
    import jixiao.render.html

    caches["downloads"].clear()
    form = publish_through_workflow(world, education_form(world, seed_core))
    calls: list[int] = []
    real = jixiao.render.html.render_form_html

    def counting(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(jixiao.render.html, "render_form_html", counting)
    for _ in range(3):
        assert client.get(f"/public/forms/{form.pk}/").status_code == 200
    assert len(calls) == 1


# --- A save racing a submit ------------------------------------------------------------------------


def test_a_save_that_loses_the_race_to_a_submit_is_a_chinese_403_not_a_500(
    world, seed_core, login, monkeypatch
):
    """The page was opened (and the save checked) while the form was a draft; the submit lands first."""
    from jixiao.web.forms.services import form_create
    from jixiao.web.workflow import services as workflow

    form = form_create(
        organisation=world["bureau"], year=2021, data=submittable(seed_core), user=world["filler"]
    )
    from jixiao.web.forms import services

    original = services.form_save_fields

    def submit_first(*args, **kwargs):  # type: ignore[no-untyped-def]
        # the page's save was let in while a draft; the submit takes the row first
        workflow.submit(form=form, actor=world["filler"], explanations=warnings_explained(form))
        return original(*args, **kwargs)

    monkeypatch.setattr(services, "form_save_fields", submit_first)
    client = login(world["filler"])
    client.raise_request_exception = False
    response = client.post(
        f"/forms/{form.pk}/save/",
        {"structure": _token(form), "revision": form.revision, "goals.achieved": "赛跑中的输入"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 403, response.status_code
    assert "已提交" in response.content.decode() and "不能修改" in response.content.decode()
    stored = Form.objects.get(pk=form.pk)
    assert stored.status == Form.SUBMITTED
    assert "赛跑中的输入" not in str(AuditEntry.objects.filter(form=stored).values_list("after", flat=True))


def test_saves_and_a_submit_in_threads_give_no_server_error(world, seed_core, transactional_db):  # type: ignore[no-untyped-def]
    """Real concurrency: saves from the filler's open page while it is submitted (PostgreSQL).

    SQLite's test database lives in memory with a shared cache, whose table locks fail at once instead
    of waiting as the file database does; there the race is shown by the test above.
    """
    import threading

    if connection.vendor == "sqlite":
        pytest.skip("SQLite 的内存测试库不等待表锁;竞争由上一个测试确定地复现")

    from django.db import close_old_connections
    from django.test import Client

    from jixiao.web.forms.services import form_create
    from jixiao.web.workflow import services as workflow

    form = form_create(
        organisation=world["bureau"], year=2021, data=submittable(seed_core), user=world["filler"]
    )
    token, revision = _token(form), form.revision
    explanations = warnings_explained(form)
    statuses: list[int] = []

    def save(number: int) -> None:
        client = Client(raise_request_exception=False)
        client.force_login(world["filler"], backend="django.contrib.auth.backends.ModelBackend")
        for attempt in range(4):
            response = client.post(
                f"/forms/{form.pk}/save/",
                {"structure": token, "revision": revision, "goals.achieved": f"第{number}-{attempt}次"},
                HTTP_HX_REQUEST="true",
            )
            statuses.append(response.status_code)
        close_old_connections()

    def submit() -> None:
        workflow.submit(form=form, actor=world["filler"], explanations=explanations)
        close_old_connections()

    threads = [threading.Thread(target=save, args=(n,)) for n in range(3)] + [threading.Thread(target=submit)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses and all(status < 500 for status in statuses), statuses
    assert Form.objects.get(pk=form.pk).status == Form.SUBMITTED
