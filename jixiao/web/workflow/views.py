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
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jixiao.web import paging
from jixiao.web.accounts import policy
from jixiao.web.accounts.models import User
from jixiao.web.audit import selectors as audit_selectors
from jixiao.web.forms import present
from jixiao.web.forms import selectors as form_selectors
from jixiao.web.forms import services as form_services
from jixiao.web.orgs.models import Organisation
from jixiao.web.params import year_param
from jixiao.web.workflow import present as wf_present
from jixiao.web.workflow import selectors, services, transitions
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
    queues = selectors.queues(user=user, year=year)
    context: dict[str, Any] = {
        "queues": queues,
        "paged": {
            name: paging.paginate(request, getattr(queues, name), param=f"p_{name}", anchor=f"q-{name}")
            for name in ("pending", "done", "returned")
        },
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


@login_required
@require_GET
def review(request: HttpRequest, pk: int) -> HttpResponse:
    """The form under review: every field with its findings, explanations and a comment box."""
    form = form_selectors.form_get(user=request.user, pk=pk)
    data = form_selectors.form_data(form)
    report = form_services.run_check(data)
    page = present.build_page(report, review=form_selectors.review_open(form))
    actions = transitions.available(request.user, form)
    return render(
        request,
        "workflow/review.html",
        {
            "form": form,
            "page": page,
            "rows": wf_present.field_rows(data, page, form.explanations or {}),
            "actions": [step for step in actions if step.name != "submit"],
            "can_comment": transitions.BY_NAME["return"] in actions,
            "comments": selectors.latest_comments(form),
            "entries": audit_selectors.for_form(form).order_by("-at", "-id")[:5],
        },
    )


def _fail(request: HttpRequest, exc: WorkflowError) -> None:
    messages.error(request, str(exc))


@login_required
@require_http_methods(["GET", "POST"])
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    """提交: the filler's page listing each warning with a box for its explanation."""
    form = form_selectors.form_get(user=request.user, pk=pk)
    if not policy.is_form_filler(request.user, form):
        # Seen but not theirs to submit: 403, as everywhere (policy.form_for_user).
        raise PermissionDenied("只有本单位的填报人可以提交这张自评表。")
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
            messages.success(request, transitions.BY_NAME["submit"].done)
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


def _payload(request: HttpRequest, step: transitions.Step) -> dict[str, Any]:
    """Return what the step asks for, read from the posted page."""
    posted = request.POST
    asked = {
        "comment": lambda: posted.get("comment", ""),
        "score": lambda: posted.get("score", ""),
        "field_comments": lambda: {
            key[2:]: value for key, value in posted.items() if key.startswith("c:") and value.strip()
        },
    }
    return {name: asked[name]() for name in step.asks if name in asked}


@login_required
@require_POST
def step(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    """Take one workflow step on a form (``transitions.STEPS``); a refusal is shown on the page."""
    form = form_selectors.form_get(user=request.user, pk=pk)
    chosen = transitions.BY_NAME[name]
    try:
        services.take(name, form=form, actor=request.user, **_payload(request, chosen))
    except WorkflowError as exc:
        _fail(request, exc)
        return redirect("workflow:review", pk=pk)
    messages.success(request, chosen.done)
    if chosen.kind == "back":
        return redirect("workflow:queue") if name == "return" else redirect("forms:detail", pk=pk)
    return redirect("workflow:review", pk=pk)


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
    messages.success(request, f"{org.name} {year} 年度:{transitions.BY_NAME['build_summary'].done}")
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
