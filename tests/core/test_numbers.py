from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.core.numbers import (
    NumberError,
    decimals,
    equal_up_to_rounding,
    format_amount,
    format_rate,
    is_absent,
    parse_amount,
    parse_chinese_integer,
    parse_quantity,
    parse_rate,
    quantize2,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("9,368.62", "9368.62"),
        ("９３６８．６２", "9368.62"),
        ("9368.62", "9368.62"),
        ("1.83", "1.83"),
        ("约18713万元", "18713"),
        ("16.35万", "16.35"),
        ("1.2亿元", "12000"),
        ("387664.62元", "38.766462"),
        (" 463.41 ", "463.41"),
        ("-3.5", "-3.5"),
        ("－3.5", "-3.5"),
    ],
)
def test_it_reads_amounts_as_written_in_real_forms(text: str, expected: str) -> None:
    assert parse_amount(text) == Decimal(expected)


def test_it_reads_amounts_into_yuan_forms() -> None:
    assert parse_amount("16.35万", unit="元") == Decimal("163500")
    assert parse_amount("387664.62", unit="元") == Decimal("387664.62")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("97.10%", "97.10"),
        ("97.1％", "97.1"),
        ("1.83", "1.83"),
        ("0.00%", "0.00"),
        ("103.21%", "103.21"),
        ("100百分比", "100"),
    ],
)
def test_it_reads_rates_in_percentage_points(text: str, expected: str) -> None:
    value = parse_rate(text)
    assert value == Decimal(expected)
    assert str(value) == expected  # the written precision is kept


@pytest.mark.parametrize("text", ["—", "/", "－", "", "  ", "-", "——", None, "无"])
def test_it_reads_empty_marks_as_absent(text: str | None) -> None:
    assert is_absent(text)
    assert parse_amount(text) is None
    assert parse_rate(text) is None


@pytest.mark.parametrize("text", ["7,00.0,77", "abc", ".32.06.5", "12ab34"])
def test_it_refuses_malformed_figures(text: str) -> None:
    with pytest.raises(NumberError):
        parse_quantity(text)


def test_it_keeps_unit_multiplier_and_approximation() -> None:
    quantity = parse_quantity("约18713万元")
    assert quantity is not None
    assert (quantity.value, quantity.unit, quantity.multiplier, quantity.approximate) == (
        Decimal("18713"),
        "元",
        Decimal("10000"),
        True,
    )
    households = parse_quantity("16.35万户")
    assert households is not None and households.scaled == Decimal("163500.00")


def test_it_refuses_a_percentage_as_an_amount() -> None:
    with pytest.raises(NumberError):
        parse_amount("97.10%")
    with pytest.raises(NumberError):
        parse_rate("16.35万")


def test_it_rounds_half_up_once() -> None:
    assert quantize2(Decimal("97.125")) == Decimal("97.13")
    assert quantize2(Decimal("2.675")) == Decimal("2.68")  # a float would give 2.67
    assert quantize2(Decimal("-0.005")) == Decimal("-0.01")


def test_it_displays_amounts_and_rates_with_two_decimals() -> None:
    assert format_amount(Decimal("9368.6")) == "9,368.60万元"
    assert format_amount(None) == "—"
    assert format_rate(Decimal("97.1")) == "97.10%"
    assert format_rate(Decimal("97.125")) == "97.13%"


@pytest.mark.parametrize(
    ("a", "b", "equal"),
    [
        ("103.8", "104", True),
        ("83.93", "84.34", False),
        ("99", "99.0", True),
        ("97.13", "97.1", True),
        ("97.16", "97.1", False),
    ],
)
def test_it_compares_figures_up_to_rounding(a: str, b: str, equal: bool) -> None:
    assert equal_up_to_rounding(Decimal(a), Decimal(b)) is equal
    assert equal_up_to_rounding(Decimal(b), Decimal(a)) is equal


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("十", 10),
        ("一百二十", 120),
        ("两", 2),
        ("三千零五", 3005),
        ("十八", 18),
        ("18", 18),
        ("一万二千", 12000),
    ],
)
def test_it_reads_chinese_numerals(text: str, value: int) -> None:
    assert parse_chinese_integer(text) == value


def test_it_does_not_read_words_as_numerals() -> None:
    assert parse_chinese_integer("关键") is None


amounts = st.decimals(
    min_value=Decimal("-1e9"), max_value=Decimal("1e9"), places=2, allow_nan=False, allow_infinity=False
)


@given(amounts)
def test_plain_text_amounts_read_back_exactly(value: Decimal) -> None:
    assert parse_amount(format(value, "f")) == value


@given(amounts)
def test_grouped_and_full_width_amounts_read_back_exactly(value: Decimal) -> None:
    grouped = f"{value:,.2f}"
    assert parse_amount(grouped) == value
    full_width = grouped.translate(str.maketrans("0123456789.,-", "０１２３４５６７８９．，－"))
    assert parse_amount(full_width) == value


@given(st.decimals(min_value=0, max_value=1000, places=2))
def test_rates_with_either_percent_sign_read_the_same(value: Decimal) -> None:
    assert parse_rate(f"{value}%") == parse_rate(f"{value}％") == value


@given(st.integers(min_value=0, max_value=10**12))
@settings(max_examples=300, deadline=None)
def test_it_reads_back_every_chinese_numeral_it_is_given(n: int) -> None:
    import cn2an

    written = cn2an.an2cn(n)
    assert parse_chinese_integer(written) == n
    assert parse_chinese_integer(written.replace("二", "两", 1)) == n or "二" not in written


@pytest.mark.parametrize("text", ["", "关键", "3千", "十个", "一点五"])
def test_it_reads_nothing_that_is_not_a_whole_numeral(text: str) -> None:
    assert parse_chinese_integer(text) is None


def test_a_leading_unit_counts_one() -> None:
    assert (parse_chinese_integer("百"), parse_chinese_integer("千五"), parse_chinese_integer("万")) == (
        100,
        1500,
        10000,
    )


def test_it_names_an_unknown_amount_unit() -> None:
    from jixiao.core.numbers import NumberError, parse_amount

    with pytest.raises(NumberError, match="未知金额单位: 美元"):
        parse_amount("5元", unit="美元")


def test_a_figure_with_an_exponent_is_written_out() -> None:
    from jixiao.core.form import Form, Funds

    assert decimals(Decimal("1E+2")) == 0 and decimals(Decimal("1.50")) == 2
    assert Form(funds=Funds(actual=Decimal("1E+2"))).to_dict()["funds"]["actual"] == "100"


@pytest.mark.parametrize("text", ["null", "NULL", "None", "n/a", "N/A", "—", "－", "无"])
def test_it_reads_the_ways_of_writing_nothing(text: str) -> None:
    from jixiao.core.numbers import is_absent

    assert is_absent(text)


def test_a_unit_is_at_most_eight_characters() -> None:
    assert parse_quantity("5个工作日个工作日") is not None and len("个工作日个工作日") == 8
    with pytest.raises(NumberError):
        parse_quantity("5个工作日个工作日个")


def test_rounding_is_half_up_at_every_precision() -> None:
    from jixiao.core.numbers import plain, quantize_like

    assert quantize_like(Decimal("0.125"), Decimal("0.13")) == Decimal("0.13")  # not banker's 0.12
    assert equal_up_to_rounding(Decimal("0.125"), Decimal("0.13"))
    assert equal_up_to_rounding(Decimal("103.85"), Decimal("103.9"))
    assert plain(Decimal("1E+2")) == "100" and plain(Decimal("97.10")) == "97.10"


def test_written_figures_keep_their_decimals_and_qualifiers() -> None:
    assert str(parse_amount("16.30万")) == "16.30"
    quantity = parse_quantity("100多人")
    assert quantity is not None and (quantity.value, quantity.unit, quantity.approximate) == (
        Decimal(100),
        "人",
        True,
    )
    quantity = parse_quantity("20余个")
    assert quantity is not None and (quantity.unit, quantity.approximate) == ("个", True)
    assert parse_rate("９７。１０％") == Decimal("97.10")
