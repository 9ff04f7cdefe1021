"""The workflow by API: one ``POST /api/forms/{id}/<step>`` per step of the table
(``jixiao.web.workflow.transitions``), each calling ``workflow.services.take``; and ``POST /api/summaries``."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Header, Router, Schema
from ninja.responses import Status

from jixiao.web.accounts import policy
from jixiao.web.api import schemas
from jixiao.web.api.errors import ApiError
from jixiao.web.api.routes import common
from jixiao.web.workflow import services as workflow
from jixiao.web.workflow import transitions

router = Router(tags=["审核流程"])
IF_MATCH = Header(None, alias="If-Match", description="可选:GET 时得到的 ETag,表已变化时返回 412")

# What each step asks for, as the API's request body (a step that asks nothing takes none).
PAYLOADS: dict[str, type[Schema]] = {
    "submit": schemas.Submit,
    "return": schemas.Return,
    "spot_check": schemas.SpotCheck,
}


def _arguments(name: str, payload: Schema | None) -> dict[str, Any]:
    if payload is None:
        return {}
    data = payload.dict()
    if name == "spot_check":
        data["score"] = workflow.parse_score(data["score"])
    return data


def _route(step: transitions.Step) -> None:
    schema = PAYLOADS.get(step.name)
    path = f"/forms/{{int:form_id}}/{step.slug}"
    options: dict[str, Any] = {
        "response": {200: schemas.FormOut, **common.ERRORS},
        "by_alias": True,
        "summary": step.label,
        "operation_id": f"form_{step.name}",
        "url_name": f"form_{step.name}",  # each step its own URL name (the permission matrix keys on it)
        "description": f"{step.label}:{step.who}。",
    }
    if schema is None:

        def take(
            request: HttpRequest, form_id: int, response: HttpResponse, if_match: str | None = IF_MATCH
        ) -> Any:
            return _take(request, step.name, form_id, response, if_match, None)

    else:

        def take(  # type: ignore[misc]
            request: HttpRequest,
            form_id: int,
            response: HttpResponse,
            payload: Schema,
            if_match: str | None = IF_MATCH,
        ) -> Any:
            return _take(request, step.name, form_id, response, if_match, payload)

        take.__annotations__["payload"] = schema  # the step's own body schema

    router.post(path, **options)(take)


def _take(
    request: HttpRequest,
    name: str,
    form_id: int,
    response: HttpResponse,
    if_match: str | None,
    payload: Schema | None,
) -> dict[str, Any]:
    """Take one step on a form the person can see (the table and the service decide who may take it)."""
    form = common.visible(request, form_id)
    common.match(if_match, form, required=False)
    workflow.take(name, form=form, actor=request.user, **_arguments(name, payload))
    return common.respond(response, form)


for _step in transitions.FORM_STEPS:
    _route(_step)


@router.post("/summaries", response={201: schemas.FormOut, **common.ERRORS}, by_alias=True, summary="汇总")
def summary_build(request: HttpRequest, payload: schemas.SummaryCreate, response: HttpResponse) -> Any:
    """汇总: build the first-level department's 汇总 form from its units' approved forms."""
    department = policy.visible_organisations(request.user).filter(pk=payload.department).first()
    if department is None:
        raise ApiError(404, "没有找到这个部门,或您无权查看。")
    summary = workflow.build_summary(department=department, year=payload.year, actor=request.user)
    return Status(201, common.respond(response, summary))
