"""Comparisons a reviewer asks for: a form against the same unit's form of last year, and a unit's score
against its peers.

- ``targets_below_last_actual``: this year's target is easier than what the unit already achieved last
  year for the same indicator (an "at least" target below last year's actual value, an "at most"
  target above it), in the same unit.
- ``copied_targets``: this year's target is last year's target unchanged (except targets that cannot be
  raised: ≥ 100 %, ≤ 0).
- ``all_met_low_execution``: the form says every indicator was met (均已完成 …), or every indicator it
  lists is met, while its execution rate is below 80 %.
- ``peer_ranks``: each score's rank among its peers (the units of one department), the median and the
  distance from it.

Indicators of two years are matched by name after ``normalise_name``: full-width forms folded, notes in
brackets, figures, comparison words and units taken out, so "好评率≥95%" and "好评率97%以上" match.
Only quantities are compared (a target and a result read by the indicator engine, one condition each);
grades and texts are left alone. Pure Python: the web layer only lists what these return.
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TypeVar

from jixiao.core.checks.indicators import ALL_MET_CLAIM
from jixiao.core.compute import compute
from jixiao.core.form import Form
from jixiao.core.indicators import MET, Evaluation, evaluate
from jixiao.core.numbers import plain

LOW_EXECUTION = Decimal(80)

_BRACKETS = re.compile(r"[((【\[][^))】\]]*[))】\]]")
_FIGURE = re.compile(
    r"(?:≥|≤|>=|<=|>|<|=|＞|＜|不少于|不低于|不高于|不超过|不多于|至少|达到|控制在|低于|高于|大于|小于)?"
    r"\s*\d[\d,.]*\s*(?:%|万元|亿元|千元|元|万人次|人次|万人|人|万|亿|个|项|次|台|家|所|组|件|场|天|日|小时|"
    r"分钟|户|名|套|册|篇|期|座|条|宗|批|辆|株|亩|平方米|公里|米|吨|张|份|单|起|类|部|棵|处|间|床)?"
    r"(?:以上|以下|以内|及以上|及以下)?"
)
_NOISE = re.compile(r"[\s\"'“”‘’《》★☆*·.,;:。,;:!?!?、/\\-]+")


def normalise_name(name: str | None) -> str:
    """Return an indicator name as the key of a match between years: no figures, units, comparison
    words, bracketed notes, spaces or punctuation; full-width forms folded (NFKC)."""
    text = unicodedata.normalize("NFKC", name or "")
    text = _BRACKETS.sub("", text)
    text = _FIGURE.sub("", text)
    text = _NOISE.sub("", text)
    return text.removeprefix("其中")


@dataclass(frozen=True)
class Quantity:
    """One indicator's target and result as the engine reads them (one condition, a quantity)."""

    path: str
    name: str
    key: str
    operator: str
    target: Decimal  # scaled (万 and 亿 applied)
    unit: str
    written: str  # the target as a reader writes it: 好评率≥95%
    actual: Decimal | None  # scaled, when the result gives one figure in the target's unit
    factor: Decimal = Decimal(1)  # the target's 万 / 亿, to show an actual value as the target writes it

    def shown(self, value: Decimal) -> str:
        """Return a scaled value in the target's own unit: 3.48万人, not 34800万人."""
        return f"{plain(value / self.factor)}{self.unit}"


def quantities(form: Form, evaluations: Sequence[tuple[str, Evaluation]] | None = None) -> list[Quantity]:
    """Return the form's indicators that have a quantity target, with their result where it is read."""
    by_path = dict(evaluations) if evaluations is not None else {}
    found = []
    for path, indicator in form.all_indicators():
        key = normalise_name(indicator.name or indicator.target)
        if not key:
            continue
        evaluation = by_path.get(path) or evaluate(indicator.name, indicator.target, indicator.result)
        if len(evaluation.conditions) != 1:
            continue
        condition = evaluation.conditions[0]
        if not condition.is_quantity or condition.operator == "grade":
            continue
        actual = None
        if len(evaluation.actual) == 1 and evaluation.actual[0].unit == condition.unit:
            value = evaluation.actual[0]
            actual = value.scaled if isinstance(value.value, Decimal) else None
        found.append(
            Quantity(
                path=path,
                name=(indicator.name or "").strip(),
                key=key,
                operator=condition.operator,
                target=condition.scaled,
                unit=condition.written_unit,
                written=condition.describe(),
                actual=actual,
                factor=condition.factor,
            )
        )
    return found


@dataclass(frozen=True)
class YearPair:
    """One indicator this year beside the same indicator last year, and what the comparison says."""

    path: str
    previous_path: str
    name: str
    target: str  # this year's, as written by the engine
    previous_target: str
    previous_actual: str | None
    explanation: str


def _match(current: list[Quantity], previous: list[Quantity]) -> list[tuple[Quantity, Quantity]]:
    earlier: dict[str, Quantity] = {}
    for item in previous:
        earlier.setdefault(item.key, item)
    return [(item, earlier[item.key]) for item in current if item.key in earlier]


def _pair(now: Quantity, then: Quantity, achieved: str | None, explanation: str) -> YearPair:
    """This year's indicator `now` beside last year's `then`, with what was achieved last year."""
    return YearPair(
        path=now.path,
        previous_path=then.path,
        name=now.name or now.written,
        target=now.written,
        previous_target=then.written,
        previous_actual=achieved,
        explanation=explanation,
    )


def targets_below_last_actual(
    current: Form,
    previous: Form,
    *,
    current_evaluations: Sequence[tuple[str, Evaluation]] | None = None,
    previous_evaluations: Sequence[tuple[str, Evaluation]] | None = None,
) -> list[YearPair]:
    """Return this year's targets that are easier than last year's actual value of the same indicator."""
    found = []
    pairs = _match(quantities(current, current_evaluations), quantities(previous, previous_evaluations))
    for now, then in pairs:
        if then.actual is None or now.unit != then.unit:
            continue
        if now.operator in ("≥", ">") and now.target < then.actual:
            how = "低于"
        elif now.operator in ("≤", "<") and now.target > then.actual:
            how = "宽于"
        else:
            continue
        achieved = then.shown(then.actual)
        explanation = f"今年目标“{now.written}”{how}上年实际完成值 {achieved}(上年目标“{then.written}”)。"
        found.append(_pair(now, then, achieved, explanation))
    return found


def _at_limit(item: Quantity) -> bool:
    """A target that cannot be set higher: ≥ 100 % (or = 100 %), or nothing at all (≤ 0: 未发生事故)."""
    if item.operator in ("≥", "=") and item.unit == "%" and item.target >= 100:
        return True
    return item.operator in ("≤", "=") and item.target == 0


def copied_targets(
    current: Form,
    previous: Form,
    *,
    current_evaluations: Sequence[tuple[str, Evaluation]] | None = None,
    previous_evaluations: Sequence[tuple[str, Evaluation]] | None = None,
) -> list[YearPair]:
    """Return this year's targets that are last year's target unchanged (same direction, value, unit),
    leaving out those that cannot be raised (≥ 100 %, ≤ 0)."""
    found = []
    pairs = _match(quantities(current, current_evaluations), quantities(previous, previous_evaluations))
    for now, then in pairs:
        if (now.operator, now.target, now.unit) != (then.operator, then.target, then.unit):
            continue
        if _at_limit(now):
            continue
        achieved = None if then.actual is None else then.shown(then.actual)
        done = f",上年实际完成 {achieved}" if achieved else ""
        found.append(_pair(now, then, achieved, f"目标“{now.written}”与上年相同{done}。"))
    return found


@dataclass(frozen=True)
class LowExecution:
    """A form that says (or whose indicators show) every target was met, spending less than 80 %."""

    execution_rate: Decimal
    claim: str  # the sentence that claims it, or a description of the verdicts
    claim_path: str  # where it is written ("" when it is the verdicts)
    explanation: str


def _claims(form: Form) -> list[tuple[str, str]]:
    texts = [("goals.achieved", form.goals.achieved), ("overall_performance", form.overall_performance)]
    texts += [(f"tasks[{i}].achieved", task.achieved) for i, task in enumerate(form.tasks)]
    return [(path, text) for path, text in texts if text]


_CLAUSE_EDGE = ",, \n"


def _clause(text: str, start: int, end: int) -> str:
    marks = "。;;\n"
    left = max(text.rfind(mark, 0, start) for mark in marks) + 1
    rights = [i for i in (text.find(mark, end) for mark in marks) if i >= 0]
    return text[left : min(rights) if rights else len(text)].strip(_CLAUSE_EDGE)


def all_met_low_execution(
    form: Form,
    evaluations: Sequence[tuple[str, Evaluation]] | None = None,
    *,
    threshold: Decimal = LOW_EXECUTION,
) -> LowExecution | None:
    """Return the claim when the form says all indicators were met (or all it lists are met) while its
    execution rate (computed from the amounts, else as reported) is below ``threshold`` percent."""
    rate = compute(form).execution_rate
    if rate is None:
        rate = form.funds.execution_rate
    if rate is None or rate >= threshold:
        return None
    shown = f"{plain(rate)}%"
    for path, text in _claims(form):
        found = ALL_MET_CLAIM.search(text)
        if found is not None:
            sentence = _clause(text, found.start(), found.end())
            return LowExecution(
                rate,
                sentence,
                path,
                f"自评称“{sentence}”,而预算执行率只有 {shown}(低于 {plain(threshold)}%)。",
            )
    verdicts = [
        e.verdict
        for _, e in (
            evaluations
            if evaluations is not None
            else [(p, evaluate(i.name, i.target, i.result)) for p, i in form.all_indicators()]
        )
    ]
    if verdicts and all(v == MET for v in verdicts):
        claim = f"所列 {len(verdicts)} 个指标全部达成"
        return LowExecution(rate, claim, "", f"{claim},而预算执行率只有 {shown}(低于 {plain(threshold)}%)。")
    return None


K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True)
class PeerRank:
    """A score among its peers: rank 1 is the highest (equal scores share a rank)."""

    score: Decimal
    rank: int
    count: int
    median: Decimal
    difference: Decimal  # score − median

    @property
    def explanation(self) -> str:
        if self.difference == 0:
            where = "等于中位数"
        else:
            where = f"{'高于' if self.difference > 0 else '低于'}中位数 {plain(abs(self.difference))} 分"
        return f"{self.count} 个单位中排第 {self.rank} 名,{where}(中位数 {plain(self.median)} 分)。"


def peer_ranks(scores: Mapping[K, Decimal]) -> dict[K, PeerRank]:
    """Return each score's rank among all of them, the median of all and its distance from it."""
    if not scores:
        return {}
    values = sorted(scores.values(), reverse=True)
    median = Decimal(statistics.median(values))
    count = len(values)
    return {
        key: PeerRank(score, values.index(score) + 1, count, median, score - median)
        for key, score in scores.items()
    }


__all__ = [
    "LOW_EXECUTION",
    "LowExecution",
    "PeerRank",
    "Quantity",
    "YearPair",
    "all_met_low_execution",
    "copied_targets",
    "normalise_name",
    "peer_ranks",
    "quantities",
    "targets_below_last_actual",
]
