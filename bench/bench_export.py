"""Milliseconds per form for the XLSX, HTML, DOCX and PDF exports, on one core.

Baseline, measured in the same run: serialising the same form to its interchange JSON
(``form.to_json()``). Each export starts from the form and its report (``check(form)``, done once
and timed separately). Goals (issue 5): XLSX ≤ 50 ms, PDF ≤ 1 s per form.
Run: .venv/bin/python bench/bench_export.py [--seconds N]
"""

from __future__ import annotations

import argparse
import gc
import os
import time
from collections.abc import Callable
from pathlib import Path

from jixiao.core.form import Form
from jixiao.core.report import check
from jixiao.render.docx import render_docx
from jixiao.render.html import render_form_html
from jixiao.render.pdf import render_pdf
from jixiao.render.xlsx import render_xlsx

SEED = Path(__file__).resolve().parents[1] / ".." / "shared" / "spec" / "seed.expected.json"


def ms_per_call(work: Callable[[], object], seconds: float, *, min_calls: int = 3) -> float:
    """Return the best per-call time in ms over 3 rounds of about ``seconds / 3`` each."""
    work()  # warm up: templates, fonts, imports
    best = float("inf")
    for _ in range(3):
        gc.collect()
        count, start = 0, time.perf_counter()
        deadline = start + seconds / 3
        while count < min_calls or time.perf_counter() < deadline:
            work()
            count += 1
        best = min(best, (time.perf_counter() - start) * 1000 / count)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=6.0, help="time spent per measurement")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core

    form = Form.from_json(SEED.read_text(encoding="utf-8"))
    report = check(form)

    baseline = ms_per_call(form.to_json, args.seconds)
    rows = [
        ("check (report, once per form)", ms_per_call(lambda: check(form), args.seconds)),
        (
            "HTML (standalone page)",
            ms_per_call(lambda: render_form_html(form, report, standalone=True), args.seconds),
        ),
        ("XLSX", ms_per_call(lambda: render_xlsx(form, report), args.seconds)),
        ("DOCX", ms_per_call(lambda: render_docx(form, report), args.seconds)),
        ("PDF", ms_per_call(lambda: render_pdf(form, report), args.seconds)),
    ]
    print("seed form, one core")
    print(f"  {'JSON (baseline)':32s} {baseline:9.3f} ms/form")
    for name, ms in rows:
        print(f"  {name:32s} {ms:9.3f} ms/form   ratio to JSON: {ms / baseline:8.0f}x")
    xlsx = dict(rows)["XLSX"]
    pdf = dict(rows)["PDF"]
    print(f"goal XLSX ≤ 50 ms: {'met' if xlsx <= 50 else 'NOT met'} ({xlsx:.1f} ms)")
    print(f"goal PDF ≤ 1000 ms: {'met' if pdf <= 1000 else 'NOT met'} ({pdf:.0f} ms)")


if __name__ == "__main__":
    main()
