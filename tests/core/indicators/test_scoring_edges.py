"""Scoring (财预〔2020〕10号) at its edges: zeros, rounding ties (四舍五入) and every grade gap."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from jixiao.core.indicators import evaluate
from jixiao.core.indicators.model import Actual, Condition
from jixiao.core.indicators.scoring import band, exceeds_by, holds, quantity_score, ratio


def _c(op: str, value: str, unit: str = "个") -> Condition:
    return Condition(subject="", operator=op, value=D(value), unit=unit)  # type: ignore[arg-type]


def _a(value: str, unit: str = "个") -> Actual:
    return Actual(value=D(value), unit=unit, evidence=(0, 1))


@pytest.mark.parametrize(
    ("op", "target", "actual", "share"),
    [
        ("≥", "0", "0", "1"),  # a zero target met by nothing
        ("≥", "10", "0", "0"),  # nothing done: no points, never a division by zero
        ("≤", "0", "5", "0"),  # at most none, five: no points
        ("≤", "10", "0", "1"),
        ("=", "0", "2", "0"),  # a missed "=" target with a zero: no points, no division by zero
        ("=", "5", "0", "0"),
        ("=", "50", "100", "0.5"),
        (">", "0", "0", "0"),
        ("<", "0", "0", "1"),  # "fewer than none" with none: the share is capped at full points
    ],
)
def test_a_share_of_the_points_at_zero(op: str, target: str, actual: str, share: str) -> None:
    assert ratio(_c(op, target), _a(actual)) == D(share)


def test_a_score_is_rounded_once_half_up() -> None:
    # 88.85 of at least 100: 10 × 0.8885 = 8.885 → 8.89 (四舍五入, not banker's 8.88)
    assert quantity_score(D(10), [(_c("≥", "100"), _a("88.85"))]) == D("8.89")
    assert quantity_score(D(10), [(_c("≥", "100"), _a("88.84"))]) == D("8.88")
    # two conditions share the points equally; the sum is rounded once
    pairs = [(_c("≥", "3"), _a("1")), (_c("≥", "3"), _a("2"))]
    assert quantity_score(D(10), pairs) == D("5.00")
    assert quantity_score(D(0), pairs) == D("0.00")


def test_a_score_never_exceeds_the_points() -> None:
    assert quantity_score(D(10), [(_c("≥", "100"), _a("1000"))]) == D("10.00")
    assert quantity_score(D(10), [(_c("≤", "10"), _a("1"))]) == D("10.00")


@pytest.mark.parametrize(
    ("gap", "low", "high"),
    [
        (-1, "8.00", "10.00"),
        (0, "8.00", "10.00"),
        (1, "6.00", "8.00"),
        (2, "0.00", "6.00"),
        (3, "0.00", "6.00"),
    ],
)
def test_every_grade_gap_has_its_band(gap: int, low: str, high: str) -> None:
    assert band(D(10), gap) == (D(low), D(high))


def test_a_band_rounds_half_up() -> None:
    assert band(D("0.0625"), 1) == (D("0.04"), D("0.05"))  # 0.0375 → 0.04, 0.05


@pytest.mark.parametrize(
    ("target", "result", "low", "high"),
    [
        ("优秀", "获评良好", "6.00", "8.00"),
        ("优秀", "获评合格", "0.00", "6.00"),
        ("优秀", "获评差", "0.00", "6.00"),
        ("良好以上", "获评合格", "6.00", "8.00"),
    ],
)
def test_a_qualitative_shortfall_gets_the_band_of_its_gap(
    target: str, result: str, low: str, high: str
) -> None:
    evaluation = evaluate("考核等级", target, result, D(10))
    assert evaluation.verdict == "not_met"
    assert evaluation.score is None and evaluation.score_band == (D(low), D(high))


def test_the_ambition_margin_needs_a_positive_target() -> None:
    assert exceeds_by(_c("≥", "0"), _a("5")) is None
    assert exceeds_by(_c("≥", "100"), _a("150")) == D(50)
    assert exceeds_by(_c("≤", "10"), _a("5")) == D(50)
    assert exceeds_by(_c("=", "10"), _a("5")) is None


def test_equality_is_judged_at_two_decimals_at_least() -> None:
    assert holds(_c("=", "100", "%"), _a("99.996", "%"))
    assert not holds(_c("=", "100", "%"), _a("99.9", "%"))
