"""Consistency (FORM.md §7): the same metric stated with different figures in two free-text blocks.

"行政许可事项即办率83.93%" in the key project and "行政许可即办率84.34%" in the overall performance
are shown to the reviewer; "103.8万人次" and "104万人次" are equal up to rounding and are not.
Only the narrative blocks are compared: an indicator's result speaks of its own scope.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from jixiao.core.checks.registry import CheckContext, register
from jixiao.core.findings import Finding
from jixiao.core.form import Form
from jixiao.core.numbers import equal_up_to_rounding, normalize, plain

# A rate or degree named by a noun ending in 率 or 度, then (after a short connector) a percentage.
_RATE = re.compile(
    r"(?P<noun>[\u4e00-\u9fff]{1,12}?(?:率|度))"
    r"(?:为|是|达到|达|超过|超|约|均达|均为|提升至|提高到|提高至|:|：)?\s*"
    r"(?P<value>\d+(?:\.\d+)?)\s*[%％]"
)
# A count with a 万 multiplier and a unit of people or units: "服务企业群众104万人次".
_COUNT = re.compile(
    r"(?P<noun>[\u4e00-\u9fff]{2,4})(?:超过|超|约|达到|达|共|累计)?\s*"
    r"(?P<value>\d+(?:\.\d+)?)\s*(?P<unit>万人次|万户|万件|万人|万元|亿元)"
)
_BLOCKS = ("goals.expected", "goals.achieved", "key_project", "overall_performance")


@dataclass(frozen=True)
class Mention:
    key: str
    value: Decimal
    unit: str
    text: str
    path: str


def _blocks(form: Form) -> list[tuple[str, str]]:
    found = [
        ("goals.expected", form.goals.expected),
        ("goals.achieved", form.goals.achieved),
        ("key_project", form.key_project),
        ("overall_performance", form.overall_performance),
    ]
    for t, task in enumerate(form.tasks):
        found += [(f"tasks[{t}].expected", task.expected), (f"tasks[{t}].achieved", task.achieved)]
    return [(path, normalize_text(text)) for path, text in found if text]


def normalize_text(text: str) -> str:
    return normalize(text).replace("%", "%")


def mentions(path: str, text: str) -> Iterator[Mention]:
    for match in _RATE.finditer(text):
        noun = match.group("noun")
        # The last three characters name the rate ("即办率"), the rest is its scope.
        yield Mention(noun[-3:], Decimal(match.group("value")), "%", match.group(0), path)
    for match in _COUNT.finditer(text):
        noun = match.group("noun")
        yield Mention(
            noun[-2:] + match.group("unit"),
            Decimal(match.group("value")),
            match.group("unit"),
            match.group(0),
            path,
        )


@register
def figures_stated_twice(ctx: CheckContext) -> Iterator[Finding]:
    by_key: dict[str, dict[str, list[Mention]]] = {}
    for path, text in _blocks(ctx.form):
        for mention in mentions(path, text):
            by_key.setdefault(mention.key, {}).setdefault(path, []).append(mention)
    for key, per_block in by_key.items():
        blocks = list(per_block.items())
        reported: set[tuple[str, str]] = set()
        for i, (path_a, mentions_a) in enumerate(blocks):
            for path_b, mentions_b in blocks[i + 1 :]:
                if any(equal_up_to_rounding(a.value, b.value) for a in mentions_a for b in mentions_b):
                    continue
                a, b = mentions_a[0], mentions_b[0]
                if (path_a, path_b) in reported:
                    continue
                reported.add((path_a, path_b))
                yield Finding(
                    code="consistency.figure_stated_twice",
                    severity="info",
                    path=path_b,
                    message=(
                        f"同一指标前后数字不一致:“{a.text}”({_label(path_a)})与“{b.text}”({_label(path_b)})。"
                        "请核对哪一个正确,或说明口径不同。"
                    ),
                    detail=f"{key}: {plain(a.value)} at {path_a} vs {plain(b.value)} at {path_b}",
                )


def _label(path: str) -> str:
    labels = {
        "goals.expected": "年度目标",
        "goals.achieved": "年度目标完成情况",
        "key_project": "重点项目绩效情况",
        "overall_performance": "部门整体绩效",
    }
    if path in labels:
        return labels[path]
    number = re.search(r"\[(\d+)\]", path)
    return f"第{int(number.group(1)) + 1}项任务" if number else path
