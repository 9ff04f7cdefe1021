"""A scoring scheme read from JSON: every refusal names the field and what was written, in Chinese,
and what is accepted is kept exactly (the keys left out keep the base scheme's values)."""

from __future__ import annotations

from decimal import Decimal as D
from typing import Any

import pytest

from jixiao.core.scoring import DEFAULT_SCHEME, SchemeError, scheme_from_dict
from jixiao.core.scoring.scheme import Category


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("x", "评分方案应为 JSON 对象"),
        ({"weights": "x", "abc": 1}, "评分方案中有未知字段:abc、weights"),
        ({"execution_weight": "20"}, "执行率与各类指标的分值合计应为 100 分,现为 20 + 50 + 30 + 10 = 110 分"),
        (
            {"execution_weight": 10.5},
            'execution_weight 应写成字符串(如 "10"),以免二进制浮点数丢失精度,实际为 10.5',
        ),
        ({"execution_weight": True}, 'execution_weight 应为数字字符串(如 "10"),实际为 True'),
        ({"execution_weight": None}, 'execution_weight 应为数字字符串(如 "10"),实际为 None'),
        ({"execution_weight": "abc"}, "execution_weight 应为数字,实际为 'abc'"),
        ({"tolerance": "-1"}, "tolerance 不能为负数或非有限数,实际为 '-1'"),
        ({"tolerance": "Infinity"}, "tolerance 不能为负数或非有限数,实际为 'Infinity'"),
        ({"categories": []}, "categories 应为非空列表"),
        ({"categories": "产出"}, "categories 应为非空列表"),
        ({"categories": [{"label": "x"}]}, "categories[0] 应为含 key、label、weight 的对象"),
        ({"categories": [{"key": "", "weight": "50"}]}, "categories[0] 应为含 key、label、weight 的对象"),
        (
            {"categories": [{"key": "a", "weight": "50", "keywords": "x"}]},
            "categories[0].keywords 应为字符串列表",
        ),
        (
            {"categories": [{"key": "a", "weight": "50", "name_keywords": [1]}]},
            "categories[0].name_keywords 应为字符串列表",
        ),
        (
            {"categories": [{"key": "a", "weight": "45"}, {"key": "a", "weight": "45"}]},
            "指标类别的 key 不能重复",
        ),
        (
            {"categories": [{"key": "a", "weight": "90"}], "default_category": "b"},
            "default_category “b” 不是已定义的指标类别",
        ),
        ({"grades": []}, "grades 应为非空列表"),
        ({"grades": [{"minimum": "0"}]}, "grades[0] 应为含 label 与 minimum 的对象"),
        (
            {"grades": [{"label": "优", "minimum": "101"}, {"label": "差", "minimum": "0"}]},
            "最高等级的最低分不能超过 100 分",
        ),
        (
            {
                "grades": [
                    {"label": "优", "minimum": "90"},
                    {"label": "良", "minimum": "90"},
                    {"label": "差", "minimum": "0"},
                ]
            },
            "等级应按最低分从高到低排列,且最低分各不相同",
        ),
        ({"printed_weights": "auto"}, 'printed_weights 应为 "form"(按表中分值)或 "scheme"(按方案权重折算)'),
    ],
)
def test_each_refusal_names_the_field_and_what_was_written(data: Any, message: str) -> None:
    with pytest.raises(SchemeError) as refused:
        scheme_from_dict(data)
    assert str(refused.value) == message


def test_what_is_written_is_kept_and_the_rest_comes_from_the_base() -> None:
    scheme = scheme_from_dict(
        {
            "name": "试行",
            "categories": [
                {"key": "a", "weight": "60", "keywords": ["产出", ""], "name_keywords": ["数量"]},
                {"key": "b", "label": "效益", "weight": "30"},
            ],
            "default_category": "a",
            "spot_check_gap": "3",
            "tolerance": " 0.5 ",
        }
    )
    assert scheme.name == "试行"
    assert scheme.categories == (
        Category(key="a", label="a", weight=D(60), keywords=("产出",), name_keywords=("数量",)),
        Category(key="b", label="效益", weight=D(30), keywords=(), name_keywords=()),
    )
    assert (scheme.default_category, scheme.spot_check_gap, scheme.tolerance) == ("a", D(3), D("0.5"))
    assert (scheme.execution_weight, scheme.grades, scheme.printed_weights) == (
        DEFAULT_SCHEME.execution_weight,
        DEFAULT_SCHEME.grades,
        DEFAULT_SCHEME.printed_weights,
    )


def test_new_categories_drop_the_base_default_category() -> None:
    assert DEFAULT_SCHEME.default_category == "output"
    assert scheme_from_dict({"categories": [{"key": "a", "weight": "90"}]}).default_category == ""
    assert scheme_from_dict({"tolerance": "1"}).default_category == "output"
