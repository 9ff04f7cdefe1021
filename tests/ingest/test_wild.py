"""The importer on real published forms (tests/data/wild): the goals of issue 10."""

from __future__ import annotations

import pytest

from tests.ingest import wild_score


@pytest.fixture(scope="module")
def corpus() -> wild_score.CorpusScore:
    return wild_score.score_corpus()


def test_every_page_with_an_expected_file_is_scored(corpus: wild_score.CorpusScore) -> None:
    assert corpus.total.pages == len(list(wild_score.pages()))
    assert set(corpus.by_province) and set(corpus.by_layout) and set(corpus.by_serialisation)


def test_the_corpus_meets_the_goals_of_issue_10(corpus: wild_score.CorpusScore) -> None:
    # ≥ 95 % imported, ≥ 90 % of amounts and of indicator texts right, nothing invented.
    assert corpus.meets_goals() == []
