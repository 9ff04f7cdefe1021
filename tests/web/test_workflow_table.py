"""Generated from the workflow table: for every state, every persona and every kind of form, a step is
offered (its button on the review page) exactly when the service accepts it; and docs/workflow.md
shows the table as it is."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import transaction

from jixiao.core.form import Form as CoreForm
from jixiao.core.report import check
from jixiao.web.audit.models import AuditEntry
from jixiao.web.forms import services as form_services
from jixiao.web.forms.models import Form
from jixiao.web.workflow import services, transitions
from jixiao.web.workflow.errors import WorkflowError

CLEAN = Path(__file__).resolve().parents[1] / "data" / "clean_form.json"
STATES = [state for state, _label in Form.STATUSES]
PERSONAS = ["filler", "filler2", "unit_filler", "reviewer", "finance", "admin", "anonymous"]
# (state, which form, the state of the department's 汇总 form beside it: it matters to an approved unit form)
CASES = [
    *((state, which, None) for state in STATES for which in ("own", "unit", "rollup")),
    (Form.DEPARTMENT_APPROVED, "unit", Form.FINANCE_REVIEW),
    (Form.DEPARTMENT_APPROVED, "unit", Form.RETURNED),
]


class Rollback(Exception):
    pass


def _payload(step: transitions.Step, form: Form) -> dict[str, object]:
    """Return what a person would send: valid answers to everything the step asks."""
    data: dict[str, object] = {}
    if "explanations" in step.asks:
        report = check(form_services.convert.to_core(form))
        data["explanations"] = {services.finding_key(f): "已核实" for f in report.findings}
    if "comment" in step.asks:
        data["comment"] = "请核对"
    if "score" in step.asks:
        data["score"] = "90"
    return data


def _accepts(step: transitions.Step, form: Form, actor: object) -> bool:
    try:
        with transaction.atomic():
            services.take(step.name, form=Form.objects.get(pk=form.pk), actor=actor, **_payload(step, form))
            raise Rollback
    except Rollback:
        return True
    except WorkflowError:
        return False


def _form(world, which: str, state: str, summary: str | None) -> Form:  # type: ignore[no-untyped-def]
    data = CoreForm.from_json(CLEAN.read_text(encoding="utf-8"))
    org = world["bureau"] if which in ("own", "rollup") else world["unit"]
    if which == "rollup":
        form, _, _ = form_services.rollup_store(organisation=org, year=2021, data=data, user=None)
    else:
        form = form_services.form_create(organisation=org, year=2021, data=data, user=world["filler"])
    if summary is not None:
        extra, _, _ = form_services.rollup_store(
            organisation=world["bureau"], year=2021, data=data, user=None
        )
        Form.objects.filter(pk=extra.pk).update(status=summary)
    Form.objects.filter(pk=form.pk).update(status=state)
    return form_services.convert.prefetched(Form.objects.filter(pk=form.pk)).get()


@pytest.mark.parametrize(("state", "which", "summary"), CASES)
def test_a_step_is_offered_exactly_when_the_service_accepts_it(world, client, state, which, summary) -> None:  # type: ignore[no-untyped-def]
    form = _form(world, which, state, summary)
    for persona in PERSONAS:
        actor = AnonymousUser() if persona == "anonymous" else world[persona]
        offered = {step.name for step in transitions.available(actor, form)}
        accepted = {step.name for step in transitions.FORM_STEPS if _accepts(step, form, actor)}
        assert offered == accepted, (persona, state, which, summary)
        if persona == "anonymous":
            continue
        client.force_login(actor, backend="django.contrib.auth.backends.ModelBackend")
        page = client.get(f"/review/forms/{form.pk}/")
        if page.status_code == 404:
            assert not offered, (persona, "offered a step on a form they cannot see")
            continue
        html = page.content.decode()
        shown = {name for name in transitions.BY_NAME if f'data-step="{name}"' in html}
        assert shown == offered - {"submit"}, (persona, state, which, summary)


def test_withdraw_returns_the_form_to_where_its_submission_came_from(world) -> None:  # type: ignore[no-untyped-def]
    form = _form(world, "own", Form.DRAFT, None)
    filler = world["filler"]
    services.submit(form=form, actor=filler, explanations={})
    services.withdraw(form=form, actor=filler)
    assert form.status == Form.DRAFT and form.submitted_at is None
    services.submit(form=form, actor=filler, explanations={})
    services.return_form(form=form, actor=world["reviewer"], comment="请补充")
    services.submit(form=form, actor=filler, explanations={})
    services.withdraw(form=form, actor=filler)
    assert Form.objects.get(pk=form.pk).status == Form.RETURNED
    assert AuditEntry.objects.filter(form=form, action=AuditEntry.WITHDRAW).count() == 2


def test_the_queues_follow_the_table(world) -> None:  # type: ignore[no-untyped-def]
    assert transitions.pending_states("department_reviewer") == (Form.SUBMITTED,)
    assert transitions.pending_states("finance_reviewer") == (Form.FINANCE_REVIEW,)
    assert transitions.pending_states("filler") == (Form.DRAFT,)
    assert transitions.done_states("finance_reviewer") == (Form.FINANCE_APPROVED, Form.PUBLISHED)
    assert Form.RETURNED not in transitions.done_states("filler")


def test_docs_show_the_workflow_table_as_it_is() -> None:
    docs = (Path(__file__).resolve().parents[2] / "docs" / "workflow.md").read_text(encoding="utf-8")
    assert transitions.diagram() in docs, "docs/workflow.md: paste transitions.diagram() between the markers"
