"""Amounts on the form: what is refused and what the filler is told (in Chinese, with what was
written), and how amounts are written out (as exact decimal strings, Chinese kept as characters)."""

from __future__ import annotations

import json
from decimal import Decimal as D
from typing import Any

import pytest
from pydantic import ValidationError

from jixiao.core.form import Form


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (True, "Value error, 应为数字字符串,不能是布尔值"),
        (9368.62, 'Value error, 应为数字字符串(如 "9368.62"),实际为 float'),
        ("abc", "Value error, 应为数字字符串(如 \"9368.62\"),实际为 'abc'"),
        ([1], 'Value error, 应为数字字符串(如 "9368.62"),实际为 list'),
    ],
)
def test_an_amount_that_is_no_number_string_is_refused_saying_what_was_written(
    seed_form: Form, value: Any, message: str
) -> None:
    data = json.loads(seed_form.to_json())
    data["funds"]["adjusted_budget"] = value
    with pytest.raises(ValidationError) as refused:
        Form.model_validate(data)
    assert [e["msg"] for e in refused.value.errors()] == [message]


def test_a_whole_number_is_read_exactly(seed_form: Form) -> None:
    data = json.loads(seed_form.to_json())
    data["funds"]["adjusted_budget"] = 9368
    assert Form.model_validate(data).funds.adjusted_budget == D(9368)


def test_amounts_are_written_as_exact_strings_and_chinese_as_characters(seed_form: Form) -> None:
    written = seed_form.to_dict()
    assert written["funds"]["adjusted_budget"] == "9368.62"
    text = seed_form.to_json()
    assert '"adjusted_budget": "9368.62"' in text and seed_form.department in text
