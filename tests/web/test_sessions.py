"""Sessions end after a spell without requests and at the latest 8 hours after login; a POST without
the CSRF token is refused."""

from __future__ import annotations

import time

from django.test import Client


def _age(client, **seconds_ago: int) -> None:  # type: ignore[no-untyped-def]
    session = client.session
    now = int(time.time())
    for key, ago in seconds_ago.items():
        session[key] = now - ago
    session.save()


def test_a_session_ends_after_the_idle_time(seed_form, world, login, settings):
    client = login(world["filler"])
    assert client.get("/forms/").status_code == 200
    _age(client, jx_seen=settings.JIXIAO_SESSION_IDLE_SECONDS + 5)
    response = client.get("/forms/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_a_session_in_use_stays_open(seed_form, world, login, settings):
    client = login(world["filler"])
    client.get("/forms/")
    _age(client, jx_seen=settings.JIXIAO_SESSION_IDLE_SECONDS - 60)
    assert client.get("/forms/").status_code == 200


def test_a_session_ends_eight_hours_after_login_even_in_use(seed_form, world, login, settings):
    client = login(world["filler"])
    client.get("/forms/")
    _age(client, jx_seen=10, jx_started=settings.SESSION_COOKIE_AGE + 5)
    assert client.get("/forms/").status_code == 302


def test_a_post_without_the_csrf_token_is_refused(seed_form, world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world["filler"], backend="django.contrib.auth.backends.ModelBackend")
    response = client.post(f"/forms/{seed_form.pk}/save/", {"funds.actual": "1"})
    assert response.status_code == 403
