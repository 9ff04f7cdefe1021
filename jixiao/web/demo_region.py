"""The demo region's organisations and three years of forms, drawn by ``jixiao.synth`` and stored through
the real services, so that every screen, queue, audit log and the portal's search work on them.

天河区 as ``jixiao.synth`` builds it (its 43 first-level departments and their units) with one
department-wide form per organisation and year for the two years before this one and this one
(and the project forms of the departments without units). The forms move through the workflow by
``jixiao.web.workflow.services`` (提交, 退回, 部门审核, 汇总, 财政审核, 抽查复核, 公开), each step taken
by a person who may take it: the demo users for their own organisations, and for every other
organisation a staff account that cannot log in (``演示用``). The years before this one are back-dated
(submitted before the deadline, published after it); this year is in every state.

Which form is in which state is decided by the department's place in the list, so the same seed
gives the same demo. A form that has to pass a step its errors would block (提交) is the clean
version of the same synthetic form (``Options(mistakes=False)``); the drafts keep their mistakes.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from unittest import mock

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from jixiao.core import form as core
from jixiao.core.report import check
from jixiao.core.scoring import DEFAULT_SCHEME, score_form
from jixiao.synth.generate import Record, build_regions, demo_options, records
from jixiao.synth.orgs import Org
from jixiao.synth.orgs import Region as SynthRegion
from jixiao.web.accounts.models import User
from jixiao.web.audit.models import AuditEntry
from jixiao.web.forms import convert
from jixiao.web.forms import services as form_services
from jixiao.web.forms.models import Form
from jixiao.web.orgs.models import Organisation, Region
from jixiao.web.orgs.services import evaluation_year_ensure
from jixiao.web.workflow import services as flow

EXPLANATION = "经核实,所填数据与单位财务决算和业务台账一致,情况属实。"
RETURN_COMMENT = "请按检查提示核对并补充以下内容后重新提交。"

# This year's state of each department's forms, by the department's place in the list (after the
# bureau and 教育局, which have their own): its units' forms and its own (or its 汇总).
PHASES = (
    "draft",
    "submitted",
    "returned",
    "department_approved",
    "summary",
    "finance_approved",
    "published",
)
# Last year: most departments published, a few still with finance.
LAST_YEAR_PHASES = ("published",) * 5 + ("summary", "finance_approved")


def demo_years(today: datetime.date) -> tuple[int, int, int]:
    """Return the demo's three years: the two before this one and this one."""
    return today.year - 2, today.year - 1, today.year


def deadline_of(year: int) -> datetime.date:
    """Return the reporting deadline of a year's self-evaluation: 30 April of the following year."""
    return datetime.date(year + 1, 4, 30)


@dataclass
class Loaded:
    departments: int = 0
    units: int = 0
    forms: int = 0
    states: dict[str, int] = field(default_factory=dict)


# --- the clock: past years' steps are taken on the days they would have been --------------------


@contextmanager
def clock(when: datetime.datetime | None) -> Iterator[None]:
    """Let the services stamp what they do at ``when`` (None: now)."""
    if when is None:
        yield
        return
    at = AuditEntry._meta.get_field("at")
    with (
        mock.patch("django.utils.timezone.now", return_value=when),
        mock.patch.object(at, "default", lambda: when),
        mock.patch.object(at, "_get_default", lambda: when),
    ):
        yield


def _moment(year: int, step: int, today: datetime.date) -> datetime.datetime | None:
    """Return when step ``step`` (0, 1, …) of a past year was taken: from early March of the next year,
    a week apart, and always before today; None (now) for this year."""
    if year >= today.year:
        return None
    day = datetime.date(year + 1, 3, 2) + datetime.timedelta(days=7 * step)
    latest = today - datetime.timedelta(days=3 * (8 - min(step, 7)))
    day = min(day, latest)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))


# --- organisations and the people who act for them ----------------------------------------------


def _staff(orgs: dict[str, Organisation], region: SynthRegion, taken: set[int]) -> dict[str, User]:
    """Return a filler for every organisation and a reviewer for every department that has no demo
    user: staff accounts that cannot log in, so that each step is taken by someone who may take it."""
    wanted = []
    for org in [*region.departments, *region.units]:
        row = orgs[org.uscc]
        if row.pk not in taken:
            wanted.append((f"demo-f-{org.uscc}", User.FILLER, row, f"{_short(org)}填报人(演示用)"))
    for org in region.departments:
        row = orgs[org.uscc]
        wanted.append((f"demo-r-{org.uscc}", User.DEPARTMENT_REVIEWER, row, f"{_short(org)}审核人(演示用)"))
    existing = set(
        User.objects.filter(username__in=[w[0] for w in wanted]).values_list("username", flat=True)
    )
    unusable = make_password(None)
    User.objects.bulk_create(
        [
            User(
                username=name,
                role=role,
                organisation=org,
                display_name=label,
                is_active=False,
                password=unusable,
            )
            for name, role, org, label in wanted
            if name not in existing
        ]
    )
    return {
        user.username: user
        for user in User.objects.filter(username__startswith="demo-").select_related("organisation")
    }


def _short(org: Org) -> str:
    return org.short if org.short and org.short != "本单位" else org.name.removeprefix("广州市天河区")


def ensure_organisations(region_row: Region, synth: SynthRegion) -> dict[str, Organisation]:
    """Create the synthetic region's organisations (the existing ones, found by name, get their code)."""
    finance = Organisation.objects.get(region=region_row, kind=Organisation.FINANCE)
    rows: dict[str, Organisation] = {synth.finance.uscc: finance}
    by_name = {o.name: o for o in Organisation.objects.filter(region=region_row)}
    for org in [*synth.departments, *synth.units]:
        parent = finance if org.kind == "department" else rows[org.parent or ""]
        kind = Organisation.DEPARTMENT if org.kind == "department" else Organisation.UNIT
        row = by_name.get(org.name) or Organisation(region=region_row, name=org.name)
        if row.pk is None or row.kind != kind or row.parent_id != parent.pk or row.uscc != org.uscc:
            row.kind, row.parent, row.uscc = kind, parent, org.uscc
            row.save()
        rows[org.uscc] = row
    return rows


# --- forms ------------------------------------------------------------------------------------------


@dataclass
class Pair:
    """One synthetic form: as drawn (with its mistakes) and clean."""

    drawn: Record
    clean: Record

    def form(self, *, clean: bool) -> core.Form:
        return core.Form.model_validate((self.clean if clean else self.drawn).form)


class Loader:
    def __init__(
        self,
        region_row: Region,
        synth: SynthRegion,
        orgs: dict[str, Organisation],
        people: dict[str, User],
        today: datetime.date,
    ) -> None:
        self.region_row, self.synth, self.orgs, self.people, self.today = (
            region_row,
            synth,
            orgs,
            people,
            today,
        )
        self.finance = people["finance"]
        self.loaded = Loaded()

    # people
    def filler(self, org: Org) -> User:
        return self.people.get(f"demo-f-{org.uscc}") or self.people[f"filler@{self.orgs[org.uscc].pk}"]

    def reviewer(self, department: Org) -> User:
        own = self.people.get(f"reviewer@{self.orgs[department.uscc].pk}")
        return own or self.people[f"demo-r-{department.uscc}"]

    # steps
    def create(self, org: Org, pair: Pair, *, clean: bool, year: int) -> tuple[Form, core.Form]:
        data = pair.form(clean=clean)
        with clock(_moment(year, 0, self.today)):
            form = form_services.form_create(
                organisation=self.orgs[org.uscc], year=year, data=data, user=self.filler(org), kind=data.kind
            )
        self.loaded.forms += 1
        return form, data.model_copy(update={"year": year})

    def submit(self, form: Form, data: core.Form, org: Org, year: int) -> None:
        report = check(data)
        explanations = {flow.finding_key(f): EXPLANATION for f in report.findings if f.severity == "warning"}
        with clock(_moment(year, 1, self.today)):
            flow.submit(form=form, actor=self.filler(org), explanations=explanations)

    def give_back(self, form: Form, data: core.Form, department: Org, year: int) -> None:
        report = check(data)
        notes = [f for f in report.findings if f.severity in ("warning", "error") and f.path][:2]
        field_comments = {f.path: f"请核对:{f.message}" for f in notes}
        comment = RETURN_COMMENT if notes else "请补充各项指标完成情况的佐证材料后重新提交。"
        if not notes and data.tasks and data.tasks[0].indicators:
            field_comments["tasks[0].indicators[0].result"] = (
                "完成情况只写了数字,请注明统计口径和时间,并附台账或统计报表。"
            )
        with clock(_moment(year, 2, self.today)):
            flow.return_form(
                form=form, actor=self.reviewer(department), comment=comment, field_comments=field_comments
            )

    def approve(self, form: Form, department: Org, year: int) -> None:
        with clock(_moment(year, 2, self.today)):
            flow.approve_department(form=form, actor=self.reviewer(department))

    def summary(self, department: Org, year: int) -> Form:
        with clock(_moment(year, 3, self.today)):
            return flow.build_summary(
                department=self.orgs[department.uscc], year=year, actor=self.reviewer(department)
            )

    def finance_steps(self, form: Form, phase: str, year: int, spot: dict[str, Any] | None) -> None:
        if phase in ("finance_approved", "published"):
            with clock(_moment(year, 5, self.today)):
                flow.approve_finance(form=form, actor=self.finance)
        if spot is not None:
            with clock(_moment(year, 6, self.today)):
                flow.spot_check(form=form, actor=self.finance, score=spot["score"], comment=spot["comment"])
        if phase == "published":
            with clock(_moment(year, 7, self.today)):
                flow.publish(form=form, actor=self.finance)


def _spot(record: Record, form: Form, index: int) -> dict[str, Any] | None:
    """Finance's 抽查复核 of some forms: the synthetic one where it drew one, else every third form
    that reaches finance, a few points from its self-score (its reported total, else the computed one),
    one in two of them beyond the scheme's gap."""
    if record.spot_check is not None:
        score = record.spot_check["reviewer_score"]
    elif index % 3 == 0:
        own = form.total_score
        if own is None:
            own = score_form(convert.to_core(form), DEFAULT_SCHEME).total
        gap = Decimal(8) if index % 2 else Decimal(3)
        score = str(max(Decimal(0), own - gap))
    else:
        return None
    return {"score": score, "comment": "抽查复核:核对了资金支出凭证和指标佐证材料,按核实情况评分。"}


def load_region(*, region_row: Region, people: dict[str, User], today: datetime.date) -> Loaded:
    """Load the synthetic 天河区's organisations and forms (nothing if its forms are already there)."""
    years = demo_years(today)
    synth = build_regions(demo_options(years))[0]
    orgs = ensure_organisations(region_row, synth)
    for year in years:
        evaluation_year_ensure(region=region_row, year=year, deadline=deadline_of(year))
    taken = {u.organisation_id for u in people.values() if u.role == User.FILLER}
    staff = _staff(orgs, synth, taken)
    everyone = dict(staff)
    for user in people.values():
        everyone[f"{_role_key(user)}@{user.organisation_id}"] = user
    everyone["finance"] = people["finance"]
    loader = Loader(region_row, synth, orgs, everyone, today)
    loader.loaded.departments, loader.loaded.units = len(synth.departments), len(synth.units)
    if Form.objects.filter(organisation__region=region_row, year__in=years).exists():
        return loader.loaded

    drawn = {r.id: r for _, r in records(demo_options(years), [synth])}
    clean = {r.id: r for _, r in records(demo_options(years, mistakes=False), [synth])}
    pairs = {key: Pair(drawn[key], clean[key]) for key in drawn}
    by_org: dict[tuple[str, int], list[Pair]] = {}
    for pair in pairs.values():
        by_org.setdefault((pair.drawn.org, pair.drawn.year), []).append(pair)

    special = _special(synth)
    others = [d for d in synth.departments if d.uscc not in special]
    for year in years:
        for index, department in enumerate(synth.departments):
            if year == today.year:
                phase = special.get(department.uscc) or PHASES[others.index(department) % len(PHASES)]
            elif year == today.year - 1:
                phase = LAST_YEAR_PHASES[index % len(LAST_YEAR_PHASES)]
            else:
                phase = "published"
            _department_year(loader, department, year, phase, by_org, index)
    loader.loaded.states = {
        status: Form.objects.filter(organisation__region=region_row, status=status).count()
        for status, _ in Form.STATUSES
    }
    return loader.loaded


def _role_key(user: User) -> str:
    return (
        "filler"
        if user.role == User.FILLER
        else "reviewer"
        if user.role == User.DEPARTMENT_REVIEWER
        else user.role
    )


def _special(synth: SynthRegion) -> dict[str, str]:
    """This year's phase of the departments the demo users belong to (see ``_department_year``)."""
    names = {d.name: d.uscc for d in synth.departments}
    return {names["广州市天河区政务服务数据管理局"]: "bureau", names["广州市天河区教育局"]: "education"}


def _department_year(
    loader: Loader,
    department: Org,
    year: int,
    phase: str,
    by_org: dict[tuple[str, int], list[Pair]],
    place: int,
) -> None:
    units = loader.synth.children(department)
    members = [department, *units]
    forms: list[tuple[Org, Pair, Form | None]] = []
    advance = phase in ("department_approved", "summary", "finance_approved", "published")
    for number, org in enumerate(members):
        pairs = sorted(by_org.get((org.uscc, year), []), key=lambda p: p.drawn.id)
        own = next(p for p in pairs if p.drawn.role != "project")
        state = _member_state(phase, number, org is department)
        clean = state != "draft" or advance
        if state == "draft" and check(own.form(clean=False)).count("error") == 0 and number % 2:
            clean = False
        form, data = loader.create(org, own, clean=clean, year=year)
        forms.append((org, own, form))
        if state != "draft":
            loader.submit(form, data, org, year)
        if state == "returned":
            loader.give_back(form, data, department, year)
        elif state == "approved":
            loader.approve(form, department, year)
        if not units and org is department:
            # A department without units: its project forms go to finance with it.
            for p_index, project in enumerate(p for p in pairs if p.drawn.role == "project"):
                pform, pdata = loader.create(org, project, clean=True, year=year)
                if state == "draft":
                    continue
                loader.submit(pform, pdata, org, year)
                if state == "approved":
                    loader.approve(pform, department, year)
                    if phase in ("summary", "finance_approved", "published"):
                        spot = _spot(project.drawn, pform, place + p_index)
                        loader.finance_steps(pform, phase, year, spot)
    if phase in ("summary", "finance_approved", "published"):
        if units:
            target = loader.summary(department, year)
            spot = _spot(forms[0][1].drawn, target, place) if forms[0][1].drawn.spot_check is None else None
        else:
            target = forms[0][2]
            assert target is not None
            target.refresh_from_db()
            spot = _spot(forms[0][1].drawn, target, place)
        loader.finance_steps(target, phase, year, spot)


def _member_state(phase: str, number: int, is_department: bool) -> str:
    """Return the state one member's form reaches this year: draft, submitted, returned or approved."""
    if phase in ("department_approved", "summary", "finance_approved", "published"):
        return "approved"
    if phase == "bureau":  # the filler's own form returned; one unit waiting, one approved
        return "returned" if is_department else ("submitted" if number == 1 else "approved")
    if phase == "education":  # filler2's own form a draft; the schools in every early state
        return "draft" if is_department else ("submitted", "approved", "returned", "draft")[number % 4]
    if phase == "draft":
        return "draft"
    if phase == "submitted":
        return "submitted" if number % 3 else "draft"
    if phase == "returned":
        return "returned" if number % 2 == 0 else "submitted"
    return "draft"
