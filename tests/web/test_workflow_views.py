"""Review screens (jixiao.web.workflow.views): queues, submit, return with comments, approve, audit log."""

from __future__ import annotations

import datetime

import pytest

from .workflow_data import submittable, unit_form, warnings_explained

RATE_KEY = "arithmetic.execution_rate@funds.execution_rate"


@pytest.fixture
def form(world, seed_core):  # type: ignore[no-untyped-def]
    from jixiao.web.forms.services import form_create

    return form_create(
        organisation=world["bureau"], year=2021, data=submittable(seed_core), user=world["filler"]
    )


@pytest.fixture
def submitted(world, form):  # type: ignore[no-untyped-def]
    from jixiao.web.workflow import services

    services.submit(form=form, actor=world["filler"], explanations={RATE_KEY: "按决算报表填列"})
    return form


def test_the_submit_page_asks_for_an_explanation_of_each_warning(world, form, login):
    client = login(world["filler"])
    page = client.get(f"/review/forms/{form.pk}/submit/")
    assert page.status_code == 200
    text = page.content.decode()
    assert f'name="x:{RATE_KEY}"' in text and "97.13%" in text

    refused = client.post(f"/review/forms/{form.pk}/submit/", {f"x:{RATE_KEY}": ""})
    assert refused.status_code == 400
    assert "1 个警告没有说明" in refused.content.decode()
    form.refresh_from_db()
    assert form.status == "draft"

    done = client.post(f"/review/forms/{form.pk}/submit/", {f"x:{RATE_KEY}": "按决算报表填列"})
    assert done.status_code == 302
    form.refresh_from_db()
    assert form.status == "submitted" and form.explanations == {RATE_KEY: "按决算报表填列"}


def test_the_submit_page_lists_the_errors_that_block_it(world, seed_form, login):
    page = login(world["filler"]).get(f"/review/forms/{seed_form.pk}/submit/")
    text = page.content.decode()
    assert "有 6 个错误,改正后才能提交" in text
    assert 'id="submit"' not in text


def test_the_filler_cannot_approve_their_own_form_by_screen(world, submitted, login):
    client = login(world["filler"])
    review = client.get(f"/review/forms/{submitted.pk}/").content.decode()
    assert 'id="approve"' not in review and 'id="return"' not in review
    answer = client.post(f"/review/forms/{submitted.pk}/approve-department/", follow=True)
    assert "只有本部门的主管部门审核人可以对这张自评表进行“部门审核通过”" in answer.content.decode()
    submitted.refresh_from_db()
    assert submitted.status == "submitted"


def test_the_filler_cannot_edit_a_submitted_form_by_screen(world, submitted, login):
    client = login(world["filler"])
    detail = client.get(f"/forms/{submitted.pk}/").content.decode()
    assert 'id="edit"' not in detail  # the read-only official view, not the edit form
    assert "已提交" in detail
    save = client.post(f"/forms/{submitted.pk}/save/", {"funds.actual": "1"})
    assert save.status_code == 403
    structure = client.post(f"/forms/{submitted.pk}/structure/", {"op": "add:tasks"})
    assert structure.status_code == 403
    imported = client.post(f"/forms/{submitted.pk}/import/", {})
    assert imported.status_code == 403
    submitted.refresh_from_db()
    assert str(submitted.actual) == "9100.040000"


def test_the_reviewer_returns_with_field_comments_the_filler_sees_beside_the_field(world, submitted, login):
    reviewer = login(world["reviewer"])
    review = reviewer.get(f"/review/forms/{submitted.pk}/").content.decode()
    assert 'name="c:funds.execution_rate"' in review
    assert "按决算报表填列" in review  # the filler's explanation beside the warning
    refused = reviewer.post(f"/review/forms/{submitted.pk}/return/", {"comment": ""}, follow=True)
    assert "退回时请填写退回意见" in refused.content.decode()

    reviewer.post(
        f"/review/forms/{submitted.pk}/return/",
        {
            "comment": "请按公式改正预算完成率",
            "c:funds.execution_rate": "应为 97.13%",
            "c:goals.expected": " ",
        },
    )
    submitted.refresh_from_db()
    assert submitted.status == "returned"

    filler = login(world["filler"])
    edit = filler.get(f"/forms/{submitted.pk}/").content.decode()
    assert 'id="edit"' in edit
    assert "请按公式改正预算完成率" in edit
    notes = edit.split('id="n-funds-execution_rate"', 1)[1].split("</div>", 1)[0]
    assert "审核意见" in notes and "应为 97.13%" in notes


def test_queues_show_each_reviewer_what_waits_for_them(world, submitted, login):
    reviewer = login(world["reviewer"]).get("/review/").content.decode()
    pending = reviewer.split('id="q-pending"', 1)[1].split("</section>", 1)[0]
    assert "广州市天河区政务服务数据管理局" in pending
    finance = login(world["finance"]).get("/review/").content.decode()
    assert (
        "广州市天河区政务服务数据管理局"
        not in finance.split('id="q-pending"', 1)[1].split("</section>", 1)[0]
    )


def test_reviewers_see_which_units_are_late(world, form, login):
    page = login(world["reviewer"]).get("/review/?year=2021").content.decode()
    late = page.split('id="late"', 1)[1].split("</section>", 1)[0]
    assert "广州市天河区政务服务中心" in late and "未填报" in late
    assert "2022-04-30" in late


def test_the_late_list_follows_the_deadline_of_each_level(world, form):
    from jixiao.web.orgs.models import EvaluationYear
    from jixiao.web.workflow import selectors
    from jixiao.web.workflow.models import Deadline

    year = EvaluationYear.objects.get(region=world["region"], year=2021)
    Deadline.objects.create(
        year=year, unit_deadline=datetime.date(2022, 3, 31), department_deadline=datetime.date(2022, 4, 15)
    )
    assert selectors.late(user=world["reviewer"], year=2021, today=datetime.date(2022, 3, 31)) == []
    late = selectors.late(user=world["reviewer"], year=2021, today=datetime.date(2022, 4, 10))
    assert {(item.organisation.name, item.level, item.days) for item in late} == {
        ("广州市天河区政务服务数据管理局", "单位报送", 10),
        ("广州市天河区政务服务中心", "单位报送", 10),
    }
    later = selectors.late(user=world["reviewer"], year=2021, today=datetime.date(2022, 4, 20))
    assert ("广州市天河区政务服务数据管理局", "部门汇总报送", 5) in {
        (item.organisation.name, item.level, item.days) for item in later
    }


def test_the_department_reviewer_builds_the_summary_from_the_queue(world, submitted, login):
    from jixiao.web.forms.models import Form
    from jixiao.web.forms.services import form_create
    from jixiao.web.workflow import services

    client = login(world["reviewer"])
    client.post(f"/review/forms/{submitted.pk}/approve-department/")
    refused = client.post(f"/review/summary/{world['bureau'].pk}/2021/", follow=True).content.decode()
    assert "广州市天河区政务服务中心(未填报)" in refused

    unit = form_create(
        organisation=world["unit"], year=2021, data=unit_form(world["unit"].name), user=world["unit_filler"]
    )
    services.submit(form=unit, actor=world["unit_filler"], explanations=warnings_explained(unit))
    client.post(f"/review/forms/{unit.pk}/approve-department/")
    answer = client.post(f"/review/summary/{world['bureau'].pk}/2021/")
    summary = Form.objects.get(organisation=world["bureau"], year=2021, rollup=True)
    assert answer.status_code == 302 and answer["Location"] == f"/review/forms/{summary.pk}/"
    assert summary.status == "finance_review"
    assert login(world["finance"]).get("/review/").content.decode().count(f"/review/forms/{summary.pk}/") >= 1


def test_finance_approves_spot_checks_and_publishes_by_screen(world, submitted, login):
    from jixiao.web.forms.models import Form

    education = Form.objects.create(organisation=world["education"], year=2021, status=Form.FINANCE_REVIEW)
    client = login(world["finance"])
    client.post(f"/review/forms/{education.pk}/approve-finance/")
    answer = client.post(
        f"/review/forms/{education.pk}/spot-check/", {"score": "abc", "comment": "x"}, follow=True
    )
    assert "不是数字" in answer.content.decode()
    client.post(f"/review/forms/{education.pk}/spot-check/", {"score": "91.5", "comment": "抽查资料齐全"})
    client.post(f"/review/forms/{education.pk}/publish/")
    education.refresh_from_db()
    assert education.status == "published" and str(education.spot_check_score) == "91.50"
    view = client.get(f"/forms/{education.pk}/view/").content.decode()
    assert "财政抽查复核得分:<b>91.50</b>" in view


def test_the_audit_log_is_shown_per_form_and_exported(world, submitted, login):
    client = login(world["reviewer"])
    page = client.get(f"/review/forms/{submitted.pk}/audit/").content.decode()
    assert "新建" in page and "提交" in page and "filler" in page
    assert "草稿 → 已提交" in page
    csv = client.get(f"/review/forms/{submitted.pk}/audit.csv")
    assert csv["Content-Type"].startswith("text/csv")
    text = csv.content.decode("utf-8")
    assert text.startswith("\ufeff时间,操作人") and ",提交," in text and "按决算报表填列" in text


def test_people_who_cannot_see_the_form_get_404_on_every_review_page(world, submitted, login):
    client = login(world["filler2"])
    for url in ("", "submit/", "audit/", "audit.csv"):
        assert client.get(f"/review/forms/{submitted.pk}/{url}").status_code == 404
    assert client.post(f"/review/forms/{submitted.pk}/approve-department/").status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client, submitted):
    answer = client.get("/review/")
    assert answer.status_code == 302 and "/accounts/login/" in answer["Location"]


def test_the_filler_finds_the_way_back_from_the_review_page(world, login, seed_form):  # type: ignore[no-untyped-def]
    page = login(world["filler"]).get(f"/review/forms/{seed_form.pk}/").content.decode()
    assert f'<a class="button" href="/forms/{seed_form.pk}/" id="to-form">返回填报</a>' in page
    reviewer = login(world["reviewer"]).get(f"/review/forms/{seed_form.pk}/")
    assert reviewer.status_code == 200 and "审核操作" in reviewer.content.decode()
    assert 'id="to-form"' not in reviewer.content.decode()
