"""Reads for the workflow: deadlines, each reviewer's queues, late units, the comments of a return."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from jixiao.web.accounts import policy
from jixiao.web.accounts.models import User
from jixiao.web.forms.models import Form
from jixiao.web.orgs.models import EvaluationYear, Organisation, Region
from jixiao.web.workflow import transitions
from jixiao.web.workflow.models import ReviewComment


def deadlines(region: Region, year: int) -> tuple[datetime.date | None, datetime.date | None]:
    """Return (unit deadline, department deadline) of the region's year.

    The unit deadline falls back to the year's 报送截止日期; the department deadline to the unit's.
    """
    found = EvaluationYear.objects.filter(region=region, year=year).select_related("deadlines").first()
    if found is None:
        return None, None
    own = getattr(found, "deadlines", None)
    unit = (own.unit_deadline if own else None) or found.deadline
    department = (own.department_deadline if own else None) or unit
    return unit, department


@dataclass
class Queues:
    """What a person has to act on and what they have done, each a list of forms."""

    pending: list[Form]
    done: list[Form]
    returned: list[Form]


def _forms(user: Any) -> QuerySet[Form]:
    return policy.visible_forms(user).select_related("organisation", "organisation__parent")


def queues(*, user: Any, year: int | None = None) -> Queues:
    """Return 待审核 / 已审核 / 被退回 for a reviewer (for a filler: to submit / submitted / returned).

    The states of each queue come from the workflow table: a form waits for the person in the states
    their decision step starts from, and is done once it has moved on from there.
    """
    forms = _forms(user)
    if year:
        forms = forms.filter(year=year)
    forms = forms.order_by("-year", "organisation__name", "pk")
    role = user.role if user.role in transitions.ROLE_WHO else User.FILLER
    returned = forms.filter(status=Form.RETURNED)
    if role == User.FINANCE_REVIEWER:
        # Finance's own returns: the forms that reach finance (汇总 forms, departments without units).
        finance_level = Q(rollup=True) | Q(
            organisation__kind=Organisation.DEPARTMENT, organisation__children=None
        )
        returned = returned.filter(finance_level).distinct()
    return Queues(
        pending=list(forms.filter(status__in=transitions.pending_states(role))),
        done=list(forms.filter(status__in=transitions.done_states(role))),
        returned=list(returned),
    )


@dataclass
class Late:
    """An organisation behind its deadline: no form submitted in time, or submitted after it."""

    organisation: Organisation
    level: str  # 单位报送 | 部门汇总报送
    deadline: datetime.date
    form: Form | None
    status: str
    days: int
    submitted_late: bool


def late(*, user: Any, year: int, today: datetime.date | None = None) -> list[Late]:
    """Return the organisations the reviewer oversees that are late for the year, most overdue first."""
    today = today or timezone.localdate()
    orgs = list(
        policy.visible_organisations(user)
        .filter(kind__in=(Organisation.DEPARTMENT, Organisation.UNIT))
        .select_related("region", "parent")
        .order_by("name")
    )
    if not orgs:
        return []
    forms = {
        (f.organisation_id, f.rollup): f
        for f in Form.objects.filter(organisation__in=orgs, year=year, kind="department")
    }
    with_units = set(
        Organisation.objects.filter(parent__in=orgs, kind=Organisation.UNIT).values_list(
            "parent_id", flat=True
        )
    )
    found: list[Late] = []
    for org in orgs:
        unit_deadline, department_deadline = deadlines(org.region, year)
        own = forms.get((org.pk, False))
        if unit_deadline is not None:
            entry = _late(org, "单位报送", unit_deadline, own, today)
            if entry:
                found.append(entry)
        if org.kind == Organisation.DEPARTMENT and department_deadline is not None:
            sent = forms.get((org.pk, True)) if org.pk in with_units else own
            entry = _late(org, "部门汇总报送", department_deadline, sent, today, finance=True)
            if entry:
                found.append(entry)
    return sorted(found, key=lambda item: (-item.days, item.organisation.name))


def _late(
    org: Organisation,
    level: str,
    deadline: datetime.date,
    form: Form | None,
    today: datetime.date,
    *,
    finance: bool = False,
) -> Late | None:
    reached = (Form.FINANCE_REVIEW, Form.FINANCE_APPROVED, Form.PUBLISHED) if finance else None
    done = form is not None and (
        form.status in reached if reached else form.status not in (Form.DRAFT, Form.RETURNED)
    )
    status = form.get_status_display() if form is not None else "未填报"
    if not done:
        if today <= deadline:
            return None
        return Late(org, level, deadline, form, status, (today - deadline).days, False)
    if not finance and form is not None and form.submitted_at is not None:
        day = timezone.localtime(form.submitted_at).date()
        if day > deadline:
            return Late(org, level, deadline, form, status, (day - deadline).days, True)
    return None


def latest_comments(form: Form) -> list[ReviewComment]:
    """Return the comments of the form's most recent 退回 (empty if it was never returned)."""
    last = ReviewComment.objects.filter(form=form).order_by("-batch").values_list("batch", flat=True).first()
    if last is None:
        return []
    return list(ReviewComment.objects.filter(form=form, batch=last).order_by("id"))


def summary_status(*, department: Organisation, year: int) -> dict[str, Any]:
    """Return, for the 汇总 panel, the department's units with their form status and the summary form."""
    members = [department, *department.children.order_by("name")]
    forms = {
        f.organisation_id: f
        for f in Form.objects.filter(organisation__in=members, year=year, kind="department", rollup=False)
    }
    rows = [
        {
            "organisation": org,
            "form": forms.get(org.pk),
            "ready": forms.get(org.pk) is not None and forms[org.pk].status == Form.DEPARTMENT_APPROVED,
            "optional": org.pk == department.pk,
        }
        for org in members
        if org.pk != department.pk or org.pk in forms
    ]
    summary = Form.objects.filter(organisation=department, year=year, rollup=True).first()
    return {
        "rows": rows,
        "summary": summary,
        "ready": bool(rows) and all(r["ready"] for r in rows) and len(members) > 1,
        "has_units": len(members) > 1,
    }
