"""``score_form(form, scheme)``: a form's score computed from its parts, explained line by line, set
beside the score the form reports.

- 预算执行率: 分值 × min(执行率, 100%), the rate computed from the amounts (FORM.md §4, §6).
- Each indicator: the indicator engine's verdict and score (财预〔2020〕10号, FORM.md §5): met → full
  points; "at least" not met → points × actual ÷ target; "at most" not met → points × target ÷
  actual; a qualitative shortfall → a band of the points, the reviewer's figure when it lies in the
  band; unverifiable → 0 for now, with the points it could still earn as the maximum.
- Points per indicator: the form's printed 分值 where it prints them; otherwise (the Guangzhou
  department form) the scheme's category weights, shared equally within a category, the points of a
  category the form has no indicator in going to the other categories in proportion.
- Every figure shown is rounded once, 四舍五入 to 0.01, from exact values (rational numbers, so that a
  share such as 50 ÷ 7 leaves no residue); subtotals and the total are rounded from the exact sums,
  never summed from rounded parts.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any

from jixiao.core.compute import compute
from jixiao.core.form import Form, Indicator
from jixiao.core.indicators import MET, NOT_MET, UNVERIFIABLE, Evaluation, evaluate
from jixiao.core.numbers import decimals, plain, quantize2, quantize_like
from jixiao.core.scoring.scheme import DEFAULT_SCHEME, HUNDRED, ZERO, Category, Scheme, grade_label

ONE = Decimal(1)
NOTHING = Fraction(0)
# The engine rounds a score to 0.01 of the points it is given; asked for 10^12 points, it gives the
# share of the points earned to 10^-14, which is exact for every sum shown with 2 decimals.
_RATIO_SCALE = Decimal(10) ** 12

# Rules, as codes (for programs) — each line's ``explanation`` says the same in Chinese.
RULE_EXECUTION = "execution"
RULE_EXECUTION_REPORTED_RATE = "execution_reported_rate"
RULE_EXECUTION_NOT_APPLICABLE = "execution_not_applicable"
RULE_MET = "met_full"
RULE_RATIO = "ratio"
RULE_NOT_MET_ZERO = "not_met_zero"
RULE_BAND_REPORTED = "band_reported"
RULE_BAND_MIDDLE = "band_middle"
RULE_UNVERIFIABLE = "unverifiable_zero"
RULE_NO_WEIGHT = "no_weight"

# Why a reported figure differs from the computed one, as far as the form itself shows.
CAUSE_ROUNDING = "rounding"
CAUSE_ABOVE_WEIGHT = "above_weight"
CAUSE_UNVERIFIABLE = "unverifiable"
CAUSE_FULL_DESPITE_SHORTFALL = "full_despite_shortfall"
CAUSE_DEDUCTED_THOUGH_MET = "deducted_though_met"
CAUSE_OTHER_RULE = "other_rule"
CAUSE_BAND = "outside_band"
CAUSE_PARTS = "parts_differ"
CAUSE_SUM = "sum_differs"
CAUSE_GRADE_BANDS = "grade_bands"
CAUSE_OWN_WEIGHTS = "own_weights"

CAUSE_LABELS = {
    CAUSE_ROUNDING: "舍入不同",
    CAUSE_ABOVE_WEIGHT: "得分高于分值",
    CAUSE_UNVERIFIABLE: "完成情况无法核验",
    CAUSE_FULL_DESPITE_SHORTFALL: "未达成却得满分",
    CAUSE_DEDUCTED_THOUGH_MET: "已达成却扣分",
    CAUSE_OTHER_RULE: "按其他计分规则",
    CAUSE_BAND: "定性得分不在应有档内",
    CAUSE_PARTS: "各项得分不同",
    CAUSE_SUM: "各项得分之和与所填合计不符",
    CAUSE_GRADE_BANDS: "等级与本方案的分档不同",
    CAUSE_OWN_WEIGHTS: "表中未列指标分值,按方案分配的分值与表中得分口径不同",
}

_VERDICT_WORDS = {MET: "达成", NOT_MET: "未达成", UNVERIFIABLE: "无法核验"}


@dataclass(frozen=True)
class LineScore:
    """The score of one scored line: the execution rate (``path == "funds"``) or one indicator."""

    path: str
    label: str
    category: str
    weight: Decimal | None
    weight_source: str  # "form" (printed 分值), "scheme", "scheme_share", "none"
    score: Decimal | None
    maximum: Decimal | None
    reported: Decimal | None
    differs: bool
    cause: str | None
    verdict: str | None
    rule: str
    explanation: str
    exact: Fraction = NOTHING
    exact_maximum: Fraction = NOTHING
    exact_weight: Fraction | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "label": self.label,
            "category": self.category,
            "weight": _shown(self.weight),
            "weight_source": self.weight_source,
            "score": _text(self.score),
            "maximum": _text(self.maximum),
            "reported": _text(self.reported),
            "differs": self.differs,
            "cause": self.cause,
            "verdict": self.verdict,
            "rule": self.rule,
            "explanation": self.explanation,
        }


@dataclass(frozen=True)
class CategoryScore:
    """A first-level category (产出 / 效益 / 满意度 …): its points, its score and its lines."""

    key: str
    label: str
    scheme_weight: Decimal
    weight: Decimal
    score: Decimal
    maximum: Decimal
    reported: Decimal | None
    differs: bool
    cause: str | None
    explanation: str
    lines: tuple[LineScore, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "label": self.label,
            "scheme_weight": plain(self.scheme_weight),
            "weight": _shown(self.weight),
            "score": plain(self.score),
            "maximum": plain(self.maximum),
            "reported": _text(self.reported),
            "differs": self.differs,
            "cause": self.cause,
            "explanation": self.explanation,
            "lines": [line.to_dict() for line in self.lines],
        }


@dataclass(frozen=True)
class FormScore:
    """A form's computed score and grade, the reported ones beside them, and how each was reached."""

    scheme: str
    weights_from: str  # "form": the printed 分值; "scheme": the scheme's category weights
    execution: LineScore
    categories: tuple[CategoryScore, ...]
    total: Decimal
    maximum: Decimal
    full: Decimal
    grade: str
    reported_total: Decimal | None
    total_differs: bool
    total_cause: str | None
    reported_grade: str | None
    reported_grade_label: str | None
    grade_differs: bool
    explanation: str
    notes: tuple[str, ...] = field(default=())

    @property
    def lines(self) -> list[LineScore]:
        """Return every scored line: the execution rate first, then the indicators by category."""
        return [self.execution] + [line for category in self.categories for line in category.lines]

    def line(self, path: str) -> LineScore:
        for line in self.lines:
            if line.path == path:
                return line
        raise KeyError(path)

    @property
    def differences(self) -> list[str]:
        """Return the paths whose reported figure differs from the computed one beyond the tolerance."""
        found = [line.path for line in self.lines if line.differs]
        found += [f"categories.{c.key}" for c in self.categories if c.differs]
        if self.total_differs:
            found.append("total_score")
        if self.grade_differs:
            found.append("grade")
        return found

    def to_dict(self) -> dict[str, Any]:
        """Return the score as JSON data: stable keys, decimals as strings."""
        return {
            "scheme": self.scheme,
            "weights_from": self.weights_from,
            "total": plain(self.total),
            "maximum": plain(self.maximum),
            "full": _shown(self.full),
            "grade": self.grade,
            "reported_total": _text(self.reported_total),
            "total_differs": self.total_differs,
            "total_cause": self.total_cause,
            "reported_grade": self.reported_grade,
            "grade_differs": self.grade_differs,
            "explanation": self.explanation,
            "notes": list(self.notes),
            "execution": self.execution.to_dict(),
            "categories": [c.to_dict() for c in self.categories],
            "differences": self.differences,
        }


def _text(value: Decimal | None) -> str | None:
    return None if value is None else plain(value)


def _shown(value: Decimal | None) -> str | None:
    """A weight as a reader sees it: as written when it has ≤ 2 decimals, else rounded to 0.01."""
    if value is None:
        return None
    return plain(value) if decimals(value) <= 2 else plain(quantize2(value))


def _pts(value: Decimal | Fraction) -> str:
    """Points as a reader writes them: 75, 7.5, 5.36 (rounded to 0.01, no trailing zeros)."""
    rounded = round_half_up(value) if isinstance(value, Fraction) else quantize2(value)
    return format(rounded.normalize(), "f")


def round_half_up(value: Fraction) -> Decimal:
    """Round an exact value to 0.01, 四舍五入 (halves away from zero): the one rounding of a figure."""
    cents = math.floor(abs(value) * 100 + Fraction(1, 2))
    return Decimal(-cents if value < 0 else cents).scaleb(-2)


def as_decimal(value: Fraction) -> Decimal:
    """Return an exact value as a Decimal: exactly when it has at most 2 decimals, else rounded to 0.01."""
    if (value * 100).denominator == 1:
        return Decimal(value.numerator) / Decimal(value.denominator)
    return round_half_up(value)


def agrees(computed: Decimal, reported: Decimal, tolerance: Decimal) -> bool:
    """Return True when ``reported`` is ``computed`` written at its own precision, or within the tolerance.

    "96" agrees with 95.50 (it rounds to 96), "7.6" with 7.60, "2.16" with 2.154 only through the
    tolerance (2.154 rounds to 2.15).
    """
    return quantize_like(computed, reported) == reported or abs(computed - reported) <= tolerance


# --- categories and weights -----------------------------------------------------------------------


def category_of(indicator: Indicator, scheme: Scheme) -> Category:
    """Return the scheme category of an indicator: by its 一级指标, else its 二级指标, else its name."""
    for text in (indicator.level1, indicator.level2):
        if text and text.strip():
            for category in scheme.categories:
                if any(word in text for word in category.keywords):
                    return category
            return scheme.fallback
    name = indicator.name or ""
    for category in scheme.categories:
        if any(word in name for word in category.name_keywords):
            return category
    return scheme.fallback


def _category_points(
    scheme: Scheme, present: set[str], scale: Fraction = Fraction(1)
) -> tuple[dict[str, Fraction], list[str]]:
    """Return the points of each category present (× ``scale``), those of absent ones shared in proportion."""
    notes: list[str] = []
    weights = {c.key: Fraction(c.weight) * scale for c in scheme.categories}
    present_weight = sum((weights[c.key] for c in scheme.categories if c.key in present), NOTHING)
    absent = [c for c in scheme.categories if c.key not in present]
    absent_weight = sum((weights[c.key] for c in absent), NOTHING)
    points: dict[str, Fraction] = {}
    for category in scheme.categories:
        if category.key not in present:
            continue
        own = weights[category.key]
        if absent_weight and present_weight:
            points[category.key] = own + absent_weight * own / present_weight
        elif absent_weight:
            points[category.key] = own + absent_weight / len(present)
        else:
            points[category.key] = own
    if absent_weight and present:
        names = "、".join(f"{c.label}({_pts(weights[c.key])}分)" for c in absent if weights[c.key])
        shares = "、".join(
            f"{c.label} {_pts(points[c.key])} 分" for c in scheme.categories if c.key in points
        )
        notes.append(f"本表没有{names},其分值按比例并入其余类别:{shares}。")
    return points, notes


# --- the execution rate ---------------------------------------------------------------------------


def _execution_line(form: Form, scheme: Scheme, weight: Decimal, source: str) -> LineScore:
    computed = compute(form)
    funds = form.funds
    unit = form.amount_unit
    reported = funds.score
    rate = computed.execution_rate
    rule = RULE_EXECUTION
    if rate is not None:
        how = (
            f"执行率 = 全年执行数 {plain(funds.actual or ZERO)}{unit} ÷ 全年预算数 "
            f"{plain(funds.adjusted_budget or ZERO)}{unit} = {plain(rate)}%"
        )
        if funds.execution_rate is not None and funds.execution_rate != rate:
            how += f"(表中填报 {plain(funds.execution_rate)}%)"
    elif funds.execution_rate is not None:
        rate, rule = funds.execution_rate, RULE_EXECUTION_REPORTED_RATE
        reason = computed.not_applicable.get("execution_rate", "金额缺失")
        how = f"{reason},按表中填报的执行率 {plain(rate)}% 计"
    else:
        reason = computed.not_applicable.get("execution_rate", "缺少金额")
        explanation = (
            f"预算执行率得分:{reason},也未填报执行率,无法计分,暂计 0 分(满分 {_pts(weight)} 分)。"
            + _reported_words(ZERO, reported, scheme.tolerance)
        )
        differs = reported is not None and not agrees(ZERO, reported, scheme.tolerance)
        return LineScore(
            path="funds",
            label="预算执行率",
            category="execution",
            weight=weight,
            weight_source=source,
            score=ZERO,
            maximum=quantize2(weight),
            reported=reported,
            differs=differs,
            cause=CAUSE_OTHER_RULE if differs else None,
            verdict=None,
            rule=RULE_EXECUTION_NOT_APPLICABLE,
            explanation=explanation,
            exact=NOTHING,
            exact_maximum=Fraction(weight),
            exact_weight=Fraction(weight),
        )
    capped = min(rate, HUNDRED)
    exact = Fraction(weight) * Fraction(capped) / 100
    score = round_half_up(exact)
    cap_words = "执行率超过 100% 按 100% 计," if rate > HUNDRED else ""
    explanation = (
        f"预算执行率得分:{how};{cap_words}按“分值 × 执行率(超过100%时按100%计)”,"
        f"{_pts(weight)} × {plain(capped)}% = {plain(score)} 分。"
        + _reported_words(score, reported, scheme.tolerance)
    )
    differs = reported is not None and not agrees(score, reported, scheme.tolerance)
    cause = None
    if differs and reported is not None:
        cause = CAUSE_ABOVE_WEIGHT if reported > weight else _rounding_or(score, reported, CAUSE_OTHER_RULE)
    return LineScore(
        path="funds",
        label="预算执行率",
        category="execution",
        weight=weight,
        weight_source=source,
        score=score,
        maximum=score,
        reported=reported,
        differs=differs,
        cause=cause,
        verdict=None,
        rule=rule,
        explanation=explanation,
        exact=exact,
        exact_maximum=exact,
        exact_weight=Fraction(weight),
    )


def _reported_words(score: Decimal, reported: Decimal | None, tolerance: Decimal) -> str:
    if reported is None:
        return "表中未填报得分。"
    if quantize_like(score, reported) == reported:
        return f"表中填报 {plain(reported)} 分,一致。"
    if agrees(score, reported, tolerance):
        return f"表中填报 {plain(reported)} 分,相差在容差 {plain(tolerance)} 分以内,视为一致。"
    return f"表中填报 {plain(reported)} 分,相差 {plain(abs(reported - score))} 分。"


def _rounding_or(computed: Decimal, reported: Decimal, otherwise: str) -> str:
    """A reported figure one unit of its own last place away from the computed one differs by rounding."""
    unit = ONE.scaleb(-decimals(reported))
    return CAUSE_ROUNDING if abs(computed - reported) <= unit else otherwise


# --- one indicator --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Plan:
    path: str
    indicator: Indicator
    category: Category
    weight: Fraction | None
    source: str


def _indicator_line(plan: _Plan, given: Evaluation | None, scheme: Scheme) -> LineScore:
    ind, weight = plan.indicator, plan.weight
    label = (ind.name or "").strip() or f"(未填写名称的指标 {plan.path})"
    reported = ind.score
    printed = plan.source == "form" and ind.weight is not None
    # A check report's evaluation was made with the printed 分值 (or none): reuse it where that fits.
    evaluation = given if given is not None and (printed or ind.weight is None) else None
    if evaluation is None:
        evaluation = evaluate(ind.name, ind.target, ind.result, ind.weight if printed else None)
    verdict = evaluation.verdict
    head = f"「{label}」({plan.category.label}"
    if weight is None:
        explanation = f"{head}):该行未列分值(如“其中”子项),不单独计分。"
        if reported is not None:
            explanation += f"表中填报 {plain(reported)} 分,未计入。"
        return LineScore(
            plan.path,
            label,
            plan.category.key,
            None,
            "none",
            None,
            None,
            reported,
            False,
            None,
            verdict,
            RULE_NO_WEIGHT,
            explanation,
        )
    shown_weight = ind.weight if printed else as_decimal(weight)
    head += (
        f",分值 {_pts(weight)}{_weight_words(plan.source)}):{_VERDICT_WORDS[verdict]}。{evaluation.reason}"
    )
    band = False
    if verdict == MET:
        exact, top, rule = weight, weight, RULE_MET
        how = f"达成得满分 {_pts(weight)} 分。"
    elif verdict == UNVERIFIABLE:
        exact, top, rule = NOTHING, weight, RULE_UNVERIFIABLE
        how = f"无法核验,暂计 0 分;经核实达成最高可得 {_pts(weight)} 分。"
    else:
        # The engine's share of the points: with the printed 分值 as the form shows it, else asked for
        # 10^12 points so that the share is exact to 10^-14.
        if printed and (evaluation.score is not None or evaluation.score_band is not None):
            scaled, scaled_band, unit_points = evaluation.score, evaluation.score_band, weight
        else:
            again = evaluate(ind.name, ind.target, ind.result, _RATIO_SCALE)
            scaled, scaled_band = again.score, again.score_band
            unit_points = Fraction(_RATIO_SCALE)
        if scaled_band is not None:
            low = weight * Fraction(scaled_band[0]) / unit_points
            high = weight * Fraction(scaled_band[1]) / unit_points
            band = True
            tolerance = Fraction(scheme.tolerance)
            words = f"定性指标未达到目标等级,得分档为 {_pts(low)}–{_pts(high)} 分,"
            if reported is not None and low - tolerance <= Fraction(reported) <= high + tolerance:
                exact, top, rule = Fraction(reported), Fraction(reported), RULE_BAND_REPORTED
                how = words + f"采用表中评审在档内确定的 {plain(reported)} 分。"
            else:
                exact, top, rule = (low + high) / 2, high, RULE_BAND_MIDDLE
                how = words + f"由评审在档内确定;未给出时取档内中值 {_pts(exact)} 分。"
        elif scaled is not None:
            exact = weight * Fraction(scaled) / unit_points
            top = exact
            if exact == 0:
                rule = RULE_NOT_MET_ZERO
                how = "未达成,得 0 分。"
            else:
                rule = RULE_RATIO
                how = _ratio_words(evaluation, weight, exact)
        else:  # pragma: no cover - a not-met verdict always carries a score or a band for a weight
            exact, top, rule = NOTHING, NOTHING, RULE_NOT_MET_ZERO
            how = "未达成,得 0 分。"
    score = round_half_up(exact)
    differs, cause = False, None
    if reported is not None:
        if band and rule != RULE_BAND_REPORTED:
            differs, cause = True, CAUSE_BAND
        elif rule != RULE_BAND_REPORTED and (
            not agrees(score, reported, scheme.tolerance)
            # Full points for a shortfall, or more than full points, differ at any precision ("6" for 5.72).
            or (verdict == NOT_MET and Fraction(reported) >= weight and exact < weight)
            or Fraction(reported) > weight
        ):
            differs = True
            if plan.source != "form":
                cause = CAUSE_OWN_WEIGHTS
            elif Fraction(reported) > weight:
                cause = CAUSE_ABOVE_WEIGHT
            elif verdict == UNVERIFIABLE:
                cause = CAUSE_UNVERIFIABLE
            elif verdict == NOT_MET and Fraction(reported) >= weight:
                cause = CAUSE_FULL_DESPITE_SHORTFALL
            elif verdict == MET:
                cause = CAUSE_DEDUCTED_THOUGH_MET
            else:
                cause = _rounding_or(score, reported, CAUSE_OTHER_RULE)
    explanation = head + how + _reported_words(score, reported, scheme.tolerance)
    return LineScore(
        path=plan.path,
        label=label,
        category=plan.category.key,
        weight=shown_weight,
        weight_source=plan.source,
        score=score,
        maximum=round_half_up(top),
        reported=reported,
        differs=differs,
        cause=cause,
        verdict=verdict,
        rule=rule,
        explanation=explanation,
        exact=exact,
        exact_maximum=top,
        exact_weight=weight,
    )


def _weight_words(source: str) -> str:
    return {
        "form": "",
        "scheme": ",按方案权重折算",
        "scheme_share": ",按方案类别分值平均分配",
    }.get(source, "")


def _ratio_words(evaluation: Evaluation, weight: Fraction, exact: Fraction) -> str:
    pairs = list(zip(evaluation.conditions, evaluation.actual, strict=False))
    if len(evaluation.conditions) == 1 and len(pairs) == 1:
        condition, actual = pairs[0]
        if isinstance(condition.value, Decimal) and isinstance(actual.value, Decimal):
            if condition.factor == actual.factor:
                target, value = plain(condition.value), plain(actual.value)
            else:  # 万元 against 元: both in the smaller unit
                target, value = plain(condition.scaled.normalize()), plain(actual.scaled.normalize())
            if condition.operator in ("≥", ">"):
                formula = f"分值 × 完成值 ÷ 目标值 = {_pts(weight)} × {value} ÷ {target}"
            elif condition.operator in ("≤", "<"):
                formula = f"分值 × 目标值 ÷ 完成值 = {_pts(weight)} × {target} ÷ {value}"
            else:
                formula = f"分值 × 较小值 ÷ 较大值({value} 与 {target})"
            return f"未达成,按{formula} = {plain(round_half_up(exact))} 分(财预〔2020〕10号)。"
    return (
        f"未达成,{len(evaluation.conditions)} 个条件平分分值,各按完成值与目标值之比计分,"
        f"合计 {plain(round_half_up(exact))} 分。"
    )


# --- the form -------------------------------------------------------------------------------------


def _plans(form: Form, scheme: Scheme) -> tuple[list[_Plan], str, list[str]]:
    """Decide the category and the points of every indicator; return them, the source, and notes."""
    indicators = form.all_indicators()
    placed = [(path, ind, category_of(ind, scheme)) for path, ind in indicators]
    printed = any(ind.weight is not None for _, ind in indicators)
    notes: list[str] = []
    if printed:
        form_points: dict[str, Fraction] = {}
        for _, ind, category in placed:
            if ind.weight is not None:
                form_points[category.key] = form_points.get(category.key, NOTHING) + Fraction(ind.weight)
        split = "、".join(
            f"{c.label} {_pts(form_points[c.key])}" for c in scheme.categories if c.key in form_points
        )
        expected = "、".join(f"{c.label} {_pts(c.weight)}" for c in scheme.categories)
        differs = any(form_points.get(c.key, NOTHING) != c.weight for c in scheme.categories)
        if scheme.printed_weights == "form":
            if differs:
                notes.append(f"本表自定分值({split}),与方案({expected})不同,按表中分值计分。")
            plans = [
                _Plan(path, ind, category, None if ind.weight is None else Fraction(ind.weight), "form")
                for path, ind, category in placed
            ]
            return plans, "form", notes
        points, more = _category_points(scheme, set(form_points))
        notes += more
        if differs:
            notes.append(f"本表自定分值({split}),按方案({expected})折算。")
        plans = []
        for path, ind, category in placed:
            weight = None
            if ind.weight is not None and form_points.get(category.key):
                weight = Fraction(ind.weight) * points[category.key] / form_points[category.key]
            plans.append(_Plan(path, ind, category, weight, "scheme"))
        return plans, "scheme", notes
    counts: dict[str, int] = {}
    for _, _, category in placed:
        counts[category.key] = counts.get(category.key, 0) + 1
    # The execution rate's printed 分值 (20 in the 20/80 layout) stands; the indicators share the rest
    # in the scheme's proportions.
    scale = Fraction(1)
    indicator_points = scheme.total - scheme.execution_weight
    execution_weight = form.funds.weight
    if (
        scheme.printed_weights == "form"
        and execution_weight is not None
        and execution_weight != scheme.execution_weight
        and execution_weight <= scheme.total
        and indicator_points > ZERO
    ):
        scale = Fraction(scheme.total - execution_weight) / Fraction(indicator_points)
    points, more = _category_points(scheme, set(counts), scale)
    if indicators:
        notes.append(
            "本表未列指标分值:按方案各类分值计分,类内按指标个数平均分配"
            "(参照“三级指标分值按三级指标个数平均确定”),无法核验的指标暂计 0 分。"
        )
    if scale != 1 and execution_weight is not None:
        notes.append(
            f"表中执行率分值为 {plain(execution_weight)} 分,指标共 "
            f"{_pts(scheme.total - execution_weight)} 分,按方案各类比例分配。"
        )
    notes += more
    plans = [
        _Plan(path, ind, category, points[category.key] / counts[category.key], "scheme_share")
        for path, ind, category in placed
    ]
    return plans, "scheme", notes


def score_form(
    form: Form,
    scheme: Scheme = DEFAULT_SCHEME,
    *,
    evaluations: Sequence[tuple[str, Any]] | None = None,
) -> FormScore:
    """Score ``form`` under ``scheme`` and explain every figure.

    ``evaluations`` may pass the ``(path, Evaluation)`` pairs a ``check`` report already holds, so
    indicators are not read twice.
    """
    plans, weights_from, notes = _plans(form, scheme)
    given: dict[str, Evaluation] = {path: e for path, e in (evaluations or ()) if isinstance(e, Evaluation)}
    execution_weight, execution_source = scheme.execution_weight, "scheme"
    printed_execution = form.funds.weight
    if (
        scheme.printed_weights == "form"
        and printed_execution is not None
        and (weights_from == "form" or printed_execution <= scheme.total)
    ):
        execution_weight, execution_source = printed_execution, "form"
    elif printed_execution is not None and printed_execution != scheme.execution_weight:
        notes.append(
            f"表中执行率分值为 {plain(printed_execution)} 分,按方案 {_pts(scheme.execution_weight)} 分计。"
        )
    execution = _execution_line(form, scheme, execution_weight, execution_source)

    lines = [_indicator_line(plan, given.get(plan.path), scheme) for plan in plans]
    categories = [
        _category(category, [line for line in lines if line.category == category.key], scheme)
        for category in scheme.categories
    ]

    exact_total = execution.exact + sum((line.exact for line in lines), NOTHING)
    exact_maximum = execution.exact_maximum + sum((line.exact_maximum for line in lines), NOTHING)
    full = (execution.exact_weight or NOTHING) + sum(
        (line.exact_weight or NOTHING for line in lines), NOTHING
    )
    total, maximum = round_half_up(exact_total), round_half_up(exact_maximum)
    grade = scheme.grade(total)
    reported_total = form.total_score
    total_differs = reported_total is not None and not agrees(total, reported_total, scheme.tolerance)
    total_cause = None
    if total_differs and reported_total is not None:
        total_cause = _total_cause(execution, lines, reported_total, total)
    reported_label = grade_label(form.grade)
    grade_differs = reported_label is not None and reported_label != grade.label
    if form.grade is not None and reported_label is None:
        notes.append(f"表中自评等级“{form.grade}”不是本方案的等级(优、良、中、差),未作比较。")
    if full != 100 and (lines or execution.weight):
        notes.append(f"本表各项分值合计 {_pts(full)} 分(不是 100 分),总分按表中分值直接相加。")

    parts = [f"执行率 {plain(execution.score or ZERO)}"] + [
        f"{c.label} {plain(c.score)}" for c in categories if c.lines
    ]
    explanation = f"总分 = {' + '.join(parts)} = {plain(total)} 分"
    band_words = _band_words(scheme, grade.label, total)
    explanation += f",等级“{grade.label}”({band_words})。"
    if maximum != total:
        explanation += (
            f"无法核验或待评审定档的指标若经核实均达到目标,最高 {plain(maximum)} 分"
            f"(等级“{scheme.grade(maximum).label}”)。"
        )
    if reported_total is not None:
        explanation += (
            f"表中总分 {plain(reported_total)}"
            + ("," + ("一致" if not total_differs else f"相差 {plain(abs(reported_total - total))} 分"))
            + "。"
        )
    if form.grade is not None:
        if grade_differs:
            implied = scheme.grade(reported_total).label if reported_total is not None else None
            explanation += f"表中自评等级“{form.grade}”与计算等级“{grade.label}”不同"
            if implied is not None and implied == reported_label:
                explanation += f"(与表中总分 {plain(reported_total or ZERO)} 的等级相符)"
            explanation += "。"
        elif reported_label is not None:
            explanation += f"表中自评等级“{form.grade}”,一致。"
    return FormScore(
        scheme=scheme.name,
        weights_from=weights_from,
        execution=execution,
        categories=tuple(categories),
        total=total,
        maximum=maximum,
        full=as_decimal(full),
        grade=grade.label,
        reported_total=reported_total,
        total_differs=total_differs,
        total_cause=total_cause,
        reported_grade=form.grade,
        reported_grade_label=reported_label,
        grade_differs=grade_differs,
        explanation=explanation,
        notes=tuple(notes),
    )


def _band_words(scheme: Scheme, label: str, total: Decimal) -> str:
    grades = list(scheme.grades)
    for i, band in enumerate(grades):
        if band.label != label:
            continue
        upper = grades[i - 1].minimum if i > 0 else None
        if upper is None:
            return f"{plain(total)} ≥ {plain(band.minimum)}"
        if band.minimum == ZERO:
            return f"{plain(total)} < {plain(upper)}"
        return f"{plain(band.minimum)} ≤ {plain(total)} < {plain(upper)}"
    return ""  # pragma: no cover - the label comes from the scheme


def _category(category: Category, lines: list[LineScore], scheme: Scheme) -> CategoryScore:
    exact_weight = sum((line.exact_weight or NOTHING for line in lines), NOTHING)
    weight = as_decimal(exact_weight)
    exact = sum((line.exact for line in lines), NOTHING)
    top = sum((line.exact_maximum for line in lines), NOTHING)
    scored = [line for line in lines if line.weight is not None]
    score = round_half_up(exact)
    reported: Decimal | None = None
    differs = False
    if scored and all(line.reported is not None for line in scored):
        reported = sum((line.reported or ZERO for line in scored), ZERO)
        # Each part was rounded at its own precision: the sum may be off by half a unit of each.
        slack = sum((ONE.scaleb(-decimals(line.reported or ZERO)) / 2 for line in scored), ZERO)
        differs = abs(score - reported) > max(scheme.tolerance, slack) or any(line.differs for line in scored)
    cause = CAUSE_PARTS if differs else None
    counts = {verdict: sum(1 for line in scored if line.verdict == verdict) for verdict in _VERDICT_WORDS}
    tally = "、".join(f"{_VERDICT_WORDS[v]} {n} 个" for v, n in counts.items() if n)
    if not lines:
        explanation = f"{category.label}:本表没有此类指标。"
    else:
        explanation = (
            f"{category.label}:{len(scored)} 个指标({tally}),分值合计 {_pts(weight)} 分"
            f"(方案 {_pts(category.weight)} 分),得分为各指标得分之和 {plain(score)} 分。"
        )
        if reported is not None:
            explanation += f"表中各指标得分合计 {plain(reported)} 分" + ("。" if not differs else ",不一致。")
    return CategoryScore(
        key=category.key,
        label=category.label,
        scheme_weight=category.weight,
        weight=weight,
        score=score,
        maximum=round_half_up(top),
        reported=reported,
        differs=differs,
        cause=cause,
        explanation=explanation,
        lines=tuple(lines),
    )


def _total_cause(
    execution: LineScore, lines: list[LineScore], reported_total: Decimal, total: Decimal
) -> str:
    """Say why the reported total differs: its parts differ, or it is not the sum of its own parts."""
    reported_parts = [execution.reported] + [line.reported for line in lines if line.weight is not None]
    if all(part is not None for part in reported_parts):
        own_sum = sum((part or ZERO for part in reported_parts), ZERO)
        if not agrees(own_sum, reported_total, ZERO):
            return CAUSE_SUM
    if any(line.differs for line in [execution, *lines]):
        return CAUSE_PARTS
    return _rounding_or(total, reported_total, CAUSE_OTHER_RULE)
