"""The JSON API: token auth, the screens' permissions, FORMAT.md content, ETag / If-Match, the workflow.

Personas (``conftest.py``): ``filler`` owns the seed form of the bureau, ``filler2`` is another
department's filler, ``reviewer`` reviews the bureau, ``finance`` the whole region.
"""

from __future__ import annotations

import datetime
import io
import json

import pytest
from django.utils import timezone

from .conftest import SEED_TEXT
from .test_portal import education_form, education_reviewer
from .workflow_data import submittable, warnings_explained


@pytest.fixture
def token(world):  # type: ignore[no-untyped-def]
    """Return a function making an API token for a persona (by name) and returning the token text."""
    from jixiao.web.api.services import api_token_create

    def make(name):  # type: ignore[no-untyped-def]
        user = world[name] if isinstance(name, str) else name
        return api_token_create(user=user, name="测试")[1]

    return make


@pytest.fixture
def api(client, token):  # type: ignore[no-untyped-def]
    """Return a function calling the API as a persona: ``api("filler", "get", "/api/forms")``."""

    def call(who, method, path, body=None, headers=None, **kwargs):  # type: ignore[no-untyped-def]
        extra = {"HTTP_AUTHORIZATION": f"Bearer {token(who)}"} if who else {}
        for name, value in (headers or {}).items():
            extra["HTTP_" + name.upper().replace("-", "_")] = value
        if body is not None and not isinstance(body, (bytes, str)):
            body = json.dumps(body, ensure_ascii=False)
        if body is not None:
            kwargs.setdefault("content_type", "application/json")
            kwargs["data"] = body
        return getattr(client, method)(path, **kwargs, **extra)

    return call


# --- The document and the tokens ----------------------------------------------------------------


def test_the_openapi_document_is_public_and_lists_every_operation(client, db):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    for path in (
        "/api/forms",
        "/api/forms/{form_id}",
        "/api/forms/{form_id}/check",
        "/api/check",
        "/api/forms/import",
        "/api/forms/{form_id}/submit",
        "/api/forms/{form_id}/return",
        "/api/forms/{form_id}/approve-department",
        "/api/forms/{form_id}/approve-finance",
        "/api/forms/{form_id}/spot-check",
        "/api/forms/{form_id}/publish",
        "/api/summaries",
    ):
        assert path in paths, path
    assert set(paths["/api/forms/{form_id}"]) == {"get", "put", "patch"}


def test_the_docs_page_uses_no_cdn(client, db):
    body = client.get("/api/docs").content.decode()
    assert "swagger-ui-bundle.js" in body
    assert "cdn.jsdelivr" not in body and "unpkg" not in body


def test_it_refuses_a_request_without_a_valid_token(api, world, seed_form):
    for headers in ({}, {"Authorization": "Bearer jx_not-a-token"}, {"Authorization": "Basic eDp5"}):
        response = api(None, "get", "/api/forms", headers=headers)
        assert response.status_code == 401
        assert "接口令牌" in response.json()["detail"]
        assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_revoked_or_expired_token_stops_working(api, client, world, seed_form):
    from jixiao.web.api.services import api_token_create, api_token_revoke

    token, raw = api_token_create(user=world["filler"], name="对接")
    headers = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    assert client.get("/api/forms", **headers).status_code == 200
    api_token_revoke(token=token)
    assert client.get("/api/forms", **headers).status_code == 401

    _, raw = api_token_create(
        user=world["filler"], name="过期", expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    assert client.get("/api/forms", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401


def test_a_token_of_a_deactivated_user_stops_working(client, world, seed_form):
    from jixiao.web.api.services import api_token_create

    _, raw = api_token_create(user=world["filler"], name="对接")
    world["filler"].is_active = False
    world["filler"].save()
    assert client.get("/api/forms", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401


def test_tokens_are_kept_only_as_a_digest(world):
    from jixiao.web.api.models import ApiToken
    from jixiao.web.api.services import api_token_create

    token, raw = api_token_create(user=world["filler"], name="对接")
    stored = ApiToken.objects.filter(pk=token.pk).values().get()
    assert raw.startswith("jx_") and len(raw) > 40
    assert all(raw not in str(value) for value in stored.values())
    assert stored["prefix"] == raw[:12]


def test_the_management_command_makes_a_working_token(client, world, seed_form):
    from django.core.management import call_command

    out = io.StringIO()
    call_command("jixiao_api_token", "reviewer", "--name", "年度汇总脚本", stdout=out, stderr=io.StringIO())
    raw = out.getvalue().strip()
    response = client.get("/api/forms", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 200 and response.json()["count"] == 1


def test_the_admin_makes_a_token_and_shows_it_once(login, world):
    from jixiao.web.api.models import ApiToken
    from jixiao.web.api.services import token_digest

    client = login(world["admin"])
    response = client.post(
        "/admin/api/apitoken/add/", {"user": world["finance"].pk, "name": "财务系统对接"}, follow=True
    )
    assert response.status_code == 200
    shown = [str(m) for m in response.context["messages"]]
    raw = next(m.split(":", 1)[1].split()[0] for m in shown if "接口令牌已生成" in m)
    token = ApiToken.objects.get()
    assert token.user == world["finance"] and token.digest == token_digest(raw)


# --- Reading: the same permissions as the screens -----------------------------------------------


def test_each_persona_lists_exactly_the_forms_the_screens_show_them(api, world, seed_form):
    from jixiao.web.forms.services import empty_form, form_create

    unit = form_create(
        organisation=world["unit"], year=2021, data=empty_form(world["unit"], 2021), user=world["unit_filler"]
    )
    expected = {
        "filler": {seed_form.pk},
        "unit_filler": {unit.pk},
        "filler2": set(),
        "reviewer": {seed_form.pk, unit.pk},
        "finance": {seed_form.pk, unit.pk},
        "admin": {seed_form.pk, unit.pk},
    }
    for who, ids in expected.items():
        body = api(who, "get", "/api/forms").json()
        assert {item["id"] for item in body["items"]} == ids, who
        assert body["count"] == len(ids)


def test_the_list_pages_and_filters(api, world, seed_form):
    from jixiao.web.forms.services import empty_form, form_create

    unit = form_create(
        organisation=world["unit"], year=2022, data=empty_form(world["unit"], 2022), user=world["unit_filler"]
    )
    first = api("reviewer", "get", "/api/forms", data={"page_size": 1}).json()
    second = api("reviewer", "get", "/api/forms", data={"page_size": 1, "page": 2}).json()
    assert (first["count"], first["pages"], len(first["items"])) == (2, 2, 1)
    assert [first["items"][0]["id"], second["items"][0]["id"]] == [unit.pk, seed_form.pk]  # newest year first
    assert api("reviewer", "get", "/api/forms", data={"page": 3}).json()["items"] == []
    assert [i["id"] for i in api("reviewer", "get", "/api/forms", data={"year": 2021}).json()["items"]] == [
        seed_form.pk
    ]
    by_org = api("reviewer", "get", "/api/forms", data={"organisation": world["unit"].pk}).json()
    assert [i["id"] for i in by_org["items"]] == [unit.pk]
    assert api("reviewer", "get", "/api/forms", data={"status": "published"}).json()["count"] == 0
    assert api("reviewer", "get", "/api/forms", data={"status": "nonsense"}).status_code == 422
    assert api("reviewer", "get", "/api/forms", data={"page_size": 1000}).status_code == 422


def test_it_returns_the_form_in_format_md_json_with_its_etag(api, world, seed_form, seed_core):
    response = api("filler", "get", f"/api/forms/{seed_form.pk}")
    assert response.status_code == 200
    body = response.json()
    assert body["form"] == seed_core.model_copy(update={"year": 2021}).to_dict()
    assert body["form"]["schema"] == "jixiao.self-evaluation/1"
    assert body["status"] == "draft" and body["status_label"] == "草稿"
    assert response["ETag"] == body["etag"] == f'"{seed_form.pk}.{seed_form.revision}.draft"'


def test_an_unchanged_form_is_304_with_if_none_match(api, world, seed_form):
    etag = api("filler", "get", f"/api/forms/{seed_form.pk}")["ETag"]
    response = api("filler", "get", f"/api/forms/{seed_form.pk}", headers={"If-None-Match": etag})
    assert response.status_code == 304 and response.content == b""
    assert response["ETag"] == etag
    other = api("filler", "get", f"/api/forms/{seed_form.pk}", headers={"If-None-Match": '"0.0.draft"'})
    assert other.status_code == 200


def test_a_form_the_person_may_not_see_is_404_as_on_the_screens(api, world, seed_form):
    for path in (f"/api/forms/{seed_form.pk}", f"/api/forms/{seed_form.pk}/check"):
        response = api("filler2", "get", path)
        assert response.status_code == 404
        assert "没有找到" in response.json()["detail"]
    assert api("filler", "get", "/api/forms/987654").status_code == 404


def test_it_checks_a_stored_form_and_a_posted_one_as_the_core_does(api, world, seed_form, seed_core):
    from jixiao.core.report import check

    expected = check(seed_core.model_copy(update={"year": 2021})).to_dict()
    stored = api("reviewer", "get", f"/api/forms/{seed_form.pk}/check").json()
    assert stored["findings"] == expected["findings"]
    assert stored["computed"]["execution_rate"] == "97.13"
    posted = api("filler2", "post", "/api/check", body=seed_core.to_dict())
    assert posted.status_code == 200
    assert posted.json()["counts"] == check(seed_core).to_dict()["counts"]


def test_a_posted_form_that_is_not_format_md_is_422_in_chinese(api, world):
    response = api("filler", "post", "/api/check", body={"funds": {"actual": 9100.04}, "colour": "red"})
    assert response.status_code == 422
    body = response.json()
    assert body["detail"].startswith("请求内容不符合格式")
    assert any(
        line.startswith("funds.actual(资金情况·实际支出):") and "数字字符串" in line
        for line in body["errors"]
    )
    assert "colour:不认识的字段" in body["errors"]
    nested = api("filler", "post", "/api/forms", body={"year": 2022, "form": {"funds": {"actual": "abc"}}})
    assert nested.status_code == 422
    assert nested.json()["errors"][0].startswith("form.funds.actual(资金情况·实际支出):")


def test_a_body_that_is_not_json_is_400_in_chinese(api, world):
    response = api("filler", "post", "/api/check", body="{not json")
    assert response.status_code == 400
    assert "无法解析" in response.json()["detail"]
    assert "无法解析".encode() in response.content  # Chinese as it is, not \u escapes


# --- Updating: ETag / If-Match ------------------------------------------------------------------


def _current(api, who, form):  # type: ignore[no-untyped-def]
    response = api(who, "get", f"/api/forms/{form.pk}")
    return response["ETag"], response.json()["form"]


def test_an_update_without_if_match_is_428(api, world, seed_form):
    _etag, data = _current(api, "filler", seed_form)
    response = api("filler", "put", f"/api/forms/{seed_form.pk}", body=data)
    assert response.status_code == 428
    assert "If-Match" in response.json()["detail"]


def test_a_stale_if_match_gets_412_and_nothing_is_lost(api, world, seed_form):
    from jixiao.web.forms.models import Form

    etag, data = _current(api, "filler", seed_form)
    data["funds"]["execution_rate"] = "97.13"
    first = api("filler", "put", f"/api/forms/{seed_form.pk}", body=data, headers={"If-Match": etag})
    assert first.status_code == 200
    assert first["ETag"] != etag

    # A second client read the form before the first one saved: its update is refused.
    stale = dict(data, overall_performance="另一位同事的修改")
    response = api("filler", "put", f"/api/forms/{seed_form.pk}", body=stale, headers={"If-Match": etag})
    assert response.status_code == 412
    assert "已被修改" in response.json()["detail"]
    stored = Form.objects.get(pk=seed_form.pk)
    assert str(stored.execution_rate).startswith("97.13")
    assert stored.overall_performance != "另一位同事的修改"
    patch = api(
        "filler", "patch", f"/api/forms/{seed_form.pk}", body={"grade": "优"}, headers={"If-Match": etag}
    )
    assert patch.status_code == 412


def test_a_current_if_match_updates_the_form_through_the_service_with_an_audit_entry(api, world, seed_form):
    from jixiao.web.audit.models import AuditEntry
    from jixiao.web.forms.models import Form

    etag, data = _current(api, "filler", seed_form)
    data["funds"]["execution_rate"] = "97.13"
    response = api("filler", "put", f"/api/forms/{seed_form.pk}", body=data, headers={"If-Match": etag})
    assert response.status_code == 200
    body = response.json()
    assert body["form"]["funds"]["execution_rate"] == "97.13"
    assert body["revision"] == seed_form.revision + 1
    stored = Form.objects.get(pk=seed_form.pk)
    # The check ran on what was stored: the execution-rate warning is gone.
    assert stored.check_summary["warning"] < seed_form.check_summary["warning"]
    entry = AuditEntry.objects.filter(form_id=seed_form.pk, action=AuditEntry.UPDATE).latest("pk")
    assert entry.actor_id == world["filler"].pk


def test_patch_merges_only_the_fields_given(api, world, seed_form, seed_core):
    etag, _data = _current(api, "filler", seed_form)
    response = api(
        "filler",
        "patch",
        f"/api/forms/{seed_form.pk}",
        body={"funds": {"execution_rate": "97.13"}, "grade": "优"},
        headers={"If-Match": etag},
        content_type="application/merge-patch+json",
    )
    assert response.status_code == 200
    form = response.json()["form"]
    assert form["funds"]["execution_rate"] == "97.13" and form["grade"] == "优"
    assert form["funds"]["actual"] == "9100.04"
    assert form["tasks"] == seed_core.to_dict()["tasks"]
    bad = api(
        "filler",
        "patch",
        f"/api/forms/{seed_form.pk}",
        body={"funds": {"actual": "九千"}},
        headers={"If-Match": response["ETag"]},
    )
    assert bad.status_code == 422 and "funds.actual" in bad.json()["detail"]


def test_if_match_star_and_lists_are_understood(api, world, seed_form):
    etag, data = _current(api, "filler", seed_form)
    listed = api(
        "filler", "put", f"/api/forms/{seed_form.pk}", body=data, headers={"If-Match": f'"x", {etag}'}
    )
    assert listed.status_code == 200
    star = api("filler", "put", f"/api/forms/{seed_form.pk}", body=data, headers={"If-Match": "*"})
    assert star.status_code == 200


@pytest.mark.parametrize("who", ["reviewer", "finance", "unit_filler"])
def test_only_the_forms_own_filler_may_update_it(api, world, seed_form, who):
    etag, data = _current(api, "filler", seed_form)
    response = api(who, "put", f"/api/forms/{seed_form.pk}", body=data, headers={"If-Match": etag})
    expected = 404 if who == "unit_filler" else 403
    assert response.status_code == expected
    if expected == 403:
        assert "填报人" in response.json()["detail"]


def test_content_the_database_cannot_hold_is_422_not_a_server_error(api, world, seed_form):
    etag, data = _current(api, "filler", seed_form)
    cases = [
        ({**data, "department": "部" * 301}, "department"),
        ({**data, "overall_performance": "a\x00b"}, "overall_performance"),
        ({**data, "funds": {**data["funds"], "actual": "1" * 19}}, "funds.actual"),
        ({**data, "funds": {**data["funds"], "actual": "1.1234567"}}, "funds.actual"),
        ({**data, "problems": ["x\x00"]}, "problems[0]"),
    ]
    for body, where in cases:
        response = api("filler", "put", f"/api/forms/{seed_form.pk}", body=body, headers={"If-Match": etag})
        assert response.status_code == 422, where
        assert where in response.json()["detail"], response.json()


# --- Creating and importing ---------------------------------------------------------------------


def test_the_filler_creates_a_form_for_an_open_year(api, world, seed_core):
    response = api("filler", "post", "/api/forms", body={"year": 2022, "form": seed_core.to_dict()})
    assert response.status_code == 201
    body = response.json()
    assert body["organisation"]["id"] == world["bureau"].pk and body["year"] == 2022
    assert body["form"]["year"] == 2022
    assert response["Location"].endswith(f"/api/forms/{body['id']}")
    again = api("filler", "post", "/api/forms", body={"year": 2022, "form": seed_core.to_dict()})
    assert again.status_code == 409 and "已有2022年度" in again.json()["detail"]


def test_creating_is_for_fillers_of_their_own_unit_and_open_years(api, world, seed_core):
    from jixiao.web.orgs.models import EvaluationYear

    body = {"year": 2022, "form": seed_core.to_dict()}
    assert api("reviewer", "post", "/api/forms", body=body).status_code == 403
    assert api("finance", "post", "/api/forms", body=body).status_code == 403
    other = api("filler", "post", "/api/forms", body={**body, "organisation": world["education"].pk})
    assert other.status_code == 403
    EvaluationYear.objects.filter(year=2022).update(is_open=False)
    closed = api("filler", "post", "/api/forms", body=body)
    assert closed.status_code == 422 and "未开放" in closed.json()["detail"]


def test_it_imports_an_uploaded_file_into_a_new_form(api, world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("自评表.txt", SEED_TEXT.read_bytes(), content_type="text/plain")
    response = api("filler", "post", "/api/forms/import", data={"file": upload, "year": 2022})
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["form"]["department"] == "广州市天河区政务服务数据管理局"
    assert body["review"] == len(body["form"]["review"]) > 0
    assert "导入完成" in body["message"]


def test_an_unreadable_upload_is_422_naming_the_file(api, world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile(
        "随便.bin", b"\x00\x01\x02 not a form", content_type="application/octet-stream"
    )
    response = api("filler", "post", "/api/forms/import", data={"file": upload, "year": 2022})
    assert response.status_code == 422
    assert "随便.bin" in response.json()["detail"]


def test_importing_over_a_form_needs_if_match(api, world, seed_form):
    from django.core.files.uploadedfile import SimpleUploadedFile

    def upload():  # type: ignore[no-untyped-def]
        return SimpleUploadedFile("seed.txt", SEED_TEXT.read_bytes(), content_type="text/plain")

    path = f"/api/forms/{seed_form.pk}/import"
    assert api("filler", "post", path, data={"file": upload()}).status_code == 428
    etag, _ = _current(api, "filler", seed_form)
    response = api("filler", "post", path, data={"file": upload()}, headers={"If-Match": etag})
    assert response.status_code == 200 and response.json()["review"] > 0


def test_the_api_import_goes_through_the_import_service_and_keeps_the_previous_content(api, world, seed_form):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from jixiao.web.forms.models import ImportJob

    etag, before = _current(api, "filler", seed_form)

    def replace():  # type: ignore[no-untyped-def]
        upload = SimpleUploadedFile("seed.txt", SEED_TEXT.read_bytes(), content_type="text/plain")
        path = f"/api/forms/{seed_form.pk}/import"
        return api("filler", "post", path, data={"file": upload}, headers={"If-Match": etag})

    response = replace()
    assert response.status_code == 200
    job = ImportJob.objects.get(pk=response.json()["job"])
    assert job.form_id == seed_form.pk and job.state == ImportJob.DONE and job.filename == "seed.txt"
    assert json.loads(job.previous_json) == before
    refused = replace()  # the same ETag, now stale
    assert refused.status_code == 412


# --- The workflow through the API ---------------------------------------------------------------


def _ready(api, world, seed_form, seed_core):  # type: ignore[no-untyped-def]
    etag, _ = _current(api, "filler", seed_form)
    data = submittable(seed_core).to_dict()
    assert (
        api("filler", "put", f"/api/forms/{seed_form.pk}", body=data, headers={"If-Match": etag}).status_code
        == 200
    )


def test_submitting_with_errors_is_409_with_the_findings(api, world, seed_form):
    response = api("filler", "post", f"/api/forms/{seed_form.pk}/submit", body={})
    assert response.status_code == 409
    body = response.json()
    assert "错误" in body["detail"] and body["findings"]


def test_the_filler_cannot_approve_their_own_form(api, world, seed_form, seed_core):
    from jixiao.web.forms.models import Form

    _ready(api, world, seed_form, seed_core)
    submitted = api(
        "filler",
        "post",
        f"/api/forms/{seed_form.pk}/submit",
        body={"explanations": warnings_explained(seed_form)},
    )
    assert submitted.status_code == 200 and submitted.json()["status"] == "submitted"
    for step in ("approve-department", "approve-finance", "publish"):
        response = api("filler", "post", f"/api/forms/{seed_form.pk}/{step}")
        assert response.status_code == 403, step
        assert "审核" in response.json()["detail"] or "公开" in response.json()["detail"]
    assert Form.objects.get(pk=seed_form.pk).status == "submitted"


def test_the_filler_cannot_edit_a_submitted_form(api, world, seed_form, seed_core):
    _ready(api, world, seed_form, seed_core)
    api(
        "filler",
        "post",
        f"/api/forms/{seed_form.pk}/submit",
        body={"explanations": warnings_explained(seed_form)},
    )
    etag, data = _current(api, "filler", seed_form)
    data["grade"] = "优"
    for method, body in (("put", data), ("patch", {"grade": "优"})):
        response = api("filler", method, f"/api/forms/{seed_form.pk}", body=body, headers={"If-Match": etag})
        assert response.status_code == 403, method
        assert "已提交" in response.json()["detail"]


def test_return_needs_a_comment_and_reaches_the_filler(api, world, seed_form, seed_core):
    _ready(api, world, seed_form, seed_core)
    api(
        "filler",
        "post",
        f"/api/forms/{seed_form.pk}/submit",
        body={"explanations": warnings_explained(seed_form)},
    )
    path = f"/api/forms/{seed_form.pk}/return"
    assert api("reviewer", "post", path, body={"comment": ""}).status_code == 422
    assert api("reviewer", "post", path, body={"comment": "   "}).status_code == 422
    returned = api(
        "reviewer",
        "post",
        path,
        body={
            "comment": "预算完成率请按公式重算。",
            "field_comments": {"funds.execution_rate": "应为97.13%"},
        },
    )
    assert returned.status_code == 200 and returned.json()["status"] == "returned"
    # 退回 makes the form editable again for its filler.
    etag, data = _current(api, "filler", seed_form)
    data["funds"]["execution_rate"] = "97.13"
    assert (
        api("filler", "put", f"/api/forms/{seed_form.pk}", body=data, headers={"If-Match": etag}).status_code
        == 200
    )


def test_a_step_in_the_wrong_state_is_409(api, world, seed_form):
    response = api("reviewer", "post", f"/api/forms/{seed_form.pk}/approve-department")
    assert response.status_code == 409
    assert "草稿" in response.json()["detail"]


def test_a_step_with_a_stale_if_match_is_412(api, world, seed_form, seed_core):
    etag, _ = _current(api, "filler", seed_form)
    _ready(api, world, seed_form, seed_core)
    response = api(
        "filler",
        "post",
        f"/api/forms/{seed_form.pk}/submit",
        body={"explanations": warnings_explained(seed_form)},
        headers={"If-Match": etag},
    )
    assert response.status_code == 412


def test_the_whole_path_to_publication_by_api(api, client, world, seed_core):
    form = education_form(world, seed_core)
    education_reviewer(world)
    steps = [
        ("filler2", "submit", {"explanations": warnings_explained(form)}, "submitted"),
        ("edu_reviewer", "approve-department", None, "finance_review"),
        ("finance", "spot-check", {"score": "88.5", "comment": "抽查:佐证材料齐全。"}, "finance_review"),
        ("finance", "approve-finance", None, "finance_approved"),
        ("finance", "publish", None, "published"),
    ]
    from jixiao.web.accounts.models import User

    for who, step, body, status in steps:
        persona = User.objects.get(username=who)
        response = api(persona, "post", f"/api/forms/{form.pk}/{step}", body=body if body is not None else {})
        assert response.status_code == 200, (step, response.json())
        assert response.json()["status"] == status
    from jixiao.web.forms.models import Form

    stored = Form.objects.get(pk=form.pk)
    assert str(stored.spot_check_score) == "88.50"
    assert client.get(f"/public/forms/{form.pk}/").status_code == 200


def test_the_summary_is_built_by_the_department_reviewer_only(api, world, seed_form):
    body = {"department": world["bureau"].pk, "year": 2021}
    refused = api("filler", "post", "/api/summaries", body=body)
    assert refused.status_code == 403
    waiting = api("reviewer", "post", "/api/summaries", body=body)
    assert waiting.status_code == 409
    assert "尚未通过部门审核" in waiting.json()["detail"] and waiting.json()["units"]
    assert api("filler2", "post", "/api/summaries", body=body).status_code == 404


def test_the_audit_log_of_a_form_shows_every_step_with_its_actor(api, world, seed_form, seed_core):
    _ready(api, world, seed_form, seed_core)
    api(
        "filler",
        "post",
        f"/api/forms/{seed_form.pk}/submit",
        body={"explanations": warnings_explained(seed_form)},
    )
    api("reviewer", "post", f"/api/forms/{seed_form.pk}/return", body={"comment": "请补充佐证材料。"})
    entries = api("reviewer", "get", f"/api/forms/{seed_form.pk}/audit").json()
    assert [(e["action"], e["actor"]) for e in entries] == [
        ("create", "filler"),
        ("update", "filler"),
        ("submit", "filler"),
        ("return", "reviewer"),
    ]
    assert entries[-1]["comment"] == "请补充佐证材料。"
    assert entries[-1]["status_before"] == "submitted" and entries[-1]["status_after"] == "returned"
    assert api("filler2", "get", f"/api/forms/{seed_form.pk}/audit").status_code == 404


@pytest.fixture
def multipart_reads(monkeypatch):  # type: ignore[no-untyped-def]
    """Count the request bodies Django reads as multipart (where an uploaded file is received)."""
    from django.http import multipartparser

    reads = []
    original = multipartparser.MultiPartParser.parse

    def parse(self):  # type: ignore[no-untyped-def]
        reads.append(self)
        return original(self)

    monkeypatch.setattr(multipartparser.MultiPartParser, "parse", parse)
    return reads


def test_the_import_checks_permission_before_it_reads_the_upload(api, world, seed_form, multipart_reads):
    from django.core.files.uploadedfile import SimpleUploadedFile

    def upload():  # type: ignore[no-untyped-def]
        return SimpleUploadedFile("seed.txt", SEED_TEXT.read_bytes(), content_type="text/plain")

    for who, form_id, status in (
        ("filler2", seed_form.pk, 404),  # another department's filler does not see the form
        ("filler", 999999, 404),  # no such form
        ("reviewer", seed_form.pk, 403),  # sees it, may not change it
        ("finance", seed_form.pk, 403),
    ):
        path = f"/api/forms/{form_id}/import"
        response = api(who, "post", path, data={"file": upload()}, headers={"If-Match": '"x"'})
        assert response.status_code == status, (who, response.content)
        assert not multipart_reads, who
    refused = api("reviewer", "post", "/api/forms/import", data={"file": upload(), "year": "2022"})
    assert refused.status_code == 403 and "填报人" in refused.json()["detail"]
    assert not multipart_reads
    etag, _ = _current(api, "filler", seed_form)
    done = api(
        "filler",
        "post",
        f"/api/forms/{seed_form.pk}/import",
        data={"file": upload()},
        headers={"If-Match": etag},
    )
    assert done.status_code == 200 and len(multipart_reads) == 1


def test_an_import_over_the_upload_limit_is_refused_before_it_is_read(
    api, world, seed_form, settings, multipart_reads
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.JIXIAO_MAX_UPLOAD_BYTES = 1000
    upload = SimpleUploadedFile("大文件.txt", b"x" * 100_000, content_type="text/plain")
    etag, _ = _current(api, "filler", seed_form)
    response = api(
        "filler",
        "post",
        f"/api/forms/{seed_form.pk}/import",
        data={"file": upload},
        headers={"If-Match": etag},
    )
    assert response.status_code == 422, response.content
    assert "导入上限 1000 字节" in response.json()["detail"]
    assert not multipart_reads


def test_the_api_does_not_silently_drop_a_number_the_screens_could_not_read(api, world, seed_form, seed_core):
    """The page keeps 「九千」 typed into 实际支出 (unreadable, pending); a PATCH elsewhere must not lose it."""
    from jixiao.web.forms.models import Form
    from jixiao.web.forms.services import form_update

    typed = seed_core.model_copy(deep=True)
    typed.funds.actual = None
    form_update(form=seed_form, data=typed, user=world["filler"], pending={"funds.actual": "九千"})
    path = f"/api/forms/{seed_form.pk}"
    for method, body in (
        ("patch", {"goals": {"achieved": "全年目标完成。"}}),
        ("put", api("filler", "get", path).json()["form"]),
    ):
        refused = api("filler", method, path, body=body, headers={"If-Match": "*"})
        assert refused.status_code == 400, (method, refused.content)
        detail = refused.json()["detail"]
        assert "资金情况·实际支出" in detail and "九千" in detail and "funds.actual" in detail
        assert Form.objects.get(pk=seed_form.pk).pending == {"funds.actual": "九千"}
    done = api("filler", "patch", path, body={"funds": {"actual": "9000.00"}}, headers={"If-Match": "*"})
    assert done.status_code == 200 and done.json()["form"]["funds"]["actual"] == "9000.00"
    assert Form.objects.get(pk=seed_form.pk).pending == {}


def test_an_unreadable_number_sent_to_the_api_is_refused_naming_the_field(api, world, seed_form):
    path = f"/api/forms/{seed_form.pk}"
    for value in ("九千一百", "9,100.04", "1e5", "NaN", 9100.04):
        refused = api("filler", "patch", path, body={"funds": {"actual": value}}, headers={"If-Match": "*"})
        assert refused.status_code == 422, (value, refused.content)
        assert "funds.actual(资金情况·实际支出)" in refused.json()["detail"]
    assert api("filler", "get", path).json()["form"]["funds"]["actual"] == "9100.04"
