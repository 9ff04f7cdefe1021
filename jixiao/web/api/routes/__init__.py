"""The API's routes, one module per resource: forms, imports, checks, the audit log, the workflow."""

from __future__ import annotations

from ninja import Router

from jixiao.web.api.routes import audit, checks, forms, imports, workflow

router = Router()
for _module in (forms, imports, checks, audit, workflow):
    router.add_router("", _module.router)
