"""Numbers as forms write them: the words that make a figure approximate, the refusals (in Chinese,
quoting what was written) and the text kept beside the value."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from jixiao.core.numbers import NumberError, parse_amount, parse_quantity, parse_rate


@pytest.mark.parametrize(
    ("text", "approximate"),
    [
        ("约100人", True),
        ("大约100人", True),
        ("近100人", True),
        ("100人左右", True),
        ("100余人", True),
        ("100多人", True),
        ("100人", False),
    ],
)
def test_about_nearly_and_more_than_make_a_figure_approximate(text: str, approximate: bool) -> None:
    quantity = parse_quantity(text)
    assert (quantity.value, quantity.unit, quantity.multiplier) == (D(100), "人", D(1))
    assert quantity.approximate is approximate and quantity.text == text


def test_a_figure_without_its_integer_part_is_read() -> None:
    quantity = parse_quantity(".5万元")
    assert (quantity.value, quantity.unit, quantity.multiplier) == (D("0.5"), "元", D(10000))


@pytest.mark.parametrize(
    ("parse", "text", "message"),
    [
        (parse_quantity, "abc", "不是可读的数字: 'abc'"),
        (parse_amount, "100人", "不是金额: '100人'"),
        (parse_rate, "100人", "不是百分比: '100人'"),
    ],
)
def test_a_refusal_quotes_what_was_written(parse: object, text: str, message: str) -> None:
    with pytest.raises(NumberError) as refused:
        parse(text)  # type: ignore[operator]
    assert str(refused.value) == message


@pytest.mark.parametrize(("text", "wan"), [("5万元", D(5)), ("5万", D(5)), ("5元", D("0.0005"))])
def test_an_amount_is_read_in_wan_yuan(text: str, wan: D) -> None:
    assert parse_amount(text) == wan
