"""Benchmark the dashboards on many synthetic forms (issue 13): the load, each query, the whole page.

Generates N forms with ``jixiao.synth`` (default 5,000, a few minutes; ``--forms 50000`` for the
goal), loads them into the database — SQLite in a temporary folder, or PostgreSQL when
``DATABASE_URL`` points to one (the database is emptied first: use a scratch database) — with their
facts, then times each dashboard query (p50/p95 over ``--runs``) and the whole page through Django's
test client as 财政局审核人. Every figure is printed with its ratio to a trivial query (``SELECT 1``)
timed in the same run. Goals (PostgreSQL, 50,000 forms): each query ≤ 300 ms p95, the page ≤ 1 s p95,
the load ≤ 10 minutes.

    .venv/bin/python bench/bench_dashboard.py [--forms 5000] [--runs 20] [--seed 1]
    DATABASE_URL=postgres://… .venv/bin/python bench/bench_dashboard.py --forms 50000
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from _common import percentile, time_ms

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# How the forms of a year stand: the latest year is under way, the years before it are closed.
OPEN_YEAR = (
    ("draft", 25),
    ("returned", 8),
    ("submitted", 22),
    ("department_approved", 15),
    ("finance_review", 10),
    ("finance_approved", 8),
    ("published", 12),
)
CLOSED_YEAR = (("finance_approved", 20), ("published", 78), ("returned", 2))


def _pick(rng: random.Random, table: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([s for s, _ in table], weights=[w for _, w in table])[0]


def _prepare_region(job: tuple[int, tuple[int, ...], int]) -> tuple[Any, Iterator[tuple[Any, Any, Any, Any]]]:
    """One synthetic region and, lazily, its forms generated, checked and scored (no database).

    Per form: its record, its ``jixiao.core`` form, its check report and its score under the default
    scheme (what ``jixiao.web.dashboards.facts.scheme_for`` picks).
    """
    from jixiao.core import form as core
    from jixiao.core.report import check
    from jixiao.core.scoring import DEFAULT_SCHEME, score_form
    from jixiao.synth import Options, records
    from jixiao.synth.generate import build_regions

    seed, years, index = job
    options = Options(seed=seed, years=years, regions=index + 1, validate=False)
    region = build_regions(options)[index]

    def items() -> Iterator[tuple[Any, Any, Any, Any]]:
        for _, record in records(options, regions=[region]):
            data = core.Form.model_validate(record.form)
            report = check(data)
            yield record, data, report, score_form(data, DEFAULT_SCHEME, evaluations=report.evaluations)

    return region, items()


def load(
    forms: int, *, seed: int = 1, years: tuple[int, ...] | None = None, batch: int = 250
) -> dict[str, Any]:
    """Load ``forms`` synthetic forms (regions, organisations, years, deadlines, forms, rows, facts).

    Forms are stored as the services store them (``convert``: the same columns and rows) but in
    batches, with the check report and the score computed once per form and reused for the facts.
    Returns counts.
    """

    from django.db import transaction
    from django.utils import timezone

    from jixiao.synth.places import PLACES
    from jixiao.web.dashboards import facts
    from jixiao.web.forms import convert
    from jixiao.web.forms.models import Form
    from jixiao.web.forms.services import _summary
    from jixiao.web.orgs.models import EvaluationYear, Organisation, Region
    from jixiao.web.workflow.models import Deadline

    today = timezone.localdate()
    years = years or (today.year - 3, today.year - 2, today.year - 1)
    regions: dict[str, Region] = {}
    orgs: dict[str, Organisation] = {}
    deadline = {year: datetime.date(year + 1, 4, 30) for year in years}
    rng = random.Random(f"{seed}/bench-dashboard")
    pending: list[tuple[Form, Any, Any, Any]] = []
    stored = indicators = 0

    def region_of(synth: Any) -> Region:
        found = regions.get(synth.code)
        if found is not None:
            return found
        region = Region.objects.create(code=synth.code, name=synth.place.name)
        regions[synth.code] = region
        finance = Organisation.objects.create(
            region=region, kind=Organisation.FINANCE, name=synth.finance.name, uscc=synth.finance.uscc
        )
        orgs[synth.finance.uscc] = finance
        departments = Organisation.objects.bulk_create(
            [
                Organisation(
                    region=region, kind=Organisation.DEPARTMENT, name=o.name, uscc=o.uscc, parent=finance
                )
                for o in synth.departments
            ]
        )
        orgs.update({o.uscc: o for o in departments})
        units = Organisation.objects.bulk_create(
            [
                Organisation(
                    region=region, kind=Organisation.UNIT, name=o.name, uscc=o.uscc, parent=orgs[o.parent]
                )
                for o in synth.units
            ]
        )
        orgs.update({o.uscc: o for o in units})
        for year in years:
            evaluation = EvaluationYear.objects.create(region=region, year=year, deadline=deadline[year])
            Deadline.objects.create(
                year=evaluation,
                unit_deadline=deadline[year],
                department_deadline=deadline[year] + datetime.timedelta(days=15),
            )
        return region

    def flush() -> None:
        nonlocal stored, indicators
        if not pending:
            return
        with transaction.atomic():
            for row, data, report, _ in pending:
                convert.fill_form_fields(row, data)
                row.check_summary = _summary(report)
            Form.objects.bulk_create([row for row, _, _, _ in pending])
            _rows([(row, data) for row, data, _, _ in pending])
            built = []
            for row, data, report, scored in pending:
                built.append(facts.build(row, data, report, scored=scored))
                indicators += len(report.evaluations)
            facts._replace(built)
        stored += len(pending)
        pending.clear()

    # Generating, checking and scoring in worker processes was tried: on this shared 2-core machine
    # the pickling of the reports cost more than it saved (25 ms a form against 15 sequentially).
    for index in range(len(PLACES)):
        synth_region, items = _prepare_region((seed, years, index))
        region_of(synth_region)
        for record, data, report, scored in items:
            if stored + len(pending) >= forms:
                break
            status = _pick(rng, OPEN_YEAR if record.year == years[-1] else CLOSED_YEAR)
            submitted = None
            if status != "draft":
                late = rng.random() < (0.15 if record.year == years[-1] else 0.05)
                day = deadline[record.year] + datetime.timedelta(
                    days=rng.randint(1, 20) if late else -rng.randint(0, 40)
                )
                submitted = timezone.make_aware(
                    datetime.datetime.combine(day, datetime.time(10, rng.randint(0, 59)))
                )
            row = Form(
                organisation=orgs[record.org],
                year=record.year,
                kind="project" if record.role == "project" else "department",
                status=status,
                submitted_at=submitted,
                revision=1,
            )
            pending.append((row, data, report, scored))
            if len(pending) >= batch:
                flush()
        if stored + len(pending) >= forms:
            break
    flush()
    return {"forms": stored, "indicators": indicators, "regions": len(regions), "organisations": len(orgs)}


def _rows(pending: list[tuple[Any, Any]]) -> None:
    """Store the lines, tasks, indicators and review entries of a batch of new forms in a few inserts.

    The same columns as ``jixiao.web.forms.convert.replace_rows`` (whose helpers it uses), for many
    forms at once instead of one form at a time.
    """
    from jixiao.web.forms import convert
    from jixiao.web.forms import models as rows

    lines, tasks, review = [], [], []
    for form, data in pending:
        for position, line in enumerate(data.funds.lines):
            item = rows.FundLine(form=form, position=position)
            convert._fill(
                item,
                convert._attrs(line),
                convert.row_columns("funds.lines[]"),
                prefix=f"funds.lines[{position}].",
            )
            lines.append(item)
        for position, task in enumerate(data.tasks):
            item = rows.Task(form=form, position=position)
            convert._fill(
                item, convert._attrs(task), convert.row_columns("tasks[]"), prefix=f"tasks[{position}]."
            )
            tasks.append((item, task))
        for position, entry in enumerate(data.review):
            item = rows.ReviewItem(form=form, position=position)
            convert._fill(item, convert._attrs(entry), convert.row_columns("review[]"))
            review.append(item)
    rows.FundLine.objects.bulk_create(lines, batch_size=1000)
    rows.Task.objects.bulk_create([item for item, _ in tasks], batch_size=1000)  # sets their keys
    indicators = []
    for item, task in tasks:
        for position, indicator in enumerate(task.indicators):
            row = rows.Indicator(form_id=item.form_id, task=item, position=position)
            convert._fill(row, convert._attrs(indicator), convert.row_columns("tasks[].indicators[]"))
            indicators.append(row)
    for form, data in pending:
        for position, indicator in enumerate(data.indicators):
            row = rows.Indicator(form=form, task=None, position=position)
            convert._fill(row, convert._attrs(indicator), convert.row_columns("indicators[]"))
            indicators.append(row)
    rows.Indicator.objects.bulk_create(indicators, batch_size=1000)
    rows.ReviewItem.objects.bulk_create(review, batch_size=1000)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--forms", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    if not os.environ.get("DATABASE_URL"):
        os.environ["JIXIAO_DATA_DIR"] = tempfile.mkdtemp(prefix="jixiao-bench-dashboard-")
    os.environ.setdefault("JIXIAO_SECRET_KEY", "bench")
    os.environ["JIXIAO_QUEUE_IMMEDIATE"] = "1"
    from jixiao.web import setup

    setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    if engine == "postgresql":
        call_command("flush", interactive=False, verbosity=0)
    call_command("migrate", interactive=False, verbosity=0)

    def trivial() -> None:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()

    started = time.perf_counter()
    counts = load(args.forms, seed=args.seed)
    load_seconds = time.perf_counter() - started
    if engine == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    from django.db.models import Count

    from jixiao.web.accounts.models import User
    from jixiao.web.dashboards import selectors
    from jixiao.web.dashboards.models import FormFact
    from jixiao.web.orgs.models import Organisation, Region

    largest = FormFact.objects.values("region").annotate(n=Count("pk")).order_by("-n").first()
    assert largest is not None
    region = Region.objects.get(pk=largest["region"])
    year = selectors.latest_year(region)
    finance_org = Organisation.objects.get(region=region, kind=Organisation.FINANCE)
    user = User.objects.create_user(
        "bench-finance", password="bench-only-9", role=User.FINANCE_REVIEWER, organisation=finance_org
    )
    scope = selectors.Scope(region=region, year=year)
    region_forms = FormFact.objects.filter(region=region).count()

    baseline = time_ms(trivial, args.runs * 5)
    base50, base95 = statistics.median(baseline), percentile(baseline, 0.95)
    print(
        f"数据库:{engine};{counts['forms']} 张表({counts['indicators']} 个指标),{counts['regions']} 个行政区;"
        f"统计的行政区 {region.name} 共 {region_forms} 张表,{year} 年度"
    )
    print(
        f"载入(生成、检查、评分、写入表与统计数据):{load_seconds:.1f} s,每张表 {load_seconds * 1000 / max(1, counts['forms']):.1f} ms"
    )
    print(f"基线 SELECT 1:p50 {base50:.3f} ms,p95 {base95:.3f} ms")
    print(f"{'项目':<24}{'p50 ms':>10}{'p95 ms':>10}{'p50/基线':>12}{'p95/基线':>12}")

    def report(name: str, samples: list[float]) -> None:
        p50, p95 = statistics.median(samples), percentile(samples, 0.95)
        print(f"{name:<24}{p50:>10.1f}{p95:>10.1f}{p50 / base50:>12.0f}{p95 / base95:>12.0f}")

    for fn in selectors.YEAR_CHARTS:
        report(f"查询 {fn.__name__}", time_ms(lambda fn=fn: fn(scope), args.runs))
    department = (
        Organisation.objects.filter(region=region, kind=Organisation.DEPARTMENT).order_by("pk").first()
    )
    history = selectors.Scope(region=region, year=None, department=department, group="year")
    report("查询 部门历年 execution", time_ms(lambda: selectors.execution(history), args.runs))
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")

    def page(url: str) -> Callable[[], None]:
        def get() -> None:
            response = client.get(url)
            assert response.status_code == 200, response.status_code

        return get

    report("页面 统计分析", time_ms(page(f"/dashboards/?year={year}"), args.runs))
    report(
        "页面 自评表清单(钻取)",
        time_ms(page(f"/dashboards/forms/?year={year}&department={department.pk}&sent=1"), args.runs),
    )
    report("下载 执行率 Excel", time_ms(page(f"/dashboards/?year={year}&download=execution"), args.runs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
