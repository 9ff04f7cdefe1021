"""Consistency (FORM.md §7): the same metric stated with different figures in two free-text blocks.

"行政许可事项即办率83.93%" in the key project and "行政许可即办率84.34%" in the overall performance
are shown to the reviewer; "103.8万人次" and "104万人次" are equal up to rounding and are not.
Only the narrative blocks are compared: an indicator's result speaks of its own scope.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from typing import NamedTuple

from jixiao.core import fields, wording
from jixiao.core.checks.registry import CheckContext, register
from jixiao.core.findings import Finding
from jixiao.core.form import Form
from jixiao.core.numbers import equal_up_to_rounding, fold_width, plain

# A figure with a percent sign or a 万/亿 unit; what precedes it names the metric. The units are
# found with str.find (few per text) and the text before each is read backwards (reversed), so that
# no pattern is tried at every position of a long narrative.
_UNITS = {"%": ("%",), "万": ("万人次", "万户", "万件", "万人", "万元"), "亿": ("亿元",)}
_NUMBER_REVERSED = re.compile(r"[ \t]*([0-9]+(?:\.[0-9]+)?)")
_CONNECTOR_REVERSED = re.compile(
    r"[ \t]*(?:到达|达|为|是|过超|超|约|达均|为均|至升提|到高提|至高提|共|计累|:|：)?"
)
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")


class Mention(NamedTuple):
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
    return fold_width(text)


def _unit_positions(text: str) -> list[tuple[int, str]]:
    found = []
    for first, units in _UNITS.items():
        position = text.find(first)
        while position >= 0:
            unit = next((u for u in units if text.startswith(u, position)), None)
            if unit:
                found.append((position, unit))
            position = text.find(first, position + 1)
    return sorted(found)


def mentions(path: str, text: str) -> Iterator[Mention]:
    """Yield each rate ("即办率84.34%") and each 万-count ("群众104万人次") stated in ``text``."""
    for position, unit in _unit_positions(text):
        before = text[max(0, position - 32) : position][::-1]
        number = _NUMBER_REVERSED.match(before)
        if number is None:
            continue
        connector = _CONNECTOR_REVERSED.match(before, number.end())
        run = _CJK_RUN.match(before, connector.end() if connector else number.end())
        if run is None:
            continue
        noun = run.group(0)[::-1]
        # A rate is named by its last three characters ("即办率"), the rest is its scope; a count
        # by the two characters before it and its unit ("群众万人次").
        if unit == "%":
            if noun[-1] not in "率度":
                continue
            key = noun[-3:]
        else:
            if len(noun) < 2:
                continue
            key = noun[-2:] + unit
        value = Decimal(number.group(1)[::-1])
        yield Mention(key, value, unit, text[position - run.end() : position + len(unit)], path)


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
                    message=wording.finding(
                        "consistency.figure_stated_twice",
                        first=a.text,
                        first_place=_label(path_a, ctx.form.kind),
                        second=b.text,
                        second_place=_label(path_b, ctx.form.kind),
                    ),
                    detail=f"{key}: {plain(a.value)} at {path_a} vs {plain(b.value)} at {path_b}",
                )


def _label(path: str, kind: str) -> str:
    number = re.match(r"tasks\[(\d+)\]", path)
    if number:
        return wording.finding("consistency.place.task", task=int(number.group(1)) + 1)
    return fields.label(path, kind)


# Registered by a call, not a decorator, so that mutation testing (mutmut) reaches these functions.
register(figures_stated_twice)
