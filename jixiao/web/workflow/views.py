"""Review pages: queues, the form under review, the transitions' buttons, the audit log (page and CSV).

Each view authorises what it shows through ``accounts.policy`` (404 for a form one may not see) and
leaves every decision about a transition to ``workflow.services``: a refused step comes back as its
Chinese sentence, shown on the page, and nothing changes.
"""

from __future__ import annotations

import datetime
from typing import Any
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from jixiao.web.accounts import policy
from jixiao.web.accounts.models import User
from jixiao.web.audit import selectors as audit_selectors
from jixiao.web.forms import present
from jixiao.web.forms import selectors as form_selectors
from jixiao.web.forms import services as form_services
from jixiao.web.forms.models import Form
from jixiao.web.orgs.models import Organisation
from jixiao.web.params import year_param
from jixiao.web.workflow import present as wf_present
from jixiao.web.workflow import selectors, services
from jixiao.web.workflow.errors import ExplanationRequired, FormHasErrors, WorkflowError


def _year(request: HttpRequest) -> int | None:
    return year_param(request.GET.get("year", ""))


@login_required
@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    """待审核 / 已审核 / 被退回 for the person, late units, and (department reviewer) the 汇总 panel."""
    user: Any = request.user
    year = _year(request)
    years = form_selectors.form_years(user=user)
    late_year = year or (years[0] if years else timezone.localdate().year - 1)
    context: dict[str, Any] = {
        "queues": selectors.queues(user=user, year=year),
        "year": year,
        "years": years,
        "late_year": late_year,
        "late": selectors.late(user=user, year=late_year) if user.role != User.FILLER else [],
        "is_reviewer": user.role in (User.DEPARTMENT_REVIEWER, User.FINANCE_REVIEWER),
        "is_finance": user.role == User.FINANCE_REVIEWER,
    }
    if user.role == User.DEPARTMENT_REVIEWER and user.organisation is not None:
        context["rollup"] = selectors.summary_status(department=user.organisation, year=late_year)
    return render(request, "workflow/queue.html", context)


def _actions(user: Any, form: Form) -> dict[str, bool]:
    """Which buttons to show; the services decide for real (a stale button gets a refusal)."""
    org = form.organisation
    department = policy.is_department_reviewer_of(user, org)
    finance = policy.is_finance_reviewer_of(user, org)
    return {
        "submit": policy.is_form_filler(user, form) and form.is_editable,
        "approve_department": department and form.status == Form.SUBMITTED and not form.rollup,
        "return": (
            department and form.status in (Form.SUBMITTED, Form.DEPARTMENT_APPROVED) and not form.rollup
        )
        or (finance and form.status in (Form.FINANCE_REVIEW, Form.FINANCE_APPROVED)),
        "approve_finance": finance and form.status == Form.FINANCE_REVIEW,
        "spot_check": finance and form.status in (Form.FINANCE_REVIEW, Form.FINANCE_APPROVED, Form.PUBLISHED),
        "publish": finance and form.status == Form.FINANCE_APPROVED,
    }


@login_required
@require_GET
def review(request: HttpRequest, pk: int) -> HttpResponse:
    """The form under review: every field with its findings, explanations and a comment box."""
    form = form_selectors.form_get(user=request.user, pk=pk)
    data = form_selectors.form_data(form)
    report = form_services.run_check(data)
    page = present.build_page(report, review=form_selectors.review_open(form))
    actions = _actions(request.user, form)
    return render(
        request,
        "workflow/review.html",
        {
            "form": form,
            "page": page,
            "rows": wf_present.field_rows(data, page, form.explanations or {}),
            "actions": actions,
            "can_comment": actions["return"],
            "comments": selectors.latest_comments(form),
            "entries": audit_selectors.for_form(form).order_by("-at", "-id")[:5],
        },
    )


def _fail(request: HttpRequest, exc: WorkflowError) -> None:
    messages.error(request, str(exc))


@login_required
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    """提交: the filler's page listing each warning with a box for its explanation."""
    form = form_selectors.form_get(user=request.user, pk=pk)
    if not policy.is_form_filler(request.user, form):
        raise Http404("没有找到这张自评表,或您无权提交。")
    data = form_selectors.form_data(form)
    report = form_services.run_check(data)
    warnings = [f for f in report.findings if f.severity == "warning"]
    errors = [f for f in report.findings if f.severity == "error"]
    given = {services.finding_key(f): request.POST.get(f"x:{services.finding_key(f)}", "") for f in warnings}
    if request.method == "POST":
        try:
            services.submit(form=form, actor=request.user, explanations=given)
        except ExplanationRequired as exc:
            _fail(request, exc)
        except FormHasErrors as exc:
            _fail(request, exc)
        except WorkflowError as exc:
            _fail(request, exc)
            return redirect("forms:detail", pk=pk)
        else:
            messages.success(request, "已提交,等待主管部门审核。")
            return redirect("forms:detail", pk=pk)
    explained = form.explanations or {}
    rows = [
        {
            "key": services.finding_key(f),
            "finding": f,
            "text": given.get(services.finding_key(f)) or explained.get(services.finding_key(f), ""),
        }
        for f in dict((services.finding_key(f), f) for f in warnings).values()
    ]
    return render(
        request,
        "workflow/submit.html",
        {
            "form": form,
            "errors": errors,
            "rows": rows,
            "pending": form.pending or {},
            "error_count": len(errors) + len(form.pending or {}),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def return_form(request: HttpRequest, pk: int) -> HttpResponse:
    form = form_selectors.form_get(user=request.user, pk=pk)
    fields = {key[2:]: value for key, value in request.POST.items() if key.startswith("c:") and value.strip()}
    try:
        services.return_form(
            form=form, actor=request.user, comment=request.POST.get("comment", ""), field_comments=fields
        )
    except WorkflowError as exc:
        _fail(request, exc)
        return redirect("workflow:review", pk=pk)
    messages.success(request, f"已退回{form.organisation.name},填报人会在表上看到您的意见。")
    return redirect("workflow:queue")


def _step(request: HttpRequest, pk: int, step: Any, done: str, **kwargs: Any) -> HttpResponse:
    form = form_selectors.form_get(user=request.user, pk=pk)
    try:
        step(form=form, actor=request.user, **kwargs)
    except WorkflowError as exc:
        _fail(request, exc)
    else:
        messages.success(request, done)
    return redirect("workflow:review", pk=pk)


@login_required
@require_POST
def approve_department(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, services.approve_department, "部门审核通过。")


@login_required
@require_POST
def approve_finance(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, services.approve_finance, "财政审核通过。")


@login_required
@require_POST
def spot_check(request: HttpRequest, pk: int) -> HttpResponse:
    score = request.POST.get("score", "")
    return _step(
        request,
        pk,
        services.spot_check,
        "已记录抽查复核得分。",
        score=score,
        comment=request.POST.get("comment", ""),
    )


@login_required
@require_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, services.publish, "已公开,社会公众可在公开平台查阅。")


@login_required
@require_POST
def build_summary(request: HttpRequest, department: int, year: int) -> HttpResponse:
    org = Organisation.objects.filter(pk=department, kind=Organisation.DEPARTMENT).first()
    if org is None or not policy.visible_organisations(request.user).filter(pk=org.pk).exists():
        raise Http404("没有找到这个部门。")
    try:
        summary = services.build_summary(department=org, year=year, actor=request.user)
    except WorkflowError as exc:
        _fail(request, exc)
        return redirect(f"/review/?year={year}")
    messages.success(request, f"已生成{org.name} {year} 年度汇总表,并报送财政审核。")
    return redirect("workflow:review", pk=summary.pk)


@login_required
@require_GET
def audit_log(request: HttpRequest, pk: int) -> HttpResponse:
    form = form_selectors.form_get(user=request.user, pk=pk)
    entries = [
        {"entry": e, "changes": audit_selectors.changes(e)}
        for e in audit_selectors.for_form(form).order_by("-at", "-id")
    ]
    return render(request, "workflow/audit.html", {"form": form, "entries": entries})


@login_required
@require_GET
def audit_csv(request: HttpRequest, pk: int) -> HttpResponse:
    form = form_selectors.form_get(user=request.user, pk=pk)
    response = HttpResponse(
        audit_selectors.to_csv(audit_selectors.for_form(form)), content_type="text/csv; charset=utf-8"
    )
    name = f"{form.organisation.name}{form.year}年度审计日志{datetime.date.today():%Y%m%d}.csv"
    response["Content-Disposition"] = (
        f"attachment; filename=\"audit-{form.pk}.csv\"; filename*=UTF-8''{quote(name)}"
    )
    return response
