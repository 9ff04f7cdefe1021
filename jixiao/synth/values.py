"""Targets and actual values of synthetic indicators, and how they move from one year to the next.

All figures are ``Decimal``; random draws are integers (basis points, steps) turned into Decimals, so
no binary floating point touches a figure. The distributions are in ``distributions.py``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from jixiao.synth.catalogue import Metric
from jixiao.synth.distributions import CONTINUITY, Odds

HUNDRED = Decimal(100)
ONE = Decimal(1)
ZERO = Decimal(0)

# Month ends, for deadline targets written as "12月底前".
_MONTH_END = {1: 31, 2: 28, 3: 31, 4: 30, 5: 31, 6: 30, 7: 31, 8: 31, 9: 30, 10: 31, 11: 30, 12: 31}


@dataclass(frozen=True)
class Value:
    """One indicator in one year: what was aimed at, what was achieved, and how the aim moved."""

    metric: Metric
    target: Decimal | str  # a figure, or a word (grade, qualitative) or a date (YYYY-MM-DD)
    actual: Decimal | str
    met: bool
    change: str | None = None  # copied / raised / below_last_actual / lowered (from the 2nd year)
    previous_target: Decimal | str | None = None
    previous_actual: Decimal | str | None = None


def decimals_of(values: tuple[Decimal, ...]) -> int:
    exponents = [v.as_tuple().exponent for v in values]
    return max((-e for e in exponents if isinstance(e, int) and e < 0), default=0)


def quantize(value: Decimal, places: int) -> Decimal:
    return value.quantize(ONE.scaleb(-places), rounding=ROUND_HALF_UP)


def share(rng: random.Random, low_bp: int, high_bp: int) -> Decimal:
    """Return a fraction drawn uniformly between two values in basis points (1/10000)."""
    return Decimal(rng.randint(low_bp, high_bp)) / 10000


def precision(metric: Metric) -> int:
    """Decimals a figure of this metric is written with (counts 0, 万-units 2, rates 2)."""
    if metric.percent:
        return 2
    if metric.unit.startswith("万"):
        return 2
    assert isinstance(metric.targets, tuple)
    return decimals_of(metric.targets)


# --- targets --------------------------------------------------------------------------------------


def first_target(
    rng: random.Random, metric: Metric, year: int, budget: Decimal | None = None
) -> Decimal | str:
    """Return the target of a metric in its first year."""
    if metric.kind == "cost":
        assert budget is not None
        return budget
    if metric.kind == "deadline":
        return _deadline(rng, str(metric.targets), year)
    if isinstance(metric.targets, str):
        return metric.targets
    return rng.choice(metric.targets)


def _deadline(rng: random.Random, written: str, year: int) -> str:
    if "-" in written:
        month, day = (int(part) for part in written.split("-"))
    else:
        month = int(written)
        day = _MONTH_END[month]
    return f"{year:04d}-{month:02d}-{day:02d}"


def next_target(
    rng: random.Random, metric: Metric, previous: Value, year: int, budget: Decimal | None
) -> tuple[Decimal | str, str | None]:
    """Return this year's target from last year's target and actual, and how it moved.

    Only quantitative targets move (and are compared by issue 13's screens); a grade, a qualitative
    target and a 100% target stay as they were, a deadline moves to this year, a cost follows the budget.
    """
    if metric.kind == "cost":
        assert budget is not None
        return budget, None
    if metric.kind == "deadline":
        return _deadline(rng, str(metric.targets), year), None
    if metric.kind in ("grade", "qual", "eq") or not isinstance(previous.target, Decimal):
        return previous.target, None
    assert isinstance(previous.actual, Decimal)
    target, actual = previous.target, previous.actual
    places = precision(metric)
    better = actual < target if metric.less_is_better else actual > target
    roll = rng.randrange(1000)
    odds: Odds = CONTINUITY
    if roll < odds["copied"]:
        return target, "copied"
    roll -= odds["copied"]
    if roll < odds["below_last_actual"] and better:
        # Set between last year's target and last year's actual: below what was already achieved.
        low, high = (actual, target) if metric.less_is_better else (target, actual)
        candidate = quantize(low + (high - low) * share(rng, 2000, 8000), places)
        candidate = _nice(candidate, metric)
        if candidate != target and (candidate > actual if metric.less_is_better else candidate < actual):
            return candidate, "below_last_actual"
        return target, "copied"
    roll -= odds["below_last_actual"]
    if roll < odds["lowered"]:
        factor = ONE + share(rng, 500, 1500) if metric.less_is_better else ONE - share(rng, 500, 1500)
        candidate = _cap(_nice(quantize(target * factor, places), metric), metric)
        if candidate != target and candidate > ZERO:
            return candidate, "lowered"
        return target, "copied"
    # Raised: at least last year's actual, a few percent more ambitious.
    base = min(target, actual) if metric.less_is_better else max(target, actual)
    if metric.less_is_better:
        candidate = quantize(base * (ONE - share(rng, 300, 1000)), places)
    elif metric.percent:
        candidate = quantize(base + Decimal(rng.randint(1, 4)) / 2, places)
    else:
        candidate = quantize(base * (ONE + share(rng, 300, 1000)), places)
    candidate = _cap(_nice(candidate, metric), metric)
    if candidate == target:
        return target, "copied"
    return candidate, "raised"


def _nice(value: Decimal, metric: Metric) -> Decimal:
    """Round a target as people write targets: 1,250 rather than 1,247; 96.5% rather than 96.37%."""
    if metric.percent:
        return quantize(value * 2, 0) / 2 if value >= 10 else quantize(value, 1)
    if metric.unit.startswith("万"):
        return quantize(value, 1)
    if value >= 1000:
        return quantize(value / 50, 0) * 50
    if value >= 100:
        return quantize(value / 5, 0) * 5
    return quantize(value, 0)


def _cap(value: Decimal, metric: Metric) -> Decimal:
    return min(value, HUNDRED) if metric.percent and metric.kind != "rate_down" else value


# --- actual values --------------------------------------------------------------------------------


def draw_actual(
    rng: random.Random, metric: Metric, target: Decimal | str, met: bool, *, overshoot: bool = False
) -> Decimal | str:
    """Return an actual value that meets the target (or falls short of it).

    ``overshoot``: beat the target by far (a target set too low); otherwise a met value stays within
    the engine's ambition margin where the metric allows.
    """
    kind = metric.kind
    if kind == "grade":
        if met:
            return rng.choice(("优秀", "良好")) if target == "良好" else rng.choice(("优秀", "良好", "合格"))
        return "合格" if target == "良好" else "不合格"
    if kind == "qual":
        return "达成预期指标" if met else "基本达到"
    if kind == "deadline":
        assert isinstance(target, str)
        year, month, day = (int(part) for part in target.split("-"))
        if met:
            done_month = rng.randint(max(1, month - 4), month)
            done_day = rng.randint(1, min(day, _MONTH_END[done_month]) if done_month == month else 28)
            return f"{year:04d}-{done_month:02d}-{done_day:02d}"
        late = month + rng.randint(1, 3)
        if late > 12:
            return f"{year + 1:04d}-{late - 12:02d}-{rng.randint(1, 28):02d}"
        return f"{year:04d}-{late:02d}-{rng.randint(1, 28):02d}"
    assert isinstance(target, Decimal)
    places = precision(metric)
    if kind == "eq":
        return HUNDRED if met else quantize(HUNDRED - share(rng, 30, 500) * 100, 2)
    if kind == "cost":
        raise ValueError("a cost's actual value is the project's expenditure")
    if metric.less_is_better:
        if met:
            if target == ZERO:
                return ZERO
            low = 0 if overshoot else 8000
            return quantize(target * share(rng, low, 10000), places)
        step = ONE.scaleb(-places)
        return max(target + step, quantize(target * (ONE + share(rng, 1000, 8000)), places))
    if met:
        if metric.percent:
            room = min(HUNDRED - target, target * Decimal("0.18"))
            return quantize(target + room * share(rng, 0, 10000), places) if room > 0 else target
        high = share(rng, 2500, 8000) if overshoot else share(rng, 0, 1600)
        return quantize(target * (ONE + high), places)
    shortfall = share(rng, 200, 3000)
    value = quantize(target * (ONE - shortfall), places)
    return value if value < target else target - ONE.scaleb(-places)


def exceeds_by(metric: Metric, target: Decimal | str, actual: Decimal | str) -> Decimal | None:
    """By how many percent the actual beats the target, as the indicator engine computes it."""
    if not isinstance(target, Decimal) or not isinstance(actual, Decimal) or metric.kind == "eq":
        return None
    if target <= 0:
        return None
    if metric.less_is_better:
        return (target - actual) / target * HUNDRED
    return (actual - target) / target * HUNDRED
