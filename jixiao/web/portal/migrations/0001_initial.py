import django.db.models.deletion
from django.db import migrations, models

FTS_TABLE = "portal_search_fts"
GIN_INDEX = "portal_search_document_gin"


def create_fulltext(apps, schema_editor):
    """Create the full-text structure of the database in use (FTS5 table or GIN index)."""
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5(tokens, tokenize = 'unicode61')"
        )
    elif vendor == "postgresql":
        # A stored tsvector: the index's recheck and the ranking read it instead of re-parsing the tokens.
        schema_editor.execute(
            "ALTER TABLE portal_searchentry ADD COLUMN document tsvector "
            "GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, tokens)) STORED"
        )
        schema_editor.execute(f"CREATE INDEX {GIN_INDEX} ON portal_searchentry USING GIN (document)")


def drop_fulltext(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")
    elif vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {GIN_INDEX}")
        schema_editor.execute("ALTER TABLE portal_searchentry DROP COLUMN IF EXISTS document")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("forms", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchEntry",
            fields=[
                (
                    "form",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="search_entry",
                        serialize=False,
                        to="forms.form",
                        verbose_name="自评表",
                    ),
                ),
                ("tokens", models.TextField(verbose_name="分词")),
                ("indexed_at", models.DateTimeField(auto_now=True, verbose_name="索引时间")),
            ],
            options={
                "verbose_name": "检索索引",
                "verbose_name_plural": "检索索引",
            },
        ),
        migrations.RunPython(create_fulltext, drop_fulltext),
    ]
