"""What an indicator evaluation says: the conditions read from the target, the actual values read
from the result (each with its evidence), the verdict, the score and the flags."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal, NamedTuple

from jixiao.core.numbers import plain

Verdict = Literal["met", "not_met", "unverifiable"]
MET: Verdict = "met"
NOT_MET: Verdict = "not_met"
UNVERIFIABLE: Verdict = "unverifiable"

# Operators of a condition. Quantities and dates use the comparison signs; grades on an ordinal
# scale use the same signs with ``unit == "等级"``; a qualitative target that is no grade uses "grade".
Operator = Literal["≥", "≤", ">", "<", "=", "grade"]
GRADE_UNIT = "等级"
DATE_UNIT = "日期"

# Flags a reviewer may filter on.
FLAG_AMBITION = "ambition"  # met by more than the ambition margin: was the target set too low?
FLAG_INFERRED = "operator_inferred"  # a bare value; the direction came from the indicator's kind
FLAG_ALTERNATIVES = "alternatives"  # several figures could answer; the nearest was taken
FLAG_ZERO_WORDS = "zero_from_words"  # 未发生 / 无 / 零 read as 0
FLAG_CLAIM = "generic_claim"  # a qualitative target answered by a claim such as 达成预期指标
FLAG_LOOSE_UNIT = "loose_unit"  # the figure's unit only loosely matches the target's (项 / 个)
FLAG_BARE_NUMBER = "bare_number"  # the result is a number without a unit
FLAG_SCORE_BAND = "score_band"  # qualitative shortfall: the reviewer picks a score within a band


_MULTIPLIER_NAMES = {Decimal(10000): "万", Decimal(100000000): "亿"}

# Causes of an unverifiable verdict.
CAUSE_NO_TARGET = "no_target"  # neither name nor target written
CAUSE_NO_TARGET_VALUE = "no_target_value"  # a name, but no target in it and no target cell
CAUSE_TRUNCATED = "truncated"  # only a unit or punctuation left ("个。")
CAUSE_GARBLED = "garbled"  # OCR damage or a template placeholder in the target
CAUSE_NO_RESULT = "no_result"  # the result cell is empty
CAUSE_NO_ACTUAL = "no_actual"  # no figure in the result answers the target ("完成")
CAUSE_TRIVIAL = "trivial_target"  # a bare 0 as a target where more is better
CAUSE_NO_DATE = "no_date"  # a deadline, and no completion date in the result
CAUSE_RESULT_CUT = "result_truncated"  # the result stops mid-word ("…服务范"): its end is missing
CAUSES = (
    CAUSE_NO_TARGET_VALUE,
    CAUSE_RESULT_CUT,
    CAUSE_NO_TARGET,
    CAUSE_TRUNCATED,
    CAUSE_GARBLED,
    CAUSE_NO_RESULT,
    CAUSE_NO_ACTUAL,
    CAUSE_TRIVIAL,
    CAUSE_NO_DATE,
)


class Condition(NamedTuple):
    """One comparison a target asks for: ``subject operator value unit``.

    A named tuple rather than a dataclass: immutable all the same, and five times cheaper to make,
    which matters at 20,000 evaluations a second.
    """

    subject: str
    operator: Operator
    value: Decimal | str
    unit: str = ""
    factor: Decimal = Decimal(1)  # 万 / 亿 / 千元 written with the value
    inferred: bool = False  # the target was a bare value; the operator came from the subject
    scale: str = ""  # the ordinal scale of a grade

    @property
    def scaled(self) -> Decimal:
        assert isinstance(self.value, Decimal)
        return self.value * self.factor

    @property
    def is_quantity(self) -> bool:
        return isinstance(self.value, Decimal)

    def describe(self) -> str:
        """Return the condition as a reader writes it: ``好评率≥95%``."""
        value = plain(self.value) if isinstance(self.value, Decimal) else self.value
        if self.operator == "grade":
            return f"{self.subject}{value}" if self.subject else value
        if self.unit == GRADE_UNIT:
            return f"{self.subject}{value}" + ("及以下" if self.operator == "≤" else "及以上")
        if self.unit == DATE_UNIT:
            return f"{self.subject}{_date_words(value)}前"
        return f"{self.subject}{self.operator}{value}{self.written_unit}"

    @property
    def written_unit(self) -> str:
        return _MULTIPLIER_NAMES.get(self.factor, "") + self.unit

    def to_dict(self) -> dict[str, Any]:
        value = plain(self.value) if isinstance(self.value, Decimal) else self.value
        return {"operator": self.operator, "value": value, "unit": self.written_unit}


def _date_words(value: str) -> str:
    """A deadline without a year ("--11-30", ISO) as a reader writes it: "11月30日"."""
    if not value.startswith("--"):
        return value
    month, _, day = value[2:].partition("-")
    return f"{int(month)}月" + (f"{int(day)}日" if day else "")


class Actual(NamedTuple):
    """A value read from the result, with the span of result text it came from."""

    value: Decimal | str
    unit: str
    evidence: tuple[int, int]
    factor: Decimal = Decimal(1)
    alternatives: tuple[Actual, ...] = ()  # the other figures that could have answered

    @property
    def scaled(self) -> Decimal:
        assert isinstance(self.value, Decimal)
        return self.value * self.factor

    @property
    def written_unit(self) -> str:
        return _MULTIPLIER_NAMES.get(self.factor, "") + self.unit

    def to_dict(self) -> dict[str, Any]:
        value = plain(self.value) if isinstance(self.value, Decimal) else self.value
        return {"value": value, "unit": self.written_unit, "evidence": [self.evidence[0], self.evidence[1]]}


@dataclass(frozen=True)
class Evaluation:
    """The verdict on one indicator, with what it rests on.

    ``reason`` is Chinese, for the filler; ``actual`` lines up with ``conditions`` where a value was
    found for every condition. ``score`` is None when no weight was given, when the verdict is
    unverifiable, or when a qualitative shortfall leaves the reviewer a band (``score_band``).
    """

    verdict: Verdict
    conditions: tuple[Condition, ...] = ()
    actual: tuple[Actual, ...] = ()
    score: Decimal | None = None
    flags: list[str] = field(default_factory=list)
    reason: str = ""
    score_band: tuple[Decimal, Decimal] | None = None
    # Why an indicator is unverifiable, for checks and filters: one of CAUSES.
    cause: str = ""

    def to_dict(self) -> dict[str, Any]:
        """Return the CLI / report fields, JSON-ready, decimals as strings."""
        return {
            "verdict": self.verdict,
            "conditions": [c.to_dict() for c in self.conditions],
            "actual": [a.to_dict() for a in self.actual],
            "score": None if self.score is None else plain(self.score),
            "flags": list(self.flags),
            "reason": self.reason,
        }
