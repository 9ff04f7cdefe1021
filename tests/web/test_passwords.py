"""A person's own password: change it, or reset a forgotten one — by a link an administrator issues
(an intranet without mail) or by mail where a mail server is configured. Every page in Chinese."""

from __future__ import annotations

import re

from django.core import mail

from jixiao.web.accounts.services import password_reset_link

from .conftest import PASSWORD

NEW = "Xin-mima-2026"


def _can_log_in(client, username: str, password: str) -> bool:  # type: ignore[no-untyped-def]
    client.logout()
    response = client.post("/accounts/login/", {"username": username, "password": password})
    return response.status_code == 302


def test_a_filler_changes_their_own_password(world, login):
    client = login(world["filler"])
    page = client.get("/accounts/password/").content.decode()
    assert "修改密码" in page and "旧密码" in page
    response = client.post(
        "/accounts/password/", {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW}
    )
    assert response["Location"] == "/accounts/password/done/"
    assert "密码已修改" in client.get("/accounts/password/done/").content.decode()
    assert _can_log_in(client, "filler", NEW)
    assert not _can_log_in(client, "filler", PASSWORD)


def test_it_says_in_chinese_why_a_new_password_is_refused(world, login):
    client = login(world["filler"])
    page = client.post(
        "/accounts/password/", {"old_password": "wrong", "new_password1": "123", "new_password2": "123"}
    ).content.decode()
    assert "旧密码不正确" in page
    page = client.post(
        "/accounts/password/",
        {"old_password": PASSWORD, "new_password1": "12345678", "new_password2": "12345678"},
    ).content.decode()
    assert "密码只包含数字" in page
    page = client.post(
        "/accounts/password/", {"old_password": PASSWORD, "new_password1": "Ab-1", "new_password2": "Ab-1"}
    ).content.decode()
    assert "密码太短,至少需要 8 个字符。" in page and "This password" not in page


def test_the_change_page_needs_a_login(client):
    assert client.get("/accounts/password/")["Location"].startswith("/accounts/login/")


def test_without_mail_the_reset_page_says_to_ask_an_administrator(world, client):
    page = client.get("/accounts/password/reset/").content.decode()
    assert "系统管理员" in page and "生成重置密码链接" in page and 'type="email"' not in page
    assert client.post("/accounts/password/reset/", {"email": "a@b.cn"}).status_code == 200
    assert not mail.outbox


def test_an_administrator_issues_a_one_time_reset_link(world, login, client):
    admin = login(world["admin"])
    response = admin.post(
        "/admin/accounts/user/",
        {"action": "issue_reset_link", "_selected_action": [world["filler"].pk]},
        follow=True,
    )
    link = re.search(r"http://testserver(/accounts/password/reset/[^/]+/[^/]+/)", response.content.decode())
    assert link, "the link is shown to the administrator"
    admin.logout()
    # Django moves the token into the session and redirects to a neutral address.
    form_page = client.get(link.group(1), follow=True)
    assert "设置新密码" in form_page.content.decode()
    final = form_page.redirect_chain[-1][0]
    done = client.post(final, {"new_password1": NEW, "new_password2": NEW})
    assert done["Location"] == "/accounts/password/reset/complete/"
    assert _can_log_in(client, "filler", NEW)
    client.logout()
    again = client.get(link.group(1), follow=True).content.decode()
    assert "链接无效" in again  # used once, it no longer works


def test_the_reset_link_command_prints_a_link(world):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("jixiao_reset_link", "filler", "--base-url", "https://jixiao.czj.gov", stdout=out)
    assert out.getvalue().startswith("https://jixiao.czj.gov/accounts/password/reset/")


def test_with_mail_configured_the_reset_link_is_mailed(world, client, settings):
    settings.JIXIAO_EMAIL_RESET = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    user = world["filler"]
    user.email = "filler@czj.gov"
    user.save()
    page = client.get("/accounts/password/reset/").content.decode()
    assert 'type="email"' in page
    response = client.post("/accounts/password/reset/", {"email": "filler@czj.gov"})
    assert response["Location"] == "/accounts/password/reset/sent/"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "预算绩效自评系统:重置密码" and "/accounts/password/reset/" in message.body


def test_a_link_for_one_user_does_not_open_another(world, client):
    link = password_reset_link(user=world["filler2"], base_url="http://testserver")
    tampered = re.sub(r"reset/[^/]+/", "reset/MQ/", link.replace("http://testserver", ""))
    assert "链接无效" in client.get(tampered, follow=True).content.decode()
