"""Claimed counts (FORM.md §7): "3个关键指标均已完成" against the indicators listed, and the key
project's "设置18项绩效指标,其中数量指标6项…" against its own total."""

from __future__ import annotations

import re
from collections.abc import Iterator

from jixiao.core import wording
from jixiao.core.checks.registry import CheckContext, register
from jixiao.core.findings import Finding
from jixiao.core.numbers import parse_chinese_integer

_NUM = r"(\d+|[零〇一二两三四五六七八九十百]+)"
_CLAIMED_INDICATORS = re.compile(_NUM + r"\s*(?:个|项|条)\s*(?:关键|绩效|核心)?指标")
# The stated total right before "其中" ("设置18项绩效指标,其中"), matched on the few characters
# before each "其中" so that the pattern is not tried along the whole narrative.
_TOTAL = re.compile(_NUM + r"\s*(?:个|项|条)\s*(?:绩效)?指标[,,;;:：]?\s*$")
_CATEGORY = re.compile(
    r"((?:服务对象)?满意度|数量|质量|时效|成本|经济效益|社会效益|生态效益|可持续影响|效益|产出|效果)指标\s*"
    + _NUM
    + r"\s*(?:个|项|条)"
)


def _count(text: str) -> int | None:
    return parse_chinese_integer(text)


def claimed_indicator_counts(ctx: CheckContext) -> Iterator[Finding]:
    """A task that says "5个关键指标均已完成" should list 5 关键指标."""
    for t, task in enumerate(ctx.form.tasks):
        if not task.achieved:
            continue
        match = _CLAIMED_INDICATORS.search(task.achieved)
        if not match:
            continue
        claimed = _count(match.group(1))
        listed = len(task.indicators)
        if claimed is not None and claimed != listed:
            yield Finding(
                code="claims.indicator_count",
                severity="warning",
                path=f"tasks[{t}].achieved",
                message=wording.finding("claims.indicator_count", claim=match.group(0), listed=listed),
                detail=f"claimed {claimed} indicators, {listed} listed",
            )


def key_project_category_counts(ctx: CheckContext) -> Iterator[Finding]:
    """The key project's indicator categories should add up to the total it states."""
    text = ctx.form.key_project
    if not text:
        return
    position = text.find("其中")
    while position >= 0:
        total_match = _TOTAL.search(text, max(0, position - 16), position)
        following = position + 2
        position = text.find("其中", following)
        if total_match is None:
            continue
        total = _count(total_match.group(1))
        # The categories follow the total, up to the end of the sentence.
        end = text.find("。", following)
        sentence = text[following : end if end >= 0 else len(text)]
        parts = [(m.group(1), _count(m.group(2))) for m in _CATEGORY.finditer(sentence)]
        if total is None or not parts or any(n is None for _, n in parts):
            continue
        summed = sum(n for _, n in parts if n is not None)
        if summed != total:
            listing = " + ".join(f"{name}{n}" for name, n in parts)
            yield Finding(
                code="claims.key_project_categories",
                severity="warning",
                path="key_project",
                message=wording.finding(
                    "claims.key_project_categories", total=total, listing=listing, summed=summed
                ),
                detail=f"stated total {total}, categories sum to {summed}",
            )


# Registered by a call, not a decorator, so that mutation testing (mutmut) reaches these functions.
register(claimed_indicator_counts)
register(key_project_category_counts)
