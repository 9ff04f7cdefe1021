"""Benchmark the web pages: render of the seed form page and a save with recompute.

Each figure is printed with its ratio to a trivial view (``/healthz``) served by the same process in
the same run, through the same middleware (Django's test client, SQLite in a temporary folder).
Goal: form page p95 ≤ 150 ms.

    .venv/bin/python bench/bench_web.py [--runs 60]
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

from _common import demo_site, percentile, time_ms

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=60)
    args = parser.parse_args()

    result, client = demo_site("jixiao-bench-")
    from jixiao.web.forms import convert, editing
    from jixiao.web.forms.models import Form

    form = Form.objects.get(pk=result.seed_form_id)
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
        # As the edit page sends it: the new text and, as its base, the text the page had (else a 409).
        fields = {"funds.execution_rate": rates[0], "base:funds.execution_rate": rates[1]}
        response = client.post(f"{url}save/", {"structure": token, **fields}, HTTP_HX_REQUEST="true")
        assert response.status_code == 200
        return response

    def trivial() -> object:
        return client.get("/healthz")

    baseline = time_ms(trivial, args.runs)
    figures = {"form page": time_ms(page, args.runs), "save + recompute": time_ms(save, args.runs)}
    base_p50, base_p95 = statistics.median(baseline), percentile(baseline, 0.95)
    print(
        f"runs: {args.runs} each; SQLite; Django test client; form: seed ({len(form.indicators.all())} indicators)"
    )
    print(f"{'':<18}{'p50 ms':>9}{'p95 ms':>9}{'p50 ×base':>11}{'p95 ×base':>11}")
    print(f"{'baseline /healthz':<18}{base_p50:>9.2f}{base_p95:>9.2f}{1:>11.1f}{1:>11.1f}")
    for name, samples in figures.items():
        p50, p95 = statistics.median(samples), percentile(samples, 0.95)
        print(f"{name:<18}{p50:>9.2f}{p95:>9.2f}{p50 / base_p50:>11.1f}{p95 / base_p95:>11.1f}")
    page_p95 = percentile(figures["form page"], 0.95)
    print(f"goal: form page p95 ≤ 150 ms: {'met' if page_p95 <= 150 else 'NOT met'} ({page_p95:.1f} ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
