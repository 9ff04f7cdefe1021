"""What the screens and the API show is Chinese: the seed's edit page, its review and official pages, and
the API's answers on every path, an unknown one and a wrong method included."""

from __future__ import annotations

import json

import pytest

from tests.wording_check import english, visible_text

PERSONAS = ("filler", "filler2", "unit_filler", "reviewer", "finance", "admin")  # user names people chose


@pytest.mark.parametrize("page", ["/forms/{pk}/", "/forms/{pk}/view/", "/review/forms/{pk}/", "/review/"])
def test_the_seed_pages_are_chinese(seed_form, seed_core, world, login, page) -> None:  # type: ignore[no-untyped-def]
    for persona in ("filler", "reviewer"):
        response = login(world[persona]).get(page.format(pk=seed_form.pk))
        assert response.status_code == 200
        shown = visible_text(response.content.decode())
        assert english(shown, seed_core, names=PERSONAS) == [], (persona, page)


def test_an_unknown_page_is_chinese(world, login) -> None:  # type: ignore[no-untyped-def]
    response = login(world["filler"]).get("/forms/no-such-page/")
    assert response.status_code == 404
    assert english(visible_text(response.content.decode()), names=PERSONAS) == []


@pytest.fixture
def token(world):  # type: ignore[no-untyped-def]
    from jixiao.web.api.services import api_token_create

    return api_token_create(user=world["filler"], name="测试")[1]


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("get", "/api/no-such-thing", 404),
        ("get", "/api/forms/1/nothing", 404),
        ("delete", "/api/forms", 405),
        ("put", "/api/check", 405),
        ("get", "/api/forms/999999", 404),
        ("post", "/api/forms", 422),
    ],
)
def test_every_api_refusal_is_chinese_json(client, token, method, path, status) -> None:  # type: ignore[no-untyped-def]
    response = getattr(client, method)(
        path, HTTP_AUTHORIZATION=f"Bearer {token}", content_type="application/json"
    )
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    detail = json.loads(response.content)["detail"]
    assert english(detail) == [], detail


def test_an_api_refusal_without_a_token_is_chinese_json(client) -> None:  # type: ignore[no-untyped-def]
    for path in ("/api/forms", "/api/nowhere"):
        response = client.get(path)
        assert response["Content-Type"].startswith("application/json")
        assert english(json.loads(response.content)["detail"]) == []
