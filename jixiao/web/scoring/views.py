"""The scoring scheme screen (finance) and the comparison lists (finance and department reviewers).

The views parse and authorise; the scheme is validated by ``jixiao.core.scoring`` (through
``services.scheme_save``) and every comparison is computed by ``jixiao.core.compare_years``.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from jixiao.core.numbers import plain
from jixiao.core.scoring import BUILT_IN, Scheme, SchemeError
from jixiao.web.accounts.models import User
from jixiao.web.orgs.models import Organisation
from jixiao.web.params import year_param
from jixiao.web.scoring import selectors, services

PRESETS = (("default", "财预〔2020〕10号(10/50/30/10)"), ("20/80", "执行率20、年度绩效目标80"))
PRINTED = (("form", "按表中印的分值计分"), ("scheme", "按本方案各类分值折算"))


def _fields(scheme: Scheme) -> list[dict[str, Any]]:
    """Return the editable numbers of a scheme: name, label, the value shown, and its group."""
    rows = [
        {
            "name": "execution_weight",
            "label": "预算执行率",
            "value": scheme.execution_weight,
            "group": "weights",
        }
    ]
    rows += [
        {"name": f"weight-{c.key}", "label": c.label, "value": c.weight, "group": "weights"}
        for c in scheme.categories
    ]
    rows += [
        {"name": f"grade-{i}", "label": band.label, "value": band.minimum, "group": "grades"}
        for i, band in enumerate(scheme.grades)
    ]
    rows += [
        {"name": "tolerance", "label": "容差", "value": scheme.tolerance, "group": "other"},
        {"name": "spot_check_gap", "label": "复核分差", "value": scheme.spot_check_gap, "group": "other"},
    ]
    for row in rows:
        row["value"] = plain(row["value"])
    return rows


def _parse(post: QueryDict, base: Scheme) -> tuple[dict[str, Any], dict[str, str], dict[str, str]]:
    """Return the scheme's JSON data from the posted form, the errors by field and the values typed."""
    typed = {row["name"]: post.get(row["name"], "").strip() for row in _fields(base)}
    errors: dict[str, str] = {}
    labels = {row["name"]: row["label"] for row in _fields(base)}
    for name, text in typed.items():
        if not text:
            errors[name] = f"请填写“{labels[name]}”。"
            continue
        try:
            value = Decimal(text.replace(",", ""))
        except InvalidOperation:
            errors[name] = f"“{text}”不是数字。"
            continue
        if not value.is_finite() or value < 0:
            errors[name] = "不能为负数。"
        elif value > 100:
            errors[name] = "不能超过 100。"
    printed = post.get("printed_weights", base.printed_weights)
    data = {
        "name": (post.get("name", "").strip() or base.name)[:200],
        "execution_weight": typed["execution_weight"],
        "categories": [
            {
                "key": c.key,
                "label": c.label,
                "weight": typed[f"weight-{c.key}"],
                "keywords": list(c.keywords),
                "name_keywords": list(c.name_keywords),
            }
            for c in base.categories
        ],
        "grades": [{"label": b.label, "minimum": typed[f"grade-{i}"]} for i, b in enumerate(base.grades)],
        "tolerance": typed["tolerance"],
        "spot_check_gap": typed["spot_check_gap"],
        "printed_weights": printed if printed in dict(PRINTED) else "form",
        "default_category": base.default_category,
    }
    return data, errors, typed


def _sum(values: Any) -> tuple[str, bool]:
    """Return the sum of the weights as typed ("" when one is not a number) and whether it is 100."""
    try:
        total = sum((Decimal(str(v).replace(",", "")) for v in values), Decimal(0))
    except InvalidOperation:
        return "", False
    return plain(total.normalize() if total == total.to_integral_value() else total), total == 100


@login_required
@require_http_methods(["GET", "POST"])
def scheme_edit(request: HttpRequest) -> HttpResponse:
    """评分方案: finance views and edits the region's scheme for a year (others: 403)."""
    user: Any = request.user
    organisation = getattr(user, "organisation", None)
    region = organisation.region if organisation is not None else None
    if region is None or not services.can_edit_scheme(user, region):
        raise PermissionDenied("只有财政局审核人可以查看和修改评分方案。")
    years = selectors.scheme_years(region, timezone.localdate().year)
    year = year_param(request.GET.get("year") or request.POST.get("year")) or years[0]
    if year not in years:
        raise Http404("没有这个年度。")
    current = selectors.scheme_for(region, year)
    preset = request.GET.get("preset", "")
    shown = BUILT_IN.get(preset, current)
    errors: dict[str, str] = {}
    typed: dict[str, str] = {}
    problem = ""
    name, printed = shown.name, shown.printed_weights
    if request.method == "POST":
        base_key = request.POST.get("base", "")
        shown = BUILT_IN.get(base_key, current)
        preset = base_key if base_key in BUILT_IN else ""
        data, errors, typed = _parse(request.POST, shown)
        name, printed = data["name"], data["printed_weights"]
        if not errors:
            try:
                services.scheme_save(region=region, year=year, data=data, user=user)
            except SchemeError as exc:
                problem = str(exc)
            else:
                messages.success(
                    request, f"{year} 年度评分方案已保存。本年度各表的计算得分和等级已按新方案重新计算。"
                )
                return redirect(f"{reverse('scoring:scheme')}?year={year}")
        else:
            problem = "有填写不正确的地方,请按提示改正后再保存(已填写的内容都保留着)。"
    fields = _fields(shown)
    for row in fields:
        if row["name"] in typed:
            row["value"] = typed[row["name"]]
        row["error"] = errors.get(row["name"], "")
    context = {
        "weights_sum": _sum(r["value"] for r in fields if r["group"] == "weights"),
        "region": region,
        "year": year,
        "years": years,
        "stored": selectors.stored_scheme(region, year),
        "current": current,
        "preset": preset,
        "presets": PRESETS,
        "printed_choices": PRINTED,
        "printed": printed,
        "name": name,
        "weights": [r for r in fields if r["group"] == "weights"],
        "grades": [r for r in fields if r["group"] == "grades"],
        "others": [r for r in fields if r["group"] == "other"],
        "problem": problem,
        "grade_counts": selectors.grade_counts(region, year, current),
        "history": selectors.scheme_history(region, year),
    }
    return render(request, "scoring/scheme.html", context, status=400 if problem else 200)


# --- comparisons ------------------------------------------------------------------------------------


def _comparer(request: HttpRequest) -> Any:
    user: Any = request.user
    if not selectors.can_compare(user):
        raise PermissionDenied("比对清单供主管部门审核人和财政局审核人使用。")
    return user


@login_required
@require_GET
def compare_index(request: HttpRequest) -> HttpResponse:
    user = _comparer(request)
    year = year_param(request.GET.get("year", "")) or selectors.latest_year(user)
    return render(
        request,
        "scoring/compare_index.html",
        {"year": year, "years": selectors.compare_years_of(user), "kinds": selectors.COMPARISONS},
    )


@login_required
@require_GET
def compare_list(request: HttpRequest, kind: str) -> HttpResponse:
    user = _comparer(request)
    if kind not in selectors.COMPARISONS:
        raise Http404("没有这个比对。")
    years = selectors.compare_years_of(user)
    year = year_param(request.GET.get("year", "")) or (years[0] if years else timezone.localdate().year)
    context: dict[str, Any] = {
        "kind": kind,
        "title": selectors.COMPARISONS[kind],
        "kinds": selectors.COMPARISONS,
        "year": year,
        "years": years,
    }
    if kind == "below":
        context["rows"] = selectors.below_last_actual(user, year)
    elif kind == "copied":
        context["rows"] = selectors.copied(user, year)
    elif kind == "low-execution":
        context["rows"] = selectors.low_execution(user, year)
    else:
        departments = selectors.peer_departments(user)
        chosen = _department(request, user, departments)
        context["departments"] = departments
        context["department"] = chosen
        context["rows"] = selectors.peers(chosen, year) if chosen is not None else []
    return render(request, "scoring/compare_list.html", context)


def _department(request: HttpRequest, user: Any, departments: list[Organisation]) -> Organisation | None:
    wanted = request.GET.get("department", "")
    if wanted.isascii() and wanted.isdigit():
        for department in departments:
            if department.pk == int(wanted):
                return department
        raise Http404("没有这个部门。")
    if user.role == User.DEPARTMENT_REVIEWER and user.organisation in departments:
        return user.organisation  # type: ignore[no-any-return]
    with_units = [d for d in departments if d.children.exists()]
    return (with_units or departments or [None])[0]
