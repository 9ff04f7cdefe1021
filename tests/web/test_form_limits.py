"""Limits on the size of one form — tasks, indicators, text lengths — and on a request body: the same
on the screens, through the API and in an import, each refusal naming the limit and its value.

The limits live in ``jixiao.core.fields`` (``MAX_TASKS``, ``MAX_INDICATORS``, each field's
``max_length``) and in the settings (``JIXIAO_MAX_BODY_MB``); the tests lower them to stay quick.
"""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jixiao.core import fields
from jixiao.core import form as core
from jixiao.web.forms import editing
from jixiao.web.forms.models import Form

from .conftest import SEED_TEXT
from .test_api import api, token  # noqa: F401 - fixtures


@pytest.fixture
def small(monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(fields, "MAX_TASKS", 3)
    monkeypatch.setattr(fields, "MAX_INDICATORS", 10)


def _tasks(count: int, indicators: int = 1) -> list[core.Task]:
    return [
        core.Task(
            name=f"任务{n}", indicators=[core.Indicator(name=f"指标{n}-{i}") for i in range(indicators)]
        )
        for n in range(count)
    ]


def _token(form):  # type: ignore[no-untyped-def]
    from jixiao.web.forms import convert

    return editing.structure_token(convert.to_core(form))


def test_the_api_refuses_more_tasks_or_indicators_than_a_form_may_have(api, world, seed_form, small):  # noqa: F811
    path = f"/api/forms/{seed_form.pk}"
    many_tasks = {"tasks": [task.model_dump(mode="json") for task in _tasks(4)], "indicators": []}
    refused = api("filler", "patch", path, body=many_tasks, headers={"If-Match": "*"})
    assert refused.status_code == 422
    assert "tasks:不能超过3项(每张表的上限;现有4项)" in refused.json()["detail"]
    many_indicators = {"tasks": [task.model_dump(mode="json") for task in _tasks(2, 6)], "indicators": []}
    refused = api("filler", "patch", path, body=many_indicators, headers={"If-Match": "*"})
    assert refused.status_code == 422
    assert "全表的绩效指标不能超过10个(每张表的上限;现有12个)" in refused.json()["detail"]
    created = api(
        "filler",
        "post",
        "/api/forms",
        body={"year": 2022, "form": core.Form(year=2022, tasks=_tasks(4)).to_dict()},
    )
    assert created.status_code == 422 and "不能超过3项" in created.json()["detail"]
    fits = {"tasks": [task.model_dump(mode="json") for task in _tasks(3, 3)], "indicators": []}
    assert api("filler", "patch", path, body=fits, headers={"If-Match": "*"}).status_code == 200


def test_the_edit_page_does_not_add_a_row_past_the_limit_and_says_which(world, seed_core, login, small):
    from jixiao.web.forms.services import form_create

    data = seed_core.model_copy(update={"tasks": _tasks(3), "indicators": []})
    form = form_create(organisation=world["bureau"], year=2021, data=data, user=world["filler"])
    client = login(world["filler"])
    page = client.post(
        f"/forms/{form.pk}/structure/",
        {"op": "add:tasks", "structure": _token(form), "revision": form.revision},
        follow=True,
    )
    assert "主要任务已有3项,达到每张表的上限3项,不能再添加。" in page.content.decode()
    assert len(Form.objects.get(pk=form.pk).tasks.all()) == 3


def test_the_edit_page_refuses_a_text_past_its_length_naming_the_limit(world, seed_form, login):
    """A text with a column width (部门名称, 300) and one without (a narrative: ``MAX_TEXT``)."""
    client = login(world["filler"])
    for path, limit in (
        ("department", fields.get("department").spec.max_length),
        ("goals.achieved", fields.MAX_TEXT),
    ):
        assert limit is not None
        response = client.post(
            f"/forms/{seed_form.pk}/save/",
            {"structure": _token(seed_form), "revision": seed_form.revision, path: "字" * (limit + 1)},
            follow=True,
        )
        assert f"不能超过{limit}个字(现有{limit + 1}个字)" in response.content.decode(), path


def test_an_import_with_more_tasks_than_a_form_may_have_is_refused_naming_the_limit(api, world, monkeypatch):  # noqa: F811
    monkeypatch.setattr(fields, "MAX_TASKS", 1)
    upload = SimpleUploadedFile("自评表.txt", SEED_TEXT.read_bytes(), content_type="text/plain")
    response = api("filler", "post", "/api/forms/import", data={"file": upload, "year": "2022"})
    assert response.status_code == 422
    assert "主要任务不能超过1项(每张表的上限" in response.json()["detail"]
    assert not Form.objects.filter(year=2022).exists()


def test_a_json_body_over_the_limit_is_a_chinese_400_naming_it(api, world, seed_form, settings):  # noqa: F811
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2048
    body = json.dumps({"goals": {"achieved": "长" * 3000}}, ensure_ascii=False)
    response = api("filler", "patch", f"/api/forms/{seed_form.pk}", body=body, headers={"If-Match": "*"})
    assert response.status_code == 400
    assert response.json()["detail"] == "请求内容超过上限 2.0 KB(JIXIAO_MAX_BODY_MB),没有读取,也没有保存。"


def test_a_page_body_over_the_limit_is_a_chinese_400_naming_it(world, seed_form, login, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2048
    client = login(world["filler"])
    response = client.post(
        f"/forms/{seed_form.pk}/save/",
        {"structure": _token(seed_form), "revision": seed_form.revision, "goals.achieved": "长" * 3000},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 400
    assert "请求内容超过上限 2.0 KB(JIXIAO_MAX_BODY_MB)" in response.content.decode()


def test_a_page_with_more_inputs_than_allowed_is_a_chinese_400_naming_the_limit(
    world, seed_form, login, settings
):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    client = login(world["filler"])
    posted = {f"problems.{n}": "x" for n in range(20)}
    response = client.post(f"/forms/{seed_form.pk}/save/", posted, HTTP_HX_REQUEST="true")
    assert response.status_code == 400
    assert "提交的输入项超过上限 10 个" in response.content.decode()


def test_a_form_at_the_limits_fits_in_one_page_post():
    """Every input of a form with the most tasks and indicators fits under the posted-field limit."""
    from django.conf import settings

    assert fields.most_inputs() <= settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
    per_indicator = len(
        [f for f in fields.leaves() if f.pattern.startswith("indicators[]") and fields.on_page(f)]
    )
    assert fields.most_inputs() > fields.MAX_INDICATORS * per_indicator
