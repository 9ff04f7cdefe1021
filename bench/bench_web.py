"""Benchmark the web pages: render of the seed form page and a save with recompute.

Each figure is printed with its ratio to a trivial view (``/healthz``) served by the same process in
the same run, through the same middleware (Django's test client, SQLite in a temporary folder).
Goal: form page p95 ≤ 150 ms.

    .venv/bin/python bench/bench_web.py [--runs 60]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


def _time(fn: Callable[[], object], runs: int) -> list[float]:
    fn()  # warm up: templates compiled, checks loaded
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=60)
    args = parser.parse_args()

    os.environ["JIXIAO_DATA_DIR"] = tempfile.mkdtemp(prefix="jixiao-bench-")
    os.environ.setdefault("JIXIAO_SECRET_KEY", "bench")
    os.environ["JIXIAO_QUEUE_IMMEDIATE"] = "1"
    os.environ.pop("DATABASE_URL", None)
    from jixiao.web import setup

    setup()
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    call_command("migrate", interactive=False, verbosity=0)
    from jixiao.web.accounts.models import User
    from jixiao.web.demo import load_demo
    from jixiao.web.forms import convert, editing
    from jixiao.web.forms.models import Form

    result = load_demo(password="bench-password")
    form = Form.objects.get(pk=result.seed_form_id)
    client = Client()
    client.force_login(
        User.objects.get(username="filler"), backend="django.contrib.auth.backends.ModelBackend"
    )
    url = f"/forms/{form.pk}/"
    token = editing.structure_token(
        convert.to_core(convert.prefetched(Form.objects.filter(pk=form.pk)).get())
    )
    rates = ["97.10", "97.13"]

    def page() -> object:
        response = client.get(url)
        assert response.status_code == 200
        return response

    def save() -> object:
        rates.reverse()
        response = client.post(
            f"{url}save/", {"structure": token, "funds.execution_rate": rates[0]}, HTTP_HX_REQUEST="true"
        )
        assert response.status_code == 200
        return response

    def trivial() -> object:
        return client.get("/healthz")

    baseline = _time(trivial, args.runs)
    figures = {"form page": _time(page, args.runs), "save + recompute": _time(save, args.runs)}
    base_p50, base_p95 = statistics.median(baseline), _percentile(baseline, 0.95)
    print(
        f"runs: {args.runs} each; SQLite; Django test client; form: seed ({len(form.indicators.all())} indicators)"
    )
    print(f"{'':<18}{'p50 ms':>9}{'p95 ms':>9}{'p50 ×base':>11}{'p95 ×base':>11}")
    print(f"{'baseline /healthz':<18}{base_p50:>9.2f}{base_p95:>9.2f}{1:>11.1f}{1:>11.1f}")
    for name, samples in figures.items():
        p50, p95 = statistics.median(samples), _percentile(samples, 0.95)
        print(f"{name:<18}{p50:>9.2f}{p95:>9.2f}{p50 / base_p50:>11.1f}{p95 / base_p95:>11.1f}")
    page_p95 = _percentile(figures["form page"], 0.95)
    print(f"goal: form page p95 ≤ 150 ms: {'met' if page_p95 <= 150 else 'NOT met'} ({page_p95:.1f} ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
