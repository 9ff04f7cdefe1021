"""Background work (Huey): long imports, with their progress recorded for the progress bar.

With ``JIXIAO_QUEUE_URL=redis://…`` any number of machines run ``python -m jixiao.web run_huey``;
without it, ``jixiao serve`` / ``jixiao demo`` consume a SQLite queue in the server process.
"""

from __future__ import annotations

import logging

from huey.contrib.djhuey import db_task

from jixiao.web.forms import importing, services
from jixiao.web.forms.models import ImportJob

log = logging.getLogger("jixiao.web.import")


def run_import(job_id: int) -> str:
    """Run the import job (``importing.run``) and return its final state; a refusal is recorded on the job."""
    job = ImportJob.objects.select_related("form", "organisation", "created_by").get(pk=job_id)
    try:
        importing.run(job)
    except (importing.ImportFailed, services.FormError):
        pass
    except Exception:
        log.exception("import %s failed", job.pk)
        importing.finish(
            job, ImportJob.FAILED, f"{job.filename}: 导入时发生内部错误,请把文件交给系统管理员排查。"
        )
    return job.state


@db_task()
def import_file(job_id: int) -> str:
    return run_import(job_id)
