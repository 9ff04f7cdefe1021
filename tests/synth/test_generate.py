"""Synthetic forms: valid, deterministic, realistic in their figures, and every planted mistake is
exactly what ``check`` and ``score_form`` report."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from functools import cache

import pytest

from jixiao.core.form import Form
from jixiao.core.report import check
from jixiao.core.scoring import BUILT_IN, score_form, spot_check
from jixiao.synth import Options, Record, records
from jixiao.synth import distributions as dist

ALL_MISTAKES = (
    set(dist.DEPARTMENT_MISTAKES)
    | set(dist.PROJECT_MISTAKES)
    | set(dist.INDICATOR_MISTAKES)
    | {"not_met_full_score"}
)


@cache
def sample(
    seed: int = 11, regions: int = 2, years: tuple[int, ...] = (2022, 2023, 2024)
) -> tuple[Record, ...]:
    return tuple(record for _, record in records(Options(seed=seed, regions=regions, years=years)))


def problems(record: Record) -> list[str]:
    """Return how the checker's and the scorer's view of a form differs from what was planted."""
    form = Form.model_validate(record.form)
    found = {(f.code, f.path) for f in check(form).findings}
    expected = {tuple(pair) for pair in record.expected}
    wrong = [f"missed {pair}" for pair in sorted(expected - found)]
    wrong += [f"unplanted {pair}" for pair in sorted(found - expected)]
    differences = set(score_form(form, BUILT_IN[record.scheme]).differences)
    flagged = {path for planted in record.planted for path in planted["score"]}
    if flagged - differences:
        wrong.append(f"score missed {sorted(flagged - differences)}")
    if not flagged and differences:
        wrong.append(f"score differs unplanted {sorted(differences)}")
    return [f"{record.id}: {w}" for w in wrong]


def test_every_planted_mistake_is_found_and_nothing_else() -> None:
    wrong = [problem for record in sample() for problem in problems(record)]
    assert not wrong, "\n".join(wrong[:20])


def test_forms_planted_clean_have_no_findings_but_notices() -> None:
    clean = [record for record in sample() if record.clean]
    assert len(clean) > 200
    for record in clean:
        form = Form.model_validate(record.form)
        codes = {f.code for f in check(form).findings}
        assert codes <= {"indicators.ambition"}, record.id
        assert not score_form(form, BUILT_IN[record.scheme]).differences, record.id


def test_with_the_odds_raised_every_kind_of_mistake_is_planted_and_found(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(dist, "DEPARTMENT_MISTAKES", dict.fromkeys(dist.DEPARTMENT_MISTAKES, 300))
    monkeypatch.setattr(dist, "PROJECT_MISTAKES", dict.fromkeys(dist.PROJECT_MISTAKES, 300))
    monkeypatch.setattr(dist, "INDICATOR_MISTAKES", dict.fromkeys(dist.INDICATOR_MISTAKES, 25))
    monkeypatch.setattr(dist, "NOT_MET", 250)
    monkeypatch.setattr(dist, "NOT_MET_FULL_SCORE", 300)
    planted: Counter[str] = Counter()
    wrong = []
    for _, record in records(Options(seed=5, years=(2023, 2024))):
        planted.update(item["mistake"] for item in record.planted)
        wrong += problems(record)
    assert not wrong, "\n".join(wrong[:20])
    assert set(planted) == ALL_MISTAKES and min(planted.values()) >= 5, planted


def test_every_form_is_a_valid_form_of_the_interchange_format() -> None:
    for record in sample()[:300]:
        form = Form.model_validate(record.form)
        assert Form.from_json(form.to_json()).to_dict() == record.form


def test_the_same_seed_gives_the_same_forms_and_another_seed_others() -> None:
    again = tuple(record for _, record in records(Options(seed=11, regions=2, years=(2022, 2023, 2024))))
    assert [r.to_dict() for r in again] == [r.to_dict() for r in sample()]
    other = tuple(record for _, record in records(Options(seed=12, years=(2022,))))
    assert other[0].form != sample()[0].form


def test_a_form_does_not_change_when_other_years_are_left_out() -> None:
    first_year = {r.id: r.form for r in sample() if r.year == 2022}
    alone = {r.id: r.form for _, r in records(Options(seed=11, regions=2, years=(2022,)))}
    assert alone == first_year


def test_a_region_has_forms_of_every_role_for_every_year() -> None:
    tianhe = [r for r in sample() if r.region == "440106"]
    assert {(r.year, r.role) for r in tianhe} == {
        (year, role) for year in (2022, 2023, 2024) for role in ("department", "unit", "project")
    }
    indicators = sum(len(r.metrics) for r in sample())
    assert indicators / len(sample()) > 10


# --- the figures look like the corpus ------------------------------------------------------------


def rates(role: str) -> list[Decimal]:
    return [Decimal(r.form["funds"]["execution_rate"]) for r in sample() if r.role == role and r.clean]


def test_execution_rates_follow_the_corpus() -> None:
    projects = rates("project")
    assert 0.35 < sum(1 for rate in projects if rate == 100) / len(projects) < 0.65
    departments = rates("department") + rates("unit")
    share_90 = sum(1 for rate in departments if Decimal(90) <= rate <= 100) / len(departments)
    assert 0.75 < share_90 < 0.98 and all(rate <= 100 for rate in departments)


def test_about_one_indicator_in_ten_is_not_met() -> None:
    verdicts: Counter[str] = Counter()
    for record in sample()[:400]:
        report = check(Form.model_validate(record.form))
        verdicts.update(e.verdict for _, e in report.evaluations)
    share = verdicts["not_met"] / sum(verdicts.values())
    assert 0.05 < share < 0.16, verdicts


def test_rates_are_misreported_by_a_few_hundredths() -> None:
    gaps = [
        abs(Decimal(item["reported"]) - Decimal(item["computed"]))
        for record in sample()
        for item in record.planted
        if item["mistake"] == "execution_rate_misreported"
    ]
    assert gaps and sum(1 for gap in gaps if gap < Decimal("0.1")) / len(gaps) > 0.7


# --- year over year --------------------------------------------------------------------------------


def test_targets_move_from_last_years_and_say_how() -> None:
    changes: Counter[str] = Counter()
    for record in sample():
        for item in record.continuity:
            changes[item["change"]] += 1
            target, before, achieved = (
                Decimal(item[k]) for k in ("target", "previous_target", "previous_actual")
            )
            if item["change"] == "copied":
                assert target == before
            elif item["change"] == "below_last_actual":
                assert target != before
                less_is_better = achieved < before  # last year beat an at-most target
                assert target > achieved if less_is_better else target < achieved
    total = sum(changes.values())
    assert {"copied", "raised", "below_last_actual", "lowered"} <= set(changes)
    assert 0.2 < changes["copied"] / total < 0.45 and changes["below_last_actual"] / total > 0.05


def test_a_metric_keeps_its_id_from_year_to_year() -> None:
    by_org: dict[str, dict[int, set[str]]] = {}
    for record in sample():
        if record.role != "project":
            by_org.setdefault(record.org, {})[record.year] = set(record.metrics.values())
    for years in by_org.values():
        assert years[2022] == years[2023] == years[2024]


def test_spot_checks_say_whether_they_are_far_from_the_self_score() -> None:
    checked = [r for r in sample() if r.spot_check]
    assert checked
    for record in checked:
        spot = record.spot_check
        assert spot is not None
        result = spot_check(Decimal(spot["self_score"]), Decimal(spot["reviewer_score"]))
        assert result.flagged == spot["far"]
