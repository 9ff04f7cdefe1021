"""The demo's synthetic 天河区 (``demo_options``: seed 13, three tasks a form, the last three years) holds an example of each
comparison of jixiao.core.compare_years, among the department-wide forms the demo loads."""

from __future__ import annotations

import datetime
from collections import Counter
from decimal import Decimal

from jixiao.core.compare_years import (
    all_met_low_execution,
    copied_targets,
    peer_ranks,
    targets_below_last_actual,
)
from jixiao.core.form import Form
from jixiao.core.scoring import DEFAULT_SCHEME, score_form
from jixiao.synth import demo_options, records


def test_the_demo_region_has_an_example_of_every_comparison():
    this_year = datetime.date.today().year
    years = (this_year - 2, this_year - 1, this_year)
    forms = {
        (record.org, record.year): (record, Form.model_validate(record.form))
        for _, record in records(demo_options(years))
        if record.role != "project"
    }
    found: Counter[str] = Counter()
    for (org, year), (_record, form) in forms.items():
        previous = forms.get((org, year - 1))
        if previous is not None:
            found["below"] += bool(targets_below_last_actual(form, previous[1]))
            found["copied"] += bool(copied_targets(form, previous[1]))
        found["low"] += all_met_low_execution(form) is not None
    assert found["below"] >= 10 and found["copied"] >= 10 and found["low"] >= 2, found

    by_department: dict[tuple[str, int], dict[str, Decimal]] = {}
    for (org, year), (record, form) in forms.items():
        if year == this_year:
            by_department.setdefault((record.department, year), {})[org] = score_form(
                form, DEFAULT_SCHEME
            ).total
    ranked = [peer_ranks(scores) for scores in by_department.values() if len(scores) >= 3]
    assert ranked and any(len({r.rank for r in ranks.values()}) >= 3 for ranks in ranked)


def test_the_demos_shorter_forms_still_plant_exactly_what_check_finds():
    from tests.synth.test_generate import problems

    drawn = [record for _, record in records(demo_options((2024, 2025, 2026)))]
    assert all(len(record.form["tasks"]) <= 3 for record in drawn)
    wrong = [problem for record in drawn for problem in problems(record)]
    assert not wrong, "\n".join(wrong[:20])
