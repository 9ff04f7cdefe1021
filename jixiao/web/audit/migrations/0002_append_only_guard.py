"""The database refuses to change or delete audit entries (PostgreSQL and SQLite triggers).

PostgreSQL: a BEFORE UPDATE OR DELETE row trigger raises, whoever connects. SQLite: BEFORE UPDATE
and BEFORE DELETE triggers abort while ``jixiao_audit_locked()`` is true; that function exists only
on this application's connections and is true unless ``jixiao.web.audit.guard.released`` (used by
``flush`` alone) is in effect, so from any other program the statement fails too.

A later migration that makes Django rebuild this table on SQLite (changing a column) drops these
triggers with the old table: such a migration must run ``SQLITE_CREATE`` again.
"""

from django.db import migrations

MESSAGE = "审计日志只能追加,不能修改或删除。"

POSTGRES_CREATE = f"""
CREATE OR REPLACE FUNCTION audit_auditentry_refuse() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_auditentry_append_only
    BEFORE UPDATE OR DELETE ON audit_auditentry
    FOR EACH ROW EXECUTE FUNCTION audit_auditentry_refuse();
"""
POSTGRES_DROP = """
DROP TRIGGER IF EXISTS audit_auditentry_append_only ON audit_auditentry;
DROP FUNCTION IF EXISTS audit_auditentry_refuse();
"""
SQLITE_CREATE = [
    f"""CREATE TRIGGER audit_auditentry_no_update BEFORE UPDATE ON audit_auditentry
        WHEN jixiao_audit_locked() BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;""",
    f"""CREATE TRIGGER audit_auditentry_no_delete BEFORE DELETE ON audit_auditentry
        WHEN jixiao_audit_locked() BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;""",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS audit_auditentry_no_update;",
    "DROP TRIGGER IF EXISTS audit_auditentry_no_delete;",
]


def create(apps, schema_editor):  # type: ignore[no-untyped-def]
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_CREATE)
    elif vendor == "sqlite":
        for statement in SQLITE_CREATE:
            schema_editor.execute(statement)


def drop(apps, schema_editor):  # type: ignore[no-untyped-def]
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_DROP)
    elif vendor == "sqlite":
        for statement in SQLITE_DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
