"""A stored form as the API shows it: where it belongs, its state, its ETag, its FORMAT.md content."""

from __future__ import annotations

from typing import Any

from jixiao.web.audit.models import AuditEntry
from jixiao.web.forms import convert
from jixiao.web.forms.models import Form
from jixiao.web.orgs.models import Organisation


def etag(form: Form) -> str:
    """Return the form's strong ETag: it changes with every change of content (the revision, which
    every save moves under the form's row lock), every transition and every spot-check."""
    checked = f".{form.spot_checked_at.timestamp():.6f}" if form.spot_checked_at else ""
    return f'"{form.pk}.{form.revision}.{form.status}{checked}"'


def organisation(org: Organisation | None) -> dict[str, Any] | None:
    if org is None:
        return None
    return {"id": org.pk, "name": org.name, "kind": org.kind, "region": org.region.code}


def info(form: Form) -> dict[str, Any]:
    """Return everything about a form but its content."""
    org = form.organisation
    return {
        "id": form.pk,
        "organisation": organisation(org),
        "department": organisation(org.department),
        "year": form.year,
        "kind": form.kind,
        "status": form.status,
        "status_label": form.get_status_display(),
        "summary": form.summary,
        "rollup": form.rollup,
        "revision": form.revision,
        "etag": etag(form),
        "check_summary": form.check_summary or {},
        "submitted_at": form.submitted_at,
        "spot_check_score": None if form.spot_check_score is None else str(form.spot_check_score),
        "spot_check_comment": form.spot_check_comment,
        "updated_at": form.updated_at,
    }


def audit_entry(entry: AuditEntry) -> dict[str, Any]:
    return {
        "at": entry.at,
        "actor": entry.actor_name,
        "actor_role": entry.actor_role,
        "actor_organisation": entry.actor_organisation,
        "action": entry.action,
        "action_label": entry.get_action_display(),
        "status_before": entry.status_before,
        "status_after": entry.status_after,
        "comment": entry.comment,
        "before": entry.before,
        "after": entry.after,
    }


def full(form: Form) -> dict[str, Any]:
    """Return the form with its content (the form must come from ``convert.prefetched``)."""
    return {**info(form), "form": convert.to_core(form)}
