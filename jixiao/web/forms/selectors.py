"""Reads on forms: what a person may see, fetched in few queries."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from jixiao.core import form as core
from jixiao.web.accounts import policy
from jixiao.web.forms import convert
from jixiao.web.forms.models import Form, ImportJob, ReviewItem
from jixiao.web.orgs.models import Organisation


def form_list(*, user: Any, year: int | None = None) -> QuerySet[Form]:
    """Return the forms the user may see, newest year first, with their organisation."""
    forms = policy.visible_forms(user).select_related("organisation", "organisation__parent")
    if year:
        forms = forms.filter(year=year)
    # pk last: a form keeps its place from one page to the next.
    return forms.order_by("-year", "organisation__parent__name", "organisation__name", "pk")


def form_years(*, user: Any) -> list[int]:
    """Return the years in which the user can see at least one form."""
    return sorted(set(policy.visible_forms(user).values_list("year", flat=True)), reverse=True)


def form_get(*, user: Any, pk: int, edit: bool = False) -> Form:
    """Return a form with everything needed to build its ``jixiao.core`` form (404/403 as policy says)."""
    return policy.form_for_user(user, pk, edit=edit, queryset=convert.prefetched(Form.objects.all()))


def form_row_get(*, user: Any, pk: int, edit: bool = False) -> Form:
    """Return the form's own row only (404/403 as policy says), for a change that reads the rest itself."""
    return policy.form_for_user(user, pk, edit=edit)


def form_data(form: Form) -> core.Form:
    """Return the stored form as a ``jixiao.core`` form."""
    return convert.to_core(form)


def review_open(form: Form) -> list[ReviewItem]:
    """Return the form's import review entries a person has not yet checked."""
    return [item for item in form.review_items.all() if item.resolved_at is None]


def last_year_form(*, organisation: Organisation, year: int) -> Form | None:
    """Return the organisation's department form of the year before, if there is one."""
    return convert.prefetched(
        Form.objects.filter(organisation=organisation, year=year - 1, kind="department")
    ).first()


def import_job_get(*, user: Any, pk: int) -> ImportJob:
    """Return an import job the user started (404 for anyone else's)."""
    from django.http import Http404

    job = ImportJob.objects.filter(pk=pk, created_by=user).select_related("form").defer("data").first()
    if job is None:
        raise Http404("没有找到这次导入。")
    return job


def execution_rates(*, user: Any, year: int | None) -> list[dict[str, Any]]:
    """Return, per visible form, the computed and the reported 预算完成率 (for the overview chart)."""
    rows = form_list(user=user, year=year).values(
        "id", "organisation__name", "year", "execution_rate", "check_summary"
    )
    return [
        {
            "id": row["id"],
            "name": row["organisation__name"],
            "year": row["year"],
            "reported": None if row["execution_rate"] is None else f"{row['execution_rate']:.2f}",
            "computed": (row["check_summary"] or {}).get("execution_rate"),
        }
        for row in rows
    ]
