"""Personas for the web tests: who is who in the 天河区 demo region, and the seed form they share.

- ``filler``: 填报人 of 广州市天河区政务服务数据管理局 (unit A), owner of the seed form
- ``filler2``: 填报人 of 广州市天河区教育局 (another department)
- ``unit_filler``: 填报人 of 广州市天河区政务服务中心, a subordinate unit of the bureau
- ``reviewer``: 主管部门审核人 of the bureau
- ``finance``: 财政局审核人 of 天河区
- ``admin``: 系统管理员
- anonymous: Django's test ``client`` without logging in
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

# Before Django reads its settings: a scratch data folder, a fixed key, background work run at once.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jixiao.web.settings")
os.environ.setdefault("JIXIAO_DATA_DIR", tempfile.mkdtemp(prefix="jixiao-test-"))
os.environ.setdefault("JIXIAO_SECRET_KEY", "test-only-secret")
os.environ.setdefault("JIXIAO_QUEUE_IMMEDIATE", "1")
os.environ.setdefault("JIXIAO_CONN_MAX_AGE", "0")

import django
import pytest

django.setup()

ROOT = Path(__file__).resolve().parents[2]
SHARED = (ROOT / ".." / "shared").resolve()
SEED_JSON = SHARED / "spec" / "seed.expected.json"
SEED_TEXT = SHARED / "seeds" / "000_7bfde0d41ece70bf.txt"
PASSWORD = "persona-pass-1"
BUREAU = "广州市天河区政务服务数据管理局"


@pytest.fixture(autouse=True)
def _fast_passwords(settings):  # type: ignore[no-untyped-def]
    # The real hasher takes ~0.4 s per user on purpose; tests create six.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(db):  # type: ignore[no-untyped-def]
    """Create the region, its organisations and one user per persona; return them by name."""
    import datetime

    from jixiao.web.accounts.models import User
    from jixiao.web.accounts.services import user_ensure
    from jixiao.web.orgs.models import Organisation
    from jixiao.web.orgs.services import evaluation_year_ensure, organisation_ensure, region_ensure

    region = region_ensure(code="440106", name="天河区")
    finance_org = organisation_ensure(region=region, kind=Organisation.FINANCE, name="广州市天河区财政局")
    bureau = organisation_ensure(region=region, kind=Organisation.DEPARTMENT, name=BUREAU, parent=finance_org)
    unit = organisation_ensure(
        region=region, kind=Organisation.UNIT, name="广州市天河区政务服务中心", parent=bureau
    )
    education = organisation_ensure(
        region=region, kind=Organisation.DEPARTMENT, name="广州市天河区教育局", parent=finance_org
    )
    evaluation_year_ensure(region=region, year=2021, deadline=datetime.date(2022, 4, 30))
    evaluation_year_ensure(region=region, year=2022, deadline=datetime.date(2023, 4, 30))
    people = {
        "filler": (User.FILLER, bureau),
        "filler2": (User.FILLER, education),
        "unit_filler": (User.FILLER, unit),
        "reviewer": (User.DEPARTMENT_REVIEWER, bureau),
        "finance": (User.FINANCE_REVIEWER, finance_org),
        "admin": (User.ADMINISTRATOR, finance_org),
    }
    found = {
        name: user_ensure(username=name, password=PASSWORD, role=role, organisation=org)
        for name, (role, org) in people.items()
    }
    found.update(region=region, finance_org=finance_org, bureau=bureau, unit=unit, education=education)
    return found


@pytest.fixture
def seed_core():  # type: ignore[no-untyped-def]
    from jixiao.core.form import Form

    return Form.from_json(SEED_JSON.read_text(encoding="utf-8"))


@pytest.fixture
def seed_form(world, seed_core):  # type: ignore[no-untyped-def]
    """The bureau's 2021 form, stored from seed.expected.json, owned by ``filler``."""
    from jixiao.web.forms.services import form_create

    return form_create(organisation=world["bureau"], year=2021, data=seed_core, user=world["filler"])


@pytest.fixture
def login(client):  # type: ignore[no-untyped-def]
    """Return a function that logs the test client in as a persona and returns the client."""

    def as_user(user):  # type: ignore[no-untyped-def]
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return as_user
