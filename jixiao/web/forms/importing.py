"""Importing a file into a form: the one import service of the screens (in the background) and the API
(in the request). A file is an ``ImportJob``: read through ``jixiao.ingest`` (every format it reads),
then stored as a new form or over an existing one, whose previous content stays with the job.

The file is read in a child process with a memory and a time limit
(:mod:`jixiao.ingest.isolated`; ``JIXIAO_IMPORT_MEMORY_MB``, ``JIXIAO_IMPORT_SECONDS``), at most
``JIXIAO_IMPORT_CONCURRENCY`` at a time per process: never in the web server's own memory, whether
the caller is the task queue's worker (the screens) or an API request.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import cache

from django.utils import timezone

from jixiao.core import fields
from jixiao.core import form as core
from jixiao.web.forms import services
from jixiao.web.forms.models import Form, ImportJob


class ImportFailed(Exception):
    """The file could not be read; the message (Chinese) names the file and the reason."""


def read_upload(data: bytes, filename: str, progress: Callable[[int, str], None] | None = None) -> core.Form:
    """Return the form read from an uploaded file, with its ``review`` list of unsure cells."""
    report = progress or (lambda _p, _m: None)
    try:
        from jixiao import ingest
    except ImportError:
        ingest = None  # type: ignore[assignment]
    if ingest is None or not hasattr(ingest, "read_bytes"):
        # Without the importer only the interchange format itself can be read.
        if not filename.lower().endswith(".json"):
            raise ImportFailed(f"{filename}: 此安装只能导入 JSON 格式(jixiao.self-evaluation/1)")
        try:
            return core.Form.from_json(data)
        except ValueError as exc:
            raise ImportFailed(f"{filename}: 不是有效的自评表 JSON:{str(exc).splitlines()[0]}") from exc
    report(20, "正在识别文件格式并读取表格…")
    try:
        result = _read(ingest, data, filename)
    except Exception as exc:  # the importer's own errors are already in Chinese and name the file
        raise ImportFailed(str(exc) or f"{filename}: 无法读取") from exc
    form = getattr(result, "form", result)
    if not isinstance(form, core.Form):
        raise ImportFailed(f"{filename}: 导入结果不是自评表")
    return form


@cache
def _slots() -> threading.BoundedSemaphore:
    from django.conf import settings

    return threading.BoundedSemaphore(settings.JIXIAO_IMPORT_CONCURRENCY)


def ingest_settings() -> object:
    """Return the import limits of this server: the upload limit is the one the screens and the API use."""
    from dataclasses import replace

    from django.conf import settings

    from jixiao.ingest import IngestSettings

    return replace(IngestSettings(), max_bytes=settings.JIXIAO_MAX_UPLOAD_BYTES)


def _read(ingest: object, data: bytes, filename: str) -> object:
    from django.conf import settings

    limits = ingest_settings()
    if not settings.JIXIAO_IMPORT_ISOLATED:
        return ingest.read_bytes(data, filename, settings=limits)  # type: ignore[attr-defined]
    from jixiao.ingest.isolated import read_bytes_isolated

    with _slots():
        return read_bytes_isolated(
            data,
            filename,
            settings=limits,  # type: ignore[arg-type]
            memory_bytes=settings.JIXIAO_IMPORT_MEMORY_MB * 1024 * 1024,
            seconds=settings.JIXIAO_IMPORT_SECONDS,
        )


def run(job: ImportJob, *, precondition: Callable[[Form], None] | None = None) -> core.Form:
    """Read the job's file and create or replace its form; record progress and the outcome on the job.

    Raises ``ImportFailed`` (the file cannot be read) or ``services.FormError`` (the form cannot be
    changed), and whatever ``precondition`` raises, after recording the failure on the job.
    """
    services.import_job_progress(job, 5, f"开始读取 {job.filename}…")
    try:
        data = read_upload(
            bytes(job.data), job.filename, lambda p, m: services.import_job_progress(job, p, m)
        )
        services.import_job_progress(job, 70, "已读取,正在检查并保存…")
        too_large = fields.storage_problems(data)
        if too_large:
            path, problem = next(iter(too_large.items()))
            more = f"(共 {len(too_large)} 处)" if len(too_large) > 1 else ""
            raise ImportFailed(f"{job.filename}: 内容无法保存:{fields.path_label(path)}{problem}{more}")
        if job.form is not None:
            services.form_replace_from_import(
                form=job.form, data=data, user=job.created_by, job=job, precondition=precondition
            )
        else:
            job.form = services.form_create(
                organisation=job.organisation, year=job.year, data=data, user=job.created_by, kind=data.kind
            )
            job.save(update_fields=["form"])
    except Exception as exc:
        finish(job, ImportJob.FAILED, str(exc) or f"{job.filename}: 无法导入")
        raise
    finish(job, ImportJob.DONE, outcome(job, data))
    return data


def outcome(job: ImportJob, data: core.Form) -> str:
    """Return the sentence that ends an import: what was read and what needs a person's look."""
    year_note = (
        f"文件中的年度为{data.year},已按所选年度{job.year}保存;"
        if data.year and data.year != job.year
        else ""
    )
    review = len(data.review)
    message = f"{year_note}导入完成:{len(data.tasks)} 项任务,{len(data.all_indicators())} 个指标"
    return message + (f";{review} 处需要人工核对。" if review else "。")


def finish(job: ImportJob, state: str, message: str) -> None:
    """Record how an import ended."""
    job.state, job.message, job.finished_at = state, message[:500], timezone.now()
    job.progress = 100
    changed = ["state", "message", "finished_at", "progress"]
    if state == ImportJob.FAILED:
        job.data = b""  # a file that could not be imported is not kept; the message says why
        changed.append("data")
    job.save(update_fields=changed)
