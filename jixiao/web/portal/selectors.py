"""Reads for the public portal: published forms only (已公开), never anything else."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import overload

from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.db.models import Q, QuerySet
from django.http import Http404

from jixiao.web.forms import convert
from jixiao.web.forms.models import Form
from jixiao.web.orgs.models import Organisation, Region
from jixiao.web.portal import search
from jixiao.web.portal.models import FTS_TABLE


@dataclass(frozen=True)
class Filters:
    """What a visitor narrowed the list to; every part optional."""

    region: str | None = None  # 行政区划代码
    year: int | None = None
    department: int | None = None  # a first-level department: its own forms and its units'


def published_forms(filters: Filters | None = None) -> QuerySet[Form]:
    """Return the published forms, narrowed by region, year and department, newest year first."""
    filters = filters or Filters()
    forms = Form.objects.filter(status=Form.PUBLISHED).select_related(
        "organisation", "organisation__parent", "organisation__region"
    )
    if filters.region:
        forms = forms.filter(organisation__region__code=filters.region)
    if filters.year:
        forms = forms.filter(year=filters.year)
    if filters.department:
        forms = forms.filter(
            Q(organisation_id=filters.department) | Q(organisation__parent_id=filters.department)
        )
    return forms.order_by("-year", "organisation__region__code", "organisation__name", "pk")


def _ranked_sql(tokens: list[str]) -> tuple[str, list[str]]:
    """Return SQL listing the published forms that contain every token, best match first, and its parameters.

    The engine ranks every match in one pass (``ts_rank`` on the stored vector, FTS5 ``bm25``);
    equally good matches come newest year first.
    """
    if connection.vendor == "postgresql":
        ask = "plainto_tsquery('simple'::regconfig, %s)"
        sql = (
            "SELECT s.form_id FROM portal_searchentry s JOIN forms_form f ON f.id = s.form_id "
            f"WHERE s.document @@ {ask} AND f.status = %s "
            f"ORDER BY ts_rank(s.document, {ask}) DESC, f.year DESC, s.form_id"
        )
        query = " ".join(tokens)
        return sql, [query, Form.PUBLISHED, query]
    if connection.vendor == "sqlite":
        # Each word a quoted FTS5 string; words side by side must all be present.
        query = " ".join('"' + token.replace('"', '""') + '"' for token in tokens)
        sql = (
            f"SELECT {FTS_TABLE}.rowid FROM {FTS_TABLE} JOIN forms_form f ON f.id = {FTS_TABLE}.rowid "
            f"WHERE {FTS_TABLE} MATCH %s AND f.status = %s "
            f"ORDER BY bm25({FTS_TABLE}), f.year DESC, {FTS_TABLE}.rowid"
        )
        return sql, [query, Form.PUBLISHED]
    # Only the two supported databases have an index; say so plainly rather than search nothing.
    raise ImproperlyConfigured(f"全文检索只支持 PostgreSQL 和 SQLite,当前数据库为 {connection.vendor}")


class SearchResults(Sequence[Form]):
    """Published forms in the order of relevance; only the slice asked for (a page) is loaded."""

    def __init__(self, ids: list[int]) -> None:
        self.ids = ids

    def __len__(self) -> int:
        return len(self.ids)

    def count(self) -> int:
        return len(self.ids)

    @overload
    def __getitem__(self, index: int) -> Form: ...

    @overload
    def __getitem__(self, index: slice) -> list[Form]: ...

    def __getitem__(self, index: int | slice) -> Form | list[Form]:
        if isinstance(index, int):
            return self[index : index + 1 or None][0]
        wanted = self.ids[index]
        found = published_forms().in_bulk(wanted)
        return [found[pk] for pk in wanted if pk in found]

    def __iter__(self) -> Iterator[Form]:
        return iter(self[:])


def portal_search(query: str, filters: Filters | None = None) -> SearchResults:
    """Return the published forms containing every word of ``query`` (jieba), best match first."""
    tokens = search.query_tokens(query)
    if not tokens:
        return SearchResults([])
    sql, params = _ranked_sql(tokens)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        ranked = [row[0] for row in cursor.fetchall()]
    if filters and (filters.region or filters.year or filters.department):
        allowed = set(published_forms(filters).values_list("pk", flat=True))
        ranked = [pk for pk in ranked if pk in allowed]
    return SearchResults(ranked)


def published_form_get(pk: int) -> Form:
    """Return a published form with everything to show it; 404 for any other form."""
    form = convert.prefetched(Form.objects.filter(pk=pk, status=Form.PUBLISHED)).first()
    if form is None:
        raise Http404("没有找到这张已公开的自评表。")
    return form


@dataclass(frozen=True)
class Facets:
    regions: list[Region]
    years: list[int]
    departments: list[Organisation]


def facets(filters: Filters | None = None) -> Facets:
    """Return the regions, years and first-level departments that have published forms."""
    published = Form.objects.filter(status=Form.PUBLISHED)
    regions = Region.objects.filter(organisations__forms__in=published).distinct().order_by("code")
    years = sorted(set(published.values_list("year", flat=True)), reverse=True)
    departments = Organisation.objects.filter(kind=Organisation.DEPARTMENT).filter(
        Q(forms__in=published) | Q(children__forms__in=published)
    )
    if filters and filters.region:
        departments = departments.filter(region__code=filters.region)
    return Facets(
        regions=list(regions),
        years=years,
        departments=list(departments.distinct().order_by("region__code", "name")),
    )
