from __future__ import annotations

import pytest

from jixiao.render.safety import is_formula_like, neutralise, xml_safe


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1)", "＝1", "＋1", "－1", "＠A", "\t=1", "\r=1"])
def test_it_neutralises_what_a_spreadsheet_would_run(text: str) -> None:
    assert is_formula_like(text)
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("text", ["好评率95%以上", "1+1", "≥200项", "", "'=quoted"])
def test_it_leaves_ordinary_text_alone(text: str) -> None:
    assert neutralise(text) == text


def test_it_drops_characters_xml_cannot_hold() -> None:
    assert xml_safe("a\x00b\x0bc\nd") == "abc\nd"
