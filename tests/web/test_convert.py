"""A form stored as rows comes back as the same FORMAT.md JSON."""

from __future__ import annotations

import json
from decimal import Decimal

from jixiao.core.form import Form as CoreForm
from jixiao.web.forms import convert
from jixiao.web.forms.models import Form, Indicator, Task

from .conftest import SEED_JSON


def _reload(form: Form) -> CoreForm:
    return convert.to_core(convert.prefetched(Form.objects.filter(pk=form.pk)).get())


def test_it_round_trips_the_seed_form_exactly(seed_form):
    expected = json.loads(SEED_JSON.read_text(encoding="utf-8"))
    assert _reload(seed_form).to_dict() == expected
    assert _reload(seed_form).to_json() == CoreForm.from_json(SEED_JSON.read_text(encoding="utf-8")).to_json()


def test_it_stores_tasks_and_indicators_as_rows(seed_form):
    assert Task.objects.filter(form=seed_form).count() == 3
    assert Indicator.objects.filter(form=seed_form, task__isnull=False).count() == 16
    assert seed_form.fund_lines.get().actual == Decimal("9100.04")


def test_it_keeps_a_figure_with_the_decimals_it_was_written_with(world, seed_core):
    from jixiao.web.forms.services import form_create

    seed_core.funds.execution_rate = Decimal("97.1")
    seed_core.funds.actual = Decimal("9100.040")
    seed_core.tasks[0].indicators[0].weight = Decimal("10")
    form = form_create(organisation=world["bureau"], year=2021, data=seed_core, user=world["filler"])
    data = _reload(form).to_dict()
    assert data["funds"]["execution_rate"] == "97.1"
    assert data["funds"]["actual"] == "9100.040"
    assert data["tasks"][0]["indicators"][0]["weight"] == "10"


def test_it_sums_amounts_in_sql(seed_form):
    from django.db.models import Sum

    assert Task.objects.filter(form=seed_form).aggregate(total=Sum("funds"))["total"] == Decimal("552.18")


def test_it_leaves_checked_review_entries_out_of_the_form(seed_form, world):
    from jixiao.web.forms.services import review_item_resolve

    first = seed_form.review_items.order_by("position").first()
    review_item_resolve(form=seed_form, item_id=first.pk, user=world["filler"])
    review = _reload(seed_form).review
    assert len(review) == 12
    assert first.path not in [item.path for item in review]
