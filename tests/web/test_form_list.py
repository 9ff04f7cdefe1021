"""Long lists a page at a time (forms list, dashboards' drill-down, review queue) and the 汇总 tags.

Pages hold 50 forms in the list's own order; every other query parameter stays in the page links; a
page number past the end shows the last page with a Chinese sentence. Paging never widens what a
person sees: a filler's pages hold only their own unit's forms.
"""

from __future__ import annotations

import re

import pytest

from .workflow_data import submittable, unit_form, warnings_explained

UNIT = "广州市天河区政务服务中心"
EDUCATION = "广州市天河区教育局"


@pytest.fixture
def many(world, seed_form):  # type: ignore[no-untyped-def]
    """61 of the unit's 2021 project forms, one education form of 2022, and the bureau's seed form."""
    from jixiao.web.forms.services import empty_form, form_create

    unit = world["unit"]
    made = [
        form_create(
            organisation=unit,
            year=2021,
            data=empty_form(unit, 2021).model_copy(update={"kind": "project", "project": f"项目{n:02d}"}),
            user=world["unit_filler"],
            kind="project",
        )
        for n in range(61)
    ]
    education = world["education"]
    form_create(organisation=education, year=2022, data=empty_form(education, 2022), user=world["filler2"])
    return made


def _rows(page: str, link: str = "/forms/") -> list[int]:
    """The form ids linked from the list's table body, in order."""
    body = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [int(pk) for pk in re.findall(rf'href="{link}(\d+)/"', body)]


def test_finance_reads_the_list_fifty_forms_a_page_in_the_usual_order(world, many, login):
    from jixiao.web.forms.selectors import form_list

    order = list(form_list(user=world["finance"]).values_list("pk", flat=True))
    assert len(order) == 63
    client = login(world["finance"])
    first = client.get("/forms/").content.decode()
    assert "共 63 张,第 1/2 页" in first
    assert _rows(first) == order[:50]
    assert 'href="?page=2" rel="next">下一页</a>' in first
    second = client.get("/forms/?page=2").content.decode()
    assert "共 63 张,第 2/2 页" in second
    assert _rows(second) == order[50:]
    assert 'href="?page=1" rel="prev">上一页</a>' in second
    assert '<span aria-current="page" class="pager-current">2</span>' in second


def test_the_page_links_keep_the_year_chosen(world, many, login):
    client = login(world["finance"])
    page = client.get("/forms/?year=2021").content.decode()
    assert "共 62 张,第 1/2 页" in page
    assert 'href="?year=2021&amp;page=2"' in page
    second = client.get("/forms/?year=2021&page=2").content.decode()
    assert len(_rows(second)) == 12 and 'href="?year=2021&amp;page=1"' in second
    assert "2022" not in "".join(re.findall(r"<td>(\d{4})</td>", second))


@pytest.mark.parametrize(
    ("asked", "sentence", "number"),
    [
        ("9", "没有第 9 页,共 2 页;下面是第 2 页。", 2),
        ("0", "没有第 0 页;下面是第 1 页。", 1),
        ("二", "页码“二”不是数字;下面是第 1 页。", 1),
        ("99999999999999", "页码“99999999999999”不是数字;下面是第 1 页。", 1),
    ],
)
def test_a_page_that_does_not_exist_is_said_and_a_real_one_shown(world, many, login, asked, sentence, number):
    from jixiao.web.forms.selectors import form_list

    order = list(form_list(user=world["finance"]).values_list("pk", flat=True))
    answer = login(world["finance"]).get("/forms/", {"page": asked})
    assert answer.status_code == 200
    text = answer.content.decode()
    assert text.count(sentence) == 1 and f"共 63 张,第 {number}/2 页" in text
    assert _rows(text) == order[(number - 1) * 50 : number * 50]


def test_a_filler_sees_only_their_own_forms_on_every_page(world, many, login):
    client = login(world["unit_filler"])
    seen: list[int] = []
    for number in (1, 2):
        page = client.get(f"/forms/?page={number}").content.decode()
        assert f"共 61 张,第 {number}/2 页" in page
        assert EDUCATION not in page and "广州市天河区政务服务数据管理局</a>" not in page
        seen += _rows(page)
    assert sorted(seen) == sorted(form.pk for form in many)
    other = login(world["filler2"]).get("/forms/?page=2").content.decode()
    assert "没有第 2 页,共 1 页;下面是第 1 页。" in other and "共 1 张,第 1/1 页" in other
    assert UNIT not in other and 'rel="next"' not in other


def test_the_chart_note_counts_the_whole_filtered_set_not_the_page(world, many, login):
    page = login(world["finance"]).get("/forms/?page=2").content.decode()
    assert "共 63 张表,逐张画图看不清" in page


def test_the_dashboards_list_pages_with_its_filters_and_downloads_everything(world, many, login):
    client = login(world["finance"])
    first = client.get("/dashboards/forms/?year=2021").content.decode()
    assert "共 62 张,第 1/2 页" in first and "全部 62 张" in first
    assert 'href="?year=2021&amp;page=2"' in first
    assert len(_rows(first)) == 50
    second = client.get("/dashboards/forms/?year=2021&page=2").content.decode()
    assert len(_rows(second)) == 12 and not set(_rows(first)) & set(_rows(second))
    assert 'href="?year=2021&amp;download=xlsx"' in second  # the download is the whole list, not page 2
    late = client.get("/dashboards/forms/?year=2021&page=7").content.decode()
    assert late.count("没有第 7 页,共 2 页;下面是第 2 页。") == 1 and _rows(late) == _rows(second)


def test_the_queue_pages_each_list_on_its_own(world, many, login):
    client = login(world["unit_filler"])
    first = client.get("/review/").content.decode()
    assert "草稿(待提交)(61)" in first and "共 61 张,第 1/2 页" in first
    assert 'href="?p_pending=2#q-pending"' in first
    assert len(_rows(first, "/review/forms/")) == 50
    second = client.get("/review/?year=2021&p_pending=2").content.decode()
    assert len(_rows(second, "/review/forms/")) == 11
    assert 'href="?year=2021&amp;p_pending=1#q-pending"' in second
    assert EDUCATION not in second


# --- the 汇总 tags ------------------------------------------------------------------------------


def _tags(text: str) -> set[str]:
    return set(re.findall(r'<span class="tag">([^<]+)</span>', text)) | set(
        re.findall(r"年度\((汇总表|含下属单位)\)</h1>", text)
    )


def test_every_page_names_the_two_kinds_of_summary_alike(world, seed_core, login):
    from jixiao.web.forms.models import Form
    from jixiao.web.forms.services import form_create
    from jixiao.web.workflow import services

    own = form_create(
        organisation=world["bureau"], year=2021, data=submittable(seed_core), user=world["filler"]
    )
    assert own.summary and not own.rollup  # the bureau's own form says (汇总): it includes its unit
    services.submit(
        form=own,
        actor=world["filler"],
        explanations={"arithmetic.execution_rate@funds.execution_rate": "按决算报表填列"},
    )
    unit = form_create(organisation=world["unit"], year=2021, data=unit_form(UNIT), user=world["unit_filler"])
    services.submit(form=unit, actor=world["unit_filler"], explanations=warnings_explained(unit))
    for form in (own, unit):
        services.approve_department(form=form, actor=world["reviewer"])
    built = services.build_summary(department=world["bureau"], year=2021, actor=world["reviewer"])
    assert built.rollup and Form.objects.get(pk=built.pk).summary

    client = login(world["finance"])
    for form, tag in ((own, "含下属单位"), (built, "汇总表")):
        for url in (f"/forms/{form.pk}/", f"/review/forms/{form.pk}/"):
            assert _tags(client.get(url, follow=True).content.decode()) == {tag}, url
    listed = client.get("/forms/").content.decode()
    assert re.search(rf'href="/forms/{own.pk}/">[^<]+</a> <span class="tag">含下属单位</span>', listed)
    assert re.search(rf'href="/forms/{built.pk}/">[^<]+</a> <span class="tag">汇总表</span>', listed)
    assert re.search(rf'href="/forms/{unit.pk}/">[^<]+</a></td>', listed)
    queue = client.get("/review/").content.decode()
    assert re.search(rf'href="/review/forms/{built.pk}/">[^<]+</a> <span class="tag">汇总表</span>', queue)
    reviewer = login(world["reviewer"]).get("/review/").content.decode()
    assert re.search(
        rf'href="/review/forms/{own.pk}/">[^<]+</a> <span class="tag">含下属单位</span>', reviewer
    )
