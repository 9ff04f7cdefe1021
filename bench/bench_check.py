"""Forms checked per second on one core (seed form, indicator evaluation excluded).

Baseline, measured in the same run: merely loading the same JSON into the form model.
Goal (issue 2): ≥ 2,000 forms/s. Run: .venv/bin/python bench/bench_check.py [--seconds N]
"""

from __future__ import annotations

import argparse
import gc
import time
from collections.abc import Callable
from pathlib import Path

from jixiao.core.form import Form
from jixiao.core.report import check

SEED = Path(__file__).resolve().parents[1] / ".." / "shared" / "spec" / "seed.expected.json"


def rate(work: Callable[[], object], seconds: float) -> float:
    """Return calls per second of ``work``, best of 5 rounds of about ``seconds / 5`` each."""
    work()  # warm up caches (check registry, compiled patterns)
    best = 0.0
    for _ in range(5):
        gc.collect()
        count, start = 0, time.perf_counter()
        deadline = start + seconds / 5
        while time.perf_counter() < deadline:
            for _ in range(20):
                work()
            count += 20
        best = max(best, count / (time.perf_counter() - start))
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=5.0)
    args = parser.parse_args()
    text = SEED.read_text(encoding="utf-8")
    form = Form.from_json(text)

    load = rate(lambda: Form.from_json(text), args.seconds)
    checked = rate(lambda: check(form, indicators=False), args.seconds)
    both = rate(lambda: check(Form.from_json(text), indicators=False), args.seconds)

    print(f"load JSON only (baseline): {load:10.0f} forms/s")
    print(f"check (loaded form):       {checked:10.0f} forms/s   ratio to load: {checked / load:.2f}")
    print(f"load + check:              {both:10.0f} forms/s   ratio to load: {both / load:.2f}")
    print(f"goal ≥ 2,000 forms/s checked: {'met' if checked >= 2000 else 'NOT met'}")


if __name__ == "__main__":
    main()
