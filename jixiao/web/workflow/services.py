"""The review workflow (FORM.md §8): one function per transition, each the only door to its step.

草稿 ─提交→ 已提交 ─部门审核通过→ 主管部门已审核 ─汇总→ (汇总表) 财政审核中 ─财政审核通过→ 已审核 ─公开→ 已公开
      ↑                                                                       │
      └──────────────── 退回 (every review step, comment required) ───────────┘

A department without subordinate units has nothing to roll up: 部门审核通过 sends its own form
straight to 财政审核中. Every function is keyword-only and atomic: it locks the form, checks the
actor's role (``jixiao.web.accounts.policy``), the state and the preconditions, raises a
``jixiao.web.workflow.errors.WorkflowError`` subclass whose ``str()`` is a Chinese sentence for the
user, and appends its audit entry in the same transaction as the change.
"""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils import timezone

from jixiao.core.compute import rollup
from jixiao.core.report import check
from jixiao.web.accounts import policy
from jixiao.web.audit import services as audit
from jixiao.web.audit.models import AuditEntry
from jixiao.web.forms import convert
from jixiao.web.forms import services as form_services
from jixiao.web.forms.models import Form
from jixiao.web.orgs.models import Organisation
from jixiao.web.workflow import selectors
from jixiao.web.workflow.errors import (
    CommentRequired,
    ExplanationRequired,
    FormHasErrors,
    InvalidScore,
    NotAllowed,
    UnitsNotApproved,
    WorkflowError,
    WrongState,
)
from jixiao.web.workflow.models import ReviewComment

MAX_COMMENT = 5000


def finding_key(finding: Any) -> str:
    """Return the key a warning's explanation is filed under: ``code@path``."""
    return f"{finding.code}@{finding.path}"


def _lock(form: Form) -> Form:
    """Return the form as stored now, locked until the transaction ends (the caller's copy is refreshed)."""
    fresh = convert.prefetched(Form.objects.select_for_update(of=("self",)).filter(pk=form.pk)).get()
    form.status = fresh.status
    return fresh


def _status(form: Form) -> str:
    return form.get_status_display()


def _move(form: Form, caller: Form, status: str, **fields: Any) -> None:
    """Set the status (and other workflow fields) on the stored form and on the caller's copy."""
    form.status = status
    for name, value in fields.items():
        setattr(form, name, value)
    form.save(update_fields=["status", *fields])
    caller.status = status
    for name, value in fields.items():
        setattr(caller, name, value)


def _text(value: str | None, what: str) -> str:
    text = (value or "").strip()
    if len(text) > MAX_COMMENT:
        raise WorkflowError(f"{what}太长(超过{MAX_COMMENT}字),请精简后再提交。")
    return text


def _late_note(deadline: datetime.date | None) -> str:
    if deadline is not None and timezone.localdate() > deadline:
        return f"逾期(截止日期 {deadline:%Y-%m-%d})"
    return ""


@transaction.atomic
def submit(*, form: Form, actor: Any, explanations: dict[str, str] | None = None) -> Form:
    """提交: the filler sends a 草稿 or 退回 form to the department reviewer.

    Errors found by ``jixiao.core.report.check`` (and numbers that could not be read) block it; each
    warning needs the filler's explanation, keyed by the finding's ``code@path``. The explanations
    are kept on the form for the reviewers and in the audit entry.
    """
    stored = _lock(form)
    if not policy.is_form_filler(actor, stored) or stored.rollup:
        raise NotAllowed("只有本单位的填报人可以提交这张自评表。")
    if stored.status not in Form.EDITABLE_STATUSES:
        raise WrongState(f"这张自评表当前状态为“{_status(stored)}”,不能提交。")
    if stored.pending:
        raise FormHasErrors(
            f"有 {len(stored.pending)} 处填写的内容无法读取为数字,请改正后再提交。",
            findings=[{"code": "input", "path": p, "message": v} for p, v in stored.pending.items()],
        )
    report = check(convert.to_core(stored))
    errors = [f for f in report.findings if f.severity == "error"]
    if errors:
        raise FormHasErrors(
            f"检查发现 {len(errors)} 个错误,改正后才能提交。第一个:{errors[0].message}",
            findings=[f.to_dict() for f in errors],
        )
    given = {k: _text(v, "说明") for k, v in (explanations or {}).items()}
    keys = list(dict.fromkeys(finding_key(f) for f in report.findings if f.severity == "warning"))
    missing = [k for k in keys if not given.get(k)]
    if missing:
        raise ExplanationRequired(
            f"还有 {len(missing)} 个警告没有说明。请对每个警告说明原因(或先修改使警告消失)后再提交。",
            missing=missing,
        )
    kept = {k: given[k] for k in keys}
    before = stored.status
    _move(stored, form, Form.SUBMITTED, explanations=kept, submitted_at=timezone.now())
    unit_deadline, _ = selectors.deadlines(stored.organisation.region, stored.year)
    audit.record(
        action=AuditEntry.SUBMIT,
        actor=actor,
        form=stored,
        status_before=before,
        status_after=Form.SUBMITTED,
        after={"explanations": kept} if kept else {},
        comment=_late_note(unit_deadline),
    )
    return form


def _return_allowed(actor: Any, form: Form) -> bool:
    org = form.organisation
    if policy.is_department_reviewer_of(actor, org) and not form.rollup:
        if form.status == Form.SUBMITTED:
            return True
        if form.status == Form.DEPARTMENT_APPROVED:
            summary = Form.objects.filter(organisation=org.department, year=form.year, rollup=True).first()
            return summary is None or summary.status == Form.RETURNED
    if policy.is_finance_reviewer_of(actor, org):
        return form.status in (Form.FINANCE_REVIEW, Form.FINANCE_APPROVED)
    return False


@transaction.atomic
def return_form(
    *, form: Form, actor: Any, comment: str, field_comments: dict[str, str] | None = None
) -> Form:
    """退回: a reviewer sends the form back to its filler with a comment (required).

    ``field_comments`` are comments on single fields, keyed by FORMAT.md path (``funds.execution_rate``);
    the filler sees each beside the field. The department reviewer returns forms waiting for them
    (and approved ones until the 汇总 has gone to finance); finance returns forms in its review.
    """
    stored = _lock(form)
    if stored.status == Form.PUBLISHED:
        raise WrongState("已公开的自评表不能退回。")
    if not _return_allowed(actor, stored):
        if policy.is_department_reviewer_of(actor, stored.organisation) or policy.is_finance_reviewer_of(
            actor, stored.organisation
        ):
            raise WrongState(f"这张自评表当前状态为“{_status(stored)}”,不在您的审核环节,不能退回。")
        raise NotAllowed("只有负责审核这张自评表的审核人可以退回。")
    text = _text(comment, "退回意见")
    if not text:
        raise CommentRequired("退回时请填写退回意见,说明需要修改什么。")
    fields: dict[str, str] = {}
    for path, value in (field_comments or {}).items():
        value = _text(value, "字段意见")
        if value and path and len(path) <= 200:
            fields[path] = value
    before = stored.status
    _move(stored, form, Form.RETURNED)
    entry = audit.record(
        action=AuditEntry.RETURN,
        actor=actor,
        form=stored,
        status_before=before,
        status_after=Form.RETURNED,
        after={"field_comments": fields} if fields else {},
        comment=text,
    )
    name = str(actor)
    ReviewComment.objects.bulk_create(
        [ReviewComment(form=stored, batch=entry.pk, path="", text=text, author=actor, author_name=name)]
        + [
            ReviewComment(form=stored, batch=entry.pk, path=path, text=value, author=actor, author_name=name)
            for path, value in fields.items()
        ]
    )
    return form


@transaction.atomic
def approve_department(*, form: Form, actor: Any) -> Form:
    """部门审核通过: the department reviewer approves a submitted form.

    A unit's form (or the department's own form when it has units) then waits for 汇总; the form of
    a department without subordinate units goes on to finance (财政审核中).
    """
    stored = _lock(form)
    org = stored.organisation
    if not policy.is_department_reviewer_of(actor, org) or stored.rollup:
        raise NotAllowed("只有本部门的主管部门审核人可以审核通过这张自评表。")
    if stored.status != Form.SUBMITTED:
        raise WrongState(f"这张自评表当前状态为“{_status(stored)}”,只有已提交的表可以审核通过。")
    alone = org.kind == Organisation.DEPARTMENT and not org.children.exists()
    after = Form.FINANCE_REVIEW if alone else Form.DEPARTMENT_APPROVED
    before = stored.status
    _move(stored, form, after)
    _, department_deadline = selectors.deadlines(org.region, stored.year)
    audit.record(
        action=AuditEntry.APPROVE_DEPARTMENT,
        actor=actor,
        form=stored,
        status_before=before,
        status_after=after,
        comment="本部门无下属单位,审核通过后报送财政审核。" + _late_note(department_deadline)
        if alone
        else "",
    )
    return form


@transaction.atomic
def build_summary(*, department: Organisation, year: int, actor: Any) -> Form:
    """汇总: build (or rebuild) the first-level department's 汇总 form and send it to finance.

    The department's own form (if it has one) and every subordinate unit's form must be approved at
    department level; otherwise ``UnitsNotApproved`` names those that are not. The content is
    ``jixiao.core.compute.rollup`` of those forms; the result is 财政审核中.
    """
    if department.kind != Organisation.DEPARTMENT or not policy.is_department_reviewer_of(actor, department):
        raise NotAllowed("只有本部门的主管部门审核人可以汇总本部门的自评表。")
    units = list(department.children.order_by("name"))
    if not units:
        raise WrongState(f"{department.name}没有下属单位,无需汇总;本部门的自评表审核通过后即报送财政。")
    forms = {
        f.organisation_id: f
        for f in convert.prefetched(
            Form.objects.select_for_update(of=("self",)).filter(
                organisation__in=[department, *units], year=year, kind="department", rollup=False
            )
        )
    }
    existing = (
        Form.objects.select_for_update().filter(organisation=department, year=year, rollup=True).first()
    )
    if existing is not None and existing.status not in (Form.RETURNED, Form.FINANCE_REVIEW):
        raise WrongState(f"{year}年度汇总表当前状态为“{_status(existing)}”,不能重新汇总。")
    members = ([department] if department.pk in forms else []) + units
    waiting = []
    for org in members:
        found = forms.get(org.pk)
        if found is None:
            waiting.append(f"{org.name}(未填报)")
        elif found.status != Form.DEPARTMENT_APPROVED:
            waiting.append(f"{org.name}({_status(found)})")
    if waiting:
        raise UnitsNotApproved(
            f"以下单位的自评表尚未通过部门审核,不能汇总:{'、'.join(waiting)}。", units=waiting
        )
    pairs = [(org.name, convert.to_core(forms[org.pk])) for org in members]
    try:
        data = rollup(pairs, department=department.name, year=year)
    except ValueError as exc:
        raise WorkflowError(str(exc)) from exc
    status_before = existing.status if existing is not None else ""
    summary, old, new = form_services.rollup_store(organisation=department, year=year, data=data, user=actor)
    summary.status = Form.FINANCE_REVIEW
    summary.submitted_at = timezone.now()
    summary.explanations = {}
    summary.save(update_fields=["status", "submitted_at", "explanations"])
    _, department_deadline = selectors.deadlines(department.region, year)
    note = f"汇总 {len(members)} 个单位:{'、'.join(o.name for o in members)}。"
    audit.record(
        action=AuditEntry.BUILD_SUMMARY,
        actor=actor,
        form=summary,
        status_before=status_before,
        status_after=Form.FINANCE_REVIEW,
        before=old,
        after=new,
        comment=note + _late_note(department_deadline),
    )
    return summary


@transaction.atomic
def approve_finance(*, form: Form, actor: Any) -> Form:
    """财政审核通过: finance approves a form in its review (已审核)."""
    stored = _lock(form)
    if not policy.is_finance_reviewer_of(actor, stored.organisation):
        raise NotAllowed("只有本行政区划的财政局审核人可以财政审核通过。")
    if stored.status != Form.FINANCE_REVIEW:
        raise WrongState(f"这张自评表当前状态为“{_status(stored)}”,只有财政审核中的表可以审核通过。")
    _move(stored, form, Form.FINANCE_APPROVED)
    audit.record(
        action=AuditEntry.APPROVE_FINANCE,
        actor=actor,
        form=stored,
        status_before=Form.FINANCE_REVIEW,
        status_after=Form.FINANCE_APPROVED,
    )
    return form


def parse_score(score: Any) -> Decimal:
    """Return a spot-check score from 0 to 100 with two decimals (ROUND_HALF_UP), or raise ``InvalidScore``."""
    try:
        value = score if isinstance(score, Decimal) else Decimal(str(score).strip().replace(",", ""))
    except (InvalidOperation, ValueError):
        raise InvalidScore(f"抽查复核得分“{score}”不是数字,请填写 0 到 100 之间的分数。") from None
    if not value.is_finite() or not Decimal(0) <= value <= Decimal(100):
        raise InvalidScore(f"抽查复核得分“{score}”不在 0 到 100 之间。")
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@transaction.atomic
def spot_check(*, form: Form, actor: Any, score: Decimal, comment: str) -> Form:
    """抽查复核: finance records its own score and comment beside the self-score (never over it)."""
    stored = _lock(form)
    if not policy.is_finance_reviewer_of(actor, stored.organisation):
        raise NotAllowed("只有本行政区划的财政局审核人可以抽查复核。")
    if stored.status not in (Form.FINANCE_REVIEW, Form.FINANCE_APPROVED, Form.PUBLISHED):
        raise WrongState(f"这张自评表当前状态为“{_status(stored)}”,报送财政后才能抽查复核。")
    value = parse_score(score)
    text = _text(comment, "抽查复核意见")
    if not text:
        raise CommentRequired("请填写抽查复核意见,说明评分依据。")
    before = {
        "spot_check_score": None if stored.spot_check_score is None else str(stored.spot_check_score),
        "spot_check_comment": stored.spot_check_comment or None,
    }
    _move(
        stored,
        form,
        stored.status,
        spot_check_score=value,
        spot_check_comment=text,
        spot_checked_at=timezone.now(),
        spot_checked_by=actor,
    )
    self_score = None if stored.total_score is None else str(stored.total_score)
    audit.record(
        action=AuditEntry.SPOT_CHECK,
        actor=actor,
        form=stored,
        status_before=stored.status,
        before=before,
        after={"spot_check_score": str(value), "spot_check_comment": text, "total_score(自评)": self_score},
        comment=text,
    )
    return form


@transaction.atomic
def publish(*, form: Form, actor: Any) -> Form:
    """公开: finance publishes an approved (已审核) form on the public portal (and its search index)."""
    stored = _lock(form)
    if not policy.is_finance_reviewer_of(actor, stored.organisation):
        raise NotAllowed("只有本行政区划的财政局审核人可以公开自评表。")
    if stored.status != Form.FINANCE_APPROVED:
        raise WrongState(f"这张自评表当前状态为“{_status(stored)}”,财政审核通过后才能公开。")
    _move(stored, form, Form.PUBLISHED)
    audit.record(
        action=AuditEntry.PUBLISH,
        actor=actor,
        form=stored,
        status_before=Form.FINANCE_APPROVED,
        status_after=Form.PUBLISHED,
    )
    from jixiao.web.portal.services import index_form  # the public search index, in this transaction

    index_form(stored)
    return form
