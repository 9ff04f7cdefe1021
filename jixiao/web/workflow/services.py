"""The review workflow (FORM.md §8): every step is applied by ``take``, the one door to a form's state.

The steps, who takes them from which states and where they lead are the table in
``jixiao.web.workflow.transitions``. ``take`` locks the form, asks the table whether the actor may
take the step from the form's state now (``NotAllowed`` / ``WrongState``), runs the step's own
preconditions (a function below, one per step that has any: errors block 提交, 退回 needs a comment …),
moves the form and appends the audit entry, all in one transaction. Every refusal is a
``jixiao.web.workflow.errors.WorkflowError`` whose ``str()`` is a Chinese sentence for the user.
``submit``, ``return_form`` … are the steps by name, for callers that prefer a function.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils import timezone

from jixiao.core.compute import rollup
from jixiao.core.report import check
from jixiao.web.accounts import policy
from jixiao.web.audit import services as audit
from jixiao.web.audit.models import AuditEntry
from jixiao.web.dashboards import facts
from jixiao.web.forms import convert
from jixiao.web.forms import services as form_services
from jixiao.web.forms.models import Form
from jixiao.web.orgs.models import Organisation
from jixiao.web.workflow import selectors, transitions
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


@dataclass
class Effect:
    """What a step's own preconditions decided: the target state (if the step chooses it), the fields to
    set beside the status, what the audit entry records, and anything to do once it is recorded."""

    target: str | None = None
    fields: dict[str, Any] = field(default_factory=dict)
    before: dict[str, Any] = field(default_factory=dict)
    after: dict[str, Any] = field(default_factory=dict)
    comment: str = ""
    then: Callable[[Form, AuditEntry, Any], None] | None = None


def _refusal(step: transitions.Step, actor: Any, form: Form) -> WorkflowError:
    if step.has_role(actor, form):
        return WrongState(f"这张自评表当前状态为“{_status(form)}”,不能进行“{step.label}”。")
    return NotAllowed(f"只有{step.who}可以对这张自评表进行“{step.label}”。")


@transaction.atomic
def take(name: str, *, form: Form, actor: Any, **payload: Any) -> Form:
    """Apply the step ``name`` to the form: lock → permission and state → its preconditions → move → audit."""
    step = transitions.BY_NAME[name]
    stored = _lock(form)
    if step.rule_for(actor, stored) is None:
        raise _refusal(step, actor, stored)
    effect = PRECONDITIONS.get(name, _nothing)(stored, actor, **payload)
    before = stored.status
    after = effect.target or (step.targets[0] if step.targets else before)
    _move(stored, form, after, **effect.fields)
    entry = audit.record(
        action=step.audit,
        actor=actor,
        form=stored,
        status_before=before,
        status_after=after,
        before=effect.before,
        after=effect.after,
        comment=effect.comment,
    )
    if effect.then is not None:
        effect.then(stored, entry, actor)
    facts.refresh_status(stored)  # the dashboards' figures follow the form's state
    return form


def _nothing(form: Form, actor: Any, **payload: Any) -> Effect:
    return Effect()


# --- each step's own preconditions -------------------------------------------------------------


def _submit(form: Form, actor: Any, *, explanations: dict[str, str] | None = None) -> Effect:
    """Errors (and numbers that could not be read) block it; each warning needs an explanation."""
    if form.pending:
        raise FormHasErrors(
            f"有 {len(form.pending)} 处填写的内容无法读取为数字,请改正后再提交。",
            findings=[{"code": "input", "path": p, "message": v} for p, v in form.pending.items()],
        )
    report = check(convert.to_core(form))
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
    unit_deadline, _ = selectors.deadlines(form.organisation.region, form.year)
    return Effect(
        fields={"explanations": kept, "submitted_at": timezone.now()},
        after={"explanations": kept} if kept else {},
        comment=_late_note(unit_deadline),
    )


def _withdraw(form: Form, actor: Any) -> Effect:
    """Back to where the submission came from (草稿, or 退回 with its comments still shown)."""
    last = AuditEntry.objects.filter(form=form, action=AuditEntry.SUBMIT).order_by("-at", "-id").first()
    target = Form.RETURNED if last is not None and last.status_before == Form.RETURNED else Form.DRAFT
    return Effect(target=target, fields={"submitted_at": None})


def _return(
    form: Form, actor: Any, *, comment: str = "", field_comments: dict[str, str] | None = None
) -> Effect:
    """A comment is required; comments on single fields are kept by FORMAT.md path for the filler."""
    text = _text(comment, "退回意见")
    if not text:
        raise CommentRequired("退回时请填写退回意见,说明需要修改什么。")
    fields: dict[str, str] = {}
    for path, value in (field_comments or {}).items():
        value = _text(value, "字段意见")
        if value and path and len(path) <= 200:
            fields[path] = value

    def keep_comments(stored: Form, entry: AuditEntry, actor: Any) -> None:
        name = str(actor)
        ReviewComment.objects.bulk_create(
            [ReviewComment(form=stored, batch=entry.pk, path="", text=text, author=actor, author_name=name)]
            + [
                ReviewComment(form=stored, batch=entry.pk, path=p, text=v, author=actor, author_name=name)
                for p, v in fields.items()
            ]
        )

    return Effect(after={"field_comments": fields} if fields else {}, comment=text, then=keep_comments)


def _approve_department(form: Form, actor: Any) -> Effect:
    """A department without subordinate units has nothing to roll up: its form goes on to finance."""
    org = form.organisation
    alone = org.kind == Organisation.DEPARTMENT and not org.children.exists()
    if not alone:
        return Effect(target=Form.DEPARTMENT_APPROVED)
    _, department_deadline = selectors.deadlines(org.region, form.year)
    note = "本部门无下属单位,审核通过后报送财政审核。" + _late_note(department_deadline)
    return Effect(target=Form.FINANCE_REVIEW, comment=note)


def _spot_check(form: Form, actor: Any, *, score: Any = None, comment: str = "") -> Effect:
    """Finance's own score and comment, kept beside the self-score (never over it)."""
    value = parse_score(score)
    text = _text(comment, "抽查复核意见")
    if not text:
        raise CommentRequired("请填写抽查复核意见,说明评分依据。")
    before = {
        "spot_check_score": None if form.spot_check_score is None else str(form.spot_check_score),
        "spot_check_comment": form.spot_check_comment or None,
    }
    self_score = None if form.total_score is None else str(form.total_score)
    return Effect(
        fields={
            "spot_check_score": value,
            "spot_check_comment": text,
            "spot_checked_at": timezone.now(),
            "spot_checked_by": actor,
        },
        before=before,
        after={"spot_check_score": str(value), "spot_check_comment": text, "total_score(自评)": self_score},
        comment=text,
    )


def _publish(form: Form, actor: Any) -> Effect:
    """The form goes into the portal's search index, in the same transaction."""

    def index(stored: Form, entry: AuditEntry, actor: Any) -> None:
        from jixiao.web.portal.services import index_form

        index_form(stored)

    return Effect(then=index)


PRECONDITIONS: dict[str, Callable[..., Effect]] = {
    "submit": _submit,
    "withdraw": _withdraw,
    "return": _return,
    "approve_department": _approve_department,
    "spot_check": _spot_check,
    "publish": _publish,
}


# --- the steps by name ---------------------------------------------------------------------------


def submit(*, form: Form, actor: Any, explanations: dict[str, str] | None = None) -> Form:
    """提交: the filler sends a 草稿 or 退回 form to the department reviewer."""
    return take("submit", form=form, actor=actor, explanations=explanations)


def withdraw(*, form: Form, actor: Any) -> Form:
    """撤回: the filler takes back a submission nobody has reviewed yet."""
    return take("withdraw", form=form, actor=actor)


def return_form(
    *, form: Form, actor: Any, comment: str, field_comments: dict[str, str] | None = None
) -> Form:
    """退回: a reviewer sends the form back to its filler with a comment (required)."""
    return take("return", form=form, actor=actor, comment=comment, field_comments=field_comments)


def approve_department(*, form: Form, actor: Any) -> Form:
    """部门审核通过."""
    return take("approve_department", form=form, actor=actor)


def approve_finance(*, form: Form, actor: Any) -> Form:
    """财政审核通过."""
    return take("approve_finance", form=form, actor=actor)


def spot_check(*, form: Form, actor: Any, score: Any, comment: str) -> Form:
    """抽查复核."""
    return take("spot_check", form=form, actor=actor, score=score, comment=comment)


def publish(*, form: Form, actor: Any) -> Form:
    """公开: finance publishes an approved form on the public portal (and its search index)."""
    return take("publish", form=form, actor=actor)


@transaction.atomic
def build_summary(*, department: Organisation, year: int, actor: Any) -> Form:
    """汇总: build (or rebuild) the first-level department's 汇总 form and send it to finance.

    The department's own form (if it has one) and every subordinate unit's form must be approved at
    department level; otherwise ``UnitsNotApproved`` names those that are not. The content is
    ``jixiao.core.compute.rollup`` of those forms; the result is 财政审核中.
    """
    step = transitions.BY_NAME["build_summary"]
    if department.kind != Organisation.DEPARTMENT or not policy.is_department_reviewer_of(actor, department):
        raise NotAllowed(f"只有{step.who}可以汇总本部门的自评表。")
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
        action=step.audit,
        actor=actor,
        form=summary,
        status_before=status_before,
        status_after=Form.FINANCE_REVIEW,
        before=old,
        after=new,
        comment=note + _late_note(department_deadline),
    )
    facts.refresh_status(summary)
    return summary


def parse_score(score: Any) -> Decimal:
    """Return a spot-check score from 0 to 100 with two decimals (ROUND_HALF_UP), or raise ``InvalidScore``."""
    try:
        value = score if isinstance(score, Decimal) else Decimal(str(score).strip().replace(",", ""))
    except (InvalidOperation, ValueError):
        raise InvalidScore(f"抽查复核得分“{score}”不是数字,请填写 0 到 100 之间的分数。") from None
    if not value.is_finite() or not Decimal(0) <= value <= Decimal(100):
        raise InvalidScore(f"抽查复核得分“{score}”不在 0 到 100 之间。")
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
