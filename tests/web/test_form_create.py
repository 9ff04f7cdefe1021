"""Creating a form: empty, from last year's, or from an imported file (in the background)."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from jixiao.web.forms import convert
from jixiao.web.forms.models import Form, ImportJob

from .conftest import SEED_JSON, SEED_TEXT


def _core(form):
    return convert.to_core(convert.prefetched(Form.objects.filter(pk=form.pk)).get())


def test_it_creates_an_empty_form_for_the_fillers_unit(world, login):
    client = login(world["filler"])
    response = client.post(
        "/forms/new/", {"organisation": world["bureau"].pk, "year": 2022, "source": "empty"}
    )
    form = Form.objects.get(organisation=world["bureau"], year=2022)
    assert response["Location"] == f"/forms/{form.pk}/"
    data = _core(form)
    assert data.department == "广州市天河区政务服务数据管理局"
    assert len(data.tasks) == 1 and data.funds.actual is None


def test_it_starts_from_last_years_targets_without_last_years_results(seed_form, world, login):
    client = login(world["filler"])
    client.post("/forms/new/", {"organisation": world["bureau"].pk, "year": 2022, "source": "last_year"})
    data = _core(Form.objects.get(organisation=world["bureau"], year=2022))
    assert [t.name for t in data.tasks] == [t.name for t in _core(seed_form).tasks]
    assert data.tasks[0].indicators[1].name == '实现"跨域通办"事项数≥200项;'
    assert all(i.result is None for _, i in data.all_indicators())
    assert data.funds.actual is None and data.review == []


def test_it_says_when_there_is_no_form_of_last_year(world, login):
    response = login(world["filler"]).post(
        "/forms/new/", {"organisation": world["bureau"].pk, "year": 2022, "source": "last_year"}
    )
    assert response.status_code == 400
    assert "没有2021年度的自评表" in response.content.decode()


def test_it_refuses_a_second_department_form_for_the_same_year(seed_form, world, login):
    response = login(world["filler"]).post(
        "/forms/new/", {"organisation": world["bureau"].pk, "year": 2021, "source": "empty"}
    )
    assert response.status_code == 400
    assert "已有2021年度" in response.content.decode()


def test_it_refuses_a_unit_the_filler_does_not_belong_to(world, login):
    response = login(world["filler"]).post(
        "/forms/new/", {"organisation": world["education"].pk, "year": 2021, "source": "empty"}
    )
    assert response.status_code == 400
    assert not Form.objects.exists()


def test_it_forbids_reviewers_to_create_forms(world, login):
    assert login(world["reviewer"]).get("/forms/new/").status_code == 403


def test_it_imports_the_seed_text_into_a_new_form_with_its_review_list(world, login):
    client = login(world["filler"])
    upload = SimpleUploadedFile(SEED_TEXT.name, SEED_TEXT.read_bytes(), content_type="text/plain")
    response = client.post(
        "/forms/new/", {"organisation": world["bureau"].pk, "year": 2021, "source": "import", "file": upload}
    )
    job = ImportJob.objects.get()
    assert response["Location"] == f"/forms/imports/{job.pk}/"
    assert job.state == ImportJob.DONE, job.message
    assert job.progress == 100
    data = _core(job.form)
    assert data.funds.execution_rate is not None and str(data.funds.execution_rate) == "97.10"
    assert len(data.tasks) == 3
    assert data.review, "the damaged cells are listed for review"
    page = client.get(response["Location"]).content.decode()
    assert "导入完成" in page and "打开自评表" in page


def test_it_replaces_a_form_from_an_upload_and_keeps_the_previous_content(seed_form, world, login):
    client = login(world["filler"])
    changed = SEED_JSON.read_text(encoding="utf-8").replace('"97.10"', '"97.13"')
    upload = SimpleUploadedFile("seed.json", changed.encode("utf-8"), content_type="application/json")
    client.post(f"/forms/{seed_form.pk}/import/", {"file": upload})
    job = ImportJob.objects.get()
    assert job.state == ImportJob.DONE, job.message
    assert str(_core(seed_form).funds.execution_rate) == "97.13"
    assert '"execution_rate": "97.10"' in job.previous_json


def test_it_reports_a_file_it_cannot_read_in_chinese_and_changes_nothing(seed_form, world, login):
    client = login(world["filler"])
    upload = SimpleUploadedFile(
        "表.xlsx", b"not a spreadsheet at all", content_type="application/octet-stream"
    )
    client.post(f"/forms/{seed_form.pk}/import/", {"file": upload})
    job = ImportJob.objects.get()
    assert job.state == ImportJob.FAILED
    assert "表.xlsx" in job.message
    assert str(_core(seed_form).funds.execution_rate) == "97.10"
    page = client.get(f"/forms/imports/{job.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert "失败" in page and "hx-trigger" not in page  # polling stops once the job is over


def test_it_polls_while_an_import_is_queued(world, login):
    job = ImportJob.objects.create(
        created_by=world["filler"], organisation=world["bureau"], year=2021, filename="a.pdf", data=b"x"
    )
    page = login(world["filler"]).get(f"/forms/imports/{job.pk}/").content.decode()
    assert 'hx-trigger="every 1s"' in page and "<progress" in page


def test_it_hides_someone_elses_import(world, login):
    job = ImportJob.objects.create(
        created_by=world["filler"], organisation=world["bureau"], year=2021, filename="a.pdf", data=b"x"
    )
    assert login(world["filler2"]).get(f"/forms/imports/{job.pk}/").status_code == 404
