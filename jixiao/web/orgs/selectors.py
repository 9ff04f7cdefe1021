"""Reads on the organisation tree."""

from __future__ import annotations

from django.db.models import QuerySet

from jixiao.web.orgs.models import EvaluationYear, Organisation


def organisation_subtree_ids(org: Organisation) -> list[int]:
    """Return the ids of an organisation and everything below it."""
    if org.kind == Organisation.FINANCE:
        return list(Organisation.objects.filter(region_id=org.region_id).values_list("id", flat=True))
    if org.kind == Organisation.DEPARTMENT:
        return [org.id, *Organisation.objects.filter(parent=org).values_list("id", flat=True)]
    return [org.id]


def open_years(org: Organisation) -> QuerySet[EvaluationYear]:
    """Return the evaluation years of the organisation's region that are open for filling in."""
    return EvaluationYear.objects.filter(region_id=org.region_id, is_open=True).order_by("-year")
