"""Imports from the screens: one upload limit with the API, read in a child process with memory and
time limits (never in the web process), and failed uploads not kept."""

from __future__ import annotations

import os

from django.core.files.uploadedfile import SimpleUploadedFile

from jixiao.web.forms import importing
from jixiao.web.forms.models import Form, ImportJob
from tests.ingest import hostile

from .conftest import SEED_TEXT


def _new(client, world, upload):  # type: ignore[no-untyped-def]
    return client.post(
        "/forms/new/", {"organisation": world["bureau"].pk, "year": 2021, "source": "import", "file": upload}
    )


def test_it_refuses_an_upload_over_the_limit_with_its_true_size_and_stores_nothing(world, login, settings):
    settings.JIXIAO_MAX_UPLOAD_BYTES = 1000
    client = login(world["filler"])
    response = _new(client, world, SimpleUploadedFile("big.pdf", b"%PDF-1.4\n" + b"x" * 5000))
    assert response.status_code == 400
    page = response.content.decode()
    assert "big.pdf: 文件有 4.9 KB,超过导入上限 1000 字节,没有上传。" in page
    assert not ImportJob.objects.exists() and not Form.objects.exists()


def test_the_replace_import_has_the_same_limit(seed_form, world, login, settings):
    settings.JIXIAO_MAX_UPLOAD_BYTES = 1024 * 1024
    client = login(world["filler"])
    upload = SimpleUploadedFile("big.txt", b"x" * (1024 * 1024 + 1))
    response = client.post(f"/forms/{seed_form.pk}/import/", {"file": upload}, follow=True)
    assert "1.0 MB(1,048,577 字节),超过导入上限 1.0 MB(1,048,576 字节)" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_the_upload_handler_stops_keeping_a_file_past_the_limit(settings):
    from jixiao.web.forms.uploads import LimitedUploadHandler, OversizedUpload, too_large

    settings.JIXIAO_MAX_UPLOAD_BYTES = 10
    handler = LimitedUploadHandler()
    handler.new_file("file", "a.pdf", "application/pdf", 25)
    assert handler.receive_data_chunk(b"x" * 8, 0) == b"x" * 8
    assert handler.receive_data_chunk(b"x" * 8, 8) is None
    assert handler.receive_data_chunk(b"x" * 9, 16) is None
    upload = handler.file_complete(25)
    assert isinstance(upload, OversizedUpload) and upload.size == 25 and upload.read() == b""
    assert too_large(upload) == "a.pdf: 文件有 25 字节,超过导入上限 10 字节,没有上传。"
    assert settings.FILE_UPLOAD_HANDLERS[0] == "jixiao.web.forms.uploads.LimitedUploadHandler"


def test_a_failed_upload_is_not_kept(world, login):
    client = login(world["filler"])
    _new(client, world, SimpleUploadedFile("表.xlsx", b"not a spreadsheet at all"))
    job = ImportJob.objects.get()
    assert job.state == ImportJob.FAILED and "表.xlsx" in job.message
    assert bytes(job.data) == b""


def test_a_successful_upload_is_kept_as_the_source_of_its_form(world, login):
    _new(login(world["filler"]), world, SimpleUploadedFile(SEED_TEXT.name, SEED_TEXT.read_bytes()))
    job = ImportJob.objects.get()
    assert job.state == ImportJob.DONE and bytes(job.data) == SEED_TEXT.read_bytes()


def test_the_file_is_read_in_a_child_process_not_in_the_web_process(world, login, monkeypatch):
    import jixiao.ingest.reader

    def not_here(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError(f"read in the web process {os.getpid()}")

    monkeypatch.setattr(jixiao.ingest.reader, "read_bytes", not_here)
    monkeypatch.setattr(jixiao.ingest, "read_bytes", not_here)
    _new(login(world["filler"]), world, SimpleUploadedFile(SEED_TEXT.name, SEED_TEXT.read_bytes()))
    job = ImportJob.objects.get()
    assert job.state == ImportJob.DONE, job.message


def test_a_hostile_file_is_refused_naming_its_limit(world, login):
    _new(login(world["filler"]), world, SimpleUploadedFile("far-cell.xlsx", hostile.xlsx_far_cell()))
    job = ImportJob.objects.get()
    assert job.state == ImportJob.FAILED
    assert "XFD" in job.message and "5,000 行 × 200 列" in job.message


def test_the_child_is_stopped_at_its_memory_limit(world, login, settings, monkeypatch):
    from dataclasses import replace

    from jixiao.ingest import IngestSettings

    # With the importer's own limits lifted, the far cell costs gigabytes: the child's limit stops it.
    lifted = replace(IngestSettings(), max_rows=2_000_000, max_columns=20_000, max_seconds=1000)
    monkeypatch.setattr(importing, "ingest_settings", lambda: lifted)
    settings.JIXIAO_IMPORT_MEMORY_MB = 400
    _new(login(world["filler"]), world, SimpleUploadedFile("far.xlsx", hostile.xlsx_far_cell(dimension=None)))
    job = ImportJob.objects.get()
    assert job.state == ImportJob.FAILED
    assert "内存上限 400 MB" in job.message, job.message


def test_the_child_is_stopped_at_its_time_limit(world, login, settings):
    from tests.ingest.pages import draw_table, png_bytes

    settings.JIXIAO_IMPORT_SECONDS = 0.5
    _new(login(world["filler"]), world, SimpleUploadedFile("scan.png", png_bytes(draw_table())))
    job = ImportJob.objects.get()
    assert job.state == ImportJob.FAILED
    assert "时间上限 0.5 秒" in job.message, job.message
