"""Review problems are stable English phrases in the JSON and a Chinese sentence on screen."""

from __future__ import annotations

from jixiao.ingest import read_form
from jixiao.ingest.review import Review, describe
from tests.conftest import SEED_TEXT


def test_every_problem_the_seed_raises_has_a_chinese_description() -> None:
    for item in read_form(SEED_TEXT).form.review:
        chinese = describe(item.problem)
        assert chinese != item.problem
        assert any("\u4e00" <= ch <= "\u9fff" for ch in chinese)
    assert describe("truncated: only '个。' left") == "内容被截断,只剩“个。”"


def test_an_unknown_problem_is_quoted_in_a_chinese_sentence() -> None:
    assert describe("something new") == "导入时未能确认的内容:something new"
    assert describe("以下单位未填写") == "以下单位未填写"


def test_the_same_problem_at_the_same_path_is_listed_once() -> None:
    review = Review()
    review.add("funds.actual", "empty cell", "line 3")
    review.add("funds.actual", "empty cell", "line 4")
    review.add("funds.actual", "not found in the document", None)
    assert [(i.path, i.problem) for i in review.items] == [
        ("funds.actual", "empty cell"),
        ("funds.actual", "not found in the document"),
    ]
