"""Writing the facts the dashboards read (``FormFact``, ``IndicatorFact``, ``FindingFact``).

``refresh(form)`` recomputes one form's facts from what is stored: ``jixiao.core.report.check`` for the
computed rates, findings and indicator verdicts, ``jixiao.core.scoring.score_form`` with the default
scheme for the score and grade. The form services call it at the end of every store (passing the
report they already have), the workflow after every step (``refresh_status``: only the state and the
dates change). ``refresh_all()`` rebuilds every fact, in batches (``jixiao facts --rebuild``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from typing import Any

from django.db import transaction

from jixiao.core import form as core
from jixiao.core.numbers import quantize2
from jixiao.core.report import Report, check
from jixiao.core.scoring import FormScore, Scheme, score_form
from jixiao.web.dashboards.models import FindingFact, FormFact, IndicatorFact
from jixiao.web.forms import convert
from jixiao.web.forms.models import Form
from jixiao.web.orgs.models import Organisation

TEN_THOUSAND = Decimal(10000)
BATCH = 500


def scheme_for(form: Form) -> Scheme:
    """Return the scoring scheme a form is scored under: the one finance set for the form's region and
    year (``jixiao.web.scoring``), else the default scheme (财预〔2020〕10号)."""
    from jixiao.web.scoring.selectors import scheme_for as region_scheme

    return region_scheme(form.organisation.region, form.year)


def refresh_year(region_id: int, year: int) -> int:
    """Recompute the facts of every form of a region's year (after its scoring scheme changed)."""
    ids = list(
        Form.objects.filter(organisation__region_id=region_id, year=year)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    done = 0
    for chunk in _batches(ids, BATCH):
        done += refresh_many(convert.prefetched(Form.objects.filter(pk__in=chunk)))
    return done


def _wan(value: Decimal | None, unit: str) -> Decimal | None:
    """Return an amount in 万元, whatever unit the form was written in (so amounts can be summed)."""
    if value is None:
        return None
    return value / TEN_THOUSAND if unit == "元" else value


def _two(value: Decimal | None) -> Decimal | None:
    return None if value is None else quantize2(value)


def family(code: str) -> str:
    """Return the kind of a finding: the first part of its code (``arithmetic`` of ``arithmetic.reported``)."""
    return code.split(".", 1)[0]


def _indicators(data: core.Form) -> dict[str, core.Indicator]:
    found = {f"indicators[{i}]": indicator for i, indicator in enumerate(data.indicators)}
    for t, task in enumerate(data.tasks):
        for i, indicator in enumerate(task.indicators):
            found[f"tasks[{t}].indicators[{i}]"] = indicator
    return found


def build(
    form: Form, data: core.Form, report: Report | None = None, *, scored: FormScore | None = None
) -> tuple[FormFact, list[IndicatorFact], list[FindingFact]]:
    """Return the facts of a stored form (not saved): the form's, its indicators', its findings'.

    ``report`` and ``scored`` (under ``scheme_for(form)``) may be passed when the caller has them.
    """
    report = report if report is not None else check(data)
    organisation: Organisation = form.organisation
    department = organisation.department
    computed = report.computed
    if scored is None:
        scored = score_form(data, scheme_for(form), evaluations=report.evaluations)
    verdicts = Counter(evaluation.verdict for _, evaluation in report.evaluations)
    severities = Counter(finding.severity for finding in report.findings)
    where = {
        "region_id": organisation.region_id,
        "year": form.year,
        "department_id": department.pk if department is not None else None,
        "unit_id": organisation.pk,
        "status": form.status,
        "kind": form.kind,
        "rollup": form.rollup,
    }
    unit = data.amount_unit
    fact = FormFact(
        form=form,
        **where,
        submitted_at=form.submitted_at,
        updated_at=form.updated_at,
        initial_budget=_wan(data.funds.initial_budget, unit),
        adjusted_budget=_wan(data.funds.adjusted_budget, unit),
        actual=_wan(data.funds.actual, unit),
        execution_rate=_two(computed.execution_rate),
        reported_execution_rate=_two(data.funds.execution_rate),
        adjustment_rate=_two(computed.adjustment_rate),
        score=scored.total,
        grade=scored.grade,
        reported_score=_two(scored.reported_total),
        score_differs=scored.total_differs,
        errors=severities["error"],
        warnings=severities["warning"],
        notices=severities["info"],
        indicators=len(report.evaluations),
        met=verdicts["met"],
        not_met=verdicts["not_met"],
        unverifiable=verdicts["unverifiable"],
    )
    lines = {line.path: line for line in scored.lines if line.path != "funds"}
    named = _indicators(data)
    indicators = []
    for path, evaluation in report.evaluations:
        line = lines.get(path)
        indicator = named.get(path)
        indicators.append(
            IndicatorFact(
                fact=fact,
                **where,
                path=path[:60],
                name=((indicator.name if indicator is not None else None) or "")[:200],
                category=line.category if line is not None else "",
                verdict=evaluation.verdict,
                weight=_two(line.weight) if line is not None else None,
                score=line.score if line is not None else None,
                reported_score=_two(line.reported) if line is not None else None,
            )
        )
    codes = Counter((finding.code, finding.severity) for finding in report.findings)
    findings = [
        FindingFact(
            fact=fact, **where, code=code[:80], family=family(code)[:30], severity=severity, count=count
        )
        for (code, severity), count in sorted(codes.items())
    ]
    return fact, indicators, findings


def _replace(facts: list[tuple[FormFact, list[IndicatorFact], list[FindingFact]]]) -> None:
    ids = [fact.form_id for fact, _, _ in facts]
    FormFact.objects.filter(form_id__in=ids).delete()  # cascades to the indicator and finding facts
    FormFact.objects.bulk_create([fact for fact, _, _ in facts])
    IndicatorFact.objects.bulk_create([item for _, items, _ in facts for item in items], batch_size=2000)
    FindingFact.objects.bulk_create([item for _, _, items in facts for item in items], batch_size=2000)


@transaction.atomic
def refresh(form: Form, data: core.Form | None = None, report: Report | None = None) -> FormFact:
    """Recompute and store one form's facts (``data`` and ``report`` when the caller has them)."""
    if data is None:
        form = convert.prefetched(Form.objects.filter(pk=form.pk)).get()
        data = convert.to_core(form)
    built = build(form, data, report)
    _replace([built])
    return built[0]


@transaction.atomic
def refresh_status(form: Form) -> None:
    """After a workflow step: the form's state and dates in its facts (everything else is unchanged)."""
    stored = Form.objects.only("status", "submitted_at", "updated_at").get(pk=form.pk)
    if not FormFact.objects.filter(form_id=form.pk).exists():
        refresh(stored)
        return
    FormFact.objects.filter(form_id=form.pk).update(
        status=stored.status, submitted_at=stored.submitted_at, updated_at=stored.updated_at
    )
    IndicatorFact.objects.filter(fact_id=form.pk).update(status=stored.status)
    FindingFact.objects.filter(fact_id=form.pk).update(status=stored.status)


def _batches(ids: list[int], size: int) -> Iterator[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def refresh_many(forms: Iterable[Form]) -> int:
    """Recompute the facts of prefetched forms in one transaction; return how many."""
    built = [build(form, convert.to_core(form)) for form in forms]
    with transaction.atomic():
        _replace(built)
    return len(built)


def refresh_all(*, progress: Callable[[int, int], Any] | None = None, batch: int = BATCH) -> int:
    """Rebuild the facts of every form (and drop those of forms that no longer exist); return how many."""
    ids = list(Form.objects.order_by("pk").values_list("pk", flat=True))
    FormFact.objects.exclude(form_id__in=Form.objects.values("pk")).delete()
    done = 0
    for chunk in _batches(ids, batch):
        done += refresh_many(convert.prefetched(Form.objects.filter(pk__in=chunk)))
        if progress is not None:
            progress(done, len(ids))
    return done
