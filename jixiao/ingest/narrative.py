"""Figures stated only in sentences: 预算, 实际支出, 执行率 read from the narrative as a fallback.

「实际下达预算2596万元……实际总支出2595.6208万元……执行率99%」: when the form's funding table gave no
figure for a field, the first sentence that states it fills that field, and the review names the
sentence. A field the table filled is never touched.
"""

from __future__ import annotations

import re
from decimal import Decimal

from jixiao.core.form import Form
from jixiao.core.numbers import NumberError, parse_amount, parse_rate
from jixiao.ingest import review as rv
from jixiao.ingest.grid import Grid

_AMOUNT = r"(\d+(?:\.\d+)?)\s*(万元|元)"
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "adjusted_budget",
        re.compile(
            r"(?:全年预算数?|调整后预算数?|下达预算|预算(?:资金|金额|总额|数)?|安排资金|计划投资)[为是共计达:：]{0,3}"
            + _AMOUNT
        ),
    ),
    (
        "actual",
        re.compile(
            r"(?:实际(?:总)?支出|实际执行|全年执行数?|已?完成支出|已?支付|已?拨付)(?:资金|金额)?[为是共计达:：]{0,3}"
            + _AMOUNT
        ),
    ),
    ("execution_rate", re.compile(r"(?:预算)?执行率[为是达到:：]{0,3}(\d+(?:\.\d+)?)\s*[%%]")),
)
_SENTENCE = re.compile(r"[^。;;\n]*")


def fill_funds(form: Form, grid: Grid) -> None:
    """Fill empty fund fields from figures stated in the document's sentences, each marked for review."""
    funds = form.funds
    wanted = [name for name, _ in _PATTERNS if getattr(funds, name) is None]
    if not wanted or (funds.adjusted_budget is not None and funds.actual is not None):
        return
    for row in grid:
        for index in row.filled():
            text = row.text(index)
            if len(text) < 12:
                continue
            for name, pattern in _PATTERNS:
                if name not in wanted or getattr(funds, name) is not None:
                    continue
                match = pattern.search(text)
                if match is None:
                    continue
                value = _value(name, match, form.amount_unit)
                if value is None:
                    continue
                setattr(funds, name, value)
                sentence = _sentence_around(text, match.start(), match.end())
                form.review.append(
                    rv.item(f"funds.{name}", f"{rv.FROM_NARRATIVE}: '{rv.clip(sentence, 60)}'", row.source)
                )


def _value(name: str, match: re.Match[str], unit: str) -> Decimal | None:
    try:
        if name == "execution_rate":
            return parse_rate(match.group(1) + "%")
        return parse_amount(match.group(1) + match.group(2), unit)
    except NumberError:
        return None


def _sentence_around(text: str, start: int, end: int) -> str:
    left = max(text.rfind(mark, 0, start) for mark in "。;;\n")
    rights = [i for i in (text.find(mark, end) for mark in "。;;\n") if i >= 0]
    return text[left + 1 : min(rights) if rights else len(text)].strip()
