"""Cell text as extracted: wrapped lines, lists, garbage, interleaved cells."""

from __future__ import annotations

from jixiao.ingest.layouts.guangzhou import split_interleaved
from jixiao.ingest.textutil import fold_label, join_wrapped, looks_garbled, split_list


def test_it_joins_wrapped_lines_after_chinese_but_keeps_real_spaces() -> None:
    assert join_wrapped("推进政务 服务提质") == "推进政务服务提质"
    assert join_wrapped("评价量为 19323296条") == "评价量为19323296条"
    assert join_wrapped("故障次数≤ 3次") == "故障次数≤ 3次"
    assert join_wrapped("  ") is None


def test_it_folds_labels_to_one_key() -> None:
    assert fold_label("部门资 金情况") == "部门资金情况"
    assert fold_label("項目資金 (萬元)") == "项目资金(万元)"


def test_it_splits_numbered_and_html_lists_without_cutting_figures() -> None:
    assert split_list("1. 甲500万元以上。 2. 乙。") == ["甲500万元以上。", "乙。"]
    assert split_list("<ol> <li>甲</li> <li>乙</li> </ol>") == ["甲", "乙"]
    assert split_list("只有一句。") == ["只有一句。"]


def test_it_recognises_repeated_ocr_noise_but_not_a_sentence() -> None:
    assert looks_garbled("是一个人,是一个人,是一个人,是一个人,")
    assert not looks_garbled("完成目标。截至2021年12月31日,共提供代办服务项目919项。")


def test_it_splits_an_interleaved_indicator_and_result() -> None:
    name, result = split_interleaved(
        "区政府门户网站年度考核成绩良好以 上。 完成目标。我区在全市排名第 一,获评优秀等级。"
    )
    assert name == "区政府门户网站年度考核成绩良好以上。"
    assert result == "完成目标。我区在全市排名第一,获评优秀等级。"
    name, result = split_interleaved("完成目标。截至12月31日,群众满意度95% 271380件 以上。 满意率98.75%")
    assert name == "群众满意度95%以上。"
    assert result == "完成目标。截至12月31日,271380件满意率98.75%"
