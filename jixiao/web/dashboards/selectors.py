"""The dashboards' questions, answered with aggregate SQL on the facts tables.

A ``Scope`` is what one person looks at: a region's year grouped by department (finance), one
department's year grouped by its units (a department reviewer), or one department over the years.
Each function returns a ``Chart``: its categories (departments, units or years), its series and, for
every bar, the link to the filtered list of forms (the drill-down), plus the table of the same numbers
(shown beside the chart and downloaded as XLSX). Sums come from the database; rates are divided here
in Decimal and rounded once, half up. The 汇总 forms the workflow builds are left out (their units'
own forms are counted), and only forms sent for review count, except in the submission progress.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from django.db.models import Count, Q, QuerySet, Sum
from django.urls import reverse
from django.utils import timezone

from jixiao.core import wording
from jixiao.core.numbers import quantize2
from jixiao.core.scoring import DEFAULT_SCHEME
from jixiao.web.dashboards.models import FindingFact, FormFact, IndicatorFact
from jixiao.web.forms.models import Form
from jixiao.web.orgs.models import Organisation, Region
from jixiao.web.workflow.selectors import deadlines

HUNDRED = Decimal(100)
# Forms sent for review (提交 and every state after it): what the figures of a year are made of.
SENT = (
    Form.SUBMITTED,
    Form.DEPARTMENT_APPROVED,
    Form.FINANCE_REVIEW,
    Form.FINANCE_APPROVED,
    Form.PUBLISHED,
)
EXECUTION_LINE = Decimal(90)
GRADES = tuple(band.label for band in DEFAULT_SCHEME.grades)
VERDICTS = ("met", "not_met", "unverifiable")
PROGRESS = {
    "on_time": "按期提交",
    "late": "逾期提交",
    "open": "未提交(草稿或退回)",
    "missing": "未填报",
}


@dataclass(frozen=True)
class Scope:
    """Whose forms, which year(s), grouped by what."""

    region: Region
    year: int | None  # None: every year (one department's years side by side)
    department: Organisation | None = None  # a department reviewer's own, or the department page
    group: str = "department"  # "department", "unit" or "year"

    def facts(self) -> QuerySet[FormFact]:
        found = FormFact.objects.filter(region=self.region, rollup=False)
        if self.year is not None:
            found = found.filter(year=self.year)
        if self.department is not None:
            found = found.filter(department=self.department)
        return found

    def of(self, model: type[Any]) -> QuerySet[Any]:
        found = model.objects.filter(region=self.region, rollup=False)
        if self.year is not None:
            found = found.filter(year=self.year)
        if self.department is not None:
            found = found.filter(department=self.department)
        return found

    @property
    def key(self) -> str:
        return {"department": "department_id", "unit": "unit_id", "year": "year"}[self.group]

    def filters(self, value: Any) -> dict[str, Any]:
        """Return the list filters that select one category (and the scope itself)."""
        found: dict[str, Any] = {}
        if self.year is not None:
            found["year"] = self.year
        if self.department is not None:
            found["department"] = self.department.pk
        found[{"department": "department", "unit": "unit", "year": "year"}[self.group]] = value
        return found


@dataclass
class Series:
    name: str
    values: list[Any]
    links: list[str | None]
    key: str = ""


@dataclass
class Chart:
    """A chart and its table: the same numbers, the table with the sums the rates come from."""

    key: str
    title: str
    description: str
    unit: str
    categories: list[str]
    series: list[Series]
    columns: list[str]
    rows: list[list[Any]]
    row_links: list[str | None] = field(default_factory=list)
    stacked: bool = False
    mark: Decimal | None = None
    empty: bool = False
    empty_text: str = "该年度还没有已提交的自评表。"
    by_year: bool = False

    @property
    def table(self) -> list[tuple[str | None, Any, list[Any]]]:
        """The rows for the page: the link of the first cell, the first cell, the other cells."""
        return [
            (self.row_links[i] if i < len(self.row_links) else None, row[0], row[1:])
            for i, row in enumerate(self.rows)
        ]

    @property
    def height(self) -> int:
        """Pixels for the chart: horizontal bars get room for every name."""
        if self.by_year:
            return 320
        return max(220, 30 * len(self.categories) + 100)

    def to_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "title": self.title,
            "unit": self.unit,
            "stacked": self.stacked,
            "mark": None if self.mark is None else str(self.mark),
            "horizontal": not self.by_year,
            "rowLinks": self.row_links,
            "categories": self.categories,
            "series": [
                {
                    "name": s.name,
                    "key": s.key,
                    "values": [None if v is None else str(v) for v in s.values],
                    "links": s.links,
                }
                for s in self.series
            ],
        }


def forms_link(**filters: Any) -> str:
    return reverse("dashboards:forms") + "?" + urlencode({k: v for k, v in filters.items() if v is not None})


def _names(scope: Scope, keys: list[Any]) -> dict[Any, str]:
    if scope.group == "year":
        return {k: f"{k}年度" for k in keys}
    found = dict(
        Organisation.objects.filter(pk__in=[k for k in keys if k is not None]).values_list("pk", "name")
    )
    return {k: found.get(k, "(未归属部门)") for k in keys}


def _categories(scope: Scope) -> list[Any]:
    """Every category of the scope, with or without forms (a department that sent nothing is shown)."""
    if scope.group == "year":
        return sorted(set(scope.facts().values_list("year", flat=True)))
    if scope.group == "unit" and scope.department is not None:
        units = Organisation.objects.filter(Q(pk=scope.department.pk) | Q(parent=scope.department))
        return list(units.order_by("kind", "name").values_list("pk", flat=True))
    departments = Organisation.objects.filter(region=scope.region, kind=Organisation.DEPARTMENT)
    return list(departments.order_by("name").values_list("pk", flat=True))


def _rate(part: Decimal | None, whole: Decimal | None) -> Decimal | None:
    if part is None or not whole:
        return None
    return quantize2(part * HUNDRED / whole)


def _short(name: str, region: Region) -> str:
    """A label for an axis: the region's prefix left out (广州市天河区教育局 → 教育局)."""
    at = name.find(region.name)
    if 0 <= at <= 4 and len(name) > at + len(region.name):
        return name[at + len(region.name) :]
    return name


def _rate_chart(
    scope: Scope,
    rows: Any,
    rate_of: Callable[[dict[str, Any]], Decimal | None],
    *,
    key: str,
    title: str,
    description: str,
    columns: list[str],
    amounts: tuple[str, str],
    mark: Decimal | None = None,
) -> Chart:
    """A rate per category of the sent 部门整体 forms (highest first; by year: in year order), its table
    (name, forms, the two ``amounts`` summed, rate) and each category's link to those forms."""
    found = {row[scope.key]: row for row in rows}
    names = _names(scope, list(found))
    items = [(k, row, rate_of(row)) for k, row in found.items()]
    if scope.group == "year":
        items.sort(key=lambda item: item[0])
    else:
        items.sort(key=lambda item: (item[2] is None, -(item[2] or 0), names[item[0]]))
    links = [forms_link(**scope.filters(k), kind="department", sent=1) for k, _, _ in items]
    return Chart(
        key=key,
        title=title,
        description=description,
        unit="%",
        categories=[_short(names[k], scope.region) for k, _, _ in items],
        series=[Series(title, [rate for _, _, rate in items], links, key="rate")],
        columns=columns,
        rows=[[names[k], r["forms"], *(quantize2(r[a]) for a in amounts), rate] for k, r, rate in items],
        row_links=links,
        mark=mark,
        empty=not items,
        by_year=scope.group == "year",
    )


def execution(scope: Scope) -> Chart:
    """预算执行率 by category: Σ全年执行数 ÷ Σ全年预算数 of the 部门整体 forms, highest first."""
    rows = (
        scope.facts()
        .filter(status__in=SENT, kind="department", adjusted_budget__isnull=False, actual__isnull=False)
        .values(scope.key)
        .annotate(budget=Sum("adjusted_budget"), actual=Sum("actual"), forms=Count("pk"))
    )
    return _rate_chart(
        scope,
        rows,
        lambda r: _rate(r["actual"], r["budget"]),
        key="execution",
        title="预算执行率",
        description="全年执行数合计 ÷ 全年预算数合计(部门整体支出绩效自评表),红线为 90%。",
        columns=["名称", "自评表数", "全年预算数(万元)", "全年执行数(万元)", "预算执行率(%)"],
        amounts=("budget", "actual"),
        mark=EXECUTION_LINE,
    )


def adjustment(scope: Scope) -> Chart:
    """预算调整率 by category: (Σ全年预算数 − Σ年初预算数) ÷ Σ年初预算数; positive is 调增."""
    rows = (
        scope.facts()
        .filter(
            status__in=SENT, kind="department", adjusted_budget__isnull=False, initial_budget__isnull=False
        )
        .values(scope.key)
        .annotate(initial=Sum("initial_budget"), adjusted=Sum("adjusted_budget"), forms=Count("pk"))
    )
    return _rate_chart(
        scope,
        rows,
        lambda r: _rate(r["adjusted"] - r["initial"], r["initial"]),
        key="adjustment",
        title="预算调整率",
        description="(全年预算数合计 − 年初预算数合计)÷ 年初预算数合计;正数为调增,负数为调减。",
        columns=["名称", "自评表数", "年初预算数(万元)", "全年预算数(万元)", "预算调整率(%)"],
        amounts=("initial", "adjusted"),
    )


def _stacked(
    scope: Scope,
    counts: dict[Any, dict[str, int]],
    choices: tuple[str, ...],
    param: str,
    label: Callable[[str], str],
) -> tuple[list[Any], dict[Any, str], list[Series]]:
    """The categories that have counts (in the scope's order, then any others), their names, and one
    series a choice (a verdict, a grade) whose bars link to the forms with it (``param``=choice)."""
    keys = sorted(counts) if scope.group == "year" else [k for k in _categories(scope) if k in counts]
    keys += [k for k in counts if k not in keys]
    series = [
        Series(
            label(c),
            [counts[k].get(c, 0) for k in keys],
            [forms_link(**scope.filters(k), **{param: c}, sent=1) for k in keys],
            key=c,
        )
        for c in choices
    ]
    return keys, _names(scope, keys), series


def verdicts(scope: Scope) -> Chart:
    """指标核验结论 by category: how many indicators are met, not met, unverifiable (all forms sent)."""
    rows = (
        scope.of(IndicatorFact)
        .filter(status__in=SENT, verdict__in=VERDICTS)
        .values(scope.key, "verdict")
        .annotate(n=Count("pk"))
    )
    counts: dict[Any, dict[str, int]] = {}
    for row in rows:
        counts.setdefault(row[scope.key], {})[row["verdict"]] = row["n"]
    keys, names, series = _stacked(scope, counts, VERDICTS, "verdict", lambda v: wording.VERDICTS[v])
    table = []
    for k in keys:
        total = sum(counts[k].values())
        table.append(
            [
                names[k],
                total,
                *[counts[k].get(v, 0) for v in VERDICTS],
                _rate(Decimal(counts[k].get("met", 0)), Decimal(total)),
            ]
        )
    return Chart(
        key="verdicts",
        title="指标核验结论",
        description="各单位自评表中绩效指标的核验结论(已达成、未达成、无法核验)个数。",
        unit="个",
        categories=[_short(names[k], scope.region) for k in keys],
        series=series,
        columns=["名称", "指标数", *[wording.VERDICTS[v] for v in VERDICTS], "达成率(%)"],
        rows=table,
        row_links=[forms_link(**scope.filters(k), sent=1) for k in keys],
        stacked=True,
        empty=not keys,
        by_year=scope.group == "year",
    )


def findings(scope: Scope) -> Chart:
    """检查发现 by kind (arithmetic, completeness …), by severity, with how many forms have them."""
    rows = scope.of(FindingFact).filter(status__in=SENT).values("family", "severity").annotate(n=Sum("count"))
    counts: dict[str, dict[str, int]] = {}
    for row in rows:
        counts.setdefault(row["family"], {})[row["severity"]] = row["n"]
    forms_by_family = dict(
        scope.of(FindingFact)
        .filter(status__in=SENT)
        .values("family")
        .annotate(f=Count("fact", distinct=True))
        .values_list("family", "f")
    )
    families = sorted(counts, key=lambda f: (-sum(counts[f].values()), f))
    base = {"year": scope.year} if scope.year is not None else {}
    if scope.department is not None:
        base["department"] = scope.department.pk
    series = [
        Series(
            wording.SEVERITIES[sev],
            [counts[f].get(sev, 0) for f in families],
            [forms_link(**base, finding=f, severity=sev, sent=1) for f in families],
            key=sev,
        )
        for sev in ("error", "warning", "info")
    ]

    def label(family: str) -> str:
        return wording.FINDING_KINDS.get(family, family)

    return Chart(
        key="findings",
        title="检查发现(按类别)",
        description="已报送的自评表中检查发现的个数,按类别和严重程度。",
        unit="个",
        categories=[label(f) for f in families],
        series=series,
        columns=["类别", "涉及自评表数", "错误", "警告", "提示", "合计"],
        rows=[
            [
                label(f),
                forms_by_family.get(f, 0),
                *[counts[f].get(s, 0) for s in ("error", "warning", "info")],
                sum(counts[f].values()),
            ]
            for f in families
        ],
        row_links=[forms_link(**base, finding=f, sent=1) for f in families],
        stacked=True,
        empty=not families,
        empty_text="已报送的自评表没有检查发现。",
    )


def grades(scope: Scope) -> Chart:
    """得分与等级 by category: forms per grade (computed, default scheme) and the average score."""
    rows = (
        scope.facts()
        .filter(status__in=SENT, score__isnull=False)
        .values(scope.key, "grade")
        .annotate(n=Count("pk"), total=Sum("score"))
    )
    counts: dict[Any, dict[str, int]] = {}
    sums: dict[Any, Decimal] = {}
    for row in rows:
        counts.setdefault(row[scope.key], {})[row["grade"]] = row["n"]
        sums[row[scope.key]] = sums.get(row[scope.key], Decimal(0)) + row["total"]
    keys, names, series = _stacked(scope, counts, GRADES, "grade", str)
    table = []
    for k in keys:
        n = sum(counts[k].values())
        table.append([names[k], n, *[counts[k].get(g, 0) for g in GRADES], quantize2(sums[k] / n)])
    return Chart(
        key="grades",
        title="得分与等级分布",
        description="按默认评分方案(财预〔2020〕10号:10/50/30/10)计算的得分与等级,自评表张数。",
        unit="张",
        categories=[_short(names[k], scope.region) for k in keys],
        series=series,
        columns=["名称", "自评表数", *GRADES, "平均得分"],
        rows=table,
        row_links=[forms_link(**scope.filters(k), sent=1) for k in keys],
        stacked=True,
        empty=not keys,
        by_year=scope.group == "year",
    )


def _day_after(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time()))


def progress(scope: Scope) -> Chart:
    """报送进度 against the deadline: per category, organisations on time, late, not yet, not started."""
    assert scope.year is not None
    deadline, _ = deadlines(scope.region, scope.year)
    facts = scope.facts().filter(kind="department")
    if deadline is not None:
        cutoff = _day_after(deadline)
        on_time = Q(status__in=SENT, submitted_at__lt=cutoff) | Q(status__in=SENT, submitted_at__isnull=True)
        late = Q(status__in=SENT, submitted_at__gte=cutoff)
    else:
        on_time, late = Q(status__in=SENT), Q(pk__in=[])
    rows = facts.values(scope.key).annotate(
        on_time=Count("pk", filter=on_time),
        late=Count("pk", filter=late),
        open=Count("pk", filter=~Q(status__in=SENT)),
    )
    found = {row[scope.key]: row for row in rows}
    filed = set(facts.values_list("unit_id", flat=True))
    if scope.department is not None:
        members = Organisation.objects.filter(Q(pk=scope.department.pk) | Q(parent=scope.department))
    else:
        members = Organisation.objects.filter(
            region=scope.region, kind__in=[Organisation.DEPARTMENT, Organisation.UNIT]
        )
    missing: dict[Any, int] = {}
    for pk, kind, parent in members.values_list("pk", "kind", "parent_id"):
        if pk in filed:
            continue
        key = pk if scope.group == "unit" else (pk if kind == Organisation.DEPARTMENT else parent)
        missing[key] = missing.get(key, 0) + 1
    keys = [k for k in _categories(scope) if k in found or k in missing]
    names = _names(scope, keys)
    values = {
        "on_time": [found.get(k, {}).get("on_time", 0) for k in keys],
        "late": [found.get(k, {}).get("late", 0) for k in keys],
        "open": [found.get(k, {}).get("open", 0) for k in keys],
        "missing": [missing.get(k, 0) for k in keys],
    }
    series = [
        Series(label, values[p], [forms_link(**scope.filters(k), progress=p) for k in keys], key=p)
        for p, label in PROGRESS.items()
    ]
    return Chart(
        key="progress",
        title="报送进度",
        description=(
            f"各单位部门整体支出绩效自评表的报送情况,截止日期 {deadline:%Y-%m-%d}。"
            if deadline is not None
            else "各单位部门整体支出绩效自评表的报送情况(该年度未设截止日期)。"
        ),
        unit="个单位",
        categories=[_short(names[k], scope.region) for k in keys],
        series=series,
        columns=["名称", *PROGRESS.values()],
        rows=[[names[k], *[values[p][i] for p in PROGRESS]] for i, k in enumerate(keys)],
        row_links=[forms_link(**scope.filters(k)) for k in keys],
        stacked=True,
        empty=not keys,
        by_year=scope.group == "year",
    )


def deadline_note(scope: Scope) -> str:
    """Say where today stands against the year's deadline (unit level)."""
    assert scope.year is not None
    deadline, _ = deadlines(scope.region, scope.year)
    if deadline is None:
        return "该年度未设报送截止日期。"
    days = (deadline - timezone.localdate()).days
    if days > 0:
        return f"报送截止日期 {deadline:%Y-%m-%d},还有 {days} 天。"
    if days == 0:
        return f"今天({deadline:%Y-%m-%d})是报送截止日期。"
    return f"报送截止日期 {deadline:%Y-%m-%d},已过 {-days} 天。"


YEAR_CHARTS = (execution, adjustment, verdicts, findings, grades, progress)
HISTORY_CHARTS = (execution, adjustment, verdicts, grades)
CHARTS = {fn.__name__: fn for fn in YEAR_CHARTS}


def years(region: Region, department: Organisation | None = None) -> list[int]:
    """Return the years with facts (or an evaluation year) in the region, newest first."""
    found = FormFact.objects.filter(region=region)
    if department is not None:
        found = found.filter(department=department)
    known = set(found.values_list("year", flat=True).distinct())
    known |= set(region.years.values_list("year", flat=True))
    return sorted(known, reverse=True)


def latest_year(region: Region, department: Organisation | None = None) -> int | None:
    """Return the latest year with a form sent for review, else the latest year known."""
    found = FormFact.objects.filter(region=region, status__in=SENT, rollup=False)
    if department is not None:
        found = found.filter(department=department)
    latest = found.order_by("-year").values_list("year", flat=True).first()
    if latest is not None:
        return int(latest)
    known = years(region, department)
    return known[0] if known else None


def sent_count(scope: Scope) -> int:
    return scope.facts().filter(status__in=SENT).count()


# --- the drill-down list -------------------------------------------------------------------------

LIST_COLUMNS = [
    "单位",
    "主管部门",
    "年度",
    "表式",
    "状态",
    "提交时间",
    "预算执行率(%)",
    "预算调整率(%)",
    "得分",
    "等级",
    "已达成",
    "未达成",
    "无法核验",
    "错误",
    "警告",
]


_DIGITS = re.compile(r"[0-9]{1,9}")


def int_param(text: str | None) -> int | None:
    """Return a whole number from a query string, or None ("²", "x" and "" are None)."""
    return int(text) if text and _DIGITS.fullmatch(text) else None


def filtered(base: QuerySet[FormFact], params: Any, region: Region) -> tuple[QuerySet[FormFact], list[str]]:
    """Apply the list's query parameters to the facts; return them and the filters in words."""
    said: list[str] = []
    found = base.filter(rollup=False)
    if (year := int_param(params.get("year"))) is not None:
        found = found.filter(year=year)
        said.append(f"{year}年度")
    for name in ("department", "unit"):
        if (pk := int_param(params.get(name))) is not None:
            found = found.filter(**{f"{name}_id": pk})
            org = Organisation.objects.filter(pk=pk, region=region).first()
            said.append(org.name if org else "(无此单位)")
    if params.get("kind") in wording.KINDS:
        found = found.filter(kind=params["kind"])
        said.append(wording.KINDS[params["kind"]])
    if params.get("sent") == "1":
        found = found.filter(status__in=SENT)
        said.append("已报送")
    if params.get("status") in wording.STATUSES:
        found = found.filter(status=params["status"])
        said.append(wording.STATUSES[params["status"]])
    if params.get("grade") in GRADES:
        found = found.filter(grade=params["grade"])
        said.append(f"等级“{params['grade']}”")
    verdict = params.get("verdict")
    if verdict in VERDICTS:
        found = found.filter(**{f"{verdict}__gt": 0})
        said.append(f"有“{wording.VERDICTS[verdict]}”的指标")
    finding = params.get("finding")
    if finding in wording.FINDING_KINDS:
        which = FindingFact.objects.filter(family=finding)
        severity = params.get("severity")
        if severity in wording.SEVERITIES:
            which = which.filter(severity=severity)
            said.append(f"有“{wording.FINDING_KINDS[finding]}”类{wording.SEVERITIES[severity]}")
        else:
            said.append(f"有“{wording.FINDING_KINDS[finding]}”类检查发现")
        found = found.filter(pk__in=which.values("fact_id"))
    step = params.get("progress")
    if step in PROGRESS:
        said.append(PROGRESS[step])
        found = found.filter(kind="department")
        deadline = deadlines(region, year)[0] if year is not None else None
        if step == "open":
            found = found.exclude(status__in=SENT)
        elif step == "missing":
            found = found.none()
        elif deadline is None:
            found = found.filter(status__in=SENT) if step == "on_time" else found.none()
        else:
            cutoff = _day_after(deadline)
            if step == "late":
                found = found.filter(status__in=SENT, submitted_at__gte=cutoff)
            else:
                found = found.filter(
                    Q(submitted_at__lt=cutoff) | Q(submitted_at__isnull=True), status__in=SENT
                )
    return found, said


def list_rows(facts: QuerySet[FormFact]) -> QuerySet[FormFact]:
    return facts.select_related("unit", "department").order_by(
        "-year", "department__name", "unit__name", "kind", "pk"
    )


def list_row(fact: FormFact) -> list[Any]:
    return [
        fact.unit.name,
        fact.department.name if fact.department else "",
        fact.year,
        wording.KINDS.get(fact.kind, fact.kind),
        wording.STATUSES.get(fact.status, fact.status),
        timezone.localtime(fact.submitted_at).strftime("%Y-%m-%d %H:%M") if fact.submitted_at else "",
        fact.execution_rate,
        fact.adjustment_rate,
        fact.score,
        fact.grade,
        fact.met,
        fact.not_met,
        fact.unverifiable,
        fact.errors,
        fact.warnings,
    ]


def missing_organisations(
    region: Region,
    year: int | None,
    department: Organisation | None,
    unit: int | None,
    dept_filter: int | None,
) -> list[Organisation]:
    """The organisations of the scope without a 部门整体 form in the year (the list of 未填报)."""
    if year is None:
        return []
    members = Organisation.objects.filter(
        region=region, kind__in=[Organisation.DEPARTMENT, Organisation.UNIT]
    )
    if department is not None:
        members = members.filter(Q(pk=department.pk) | Q(parent=department))
    if dept_filter is not None:
        members = members.filter(Q(pk=dept_filter) | Q(parent_id=dept_filter))
    if unit is not None:
        members = members.filter(pk=unit)
    filed = Form.objects.filter(year=year, kind="department", rollup=False).values("organisation_id")
    return list(members.exclude(pk__in=filed).select_related("parent").order_by("parent__name", "name"))
