"""``/api/check`` and ``/api/forms/{id}/check``: the check report (as ``jixiao check --format json``)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router

from jixiao.core import form as core
from jixiao.core.report import check
from jixiao.web.api import schemas
from jixiao.web.api.routes import common
from jixiao.web.forms import convert

router = Router(tags=["检查"])


@router.get(
    "/forms/{int:form_id}/check", response={200: schemas.Report, **common.ERRORS}, summary="检查一张自评表"
)
def form_check(request: HttpRequest, form_id: int) -> Any:
    """Return the check report of the stored form (as ``jixiao check --json``)."""
    form = common.visible(request, form_id)
    return check(convert.to_core(form)).to_dict()


@router.post("/check", response={200: schemas.Report, **common.ERRORS}, summary="检查一份自评表内容(不保存)")
def check_document(request: HttpRequest, data: core.Form) -> Any:
    """Return the check report of the posted FORMAT.md form; nothing is stored."""
    return check(data).to_dict()
