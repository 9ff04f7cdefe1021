"""Figures stated only in sentences: 预算, 实际支出, 执行率 read from the narrative as a fallback.

Only the form's narrative counts (its goals, conclusions, problems, and text the parser could not
place), never a cell of a table: "初步预算资金36.2万元" in an indicator row's 偏差原因 is not the budget.

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
from jixiao.ingest import vocab
from jixiao.ingest.grid import Grid, Row
from jixiao.ingest.textutil import squeeze

_AMOUNT = r"(\d+(?:\.\d+)?)\s*(万元|元)(?!\s*(?:以上|以下|以内|及以上|左右))"  # 500万元以上 is a threshold
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
_FIGURE_WORD = re.compile(r"\d\s*(?:万元|元|[%%])")  # a cell that could state a fund figure at all
_SENTENCE = re.compile(r"[^。;;\n]*")


_TOTAL_SCORE = re.compile(
    r"(?:综合评价|自评|评价|综合)(?:总)?得分[为是达:：]{0,2}\s*(\d{1,3}(?:\.\d{1,2})?)\s*分|自评总分[为是:：]{0,2}\s*(\d{1,3}(?:\.\d{1,2})?)\s*分"
)


def fill_funds(form: Form, grid: Grid) -> None:
    """Fill empty fund fields (and an empty 总分) from figures stated in the document's sentences,
    each marked for review."""
    funds = form.funds
    stated = _narrative_keys(form)
    if form.total_score is None:
        _fill_total_score(form, grid, stated)
    wanted = [name for name, _ in _PATTERNS if getattr(funds, name) is None]
    if not wanted or (funds.adjusted_budget is not None and funds.actual is not None):
        return
    for r, row in enumerate(grid):
        for index in row.filled():
            text = row.text(index)
            if len(text) < 12 or not _FIGURE_WORD.search(text):
                continue
            if (r, index) in grid.used and not _is_narrative(squeeze(text), stated):
                continue  # a cell of a table (an indicator row, its 偏差原因): not the form's narrative
            if index != row.filled()[0] and _is_indicator_row(row):
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


def _fill_total_score(form: Form, grid: Grid, stated: list[str]) -> None:
    """综合评价得分为 99.8分 in the conclusion: the form's 总分 when no table printed one."""
    for r, row in enumerate(grid):
        for index in row.filled():
            text = row.text(index)
            match = _TOTAL_SCORE.search(text) if len(text) >= 12 else None
            if match is None or ((r, index) in grid.used and not _is_narrative(squeeze(text), stated)):
                continue
            value = Decimal(match.group(1) or match.group(2))
            if value > 100:
                continue
            form.total_score = value
            sentence = _sentence_around(text, match.start(), match.end())
            form.review.append(
                rv.item("total_score", f"{rv.FROM_NARRATIVE}: '{rv.clip(sentence, 60)}'", row.source)
            )
            return


def _narrative_keys(form: Form) -> list[str]:
    """The texts the form states in its narrative fields (goals, conclusions, problems)."""
    texts = [form.goals.expected, form.goals.achieved, form.overall_performance, form.key_project]
    texts += form.problems + form.improvements
    return [squeeze(t) for t in texts if t]


def _is_narrative(key: str, stated: list[str]) -> bool:
    return any(key in text or text in key for text in stated)


def _is_indicator_row(row: Row) -> bool:
    """A row that starts with an indicator level label (成本指标 …) is a row of the indicator grid."""
    first = row.text(row.filled()[0])
    return vocab.is_level1(first) or vocab.is_level2(first)


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
