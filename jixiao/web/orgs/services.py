"""Writes on the organisation tree: one function per change, validated before saving."""

from __future__ import annotations

import datetime

from django.db import transaction

from jixiao.web.orgs.models import EvaluationYear, Organisation, Region


@transaction.atomic
def region_ensure(*, code: str, name: str) -> Region:
    """Return the region with this code, creating it (or renaming it) as needed."""
    region, _ = Region.objects.update_or_create(code=code, defaults={"name": name})
    region.full_clean()
    return region


@transaction.atomic
def organisation_ensure(
    *, region: Region, kind: str, name: str, parent: Organisation | None = None, uscc: str = ""
) -> Organisation:
    """Return the organisation of this name in the region, creating or updating it; validates the tree."""
    org = Organisation.objects.filter(region=region, name=name).first() or Organisation(
        region=region, name=name
    )
    org.kind, org.parent, org.uscc = kind, parent, uscc
    org.full_clean()
    org.save()
    return org


@transaction.atomic
def evaluation_year_ensure(*, region: Region, year: int, deadline: datetime.date | None) -> EvaluationYear:
    """Return the evaluation year of the region, creating it or setting its deadline."""
    item, _ = EvaluationYear.objects.update_or_create(
        region=region, year=year, defaults={"deadline": deadline}
    )
    return item
