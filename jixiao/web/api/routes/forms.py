"""``/api/forms``: list, read, create and update (ETag / If-Match; PATCH is a JSON Merge Patch, RFC 7396)."""

from __future__ import annotations

import json
import math
from typing import Any, Literal

import json_merge_patch
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from ninja import Header, Query, Router, Schema
from ninja.responses import Status
from pydantic import Field
from pydantic import ValidationError as PydanticValidationError

from jixiao.core import form as core
from jixiao.web.accounts import policy
from jixiao.web.api import present, schemas
from jixiao.web.api.cache import private
from jixiao.web.api.errors import ApiError, validation_messages
from jixiao.web.api.routes import common
from jixiao.web.forms import convert, services
from jixiao.web.orgs.models import Organisation
from jixiao.web.orgs.selectors import open_years

router = Router(tags=["自评表"])
MAX_PAGE = 100_000


class ListFilters(Schema):
    year: int | None = Field(None, ge=1990, le=2100, description="被评价年度")
    status: schemas.Status | None = Field(None, description="状态代码")
    kind: Literal["department", "project"] | None = Field(None, description="表式")
    organisation: int | None = Field(None, ge=1, le=schemas.MAX_ID, description="填报单位 id")
    region: str | None = Field(None, pattern=r"^[0-9]{6}$", description="行政区划代码")
    page: int = Field(1, ge=1, le=MAX_PAGE)
    page_size: int = Field(20, ge=1, le=100)


@router.get("/forms", response={200: schemas.FormPage, **common.ERRORS}, summary="自评表列表(分页)")
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
    response={200: schemas.FormOut, 304: None, **common.ERRORS},
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
    form = common.visible(request, form_id)
    response["ETag"] = present.etag(form)
    if if_none_match and present.etag(form) in [tag.strip() for tag in if_none_match.split(",")]:
        private(response)
        return Status(304, None)
    return present.full(form)


def organisation_for_new(request: HttpRequest, wanted: int | None) -> Organisation:
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


def open_year(org: Organisation, year: int) -> None:
    if not open_years(org).filter(year=year).exists():
        raise ApiError(422, f"{year}年度未开放填报,请选择开放填报的年度。")


@router.post("/forms", response={201: schemas.FormOut, **common.ERRORS}, by_alias=True, summary="新建自评表")
def form_create(request: HttpRequest, payload: schemas.FormCreate, response: HttpResponse) -> Any:
    """Create a form of the person's organisation for an open year from FORMAT.md content."""
    org = organisation_for_new(request, payload.organisation)
    open_year(org, payload.year)
    common.storable(payload.form)
    form = services.form_create(
        organisation=org, year=payload.year, data=payload.form, user=request.user, kind=payload.form.kind
    )
    response["Location"] = f"{request.path.rstrip('/')}/{form.pk}"
    return Status(201, common.respond(response, form))


@router.put(
    "/forms/{int:form_id}",
    response={200: schemas.FormOut, **common.ERRORS},
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
        form = common.locked_for_edit(request, form_id)
        common.match(if_match, form, required=True)
        common.storable(data)
        common.keeps_what_was_typed(form, data)
        services.form_update(form=form, data=data, user=request.user, pending={})
    return common.respond(response, form)


@router.patch(
    "/forms/{int:form_id}",
    response={200: schemas.FormOut, **common.ERRORS},
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
        form = common.locked_for_edit(request, form_id)
        common.match(if_match, form, required=True)
        merged = json_merge_patch.merge(convert.to_core(form).to_dict(), patch)
        try:
            data = core.Form.model_validate(merged)
        except PydanticValidationError as exc:
            messages = validation_messages(exc.errors())
            raise ApiError(422, f"修改后的内容不符合格式:{messages[0]}", errors=messages) from None
        common.storable(data)
        common.keeps_what_was_typed(form, data)
        services.form_update(form=form, data=data, user=request.user, pending={})
    return common.respond(response, form)
