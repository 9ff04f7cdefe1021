"""Editing a form: each save is checked at once and each finding lands next to its field."""

from __future__ import annotations

import re

import pytest

from jixiao.web.forms import convert, editing
from jixiao.web.forms.models import Form


def _core(form):
    return convert.to_core(convert.prefetched(Form.objects.filter(pk=form.pk)).get())


def _notes(html: str, slot: str) -> str:
    match = re.search(rf'<div class="notes" id="n-{slot}"[^>]*>(.*?)</div>', html, re.S)
    assert match, f"no notes slot {slot}"
    return match.group(1)


def _save(client, form, **fields):
    """Post fields as a page in step with the stored form would (its rows and its revision)."""
    revision = Form.objects.get(pk=form.pk).revision
    data = {"structure": editing.structure_token(_core(form)), "revision": revision, **fields}
    return client.post(f"/forms/{form.pk}/save/", data, HTTP_HX_REQUEST="true")


def test_it_shows_the_execution_rate_warning_next_to_its_field(seed_form, world, login):
    page = login(world["filler"]).get(f"/forms/{seed_form.pk}/").content.decode()
    notes = _notes(page, "funds-execution_rate")
    assert "arithmetic.execution_rate" in notes
    assert "97.10%" in notes and "97.13%" in notes
    assert re.search(r'id="c-funds-execution_rate"[^>]*>计算值 97.13%', page)


def test_it_clears_the_warning_when_the_filler_corrects_the_rate(seed_form, world, login):
    response = _save(login(world["filler"]), seed_form, **{"funds.execution_rate": "97.13"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "已保存" in html
    assert _notes(html, "funds-execution_rate") == ""
    seed_form.refresh_from_db()
    assert _core(seed_form).funds.execution_rate.compare_total(__import__("decimal").Decimal("97.13")) == 0
    assert seed_form.check_summary["execution_rate"] == "97.13"


def test_it_recomputes_when_an_amount_changes(seed_form, world, login):
    html = _save(login(world["filler"]), seed_form, **{"funds.actual": "9,368.62"}).content.decode()
    assert re.search(r'id="c-funds-execution_rate"[^>]*>计算值 100.00%', html)
    assert "实际支出 ÷ 调整预算" in _notes(html, "funds-execution_rate")


def test_it_keeps_what_cannot_be_read_as_a_number_and_says_why(seed_form, world, login):
    client = login(world["filler"])
    html = _save(client, seed_form, **{"funds.actual": "九千一百"}).content.decode()
    assert "请填写数字" in _notes(html, "funds-actual")
    seed_form.refresh_from_db()
    assert seed_form.pending == {"funds.actual": "九千一百"}
    assert str(_core(seed_form).funds.actual) == "9100.04"  # the stored figure is untouched
    page = client.get(f"/forms/{seed_form.pk}/").content.decode()
    assert 'value="九千一百"' in page


def test_it_places_an_indicator_finding_next_to_the_indicator(seed_form, world, login):
    page = login(world["filler"]).get(f"/forms/{seed_form.pk}/").content.decode()
    assert "指标名称为空" in _notes(page, "tasks-0-indicators-2-name")


def test_it_shows_each_indicators_verdict_with_its_evidence_marked(seed_form, world, login):
    page = login(world["filler"]).get(f"/forms/{seed_form.pk}/").content.decode()
    block = re.search(r'<div class="evaluation" id="ev-tasks-0-indicators-1">(.*?)</div>', page, re.S).group(
        1
    )
    assert "已达成" in block
    assert "<mark>344项</mark>" in block


def test_it_edits_texts_tasks_and_lists(seed_form, world, login):
    client = login(world["filler"])
    _save(
        client,
        seed_form,
        **{
            "tasks[2].funds": "1200.50",
            "tasks[0].indicators[2].name": "“一件事”主题服务事项≥20组",
            "problems": "问题一\r\n\r\n问题二\r\n",
            "goals.expected": "",
        },
    )
    data = _core(seed_form)
    assert str(data.tasks[2].funds) == "1200.50"
    assert data.tasks[0].indicators[2].name == "“一件事”主题服务事项≥20组"
    assert data.problems == ["问题一", "问题二"]
    assert data.goals.expected is None  # absent is null, never ""


def test_it_adds_and_removes_tasks_and_indicators(seed_form, world, login):
    client = login(world["filler"])
    token = editing.structure_token(_core(seed_form))
    response = client.post(
        f"/forms/{seed_form.pk}/structure/", {"structure": token, "op": "add:tasks[1].indicators"}
    )
    assert response.status_code == 302
    assert len(_core(seed_form).tasks[1].indicators) == 6
    token = editing.structure_token(_core(seed_form))
    revision = Form.objects.get(pk=seed_form.pk).revision
    client.post(
        f"/forms/{seed_form.pk}/structure/",
        {"structure": token, "revision": revision, "op": "remove:tasks/0", "tasks[1].name": "改名"},
    )
    data = _core(seed_form)
    assert len(data.tasks) == 2
    assert data.tasks[0].name == "改名"  # what was typed before the click is saved too


def test_it_refuses_a_post_from_a_page_whose_rows_have_changed(seed_form, world, login):
    client = login(world["filler"])
    response = client.post(
        f"/forms/{seed_form.pk}/save/", {"structure": "l0t", "funds.actual": "1"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 409
    assert "刷新页面" in response.content.decode()
    assert str(_core(seed_form).funds.actual) == "9100.04"


def test_resolving_a_review_entry_updates_the_findings(seed_form, world, login):
    client = login(world["filler"])
    item = seed_form.review_items.get(path="tasks[2].funds")
    html = client.post(
        f"/forms/{seed_form.pk}/review/{item.pk}/resolve/", HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "原文第 21 行" not in _notes(html, "tasks-2-funds")
    item.refresh_from_db()
    assert item.resolved_by == world["filler"]


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("9,368.62", "9368.62"),
        ("97.10%", "97.10"),
        ("９７.１０", "97.10"),
        (" 174.76万元 ", "174.76"),
        ("-3", "-3"),
        ("", None),
    ],
)
def test_it_reads_numbers_as_fillers_type_them(typed, value):
    parsed = editing.parse_decimal(typed)
    assert (None if parsed is None else str(parsed)) == value


def test_it_lists_the_forms_with_their_check_counts(seed_form, world, login):
    page = login(world["finance"]).get("/forms/").content.decode()
    assert "广州市天河区政务服务数据管理局" in page
    assert "97.13%" in page and "97.10%" in page


def test_it_edits_the_header_of_a_project_form(world, seed_core, login):
    from jixiao.web.forms.services import form_create

    seed_core.kind = "project"
    seed_core.project = "数字政府建设项目"
    form = form_create(
        organisation=world["bureau"], year=2021, data=seed_core, user=world["filler"], kind="project"
    )
    client = login(world["filler"])
    assert 'name="project" value="数字政府建设项目"' in client.get(f"/forms/{form.pk}/").content.decode()
    _save(
        client,
        form,
        project="天河区政务服务中心信息化设备运维项目",
        implementing_unit="广州市天河区政务服务中心",
    )
    data = _core(form)
    assert data.project == "天河区政务服务中心信息化设备运维项目"
    assert data.implementing_unit == "广州市天河区政务服务中心"


def _post(client, form, revision, **fields):
    data = {"structure": editing.structure_token(_core(form)), "revision": revision, **fields}
    return client.post(f"/forms/{form.pk}/save/", data, HTTP_HX_REQUEST="true")


def test_it_refuses_to_overwrite_what_another_filler_just_saved(seed_form, world, login, client):
    from jixiao.web.accounts.models import User
    from jixiao.web.accounts.services import user_ensure

    colleague = user_ensure(
        username="filler_b", password="x-pass-1", role=User.FILLER, organisation=world["bureau"]
    )
    loaded = seed_form.revision  # both pages were loaded at this revision, with 97.10 in the field
    grade = _core(seed_form).grade or ""
    mine = _post(login(world["filler"]), seed_form, loaded, **{"funds.execution_rate": "97.13"})
    assert mine.status_code == 200
    client.logout()
    theirs = _post(
        login(colleague),
        seed_form,
        loaded,
        **{
            "funds.execution_rate": "99.99",
            "base:funds.execution_rate": "97.10",
            "grade": "优",
            "base:grade": grade,
        },
    )
    assert theirs.status_code == 409
    html = theirs.content.decode()
    box = re.search(r'<div class="conflict".*?</div>', html, re.S).group(0)
    assert 'data-path="funds.execution_rate"' in box and 'data-stored="97.13"' in box
    assert "99.99" in box and "97.13" in box and "用我的" in box and "用已保存的" in box
    assert theirs["X-Jixiao-Unsaved"] == '["funds.execution_rate"]'
    data = _core(seed_form)
    assert str(data.funds.execution_rate) == "97.13"  # theirs did not overwrite it
    assert data.grade == "优"  # their other field, which nobody had changed, is saved


def test_the_same_fillers_other_window_is_a_conflict_too(seed_form, world, login):
    client = login(world["filler"])
    loaded = seed_form.revision
    first = _post(
        client, seed_form, loaded, **{"funds.execution_rate": "97.11", "base:funds.execution_rate": "97.10"}
    )
    assert first.status_code == 200
    # the same page saves again: its base is what its last acknowledged save stored
    again = _post(
        client, seed_form, loaded, **{"funds.execution_rate": "97.12", "base:funds.execution_rate": "97.11"}
    )
    assert again.status_code == 200
    # a window opened before both still has 97.10 in the field: its save would put an old value back
    other = _post(
        client, seed_form, loaded, **{"funds.execution_rate": "97.50", "base:funds.execution_rate": "97.10"}
    )
    assert other.status_code == 409
    assert str(_core(seed_form).funds.execution_rate) == "97.12"


def test_a_page_in_step_takes_the_new_revision_and_one_behind_does_not(seed_form, world, login):
    client = login(world["filler"])
    loaded = seed_form.revision
    in_step = _post(client, seed_form, loaded, **{"grade": "良"}).content.decode()
    assert f'id="revision" value="{loaded + 1}" hx-swap-oob="true"' in in_step
    behind = _post(client, seed_form, loaded, **{"grade": "优", "base:grade": "良"})
    assert behind.status_code == 200
    assert 'id="revision"' not in behind.content.decode()  # its other fields may be older than stored


def test_the_choice_use_mine_resubmits_with_the_stored_value_as_base(seed_form, world, login):
    client = login(world["filler"])
    loaded = seed_form.revision
    _post(client, seed_form, loaded, **{"grade": "良"})
    refused = _post(client, seed_form, loaded, **{"grade": "优", "base:grade": ""})
    assert refused.status_code == 409
    mine = _post(client, seed_form, loaded, **{"grade": "优", "base:grade": "良"})
    assert mine.status_code == 200
    assert _core(seed_form).grade == "优"


def test_a_save_without_script_keeps_the_typed_text_on_a_conflict(seed_form, world, login):
    client = login(world["filler"])
    loaded = seed_form.revision
    _post(client, seed_form, loaded, **{"grade": "良"})
    data = {"structure": editing.structure_token(_core(seed_form)), "revision": loaded, "grade": "优"}
    response = client.post(f"/forms/{seed_form.pk}/save/", data)
    assert response.status_code == 409
    page = response.content.decode()
    assert 'name="grade" value="优"' in page and "已保存的:良" in page
    assert _core(seed_form).grade == "良"


def test_every_content_change_moves_the_revision(seed_form, world, login):
    client = login(world["filler"])
    seen = {Form.objects.get(pk=seed_form.pk).revision}
    for grade in ("良", "优", "良"):
        _save(client, seed_form, grade=grade)
        seen.add(Form.objects.get(pk=seed_form.pk).revision)
    item = seed_form.review_items.first()
    client.post(f"/forms/{seed_form.pk}/review/{item.pk}/resolve/", HTTP_HX_REQUEST="true")
    seen.add(Form.objects.get(pk=seed_form.pk).revision)
    assert len(seen) == 5


def test_a_save_to_a_form_submitted_meanwhile_is_a_403_that_says_so(seed_form, world, login):
    client = login(world["filler"])
    Form.objects.filter(pk=seed_form.pk).update(status=Form.SUBMITTED)
    response = _post(client, seed_form, seed_form.revision, grade="优")
    assert response.status_code == 403
    assert "未保存" in response.content.decode() and "已提交" in response.content.decode()


@pytest.mark.parametrize(
    ("field", "value", "reason"),
    [("department", "局" * 400, "不能超过300个字"), ("funds.actual", "1" * 20, "整数部分不能超过18位")],
)
def test_it_refuses_what_the_database_cannot_hold_next_to_the_field(
    seed_form, world, login, field, value, reason
):
    client = login(world["filler"])
    response = _save(client, seed_form, **{field: value})
    assert response.status_code == 200
    assert reason in response.content.decode()
    seed_form.refresh_from_db()
    assert seed_form.department == "广州市天河区政务服务数据管理局"
    assert str(seed_form.actual).startswith("9100.04")


def test_resolving_a_review_entry_moves_the_pages_revision_only_when_it_was_in_step(seed_form, world, login):
    client = login(world["filler"])
    first, second = seed_form.review_items.all()[:2]
    loaded = Form.objects.get(pk=seed_form.pk).revision
    url = f"/forms/{seed_form.pk}/review/{{}}/resolve/"
    in_step = client.post(url.format(first.pk), {"revision": loaded}, HTTP_HX_REQUEST="true").content.decode()
    assert f'id="revision" value="{loaded + 1}" hx-swap-oob="true"' in in_step
    behind = client.post(url.format(second.pk), {"revision": loaded}, HTTP_HX_REQUEST="true").content.decode()
    assert 'id="revision"' not in behind
    again = client.post(url.format(first.pk), {"revision": loaded + 2}, HTTP_HX_REQUEST="true")
    assert again.status_code == 409 and "已处理" in again.content.decode()  # said, not "已保存"


def test_a_removal_from_a_page_behind_the_stored_form_is_refused(seed_form, world, login):
    client = login(world["filler"])
    loaded = Form.objects.get(pk=seed_form.pk).revision
    _save(client, seed_form, grade="良")  # saved elsewhere after the page was loaded
    token = editing.structure_token(_core(seed_form))
    response = client.post(
        f"/forms/{seed_form.pk}/structure/",
        {"structure": token, "revision": loaded, "op": "remove:tasks/0"},
        follow=True,
    )
    assert "为免删错行" in response.content.decode()
    assert len(_core(seed_form).tasks) == 3


def test_removing_a_row_keeps_the_unreadable_inputs_of_the_others_in_their_places(seed_form, world, login):
    client = login(world["filler"])
    _save(client, seed_form, **{"tasks[0].funds": "一百", "tasks[2].funds": "二百"})
    revision = Form.objects.get(pk=seed_form.pk).revision
    token = editing.structure_token(_core(seed_form))
    client.post(
        f"/forms/{seed_form.pk}/structure/",
        {"structure": token, "revision": revision, "op": "remove:tasks/1"},
    )
    assert Form.objects.get(pk=seed_form.pk).pending == {"tasks[0].funds": "一百", "tasks[1].funds": "二百"}
