"""Background work (Huey): long imports, with their progress recorded for the progress bar.

With ``JIXIAO_QUEUE_URL=redis://…`` any number of machines run ``python -m jixiao.web run_huey``;
without it, ``jixiao serve`` / ``jixiao demo`` consume a SQLite queue in the server process.
"""

from __future__ import annotations

import logging

from django.utils import timezone
from huey.contrib.djhuey import db_task

from jixiao.web.forms import services
from jixiao.web.forms.importing import ImportFailed, read_upload
from jixiao.web.forms.models import ImportJob

log = logging.getLogger("jixiao.web.import")


def run_import(job_id: int) -> str:
    """Read the job's file and create or replace its form; record progress and the outcome; return the state."""
    job = ImportJob.objects.select_related("form", "organisation", "created_by").get(pk=job_id)
    services.import_job_progress(job, 5, f"开始读取 {job.filename}…")
    try:
        data = read_upload(
            bytes(job.data), job.filename, lambda p, m: services.import_job_progress(job, p, m)
        )
        services.import_job_progress(job, 70, "已读取,正在检查并保存…")
        if job.form is not None:
            from jixiao.web.forms import convert

            job.previous_json = convert.to_core(job.form).to_json()
            job.save(update_fields=["previous_json"])
            services.form_replace_from_import(form=job.form, data=data, user=job.created_by)
        else:
            job.form = services.form_create(
                organisation=job.organisation, year=job.year, data=data, user=job.created_by, kind=data.kind
            )
            job.save(update_fields=["form"])
    except (ImportFailed, services.FormError) as exc:
        return _finish(job, ImportJob.FAILED, str(exc))
    except Exception:
        log.exception("import %s failed", job.pk)
        return _finish(
            job, ImportJob.FAILED, f"{job.filename}: 导入时发生内部错误,请把文件交给系统管理员排查。"
        )
    review = len(data.review)
    year_note = (
        f"文件中的年度为{data.year},已按所选年度{job.year}保存;"
        if data.year and data.year != job.year
        else ""
    )
    message = f"{year_note}导入完成:{len(data.tasks)} 项任务,{len(data.all_indicators())} 个指标"
    message += f";{review} 处需要人工核对。" if review else "。"
    return _finish(job, ImportJob.DONE, message)


def _finish(job: ImportJob, state: str, message: str) -> str:
    job.state, job.message, job.finished_at = state, message[:500], timezone.now()
    job.progress = 100
    fields = ["state", "message", "finished_at", "progress"]
    if state == ImportJob.FAILED:
        job.data = b""  # a file that could not be imported is not kept; the message says why
        fields.append("data")
    job.save(update_fields=fields)
    return state


@db_task()
def import_file(job_id: int) -> str:
    return run_import(job_id)
