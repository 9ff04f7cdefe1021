"""Indicator evaluations per second on one core, against a regex scan of the same texts.

    .venv/bin/python bench/bench_indicators.py [--rounds 200]

Times are CPU time of this process (``time.process_time``), so other work on the machine does not
count against it. The texts are the real pairs of ``tests/data/indicators.jsonl`` (targets, results, names). The
baseline, measured in the same run, does the least any reader must do: find every number in the
target and in the result with one precompiled pattern. The ratio says what reading them as a careful
reviewer does costs on top of that. Goal (issue 3): at least 20,000 evaluations per second.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from jixiao.core.indicators import evaluate  # noqa: E402

DATA = ROOT / "tests" / "data" / "indicators.jsonl"
NUMBER = re.compile(r"\d+(?:\.\d+)?")


def load() -> list[tuple[str | None, str | None, str | None, Decimal | None]]:
    pairs = []
    for line in DATA.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        weight = Decimal(row["weight"]) if row.get("weight") else None
        pairs.append((row["name"], row["target"], row["result"], weight))
    return pairs


def run_engine(pairs: list, rounds: int) -> float:
    start = time.process_time()
    for _ in range(rounds):
        for name, target, result, weight in pairs:
            evaluate(name, target, result, weight)
    return time.process_time() - start


def run_baseline(pairs: list, rounds: int) -> float:
    findall = NUMBER.findall
    start = time.process_time()
    for _ in range(rounds):
        for name, target, result, _weight in pairs:
            findall(name or "")
            findall(target or "")
            findall(result or "")
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=200, help="passes over the pairs per measurement")
    parser.add_argument("--repeat", type=int, default=5, help="measurements; the median is reported")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    pairs = load()
    run_engine(pairs, 2)  # warm up
    count = len(pairs) * args.rounds
    engine = statistics.median(run_engine(pairs, args.rounds) for _ in range(args.repeat))
    baseline = statistics.median(run_baseline(pairs, args.rounds) for _ in range(args.repeat))
    engine_rate, baseline_rate = count / engine, count / baseline
    print(f"pairs: {len(pairs)} real target/result pairs × {args.rounds} rounds = {count} evaluations")
    print(f"jixiao.core.indicators.evaluate: {engine_rate:,.0f} evaluations/s (one core)")
    print(f"baseline (regex number scan of name, target, result): {baseline_rate:,.0f} pairs/s")
    print(
        f"ratio evaluate / baseline: {engine_rate / baseline_rate:.3f}  (baseline is {baseline_rate / engine_rate:.1f}× faster)"
    )
    print(f"goal ≥ 20,000 evaluations/s: {'met' if engine_rate >= 20000 else 'NOT met'}")


if __name__ == "__main__":
    main()
