"""``/api/forms``: list, read, create, update (ETag / If-Match), import, check, and the workflow steps.

Every endpoint parses, asks ``jixiao.web.accounts.policy`` (or lets the workflow service decide),
calls one service or selector, and answers. Content is FORMAT.md JSON throughout.
"""

from __future__ import annotations

import json
import math
from typing import Any, Literal

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from ninja import File, Form, Header, Query, Router, Schema
from ninja.files import UploadedFile
from ninja.responses import Status
from pydantic import Field
from pydantic import ValidationError as PydanticValidationError

from jixiao.core import fields
from jixiao.core import form as core
from jixiao.core.report import check
from jixiao.web.accounts import policy
from jixiao.web.api import present, schemas
from jixiao.web.api.cache import private
from jixiao.web.api.errors import ApiError, validation_messages
from jixiao.web.audit import selectors as audit_selectors
from jixiao.web.forms import convert, services
from jixiao.web.forms.importing import ImportFailed, read_upload
from jixiao.web.forms.models import Form as FormRow
from jixiao.web.orgs.models import Organisation
from jixiao.web.orgs.selectors import open_years
from jixiao.web.workflow import services as workflow

router = Router(tags=["自评表"])
ERRORS: dict[int, Any] = {
    code: schemas.Error for code in (401, 403, 404, 409, 412, 422, 428)
}  # fmt: skip
MAX_PAGE = 100_000
UPLOAD = File(..., description="自评表文件:文本、PDF、扫描件、Excel、Word 或 JSON(FORMAT.md)")


class ListFilters(Schema):
    year: int | None = Field(None, ge=1990, le=2100, description="被评价年度")
    status: schemas.Status | None = Field(None, description="状态代码")
    kind: Literal["department", "project"] | None = Field(None, description="表式")
    organisation: int | None = Field(None, ge=1, le=schemas.MAX_ID, description="填报单位 id")
    region: str | None = Field(None, pattern=r"^[0-9]{6}$", description="行政区划代码")
    page: int = Field(1, ge=1, le=MAX_PAGE)
    page_size: int = Field(20, ge=1, le=100)


# --- Helpers ------------------------------------------------------------------------------------


def _visible(request: HttpRequest, form_id: int) -> FormRow:
    return policy.form_for_user(request.user, form_id, queryset=convert.prefetched(FormRow.objects.all()))


def _respond(response: HttpResponse, form: FormRow) -> dict[str, Any]:
    """Return the form's full representation and set its ETag on the response."""
    fresh = convert.prefetched(FormRow.objects.filter(pk=form.pk)).get()
    response["ETag"] = present.etag(fresh)
    return present.full(fresh)


def _match(if_match: str | None, form: FormRow, *, required: bool) -> None:
    """Refuse with 428 when ``If-Match`` is required and missing, 412 when it names another version."""
    if not if_match or not if_match.strip():
        if required:
            raise ApiError(
                428,
                "修改前请先读取这张表(GET),并在 If-Match 请求头中带上它的 ETag,以免覆盖别人的修改。",
            )
        return
    wanted = [tag.strip() for tag in if_match.split(",") if tag.strip()]
    if "*" in wanted or present.etag(form) in wanted:
        return
    raise ApiError(
        412,
        "这张表在您读取之后已被修改(或状态已变化),本次修改未保存。请重新读取(GET)后再修改。",
        errors=[f"当前 ETag:{present.etag(form)}"],
    )


def _storable(data: core.Form) -> None:
    found = [f"{path}:{problem}" for path, problem in fields.storage_problems(data).items()]
    if found:
        raise ApiError(
            422,
            f"内容无法保存:{found[0]}" + (f"(共 {len(found)} 处)" if len(found) > 1 else ""),
            errors=found,
        )


def _locked_for_edit(request: HttpRequest, form_id: int) -> FormRow:
    """Return the form for a change by this person, its row locked until the transaction ends."""
    form = _visible(request, form_id)
    list(FormRow.objects.select_for_update(of=("self",)).filter(pk=form.pk).values_list("pk"))
    return policy.form_for_user(
        request.user, form_id, edit=True, queryset=convert.prefetched(FormRow.objects.all())
    )


# --- Reading ------------------------------------------------------------------------------------


@router.get("/forms", response={200: schemas.FormPage, **ERRORS}, summary="自评表列表(分页)")
def form_list(request: HttpRequest, filters: Query[ListFilters]) -> Any:
    """Return the forms the token's person may see, newest year first."""
    forms = policy.visible_forms(request.user).select_related(
        "organisation", "organisation__parent", "organisation__region"
    )
    if filters.year:
        forms = forms.filter(year=filters.year)
    if filters.status:
        forms = forms.filter(status=filters.status)
    if filters.kind:
        forms = forms.filter(kind=filters.kind)
    if filters.organisation:
        forms = forms.filter(organisation_id=filters.organisation)
    if filters.region:
        forms = forms.filter(organisation__region__code=filters.region)
    forms = forms.order_by("-year", "organisation__region__code", "organisation__name", "pk")
    count = forms.count()
    start = (filters.page - 1) * filters.page_size
    items = list(forms[start : start + filters.page_size]) if start < count else []
    return {
        "count": count,
        "page": filters.page,
        "page_size": filters.page_size,
        "pages": math.ceil(count / filters.page_size),
        "items": [present.info(form) for form in items],
    }


@router.get(
    "/forms/{int:form_id}",
    response={200: schemas.FormOut, 304: None, **ERRORS},
    by_alias=True,
    summary="读取一张自评表",
)
def form_get(
    request: HttpRequest,
    form_id: int,
    response: HttpResponse,
    if_none_match: str | None = Header(
        None, alias="If-None-Match", description="可选:已有的 ETag;表未变化时返回 304,不带内容"
    ),
) -> Any:
    """Return the form with its FORMAT.md content; its ETag is in the ``ETag`` header."""
    form = _visible(request, form_id)
    response["ETag"] = present.etag(form)
    if if_none_match and present.etag(form) in [tag.strip() for tag in if_none_match.split(",")]:
        private(response)
        return Status(304, None)
    return present.full(form)


@router.get("/forms/{int:form_id}/check", response={200: schemas.Report, **ERRORS}, summary="检查一张自评表")
def form_check(request: HttpRequest, form_id: int) -> Any:
    """Return the check report of the stored form (as ``jixiao check --json``)."""
    form = _visible(request, form_id)
    return check(convert.to_core(form)).to_dict()


@router.get(
    "/forms/{int:form_id}/audit",
    response={200: list[schemas.AuditEntry], **ERRORS},
    tags=["审计日志"],
    summary="自评表的审计日志",
)
def form_audit(request: HttpRequest, form_id: int) -> Any:
    """Return every edit and transition of the form, oldest first (whoever may see the form may read it)."""
    form = _visible(request, form_id)
    return [present.audit_entry(entry) for entry in audit_selectors.for_form(form)]


@router.post(
    "/check", response={200: schemas.Report, **ERRORS}, tags=["检查"], summary="检查一份自评表内容(不保存)"
)
def check_document(request: HttpRequest, data: core.Form) -> Any:
    """Return the check report of the posted FORMAT.md form; nothing is stored."""
    return check(data).to_dict()


# --- Writing ------------------------------------------------------------------------------------


def _organisation_for_new(request: HttpRequest, wanted: int | None) -> Organisation:
    allowed = list(policy.fillable_organisations(request.user))
    if not allowed:
        raise ApiError(403, "只有填报人可以新建自评表。")
    if wanted is None:
        if len(allowed) > 1:
            raise ApiError(422, "请用 organisation 指明填报单位。")
        return allowed[0]
    found = next((org for org in allowed if org.pk == wanted), None)
    if found is None:
        raise ApiError(403, "您只能为本单位新建自评表。")
    return found


def _open_year(org: Organisation, year: int) -> None:
    if not open_years(org).filter(year=year).exists():
        raise ApiError(422, f"{year}年度未开放填报,请选择开放填报的年度。")


@router.post("/forms", response={201: schemas.FormOut, **ERRORS}, by_alias=True, summary="新建自评表")
def form_create(request: HttpRequest, payload: schemas.FormCreate, response: HttpResponse) -> Any:
    """Create a form of the person's organisation for an open year from FORMAT.md content."""
    org = _organisation_for_new(request, payload.organisation)
    _open_year(org, payload.year)
    _storable(payload.form)
    form = services.form_create(
        organisation=org, year=payload.year, data=payload.form, user=request.user, kind=payload.form.kind
    )
    response["Location"] = f"{request.path.rstrip('/')}/{form.pk}"
    return Status(201, _respond(response, form))


@router.put(
    "/forms/{int:form_id}",
    response={200: schemas.FormOut, **ERRORS},
    by_alias=True,
    summary="修改自评表(整体替换)",
)
def form_put(
    request: HttpRequest,
    form_id: int,
    data: core.Form,
    response: HttpResponse,
    if_match: str | None = Header(None, alias="If-Match", description="GET 时得到的 ETag"),
) -> Any:
    """Replace the form's content (open import review entries stay); needs the ETag in ``If-Match``."""
    with transaction.atomic():
        form = _locked_for_edit(request, form_id)
        _match(if_match, form, required=True)
        _storable(data)
        services.form_update(form=form, data=data, user=request.user, pending={})
    return _respond(response, form)


def _merge(target: Any, patch: Any) -> Any:
    """Apply a JSON merge patch (RFC 7396)."""
    if not isinstance(patch, dict):
        return patch
    result = dict(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = _merge(result.get(key), value)
    return result


@router.patch(
    "/forms/{int:form_id}",
    response={200: schemas.FormOut, **ERRORS},
    by_alias=True,
    summary="修改自评表(JSON Merge Patch,只给出要改的部分)",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/merge-patch+json": {"schema": {"type": "object"}},
                "application/json": {"schema": {"type": "object"}},
            },
        }
    },
)
def form_patch(
    request: HttpRequest,
    form_id: int,
    response: HttpResponse,
    if_match: str | None = Header(None, alias="If-Match", description="GET 时得到的 ETag"),
) -> Any:
    """Change part of the form: the body is merged onto its FORMAT.md content (RFC 7396; null clears)."""
    try:
        patch = json.loads(request.body or b"null")
    except (ValueError, UnicodeDecodeError):
        raise ApiError(422, "请求内容不是有效的 JSON。") from None
    if not isinstance(patch, dict):
        raise ApiError(422, "请求内容应为 JSON 对象,只写出要修改的字段。")
    with transaction.atomic():
        form = _locked_for_edit(request, form_id)
        _match(if_match, form, required=True)
        merged = _merge(convert.to_core(form).to_dict(), patch)
        try:
            data = core.Form.model_validate(merged)
        except PydanticValidationError as exc:
            messages = validation_messages(exc.errors())
            raise ApiError(422, f"修改后的内容不符合格式:{messages[0]}", errors=messages) from None
        _storable(data)
        services.form_update(form=form, data=data, user=request.user, pending={})
    return _respond(response, form)


# --- Importing ----------------------------------------------------------------------------------


def _read(upload: UploadedFile) -> core.Form:
    name = upload.name or "上传的文件"
    if upload.size and upload.size > settings.JIXIAO_MAX_UPLOAD_BYTES:
        raise ApiError(
            422, f"{name}: 文件超过导入上限 {settings.JIXIAO_MAX_UPLOAD_BYTES // (1024 * 1024)} MB。"
        )
    content = upload.read()
    if not content:
        raise ApiError(422, f"{name}: 文件是空的,请选择要导入的自评表文件。")
    try:
        data = read_upload(content, name)
    except ImportFailed as exc:
        raise ApiError(422, str(exc)) from None
    _storable(data)
    return data


def _imported(response: HttpResponse, form: FormRow, data: core.Form) -> dict[str, Any]:
    review = len(data.review)
    message = f"导入完成:{len(data.tasks)} 项任务,{len(data.all_indicators())} 个指标"
    message += f";{review} 处需要人工核对。" if review else "。"
    return {**_respond(response, form), "review": review, "message": message}


@router.post(
    "/forms/import",
    response={201: schemas.ImportOut, **ERRORS},
    by_alias=True,
    tags=["导入"],
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
    org = _organisation_for_new(request, organisation)
    _open_year(org, year)
    data = _read(file)
    form = services.form_create(organisation=org, year=year, data=data, user=request.user, kind=data.kind)
    response["Location"] = f"{request.path.rpartition('/import')[0]}/{form.pk}"
    return Status(201, _imported(response, form, data))


@router.post(
    "/forms/{int:form_id}/import",
    response={200: schemas.ImportOut, **ERRORS},
    by_alias=True,
    tags=["导入"],
    summary="导入文件,替换自评表内容",
)
def form_import_replace(
    request: HttpRequest,
    form_id: int,
    response: HttpResponse,
    file: UploadedFile = UPLOAD,
    if_match: str | None = Header(None, alias="If-Match", description="GET 时得到的 ETag"),
) -> Any:
    """Replace the form's whole content with an uploaded file's (its review list included)."""
    data = _read(file)
    with transaction.atomic():
        form = _locked_for_edit(request, form_id)
        _match(if_match, form, required=True)
        services.form_replace_from_import(form=form, data=data, user=request.user)
    return _imported(response, form, data)


# --- Workflow -----------------------------------------------------------------------------------


def _step(
    request: HttpRequest, form_id: int, response: HttpResponse, if_match: str | None, run: Any
) -> dict[str, Any]:
    """Run one workflow step on a form the person can see (the service decides who may take it)."""
    form = _visible(request, form_id)
    _match(if_match, form, required=False)
    run(form)
    return _respond(response, form)


IF_MATCH = Header(None, alias="If-Match", description="可选:GET 时得到的 ETag,表已变化时返回 412")


@router.post(
    "/forms/{int:form_id}/submit",
    response={200: schemas.FormOut, **ERRORS},
    by_alias=True,
    tags=["审核流程"],
    summary="提交",
)
def form_submit(
    request: HttpRequest,
    form_id: int,
    payload: schemas.Submit,
    response: HttpResponse,
    if_match: str | None = IF_MATCH,
) -> Any:
    """提交: the filler sends the form for review; errors block it, every warning needs an explanation."""
    return _step(
        request, form_id, response, if_match,
        lambda form: workflow.submit(form=form, actor=request.user, explanations=payload.explanations),
    )  # fmt: skip


@router.post(
    "/forms/{int:form_id}/return",
    response={200: schemas.FormOut, **ERRORS},
    by_alias=True,
    tags=["审核流程"],
    summary="退回",
)
def form_return(
    request: HttpRequest,
    form_id: int,
    payload: schemas.Return,
    response: HttpResponse,
    if_match: str | None = IF_MATCH,
) -> Any:
    """退回: a reviewer sends the form back with a comment (required) and comments per field."""
    return _step(
        request, form_id, response, if_match,
        lambda form: workflow.return_form(
            form=form, actor=request.user, comment=payload.comment, field_comments=payload.field_comments
        ),
    )  # fmt: skip


@router.post(
    "/forms/{int:form_id}/approve-department",
    response={200: schemas.FormOut, **ERRORS},
    by_alias=True,
    tags=["审核流程"],
    summary="部门审核通过",
)
def form_approve_department(
    request: HttpRequest, form_id: int, response: HttpResponse, if_match: str | None = IF_MATCH
) -> Any:
    """部门审核通过."""
    return _step(
        request, form_id, response, if_match,
        lambda form: workflow.approve_department(form=form, actor=request.user),
    )  # fmt: skip


@router.post(
    "/forms/{int:form_id}/approve-finance",
    response={200: schemas.FormOut, **ERRORS},
    by_alias=True,
    tags=["审核流程"],
    summary="财政审核通过",
)
def form_approve_finance(
    request: HttpRequest, form_id: int, response: HttpResponse, if_match: str | None = IF_MATCH
) -> Any:
    """财政审核通过."""
    return _step(
        request, form_id, response, if_match,
        lambda form: workflow.approve_finance(form=form, actor=request.user),
    )  # fmt: skip


@router.post(
    "/forms/{int:form_id}/spot-check",
    response={200: schemas.FormOut, **ERRORS},
    by_alias=True,
    tags=["审核流程"],
    summary="抽查复核",
)
def form_spot_check(
    request: HttpRequest,
    form_id: int,
    payload: schemas.SpotCheck,
    response: HttpResponse,
    if_match: str | None = IF_MATCH,
) -> Any:
    """抽查复核: finance's score and comment, kept beside the self-score."""
    return _step(
        request, form_id, response, if_match,
        lambda form: workflow.spot_check(
            form=form, actor=request.user, score=workflow.parse_score(payload.score), comment=payload.comment
        ),
    )  # fmt: skip


@router.post(
    "/forms/{int:form_id}/publish",
    response={200: schemas.FormOut, **ERRORS},
    by_alias=True,
    tags=["审核流程"],
    summary="公开",
)
def form_publish(
    request: HttpRequest, form_id: int, response: HttpResponse, if_match: str | None = IF_MATCH
) -> Any:
    """公开: finance publishes an approved form on the public portal."""
    return _step(
        request, form_id, response, if_match,
        lambda form: workflow.publish(form=form, actor=request.user),
    )  # fmt: skip


@router.post(
    "/summaries", response={201: schemas.FormOut, **ERRORS}, by_alias=True, tags=["审核流程"], summary="汇总"
)
def summary_build(request: HttpRequest, payload: schemas.SummaryCreate, response: HttpResponse) -> Any:
    """汇总: build the first-level department's 汇总 form from its units' approved forms."""
    department = policy.visible_organisations(request.user).filter(pk=payload.department).first()
    if department is None:
        raise ApiError(404, "没有找到这个部门,或您无权查看。")
    summary = workflow.build_summary(department=department, year=payload.year, actor=request.user)
    return Status(201, _respond(response, summary))
