"""Results → actual values with evidence (offsets into the result as written)."""

from decimal import Decimal

import pytest

from jixiao.core.indicators import evaluate

D = Decimal


def actual(name: str, target: str | None, result: str) -> tuple[Decimal | str, str, str]:
    evaluation = evaluate(name, target, result)
    first = evaluation.actual[0]
    start, end = first.evidence
    return first.value, first.written_unit, result[start:end]


@pytest.mark.parametrize(
    ("name", "target", "result", "value", "unit", "evidence"),
    [
        (
            "好评率",
            "95%以上",
            "完成目标。截至2021年12月31日,累计评价量为19323296条,好评率为97.55%。",
            D("97.55"),
            "%",
            "97.55%",
        ),
        ("覆盖户数", "≥15万户", "全年覆盖16.35万户。", D("16.35"), "万户", "16.35万户"),
        ("受益人数", "≥1000人", "受益群众1,050人", D(1050), "人", "1,050人"),
        ("开展活动", "不少于两次", "共开展活动三次", D(3), "次", "三次"),
        ("满意度", "≥90%", "群众满意度９６．５％", D("96.5"), "%", "９６．５％"),
        (
            "街道数",
            "不少于10个",
            "2021年完10个区街道政务服务排队叫号及评价系统升级改造。",
            D(10),
            "个",
            "10个",
        ),
        ("项目总成本", "≤90万元", "90", D(90), "万元", "90"),
    ],
)
def test_it_finds_the_figure_and_its_evidence(
    name: str, target: str, result: str, value: Decimal, unit: str, evidence: str
) -> None:
    assert actual(name, target, result) == (value, unit, evidence)


@pytest.mark.parametrize(
    ("name", "result", "evidence"),
    [
        ("严重故障次数≤3次", "2021年平台未发生严重故障,发生一般故障7次。", "未发生严重故障"),
        ("投诉次数≤2次", "全年无投诉。", "无投诉"),
        ("安全事故≤0起", "零事故", "零事故"),
        ("安全事故≤1起", "无", "无"),
    ],
)
def test_words_of_absence_read_as_zero(name: str, result: str, evidence: str) -> None:
    evaluation = evaluate(name, None, result)
    assert evaluation.verdict == "met"
    first = evaluation.actual[0]
    assert first.value == 0
    assert result[first.evidence[0] : first.evidence[1]] == evidence
    assert "zero_from_words" in evaluation.flags


def test_dates_and_ordinals_are_no_quantities() -> None:
    evaluation = evaluate("排名", "≥3名", "2021年12月31日排名第1,共评出5名")
    assert evaluation.actual[0].value == 5


def test_it_takes_the_figure_nearest_to_the_keyword_and_keeps_the_others() -> None:
    result = "共办理107个信息化项目立项,完成83个项目验收、15个项目终验备案。"
    evaluation = evaluate("项目验收数", "≥80个", result)
    chosen = evaluation.actual[0]
    assert chosen.value == 83
    assert [a.value for a in chosen.alternatives] == [15, 107]  # nearest first
    assert "alternatives" in evaluation.flags


def test_it_prefers_the_unit_of_the_target_over_a_nearer_figure() -> None:
    evaluation = evaluate("满意度", "≥90%", "发放问卷300份,满意度调查结果为95%")
    assert evaluation.actual[0].value == 95


def test_a_result_in_yuan_answers_a_target_in_wan_yuan() -> None:
    evaluation = evaluate("成本", "≤90万元", "实际支出899700元")
    assert evaluation.verdict == "met"
    assert evaluation.actual[0].scaled == D(899700)


def test_the_evidence_of_a_grade_is_the_grade_word() -> None:
    result = "完成目标。我区在全市2021年度政府网站和政务新媒体考评中总分排名第一,获评优秀等级。"
    evaluation = evaluate("区政府门户网站年度考核成绩良好以上。", None, result)
    start, end = evaluation.actual[0].evidence
    assert result[start:end] == "优秀"


def test_full_width_punctuation_and_digits_keep_their_offsets() -> None:
    # Written with escapes so that no editor folds them: "，" "％" "。" and full-width digits.
    result = "完成目标\uff0c截至2021年12月31日\uff0c好评率为\uff19\uff17.55\uff05\u3002"
    evaluation = evaluate("好评率", "\uff1e\uff1d95\uff05", result)
    assert evaluation.verdict == "met"
    start, end = evaluation.actual[0].evidence
    assert result[start:end] == "\uff19\uff17.55\uff05"
    assert "好评率为" in evaluation.reason


@pytest.mark.parametrize(
    ("name", "result", "cut"),
    [
        ("服务范围覆盖率", "覆盖率由80%提升至服务范", "提升至服务范"),  # 范围 is a word, 务范 none
        ("扩大服务范围", "已扩大服务范", "已扩大服务范"),
        ("培训人数", "培训80人,覆盖全区的", "覆盖全区的"),  # stops on 的
        ("好评率", "截至12月底,好评率为", "好评率为"),
        ("群众文化生活水平", "开展活动12场,丰富了群众文化生活水", "丰富了群众文化生活水"),  # 水平
    ],
)
def test_it_sees_a_result_cut_off_mid_word(name: str, result: str, cut: str) -> None:
    from jixiao.core.indicators.lexicon import fold
    from jixiao.core.indicators.results import cut_off

    span = cut_off(fold(result), fold(name))
    assert span is not None and result[span[0] : span[1]] == cut


@pytest.mark.parametrize(
    ("name", "result"),
    [
        ("推动企业走出去方面发挥的作用", "有利于推动企业走出去"),  # ends on a whole word
        ("可保证读者使用时长", "全天候"),
        ("群众满意度", "提升群众满意"),
        ("培训人数", "培训80人"),
        ("培训人数", "培训80人,改善了群众生活"),
        ("服务范围覆盖率", "已扩大服务范围。"),
        ("好评率", "好评率为97.55%"),
    ],
)
def test_a_complete_result_is_not_cut(name: str, result: str) -> None:
    from jixiao.core.indicators.lexicon import fold
    from jixiao.core.indicators.results import cut_off

    assert cut_off(fold(result), fold(name)) is None
