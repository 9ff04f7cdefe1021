"""Who sees and changes which form: by URL and by form post."""

from __future__ import annotations

import pytest

from jixiao.web.accounts import policy
from jixiao.web.forms.models import Form
from jixiao.web.forms.services import empty_form, form_create


@pytest.fixture
def unit_form(world):
    unit = world["unit"]
    return form_create(organisation=unit, year=2021, data=empty_form(unit, 2021), user=world["unit_filler"])


@pytest.fixture
def education_form(world):
    org = world["education"]
    return form_create(organisation=org, year=2021, data=empty_form(org, 2021), user=world["filler2"])


def _seed_post(form):
    from jixiao.web.forms import convert, editing

    data = convert.to_core(convert.prefetched(Form.objects.filter(pk=form.pk)).get())
    return {"structure": editing.structure_token(data), "funds.execution_rate": "97.13"}


@pytest.mark.parametrize("suffix", ["", "view/", "export/json/"])
def test_it_hides_another_units_form_by_url(seed_form, world, login, suffix):
    client = login(world["filler2"])
    assert client.get(f"/forms/{seed_form.pk}/{suffix}").status_code == 404


@pytest.mark.parametrize("suffix", ["save/", "structure/"])
def test_it_refuses_another_units_form_by_post(seed_form, world, login, suffix):
    client = login(world["filler2"])
    data = {**_seed_post(seed_form), "op": "add:tasks"}
    response = client.post(f"/forms/{seed_form.pk}/{suffix}", data, HTTP_HX_REQUEST="true")
    assert response.status_code == 404
    seed_form.refresh_from_db()
    assert str(seed_form.execution_rate) == "97.100000"
    assert seed_form.tasks.count() == 3


def test_it_refuses_an_import_into_another_units_form(seed_form, world, login):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = login(world["filler2"])
    upload = SimpleUploadedFile("x.json", b"{}", content_type="application/json")
    assert client.post(f"/forms/{seed_form.pk}/import/", {"file": upload}).status_code == 404


def test_it_refuses_to_resolve_review_entries_of_another_unit(seed_form, world, login):
    item = seed_form.review_items.first()
    client = login(world["filler2"])
    assert client.post(f"/forms/{seed_form.pk}/review/{item.pk}/resolve/").status_code == 404
    item.refresh_from_db()
    assert item.resolved_at is None


def test_it_lets_a_reviewer_read_but_not_change_the_form(seed_form, world, login):
    client = login(world["reviewer"])
    assert client.get(f"/forms/{seed_form.pk}/").status_code == 200
    response = client.post(f"/forms/{seed_form.pk}/save/", _seed_post(seed_form))
    assert response.status_code == 403
    seed_form.refresh_from_db()
    assert str(seed_form.execution_rate) == "97.100000"


def test_it_refuses_changes_to_a_submitted_form_even_from_its_filler(seed_form, world, login):
    Form.objects.filter(pk=seed_form.pk).update(status=Form.SUBMITTED)
    client = login(world["filler"])
    assert client.post(f"/forms/{seed_form.pk}/save/", _seed_post(seed_form)).status_code == 403
    # and the page is the read-only view, without inputs
    page = client.get(f"/forms/{seed_form.pk}/").content.decode()
    assert 'name="funds.execution_rate"' not in page


def test_it_shows_a_department_reviewer_the_department_and_its_units(
    seed_form, unit_form, education_form, world
):
    visible = set(policy.visible_forms(world["reviewer"]))
    assert visible == {seed_form, unit_form}


def test_it_shows_finance_every_form_of_the_region(seed_form, unit_form, education_form, world):
    assert set(policy.visible_forms(world["finance"])) == {seed_form, unit_form, education_form}


def test_it_shows_a_filler_only_their_own_units_forms(seed_form, unit_form, education_form, world):
    assert set(policy.visible_forms(world["filler"])) == {seed_form}
    assert set(policy.visible_forms(world["unit_filler"])) == {unit_form}


def test_it_lists_only_visible_forms(seed_form, education_form, world, login):
    page = login(world["filler2"]).get("/forms/").content.decode()
    assert "广州市天河区教育局" in page
    assert "广州市天河区政务服务数据管理局" not in page


def test_it_sends_anonymous_visitors_to_the_login_page(seed_form, client):
    response = client.get(f"/forms/{seed_form.pk}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert client.post(f"/forms/{seed_form.pk}/save/", {}).status_code == 302
