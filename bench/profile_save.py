"""Profile one save from the edit page: what the server does for one changed field.

Builds a throwaway SQLite data folder (or uses ``DATABASE_URL``), one filler with a copy of the seed
form, then posts with Django's test client exactly what ``edit.js`` posts (one field, its base, the
revision, the structure token) — the same as ``bench/locust_fillers.py`` — ``--saves`` times under
cProfile. Printed: the mean time of a save as a ratio to ``/healthz`` in the same process, and the
functions that cost most.

    PYTHONPATH=$PWD .venv/bin/python bench/profile_save.py --saves 60
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIELDS = ("goals.achieved", "tasks[0].achieved", "funds.actual")  # as in locust_fillers.py


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saves", type=int, default=60)
    parser.add_argument("--top", type=int, default=30, help="functions printed (by cumulative time)")
    args = parser.parse_args()
    os.environ.setdefault("JIXIAO_DATA_DIR", tempfile.mkdtemp(prefix="jixiao-profile-"))
    os.environ.setdefault("JIXIAO_SECRET_KEY", "profile-only-secret")
    os.environ.setdefault("JIXIAO_QUEUE_IMMEDIATE", "1")
    os.environ.setdefault("JIXIAO_LOG_LEVEL", "WARNING")
    from jixiao.web import setup

    setup()
    from django.core.management import call_command
    from django.test import Client

    call_command("migrate", interactive=False, verbosity=0)
    from jixiao.core.form import Form as CoreForm
    from jixiao.web.accounts.models import User
    from jixiao.web.accounts.services import user_ensure
    from jixiao.web.forms import convert, editing
    from jixiao.web.forms.services import form_create
    from jixiao.web.orgs.models import Organisation
    from jixiao.web.orgs.services import evaluation_year_ensure, organisation_ensure, region_ensure

    seed_path = ROOT.parent / "shared" / "spec" / "seed.expected.json"
    if not seed_path.exists():
        seed_path = ROOT / "jixiao" / "web" / "demo_data" / "seed.json"
    seed = CoreForm.from_json(seed_path.read_text(encoding="utf-8"))
    region = region_ensure(code="440106", name="天河区")
    finance = organisation_ensure(region=region, kind=Organisation.FINANCE, name="广州市天河区财政局")
    dept = organisation_ensure(region=region, kind=Organisation.DEPARTMENT, name="压测部门", parent=finance)
    evaluation_year_ensure(region=region, year=2021, deadline=None)
    unit = organisation_ensure(region=region, kind=Organisation.UNIT, name="剖析单位", parent=dept)
    user = user_ensure(username="profile", password="pw-profile-unused", role=User.FILLER, organisation=unit)
    form = form_create(
        organisation=unit, year=2021, data=seed.model_copy(update={"department": unit.name}), user=user
    )
    data = convert.to_core(form)
    structure, revision = editing.structure_token(data), form.revision
    base = {
        path: editing.shown(entry, editing.stored_reading(value, path, form.pending or {}))
        for path, (entry, value) in editing.editable_fields(data).items()
        if path in FIELDS
    }
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    found = re.compile(rb'<input type="hidden" name="revision" id="revision" value="(\d+)"')

    def save(count: int) -> None:
        nonlocal revision
        path = FIELDS[count % len(FIELDS)]
        value = f"{count}.{count % 100:02d}" if path == "funds.actual" else f"剖析 第{count}次"
        response = client.post(
            f"/forms/{form.pk}/save/",
            {"structure": structure, "revision": str(revision), path: value, "base:" + path: base[path]},
            HTTP_HX_REQUEST="true",
        )
        if response.status_code != 200 or path in response.get("X-Jixiao-Unsaved", "[]"):
            raise SystemExit(f"profile_save: save {count} answered {response.status_code}")
        base[path] = value
        match = found.search(response.content)
        if match:
            revision = int(match.group(1))

    save(0)  # warm up
    for _ in range(3):
        client.get("/healthz")
    started = time.perf_counter()
    for _ in range(args.saves):
        client.get("/healthz")
    health = (time.perf_counter() - started) / args.saves
    started = time.perf_counter()
    for count in range(1, args.saves + 1):
        save(count)
    plain = (time.perf_counter() - started) / args.saves
    profile = cProfile.Profile()
    profile.enable()
    for count in range(args.saves + 1, 2 * args.saves + 1):
        save(count)
    profile.disable()
    print(
        f"{args.saves} saves: mean {plain * 1000:.1f} ms, /healthz {health * 1000:.2f} ms, ratio {plain / health:.0f}×"
    )
    stats = pstats.Stats(profile)
    stats.sort_stats("cumulative").print_stats(args.top)
    stats.print_stats(r"jixiao/(web|core)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
