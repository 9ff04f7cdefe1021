"""Reads for scoring and comparisons: the scheme of a region's year, a form's computed score beside the
reported one, and the comparison lists. Everything is computed by ``jixiao.core`` from the stored forms
and the scheme in force, so a change of scheme shows at once (no score is stored)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet

from jixiao.core import compare_years
from jixiao.core import form as core
from jixiao.core.report import Report, check
from jixiao.core.scoring import DEFAULT_SCHEME, FormScore, Scheme, SpotCheck, score_form, spot_check
from jixiao.web.accounts import policy
from jixiao.web.accounts.models import User
from jixiao.web.audit.models import AuditEntry
from jixiao.web.forms import convert
from jixiao.web.forms.models import Form
from jixiao.web.orgs.models import EvaluationYear, Organisation, Region
from jixiao.web.scoring.models import ScoringScheme


def scheme_label(region: Region, year: int) -> str:
    """Return how the audit log names a region's scheme for a year."""
    return f"{region.name} {year} 年度评分方案"


def stored_scheme(region: Region | None, year: int) -> ScoringScheme | None:
    if region is None:
        return None
    return ScoringScheme.objects.filter(region=region, year=year).first()


def scheme_for(region: Region | None, year: int) -> Scheme:
    """Return the scheme in force for the region's year: the one finance set, else the default."""
    stored = stored_scheme(region, year)
    return stored.scheme if stored is not None else DEFAULT_SCHEME


_FIELD_LABELS = {
    "name": "方案名称",
    "execution_weight": "预算执行率分值",
    "tolerance": "容差",
    "spot_check_gap": "复核分差",
    "printed_weights": "表中印有指标分值时",
    "default_category": "未能归类的指标归入",
}
_PRINTED_WORDS = {"form": "按表中印的分值计分", "scheme": "按本方案各类分值折算"}
_PATH = re.compile(r"^(categories|grades)\[(\d+)\]\.(\w+)")


def _change_label(path: str, entry: AuditEntry) -> str:
    """Return a changed field of a scheme in Chinese: 产出指标分值, 等级“优”最低分 …"""
    if path in _FIELD_LABELS:
        return _FIELD_LABELS[path]
    found = _PATH.match(path)
    if found is None:
        return "指标类别设置"
    group, index, leaf = found.group(1), found.group(2), found.group(3)
    label = entry.after.get(f"{group}[{index}].label") or entry.before.get(f"{group}[{index}].label") or ""
    if group == "grades":
        return f"等级“{label}”最低分" if leaf == "minimum" else "等级名称"
    if leaf == "weight":
        return f"{label or '指标类别'}分值"
    return "指标类别设置"


def _shown(path: str, value: Any) -> str:
    if value is None:
        return "(无)"
    if path == "printed_weights":
        return _PRINTED_WORDS.get(str(value), str(value))
    return str(value)


def scheme_history(region: Region, year: int) -> list[dict[str, Any]]:
    """Return the changes to the region's scheme for the year, newest first, each field in Chinese."""
    entries = AuditEntry.objects.filter(action=AuditEntry.SCHEME, comment=scheme_label(region, year))
    history = []
    for entry in entries.order_by("-at", "-id"):
        paths = sorted(set(entry.before) | set(entry.after))
        changes = [
            {
                "label": _change_label(path, entry),
                "before": _shown(path, entry.before.get(path)),
                "after": _shown(path, entry.after.get(path)),
            }
            for path in paths
            if not path.endswith((".label", ".key")) and "keywords" not in path
        ]
        history.append({"entry": entry, "changes": changes})
    return history


def scheme_years(region: Region, today_year: int) -> list[int]:
    """Return the years a scheme can be set for: the region's evaluation years and this one."""
    years = set(EvaluationYear.objects.filter(region=region).values_list("year", flat=True))
    years.add(today_year)
    return sorted(years, reverse=True)


# --- a form's score ------------------------------------------------------------------------------


@dataclass(frozen=True)
class FormScoring:
    """A form's score under its region's scheme, and finance's 抽查复核 beside the self-score."""

    scheme: Scheme
    score: FormScore
    self_score: Decimal  # the score the form reports, else the computed one
    self_from: str  # "自评得分" (the form's total) or "计算得分" (the form reports none)
    spot: SpotCheck | None


def form_scoring(form: Form, data: core.Form, report: Report | None = None) -> FormScoring:
    """Return the form's computed score (with every line explained) and the spot-check comparison."""
    scheme = scheme_for(form.organisation.region, form.year)
    score = score_form(data, scheme, evaluations=report.evaluations if report is not None else None)
    if data.total_score is not None:
        self_score, self_from = data.total_score, "自评得分"
    else:
        self_score, self_from = score.total, "计算得分"
    spot = None
    if form.spot_check_score is not None:
        spot = spot_check(self_score, form.spot_check_score, scheme, self_label=self_from)
    return FormScoring(scheme, score, self_score, self_from, spot)


def grade_counts(region: Region, year: int, scheme: Scheme) -> list[tuple[str, int]]:
    """Return how many of the region's forms of the year fall in each grade under ``scheme``."""
    forms = convert.prefetched(Form.objects.filter(organisation__region=region, year=year, rollup=False))
    counts = Counter(score_form(convert.to_core(form), scheme).grade for form in forms)
    return [(band.label, counts.get(band.label, 0)) for band in scheme.grades]


# --- comparisons ----------------------------------------------------------------------------------

COMPARISONS = {
    "below": "目标低于上年实际完成值",
    "copied": "目标照抄上年",
    "low-execution": "称指标均已完成而执行率低于80%",
    "peers": "与本部门其他单位比较得分",
}


def can_compare(user: Any) -> bool:
    """Finance, department reviewers and administrators see the comparison lists; fillers do not."""
    return bool(
        user.is_authenticated
        and (
            user.is_superuser
            or user.role in (User.FINANCE_REVIEWER, User.DEPARTMENT_REVIEWER, User.ADMINISTRATOR)
        )
    )


def _forms(user: Any, year: int) -> QuerySet[Form]:
    return convert.prefetched(
        policy.visible_forms(user)
        .filter(year=year, rollup=False)
        .order_by("organisation__name", "kind", "id")
    )


def _same_form_key(form: Form) -> tuple[int, str, str]:
    return (form.organisation_id, form.kind, (form.project or "").strip())


@dataclass(frozen=True)
class YearRow:
    form: Form
    previous: Form
    pairs: list[compare_years.YearPair]


def _year_pairs(user: Any, year: int) -> Iterable[tuple[Form, core.Form, Form, core.Form]]:
    current = list(_forms(user, year))
    earlier = {_same_form_key(f): f for f in _forms(user, year - 1)}
    for form in current:
        previous = earlier.get(_same_form_key(form))
        if previous is not None:
            yield form, convert.to_core(form), previous, convert.to_core(previous)


def below_last_actual(user: Any, year: int) -> list[YearRow]:
    return _year_rows(user, year, compare_years.targets_below_last_actual)


def copied(user: Any, year: int) -> list[YearRow]:
    return _year_rows(user, year, compare_years.copied_targets)


def _year_rows(
    user: Any, year: int, compare: Callable[[core.Form, core.Form], list[compare_years.YearPair]]
) -> list[YearRow]:
    """The forms for which `compare` (this year's form, last year's) finds something, most first."""
    rows = []
    for form, data, previous, old in _year_pairs(user, year):
        found = compare(data, old)
        if found:
            rows.append(YearRow(form, previous, found))
    return _most_first(rows)


def _most_first(rows: list[YearRow]) -> list[YearRow]:
    """The forms with the most such indicators first (then by organisation, as listed)."""
    return sorted(rows, key=lambda row: -len(row.pairs))


@dataclass(frozen=True)
class LowRow:
    form: Form
    found: compare_years.LowExecution


def low_execution(user: Any, year: int) -> list[LowRow]:
    rows = []
    for form in _forms(user, year):
        data = convert.to_core(form)
        found = compare_years.all_met_low_execution(data, check(data).evaluations)
        if found is not None:
            rows.append(LowRow(form, found))
    return rows


@dataclass(frozen=True)
class PeerRow:
    form: Form
    score: FormScore
    rank: compare_years.PeerRank


def peer_departments(user: Any) -> list[Organisation]:
    """Return the departments whose units the user may compare (finance and admin: every one)."""
    visible = policy.visible_organisations(user).filter(kind=Organisation.DEPARTMENT)
    return list(visible.order_by("name"))


def peers(department: Organisation, year: int) -> list[PeerRow]:
    """Return the department's own form and its units' forms, scored and ranked, best first."""
    forms = convert.prefetched(
        Form.objects.filter(
            organisation__in=[department, *department.children.all()],
            year=year,
            kind="department",
            rollup=False,
        )
    )
    scheme = scheme_for(department.region, year)
    scored = {form.pk: (form, score_form(convert.to_core(form), scheme)) for form in forms}
    ranks = compare_years.peer_ranks({pk: score.total for pk, (_, score) in scored.items()})
    rows = [PeerRow(form, score, ranks[pk]) for pk, (form, score) in scored.items()]
    return sorted(rows, key=lambda row: (row.rank.rank, row.form.organisation.name))


def latest_year(user: Any) -> int | None:
    years = sorted(set(policy.visible_forms(user).values_list("year", flat=True)), reverse=True)
    return years[0] if years else None


def compare_years_of(user: Any) -> list[int]:
    return sorted(set(policy.visible_forms(user).values_list("year", flat=True)), reverse=True)
