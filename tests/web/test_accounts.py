"""Logging in, in Chinese, with throttling."""

from __future__ import annotations

from .conftest import PASSWORD


def test_it_logs_a_filler_in_and_lands_on_the_form_list(world, client):
    response = client.post("/accounts/login/", {"username": "filler", "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == "/forms/"
    assert "自评表" in response.content.decode()


def test_it_says_in_chinese_when_the_password_is_wrong(world, client):
    response = client.post("/accounts/login/", {"username": "filler", "password": "wrong"})
    assert response.status_code == 200
    assert "用户名或密码不正确" in response.content.decode()


def test_it_locks_a_user_name_out_after_five_failures(world, client):
    for _ in range(5):
        client.post("/accounts/login/", {"username": "filler", "password": "wrong"})
    response = client.post("/accounts/login/", {"username": "filler", "password": PASSWORD})
    assert response.status_code == 429
    assert "暂时锁定" in response.content.decode()


def test_it_shows_the_admin_to_administrators_only(world, login, client):
    assert login(world["admin"]).get("/admin/orgs/organisation/").status_code == 200
    client.logout()
    assert login(world["finance"]).get("/admin/orgs/organisation/").status_code == 302


def test_it_lists_forms_in_the_admin_without_letting_their_content_be_edited(seed_form, world, login):
    client = login(world["admin"])
    assert "广州市天河区政务服务数据管理局" in client.get("/admin/forms/form/").content.decode()
    page = client.get(f"/admin/forms/form/{seed_form.pk}/change/").content.decode()
    assert 'name="status"' not in page  # status changes only through the workflow
    assert 'name="execution_rate"' not in page
