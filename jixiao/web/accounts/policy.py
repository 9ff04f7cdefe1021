"""Who may see and change what: every object-level permission of the web system, in one place.

A filler sees and edits the forms of their own organisation; a department reviewer sees those of
the department and its subordinate units; a finance reviewer sees every form of the region; an
administrator sees everything. Views ask here and nowhere else. A form a person may not see is
answered with 404 (its existence is not revealed); one they may see but not change with 403.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from jixiao.web.accounts.models import User
from jixiao.web.orgs.models import Organisation

if TYPE_CHECKING:
    from jixiao.web.forms.models import Form


def _is_admin(user: Any) -> bool:
    return bool(user.is_authenticated and (user.is_superuser or user.role == User.ADMINISTRATOR))


def visible_organisations(user: Any) -> QuerySet[Organisation]:
    """Return the organisations whose forms the user may read."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    if _is_admin(user):
        return Organisation.objects.all()
    org = user.organisation
    if org is None:
        return Organisation.objects.none()
    if user.role == User.FINANCE_REVIEWER:
        return Organisation.objects.filter(region_id=org.region_id)
    if user.role == User.DEPARTMENT_REVIEWER:
        return Organisation.objects.filter(Q(pk=org.pk) | Q(parent_id=org.pk))
    return Organisation.objects.filter(pk=org.pk)


def visible_forms(user: Any) -> QuerySet[Form]:
    """Return the forms the user may read."""
    from jixiao.web.forms.models import Form

    if _is_admin(user):
        return Form.objects.all()
    return Form.objects.filter(organisation__in=visible_organisations(user))


def fillable_organisations(user: Any) -> QuerySet[Organisation]:
    """Return the organisations for which the user may create and fill in forms."""
    if user.is_authenticated and user.role == User.FILLER and user.organisation_id:
        return Organisation.objects.filter(pk=user.organisation_id)
    return Organisation.objects.none()


def can_edit_form(user: Any, form: Form) -> bool:
    """Return True when the user may change the form now (their unit's, and in 草稿 or 退回)."""
    return bool(
        user.is_authenticated
        and user.role == User.FILLER
        and user.organisation_id == form.organisation_id
        and form.is_editable
    )


def form_for_user(user: Any, pk: int, *, edit: bool = False, queryset: QuerySet[Form] | None = None) -> Form:
    """Return the form if the user may read it (404 otherwise) and, with ``edit``, change it (403)."""
    from jixiao.web.forms.models import Form

    found = (queryset if queryset is not None else Form.objects.all()).filter(pk=pk)
    if not _is_admin(user):
        found = found.filter(organisation__in=visible_organisations(user))
    form = found.first()
    if form is None:
        raise Http404("没有找到这张自评表,或您无权查看。")
    if edit and not can_edit_form(user, form):
        if not form.is_editable:
            raise PermissionDenied(f"这张自评表当前状态为“{form.get_status_display()}”,不能修改。")
        raise PermissionDenied("只有本单位的填报人可以修改这张自评表。")
    return form


# --- Workflow roles (issue 7): who may take which step on a form ------------------------------


def is_form_filler(user: Any, form: Form) -> bool:
    """Return True for a filler of the form's own organisation (submits it; never approves it)."""
    return bool(
        user.is_authenticated
        and user.role == User.FILLER
        and user.organisation_id is not None
        and user.organisation_id == form.organisation_id
    )


def is_department_reviewer_of(user: Any, organisation: Organisation) -> bool:
    """Return True for a reviewer of the first-level department the organisation belongs to."""
    department = organisation.department
    return bool(
        user.is_authenticated
        and user.role == User.DEPARTMENT_REVIEWER
        and department is not None
        and user.organisation_id == department.pk
    )


def is_finance_reviewer_of(user: Any, organisation: Organisation) -> bool:
    """Return True for a finance reviewer of the organisation's region."""
    return bool(
        user.is_authenticated
        and user.role == User.FINANCE_REVIEWER
        and user.organisation is not None
        and user.organisation.region_id == organisation.region_id
    )
