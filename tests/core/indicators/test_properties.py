"""Generated targets and results whose verdict follows from the arithmetic, in both directions and
with every boundary word of 《民法典》第1259条 (以上、以下、以内 include; 不满、超过、以外 exclude)."""

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.core.indicators import evaluate

GE, LE, GT, LT, EQ = "≥", "≤", ">", "<", "="
WRITTEN = [
    ("≥{v}{u}", GE),
    ("≥ {v}{u}", GE),
    (">={v}{u}", GE),
    ("≧{v}{u}", GE),
    ("≤{v}{u}", LE),
    ("<= {v}{u}", LE),
    ("≦{v}{u}", LE),
    (">{v}{u}", GT),
    ("＞{v}{u}", GT),
    ("<{v}{u}", LT),
    ("＜{v}{u}", LT),
    ("={v}{u}", EQ),
    ("＝{v}{u}", EQ),
    ("﹦{v}{u}", EQ),
    ("{v}{u}以上", GE),
    ("{v}{u}及以上", GE),
    ("{v}{u}以下", LE),
    ("{v}{u}以内", LE),
    ("控制在{v}{u}以内", LE),
    ("不满{v}{u}", LT),
    ("超过{v}{u}", GT),
    ("{v}{u}以外", GT),
    ("不少于{v}{u}", GE),
    ("不低于{v}{u}", GE),
    ("至少{v}{u}", GE),
    ("达到{v}{u}", GE),
    ("不超过{v}{u}", LE),
    ("不高于{v}{u}", LE),
    ("最多{v}{u}", LE),
]
UNITS = ["项", "个", "台", "人次", "%", "万元", "公里", "天", "户", "亩"]
FULL_WIDTH = str.maketrans("0123456789.%", "０１２３４５６７８９．％")


def holds(operator: str, actual: Decimal, target: Decimal) -> bool:
    return {
        GE: actual >= target,
        LE: actual <= target,
        GT: actual > target,
        LT: actual < target,
        EQ: actual == target,
    }[operator]


values = st.builds(lambda n, places: Decimal(n).scaleb(-places), st.integers(1, 10**6), st.integers(0, 2))
offsets = st.one_of(
    st.just(Decimal(0)),
    st.builds(lambda n: Decimal(n).scaleb(-2), st.integers(-(10**5), 10**5)),
)


@settings(max_examples=400, deadline=None)
@given(
    form=st.sampled_from(WRITTEN),
    unit=st.sampled_from(UNITS),
    target=values,
    offset=offsets,
    full_width=st.booleans(),
    in_name=st.booleans(),
)
def test_verdicts_follow_the_arithmetic_both_ways(
    form: tuple[str, str], unit: str, target: Decimal, offset: Decimal, full_width: bool, in_name: bool
) -> None:
    template, operator = form
    actual = target + offset
    if actual < 0:
        actual = -actual
    written_target = template.format(v=format(target, "f"), u=unit)
    written_actual = f"{format(actual, 'f')}{unit}"
    if full_width:
        written_target = written_target.translate(FULL_WIDTH)
        written_actual = written_actual.translate(FULL_WIDTH)
    result = f"截至2021年12月31日,完成数量为{written_actual}。"
    if in_name:
        evaluation = evaluate("完成数量" + written_target, None, result)
    else:
        evaluation = evaluate("完成数量", written_target, result)
    expected = "met" if holds(operator, actual, target) else "not_met"
    assert evaluation.verdict == expected, (written_target, result, evaluation.reason)
    [condition] = evaluation.conditions
    assert condition.operator == operator and condition.value == target
    [found] = evaluation.actual
    start, end = found.evidence
    assert result[start:end] == written_actual


@settings(max_examples=200, deadline=None)
@given(
    unit=st.sampled_from(UNITS),
    target=values,
    include=st.sampled_from([("{v}{u}以上", True), ("{v}{u}以下", True), ("{v}{u}以内", True)]),
    exclude=st.sampled_from([("不满{v}{u}", False), ("超过{v}{u}", False), ("{v}{u}以外", False)]),
)
def test_the_boundary_is_included_or_excluded_as_the_civil_code_says(
    unit: str, target: Decimal, include: tuple[str, bool], exclude: tuple[str, bool]
) -> None:
    result = f"完成数量{format(target, 'f')}{unit}"
    for template, met in (include, exclude):
        evaluation = evaluate("完成数量", template.format(v=format(target, "f"), u=unit), result)
        assert (evaluation.verdict == "met") is met, (template, evaluation.reason)


@settings(max_examples=300, deadline=None)
@given(
    more=st.booleans(),
    target=values,
    actual=values,
    weight=st.builds(lambda n: Decimal(n).scaleb(-1), st.integers(1, 300)),
)
def test_a_score_never_exceeds_its_weight_and_is_full_only_when_met(
    more: bool, target: Decimal, actual: Decimal, weight: Decimal
) -> None:
    operator = "≥" if more else "≤"
    evaluation = evaluate("完成数量", f"{operator}{target}项", f"完成数量{actual}项", weight)
    assert evaluation.score is not None
    assert Decimal(0) <= evaluation.score <= weight
    met = actual >= target if more else actual <= target
    assert (evaluation.verdict == "met") is met
    if met:
        assert evaluation.score == weight.quantize(Decimal("0.01"))
    else:
        expected = weight * (actual / target if more else target / actual)
        assert abs(evaluation.score - expected) <= Decimal("0.005")
