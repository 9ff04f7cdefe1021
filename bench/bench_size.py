"""Benchmark how page and export time grow with the size of a form: 10, 100 and 1,000 indicators.

Forms are built from the seed form (its text, figures and indicators, repeated: 10 indicators per
task) and stored in a fresh SQLite database in a temporary folder. Each is timed, through Django's
test client as its filler, for the edit page, the read-only view and the XLSX and PDF exports. Two
ratios show whether time is linear in the size:

- per indicator, 1,000 vs 10: (t₁₀₀₀ / 1000) / (t₁₀ / 10) — below 1 where a fixed cost dominates;
- per added indicator, (t₁₀₀₀ − t₁₀₀) / 900 vs (t₁₀₀ − t₁₀) / 90 — about 1 when linear, about 10
  when quadratic (each indicator costing time in proportion to the form's size).

Goal: both ≤ 2. The run stops by itself: each figure is the median of ``--runs`` runs (default 3), fewer (at least
one) where the cost guessed from the previous size would pass the ``--budget`` (default 150 s).

    .venv/bin/python bench/bench_size.py [--runs 3] [--budget 150]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from _common import demo_site

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SIZES = (10, 100, 1000)
PER_TASK = 10


def _sized(seed: Any, indicators: int) -> Any:
    """Return the seed form with ``indicators`` indicators, ``PER_TASK`` to a task (its own repeated)."""
    template = seed.tasks[0]
    pool = [indicator for task in seed.tasks for indicator in task.indicators if indicator.name]
    tasks = []
    for t in range(indicators // PER_TASK):
        rows = [
            pool[(t * PER_TASK + i) % len(pool)].model_copy(
                update={"name": f"{pool[(t * PER_TASK + i) % len(pool)].name}({t + 1}-{i + 1})"}
            )
            for i in range(PER_TASK)
        ]
        tasks.append(template.model_copy(update={"name": f"{template.name}({t + 1})", "indicators": rows}))
    return seed.model_copy(update={"tasks": tasks, "indicators": [], "review": []})


def _median(fn: Callable[[], object], runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--budget", type=float, default=150.0, help="seconds the whole run may take")
    args = parser.parse_args()
    began = time.perf_counter()

    result, client = demo_site("jixiao-bench-size-")
    from jixiao.web.accounts.models import User
    from jixiao.web.forms import convert, services
    from jixiao.web.forms.models import Form

    seed_row = Form.objects.get(pk=result.seed_form_id)
    seed = convert.to_core(convert.prefetched(Form.objects.filter(pk=seed_row.pk)).get())
    filler = User.objects.get(username="filler")

    forms = {}
    for number, size in enumerate(SIZES):
        data = _sized(seed, size).model_copy(update={"year": 2010 + number})
        forms[size] = services.form_create(
            organisation=seed_row.organisation, year=2010 + number, data=data, user=filler
        )

    def get(url: str) -> Callable[[], object]:
        def fetch() -> object:
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            return b"".join(response) if response.streaming else response.content

        return fetch

    what = {
        "edit page": "/forms/{pk}/",
        "read-only view": "/forms/{pk}/view/",
        "XLSX export": "/forms/{pk}/export/xlsx/",
        "PDF export": "/forms/{pk}/export/pdf/",
    }
    # Warm up (templates compiled, fonts loaded) on the smallest form.
    for url in what.values():
        get(url.format(pk=forms[SIZES[0]].pk))()
    times: dict[str, dict[int, float]] = {name: {} for name in what}
    runs_at: dict[str, dict[int, int]] = {name: {} for name in what}
    remaining = len(SIZES) * len(what)
    for number, size in enumerate(SIZES):
        for name, url in what.items():
            # As many runs as the budget allows, the cost guessed from the previous size (linear).
            before = times[name].get(SIZES[number - 1]) if number else None
            guess = before * size / SIZES[number - 1] if before is not None else 0.0
            share = (args.budget - (time.perf_counter() - began)) / remaining
            runs = max(1, min(args.runs, int(share / guess))) if guess > 0 else args.runs
            times[name][size] = _median(get(url.format(pk=forms[size].pk)), runs)
            runs_at[name][size] = runs
            remaining -= 1

    small, middle, large = SIZES
    print(f"SQLite, Django test client; median of up to {args.runs} runs; {PER_TASK} indicators per task")
    header = "".join(f"{f'{size} ms×runs':>13}" for size in SIZES)
    print(f"{'':<16}{header}{'per ind. 1000/10':>18}{'added 1000/100':>16}")
    worst = 0.0
    for name, by_size in times.items():
        per = (by_size[large] / large) / (by_size[small] / small)
        added = ((by_size[large] - by_size[middle]) / (large - middle)) / max(
            (by_size[middle] - by_size[small]) / (middle - small), 1e-9
        )
        worst = max(worst, per, added)
        cells = "".join(f"{by_size[size] * 1000:>11.0f}×{runs_at[name][size]}" for size in SIZES)
        print(f"{name:<16}{cells}{per:>18.2f}{added:>16.2f}")
    print(f"goal: every ratio ≤ 2: {'met' if worst <= 2 else 'NOT met'} (worst {worst:.2f})")
    print(f"took {time.perf_counter() - began:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
