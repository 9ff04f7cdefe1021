"""Peak memory of a process importing each hostile file (small files that would cost gigabytes).

Each file is imported in a fresh Python process; the figure is that process's peak resident memory
(``ru_maxrss``) and, as the baseline, its peak before the import (the interpreter with the file
built in memory). Goal: under 500 MB for every file. Run: ``.venv/bin/python bench/bench_limits.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.ingest.hostile import HOSTILE, measure  # noqa: E402

GOAL_MB = 500


def main() -> int:
    worst = 0.0
    print(f"{'file':26} {'bytes':>10} {'peak MB':>8} {'before':>7} {'s':>6}  refusal")
    for name in HOSTILE:
        result = measure(name)
        peak = int(result["peak_kb"]) / 1024  # type: ignore[call-overload]
        before = int(result["before_kb"]) / 1024  # type: ignore[call-overload]
        worst = max(worst, peak)
        outcome = str(result["outcome"])
        print(
            f"{name:26} {result['size']:>10} {peak:8.0f} {before:7.0f} {result['seconds']:6.2f}  {outcome[:90]}"
        )
    print(f"worst peak {worst:.0f} MB (goal < {GOAL_MB} MB)")
    return 0 if worst < GOAL_MB else 1


if __name__ == "__main__":
    sys.exit(main())
