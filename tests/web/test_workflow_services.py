"""The workflow transitions (jixiao.web.workflow.services): roles, states, preconditions, audit."""

from __future__ import annotations

from decimal import Decimal

import pytest

from .workflow_data import submittable, unit_form, warnings_explained

RATE_KEY = "arithmetic.execution_rate@funds.execution_rate"


@pytest.fixture
def form(world, seed_core):  # type: ignore[no-untyped-def]
    """The bureau's 2021 form, free of errors, with one warning (预算完成率)."""
    from jixiao.web.forms.services import form_create

    return form_create(
        organisation=world["bureau"], year=2021, data=submittable(seed_core), user=world["filler"]
    )


@pytest.fixture
def unit_approved(world):  # type: ignore[no-untyped-def]
    """The 政务服务中心's form, submitted by its filler and approved by the bureau's reviewer."""
    from jixiao.web.forms.services import form_create
    from jixiao.web.workflow import services

    unit = form_create(
        organisation=world["unit"], year=2021, data=unit_form(world["unit"].name), user=world["unit_filler"]
    )
    services.submit(form=unit, actor=world["unit_filler"])
    services.approve_department(form=unit, actor=world["reviewer"])
    return unit


def _actions(form):  # type: ignore[no-untyped-def]
    from jixiao.web.audit.models import AuditEntry

    return [(e.action, e.actor_name) for e in AuditEntry.objects.filter(form=form).order_by("at", "id")]


def test_errors_block_submission_and_nothing_changes(world, seed_form):
    from jixiao.web.workflow import services
    from jixiao.web.workflow.errors import FormHasErrors

    with pytest.raises(FormHasErrors) as raised:
        services.submit(form=seed_form, actor=world["filler"])
    assert "6 个错误" in str(raised.value)
    assert len(raised.value.findings) == 6
    seed_form.refresh_from_db()
    assert seed_form.status == "draft"
    assert [a for a, _ in _actions(seed_form)] == ["create"]


def test_each_warning_needs_the_fillers_explanation(world, form):
    from jixiao.web.workflow import services
    from jixiao.web.workflow.errors import ExplanationRequired

    with pytest.raises(ExplanationRequired) as raised:
        services.submit(form=form, actor=world["filler"], explanations={RATE_KEY: "   "})
    assert raised.value.missing == [RATE_KEY]
    assert "1 个警告没有说明" in str(raised.value)

    services.submit(
        form=form, actor=world["filler"], explanations={RATE_KEY: "决算口径四舍五入", "x@y": "多余"}
    )
    form.refresh_from_db()
    assert form.status == "submitted"
    assert form.explanations == {RATE_KEY: "决算口径四舍五入"}
    assert form.submitted_at is not None
    entry = form.audit_entries.get(action="submit")
    assert entry.actor == world["filler"]
    assert entry.after == {"explanations": {RATE_KEY: "决算口径四舍五入"}}
    assert (entry.status_before, entry.status_after) == ("draft", "submitted")


@pytest.mark.parametrize("who", ["reviewer", "finance", "filler2", "unit_filler", "admin"])
def test_only_a_filler_of_the_unit_submits(world, form, who):
    from jixiao.web.workflow import services
    from jixiao.web.workflow.errors import NotAllowed

    with pytest.raises(NotAllowed, match="只有本单位的填报人可以对这张自评表进行“提交”"):
        services.submit(form=form, actor=world[who], explanations=warnings_explained(form))


def test_the_filler_cannot_approve_their_own_form(world, form):
    from jixiao.web.workflow import services
    from jixiao.web.workflow.errors import NotAllowed

    services.submit(form=form, actor=world["filler"], explanations=warnings_explained(form))
    with pytest.raises(NotAllowed, match="主管部门审核人"):
        services.approve_department(form=form, actor=world["filler"])
    form.refresh_from_db()
    assert form.status == "submitted"


def test_a_submitted_form_cannot_be_edited_or_submitted_again(world, form, seed_core):
    from jixiao.web.forms.services import FormError, form_update
    from jixiao.web.workflow import services
    from jixiao.web.workflow.errors import WrongState

    stale = type(form).objects.get(pk=form.pk)  # read before the submission, as another tab would
    services.submit(form=form, actor=world["filler"], explanations=warnings_explained(form))
    with pytest.raises(FormError, match="已提交"):
        form_update(form=stale, data=seed_core, user=world["filler"])
    with pytest.raises(WrongState, match="不能进行“提交”"):
        services.submit(form=form, actor=world["filler"], explanations=warnings_explained(form))


def test_returning_needs_a_comment_and_keeps_field_comments(world, form):
    from jixiao.web.workflow import selectors, services
    from jixiao.web.workflow.errors import CommentRequired

    services.submit(form=form, actor=world["filler"], explanations=warnings_explained(form))
    with pytest.raises(CommentRequired, match="退回意见"):
        services.return_form(form=form, actor=world["reviewer"], comment="  ")
    services.return_form(
        form=form,
        actor=world["reviewer"],
        comment="预算完成率请按公式改正。",
        field_comments={"funds.execution_rate": "应为 97.13", "goals.expected": ""},
    )
    form.refresh_from_db()
    assert form.status == "returned" and form.is_editable
    comments = [(c.path, c.text) for c in selectors.latest_comments(form)]
    assert comments == [("", "预算完成率请按公式改正。"), ("funds.execution_rate", "应为 97.13")]
    entry = form.audit_entries.get(action="return")
    assert entry.comment == "预算完成率请按公式改正。"
    assert entry.after == {"field_comments": {"funds.execution_rate": "应为 97.13"}}


def test_another_departments_reviewer_cannot_return_or_approve(world, form):
    from jixiao.web.accounts.services import user_ensure
    from jixiao.web.workflow import services
    from jixiao.web.workflow.errors import NotAllowed

    other = user_ensure(
        username="edu-reviewer",
        password="x-pass-123",
        role="department_reviewer",
        organisation=world["education"],
    )
    services.submit(form=form, actor=world["filler"], explanations=warnings_explained(form))
    with pytest.raises(NotAllowed):
        services.approve_department(form=form, actor=other)
    with pytest.raises(NotAllowed):
        services.return_form(form=form, actor=other, comment="不行")


def test_a_department_without_units_goes_straight_to_finance(world):
    from jixiao.web.forms.services import form_create
    from jixiao.web.workflow import services
    from jixiao.web.workflow.errors import WrongState

    reviewer = _reviewer_of(world["education"])
    form = form_create(
        organisation=world["education"],
        year=2021,
        data=unit_form("广州市天河区教育局"),
        user=world["filler2"],
    )
    services.submit(form=form, actor=world["filler2"])
    services.approve_department(form=form, actor=reviewer)
    assert form.status == "finance_review"
    with pytest.raises(WrongState, match="没有下属单位"):
        services.build_summary(department=world["education"], year=2021, actor=reviewer)


def _reviewer_of(org):  # type: ignore[no-untyped-def]
    from jixiao.web.accounts.services import user_ensure

    return user_ensure(
        username=f"r{org.pk}", password="x-pass-123", role="department_reviewer", organisation=org
    )


def test_the_summary_waits_for_every_unit(world, form):
    from jixiao.web.workflow import services
    from jixiao.web.workflow.errors import UnitsNotApproved

    services.submit(form=form, actor=world["filler"], explanations=warnings_explained(form))
    services.approve_department(form=form, actor=world["reviewer"])
    assert form.status == "department_approved"
    with pytest.raises(UnitsNotApproved) as raised:
        services.build_summary(department=world["bureau"], year=2021, actor=world["reviewer"])
    assert raised.value.units == ["广州市天河区政务服务中心(未填报)"]
    assert "尚未通过部门审核" in str(raised.value)


def test_the_summary_rolls_up_the_approved_forms_and_goes_to_finance(world, form, unit_approved):
    from jixiao.web.forms import convert
    from jixiao.web.forms.models import Form
    from jixiao.web.workflow import services
    from jixiao.web.workflow.errors import NotAllowed

    services.submit(form=form, actor=world["filler"], explanations=warnings_explained(form))
    services.approve_department(form=form, actor=world["reviewer"])
    with pytest.raises(NotAllowed):
        services.build_summary(department=world["bureau"], year=2021, actor=world["filler"])
    summary = services.build_summary(department=world["bureau"], year=2021, actor=world["reviewer"])
    assert summary.rollup and summary.summary and summary.status == "finance_review"
    assert not summary.is_editable
    data = convert.to_core(convert.prefetched(Form.objects.filter(pk=summary.pk)).get())
    assert data.funds.actual == Decimal("9100.04") + Decimal("470.40")
    assert data.tasks[0].name.startswith("【广州市天河区政务服务数据管理局】")
    assert data.tasks[-1].name == "【广州市天河区政务服务中心】窗口服务"
    # rates are recomputed from the sums, never averaged
    assert data.funds.execution_rate == (data.funds.actual / data.funds.adjusted_budget * 100).quantize(
        Decimal("0.01")
    )
    entry = summary.audit_entries.get(action="build_summary")
    assert entry.actor == world["reviewer"] and "汇总 2 个单位" in entry.comment
    assert entry.after["funds.actual"] == "9570.44"

    again = services.build_summary(department=world["bureau"], year=2021, actor=world["reviewer"])
    assert again.pk == summary.pk
    assert Form.objects.filter(organisation=world["bureau"], year=2021, rollup=True).count() == 1


def test_finance_approves_spot_checks_beside_the_self_score_and_publishes(world, form, unit_approved):
    from jixiao.web.workflow import services
    from jixiao.web.workflow.errors import CommentRequired, InvalidScore, NotAllowed, WrongState

    services.submit(form=form, actor=world["filler"], explanations=warnings_explained(form))
    services.approve_department(form=form, actor=world["reviewer"])
    summary = services.build_summary(department=world["bureau"], year=2021, actor=world["reviewer"])
    with pytest.raises(WrongState, match="不能进行“公开”"):
        services.publish(form=summary, actor=world["finance"])
    with pytest.raises(NotAllowed):
        services.approve_finance(form=summary, actor=world["reviewer"])
    services.approve_finance(form=summary, actor=world["finance"])
    assert summary.status == "finance_approved"

    self_score = summary.total_score
    with pytest.raises(InvalidScore, match="0 到 100"):
        services.spot_check(form=summary, actor=world["finance"], score=Decimal("120"), comment="x")
    with pytest.raises(InvalidScore, match="不是数字"):
        services.spot_check(form=summary, actor=world["finance"], score="九十", comment="x")  # type: ignore[arg-type]
    with pytest.raises(CommentRequired):
        services.spot_check(form=summary, actor=world["finance"], score=Decimal("88"), comment="")
    services.spot_check(form=summary, actor=world["finance"], score=Decimal("88.125"), comment="资料齐全")
    summary.refresh_from_db()
    assert summary.spot_check_score == Decimal("88.13")  # ROUND_HALF_UP, once
    assert summary.total_score == self_score
    assert summary.spot_checked_by == world["finance"]

    with pytest.raises(NotAllowed):
        services.publish(form=summary, actor=world["reviewer"])
    services.publish(form=summary, actor=world["finance"])
    summary.refresh_from_db()
    assert summary.status == "published"
    assert [a for a, _ in _actions(summary)] == ["build_summary", "approve_finance", "spot_check", "publish"]
    assert {n for _, n in _actions(summary)} == {"reviewer", "finance"}


def test_finance_returns_the_summary_and_the_department_rebuilds_it(world, form, unit_approved):
    from jixiao.web.workflow import services
    from jixiao.web.workflow.errors import WrongState

    services.submit(form=form, actor=world["filler"], explanations=warnings_explained(form))
    services.approve_department(form=form, actor=world["reviewer"])
    summary = services.build_summary(department=world["bureau"], year=2021, actor=world["reviewer"])
    with pytest.raises(WrongState):  # the units are out of the department's hands while finance reviews
        services.return_form(form=unit_approved, actor=world["reviewer"], comment="重新核对")
    services.return_form(form=summary, actor=world["finance"], comment="请政务服务中心补充绩效说明")
    services.return_form(form=unit_approved, actor=world["reviewer"], comment="请补充绩效说明")
    unit_approved.refresh_from_db()
    assert unit_approved.status == "returned"
    services.submit(form=unit_approved, actor=world["unit_filler"])
    services.approve_department(form=unit_approved, actor=world["reviewer"])
    rebuilt = services.build_summary(department=world["bureau"], year=2021, actor=world["reviewer"])
    assert rebuilt.pk == summary.pk and rebuilt.status == "finance_review"
    services.approve_finance(form=rebuilt, actor=world["finance"])
    with pytest.raises(WrongState, match="不能重新汇总"):
        services.build_summary(department=world["bureau"], year=2021, actor=world["reviewer"])
    services.publish(form=rebuilt, actor=world["finance"])
    with pytest.raises(WrongState, match="已公开"):
        services.return_form(form=rebuilt, actor=world["finance"], comment="撤回")


def test_a_late_submission_is_noted_in_the_audit_log(world, form):
    from jixiao.web.workflow import services

    services.submit(form=form, actor=world["filler"], explanations=warnings_explained(form))
    entry = form.audit_entries.get(action="submit")
    assert entry.comment == "逾期(截止日期 2022-04-30)"


def test_every_given_field_of_the_summary_is_set_by_the_workflow(world, form, unit_approved):
    """The roll-up takes a ``Spec.rollup == "given"`` field from its caller, not from the units: each is
    listed here with where ``build_summary`` takes it from. A field newly marked "given" fails until
    ``build_summary`` passes it and this test names its source (docs/adding-a-field.md)."""
    from jixiao.core import fields
    from jixiao.core.form import SCHEMA_ID
    from jixiao.web.forms import convert
    from jixiao.web.forms.models import Form
    from jixiao.web.workflow import services

    services.submit(form=form, actor=world["filler"], explanations=warnings_explained(form))
    services.approve_department(form=form, actor=world["reviewer"])
    summary = services.build_summary(department=world["bureau"], year=2021, actor=world["reviewer"])
    data = convert.to_core(convert.prefetched(Form.objects.filter(pk=summary.pk)).get())
    sources = {
        "schema": SCHEMA_ID,  # the format's own
        "kind": "department",  # a 汇总 form is a department form
        "year": 2021,  # the year being summed up
        "department": world["bureau"].name,  # the first-level department itself
        "summary": True,  # it is the 汇总
    }
    given = [f for f in fields.catalogue() if f.spec.rollup == "given"]
    assert sorted(f.pattern for f in given) == sorted(sources), "a given field needs its source here"
    for field in given:
        assert getattr(data, "schema_" if field.name == "schema" else field.name) == sources[field.pattern]
