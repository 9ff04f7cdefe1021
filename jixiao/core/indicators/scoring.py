"""Scores (财预〔2020〕10号, FORM.md §5) and the ambition flag.

Quantitative: met → full points; "at least" not met → points × actual ÷ target; "at most" not met →
points × target ÷ actual; never above full points. Several conditions share the points equally.
Qualitative: three bands of the points (100–80%, 80–60%, 60–0%); the reviewer picks within the band.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from jixiao.core.indicators.model import Actual, Condition

CENT = Decimal("0.01")
ONE = Decimal(1)
ZERO = Decimal(0)
HUNDRED = Decimal(100)
BANDS: tuple[tuple[Decimal, Decimal], ...] = (
    (Decimal("0.8"), ONE),
    (Decimal("0.6"), Decimal("0.8")),
    (ZERO, Decimal("0.6")),
)


def holds(condition: Condition, actual: Actual) -> bool:
    """Return True when the actual value satisfies the condition (equality within the stated precision)."""
    a, t = actual.scaled, condition.scaled
    op = condition.operator
    if op == "≥":
        return a >= t
    if op == "≤":
        return a <= t
    if op == ">":
        return a > t
    if op == "<":
        return a < t
    return equal_within_precision(a, condition)


def equal_within_precision(a: Decimal, condition: Condition) -> bool:
    """Return True when ``a`` equals the target at the target's precision, never coarser than 0.01.

    Forms print rates with two decimals, so 99.996% is 100% (it prints as 100.00%), but 99.9% is
    not 100%: a target of "=100%" is not met by a rounding of a visible shortfall.
    """
    assert isinstance(condition.value, Decimal)
    exponent = condition.value.as_tuple().exponent  # -3 for "0.125"; an int for every finite value
    places = ONE.scaleb(min(exponent, -2)) if isinstance(exponent, int) else CENT
    return (a / condition.factor).quantize(places, rounding=ROUND_HALF_UP) == condition.value


def ratio(condition: Condition, actual: Actual) -> Decimal:
    """Return the share of the points one condition earns, between 0 and 1."""
    if holds(condition, actual):
        return ONE
    a, t = actual.scaled, condition.scaled
    if condition.operator in ("≥", ">"):
        share = a / t if t > 0 else ZERO
    elif condition.operator in ("≤", "<"):
        share = t / a if a > 0 else ONE
    else:
        share = min(a / t, t / a) if a > 0 and t > 0 else ZERO
    return max(ZERO, min(ONE, share))


def quantity_score(weight: Decimal, pairs: list[tuple[Condition, Actual]]) -> Decimal:
    """Return the points for quantitative conditions, rounded once to 0.01."""
    total = sum((ratio(c, a) for c, a in pairs), ZERO)
    return (weight * total / len(pairs)).quantize(CENT, rounding=ROUND_HALF_UP)


def band(weight: Decimal, levels_short: int) -> tuple[Decimal, Decimal]:
    """Return the score band for a qualitative result ``levels_short`` levels below the target."""
    low, high = BANDS[min(max(levels_short, 0), 2)]
    return (weight * low).quantize(CENT, rounding=ROUND_HALF_UP), (weight * high).quantize(
        CENT, rounding=ROUND_HALF_UP
    )


def exceeds_by(condition: Condition, actual: Actual) -> Decimal | None:
    """Return by how many percent the actual beats the target, or None when it cannot be said."""
    a, t = actual.scaled, condition.scaled
    if t <= 0:
        return None
    if condition.operator in ("≥", ">"):
        return (a - t) / t * HUNDRED
    if condition.operator in ("≤", "<"):
        return (t - a) / t * HUNDRED
    return None
