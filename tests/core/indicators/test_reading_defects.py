"""Readings a reviewer would disagree with, found by mutation testing (docs/testing.md)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.core.indicators import evaluate


@pytest.mark.parametrize(
    ("name", "target", "result", "named"),
    [
        ("项目完成时限", "11月30日前完成", "项目于12月5日完成验收", "期限“项目完成时限11月30日前”"),
        ("完成时限", "12月底前", "2023年12月20日完工", "期限“完成时限12月31日前”"),
        ("方案印发时间", "9月前印发", "10月12日印发实施方案", "期限“方案印发时间9月前”"),
        # With a year the deadline keeps its form.
        ("完成时限", "2023年11月30日前完成", "2023年12月1日完工", "期限“完成时限2023-11-30前”"),
    ],
)
def test_a_deadline_without_a_year_is_named_in_words(name: str, target: str, result: str, named: str) -> None:
    reason = evaluate(name, target, result, Decimal("5")).reason
    assert reason.startswith(named + ","), reason
    assert "--" not in reason
