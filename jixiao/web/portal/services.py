"""Writes on the public search index: a form is in it exactly while it is published (已公开).

``index_form`` is called by the workflow's ``publish`` (and by anything that takes a form off the
portal); ``jixiao_reindex`` rebuilds the whole index from the published forms.
"""

from __future__ import annotations

from django.db import connection, transaction

from jixiao.web.forms import convert
from jixiao.web.forms.models import Form
from jixiao.web.portal import search
from jixiao.web.portal.models import FTS_TABLE, SearchEntry


def _form_tokens(form: Form) -> str:
    org = form.organisation
    department = org.department
    data = convert.to_core(form)
    extra = [org.name, department.name if department else None, org.region.name]
    return search.document_tokens(search.form_texts(data, extra=extra))


def _fts_write(form_id: int, tokens: str | None) -> None:
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [form_id])
        if tokens is not None:
            cursor.execute(f"INSERT INTO {FTS_TABLE} (rowid, tokens) VALUES (%s, %s)", [form_id, tokens])


@transaction.atomic
def index_form(form: Form) -> SearchEntry | None:
    """Put a published form into the search index (replacing its entry); take any other form out."""
    current = Form.objects.filter(pk=form.pk).values_list("status", flat=True).first()
    if current != Form.PUBLISHED:
        unindex_form(form.pk)
        return None
    fresh = convert.prefetched(Form.objects.filter(pk=form.pk)).get()
    tokens = _form_tokens(fresh)
    entry, _ = SearchEntry.objects.update_or_create(form_id=form.pk, defaults={"tokens": tokens})
    _fts_write(form.pk, tokens)
    return entry


@transaction.atomic
def unindex_form(form_id: int) -> None:
    """Take a form out of the search index."""
    SearchEntry.objects.filter(form_id=form_id).delete()
    _fts_write(form_id, None)


@transaction.atomic
def reindex_all() -> int:
    """Rebuild the whole index from the published forms; return how many forms are in it."""
    SearchEntry.objects.all().delete()
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS_TABLE}")
    count = 0
    for form in convert.prefetched(Form.objects.filter(status=Form.PUBLISHED)).iterator(chunk_size=200):
        tokens = _form_tokens(form)
        SearchEntry.objects.create(form=form, tokens=tokens)
        _fts_write(form.pk, tokens)
        count += 1
    return count
