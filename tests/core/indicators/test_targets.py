"""Targets → conditions (FORM.md §5, LAYOUTS.md §D)."""

from decimal import Decimal

import pytest

from jixiao.core.indicators import grid_target, parse_target
from jixiao.core.indicators.targets import infer_operator

D = Decimal


def conditions(target: str, name: str | None = None) -> list[tuple[str, str, str]]:
    parsed = parse_target(name, target)
    return [(c.operator, str(c.value), c.written_unit) for c in parsed.conditions]


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        # 《民法典》第1259条: 以上、以下、以内 include the number; 不满、超过、以外 exclude it.
        ("好评率95%以上", [("≥", "95", "%")]),
        ("18周岁以下", [("≤", "18", "岁")]),
        ("10天以内", [("≤", "10", "天")]),
        ("不满18周岁", [("<", "18", "岁")]),
        ("超过100人", [(">", "100", "人")]),
        ("100米以外", [(">", "100", "米")]),
        ("不少于12种", [("≥", "12", "种")]),
        ("不低于90%", [("≥", "90", "%")]),
        ("不超过5%", [("≤", "5", "%")]),
        ("不高于3次", [("≤", "3", "次")]),
        ("达到95%", [("≥", "95", "%")]),
        ("至少3场", [("≥", "3", "场")]),
        ("最多2次", [("≤", "2", "次")]),
        ("控制在5%以内", [("≤", "5", "%")]),
        ("95%以上(不含)", [(">", "95", "%")]),
        ("3个工作日内办结", [("≤", "3", "工作日")]),
    ],
)
def test_it_reads_boundary_words_as_the_civil_code_says(
    written: str, expected: list[tuple[str, str, str]]
) -> None:
    assert conditions(written) == expected


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("≥ 43台", ("≥", "43", "台")),
        ("≥50个", ("≥", "50", "个")),
        ("≤90万元", ("≤", "90", "万元")),
        (">=21933人", ("≥", "21933", "人")),
        ("<=5300元/户", ("≤", "5300", "元/户")),
        (">=530元/人*月", ("≥", "530", "元/人·月")),
        ("＞10个", (">", "10", "个")),
        ("＜5％", ("<", "5", "%")),
        ("＝100％", ("=", "100", "%")),
        ("≧20000亩", ("≥", "20000", "亩")),
        ("≦3次", ("≤", "3", "次")),
        ("═100%", ("=", "100", "%")),
        ("﹦72890元", ("=", "72890", "元")),
        ("≥100百分比", ("≥", "100", "%")),
        (">=98%(百分比)", ("≥", "98", "%")),
        ("300 公里", ("≥", "300", "公里")),
    ],
)
def test_it_reads_signs_in_every_width_and_spacing(written: str, expected: tuple[str, str, str]) -> None:
    assert conditions(written) == [expected]


@pytest.mark.parametrize(
    ("written", "value", "unit", "scaled"),
    [
        ("≥16.35万户", "16.35", "万户", D("163500")),
        ("≥1.2亿元", "1.2", "亿元", D("120000000")),
        ("不少于十个", "10", "个", D(10)),
        ("不少于一百二十人", "120", "人", D(120)),
        ("不少于两次", "2", "次", D(2)),
        ("≥5千元", "5", "元", D(5000)),
    ],
)
def test_it_reads_multipliers_and_chinese_numerals(
    written: str, value: str, unit: str, scaled: Decimal
) -> None:
    [condition] = parse_target(None, written).conditions
    assert (str(condition.value), condition.written_unit, condition.scaled) == (value, unit, scaled)


def test_a_range_is_two_conditions() -> None:
    assert conditions("90%-95%") == [("≥", "90", "%"), ("≤", "95", "%")]
    assert conditions("3至5天") == [("≥", "3", "天"), ("≤", "5", "天")]


def test_a_compound_target_keeps_each_subject() -> None:
    parsed = parse_target(
        "严重故障次数(导致网站无法访问)≤ 3次,一般故障次数(影响非关键页面的浏览)≤15次。", None
    )
    assert [(c.subject, c.operator, str(c.value), c.unit) for c in parsed.conditions] == [
        ("严重故障次数", "≤", "3", "次"),
        ("一般故障次数", "≤", "15", "次"),
    ]


def test_it_splits_subject_and_target_in_a_guangzhou_name() -> None:
    parsed = parse_target("实现“跨域通办”事项数≥200项;", None)
    [condition] = parsed.conditions
    assert condition.subject == '实现"跨域通办"事项数'
    assert (condition.operator, condition.value, condition.unit) == ("≥", D(200), "项")


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("2021年11月30日前完成", "2021-11-30"),
        ("12月底前", "--12-31"),
        ("9月前", "--09"),
        ("2022年底之前", "2022"),
    ],
)
def test_it_reads_deadlines(written: str, value: str) -> None:
    parsed = parse_target(None, written)
    assert parsed.kind == "deadline"
    assert [(c.operator, c.value, c.unit) for c in parsed.conditions] == [("≤", value, "日期")]


@pytest.mark.parametrize(
    ("written", "grade", "scale", "operator"),
    [
        ("考核成绩良好以上", "良好", "优良", "≥"),
        ("优秀", "优秀", "优良", "≥"),
        ("合格", "合格", "优良", "≥"),
        ("较好", "较好", "好坏", "≥"),
        ("好", "好", "好坏", "≥"),
        ("高", "高", "高低", "≥"),
        ("达到", "达到", "达到", "≥"),
        ("基本达到", "基本达到", "达到", "≥"),
        ("是", "是", "是否", "≥"),
        ("有效", "有效", "有效", "≥"),
        ("效果明显", "效果明显", "明显", "≥"),
    ],
)
def test_it_reads_grades_on_their_ordinal_scale(written: str, grade: str, scale: str, operator: str) -> None:
    parsed = parse_target(None, written)
    [condition] = parsed.conditions
    assert parsed.kind == "grade"
    assert (condition.value, condition.scale, condition.operator, condition.unit) == (
        grade,
        scale,
        operator,
        "等级",
    )


def test_a_qualitative_target_that_is_no_grade_is_kept_as_written() -> None:
    parsed = parse_target("经费支出合规性", "严格执行相关制度规定")
    assert parsed.kind == "qualitative"
    assert parsed.conditions[0].to_dict() == {
        "operator": "grade",
        "value": "严格执行相关制度规定",
        "unit": "",
    }


@pytest.mark.parametrize(
    ("subject", "operator"),
    [
        ("结转结余率", "≤"),
        ("预算调整率", "≤"),
        ("财政供养人员控制率", "≤"),
        ('"三公经费"变动率', "≤"),
        ("项目总成本", "≤"),
        ("故障次数", "≤"),
        ("办理时限", "≤"),
        ("好评率", "≥"),
        ("预算完成率", "≥"),
        ("受益人口数量", "≥"),
        ("故障处理及时率", "≥"),
        ("投诉办结率", "≥"),
    ],
)
def test_a_bare_value_takes_its_direction_from_the_indicator(subject: str, operator: str) -> None:
    assert infer_operator(subject) == operator
    [condition] = parse_target(subject, "3%").conditions
    assert condition.operator == operator and condition.inferred


@pytest.mark.parametrize(
    ("name", "target", "reason"),
    [
        (None, None, "未填写"),
        ("", "", "未填写"),
        ("个。", None, "截断"),
        ("组织宣传活动次数", "第O份", "识别错误"),
        ("受助对象满意度", "≥**%", "占位符"),
        ("经费支出合规性", None, "没有写明目标值"),
    ],
)
def test_it_says_why_a_target_cannot_be_read(name: str | None, target: str | None, reason: str) -> None:
    parsed = parse_target(name, target)
    assert parsed.kind == "problem" and reason in parsed.problem


@pytest.mark.parametrize(
    ("operator", "value", "unit", "joined"),
    [
        ("=", "100", "%", "=100%"),
        ("≧", "735", "人次", "≥735人次"),
        ("定性", "有效", "", "有效"),
        ("≤", "30", "万元", "≤30万元"),
        ("", "100%", "%", "100%"),
        (None, "—", "%", None),
    ],
)
def test_it_joins_grid_columns_into_one_target(
    operator: str | None, value: str, unit: str, joined: str | None
) -> None:
    assert grid_target(operator, value, unit) == joined


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("0-6岁儿童健康管理率≥90%", [("0-6岁儿童健康管理率", "≥", "90", "%")]),
        ("区12345热线接通率≥90%。", [("区12345热线接通率", "≥", "90", "%")]),
        ("新增企业10家。", [("新增企业", "≥", "10", "家")]),
        ("2021年底前完成3个系统上线。", [("系统上线", "≥", "3", "个")]),
        (
            "全年开展培训不少于两次,每次不少于50人。",
            [("全年开展培训", "≥", "2", "次"), ("每次", "≥", "50", "人")],
        ),
    ],
)
def test_figures_that_belong_to_the_subject_of_a_name_are_no_target(
    name: str, expected: list[tuple[str, str, str, str]]
) -> None:
    parsed = parse_target(name, None)
    assert [(c.subject, c.operator, str(c.value), c.written_unit) for c in parsed.conditions] == expected


@pytest.mark.parametrize("dash", ["—", "-", "一", "/", "——", "－", "／", " — "])
def test_a_dash_or_slash_target_sets_no_target(dash: str) -> None:
    parsed = parse_target("培训人数100人", dash)
    assert parsed.kind == "problem" and parsed.cause == "no_target_value"
    assert "未设定目标" in parsed.problem and dash.strip() in parsed.problem


def test_a_dash_target_beside_a_name_that_states_a_comparison_reads_the_name() -> None:
    assert conditions("—", name="好评率≥95%") == [("≥", "95", "%")]


@pytest.mark.parametrize(
    ("subject", "operator"),
    [
        # A bad outcome, named in words the lexicon only knows by their morphemes.
        ("森林火灾受害率", "≤"),
        ("农作物成灾率", "≤"),
        ("门诊误诊率", "≤"),
        ("产品抽检漏检率", "≤"),
        ("车辆返修率", "≤"),
        ("贷款坏账率", "≤"),
        ("孕产妇死亡率", "≤"),
        ("院内感染率", "≤"),
        ("包装破损率", "≤"),
        ("职工缺勤率", "≤"),
        ("合同违约率", "≤"),
        ("肿瘤复发率", "≤"),
        ("客户流失率", "≤"),
        ("学生近视率", "≤"),
        ("交通事故伤亡人数", "≤"),
        ("群体性事件起数", "≤"),
        ("食品抽检不合格批次", "≤"),
        ("农村返贫人数", "≤"),
        ("刑事案件发案数", "≤"),
        ("逾期未办结件数", "≤"),
        # Acting on a bad outcome, or a good thing that shares a character with one.
        ("故障修复率", "≥"),
        ("隐患整改率", "≥"),
        ("查处违法案件数", "≥"),
        ("废弃物回收利用率", "≥"),
        ("生活垃圾无害化处理率", "≥"),
        ("失业人员再就业率", "≥"),
        ("灾害预警准确率", "≥"),
        ("病床使用率", "≥"),
        ("住院患者人数", "≥"),
        ("紧缺人才引进人数", "≥"),
        ("防灾减灾培训人数", "≥"),
        ("未成年人保护覆盖率", "≥"),
        ("不动产登记办结率", "≥"),
        ("养老保险参保率", "≥"),
    ],
)
def test_a_bare_value_reads_the_meaning_of_the_outcome(subject: str, operator: str) -> None:
    assert infer_operator(subject) == operator
    [condition] = parse_target(subject, "2%").conditions
    assert condition.operator == operator and condition.inferred
