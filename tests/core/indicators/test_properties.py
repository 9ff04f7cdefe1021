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


# --- issue 10: no target, lower-is-better outcomes, results cut off --------------------------------

DASHES = ["—", "-", "一", "/", "－", "／", "–"]


@settings(max_examples=200, deadline=None)
@given(
    dash=st.lists(st.sampled_from(DASHES), min_size=1, max_size=3).map("".join),
    padding=st.sampled_from(["", " ", "\u3000"]),
    unit=st.sampled_from(UNITS),
    actual=values,
    subject=st.sampled_from(["完成数量", "群众满意度", "培训人数", "设备故障率", "系统建设"]),
)
def test_a_dash_target_is_never_met_nor_not_met(
    dash: str, padding: str, unit: str, actual: Decimal, subject: str
) -> None:
    evaluation = evaluate(subject, padding + dash + padding, f"{subject}{actual}{unit}。")
    assert evaluation.verdict == "unverifiable" and evaluation.cause == "no_target_value"


# Bad outcomes a reviewer reads as "the lower the better", none of them listed in the engine as a
# whole word: a thing, then the outcome, then what is measured.
THINGS = ["全县", "辖区", "重点企业", "试点学校", "农村", "示范区", "项目", ""]
BAD_OUTCOMES = [
    "受害",
    "成灾",
    "误诊",
    "漏检",
    "返修",
    "坏账",
    "死亡",
    "感染",
    "破损",
    "缺勤",
    "违约",
    "复发",
    "流失",
    "伤亡",
    "不合格",
    "逾期",
    "投诉",
    "差错",
    "故障",
    "事故",
    "失败",
    "超支",
    "辍学",
    "缺陷",
    "返工",
]
GOOD_ACTIONS = ["整改", "处理", "修复", "办结", "查处", "救治"]
MEASURES = [("率", "%"), ("人数", "人"), ("次数", "次"), ("起数", "起"), ("件数", "件")]


@settings(max_examples=400, deadline=None)
@given(
    thing=st.sampled_from(THINGS),
    outcome=st.sampled_from(BAD_OUTCOMES),
    measure=st.sampled_from(MEASURES),
    target=values,
    offset=offsets,
    acted=st.booleans(),
)
def test_a_bare_value_of_a_bad_outcome_is_an_upper_bound(
    thing: str, outcome: str, measure: tuple[str, str], target: Decimal, offset: Decimal, acted: bool
) -> None:
    suffix, unit = measure
    action = GOOD_ACTIONS[len(outcome) % len(GOOD_ACTIONS)] if acted else ""
    subject = f"{thing}{outcome}{action}{suffix}"
    actual = abs(target + offset)
    evaluation = evaluate(
        subject, f"{format(target, 'f')}{unit}", f"{subject}为{format(actual, 'f')}{unit}。"
    )
    [condition] = evaluation.conditions
    # Acting on the outcome (隐患整改率, 事故处理起数) turns it back into "the more the better".
    operator = "≥" if acted else "≤"
    assert condition.operator == operator and condition.inferred, subject
    expected = holds(operator, actual, target)
    assert (evaluation.verdict == "met") is expected, (subject, evaluation.reason)


# A result cut inside the word the indicator is named after: the cut may hide the figure.
WORDS = ["范围", "水平", "质量", "能力", "效率", "环境", "设施"]


@settings(max_examples=300, deadline=None)
@given(
    lead=st.sampled_from(["服务", "教学", "医疗", "办公", "群众"]),
    word=st.sampled_from(WORDS),
    target=st.integers(50, 99),
    shortfall=st.integers(1, 40),
    mark=st.sampled_from(["", ",", ";"]),
)
def test_a_result_cut_mid_word_is_unverifiable_and_whole_it_is_not_met(
    lead: str, word: str, target: int, shortfall: int, mark: str
) -> None:
    from jixiao.core.indicators.words import WORD_PAIRS

    name = f"提升{lead}{word}覆盖率"
    head = f"覆盖率为{target - shortfall}%{mark}进一步提升{lead}"
    cut = head + word[0]
    if (lead[-1] + word[0]) in WORD_PAIRS:
        return  # "务水" would be a word of its own: nothing says the text was cut
    assert evaluate(name, f"≥{target}%", head + word + "。").verdict == "not_met"
    evaluation = evaluate(name, f"≥{target}%", cut)
    assert evaluation.verdict == "unverifiable" and evaluation.cause == "result_truncated", cut
