"""Downloading a form in every format the installation writes."""

from __future__ import annotations

import json

import pytest

from jixiao.render import formats

from .conftest import SEED_JSON

MAGIC = {"pdf": b"%PDF", "xlsx": b"PK", "docx": b"PK"}


def test_it_offers_every_export_format_on_the_form_page(seed_form, world, login):
    page = login(world["filler"]).get(f"/forms/{seed_form.pk}/").content.decode()
    for spec in formats.available(screens=True):
        assert f"/forms/{seed_form.pk}/export/{spec.key}/" in page
    offered = {spec.key for spec in formats.available(screens=True)}
    assert {"pdf", "xlsx", "docx", "indicators.csv", "forms.csv", "json"} == offered


@pytest.mark.parametrize("key", [spec.key for spec in formats.FORMATS if spec.screens])
def test_it_downloads_each_format(seed_form, world, login, key):
    response = login(world["reviewer"]).get(f"/forms/{seed_form.pk}/export/{key}/")
    assert response.status_code == 200
    assert response["Content-Type"] == formats.BY_KEY[key].content_type
    assert "filename*=UTF-8''" in response["Content-Disposition"]
    body = response.content
    if key in MAGIC:
        assert body.startswith(MAGIC[key])
    elif key == "json":
        assert json.loads(body) == json.loads(SEED_JSON.read_text(encoding="utf-8"))
    else:
        text = body.decode("utf-8-sig")
        assert "广州市天河区政务服务数据管理局" in text or "好评率" in text


def test_it_answers_404_for_an_unknown_format_or_one_for_several_forms(seed_form, world, login):
    client = login(world["filler"])
    for key in ("exe", "csv", "datapackage"):
        assert client.get(f"/forms/{seed_form.pk}/export/{key}/").status_code == 404


def test_it_shows_the_official_form_read_only(seed_form, world, login):
    page = login(world["finance"]).get(f"/forms/{seed_form.pk}/").content.decode()
    assert "部门整体支出绩效自评表" in page
    assert "<textarea" not in page
    assert ".jx-form" in page  # the official table comes with its own stylesheet
