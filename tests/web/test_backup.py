"""``jixiao backup`` / ``jixiao restore``: everything restored into a fresh database — SQLite, and
PostgreSQL when the suite runs on it (PostgreSQL → SQLite → PostgreSQL) — row for row, form for form,
audit entry for audit entry, with the audit log's guard still in force."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from jixiao.web import backup
from jixiao.web.api.services import api_token_create
from jixiao.web.forms import convert
from jixiao.web.forms.models import Form, ImportJob
from jixiao.web.workflow import services as workflow

from .conftest import ROOT, SEED_TEXT
from .workflow_data import submittable, warnings_explained

# Run in a fresh process against another database: restore or back up, or read what is there.
SCRIPT = """
import json, sys
from jixiao.cli import main
if sys.argv[1] != "dump":
    sys.exit(main(sys.argv[1:]))
from jixiao.web import setup
setup()
from django.db import DatabaseError, connection, transaction
from jixiao.web.forms import convert
from jixiao.web.forms.models import Form
from jixiao.web.audit.models import AuditEntry
forms = {str(f.pk): convert.to_core(f).to_json() for f in convert.prefetched(Form.objects.all())}
audit = [[e.pk, e.at.isoformat(), e.actor_name, e.action, e.form_id, e.before, e.after, e.comment]
         for e in AuditEntry.objects.order_by("pk")]
guarded = False
try:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditentry SET comment = 'x'")
except DatabaseError:
    guarded = True
print(json.dumps({"forms": forms, "audit": audit, "guarded": guarded}, ensure_ascii=False))
"""


def _run(database_url: str, data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("JIXIAO_TEST")}
    env.update(
        DATABASE_URL=database_url,
        JIXIAO_DATA_DIR=str(data_dir),
        JIXIAO_SECRET_KEY="test-only-secret",
        DJANGO_SETTINGS_MODULE="jixiao.web.settings",
    )
    return subprocess.run(
        [sys.executable, "-c", SCRIPT, *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=300
    )


def _rows(archive: Path) -> dict[str, list[dict[str, object]]]:
    with zipfile.ZipFile(archive) as z:
        return {
            name: [json.loads(line) for line in z.read(name).decode().splitlines()]
            for name in z.namelist()
            if name.startswith("data/")
        }


@pytest.fixture
def populated(world, seed_core):  # type: ignore[no-untyped-def]
    """A database with a form through submit and return (audit entries, comments), an import job with
    its file, a second form, an API token and a deadline."""
    from jixiao.web.forms.services import form_create, import_job_create
    from jixiao.web.workflow.models import Deadline

    filler, reviewer = world["filler"], world["reviewer"]
    form = form_create(organisation=world["bureau"], year=2021, data=submittable(seed_core), user=filler)
    workflow.submit(form=form, actor=filler, explanations=warnings_explained(form))
    workflow.return_form(
        form=form,
        actor=reviewer,
        comment="请核对执行率",
        field_comments={"funds.execution_rate": "应为 97.13"},
    )
    form_create(organisation=world["education"], year=2021, data=seed_core, user=world["filler2"])
    import_job_create(
        user=filler,
        organisation=world["bureau"],
        year=2022,
        form=None,
        filename=SEED_TEXT.name,
        data=SEED_TEXT.read_bytes(),
    )
    api_token_create(user=filler, name="汇总脚本")
    Deadline.objects.create(year=world["region"].years.get(year=2021))
    return world


def _source_dump() -> dict[str, object]:
    from jixiao.web.audit.models import AuditEntry

    forms = {str(f.pk): convert.to_core(f).to_json() for f in convert.prefetched(Form.objects.all())}
    audit = [
        [e.pk, e.at.isoformat(), e.actor_name, e.action, e.form_id, e.before, e.after, e.comment]
        for e in AuditEntry.objects.order_by("pk")
    ]
    return json.loads(json.dumps({"forms": forms, "audit": audit, "guarded": True}, ensure_ascii=False))


def _restore_and_compare(archive: Path, url: str, folder: Path, expected: dict[str, object]) -> Path:
    folder.mkdir()
    done = _run(url, folder, "restore", str(archive))
    assert done.returncode == 0, done.stderr
    assert "已恢复" in done.stderr
    dumped = _run(url, folder, "dump")
    assert dumped.returncode == 0, dumped.stderr
    assert json.loads(dumped.stdout) == expected  # every form and audit entry; the guard holds
    again = folder / "again.zip"
    assert _run(url, folder, "backup", str(again)).returncode == 0
    assert _rows(again) == _rows(archive)  # every row of every table
    return again


def test_it_restores_everything_into_a_fresh_database(populated, tmp_path):
    archive = tmp_path / "backup.zip"
    summary = backup.backup(archive)
    assert summary.rows["forms.form"] == 2 and summary.rows["audit.auditentry"] >= 4
    expected = _source_dump()
    assert expected["audit"] and len(expected["forms"]) == 2  # type: ignore[arg-type]

    sqlite_url = f"sqlite:///{tmp_path / 'restored.sqlite3'}"
    from_sqlite = _restore_and_compare(archive, sqlite_url, tmp_path / "sqlite", expected)

    if connection.vendor != "postgresql":
        return
    # PostgreSQL → SQLite above; now SQLite → PostgreSQL, into a database made for this test.
    import psycopg

    db = settings.DATABASES["default"]
    name = f"jixiao_restore_{uuid.uuid4().hex[:8]}"
    params = dict(host=db["HOST"], port=db["PORT"], user=db["USER"], password=db["PASSWORD"])
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        url = f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{name}"
        _restore_and_compare(from_sqlite, url, tmp_path / "postgres", expected)
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')


def test_the_archive_keeps_tokens_hashed_and_uploads_whole(populated, tmp_path):
    archive = tmp_path / "backup.zip"
    backup.backup(archive)
    rows = _rows(archive)
    token = rows["data/api.apitoken.jsonl"][0]
    assert len(token["digest"]) == 64 and "jx_" not in json.dumps(token).replace(token["prefix"], "")
    job = rows["data/forms.importjob.jsonl"][0]
    import base64

    assert base64.b64decode(job["data"]) == SEED_TEXT.read_bytes()
    users = {u["username"]: u for u in rows["data/accounts.user.jsonl"]}
    assert users["reviewer"]["role"] == "department_reviewer" and users["filler"]["password"].startswith(
        "md5$"
    )
    form = rows["data/forms.form.jsonl"][0]
    assert Decimal(form["execution_rate"]) == Decimal("97.10")


def test_it_refuses_a_database_that_is_not_empty(populated, tmp_path):
    archive = tmp_path / "backup.zip"
    backup.backup(archive)
    with pytest.raises(backup.BackupError, match="不是空的"):
        backup.restore(archive)
    assert ImportJob.objects.count() == 1


def test_it_refuses_a_damaged_archive_before_writing_anything(populated, tmp_path):
    archive = tmp_path / "backup.zip"
    backup.backup(archive)
    damaged = tmp_path / "damaged.zip"
    with zipfile.ZipFile(archive) as source, zipfile.ZipFile(damaged, "w") as target:
        for item in source.infolist():
            body = source.read(item.filename)
            if item.filename == "data/forms.form.jsonl":
                body = body.replace(b"97.10", b"99.99")
            target.writestr(item, body)
    folder = tmp_path / "fresh"
    folder.mkdir()
    done = _run(f"sqlite:///{folder / 'db.sqlite3'}", folder, "restore", str(damaged))
    assert done.returncode == 2
    assert "校验值不符" in done.stderr and "未恢复任何数据" in done.stderr
