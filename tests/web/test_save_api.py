# ruff: noqa: F811 - the fixtures ``api`` and ``token`` come from test_api.py
"""The API and the edit page share one rule: a change is made only on what the changer saw.

An API PATCH, then a save from a page loaded before it: the same field is a conflict (409), another
field is applied, and the API's change stays. The ETag is a revision that moves with every content
change (and the spot-check), so one ETag never names two contents and If-Match is a real
compare-and-set (412)."""

from __future__ import annotations

import json

import pytest

from jixiao.web.forms import convert, editing
from jixiao.web.forms.models import Form

from .test_api import api, token  # noqa: F401 - fixtures


def _stored(form):  # type: ignore[no-untyped-def]
    return convert.to_core(convert.prefetched(Form.objects.filter(pk=form.pk)).get())


@pytest.fixture
def page_state(seed_form):  # type: ignore[no-untyped-def]
    """What the filler's edit page holds when it is loaded now: its inputs, rows and revision."""
    data = _stored(seed_form)
    shown = {
        path: editing.shown(entry, editing.Reading(value=value))
        for path, (entry, value) in editing.editable_fields(data).items()
    }
    return shown, editing.structure_token(data), Form.objects.get(pk=seed_form.pk).revision


def _page_save(client, form, page_state, **values):  # type: ignore[no-untyped-def]
    shown, structure, revision = page_state
    post = {"structure": structure, "revision": revision}
    for path, value in values.items():
        post[path] = value
        post[editing.BASE + path] = shown[path]
    return client.post(f"/forms/{form.pk}/save/", post, HTTP_HX_REQUEST="true")


def _patch(api, form, body):  # type: ignore[no-untyped-def]
    etag = api("filler", "get", f"/api/forms/{form.pk}")["ETag"]
    response = api("filler", "patch", f"/api/forms/{form.pk}", body=body, headers={"If-Match": etag})
    assert response.status_code == 200
    return response


def test_an_api_patch_then_a_stale_page_save_of_the_same_field_is_a_conflict(
    api, world, seed_form, page_state, login
):
    _patch(api, seed_form, {"grade": "优"})
    response = _page_save(login(world["filler"]), seed_form, page_state, grade="合格")
    assert response.status_code == 409
    assert json.loads(response["X-Jixiao-Unsaved"]) == ["grade"]
    html = response.content.decode()
    assert 'data-stored="优"' in html and "合格" in html
    assert _stored(seed_form).grade == "优"  # the API's change is kept


def test_an_api_patch_then_a_stale_page_save_of_another_field_is_applied(
    api, world, seed_form, page_state, login
):
    _patch(api, seed_form, {"grade": "优"})
    response = _page_save(login(world["filler"]), seed_form, page_state, **{"goals.achieved": "已完成"})
    assert response.status_code == 200
    assert json.loads(response["X-Jixiao-Unsaved"]) == []
    data = _stored(seed_form)
    assert data.grade == "优" and data.goals.achieved == "已完成"


def test_a_page_save_then_an_api_put_with_the_old_etag_is_412(api, world, seed_form, page_state, login):
    etag = api("filler", "get", f"/api/forms/{seed_form.pk}")["ETag"]
    assert _page_save(login(world["filler"]), seed_form, page_state, grade="良").status_code == 200
    body = api("filler", "get", f"/api/forms/{seed_form.pk}").json()["form"]
    body["grade"] = "差"
    response = api("filler", "put", f"/api/forms/{seed_form.pk}", body=body, headers={"If-Match": etag})
    assert response.status_code == 412
    assert "已被修改" in response.json()["detail"]
    assert _stored(seed_form).grade == "良"


def test_an_api_update_needs_if_match(api, world, seed_form):
    response = api("filler", "patch", f"/api/forms/{seed_form.pk}", body={"grade": "优"})
    assert response.status_code == 428
    assert "If-Match" in response.json()["detail"]


def test_every_content_has_its_own_etag(api, world, seed_form, page_state, login):
    client = login(world["filler"])
    seen: dict[str, str] = {}

    def record():  # type: ignore[no-untyped-def]
        response = api("filler", "get", f"/api/forms/{seed_form.pk}")
        content = json.dumps(response.json()["form"], sort_keys=True, ensure_ascii=False)
        assert seen.setdefault(response["ETag"], content) == content, "one ETag named two contents"

    record()
    shown, structure, _revision = page_state
    for grade in ("良", "优", "良"):  # a content seen before gets a new ETag all the same
        revision = Form.objects.get(pk=seed_form.pk).revision
        post = {"structure": structure, "revision": revision, "grade": grade, "base:grade": shown["grade"]}
        client.post(f"/forms/{seed_form.pk}/save/", post, HTTP_HX_REQUEST="true")
        shown["grade"] = grade
        record()
    _patch(api, seed_form, {"key_project": "重点项目"})
    record()
    item = seed_form.review_items.first()
    client.post(f"/forms/{seed_form.pk}/review/{item.pk}/resolve/", HTTP_HX_REQUEST="true")
    record()
    assert len(seen) == 6


def test_a_spot_check_changes_the_etag(api, world, seed_core):
    from jixiao.web.workflow import services as workflow

    from .test_portal import education_form, publish_through_workflow

    form = publish_through_workflow(world, education_form(world, seed_core))
    before = api("finance", "get", f"/api/forms/{form.pk}")
    workflow.spot_check(form=form, actor=world["finance"], score="90", comment="抽查意见")
    after = api("finance", "get", f"/api/forms/{form.pk}")
    assert after.json()["spot_check_score"] != before.json()["spot_check_score"]
    assert after["ETag"] != before["ETag"]
    stale = api("finance", "get", f"/api/forms/{form.pk}", headers={"If-None-Match": before["ETag"]})
    assert stale.status_code == 200  # not a 304 with the old score
