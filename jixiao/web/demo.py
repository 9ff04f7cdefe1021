"""The demo region: 天河区, its finance bureau, three departments, one user per role, the seed form.

Running it again changes nothing that is already there (the users' passwords are set again).
"""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from jixiao.core import form as core
from jixiao.web.accounts.models import User
from jixiao.web.accounts.services import user_ensure
from jixiao.web.demo_region import Loaded, load_region
from jixiao.web.forms import services as form_services
from jixiao.web.forms.models import Form
from jixiao.web.orgs.models import Organisation
from jixiao.web.orgs.services import evaluation_year_ensure, organisation_ensure, region_ensure

DEFAULT_PASSWORD = "jixiao-demo"
BUREAU = "广州市天河区政务服务数据管理局"
SEED_NAME = "000_7bfde0d41ece70bf"
PACKAGED_SEED = Path(__file__).resolve().parent / "demo_data" / "seed.json"
SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"

DEPARTMENTS = {
    BUREAU: ["广州市天河区政务服务中心", "广州市天河区政务数据中心"],
    "广州市天河区教育局": [],
    "广州市天河区卫生健康局": [],
}
# username, role, organisation name
USERS = [
    ("filler", User.FILLER, BUREAU),
    ("filler2", User.FILLER, "广州市天河区教育局"),
    ("reviewer", User.DEPARTMENT_REVIEWER, BUREAU),
    ("finance", User.FINANCE_REVIEWER, "广州市天河区财政局"),
    ("admin", User.ADMINISTRATOR, "广州市天河区财政局"),
]
ROLE_LABELS = dict(User.ROLES)


@dataclass(frozen=True)
class DemoUser:
    username: str
    password: str
    role: str
    organisation: str


@dataclass(frozen=True)
class DemoResult:
    users: list[DemoUser]
    seed_form_id: int
    seed_source: str
    created_seed: bool
    region: Loaded | None = None


def demo_password() -> str:
    return os.environ.get("JIXIAO_DEMO_PASSWORD") or DEFAULT_PASSWORD


def read_seed() -> tuple[core.Form, str]:
    """Return the seed form: imported from the shared text if the importer reads it, else the JSON."""
    text = SHARED / "seeds" / f"{SEED_NAME}.txt"
    if text.exists():
        try:
            from jixiao.ingest import read_bytes

            result = read_bytes(text.read_bytes(), text.name)
            form = getattr(result, "form", result)
            if isinstance(form, core.Form) and form.tasks and form.funds.actual is not None:
                return form, str(text.resolve())
        except Exception:  # the importer is optional here: the JSON below is the same form
            pass
    for path in (SHARED / "spec" / "seed.expected.json", PACKAGED_SEED):
        if path.exists():
            return core.Form.from_json(path.read_text(encoding="utf-8")), str(path.resolve())
    raise FileNotFoundError(f"找不到示例自评表:{PACKAGED_SEED}")


@transaction.atomic
def load_demo(password: str | None = None, *, today: datetime.date | None = None) -> DemoResult:
    """Create (or complete) the demo region, its users, the bureau's 2021 form and the region's forms
    of the last three years (``jixiao.web.demo_region``)."""
    password = password or demo_password()
    today = today or timezone.localdate()
    region = region_ensure(code="440106", name="天河区")
    finance = organisation_ensure(region=region, kind=Organisation.FINANCE, name="广州市天河区财政局")
    orgs = {finance.name: finance}
    for department, units in DEPARTMENTS.items():
        dept = organisation_ensure(
            region=region, kind=Organisation.DEPARTMENT, name=department, parent=finance
        )
        orgs[department] = dept
        for unit in units:
            orgs[unit] = organisation_ensure(region=region, kind=Organisation.UNIT, name=unit, parent=dept)
    # 2021 holds only the seed (a sample to fill in): no deadline, so that no unit is listed as late
    # for a year the demo has no other forms of.
    evaluation_year_ensure(region=region, year=2021, deadline=None)

    users = []
    for username, role, org_name in USERS:
        user_ensure(username=username, password=password, role=role, organisation=orgs[org_name])
        users.append(DemoUser(username, password, ROLE_LABELS[role], org_name))

    people = {u.username: User.objects.get(username=u.username) for u in users}
    bureau = orgs[BUREAU]
    existing = Form.objects.filter(organisation=bureau, year=2021, kind="department").first()
    if existing is not None:
        loaded = load_region(region_row=region, people=people, today=today)
        return DemoResult(users, existing.pk, "已存在", False, loaded)
    seed, source = read_seed()
    form = form_services.form_create(organisation=bureau, year=2021, data=seed, user=people["filler"])
    loaded = load_region(region_row=region, people=people, today=today)
    return DemoResult(users, form.pk, source, True, loaded)
