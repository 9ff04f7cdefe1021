"""The audit log (jixiao.web.audit): every edit recorded with before/after, and nothing can change it."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from .workflow_data import submittable, warnings_explained


@pytest.fixture
def entry(world, seed_form):  # type: ignore[no-untyped-def]
    return seed_form.audit_entries.get(action="create")


def test_creating_a_form_records_its_content(world, seed_form, entry):
    assert entry.actor == world["filler"]
    assert entry.actor_name == "filler" and entry.actor_role == "填报人"
    assert entry.actor_organisation == "广州市天河区政务服务数据管理局"
    assert entry.before == {}
    assert entry.after["funds.actual"] == "9100.04"
    assert entry.after["tasks[0].indicators[1].name"].startswith("实现")


def test_an_edit_records_only_what_changed_before_and_after(world, seed_form, seed_core):
    from jixiao.web.forms.services import form_update

    data = seed_core.model_copy(deep=True)
    data.funds.execution_rate = data.funds.execution_rate.__class__("97.13")
    form_update(form=seed_form, data=data, user=world["filler"])
    edit = seed_form.audit_entries.get(action="update")
    assert edit.before == {"funds.execution_rate": "97.10"}
    assert edit.after == {"funds.execution_rate": "97.13"}
    assert edit.status_before == edit.status_after == "draft"

    form_update(form=seed_form, data=data, user=world["filler"])  # saved again unchanged: no entry
    assert seed_form.audit_entries.filter(action="update").count() == 1


def test_an_unreadable_number_is_recorded_as_typed(world, seed_form, seed_core):
    from jixiao.web.forms.services import form_update

    form_update(form=seed_form, data=seed_core, user=world["filler"], pending={"funds.actual": "九千"})
    edit = seed_form.audit_entries.get(action="update")
    assert edit.after == {"pending.funds.actual": "九千"}


def test_resolving_an_import_review_entry_is_recorded(world, seed_form):
    from jixiao.web.forms.services import review_item_resolve

    item = seed_form.review_items.first()
    review_item_resolve(form=seed_form, item_id=item.pk, user=world["filler"])
    resolved = seed_form.audit_entries.get(action="review_resolve")
    assert resolved.before == {f"review:{item.path}": item.problem}
    assert resolved.after == {f"review:{item.path}": "已核对"}


def test_an_import_replacing_the_form_is_recorded(world, seed_form, seed_core):
    from jixiao.web.forms.services import form_replace_from_import

    data = seed_core.model_copy(deep=True)
    data.goals.achieved = "导入的新内容"
    form_replace_from_import(form=seed_form, data=data, user=world["filler"])
    imported = seed_form.audit_entries.get(action="import")
    assert imported.after == {"goals.achieved": "导入的新内容"}
    assert imported.comment == f"导入待核对事项 {len(data.review)} 条"


def test_the_app_refuses_to_change_or_delete_an_entry(entry):
    from jixiao.web.audit.models import AuditEntry, AuditImmutable

    entry.comment = "改写"
    with pytest.raises(AuditImmutable, match="只能追加"):
        entry.save()
    with pytest.raises(AuditImmutable):
        entry.delete()
    with pytest.raises(AuditImmutable):
        AuditEntry.objects.filter(pk=entry.pk).update(comment="改写")
    with pytest.raises(AuditImmutable):
        AuditEntry.objects.filter(pk=entry.pk).delete()
    with pytest.raises(AuditImmutable):
        AuditEntry.objects.bulk_update([entry], ["comment"])
    assert AuditEntry.objects.get(pk=entry.pk).comment == ""


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_auditentry SET comment = 'forged' WHERE id = %s",
        "DELETE FROM audit_auditentry WHERE id = %s",
    ],
)
def test_the_database_refuses_to_change_or_delete_an_entry(entry, statement):
    """The guard under the app: a trigger on PostgreSQL and on SQLite (run with both databases)."""
    from jixiao.web.audit.models import AuditEntry

    assert connection.vendor in {"sqlite", "postgresql"}
    with (
        pytest.raises(DatabaseError, match="审计日志只能追加"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(statement, [entry.pk])
    assert AuditEntry.objects.get(pk=entry.pk).comment == ""


def test_the_guard_is_in_the_database_itself(entry, tmp_path):
    """SQLite: the triggers also stop another program (it lacks the app's function). PostgreSQL: enabled."""
    if connection.vendor == "sqlite":
        import importlib
        import sqlite3

        guard = importlib.import_module("jixiao.web.audit.migrations.0002_append_only_guard")
        other = sqlite3.connect(tmp_path / "other.sqlite3")
        other.execute("CREATE TABLE audit_auditentry (id INTEGER PRIMARY KEY, comment TEXT)")
        other.execute("INSERT INTO audit_auditentry VALUES (1, '')")
        for statement in guard.SQLITE_CREATE:
            other.execute(statement)
        with pytest.raises(sqlite3.OperationalError, match="jixiao_audit_locked"):
            other.execute("DELETE FROM audit_auditentry")
        with pytest.raises(sqlite3.OperationalError, match="jixiao_audit_locked"):
            other.execute("UPDATE audit_auditentry SET comment = 'forged'")
        assert other.execute("SELECT comment FROM audit_auditentry").fetchall() == [("",)]
        other.close()
    else:
        with connection.cursor() as cursor:
            cursor.execute("SELECT tgenabled FROM pg_trigger WHERE tgname = 'audit_auditentry_append_only'")
            assert cursor.fetchall() == [("O",)]


def test_every_transition_is_in_the_log_with_its_actor(world, seed_core):
    from jixiao.web.forms.services import form_create
    from jixiao.web.workflow import services

    form = form_create(
        organisation=world["bureau"], year=2021, data=submittable(seed_core), user=world["filler"]
    )
    services.submit(form=form, actor=world["filler"], explanations=warnings_explained(form))
    services.return_form(form=form, actor=world["reviewer"], comment="请改正预算完成率")
    services.submit(form=form, actor=world["filler"], explanations=warnings_explained(form))
    services.approve_department(form=form, actor=world["reviewer"])
    log = [(e.action, e.actor_name, e.status_before, e.status_after) for e in form.audit_entries.all()]
    assert log == [
        ("create", "filler", "draft", "draft"),
        ("submit", "filler", "draft", "submitted"),
        ("return", "reviewer", "submitted", "returned"),
        ("submit", "filler", "returned", "submitted"),
        ("approve_department", "reviewer", "submitted", "department_approved"),
    ]


def test_the_log_exports_as_csv_with_chinese_headers(world, seed_form):
    from jixiao.web.audit.selectors import for_form, to_csv

    text = to_csv(for_form(seed_form))
    assert text.startswith("\ufeff时间,操作人,角色")
    assert ",filler,填报人,广州市天河区政务服务数据管理局,新建," in text


def test_the_csv_does_not_let_a_comment_run_as_a_spreadsheet_formula(world, seed_form):
    from jixiao.web.audit import services
    from jixiao.web.audit.models import AuditEntry
    from jixiao.web.audit.selectors import for_form, to_csv

    services.record(
        action=AuditEntry.RETURN, actor=world["reviewer"], form=seed_form, comment="=HYPERLINK(1)"
    )
    assert ",'=HYPERLINK(1)," in to_csv(for_form(seed_form))


def test_only_the_flush_command_may_empty_the_log_on_sqlite(entry):
    """``flush`` (tests, rebuilding a demo) releases the SQLite guard for itself; PostgreSQL never does."""
    from jixiao.web.audit import guard, services
    from jixiao.web.audit.models import AuditEntry

    other = services.record(action=AuditEntry.UPDATE, actor=None, comment="另一条")
    with guard.released():
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("DELETE FROM audit_auditentry WHERE id = %s", [entry.pk])
            assert not AuditEntry.objects.filter(pk=entry.pk).exists()
        else:
            with (
                pytest.raises(DatabaseError, match="审计日志只能追加"),
                transaction.atomic(),
                connection.cursor() as cursor,
            ):
                cursor.execute("DELETE FROM audit_auditentry WHERE id = %s", [entry.pk])
    with (
        pytest.raises(DatabaseError, match="审计日志只能追加"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("UPDATE audit_auditentry SET comment = 'x' WHERE id = %s", [other.pk])
    assert AuditEntry.objects.get(pk=other.pk).actor_name == "系统"


def test_the_admin_shows_the_log_read_only(world, entry, login):
    world["admin"].is_staff = world["admin"].is_superuser = True
    world["admin"].save()
    client = login(world["admin"])
    listing = client.get("/admin/audit/auditentry/")
    assert listing.status_code == 200 and "filler" in listing.content.decode()
    page = client.get(f"/admin/audit/auditentry/{entry.pk}/change/").content.decode()
    assert "filler" in page and 'name="_save"' not in page
    assert client.post(f"/admin/audit/auditentry/{entry.pk}/delete/", {"post": "yes"}).status_code == 403


def test_entries_younger_than_six_months_outlive_their_form_and_their_author(world, seed_form, entry):
    """Retention (等保 8.1.4.3 c, ≥ 6 months): deleting the form or the person an entry names keeps it."""
    import datetime

    from django.utils import timezone

    from jixiao.web.audit import services
    from jixiao.web.audit.models import AuditEntry

    old = services.record(action=AuditEntry.UPDATE, actor=world["filler"], form=seed_form, comment="今天")
    dated = AuditEntry.objects.create(
        at=timezone.now() - datetime.timedelta(days=179),
        actor=world["filler"],
        actor_name="filler",
        action=AuditEntry.UPDATE,
        form=seed_form,
        form_label=old.form_label,
        comment="179 天前",
    )
    kept = set(AuditEntry.objects.values_list("pk", flat=True))
    assert {entry.pk, old.pk, dated.pk} <= kept
    seed_form.delete()
    world["filler"].delete()
    assert set(AuditEntry.objects.values_list("pk", flat=True)) == kept
    assert AuditEntry.objects.get(pk=dated.pk).actor_name == "filler"


def test_nothing_but_the_flush_command_releases_the_audit_guard():
    """No command, view or task deletes audit entries: only ``flush`` (empty the whole database) may."""
    from .conftest import ROOT

    users = sorted(
        str(path.relative_to(ROOT))
        for path in (ROOT / "jixiao").rglob("*.py")
        if "released(" in path.read_text(encoding="utf-8") and path.name != "guard.py"
    )
    assert users == ["jixiao/web/audit/management/commands/flush.py"]
    deleting = sorted(
        str(path.relative_to(ROOT))
        for path in (ROOT / "jixiao").rglob("*.py")
        if "audit_auditentry" in path.read_text(encoding="utf-8").lower() and "migrations" not in path.parts
    )
    assert deleting == [], deleting
