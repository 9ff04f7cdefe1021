"""``/api/forms/import`` and ``/api/forms/{id}/import``: a file becomes a form through the screens' import
service (``jixiao.web.forms.importing``): an ``ImportJob`` that keeps the replaced content.

Who may import is decided before the upload is read: the multipart body is left unread (Django reads
it only when ``request.FILES`` or ``request.POST`` is first touched) until the person is known to be
a filler who may change the form, and a body whose declared length is over the upload limit is
refused without being read at all.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest, HttpResponse
from ninja import Header, Router
from ninja.responses import Status

from jixiao.core import form as core
from jixiao.ingest.limits import sizes
from jixiao.web.accounts import policy
from jixiao.web.api import schemas
from jixiao.web.api.errors import ApiError
from jixiao.web.api.routes import common
from jixiao.web.api.routes.forms import open_year, organisation_for_new
from jixiao.web.forms import importing, services, uploads
from jixiao.web.forms.models import Form as FormRow
from jixiao.web.forms.models import ImportJob
from jixiao.web.orgs.models import Organisation

router = Router(tags=["导入"])
FILE_DESCRIPTION = "自评表文件:文本、PDF、扫描件、Excel、Word 或 JSON(FORMAT.md)"
# What a multipart body may carry besides the file itself (boundaries, part headers, the small fields).
FRAMING_BYTES = 64 * 1024


def _multipart(fields: dict[str, Any], required: list[str]) -> dict[str, Any]:
    """The OpenAPI request body of an import (the view reads it itself, after the permission check)."""
    properties = {"file": {"type": "string", "format": "binary", "description": FILE_DESCRIPTION}, **fields}
    schema = {"type": "object", "properties": properties, "required": ["file", *required]}
    return {"requestBody": {"required": True, "content": {"multipart/form-data": {"schema": schema}}}}


def _declared_length(request: HttpRequest) -> None:
    """Refuse a body declared larger than the upload limit allows, before reading any of it."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    limit = settings.JIXIAO_MAX_UPLOAD_BYTES
    if length > limit + FRAMING_BYTES:
        shown, bound = sizes(length, limit)
        raise ApiError(422, f"上传的内容有 {shown},超过导入上限 {bound}(JIXIAO_MAX_UPLOAD_MB),没有读取。")


def _upload(request: HttpRequest) -> UploadedFile:
    """Read the multipart body (only now) and return its ``file``."""
    _declared_length(request)
    upload = request.FILES.get("file")
    if upload is None:
        raise ApiError(422, f"请在表单字段 file 中上传{FILE_DESCRIPTION}。")
    return upload


def _number(request: HttpRequest, name: str, label: str, low: int, high: int) -> int | None:
    text = request.POST.get(name, "").strip()
    if not text:
        return None
    try:
        value = int(text)
    except ValueError:
        value = None
    if value is None or not low <= value <= high:
        raise ApiError(422, f"{name}({label})应为 {low} 到 {high} 之间的整数,收到“{text[:20]}”。")
    return value


def _job(
    request: HttpRequest, upload: UploadedFile, org: Organisation, year: int, form: FormRow | None
) -> ImportJob:
    name = upload.name or "上传的文件"
    try:
        data = uploads.upload_bytes(upload)
        return services.import_job_create(
            user=request.user, organisation=org, year=year, form=form, filename=name, data=data
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
    openapi_extra=_multipart(
        {
            "year": {"type": "integer", "minimum": 1990, "maximum": 2100, "description": "被评价年度"},
            "organisation": {
                "type": "integer",
                "minimum": 1,
                "maximum": schemas.MAX_ID,
                "description": "填报单位 id",
            },
        },
        ["year"],
    ),
)
def form_import_new(request: HttpRequest, response: HttpResponse) -> Any:
    """Read an uploaded file (text, PDF, scan, Excel, Word or JSON) and store it as a new form."""
    if not policy.fillable_organisations(request.user).exists():
        raise ApiError(403, "只有填报人可以新建自评表。")
    _declared_length(request)
    year = _number(request, "year", "被评价年度", 1990, 2100)
    if year is None:
        raise ApiError(422, "请在表单字段 year 中写明被评价年度。")
    org = organisation_for_new(request, _number(request, "organisation", "填报单位 id", 1, schemas.MAX_ID))
    open_year(org, year)
    job = _job(request, _upload(request), org, year, None)
    data = _run(job)
    response["Location"] = f"{request.path.rpartition('/import')[0]}/{job.form_id}"
    return Status(201, _imported(response, job, data))


@router.post(
    "/forms/{int:form_id}/import",
    response={200: schemas.ImportOut, **common.ERRORS},
    by_alias=True,
    summary="导入文件,替换自评表内容",
    openapi_extra=_multipart({}, []),
)
def form_import_replace(
    request: HttpRequest,
    form_id: int,
    response: HttpResponse,
    if_match: str | None = Header(None, alias="If-Match", description="GET 时得到的 ETag"),
) -> Any:
    """Replace the form's whole content with an uploaded file's (its review list included); the previous
    content is kept with the import job."""
    form = common.locked_for_edit(request, form_id)
    common.match(if_match, form, required=True)
    job = _job(request, _upload(request), form.organisation, form.year, form)
    data = _run(job, precondition=lambda locked: common.match(if_match, locked, required=True))
    return _imported(response, job, data)
