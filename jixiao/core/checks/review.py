"""Import damage (FORM.md §7): what the importer could not read is listed for review, never dropped."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from jixiao.core.checks.registry import CheckContext, register
from jixiao.core.findings import Finding

# Importers may describe a problem in English (FORMAT.md's example does); the filler reads Chinese.
_PROBLEMS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^empty cell$"), "单元格为空"),
    (re.compile(r"^text partly unreadable$"), "文字部分无法辨认"),
    (
        re.compile(r"^label unreadable \(seal\); value placed by layout$"),
        "标签被印章遮挡无法辨认,数值按版式位置归入",
    ),
    (re.compile(r"^truncated: only '(.*)' left$"), "内容被截断,只剩“\\1”"),
    (re.compile(r"^indicator and result interleaved in one cell$"), "指标与完成情况交错在同一单元格中"),
)


@lru_cache(maxsize=512)
def problem_in_chinese(problem: str) -> str:
    for pattern, chinese in _PROBLEMS:
        if pattern.match(problem):
            return pattern.sub(chinese, problem)
    return problem


def _source_in_chinese(source: str) -> str:
    line = re.fullmatch(r"line (\d+)", source)
    return f"原文第 {line.group(1)} 行" if line else source


@register
def import_review(ctx: CheckContext) -> Iterator[Finding]:
    for item in ctx.form.review:
        where = f"({_source_in_chinese(item.source)})" if item.source else ""
        yield Finding(
            code="review.import_damage",
            severity="warning",
            path=item.path,
            message=f"导入时未能确认此处内容:{problem_in_chinese(item.problem)}{where}。请对照原件核对。",
            detail=f"importer review entry: {item.problem}",
        )
