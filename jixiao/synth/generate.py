"""Generate synthetic regions and their forms, year after year, deterministically from a seed.

Each organisation gets a profile once (which tasks and indicators it reports, how it writes its
targets, its key projects, its budget); each year its targets move from last year's (copied, raised,
set below last year's actual …), its results are drawn, its forms are written and mistakes planted.
Every random draw comes from a ``random.Random`` made from the seed and the names of what is drawn
("seed/org/<uscc>/<year>"), so a form does not change when others are added or left out.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from jixiao.core.form import Form
from jixiao.core.indicators import MET
from jixiao.synth import distributions as dist
from jixiao.synth.catalogue import (
    COMMON_METRICS,
    COMMON_TASKS,
    GENERIC_PROJECT_METRICS,
    MANAGEMENT_METRICS,
    MANAGEMENT_TASK,
    PROJECT_CORE,
    PROJECT_OPTIONAL,
    SECTORS,
    Metric,
    Sector,
)
from jixiao.synth.forms import (
    Built,
    Money,
    TaskValues,
    department_form,
    draw_money,
    finish_department,
    money,
    project_counts,
    project_form,
    text,
)
from jixiao.synth.mistakes import (
    claimed_findings,
    department_claims,
    department_mistakes,
    indicator_mistakes,
    project_mistakes,
)
from jixiao.synth.orgs import Org, Region, build_region
from jixiao.synth.places import PLACES, TIANHE
from jixiao.synth.values import Value, draw_actual, first_target, next_target
from jixiao.synth.writing import style_for


@dataclass(frozen=True)
class Options:
    seed: int = 1
    years: tuple[int, ...] = (2022, 2023, 2024)
    regions: int = 1  # how many regions: 天河区 first, then the other divisions of Guangdong
    mistakes: bool = True  # False: every form clean
    validate: bool = True  # check that every form is a valid Form (costs about a fifth of the time)
    max_tasks: int | None = None  # keep only the first tasks of each department form (the demo: 3)


@dataclass
class Record:
    """One synthetic form with everything a test, a benchmark or the demo needs to know about it."""

    id: str
    region: str
    year: int
    org: str  # the uscc of the organisation that fills it in
    org_name: str
    department: str  # the uscc of its first-level department
    role: str  # "department" (a first-level department's own form), "unit", "project"
    scheme: str
    form: dict[str, Any]
    planted: list[dict[str, Any]]
    expected: list[list[str]]  # every (code, path) ``check`` must report, mistakes and notices
    continuity: list[dict[str, Any]]
    metrics: dict[str, str]  # indicator path → metric id, the same id every year
    spot_check: dict[str, Any] | None = None

    @property
    def clean(self) -> bool:
        return not self.planted

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "region": self.region,
            "year": self.year,
            "org": self.org,
            "org_name": self.org_name,
            "department": self.department,
            "role": self.role,
            "scheme": self.scheme,
            "planted": self.planted,
            "expected": self.expected,
            "continuity": self.continuity,
            "metrics": self.metrics,
            "spot_check": self.spot_check,
            "form": self.form,
        }


DEMO_SEED = 13  # the web demo's 天河区 (``jixiao demo``)
DEMO_MAX_TASKS = 3  # fewer indicators per form keep the demo's load under a minute


def demo_options(years: tuple[int, ...], *, mistakes: bool = True) -> Options:
    """Return the options the web demo draws 天河区 with (tests/synth/test_demo_examples.py checks that
    they give an example of every comparison a reviewer asks for)."""
    return Options(seed=DEMO_SEED, years=years, mistakes=mistakes, validate=False, max_tasks=DEMO_MAX_TASKS)


def child(seed: int, *names: object) -> random.Random:
    """Return the random generator of one named thing under ``seed`` (str seeds hash with SHA-512)."""
    return random.Random("/".join([str(seed), *map(str, names)]))


def build_regions(options: Options) -> list[Region]:
    """Return the regions of a run: 天河区 first, then the next divisions of the list."""
    taken: set[str] = set()
    regions = []
    for place in PLACES[: options.regions]:
        rng = child(options.seed, "region", place.code)
        scheme = "20/80" if place != TIANHE and rng.randrange(1000) < dist.SPLIT_20_80 else "default"
        regions.append(build_region(rng, place, scheme=scheme, taken=taken))
    return regions


# --- profiles -------------------------------------------------------------------------------------


@dataclass
class ProjectProfile:
    name: str
    keys: list[str]
    styles: dict[str, str]
    share_bp: int  # of the organisation's budget


@dataclass
class Profile:
    sector: Sector
    tasks: list[tuple[Any, list[str]]]
    in_name: dict[str, bool]
    styles: dict[str, str]
    projects: list[ProjectProfile]
    budget_cents: int
    growth_bp: int
    last: dict[str, Value] = field(default_factory=dict)


def _metric(sector: Sector, key: str) -> Metric:
    found = sector.metrics.get(key) or GENERIC_PROJECT_METRICS.get(key) or MANAGEMENT_METRICS.get(key)
    return found or COMMON_METRICS[key]


def make_profile(rng: random.Random, org: Org, region: Region) -> Profile:
    sector = SECTORS[org.sector]
    tasks = [(plan, list(plan.metrics)) for plan in sector.tasks]
    used = {key for _, keys in tasks for key in keys}
    spare = [key for key in sector.metrics if key not in used]
    rng.shuffle(spare)
    for _, keys in tasks:
        for _ in range(rng.randint(2, 4)):
            if spare:
                keys.append(spare.pop())
    for common in rng.sample(COMMON_TASKS, rng.randint(0, 2)):
        keys = list(common.metrics)
        rng.shuffle(keys)
        tasks.append((common, keys[: rng.randint(2, len(keys))]))
    if rng.randrange(10) < 8:
        keys = list(MANAGEMENT_TASK.metrics)
        rng.shuffle(keys)
        tasks.append((MANAGEMENT_TASK, keys[: rng.randint(4, 7)]))
    mode = rng.randrange(10)  # 8 in 10 write every target into the name, 1 splits them, 1 mixes
    in_name = {
        key: (mode < 8 or (mode == 9 and rng.randrange(1000) < dist.TARGET_IN_NAME))
        for _, keys in tasks
        for key in keys
    }
    styles = {key: style_for(rng, _metric(sector, key), in_name=in_name[key]) for key in in_name}
    low, high = sector.budget
    if org.kind == "unit" and org.sector == SECTORS[org.sector].key and sector.units:
        low, high = max(200, low // 6), max(600, high // 6)  # a unit of a bureau's own sector
    budget_cents = rng.randint(low * 100, high * 100)
    count = rng.randint(1, 3) if org.kind == "department" else (1 if rng.randrange(10) < 4 else 0)
    plans = list(sector.projects)
    rng.shuffle(plans)
    projects = []
    where = region.place.name if org.kind == "department" else org.name.removeprefix(region.name)
    for plan in plans[:count]:
        extras = [key for key in sector.metrics if key not in plan.metrics]
        rng.shuffle(extras)
        keys = list(plan.metrics) + extras[: rng.randint(2, 5)]
        keys += list(PROJECT_CORE) + rng.sample(PROJECT_OPTIONAL, rng.randint(2, 5))
        project_styles = {key: style_for(rng, _metric(sector, key), in_name=False) for key in keys}
        share = rng.randint(500, 2000) if org.kind == "department" else rng.randint(1000, 4000)
        projects.append(ProjectProfile(f"{where}{plan.name}", keys, project_styles, share))
    return Profile(sector, tasks, in_name, styles, projects, budget_cents, rng.randint(-300, 800))


# --- one year -------------------------------------------------------------------------------------


def year_values(
    rng: random.Random,
    sector: Sector,
    keys: list[str],
    last: dict[str, Value],
    scope: str,
    year: int,
    cash: Money | None = None,
) -> list[Value]:
    values = []
    for key in keys:
        metric = _metric(sector, key)
        previous = last.get(f"{scope}/{key}")
        budget = money(cash.adjusted) if cash is not None else None
        if previous is None:
            target, change = first_target(rng, metric, year, budget), None
        else:
            target, change = next_target(rng, metric, previous, year, budget)
        if metric.kind == "cost":
            assert cash is not None
            actual: Decimal | str = money(cash.actual)
            met = cash.actual <= cash.adjusted
        else:
            met = rng.randrange(1000) >= dist.NOT_MET
            overshoot = met and rng.randrange(1000) < dist.OVERSHOOT
            actual = draw_actual(rng, metric, target, met, overshoot=overshoot)
        value = Value(
            metric,
            target,
            actual,
            met,
            change,
            previous.target if previous else None,
            previous.actual if previous else None,
        )
        last[f"{scope}/{key}"] = value
        values.append(value)
    return values


def _budget(profile: Profile, index: int) -> int:
    cents = profile.budget_cents
    for _ in range(index):
        cents = cents * (10000 + profile.growth_bp) // 10000
    return cents


def _virtual_key_project(
    rng: random.Random, profile: Profile, org: Org, region: Region, cash: Money
) -> dict[str, Any]:
    counts = {
        "数量": rng.randint(2, 6),
        "质量": rng.randint(1, 3),
        "时效": rng.randint(1, 2),
        "成本": 1,
        "效益": rng.randint(1, 4),
        "满意度": rng.randint(1, 2),
    }
    plan = profile.sector.projects[0]
    where = org.name.removeprefix(region.name)
    return {
        "name": f"{where}{plan.name}",
        "budget": text(money(cash.adjusted * rng.randint(1000, 3000) // 10000)),
        "counts": counts,
        "total": sum(counts.values()),
        "outcome": "各项指标均已完成预期目标。",
    }


def _project_summary(name: str, values: list[Value], cash: Money) -> dict[str, Any]:
    counts = project_counts(values)
    short = sum(1 for value in values if not value.met)
    return {
        "name": name,
        "budget": text(money(cash.adjusted)),
        "counts": counts,
        "total": sum(counts.values()),
        "outcome": "各项指标均已完成预期目标。" if not short else f"其中{short}项指标未达到年初目标。",
    }


def org_forms(options: Options, region: Region, org: Org, department: Org) -> Iterator[Record]:
    """Yield every form of one organisation, year by year."""
    profile = make_profile(child(options.seed, "profile", org.uscc), org, region)
    if options.max_tasks is not None:
        profile.tasks = profile.tasks[: options.max_tasks]
    for index, year in enumerate(options.years):
        rng = child(options.seed, "form", org.uscc, year)
        cash = draw_money(rng, _budget(profile, index), project=False)
        project_records = []
        key_project: dict[str, Any] | None = None
        for p, project in enumerate(profile.projects):
            prng = child(options.seed, "project", org.uscc, p, year)
            # Amounts in hundredths of 万元: 2000 is 20万元.
            budget = max(cash.adjusted * project.share_bp // 10000, 2000)
            if p == 0 and org.kind == "department" and cash.adjusted >= 250000:
                budget = max(budget, 50000 + prng.randint(0, 30000))  # a key project: 500万元以上
            pcash = draw_money(prng, budget, project=True)
            values = year_values(prng, profile.sector, project.keys, profile.last, f"p{p}", year, pcash)
            styles = [project.styles[key] for key in project.keys]
            built = project_form(
                prng,
                project=project.name,
                department=department.name,
                unit=org.name,
                year=year,
                cash=pcash,
                values=values,
                styles=styles,
                scheme=region.scheme,
                seed=options.seed,
            )
            if key_project is None:
                key_project = _project_summary(project.name, values, pcash)
            if options.mistakes:
                indicator_mistakes(prng, built)
                project_mistakes(prng, built)
            project_records.append(
                _record(
                    options, region, org, department, year, "project", built, prng, scope=f"p{p}", index=p
                )
            )
        if key_project is None:
            key_project = _virtual_key_project(rng, profile, org, region, cash)
        tasks = []
        for plan, keys in profile.tasks:
            values = year_values(rng, profile.sector, keys, profile.last, "d", year)
            tasks.append(
                TaskValues(
                    plan,
                    values,
                    [profile.in_name[key] for key in keys],
                    [profile.styles[key] for key in keys],
                )
            )
        built = department_form(
            rng,
            name=org.name,
            short=org.short or "本单位",
            sector=profile.sector,
            year=year,
            summary=False,
            cash=cash,
            tasks=tasks,
            key_project=key_project,
            seed=options.seed,
        )
        claim_tasks: set[int] = set()
        if options.mistakes:
            indicator_mistakes(rng, built)
            claim_tasks = department_claims(rng, built)
        finish_department(rng, built, claim_tasks=claim_tasks)
        if options.mistakes:
            claimed_findings(built, claim_tasks)
            department_mistakes(rng, built)
        role = "department" if org.kind == "department" else "unit"
        yield _record(options, region, org, department, year, role, built, rng, scope="d", index=0)
        yield from project_records


def _record(
    options: Options,
    region: Region,
    org: Org,
    department: Org,
    year: int,
    role: str,
    built: Built,
    rng: random.Random,
    *,
    scope: str,
    index: int,
) -> Record:
    if options.validate:
        Form.model_validate(built.data)
    expected = {tuple(finding) for planted in built.planted for finding in planted["findings"]}
    expected |= {("indicators.ambition", item.path) for item in built.items if item.notice}
    metrics = {item.path: f"{org.uscc}/{scope}/{_key(item)}" for item in built.items}
    continuity = [
        {
            "path": item.path,
            "metric": metrics[item.path],
            "change": item.value.change,
            "target": _plain(item.value.target),
            "actual": _plain(item.value.actual),
            "previous_target": _plain(item.value.previous_target),
            "previous_actual": _plain(item.value.previous_actual),
        }
        for item in built.items
        if item.value.change is not None
    ]
    spot = None
    if (
        role == "project"
        and built.data["total_score"] is not None
        and rng.randrange(1000) < dist.SPOT_CHECKED
    ):
        own = Decimal(built.data["total_score"])
        far = rng.randrange(1000) < dist.SPOT_CHECK_FAR
        gap = Decimal(rng.randint(600, 2500) if far else rng.randint(0, 500)) / 100
        reviewer = max(Decimal(0), own - gap) if rng.randrange(4) else min(Decimal(100), own + gap)
        spot = {"reviewer_score": text(reviewer), "self_score": text(own), "far": abs(reviewer - own) > 5}
    kind = {"department": "D", "unit": "D", "project": "P"}[role]
    return Record(
        id=f"{region.code}-{year}-{org.uscc}-{kind}{index}",
        region=region.code,
        year=year,
        org=org.uscc,
        org_name=org.name,
        department=department.uscc,
        role=role,
        scheme=region.scheme,
        form=built.data,
        planted=built.planted,
        expected=sorted([list(finding) for finding in expected]),
        continuity=continuity,
        metrics=metrics,
        spot_check=spot,
    )


def _key(item: Any) -> str:
    return str(item.metric.key)


def _plain(value: Decimal | str | None) -> str | None:
    if value is None:
        return None
    return format(value, "f") if isinstance(value, Decimal) else value


def records(options: Options, regions: list[Region] | None = None) -> Iterator[tuple[Region, Record]]:
    """Yield every form of every region (region by region, organisation by organisation)."""
    for region in regions if regions is not None else build_regions(options):
        for department in region.departments:
            yield from ((region, record) for record in org_forms(options, region, department, department))
            for unit in region.children(department):
                yield from ((region, record) for record in org_forms(options, region, unit, department))


__all__ = ["DEMO_SEED", "MET", "Options", "Record", "build_regions", "demo_options", "records"]
