"""``evaluate``: one indicator's target and result → verdict, evidence, score, flags, reason."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from jixiao.core.indicators import lexicon as lx
from jixiao.core.indicators import scoring
from jixiao.core.indicators.model import (
    CAUSE_NO_ACTUAL,
    CAUSE_NO_DATE,
    CAUSE_NO_RESULT,
    CAUSE_RESULT_CUT,
    CAUSE_TRIVIAL,
    FLAG_AMBITION,
    FLAG_CLAIM,
    FLAG_INFERRED,
    FLAG_SCORE_BAND,
    GRADE_UNIT,
    MET,
    NOT_MET,
    UNVERIFIABLE,
    Actual,
    Condition,
    Evaluation,
)
from jixiao.core.indicators.results import (
    claim_span,
    cut_off,
    find_actual,
    find_dates,
    find_denied_grade,
    find_grade,
    mentions,
)
from jixiao.core.indicators.targets import Target, parse_target
from jixiao.core.numbers import plain

if TYPE_CHECKING:
    from jixiao.core.form import Form

DEFAULT_MARGIN = Decimal("20")
_SHORTFALL = {"≥": "低于", "≤": "高于", ">": "未超过", "<": "未低于", "=": "不等于"}
_CONTEXT = 20
_CLAUSE_MARK_RE = re.compile("[,;:\uff0c\uff1b\uff1a\u3001\u3002 ]")  # on the text as written: both widths


def evaluate(
    name: str | None,
    target: str | None,
    result: str | None,
    weight: Decimal | None = None,
    *,
    ambition_margin: Decimal = DEFAULT_MARGIN,
) -> Evaluation:
    """Decide whether the result meets the target, keep the evidence, and score it for ``weight``."""
    parsed = parse_target(name, target)
    if parsed.kind == "problem":
        return Evaluation(UNVERIFIABLE, reason=parsed.problem, cause=parsed.cause)
    conditions = parsed.conditions
    if lx.absent(result) and not _zero_answer(parsed, result):
        return Evaluation(
            UNVERIFIABLE, conditions, reason="未填写完成情况(实际完成值),无法核验。", cause=CAUSE_NO_RESULT
        )
    assert result is not None
    text = lx.fold(result)
    if parsed.kind == "quantity":
        evaluation = _quantity(parsed, text, result, weight, ambition_margin)
    elif parsed.kind == "grade":
        evaluation = _grade(conditions[0], text, result, weight)
    elif parsed.kind == "deadline":
        evaluation = _deadline(conditions[0], text, result, weight)
    else:
        evaluation = _qualitative(conditions[0], text, result, weight)
    if _may_rest_on_a_cut(evaluation, text):
        cut = cut_off(text, lx.fold(f"{name or ''} {target or ''}"))
        if cut is not None:
            fragment = result[cut[0] : cut[1]].strip()
            return Evaluation(
                UNVERIFIABLE,
                conditions,
                reason=f"完成情况在“…{fragment}”处中断,疑似被截断,缺少的部分可能写有完成值,无法核验;请对照原件补全。",
                cause=CAUSE_RESULT_CUT,
            )
    return evaluation


def _may_rest_on_a_cut(evaluation: Evaluation, text: str) -> bool:
    """Could the verdict change with the missing end of a cut result?

    Not met on figures or grades: the missing words may hold the figure that meets the target.
    A qualitative "met" that rests on no claim at all: the claim may be what was cut. A result
    that says outright it was not achieved ("未完成") stays not met.
    """
    if evaluation.verdict == NOT_MET:
        return (
            not lx.NEGATIVE_CLAIM_RE.search(text)
            and not lx.PARTIAL_CLAIM_RE.search(text)
            and not lx.denied_claims(text)
        )
    if evaluation.verdict == MET and FLAG_CLAIM in evaluation.flags:
        return not lx.POSITIVE_CLAIM_RE.search(text)
    return False


def _zero_answer(parsed: Target, result: str | None) -> bool:
    """ "无" in the result cell of an at-most target (faults, complaints) is an answer: none."""
    return (
        result is not None
        and lx.ZERO_WHOLE_RE.match(lx.fold(result)) is not None
        and parsed.kind == "quantity"
        and all(c.operator in ("≤", "<", "=") for c in parsed.conditions)
    )


def evaluate_form(form: Form, **options: Any) -> list[tuple[str, Evaluation]]:
    """Evaluate every indicator of ``form``, in ``form.all_indicators()`` order, with its path."""
    margin = Decimal(str(options.get("ambition_margin", DEFAULT_MARGIN)))
    return [
        (path, evaluate(ind.name, ind.target, ind.result, ind.weight, ambition_margin=margin))
        for path, ind in form.all_indicators()
    ]


def _quote(result: str, actual: Actual) -> str:
    """Return the evidence with the words just before it, back to the start of its clause."""
    start, end = actual.evidence
    head = max(0, start - _CONTEXT)
    clause = False
    for mark in _CLAUSE_MARK_RE.finditer(result, head, start):
        head, clause = mark.end(), True
    prefix = "" if clause or head == 0 else "…"
    return prefix + result[head:end].strip()


def _value(value: Decimal | str, unit: str) -> str:
    return (plain(value) if isinstance(value, Decimal) else value) + unit


def _quantity(parsed: Target, text: str, result: str, weight: Decimal | None, margin: Decimal) -> Evaluation:
    conditions = parsed.conditions
    trivial = [c for c in conditions if c.inferred and c.operator == "≥" and c.scaled == 0]
    if trivial:
        return Evaluation(
            UNVERIFIABLE,
            conditions,
            reason=f"目标值“{trivial[0].describe()}”为0,无从衡量完成程度,请核对目标值。",
            cause=CAUSE_TRIVIAL,
        )
    found = mentions(text)
    flags: list[str] = []
    pairs: list[tuple[Condition, Actual]] = []
    missing: list[Condition] = []
    for condition in conditions:
        actual, more = find_actual(condition, text, found)
        if actual is None:
            missing.append(condition)
            continue
        pairs.append((condition, actual))
        flags.extend(f for f in more if f not in flags)
    if any(c.inferred for c in conditions):
        flags.insert(0, FLAG_INFERRED)
    actuals = tuple(a for _, a in pairs)
    if missing:
        wanted = ";".join(c.describe() for c in missing)
        if lx.NEGATIVE_CLAIM_RE.search(text) and not pairs:
            return Evaluation(
                NOT_MET,
                conditions,
                actuals,
                _zero(weight),
                flags,
                f"完成情况写明未完成,未找到“{wanted}”的完成值。",
            )
        claim = "完成情况没有可核对的数字," if not found else ""
        return Evaluation(
            UNVERIFIABLE,
            conditions,
            actuals,
            None,
            flags,
            f"{claim}未找到与“{wanted}”单位相符的完成值,无法核验。",
            cause=CAUSE_NO_ACTUAL,
        )
    failing = [(c, a) for c, a in pairs if not scoring.holds(c, a)]
    score = scoring.quantity_score(weight, pairs) if weight is not None else None
    parts = [
        f"目标“{c.describe()}”,完成值{_value(a.value, a.written_unit)}(“{_quote(result, a)}”)"
        for c, a in pairs
    ]
    if failing:
        shortfalls = ";".join(
            f"{_value(a.value, a.written_unit)}{_SHORTFALL[c.operator]}目标{_value(c.value, c.written_unit)}"
            for c, a in failing
        )
        return Evaluation(
            NOT_MET, conditions, actuals, score, flags, ";".join(parts) + f"。未达成:{shortfalls}。"
        )
    best = max((scoring.exceeds_by(c, a) or Decimal(0) for c, a in pairs), default=Decimal(0))
    reason = ";".join(parts) + "。已达成。"
    if best > margin:
        flags.append(FLAG_AMBITION)
        reason += f"完成值优于目标{best.quantize(Decimal(1))}%,请评审核实目标是否定得过松。"
    if FLAG_INFERRED in flags:
        reason += "(目标未写比较符,按指标性质读作“" + conditions[0].operator + "”。)"
    return Evaluation(MET, conditions, actuals, score, flags, reason)


def _zero(weight: Decimal | None) -> Decimal | None:
    return None if weight is None else Decimal("0.00")


def _grade(condition: Condition, text: str, result: str, weight: Decimal | None) -> Evaluation:
    actual = find_grade(condition, text)
    target_level = lx.GRADE_LEVEL[str(condition.value)][1]
    if actual is None:
        denied = find_denied_grade(condition, text)
        if denied is not None:
            return _denied_grade(condition, denied, target_level, result, weight)
        return _qualitative(condition, text, result, weight)
    level = lx.GRADE_LEVEL[str(actual.value)][1]
    met = level >= target_level if condition.operator == "≥" else level <= target_level
    quoted = _quote(result, actual)
    if met:
        score = weight.quantize(scoring.CENT) if weight is not None else None
        return Evaluation(
            MET,
            (condition,),
            (actual,),
            score,
            [],
            f"目标“{condition.describe()}”,完成情况“{quoted}”,已达到。",
        )
    short = abs(target_level - level)
    band = scoring.band(weight, short) if weight is not None else None
    reason = f"目标“{condition.describe()}”,完成情况“{quoted}”,未达到目标等级。"
    if band is not None:
        reason += f"得分区间{plain(band[0])}–{plain(band[1])}分,由评审在区间内确定。"
    return Evaluation(NOT_MET, (condition,), (actual,), None, [FLAG_SCORE_BAND], reason, band)


def _denied_grade(
    condition: Condition, denied: Actual, target_level: int, result: str, weight: Decimal | None
) -> Evaluation:
    """考核不优秀, 未达到良好: below the denied grade. Not met when that grade is at most the target's,
    unverifiable when it is above it (不优秀 against 合格) or the worst of its scale (未下降)."""
    level = lx.GRADE_LEVEL[str(denied.value)][1]
    quoted = _quote(result, denied)
    if condition.operator == "≥" and 0 < level <= target_level:
        short = target_level - level + 1
        band = scoring.band(weight, short) if weight is not None else None
        reason = f"目标“{condition.describe()}”,完成情况“{quoted}”,未达到目标等级。"
        if band is not None:
            reason += f"得分区间{plain(band[0])}–{plain(band[1])}分,由评审在区间内确定。"
        return Evaluation(NOT_MET, (condition,), (denied,), None, [FLAG_SCORE_BAND], reason, band)
    return Evaluation(
        UNVERIFIABLE,
        (condition,),
        (denied,),
        reason=f"目标“{condition.describe()}”,完成情况“{quoted}”只说明没有达到“{denied.value}”,"
        "无法判断达到的等级。",
        cause=CAUSE_NO_ACTUAL,
    )


def _without(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with the (non-overlapping, ordered) spans taken out."""
    pieces, last = [], 0
    for start, end in sorted(spans):
        pieces.append(text[last:start] if start > last else "")
        last = max(last, end)
    pieces.append(text[last:])
    return "".join(pieces)


def _qualitative(condition: Condition, text: str, result: str, weight: Decimal | None) -> Evaluation:
    span = claim_span(text)
    quoted = result[span[0] : span[1]].strip() or result.strip()
    actual = Actual(quoted, "", span)
    target_text = condition.describe()
    # "未达到" holds "达到", "满意度未提升" denies "提升": look for a positive claim only outside both.
    negatives = [m.span() for m in lx.NEGATIVE_CLAIM_RE.finditer(text)]
    denied = lx.denied_claims(text)
    claimed = lx.claims(_without(text, negatives + denied))
    if (negatives or denied) and not claimed:
        band = scoring.band(weight, 2) if weight is not None else None
        return Evaluation(
            NOT_MET,
            (condition,),
            (actual,),
            None,
            [FLAG_SCORE_BAND],
            f"定性目标“{target_text}”,完成情况“{quoted}”写明未达到。",
            band,
        )
    if denied:
        # "项目已完成,但满意度未提升": one claim made, another denied; the reviewer decides.
        start, end = denied[0]
        for more in denied[1:]:
            if more[0] <= end:
                end = max(end, more[1])
        said = result[start:end]
        return Evaluation(
            UNVERIFIABLE,
            (condition,),
            (actual,),
            reason=f"定性目标“{target_text}”,完成情况“{quoted}”既有达成的表述,又写明“{said}”,"
            "请评审结合佐证材料判断。",
            cause=CAUSE_NO_ACTUAL,
        )
    if lx.PARTIAL_CLAIM_RE.search(text):
        band = scoring.band(weight, 1) if weight is not None else None
        return Evaluation(
            NOT_MET,
            (condition,),
            (actual,),
            None,
            [FLAG_SCORE_BAND],
            f"定性目标“{target_text}”,完成情况“{quoted}”只是部分达到。",
            band,
        )
    score = weight.quantize(scoring.CENT) if weight is not None else None
    flags = [FLAG_CLAIM]
    return Evaluation(
        MET,
        (condition,),
        (actual,),
        score,
        flags,
        f"定性目标“{target_text}”,完成情况“{quoted}”,按定性指标视为达成,请评审结合佐证材料确认。",
    )


def _deadline(condition: Condition, text: str, result: str, weight: Decimal | None) -> Evaluation:
    value = str(condition.value)
    has_year = not value.startswith("--")
    parts = [int(p) for p in value.strip("-").split("-")]
    year = parts[0] if has_year else None
    rest = parts[1:] if has_year else parts
    month = rest[0] if rest else 12
    day = rest[1] if len(rest) > 1 else 31
    deadline = (month, day)
    dates = find_dates(text)
    verdicts: list[tuple[bool, Actual]] = []
    for (d_year, d_month, d_day), span in dates:
        if has_year and d_year is not None and year is not None and d_year != year:
            on_time = d_year < year
        else:
            on_time = (d_month, d_day) <= deadline
        verdicts.append((on_time, Actual(text[span[0] : span[1]], "日期", span)))
    score = weight.quantize(scoring.CENT) if weight is not None else None
    if verdicts:
        good = [a for ok, a in verdicts if ok]
        if good:
            return Evaluation(
                MET,
                (condition,),
                (good[0],),
                score,
                [],
                f"期限“{condition.describe()}”,完成于“{good[0].value}”,按期完成。",
            )
        late = verdicts[0][1]
        return Evaluation(
            NOT_MET,
            (condition,),
            (late,),
            _zero(weight),
            [],
            f"期限“{condition.describe()}”,完成于“{late.value}”,晚于期限。",
        )
    on_time_match = lx.ON_TIME_RE.search(text)
    if on_time_match and not lx.NEGATIVE_CLAIM_RE.search(text):
        said = on_time_match.group(0)
        actual = Actual(said, "", (on_time_match.start(), on_time_match.end()))
        return Evaluation(
            MET,
            (condition,),
            (actual,),
            score,
            [FLAG_CLAIM],
            f"期限“{condition.describe()}”,完成情况称“{said}”完成。",
        )
    if lx.NEGATIVE_CLAIM_RE.search(text) or lx.POSITIVE_CLAIM_RE.search(text):
        # "达成预期指标" answers a time target as it answers any qualitative one (FORM.md §5).
        return _qualitative(condition, text, result, weight)
    return Evaluation(
        UNVERIFIABLE,
        (condition,),
        reason=f"期限“{condition.describe()}”,完成情况未写明完成日期,无法核验。",
        cause=CAUSE_NO_DATE,
    )


__all__ = ["GRADE_UNIT", "evaluate", "evaluate_form"]
