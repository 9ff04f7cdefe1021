"""Writes on forms: one function per change. Views parse and authorise, then call one of these.

Every change goes through the ``jixiao.core`` form (so what is stored is always a valid FORMAT.md
form) and ends by running ``jixiao.core.report.check`` on what was stored. Every change also appends
an entry to the audit log (``jixiao.web.audit``) in the same transaction: who, when, and the fields
that changed, before and after. Status changes (提交, 退回, 审核, 汇总, 公开) are not made here but in
``jixiao.web.workflow.services``, one function per transition.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from jixiao.core import fields, wording
from jixiao.core import form as core
from jixiao.core.report import Report, check
from jixiao.web.audit import services as audit
from jixiao.web.audit.models import AuditEntry
from jixiao.web.dashboards import facts
from jixiao.web.forms import convert, editing
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
    form: Form,
    data: core.Form,
    *,
    user: Any,
    keep_review: bool = True,
    pending: dict[str, str] | None = None,
    before: core.Form | None = None,
) -> Report:
    """Store a form's content, check summary and next revision (the caller holds the row lock).

    With ``before`` (the content as read with ``form``'s prefetched rows under that lock) only the
    rows that differ from it are rewritten; otherwise all of them are replaced."""
    convert.fill_form_fields(form, data)
    form.pending = pending or {}
    report = run_check(data)
    form.check_summary = _summary(report)
    if form.pk is not None:
        # The revision as stored now (the caller holds the row lock), never the caller's copy: every
        # change of content moves it, so one revision (and one ETag) never names two contents.
        form.revision = Form.objects.filter(pk=form.pk).values_list("revision", flat=True).get()
    form.revision += 1
    form.updated_by = user if getattr(user, "is_authenticated", False) else None
    form.save()
    if before is None or not convert.update_rows(form, before, data):
        convert.replace_rows(form, data, keep_review=keep_review)
    facts.refresh(form, data, report)  # the dashboards' figures (jixiao.web.dashboards)
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


# --- Saves from the edit page: field by field, compare-and-set ------------------------------------


ROWS_CHANGED = "这张表的行数已在别处改变(例如另一个窗口),本次输入未保存。请先复制您刚填写的内容,再刷新页面。"
CHANGED_ELSEWHERE = (
    "这张表在您打开页面之后已被修改(别人或您的另一个窗口),为免删错行,本次删除未执行。请刷新页面后重试。"
)


@dataclass(frozen=True)
class Conflict:
    """A field someone else changed since the page had it: what the page sent, and what is stored."""

    path: str
    mine: str
    stored: str


@dataclass
class FieldSave:
    """What a save from the edit page did, field by field."""

    form: Form
    data: core.Form
    saved: list[str] = field(default_factory=list)  # stored now, or already held what was sent
    conflicts: list[Conflict] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)  # beside a field: unreadable, or too large
    too_large: list[str] = field(default_factory=list)  # not stored: past what the database holds
    in_sync: bool = False  # the page was loaded at the revision stored before this save
    report: Report | None = None  # the check of ``data`` when this save stored it (run once)

    @property
    def unsaved(self) -> list[str]:
        return [c.path for c in self.conflicts] + self.too_large


class RowsChanged(FormError):
    """The page's rows are not the stored ones: its paths name other rows now."""


def _stored_row(form: Form) -> tuple[Form, core.Form]:
    """Return the form as stored now (the caller holds the lock) and its ``jixiao.core`` form."""
    fresh = convert.prefetched(Form.objects.filter(pk=form.pk)).get()
    return fresh, convert.to_core(fresh)


def _apply_fields(
    stored: core.Form, pending: dict[str, str], post: Mapping[str, str], *, in_sync: bool, result: FieldSave
) -> tuple[dict[str, Any], list[str]]:
    """Apply each posted field whose stored value is still the page's (compare-and-set, field by field).

    A field is applied when the page was in step with the stored form (same revision), or when the
    stored value still equals the value the page had (its base). A field someone else changed since
    is a conflict: nothing of it is written. Returns the form data with the changes and the paths changed.
    """
    data = stored.to_dict()
    inputs = editing.editable_fields(stored)
    changed: list[str] = []
    for path, posted in editing.posted_fields(stored, post, inputs=inputs).items():
        entry, value = inputs[path]
        new = editing.read(entry, posted.raw)
        if new is None:  # not one of the choices: the page offers no such value
            continue
        current = editing.stored_reading(value, path, pending)
        if new.key == current.key:
            result.saved.append(path)
            if new.error:
                result.errors[path] = new.error
            continue
        base = None if posted.base is None else editing.read(entry, posted.base)
        if not (in_sync or (base is not None and base.key == current.key)):
            result.conflicts.append(Conflict(path, posted.raw, editing.shown(entry, current)))
            continue
        if new.unreadable is not None:
            pending[path] = new.unreadable
            result.errors[path] = new.error
        else:
            pending.pop(path, None)
            editing.set_value(data, path, new.value)
        changed.append(path)
    return data, changed


def _check_storable(
    stored: core.Form,
    data: dict[str, Any],
    pending: dict[str, str],
    old_pending: dict[str, str],
    changed: list[str],
    result: FieldSave,
) -> core.Form:
    """Take back each changed field the database cannot hold (a 400-character name, 19 whole digits)."""
    form = core.Form.model_validate(data)
    problems = fields.storage_problems(form)
    if not problems:
        return form
    inputs = editing.editable_fields(stored)
    for where, problem in problems.items():
        path = next((p for p in changed if where == p or where.startswith(p + "[")), None)
        if path is None or path in result.too_large:
            continue
        result.too_large.append(path)
        result.errors[path] = problem
        editing.set_value(data, path, inputs[path][1])
        if path in old_pending:
            pending[path] = old_pending[path]
        else:
            pending.pop(path, None)
    for path in result.too_large:
        changed.remove(path)
    return core.Form.model_validate(data)


def posted_revision(post: Mapping[str, str]) -> int | None:
    """Return the revision a page says it was loaded at (``None`` when it says none)."""
    text = post.get("revision") or ""
    return int(text) if text.isascii() and text.isdigit() and len(text) < 12 else None


@transaction.atomic
def form_save_fields(*, form: Form, user: Any, post: Mapping[str, str]) -> FieldSave:
    """Save the fields the edit page sent, each only if nobody changed it since the page had it.

    In one transaction under the form's row lock: refuse a post whose rows are not the stored ones
    (``RowsChanged``), apply every field whose stored value is still the page's, refuse each other
    one as a ``Conflict`` (the others are still applied), store, and record the audit entry.
    """
    _lock_editable(form, "修改")
    fresh, stored = _stored_row(form)
    if post.get("structure") != editing.structure_token(stored):
        raise RowsChanged(wording.save_phrase("rows_changed"))
    revision = posted_revision(post)
    old_pending = dict(fresh.pending or {})
    pending = dict(old_pending)
    result = FieldSave(form=fresh, data=stored, in_sync=revision == fresh.revision)
    data, changed = _apply_fields(stored, pending, post, in_sync=result.in_sync, result=result)
    updated = _check_storable(stored, data, pending, old_pending, changed, result)
    result.saved += changed
    if changed:
        before = _content(stored, old_pending)
        updated = updated.model_copy(update={"year": fresh.year})
        result.report = _store(fresh, updated, user=user, pending=pending, before=stored)
        _audit_edit(AuditEntry.UPDATE, fresh, user, before, _content(updated, pending))
        result.data = updated
    return result


def _pending_after_remove(pending: dict[str, str], path: str, index: int) -> dict[str, str]:
    """Return the unreadable inputs kept, renumbered after removing item ``index`` of the list ``path``."""
    pattern = re.compile(re.escape(path) + r"\[(\d+)\](.*)", re.DOTALL)
    kept: dict[str, str] = {}
    for key, raw in pending.items():
        match = pattern.fullmatch(key)
        if match is None:
            kept[key] = raw
            continue
        position = int(match.group(1))
        if position != index:
            kept[f"{path}[{position - 1 if position > index else position}]{match.group(2)}"] = raw
    return kept


@transaction.atomic
def form_structure_change(*, form: Form, user: Any, op: str, post: Mapping[str, str]) -> FieldSave:
    """Add or remove a line, task or indicator (``op``: ``add:<list>`` or ``remove:<list>/<index>``).

    The same checks as a save, under the row lock: the page's rows must be the stored ones; a removal
    also needs the page to be in step with the stored revision (else it might remove another row than
    the one the person sees). Fields posted with it (a page without script) are applied as a save is;
    when any of them is a conflict, nothing is done and the result says which.
    """
    _lock_editable(form, "修改")
    fresh, stored = _stored_row(form)
    if post.get("structure") != editing.structure_token(stored):
        raise RowsChanged(wording.save_phrase("rows_changed_op"))
    result = FieldSave(form=fresh, data=stored, in_sync=posted_revision(post) == fresh.revision)
    operation, _, target = op.partition(":")
    if operation == "remove" and not result.in_sync:
        raise FormError(wording.save_phrase("remove_stale"))
    old_pending = dict(fresh.pending or {})
    pending = dict(old_pending)
    data, changed = _apply_fields(stored, pending, post, in_sync=result.in_sync, result=result)
    applied = _check_storable(stored, data, pending, old_pending, changed, result)
    if result.conflicts or result.too_large:
        return result
    if operation == "add":
        updated = structure_add(applied, target)
    elif operation == "remove":
        path, _, index = target.rpartition("/")
        updated = structure_remove(applied, path, int(index))
        pending = _pending_after_remove(pending, path, int(index))
    else:
        raise FormError("无法识别的操作。")
    before = _content(stored, old_pending)
    updated = updated.model_copy(update={"year": fresh.year})
    _store(fresh, updated, user=user, pending=pending)
    _audit_edit(AuditEntry.UPDATE, fresh, user, before, _content(updated, pending))
    result.data = updated
    result.saved += changed
    return result


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
    data = convert.to_core(fresh)
    report = run_check(data)
    Form.objects.filter(pk=form.pk).update(check_summary=_summary(report), revision=F("revision") + 1)
    facts.refresh(fresh, data, report)
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
