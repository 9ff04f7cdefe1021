"""Search tokens (jieba) and the full-text structure underneath, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from django.db import connection


def test_a_query_word_is_found_among_the_tokens_of_a_text_that_contains_it():
    from jixiao.web.portal.search import document_tokens, query_tokens

    text = "推进政务服务事项“跨域通办”,提升政务服务标准化水平,推行“一件事”主题服务。"
    indexed = set(document_tokens([text]).split())
    for query in ("跨域通办", "政务服务", "一件事", "标准化"):
        words = query_tokens(query)
        assert words and set(words) <= indexed, (query, words)


def test_tokens_are_folded_and_punctuation_is_dropped():
    from jixiao.web.portal.search import document_tokens, query_tokens

    assert query_tokens("“跨域通办”!!") == query_tokens("跨域通办")
    assert query_tokens("ＡＰＰ") == ["app"]  # full-width letters fold, case folds
    assert query_tokens(" ,。“”  ") == []
    assert "≥" not in document_tokens(["事项数≥200项"])
    assert "200" in document_tokens(["事项数≥200项"]).split()


def test_a_query_keeps_each_word_once_and_at_most_twelve():
    from jixiao.web.portal.search import MAX_QUERY_TOKENS, query_tokens

    assert query_tokens("政务 政务 政务") == ["政务"]
    many = " ".join(f"词{i}" for i in range(40))
    assert len(query_tokens(many)) == MAX_QUERY_TOKENS


def test_the_form_texts_include_tasks_indicators_and_problems(seed_core):
    from jixiao.web.portal.search import form_texts

    texts = [t for t in form_texts(seed_core) if t]
    joined = "\n".join(texts)
    assert seed_core.tasks[0].name in texts
    assert "跨域通办" in joined
    assert all(p in texts for p in seed_core.problems)


@pytest.mark.django_db
def test_the_full_text_structure_exists_for_the_database_in_use():
    from jixiao.web.portal.models import FTS_TABLE, GIN_INDEX

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT sql FROM sqlite_master WHERE name = %s", [FTS_TABLE])
            assert "fts5" in cursor.fetchone()[0].lower()
        else:
            cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = %s", [GIN_INDEX])
            assert "using gin (document)" in cursor.fetchone()[0].lower()
            cursor.execute(
                "SELECT generation_expression FROM information_schema.columns "
                "WHERE table_name = 'portal_searchentry' AND column_name = 'document'"
            )
            assert "to_tsvector('simple'" in cursor.fetchone()[0]
