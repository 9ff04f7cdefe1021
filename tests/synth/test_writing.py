"""Every metric of the catalogue, written in every style a form uses, reads back as intended: the
indicator engine gives the verdict the generator meant, for met and for missed targets."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest

from jixiao.core.indicators import MET, NOT_MET, evaluate
from jixiao.synth.catalogue import (
    COMMON_METRICS,
    GENERIC_PROJECT_METRICS,
    MANAGEMENT_METRICS,
    SECTORS,
    Metric,
)
from jixiao.synth.values import draw_actual, first_target
from jixiao.synth.writing import (
    GRID_EQUAL,
    GRID_LESS,
    GRID_MORE,
    NAME_EQUAL,
    NAME_LESS,
    NAME_MORE,
    cell_result,
    grid_target,
    name_with_target,
    sentence_result,
)

METRICS: dict[str, Metric] = {}
for table in [s.metrics for s in SECTORS.values()] + [
    GENERIC_PROJECT_METRICS,
    MANAGEMENT_METRICS,
    COMMON_METRICS,
]:
    for metric in table.values():
        METRICS.setdefault(f"{metric.key}:{metric.subject}", metric)


def styles(metric: Metric, *, in_name: bool) -> list[str]:
    if metric.kind == "eq":
        table = NAME_EQUAL if in_name else GRID_EQUAL
    elif metric.less_is_better:
        table = NAME_LESS if in_name else GRID_LESS
    elif metric.kind in ("up", "rate"):
        table = NAME_MORE if in_name else GRID_MORE
    else:
        return ["word"]
    return [style for style, _ in table]


@pytest.mark.parametrize("key", sorted(METRICS))
def test_each_metric_reads_back_as_meant_in_every_style(key: str) -> None:
    metric = METRICS[key]
    wrong = []
    for seed in range(6):
        rng = random.Random(seed)
        target = first_target(rng, metric, 2023, Decimal("523.60"))
        for met in (True, False):
            if metric.kind == "cost":
                if not met:
                    continue
                actual: Decimal | str = Decimal("498.21")
            else:
                actual = draw_actual(rng, metric, target, met, overshoot=seed % 2 == 1)
            want = MET if met else NOT_MET
            for in_name in (True, False):
                for style in styles(metric, in_name=in_name):
                    if in_name:
                        if metric.kind == "cost":
                            continue
                        name, written = name_with_target(metric, target, style, 2023), None
                    else:
                        name, written = metric.subject, grid_target(metric, target, style)
                    results = [sentence_result(rng, metric, actual, 2023, met=met, admit=seed % 2 == 0)]
                    if not in_name:
                        results.append(cell_result(rng, metric, actual, met=met))
                    for result in results:
                        verdict = evaluate(name, written, result, Decimal(10)).verdict
                        if verdict != want:
                            wrong.append(f"{name} | {written} | {result}: {verdict}, meant {want}")
    assert not wrong, "\n".join(wrong[:10])
