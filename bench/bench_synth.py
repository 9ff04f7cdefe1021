"""Synthetic forms per second, and the time to make 50,000 of them with their JSON lines.

    .venv/bin/python bench/bench_synth.py [--forms 50000] [--years 2022-2024] [--no-validate]

What is timed is what ``jixiao synth`` does: build the regions, generate each form with its mistakes
and their expected findings, validate it as a ``Form`` and serialise its record to a JSON line (written
to a temporary file). Times are CPU time of this process (``time.process_time``), so other work on
this shared machine does not count against it; wall time is printed too.

The baseline, measured in the same run, is the least any generator of valid forms must do per form:
validate one ready-made form (the seed, as FORMAT.md data) and serialise it to a JSON line. The ratio
says what inventing the form costs on top of that. Goal (issue 13): 50,000 forms in a few minutes.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from jixiao.commands.synth import parse_years  # noqa: E402
from jixiao.core.form import Form  # noqa: E402
from jixiao.synth import Options, records  # noqa: E402
from jixiao.synth.places import PLACES  # noqa: E402

SEED = ROOT / ".." / "shared" / "spec" / "seed.expected.json"


def baseline(rounds: int) -> float:
    """Return CPU seconds per form to validate and serialise the seed, median of 5 runs."""
    data = json.loads(SEED.read_text(encoding="utf-8"))
    per_form = []
    for _ in range(5):
        start = time.process_time()
        for _ in range(rounds):
            Form.model_validate(data)
            json.dumps(data, ensure_ascii=False)
        per_form.append((time.process_time() - start) / rounds)
    return statistics.median(per_form)


def generate(forms: int, years: tuple[int, ...], validate: bool) -> tuple[int, int, float, float]:
    """Return forms, indicators, CPU seconds and wall seconds for ``forms`` synthetic forms."""
    options = Options(seed=1, years=years, regions=len(PLACES), validate=validate)
    count = indicators = 0
    with tempfile.TemporaryFile("w", encoding="utf-8") as sink:
        wall, cpu = time.perf_counter(), time.process_time()
        for _, record in records(options):
            sink.write(json.dumps(record.to_dict(), ensure_ascii=False) + "\n")
            count += 1
            indicators += len(record.metrics)
            if count >= forms:
                break
        return count, indicators, time.process_time() - cpu, time.perf_counter() - wall


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--forms", type=int, default=50_000)
    parser.add_argument("--years", default="2022-2024")
    parser.add_argument("--no-validate", action="store_true")
    args = parser.parse_args()
    base = baseline(2000)
    count, indicators, cpu, wall = generate(args.forms, parse_years(args.years), not args.no_validate)
    per_form = cpu / count
    print(
        f"baseline (validate + serialise the seed): {1 / base:10.0f} forms/s  ({base * 1e6:.0f} µs per form)"
    )
    print(
        f"synth:                                   {count / cpu:10.0f} forms/s  ({per_form * 1e6:.0f} µs per form,"
        f" {indicators / cpu:.0f} indicators/s)  ratio to baseline: {per_form / base:.1f}"
    )
    print(
        f"{count} forms, {indicators} indicators: {cpu:.1f} s CPU, {wall:.1f} s wall"
        f"  — goal: 50,000 forms in a few minutes: {'met' if cpu * 50_000 / count < 300 else 'NOT met'}"
    )


if __name__ == "__main__":
    main()
