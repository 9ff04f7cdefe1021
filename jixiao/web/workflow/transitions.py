"""The workflow (FORM.md §8) as one table: each step, who takes it from which states, where it leads.

This table is the only statement of the workflow. ``services.take`` applies a step (lock → permission
→ the step's own preconditions → move → audit); ``available`` gives the steps a person may take on a
form now, which are the buttons on the review page; ``queues`` (``selectors``) and the API's routes
are read from it, and ``diagram()`` is the diagram in docs/workflow.md (a test keeps them equal).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from jixiao.core import wording
from jixiao.web.accounts import policy
from jixiao.web.accounts.models import User
from jixiao.web.audit.models import AuditEntry
from jixiao.web.forms.models import Form

DRAFT, SUBMITTED, RETURNED = Form.DRAFT, Form.SUBMITTED, Form.RETURNED
DEPARTMENT_APPROVED, FINANCE_REVIEW = Form.DEPARTMENT_APPROVED, Form.FINANCE_REVIEW
FINANCE_APPROVED, PUBLISHED = Form.FINANCE_APPROVED, Form.PUBLISHED

FILLER, DEPARTMENT, FINANCE = User.FILLER, User.DEPARTMENT_REVIEWER, User.FINANCE_REVIEWER
ROLE_WHO = {
    FILLER: "本单位的填报人",
    DEPARTMENT: "本部门的主管部门审核人",
    FINANCE: "本行政区划的财政局审核人",
}


def _takes_part(role: str, actor: Any, form: Form) -> bool:
    """Return True when the actor has ``role`` for this form: its filler, its department's or region's reviewer."""
    if role == FILLER:
        return policy.is_form_filler(actor, form)
    if role == DEPARTMENT:
        return policy.is_department_reviewer_of(actor, form.organisation)
    return policy.is_finance_reviewer_of(actor, form.organisation)


def summary_not_at_finance(form: Form) -> bool:
    """An approved unit form can be returned by its department until the 汇总 has gone to finance."""
    department = form.organisation.department
    summary = Form.objects.filter(organisation=department, year=form.year, rollup=True).first()
    return summary is None or summary.status == RETURNED


@dataclass(frozen=True)
class Rule:
    """Who may take a step, from which states; on the generated 汇总 form too, or not; and any further
    condition on the form."""

    role: str
    states: tuple[str, ...]
    rollup: bool = True
    when: Callable[[Form], bool] | None = None

    def admits(self, actor: Any, form: Form) -> bool:
        return (
            form.status in self.states
            and (self.rollup or not form.rollup)
            and _takes_part(self.role, actor, form)
            and (self.when is None or self.when(form))
        )


@dataclass(frozen=True)
class Step:
    """One step of the workflow.

    ``targets`` are the states it may lead to (the first, unless the step decides from the form);
    an empty tuple means the state stays (抽查复核). ``kind`` is "forward" (the form moves on),
    "back" (it goes back to the filler) or "record" (something is recorded beside it). ``slug`` names
    its URL on the screens and in the API; ``form`` is what the step asks for.
    """

    name: str
    label: str
    rules: tuple[Rule, ...]
    targets: tuple[str, ...]
    audit: str
    kind: str
    slug: str
    done: str
    asks: tuple[str, ...] = ()
    confirm: str = ""
    queue: bool = False  # forms in its states are the role's 待审核 (the filler's 待提交)
    on_department: bool = False  # taken on a department and year (汇总): its states are the units' forms

    def rule_for(self, actor: Any, form: Form) -> Rule | None:
        return next((rule for rule in self.rules if rule.admits(actor, form)), None)

    @property
    def who(self) -> str:
        """Return who may take the step, in Chinese: 本单位的填报人, 本部门的主管部门审核人 …"""
        return "或".join(dict.fromkeys(ROLE_WHO[rule.role] for rule in self.rules))

    def has_role(self, actor: Any, form: Form) -> bool:
        """Return True when the actor has a role in this step for this form (whatever its state)."""
        return any(
            (rule.rollup or not form.rollup) and _takes_part(rule.role, actor, form) for rule in self.rules
        )


STEPS: tuple[Step, ...] = (
    Step(
        "submit",
        "提交",
        (Rule(FILLER, (DRAFT, RETURNED), rollup=False),),
        (SUBMITTED,),
        AuditEntry.SUBMIT,
        "forward",
        "submit",
        "已提交,等待主管部门审核。",
        asks=("explanations",),
        queue=True,
    ),
    Step(
        "withdraw",
        "撤回",
        (Rule(FILLER, (SUBMITTED,), rollup=False),),
        (DRAFT, RETURNED),
        AuditEntry.WITHDRAW,
        "back",
        "withdraw",
        "已撤回,可以继续修改后重新提交。",
        confirm="撤回后这张表回到可修改状态,需重新提交审核。继续?",
    ),
    Step(
        "return",
        "退回",
        (
            Rule(DEPARTMENT, (SUBMITTED,), rollup=False),
            Rule(DEPARTMENT, (DEPARTMENT_APPROVED,), rollup=False, when=summary_not_at_finance),
            Rule(FINANCE, (FINANCE_REVIEW, FINANCE_APPROVED)),
        ),
        (RETURNED,),
        AuditEntry.RETURN,
        "back",
        "return",
        "已退回,填报人会在表上看到您的意见。",
        asks=("comment", "field_comments"),
    ),
    Step(
        "approve_department",
        "部门审核通过",
        (Rule(DEPARTMENT, (SUBMITTED,), rollup=False),),
        (DEPARTMENT_APPROVED, FINANCE_REVIEW),
        AuditEntry.APPROVE_DEPARTMENT,
        "forward",
        "approve-department",
        "部门审核通过。",
        queue=True,
    ),
    Step(
        "build_summary",
        "汇总",
        (Rule(DEPARTMENT, (DEPARTMENT_APPROVED,)),),
        (FINANCE_REVIEW,),
        AuditEntry.BUILD_SUMMARY,
        "forward",
        "summary",
        "已生成汇总表,并报送财政审核。",
        on_department=True,
    ),
    Step(
        "approve_finance",
        "财政审核通过",
        (Rule(FINANCE, (FINANCE_REVIEW,)),),
        (FINANCE_APPROVED,),
        AuditEntry.APPROVE_FINANCE,
        "forward",
        "approve-finance",
        "财政审核通过。",
        queue=True,
    ),
    Step(
        "spot_check",
        "抽查复核",
        (Rule(FINANCE, (FINANCE_REVIEW, FINANCE_APPROVED, PUBLISHED)),),
        (),
        AuditEntry.SPOT_CHECK,
        "record",
        "spot-check",
        "已记录抽查复核得分。",
        asks=("score", "comment"),
    ),
    Step(
        "publish",
        "公开",
        (Rule(FINANCE, (FINANCE_APPROVED,)),),
        (PUBLISHED,),
        AuditEntry.PUBLISH,
        "forward",
        "publish",
        "已公开,社会公众可在公开平台查阅。",
        confirm="公开后社会公众即可查阅、下载这张表。继续?",
    ),
)
BY_NAME = {step.name: step for step in STEPS}
FORM_STEPS = tuple(step for step in STEPS if not step.on_department)


def available(actor: Any, form: Form) -> list[Step]:
    """Return the steps the actor may take on the form now, in the table's order (its buttons)."""
    return [step for step in FORM_STEPS if step.rule_for(actor, form) is not None]


# --- queues: what waits for whom ----------------------------------------------------------------


def pending_states(role: str) -> tuple[str, ...]:
    """Return the states in which a form waits for the role's decision; 退回 is a queue of its own."""
    found = [
        state
        for step in STEPS
        if step.queue
        for rule in step.rules
        if rule.role == role
        for state in rule.states
        if state != RETURNED
    ]
    return tuple(dict.fromkeys(found))


def done_states(role: str) -> tuple[str, ...]:
    """Return the states a form reaches once the role has moved it on (through forward steps)."""
    reached: set[str] = set()
    frontier = set(pending_states(role))
    while frontier:
        following = {
            target
            for step in STEPS
            if step.kind == "forward"
            for rule in step.rules
            if frontier & set(rule.states)
            for target in step.targets
        }
        frontier = following - reached
        reached |= following
    return tuple(state for state, _label in Form.STATUSES if state in reached)


# --- the diagram in docs/workflow.md -----------------------------------------------------------

ROLE_LABELS = dict(User.ROLES)


def _state(code: str) -> str:
    return wording.STATUSES[code]


def diagram() -> str:
    """Return the workflow as docs/workflow.md shows it: a Mermaid state diagram and the table."""
    lines = ["```mermaid", "stateDiagram-v2"]
    for step in STEPS:
        for rule in step.rules:
            for source in rule.states:
                for target in step.targets or (source,):
                    lines.append(f"    {_state(source)} --> {_state(target)}: {step.label}")
    lines = list(dict.fromkeys(lines))
    lines += ["```", "", "| 环节 | 谁 | 从 | 到 | 审计记录 |", "|---|---|---|---|---|"]
    for step in STEPS:
        for rule in step.rules:
            who = ROLE_LABELS[rule.role] + ("" if rule.rollup else "(汇总表除外)")
            if step.on_department:
                who += "(本部门全部单位的表)"
            if rule.when is not None:
                who += "(本部门汇总表未报送财政或已被退回)"
            sources = "、".join(_state(s) for s in rule.states)
            targets = "或".join(_state(t) for t in step.targets) if step.targets else "不变"
            action = dict(AuditEntry.ACTIONS)[step.audit]
            lines.append(f"| {step.label} | {who} | {sources} | {targets} | {action} |")
    return "\n".join(lines) + "\n"
