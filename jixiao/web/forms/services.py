"""Writes on forms: one function per change. Views parse and authorise, then call one of these.

Every change goes through the ``jixiao.core`` form (so what is stored is always a valid FORMAT.md
form) and ends by running ``jixiao.core.report.check`` on what was stored. Every change also appends
an entry to the audit log (``jixiao.web.audit``) in the same transaction: who, when, and the fields
that changed, before and after. Status changes (提交, 退回, 审核, 汇总, 公开) are not made here but in
``jixiao.web.workflow.services``, one function per transition.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from jixiao.core import fields
from jixiao.core import form as core
from jixiao.core.report import Report, check
from jixiao.web.audit import services as audit
from jixiao.web.audit.models import AuditEntry
from jixiao.web.forms import convert
from jixiao.web.forms.models import Form, ImportJob, ReviewItem
from jixiao.web.orgs.models import Organisation


class FormError(Exception):
    """A change that cannot be made, with the reason in Chinese."""


class FormNotEditable(FormError, PermissionDenied):
    """The form, as stored now, may not be changed (submitted, or a 汇总 form): a 403 where uncaught.

    A page opened while the form was a draft may post its save after the form was submitted (the
    racing submit); the refusal then reaches the person as 403 with its reason, never as a 500.
    """


def run_check(data: core.Form) -> Report:
    """Return the report of ``jixiao.core`` on a form (the web layer computes nothing itself)."""
    return check(data)


def _summary(report: Report) -> dict[str, Any]:
    computed = report.to_dict()["computed"]
    return {
        "error": report.count("error"),
        "warning": report.count("warning"),
        "info": report.count("info"),
        "execution_rate": computed.get("execution_rate"),
    }


def _store(
    form: Form, data: core.Form, *, user: Any, keep_review: bool = True, pending: dict[str, str] | None = None
) -> Report:
    convert.fill_form_fields(form, data)
    form.pending = pending or {}
    report = run_check(data)
    form.check_summary = _summary(report)
    form.revision += 1
    form.updated_by = user if getattr(user, "is_authenticated", False) else None
    form.save()
    convert.replace_rows(form, data, keep_review=keep_review)
    return report


def _content(data: core.Form, pending: dict[str, str] | None) -> dict[str, Any]:
    """Return what the audit log compares: the FORMAT.md content and the unreadable inputs kept."""
    content = data.to_dict()
    content.pop("review", None)
    if pending:
        content["pending"] = dict(pending)
    return content


def _stored_content(form: Form) -> dict[str, Any]:
    fresh = convert.prefetched(Form.objects.filter(pk=form.pk)).get()
    return _content(convert.to_core(fresh), fresh.pending)


def _lock_editable(form: Form, verb: str) -> None:
    """Refuse unless the form, as stored now (not as the caller last read it), may be changed."""
    current = Form.objects.select_for_update().only("status", "rollup").get(pk=form.pk)
    form.status = current.status
    if not current.is_editable:
        if current.rollup:
            raise FormNotEditable("汇总表由系统根据各单位审核通过的自评表生成,不能直接修改;请重新汇总。")
        raise FormNotEditable(f"这张自评表当前状态为“{current.get_status_display()}”,不能{verb}。")


def _audit_edit(
    action: str, form: Form, user: Any, before: dict[str, Any], after: dict[str, Any], comment: str = ""
) -> None:
    old, new = audit.diff(before, after)
    if old or new or action != AuditEntry.UPDATE:
        audit.record(
            action=action,
            actor=user,
            form=form,
            status_before=form.status,
            before=old,
            after=new,
            comment=comment,
        )


def empty_form(organisation: Organisation, year: int) -> core.Form:
    """Return a blank department form for the organisation and year, with one task to fill in."""
    department = organisation.department
    return core.Form(
        year=year,
        department=organisation.name,
        summary=organisation.kind == Organisation.DEPARTMENT
        and department is not None
        and department.children.exists(),
        funds=core.Funds(lines=[core.FundLine(source="一般公共预算")]),
        tasks=[core.Task(indicators=[core.Indicator()])],
    )


def starting_point(last: core.Form, year: int) -> core.Form:
    """Return last year's form as a starting point: its structure and targets, none of its results
    (what ``jixiao.core.fields`` marks ``carry``)."""
    return fields.carried(last).model_copy(update={"year": year})


@transaction.atomic
def form_create(
    *, organisation: Organisation, year: int, data: core.Form, user: Any, kind: str = "department"
) -> Form:
    """Create a form of the organisation for the year from ``data`` (its review list included)."""
    if (
        kind == "department"
        and Form.objects.filter(
            organisation=organisation, year=year, kind="department", rollup=False
        ).exists()
    ):
        raise FormError(f"{organisation.name}已有{year}年度的部门整体支出绩效自评表,请直接打开修改。")
    data = data.model_copy(update={"year": year})
    form = Form(organisation=organisation, year=year, kind=data.kind)
    _store(form, data, user=user, keep_review=False)
    _audit_edit(AuditEntry.CREATE, form, user, {}, _content(data, None))
    return form


@transaction.atomic
def form_update(*, form: Form, data: core.Form, user: Any, pending: dict[str, str] | None = None) -> Report:
    """Store the edited form (open review entries stay) and return its check report."""
    _lock_editable(form, "修改")
    before = _stored_content(form)
    data = data.model_copy(update={"year": form.year})
    report = _store(form, data, user=user, pending=pending)
    _audit_edit(AuditEntry.UPDATE, form, user, before, _content(data, pending))
    return report


@transaction.atomic
def form_replace_from_import(
    *,
    form: Form,
    data: core.Form,
    user: Any,
    job: ImportJob | None = None,
    precondition: Callable[[Form], None] | None = None,
) -> Report:
    """Replace the whole content of a form with an imported one, its review list included.

    The form is locked first; ``precondition`` (the API's If-Match) may then refuse. The content it
    had is kept with the import ``job``, so nothing is lost.
    """
    _lock_editable(form, "导入覆盖")
    if precondition is not None:
        precondition(form)
    fresh = convert.prefetched(Form.objects.filter(pk=form.pk)).get()
    previous = convert.to_core(fresh)
    if job is not None:
        job.previous_json = previous.to_json()
        job.save(update_fields=["previous_json"])
    before = _content(previous, fresh.pending)
    data = data.model_copy(update={"year": form.year})
    report = _store(form, data, user=user, keep_review=False)
    _audit_edit(
        AuditEntry.IMPORT,
        form,
        user,
        before,
        _content(data, None),
        comment=f"导入待核对事项 {len(data.review)} 条",
    )
    return report


@transaction.atomic
def rollup_store(
    *, organisation: Organisation, year: int, data: core.Form, user: Any
) -> tuple[Form, dict[str, Any], dict[str, Any]]:
    """Create or rebuild a department's generated 汇总 form; return it and what changed (before, after).

    Only ``jixiao.web.workflow.services.build_summary`` calls this; it writes the audit entry.
    """
    form = Form.objects.select_for_update().filter(organisation=organisation, year=year, rollup=True).first()
    before = {} if form is None else _stored_content(form)
    if form is None:
        form = Form(organisation=organisation, year=year, kind=data.kind, rollup=True)
    data = data.model_copy(update={"year": year})
    _store(form, data, user=user, keep_review=False)
    old, new = audit.diff(before, _content(data, None))
    return form, old, new


# --- Structure: lines, tasks, indicators, list items ---------------------------------------------


def _at(data: core.Form, path: str) -> Any:
    """Return the list a structural path points into: ``funds.lines``, ``tasks``, ``tasks[1].indicators``, ``indicators``."""
    if path == "funds.lines":
        return data.funds.lines
    if path in ("tasks", "indicators"):
        return getattr(data, path)
    if path.startswith("tasks[") and path.endswith("].indicators"):
        index = int(path[len("tasks[") : -len("].indicators")])
        if not 0 <= index < len(data.tasks):
            raise FormError("指定的任务不存在,请刷新页面后重试。")
        return data.tasks[index].indicators
    raise FormError("无法识别要修改的部分。")


_NEW: dict[str, Callable[[], Any]] = {
    "funds.lines": core.FundLine,
    "tasks": lambda: core.Task(indicators=[core.Indicator()]),
    "indicators": core.Indicator,
}


def structure_add(data: core.Form, path: str) -> core.Form:
    """Return the form with one empty line, task or indicator appended to the list at ``path``."""
    refusal = fields.room_for(data, path)
    if refusal:
        raise FormError(refusal)
    data = data.model_copy(deep=True)
    items = _at(data, path)
    items.append(_NEW.get(path, core.Indicator)())
    return data


def structure_remove(data: core.Form, path: str, index: int) -> core.Form:
    """Return the form without item ``index`` of the list at ``path``."""
    data = data.model_copy(deep=True)
    items = _at(data, path)
    if not 0 <= index < len(items):
        raise FormError("要删除的行不存在,请刷新页面后重试。")
    del items[index]
    return data


@transaction.atomic
def review_item_resolve(*, form: Form, item_id: int, user: Any) -> ReviewItem:
    """Mark an import review entry as checked by a person."""
    _lock_editable(form, "修改")
    item = ReviewItem.objects.filter(form=form, pk=item_id, resolved_at__isnull=True).first()
    if item is None:
        raise FormError("这条待核对事项不存在或已处理。")
    item.resolved_at, item.resolved_by = timezone.now(), user
    item.save(update_fields=["resolved_at", "resolved_by"])
    audit.record(
        action=AuditEntry.REVIEW_RESOLVE,
        actor=user,
        form=form,
        status_before=form.status,
        before={f"review:{item.path}": item.problem},
        after={f"review:{item.path}": "已核对"},
    )
    fresh = convert.prefetched(Form.objects.filter(pk=form.pk)).get()
    Form.objects.filter(pk=form.pk).update(check_summary=_summary(run_check(convert.to_core(fresh))))
    return item


# --- Imports -----------------------------------------------------------------------------------


@transaction.atomic
def import_job_create(
    *, user: Any, organisation: Organisation, year: int, form: Form | None, filename: str, data: bytes
) -> ImportJob:
    """Record an uploaded file to import; the queue picks it up (``jixiao.web.forms.tasks``)."""
    if not data:
        raise FormError(f"{filename}: 文件是空的,请选择要导入的自评表文件。")
    return ImportJob.objects.create(
        created_by=user, organisation=organisation, year=year, form=form, filename=filename, data=data
    )


def import_job_progress(
    job: ImportJob, progress: int, message: str, *, state: str = ImportJob.RUNNING
) -> None:
    """Record how far an import has come (read by the progress bar)."""
    ImportJob.objects.filter(pk=job.pk).update(progress=progress, message=message[:500], state=state)
    job.progress, job.message, job.state = progress, message, state
