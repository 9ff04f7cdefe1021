"""Backup and restore: the whole system's data as one portable archive, readable by any database.

The archive is a zip: ``manifest.json`` (format, when, the source database, the schema migrations it
was taken at, and for every member its row count and SHA-256) and one JSON-lines file per table under
``data/`` — each line one row, every field by its column name, with decimals, dates and binary data
as text. Files under ``MEDIA_ROOT`` go under ``media/``. Nothing in it depends on the database it came
from, so a SQLite backup restores into PostgreSQL and back.

What is kept: regions, organisations, years and deadlines; users with their roles, organisations,
groups and password hashes; API tokens as stored (their SHA-256 digests; a token itself is never
kept anywhere); forms with every row (lines, tasks, indicators, review entries), import jobs with
their uploaded files; review comments; the audit log. What is rebuilt rather than kept: the public
search index (rebuilt from the published forms after a restore). Not kept: sessions, login-failure
records (django-axes) and the admin's own change history.

A restore goes into an empty database (``--replace`` empties it first), checks every checksum
before it writes anything, inserts every row with its original id and times in one transaction, and
only ever inserts into the audit log: its append-only guard (triggers) stays in force throughout.
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import io
import json
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

FORMAT = "jixiao-backup/1"
# In the order they are restored (what a row points to comes before it).
TABLES = (
    "auth.group",
    "orgs.region",
    "orgs.organisation",
    "orgs.evaluationyear",
    "workflow.deadline",
    "accounts.user",
    "api.apitoken",
    "forms.form",
    "forms.fundline",
    "forms.task",
    "forms.indicator",
    "forms.reviewitem",
    "forms.importjob",
    "workflow.reviewcomment",
    "audit.auditentry",
)
BATCH = 500


class BackupError(Exception):
    """A backup or restore that cannot be done; the message (Chinese) says why and what to do."""


@dataclass
class Summary:
    """What a backup wrote or a restore read: rows per table and media files."""

    rows: dict[str, int]
    media: int

    def text(self) -> str:
        forms = self.rows.get("forms.form", 0)
        audit = self.rows.get("audit.auditentry", 0)
        users = self.rows.get("accounts.user", 0)
        total = sum(self.rows.values())
        return (
            f"自评表 {forms} 张、审计记录 {audit} 条、用户 {users} 个,共 {total} 行数据,附件 {self.media} 个"
        )


# --- Writing ---------------------------------------------------------------------------------------


def _encode(field: models.Field[Any, Any], value: Any) -> Any:
    if value is None:
        return None
    if isinstance(field, models.BinaryField):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    return value


def _m2m(model: type[models.Model], obj: models.Model) -> dict[str, Any]:
    label = model._meta.label_lower
    if label == "auth.group":
        return {"permissions": [[p.content_type.app_label, p.codename] for p in obj.permissions.all()]}  # type: ignore[attr-defined]
    if label == "accounts.user":
        return {
            "groups": sorted(obj.groups.values_list("name", flat=True)),  # type: ignore[attr-defined]
            "user_permissions": [
                [p.content_type.app_label, p.codename]
                for p in obj.user_permissions.select_related("content_type")  # type: ignore[attr-defined]
            ],
        }
    return {}


def _rows(model: type[models.Model]) -> Iterator[dict[str, Any]]:
    fields = [f for f in model._meta.concrete_fields if not f.generated]
    for obj in model._base_manager.order_by("pk").iterator(chunk_size=2000):
        row = {f.attname: _encode(f, f.value_from_object(obj)) for f in fields}
        row.update(_m2m(model, obj))
        yield row


def _migrations() -> dict[str, list[str]]:
    from django.db.migrations.recorder import MigrationRecorder

    applied: dict[str, list[str]] = {}
    for app, name in MigrationRecorder(connection).applied_migrations():
        applied.setdefault(app, []).append(name)
    return {app: sorted(names) for app, names in sorted(applied.items())}


def backup(target: Path) -> Summary:
    """Write the archive of everything in the database (and MEDIA_ROOT) to ``target``."""
    from jixiao import __version__

    members: dict[str, dict[str, Any]] = {}
    rows: dict[str, int] = {}
    temporary = target.with_name(f".{target.name}.partial")
    media_count = 0
    try:
        with zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as archive:
            # One snapshot: every table read in the same transaction (repeatable on PostgreSQL).
            outermost = not connection.in_atomic_block
            with transaction.atomic():
                if connection.vendor == "postgresql" and outermost:
                    with connection.cursor() as cursor:
                        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
                for label in TABLES:
                    model = apps.get_model(label)
                    name = f"data/{label}.jsonl"
                    digest = hashlib.sha256()
                    count = 0
                    with archive.open(name, "w") as stream:
                        for row in _rows(model):
                            line = (json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n").encode()
                            digest.update(line)
                            stream.write(line)
                            count += 1
                    members[name] = {"table": label, "rows": count, "sha256": digest.hexdigest()}
                    rows[label] = count
                migrations = _migrations()
            media_root = Path(settings.MEDIA_ROOT)
            if media_root.is_dir():
                for path in sorted(p for p in media_root.rglob("*") if p.is_file()):
                    name = "media/" + path.relative_to(media_root).as_posix()
                    data = path.read_bytes()
                    archive.writestr(name, data)
                    members[name] = {"sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}
                    media_count += 1
            manifest = {
                "format": FORMAT,
                "created_at": timezone.now().isoformat(),
                "jixiao_version": __version__,
                "database": connection.vendor,
                "migrations": migrations,
                "members": members,
            }
            archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1))
        temporary.replace(target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return Summary(rows=rows, media=media_count)


# --- Reading ---------------------------------------------------------------------------------------


def read_manifest(archive: zipfile.ZipFile, name: str) -> dict[str, Any]:
    """Return the archive's manifest after checking its format and every member's checksum."""
    try:
        manifest = json.loads(archive.read("manifest.json"))
    except KeyError:
        raise BackupError(f"{name} 不是 jixiao 备份文件(没有 manifest.json)。") from None
    except ValueError as exc:
        raise BackupError(f"{name} 的 manifest.json 已损坏({exc})。") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{name} 的格式为 {manifest.get('format')!r},本程序只能恢复 {FORMAT}。")
    for member, facts in manifest["members"].items():
        digest = hashlib.sha256()
        try:
            with archive.open(member) as stream:
                for chunk in iter(lambda: stream.read(1 << 20), b""):
                    digest.update(chunk)
        except KeyError:
            raise BackupError(f"{name} 不完整:缺少 {member}。") from None
        if digest.hexdigest() != facts["sha256"]:
            raise BackupError(f"{name} 已损坏:{member} 的校验值不符,未恢复任何数据。")
    return manifest


def _check_migrations(manifest: dict[str, Any]) -> None:
    """Refuse an archive taken with a schema this code does not have (a newer version's backup)."""
    here = _migrations()
    for app, names in manifest["migrations"].items():
        missing = sorted(set(names) - set(here.get(app, [])))
        if missing:
            raise BackupError(
                f"备份来自更新的版本:数据库结构 {app}.{missing[0]} 在本程序中没有;请用不低于备份时的版本恢复。"
            )


def _decode(field: models.Field[Any, Any], value: Any) -> Any:
    if value is None:
        return None
    if isinstance(field, models.BinaryField):
        return base64.b64decode(value)
    if isinstance(field, models.DecimalField):
        return Decimal(value)
    if isinstance(field, models.DateTimeField):
        return parse_datetime(value)
    if isinstance(field, models.DateField):
        return parse_date(value)
    return value


@contextmanager
def _keeping_times(model: type[models.Model]) -> Iterator[None]:
    """Insert rows with their recorded times: switch off auto_now/auto_now_add while they go in."""
    switched = []
    for field in model._meta.concrete_fields:
        if isinstance(field, models.DateField) and (field.auto_now or field.auto_now_add):
            switched.append((field, field.auto_now, field.auto_now_add))
            field.auto_now = field.auto_now_add = False
    try:
        yield
    finally:
        for field, now, now_add in switched:
            field.auto_now, field.auto_now_add = now, now_add


def _permissions(pairs: list[list[str]]) -> list[Any]:
    from django.contrib.auth.models import Permission

    found = []
    for app_label, codename in pairs:
        permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
        if permission is not None:
            found.append(permission)
    return found


def _load(archive: zipfile.ZipFile, member: str, label: str) -> int:
    from django.contrib.auth.models import Group

    model = apps.get_model(label)
    fields = {f.attname: f for f in model._meta.concrete_fields if not f.generated}
    m2m_names = {"permissions", "groups", "user_permissions"}
    count = 0
    batch: list[models.Model] = []
    relations: list[tuple[Any, dict[str, Any]]] = []

    def flush() -> None:
        model._base_manager.bulk_create(batch, batch_size=BATCH)
        batch.clear()

    with archive.open(member) as stream, _keeping_times(model):
        for line in io.TextIOWrapper(stream, encoding="utf-8"):
            row = json.loads(line)
            unknown = set(row) - set(fields) - m2m_names
            if unknown:
                raise BackupError(f"备份中 {label} 有本程序不认识的字段 {sorted(unknown)[0]},无法恢复。")
            obj = model(**{name: _decode(fields[name], row[name]) for name in fields if name in row})
            batch.append(obj)
            extra = {k: row[k] for k in m2m_names if k in row}
            if extra:
                relations.append((obj.pk, extra))
            count += 1
            if len(batch) >= BATCH:
                flush()
        flush()
    for pk, extra in relations:
        obj = model._base_manager.get(pk=pk)
        if extra.get("permissions"):
            obj.permissions.set(_permissions(extra["permissions"]))  # type: ignore[attr-defined]
        if extra.get("user_permissions"):
            obj.user_permissions.set(_permissions(extra["user_permissions"]))  # type: ignore[attr-defined]
        if extra.get("groups"):
            obj.groups.set(Group.objects.filter(name__in=extra["groups"]))  # type: ignore[attr-defined]
    return count


def database_is_empty() -> bool:
    """Return True when none of the backed-up tables holds a row."""
    return not any(apps.get_model(label)._base_manager.exists() for label in TABLES)


def restore(source: Path, *, replace: bool = False) -> Summary:
    """Restore the archive at ``source`` into this (migrated) database."""
    from django.core.management import call_command
    from django.core.management.color import no_style

    name = source.name
    try:
        archive = zipfile.ZipFile(source)
    except (OSError, zipfile.BadZipFile) as exc:
        raise BackupError(f"{name} 无法打开:{exc}。") from None
    with archive:
        manifest = read_manifest(archive, name)
        _check_migrations(manifest)
        if not database_is_empty():
            if not replace:
                raise BackupError(
                    "目标数据库不是空的(已有用户、单位或自评表),未恢复任何数据;"
                    "确认要用备份覆盖全部数据时加 --replace。"
                )
            call_command("flush", interactive=False, verbosity=0)
        by_table = {
            facts["table"]: member for member, facts in manifest["members"].items() if "table" in facts
        }
        rows: dict[str, int] = {}
        with transaction.atomic():
            for label in TABLES:
                if label in by_table:
                    rows[label] = _load(archive, by_table[label], label)
            restored = [apps.get_model(label) for label in TABLES]
            with connection.cursor() as cursor:
                for statement in connection.ops.sequence_reset_sql(no_style(), restored):
                    cursor.execute(statement)
        media = 0
        media_root = Path(settings.MEDIA_ROOT)
        for member in manifest["members"]:
            if member.startswith("media/"):
                path = (media_root / member[len("media/") :]).resolve()
                if media_root.resolve() not in path.parents:
                    raise BackupError(f"{name} 中的附件路径不安全:{member}。")
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(archive.read(member))
                media += 1
    from jixiao.web.dashboards.facts import refresh_all
    from jixiao.web.portal.services import reindex_all

    reindex_all()
    refresh_all()  # the dashboards' figures are rebuilt from the forms, not backed up
    return Summary(rows=rows, media=media)
