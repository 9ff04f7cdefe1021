"""The search index of published forms: the jieba tokens of each, searched by the database's full-text engine.

``SearchEntry`` keeps the space-joined tokens of one published form. Underneath, by database:

- PostgreSQL: a stored generated column ``document tsvector`` = ``to_tsvector('simple', tokens)``
  with a GIN index (migration 0001; the column is not a model field, the database fills it);
- SQLite: an FTS5 table ``portal_search_fts(tokens)`` whose rowid is the form id (migration 0001),
  kept in step by ``jixiao.web.portal.services.index_form``.
"""

from __future__ import annotations

from django.db import models

from jixiao.web.forms.models import Form

FTS_TABLE = "portal_search_fts"
GIN_INDEX = "portal_search_document_gin"


class SearchEntry(models.Model):
    """The search tokens of one published form."""

    form = models.OneToOneField(
        Form, on_delete=models.CASCADE, primary_key=True, related_name="search_entry", verbose_name="自评表"
    )
    tokens = models.TextField("分词")
    indexed_at = models.DateTimeField("索引时间", auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "检索索引"

    def __str__(self) -> str:
        return f"检索索引:{self.form_id}"
