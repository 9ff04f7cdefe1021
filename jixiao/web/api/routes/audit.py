"""``/api/forms/{id}/audit``: the audit log of a form."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router

from jixiao.web.api import present, schemas
from jixiao.web.api.routes import common
from jixiao.web.audit import selectors as audit_selectors

router = Router(tags=["审计日志"])


@router.get(
    "/forms/{int:form_id}/audit",
    response={200: list[schemas.AuditEntry], **common.ERRORS},
    summary="自评表的审计日志",
)
def form_audit(request: HttpRequest, form_id: int) -> Any:
    """Return every edit and transition of the form, oldest first (whoever may see the form may read it)."""
    form = common.visible(request, form_id)
    return [present.audit_entry(entry) for entry in audit_selectors.for_form(form)]
