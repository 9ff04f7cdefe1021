"""``/api/forms/import`` and ``/api/forms/{id}/import``: a file becomes a form through the screens' import
service (``jixiao.web.forms.importing``): an ``ImportJob`` that keeps the replaced content."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from ninja import File, Form, Header, Router
from ninja.files import UploadedFile
from ninja.responses import Status

from jixiao.core import form as core
from jixiao.web.api import schemas
from jixiao.web.api.errors import ApiError
from jixiao.web.api.routes import common
from jixiao.web.api.routes.forms import open_year, organisation_for_new
from jixiao.web.forms import importing, services
from jixiao.web.forms.models import Form as FormRow
from jixiao.web.forms.models import ImportJob
from jixiao.web.orgs.models import Organisation

router = Router(tags=["导入"])
UPLOAD = File(..., description="自评表文件:文本、PDF、扫描件、Excel、Word 或 JSON(FORMAT.md)")


def _job(
    request: HttpRequest, upload: UploadedFile, org: Organisation, year: int, form: FormRow | None
) -> ImportJob:
    name = upload.name or "上传的文件"
    limit = settings.JIXIAO_MAX_UPLOAD_BYTES
    if upload.size and upload.size > limit:
        raise ApiError(422, f"{name}: 文件有 {upload.size:,} 字节,超过导入上限 {limit:,} 字节。")
    try:
        return services.import_job_create(
            user=request.user, organisation=org, year=year, form=form, filename=name, data=upload.read()
        )
    except services.FormError as exc:
        raise ApiError(422, str(exc)) from None


def _run(job: ImportJob, precondition: Any = None) -> core.Form:
    """Run the import in the request; a file that cannot be read is a 422 with the importer's reason."""
    try:
        return importing.run(job, precondition=precondition)
    except importing.ImportFailed as exc:
        raise ApiError(422, str(exc)) from None


def _imported(response: HttpResponse, job: ImportJob, data: core.Form) -> dict[str, Any]:
    assert job.form is not None
    return {
        **common.respond(response, job.form),
        "review": len(data.review),
        "message": job.message,
        "job": job.pk,
    }


@router.post(
    "/forms/import",
    response={201: schemas.ImportOut, **common.ERRORS},
    by_alias=True,
    summary="导入文件,新建自评表",
)
def form_import_new(
    request: HttpRequest,
    response: HttpResponse,
    file: UploadedFile = UPLOAD,
    year: int = Form(..., ge=1990, le=2100, description="被评价年度"),
    organisation: int | None = Form(None, ge=1, le=schemas.MAX_ID, description="填报单位 id"),
) -> Any:
    """Read an uploaded file (text, PDF, scan, Excel, Word or JSON) and store it as a new form."""
    org = organisation_for_new(request, organisation)
    open_year(org, year)
    job = _job(request, file, org, year, None)
    data = _run(job)
    response["Location"] = f"{request.path.rpartition('/import')[0]}/{job.form_id}"
    return Status(201, _imported(response, job, data))


@router.post(
    "/forms/{int:form_id}/import",
    response={200: schemas.ImportOut, **common.ERRORS},
    by_alias=True,
    summary="导入文件,替换自评表内容",
)
def form_import_replace(
    request: HttpRequest,
    form_id: int,
    response: HttpResponse,
    file: UploadedFile = UPLOAD,
    if_match: str | None = Header(None, alias="If-Match", description="GET 时得到的 ETag"),
) -> Any:
    """Replace the form's whole content with an uploaded file's (its review list included); the previous
    content is kept with the import job."""
    form = common.locked_for_edit(request, form_id)
    common.match(if_match, form, required=True)
    job = _job(request, file, form.organisation, form.year, form)
    data = _run(job, precondition=lambda locked: common.match(if_match, locked, required=True))
    return _imported(response, job, data)
