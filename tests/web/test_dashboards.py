"""The dashboards (issue 13 items 4 and 6): facts kept per form and per indicator, the aggregates on
them checked against figures worked out by hand, who may see what, the XLSX downloads."""

from __future__ import annotations

from decimal import Decimal

from .workflow_data import unit_form


def _facts(form):  # type: ignore[no-untyped-def]
    from jixiao.web.dashboards.models import FormFact

    return FormFact.objects.get(form_id=form.pk)


# --- facts -------------------------------------------------------------------------------------


def test_storing_the_seed_writes_its_facts(seed_form):  # type: ignore[no-untyped-def]
    from jixiao.web.dashboards.models import FindingFact, IndicatorFact

    fact = _facts(seed_form)
    # docs/scoring.md: 9100.04 ÷ 9368.62 = 97.13 %; 67.57 (中) under the default scheme.
    assert fact.execution_rate == Decimal("97.13")
    assert fact.reported_execution_rate == Decimal("97.10")
    assert fact.score == Decimal("67.57") and fact.grade == "中"
    assert fact.actual == Decimal("9100.04") and fact.adjusted_budget == Decimal("9368.62")
    assert fact.status == "draft" and fact.year == 2021
    assert fact.department_id == fact.unit_id == seed_form.organisation_id
    # 14 output indicators (8 met, 6 unverifiable) and 2 satisfaction indicators, both met.
    assert (fact.indicators, fact.met, fact.not_met, fact.unverifiable) == (16, 10, 0, 6)
    verdicts = sorted(IndicatorFact.objects.filter(fact=fact).values_list("verdict", flat=True))
    assert verdicts == ["met"] * 10 + ["unverifiable"] * 6
    assert IndicatorFact.objects.filter(fact=fact, category="satisfaction").count() == 2
    counted = sum(FindingFact.objects.filter(fact=fact).values_list("count", flat=True))
    assert counted == fact.errors + fact.warnings + fact.notices > 0
    assert FindingFact.objects.filter(
        fact=fact, code="arithmetic.execution_rate", family="arithmetic"
    ).exists()


def test_an_edit_refreshes_the_facts(seed_form, seed_core, world):  # type: ignore[no-untyped-def]
    from jixiao.web.forms.services import form_update

    data = seed_core.model_copy(deep=True)
    data.funds.actual = Decimal("9368.62")
    form_update(form=seed_form, data=data, user=world["filler"])
    assert _facts(seed_form).execution_rate == Decimal("100.00")


def test_each_workflow_step_refreshes_the_state(world, seed_core):  # type: ignore[no-untyped-def]
    from jixiao.web.dashboards.models import IndicatorFact
    from jixiao.web.forms.services import form_create
    from jixiao.web.workflow import services

    unit = form_create(
        organisation=world["unit"], year=2021, data=unit_form(world["unit"].name), user=world["unit_filler"]
    )
    assert _facts(unit).status == "draft" and _facts(unit).submitted_at is None
    services.submit(form=unit, actor=world["unit_filler"])
    assert _facts(unit).status == "submitted" and _facts(unit).submitted_at is not None
    assert set(IndicatorFact.objects.filter(fact_id=unit.pk).values_list("status", flat=True)) == {
        "submitted"
    }
    services.return_form(form=unit, actor=world["reviewer"], comment="请补充说明")
    assert _facts(unit).status == "returned"
    services.submit(form=unit, actor=world["unit_filler"])
    services.approve_department(form=unit, actor=world["reviewer"])
    assert _facts(unit).status == "department_approved"
    assert _facts(unit).department_id == world["bureau"].pk and _facts(unit).unit_id == world["unit"].pk


def test_refresh_all_rebuilds_lost_facts(seed_form):  # type: ignore[no-untyped-def]
    from jixiao.web.dashboards.facts import refresh_all
    from jixiao.web.dashboards.models import FormFact, IndicatorFact

    FormFact.objects.all().delete()
    assert not IndicatorFact.objects.exists()
    assert refresh_all() == 1
    assert _facts(seed_form).score == Decimal("67.57")
    assert IndicatorFact.objects.count() == 16


def test_the_facts_command(seed_form, capsys):  # type: ignore[no-untyped-def]
    from jixiao.commands import facts as command
    from jixiao.web.dashboards.models import FormFact

    FormFact.objects.all().delete()
    parser = __import__("argparse").ArgumentParser()
    command.add_arguments(parser)
    assert command.run(parser.parse_args(["--rebuild"])) == 0
    assert "1 张" in capsys.readouterr().out
    assert FormFact.objects.count() == 1
    assert command.run(parser.parse_args([])) == 2
