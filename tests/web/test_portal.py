"""The public portal: only 已公开 forms, by region, year and department; search; the form and its downloads.

Forms reach 已公开 only through the workflow services (提交 → 部门审核通过 → 财政审核通过 → 公开), as a
real form does. 广州市天河区教育局 has no subordinate units, so its form goes from the department
review straight to finance.
"""

from __future__ import annotations

import io
import json
import re
import zipfile

import pytest

from .conftest import PASSWORD
from .workflow_data import submittable, warnings_explained

EDUCATION = "广州市天河区教育局"


# --- Helpers shared with the API tests (the seed made submittable: ``workflow_data``) ---------------


def education_reviewer(world):  # type: ignore[no-untyped-def]
    from jixiao.web.accounts.models import User
    from jixiao.web.accounts.services import user_ensure

    return user_ensure(
        username="edu_reviewer",
        password=PASSWORD,
        role=User.DEPARTMENT_REVIEWER,
        organisation=world["education"],
    )


def education_form(world, seed_core, *, year=2021):  # type: ignore[no-untyped-def]
    """Create the education bureau's form from the seed content, ready to submit, as a draft."""
    from jixiao.web.forms.services import form_create

    data = submittable(seed_core).model_copy(update={"department": EDUCATION})
    return form_create(organisation=world["education"], year=year, data=data, user=world["filler2"])


def publish_through_workflow(world, form):  # type: ignore[no-untyped-def]
    """Take a draft form of the education bureau through every step to 已公开, and index it."""
    from jixiao.web.portal.services import index_form
    from jixiao.web.workflow import services as workflow

    workflow.submit(form=form, actor=world["filler2"], explanations=warnings_explained(form))
    workflow.approve_department(form=form, actor=education_reviewer(world))
    workflow.approve_finance(form=form, actor=world["finance"])
    workflow.publish(form=form, actor=world["finance"])
    index_form(form)  # publish() is to call this itself; doing it twice is harmless
    form.refresh_from_db()
    return form


@pytest.fixture
def published(world, seed_core):  # type: ignore[no-untyped-def]
    """The education bureau's 2021 form (the seed's content), published through the workflow."""
    return publish_through_workflow(world, education_form(world, seed_core))


# --- Listing and visibility ---------------------------------------------------------------------


def test_it_lists_a_published_form_to_an_anonymous_visitor(client, published):
    response = client.get("/public/")
    assert response.status_code == 200
    assert published.status == "published"
    assert f"/public/forms/{published.pk}/" in response.content.decode()
    assert EDUCATION in response.content.decode()


def test_it_never_shows_a_form_that_is_not_published(client, world, seed_core, seed_form, published):
    from jixiao.web.workflow import services as workflow

    body = client.get("/public/").content.decode()
    assert f"/public/forms/{seed_form.pk}/" not in body
    assert client.get(f"/public/forms/{seed_form.pk}/").status_code == 404
    assert client.get(f"/public/forms/{seed_form.pk}/download/pdf/").status_code == 404
    assert client.get(f"/public/forms/{seed_form.pk}/download/json/").status_code == 404
    assert client.get("/public/forms/999999/").status_code == 404

    # Nor at any step before 公开: submitted, approved by the department and by finance.
    other = education_form(world, seed_core, year=2022)
    steps = [
        lambda f: workflow.submit(form=f, actor=world["filler2"], explanations=warnings_explained(f)),
        lambda f: workflow.approve_department(form=f, actor=education_reviewer(world)),
        lambda f: workflow.approve_finance(form=f, actor=world["finance"]),
    ]
    for step in steps:
        step(other)
        assert client.get(f"/public/forms/{other.pk}/").status_code == 404
        assert f"/public/forms/{other.pk}/" not in client.get("/public/").content.decode()


def test_it_filters_by_region_year_and_department(client, world, published):
    ok = client.get("/public/", {"region": "440106", "year": "2021", "department": world["education"].pk})
    assert f"/public/forms/{published.pk}/" in ok.content.decode()
    for params in ({"year": "2022"}, {"region": "440105"}, {"department": world["bureau"].pk}):
        body = client.get("/public/", params).content.decode()
        assert f"/public/forms/{published.pk}/" not in body, params


def test_it_ignores_filters_it_cannot_read(client, published):
    response = client.get(
        "/public/", {"year": "二〇二一", "region": "x", "department": "1 OR 1", "page": "-3"}
    )
    assert response.status_code == 200
    assert f"/public/forms/{published.pk}/" in response.content.decode()


def test_it_pages_the_list(client, world, seed_core, published, monkeypatch):
    from jixiao.web.portal import views

    second = publish_through_workflow(world, education_form(world, seed_core, year=2022))
    monkeypatch.setattr(views, "PAGE_SIZE", 1)
    first_page = client.get("/public/").content.decode()
    second_page = client.get("/public/", {"page": "2"}).content.decode()
    # Newest year first.
    assert f"/public/forms/{second.pk}/" in first_page and f"/public/forms/{published.pk}/" not in first_page
    assert f"/public/forms/{published.pk}/" in second_page
    assert "第 1 页 / 共 2 页" in first_page and "下一页" in first_page


# --- Search -------------------------------------------------------------------------------------


def test_searching_kuayutongban_finds_the_published_seed_form(client, world, seed_form, published):
    response = client.get("/public/", {"q": "跨域通办"})
    body = response.content.decode()
    assert response.status_code == 200
    assert f"/public/forms/{published.pk}/" in body
    # The bureau's draft says the same words but is not published.
    assert f"/public/forms/{seed_form.pk}/" not in body
    # The passage where the words stand, with the words marked.
    assert "<mark>跨域通办</mark>" in body


def test_search_needs_every_word(client, published):
    assert (
        f"/public/forms/{published.pk}/" in client.get("/public/", {"q": "营商环境 一件事"}).content.decode()
    )
    missing = client.get("/public/", {"q": "跨域通办 航天发射"}).content.decode()
    assert f"/public/forms/{published.pk}/" not in missing
    assert "没有找到" in missing


def test_search_with_only_punctuation_finds_nothing_and_says_so(client, published):
    body = client.get("/public/", {"q": "“”,。!"}).content.decode()
    assert f"/public/forms/{published.pk}/" not in body
    assert "请输入要查找的字词" in body


def test_portal_search_selector_respects_the_filters(world, published):
    from jixiao.web.portal.selectors import Filters, portal_search

    assert list(portal_search("跨域通办")) == [published]
    assert list(portal_search("跨域通办", Filters(year=2022))) == []
    assert list(portal_search("天河区 教育局", Filters(region="440106"))) == [published]


def test_search_results_are_paged_and_loaded_a_page_at_a_time(
    client, world, seed_core, published, monkeypatch
):
    from jixiao.web.portal import views
    from jixiao.web.portal.selectors import portal_search

    newer = publish_through_workflow(world, education_form(world, seed_core, year=2022))
    found = portal_search("跨域通办")
    assert len(found) == 2 and found.count() == 2
    assert [f.pk for f in found[0:1]] == [newer.pk]  # equally good matches: newest year first
    assert found[1].pk == published.pk
    monkeypatch.setattr(views, "PAGE_SIZE", 1)
    first = client.get("/public/", {"q": "跨域通办"}).content.decode()
    second = client.get("/public/", {"q": "跨域通办", "page": "2"}).content.decode()
    assert f"/public/forms/{newer.pk}/" in first and f"/public/forms/{published.pk}/" not in first
    assert f"/public/forms/{published.pk}/" in second
    assert "q=%E8%B7%A8%E5%9F%9F%E9%80%9A%E5%8A%9E&amp;page=2" in first  # the next page keeps the query


def test_index_form_keeps_out_what_is_not_published(world, seed_form):
    from jixiao.web.portal.models import SearchEntry
    from jixiao.web.portal.selectors import portal_search
    from jixiao.web.portal.services import index_form

    assert index_form(seed_form) is None
    assert not SearchEntry.objects.filter(form=seed_form).exists()
    assert list(portal_search("跨域通办")) == []


def test_the_reindex_command_rebuilds_the_index(world, published):
    from django.core.management import call_command

    from jixiao.web.portal.models import SearchEntry
    from jixiao.web.portal.selectors import portal_search
    from jixiao.web.portal.services import unindex_form

    unindex_form(published.pk)
    assert list(portal_search("跨域通办")) == []
    out = io.StringIO()
    call_command("jixiao_reindex", stdout=out)
    assert "1 张已公开的自评表" in out.getvalue()
    assert SearchEntry.objects.count() == 1
    assert list(portal_search("跨域通办")) == [published]


# --- One form and its downloads -----------------------------------------------------------------


def test_it_shows_the_published_form_as_the_official_table(client, published):
    response = client.get(f"/public/forms/{published.pk}/")
    body = response.content.decode()
    assert response.status_code == 200
    assert 'class="jx-form ' in body
    assert "实现“跨域通办”事项数" in body or "跨域通办" in body
    for fmt in ("pdf", "xlsx", "json", "indicators.csv"):
        assert f"/public/forms/{published.pk}/download/{fmt}/" in body


def test_it_shows_the_finance_spot_check_beside_the_self_score(client, world, published):
    from jixiao.web.workflow import services as workflow

    assert "抽查复核" not in client.get(f"/public/forms/{published.pk}/").content.decode()
    workflow.spot_check(form=published, actor=world["finance"], score="86.5", comment="佐证材料基本齐全。")
    body = client.get(f"/public/forms/{published.pk}/").content.decode()
    assert "财政抽查复核得分:86.50" in body and "佐证材料基本齐全。" in body


def test_its_pages_need_nothing_from_the_network(client, published):
    for url in ("/public/", f"/public/forms/{published.pk}/", "/public/?q=跨域通办"):
        body = client.get(url).content.decode()
        external = [u for u in re.findall(r'(?:src|href)="([^"]+)"', body) if re.match(r"(https?:)?//", u)]
        assert external == [], url


def test_it_downloads_the_published_form_as_json_equal_to_the_stored_form(client, published):
    from jixiao.core.form import Form
    from jixiao.web.forms import convert
    from jixiao.web.forms.models import Form as Row

    response = client.get(f"/public/forms/{published.pk}/download/json/")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    downloaded = Form.from_json(response.content)
    stored = convert.to_core(convert.prefetched(Row.objects.filter(pk=published.pk)).get())
    assert downloaded == stored
    assert json.loads(response.content)["schema"] == "jixiao.self-evaluation/1"


def test_it_downloads_the_published_form_as_pdf_xlsx_and_csv(client, published):
    pdf = client.get(f"/public/forms/{published.pk}/download/pdf/")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    xlsx = client.get(f"/public/forms/{published.pk}/download/xlsx/")
    assert xlsx.status_code == 200
    assert "xl/workbook.xml" in zipfile.ZipFile(io.BytesIO(xlsx.content)).namelist()
    csv = client.get(f"/public/forms/{published.pk}/download/indicators.csv/")
    assert csv.status_code == 200 and "跨域通办" in csv.content.decode("utf-8")


def test_it_refuses_formats_it_does_not_publish(client, published):
    assert client.get(f"/public/forms/{published.pk}/download/docx/").status_code == 404
    assert client.get(f"/public/forms/{published.pk}/download/exe/").status_code == 404


def test_the_portal_is_linked_from_the_web_system(login, world):
    body = login(world["filler"]).get("/forms/").content.decode()
    assert 'href="/public/"' in body
