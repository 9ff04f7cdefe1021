"""统计分析 pages: who may see which scope (``access``), the year's charts, a department's years, the
drill-down list; every table also as XLSX (``?download=``)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from jixiao.web import paging
from jixiao.web.accounts.models import User
from jixiao.web.dashboards import selectors, xlsx
from jixiao.web.dashboards.models import FormFact
from jixiao.web.orgs.models import Organisation, Region
from jixiao.web.params import year_param

REFUSED = "统计分析供财政局审核人和主管部门审核人使用。"


def access(user: Any) -> tuple[Region, Organisation | None]:
    """Return the region and (for a department reviewer) the department the user's dashboards cover."""
    org = user.organisation
    if user.role == User.FINANCE_REVIEWER and org is not None:
        return org.region, None
    if user.role == User.DEPARTMENT_REVIEWER and org is not None and org.kind == Organisation.DEPARTMENT:
        return org.region, org
    if user.is_superuser or user.role == User.ADMINISTRATOR:
        region = org.region if org is not None else Region.objects.order_by("code").first()
        if region is not None:
            return region, None
    raise PermissionDenied(REFUSED)


def _download(request: HttpRequest, charts: list[selectors.Chart], prefix: str) -> HttpResponse | None:
    wanted = request.GET.get("download")
    if not wanted:
        return None
    chart = next((c for c in charts if c.key == wanted), None)
    if chart is None:
        raise Http404("没有这张统计表。")
    return xlsx.download(f"{prefix}{chart.title}", chart.title, chart.columns, chart.rows, chart.description)


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    region, department = access(request.user)
    known = selectors.years(region, department)
    year = year_param(request.GET.get("year"))
    if year is None:
        year = selectors.latest_year(region, department)
    scope = None
    charts: list[selectors.Chart] = []
    sent = 0
    if year is not None:
        scope = selectors.Scope(
            region=region, year=year, department=department, group="unit" if department else "department"
        )
        sent = selectors.sent_count(scope)
        # Nothing sent yet: the empty state, and who has (not) sent what against the deadline.
        charts = [fn(scope) for fn in (selectors.YEAR_CHARTS if sent else (selectors.progress,))]
    where = department.name if department else region.name
    if (response := _download(request, charts, f"{where}{year}年度")) is not None:
        return response
    return render(
        request,
        "dashboards/index.html",
        {
            "region": region,
            "department": department,
            "where": where,
            "year": year,
            "years": known if year is None or year in known else sorted([*known, year], reverse=True),
            "charts": charts,
            "charts_json": [chart.to_json() for chart in charts if not chart.empty],
            "query": f"year={year}" if year is not None else "",
            "sent": sent,
            "deadline": selectors.deadline_note(scope) if scope is not None else "",
            "departments": _departments(region, department),
        },
    )


def _departments(region: Region, department: Organisation | None) -> list[Organisation]:
    if department is not None:
        return [department]
    return list(Organisation.objects.filter(region=region, kind=Organisation.DEPARTMENT).order_by("name"))


@login_required
@require_GET
def department_years(request: HttpRequest, pk: int) -> HttpResponse:
    region, own = access(request.user)
    if pk == 0:  # the picker's form: ?pk=…
        chosen = selectors.int_param(request.GET.get("pk"))
        if chosen is None:
            raise Http404("请选择部门。")
        return redirect("dashboards:department", pk=chosen)
    department = Organisation.objects.filter(pk=pk, region=region, kind=Organisation.DEPARTMENT).first()
    if department is None or (own is not None and own.pk != department.pk):
        raise Http404("没有找到这个部门,或您无权查看。")
    scope = selectors.Scope(region=region, year=None, department=department, group="year")
    charts = [fn(scope) for fn in selectors.HISTORY_CHARTS]
    for chart in charts:
        chart.empty_text = "本部门还没有已提交的自评表。"
    if (response := _download(request, charts, f"{department.name}历年")) is not None:
        return response
    return render(
        request,
        "dashboards/department.html",
        {
            "department": department,
            "charts": charts,
            "charts_json": [chart.to_json() for chart in charts if not chart.empty],
            "sent": FormFact.objects.filter(
                department=department, status__in=selectors.SENT, rollup=False
            ).count(),
            "departments": _departments(region, own),
        },
    )


@login_required
@require_GET
def form_list(request: HttpRequest) -> HttpResponse:
    region, department = access(request.user)
    base = FormFact.objects.filter(region=region)
    if department is not None:
        base = base.filter(department=department)
    facts, said = selectors.filtered(base, request.GET, region)
    rows = selectors.list_rows(facts)
    missing: list[Organisation] = []
    if request.GET.get("progress") == "missing":
        missing = selectors.missing_organisations(
            region,
            year_param(request.GET.get("year")),
            department,
            selectors.int_param(request.GET.get("unit")),
            selectors.int_param(request.GET.get("department")),
        )
    title = "、".join(said) or "全部自评表"
    if request.GET.get("download") == "xlsx":
        table = [selectors.list_row(fact) for fact in rows.iterator(chunk_size=1000)]
        table += [
            [org.name, org.parent.name if org.parent else "", "", "", "未填报"] + [""] * 10 for org in missing
        ]
        return xlsx.download(f"自评表清单({title})", "自评表清单", selectors.LIST_COLUMNS, table, title)
    paged = paging.paginate(request, rows)
    query = request.GET.copy()
    query.pop(paged.param, None)
    query["download"] = "xlsx"
    return render(
        request,
        "dashboards/forms.html",
        {
            "title": title,
            "facts": paged.items,
            "paged": paged,
            "missing": missing,
            "download": query.urlencode(),
            "columns": selectors.LIST_COLUMNS,
        },
    )
