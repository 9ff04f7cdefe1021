"""Writes on scoring: finance sets a region's scheme for a year; the audit log records old → new."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from jixiao.core.scoring import Scheme, scheme_from_dict
from jixiao.web.accounts.models import User
from jixiao.web.audit import services as audit
from jixiao.web.audit.models import AuditEntry
from jixiao.web.dashboards import facts
from jixiao.web.orgs.models import Region
from jixiao.web.scoring import selectors
from jixiao.web.scoring.models import ScoringScheme


def can_edit_scheme(user: Any, region: Region) -> bool:
    """Only a finance reviewer of the region sets its scoring scheme."""
    organisation = getattr(user, "organisation", None)
    return bool(
        user.is_authenticated
        and user.role == User.FINANCE_REVIEWER
        and organisation is not None
        and organisation.region_id == region.pk
    )


@transaction.atomic
def scheme_save(*, region: Region, year: int, data: dict[str, Any], user: Any) -> Scheme:
    """Set the region's scheme for the year from JSON data (``Scheme.to_dict()`` form).

    Raises ``PermissionDenied`` for anyone but the region's finance reviewer and
    ``jixiao.core.scoring.SchemeError`` (a Chinese sentence) for a scheme that cannot be used. The
    audit log records the fields that changed, before and after. Scores are computed from the scheme
    whenever they are shown, so every form of the year is scored by the new scheme from now on.
    """
    if not can_edit_scheme(user, region):
        raise PermissionDenied("只有本行政区划的财政局审核人可以修改评分方案。")
    scheme = scheme_from_dict(data)
    old = selectors.scheme_for(region, year).to_dict()
    new = scheme.to_dict()
    row = ScoringScheme.objects.select_for_update().filter(region=region, year=year).first()
    if row is None:
        row = ScoringScheme(region=region, year=year)
    row.data, row.updated_by = new, user
    row.save()
    before, after = audit.diff(old, new)
    if before or after:
        audit.record(
            action=AuditEntry.SCHEME,
            actor=user,
            before=before,
            after=after,
            comment=selectors.scheme_label(region, year),
        )
        # the dashboards keep each form's computed score and grade: the year is scored again now
        transaction.on_commit(lambda: facts.refresh_year(region.pk, year))
    return scheme
