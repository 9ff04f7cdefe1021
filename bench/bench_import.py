"""Import speed: forms/s for extracted text, pages/s for text-layer PDF, s/page for OCR, and bulk
forms/s over a folder of text forms at 1 and 2 jobs.

Each figure is printed with the cost of only reading the same input in the same run (decoding the
text; opening the PDF and extracting its characters; decoding the image), so the ratio says what
the importer adds. The bulk figures are printed against the same run's one-job figure (goal: 2 jobs
≥ 1.7× one job) and the one-job figure against the plain import loop of the same files (what
reading the folder, writing one JSON per form and the report add). Run:
``.venv/bin/python bench/bench_import.py`` (one core for the per-core figures: ``taskset -c 0``;
the 2-job figure needs two cores, so run the bulk part alone with ``--bulk``).
"""

from __future__ import annotations

import io
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from jixiao.ingest import read_bytes  # noqa: E402
from tests.conftest import SEED_TEXT  # noqa: E402


def timed(function, repeat: int) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    for _ in range(repeat):
        function()
    return (time.perf_counter() - start) / repeat


def bulk() -> None:
    """Forms/s of ``jixiao import FOLDER -o OUT`` at 1 and 2 jobs, best of five runs each."""
    import tempfile

    from jixiao.bulk import runner
    from jixiao.bulk.report import ReportWriter
    from jixiao.bulk.work import Options
    from tests.bulk.conftest import fill

    # A memory-backed folder where there is one: the figure is the work, not a shared machine's disk.
    shm = Path("/dev/shm")
    with tempfile.TemporaryDirectory(dir=shm if shm.is_dir() else None) as scratch:
        folder = Path(scratch) / "in"
        files = fill(folder, 1000)
        contents = [(f.read_bytes(), f.name) for f in files]
        plain = min(timed(lambda: [read_bytes(d, n) for d, n in contents], 1) for _ in range(3))
        best: dict[int, float] = {}
        cpu: dict[int, float] = {}
        # Alternate 1 and 2 jobs, best of five each, so that other work on a shared machine weighs on both.
        for attempt in range(5):
            for jobs in (1, 2):
                out = Path(scratch) / f"out{jobs}-{attempt}"
                out.mkdir()
                report = ReportWriter(out / "report.jsonl")
                used = _cpu()
                start = time.perf_counter()
                finished = runner.run(
                    [str(folder)],
                    Options(outdir=str(out)),
                    lambda o: None,
                    jobs=jobs,
                    report=report,
                    progress=False,
                )
                elapsed = time.perf_counter() - start
                used = _cpu() - used
                report.close()
                assert finished.tally.forms == len(files)
                best[jobs] = min(best.get(jobs, elapsed), elapsed)
                cpu[jobs] = min(cpu.get(jobs, used), used)
        rates = {jobs: len(files) / seconds for jobs, seconds in best.items()}
        print(
            f"bulk:  {rates[1]:8.1f} forms/s at 1 job    baseline plain import loop {len(files) / plain:8.1f} forms/s"
            f"   ratio {rates[1] / (len(files) / plain):5.2f}×"
        )
        ratio = rates[2] / rates[1]
        verdict = "met" if ratio >= 1.7 else "NOT met"
        load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
        print(
            f"bulk:  {rates[2]:8.1f} forms/s at 2 jobs   baseline 1 job {rates[1]:8.1f} forms/s"
            f"              ratio {ratio:5.2f}×  (goal ≥ 1.7×: {verdict}; {len(files)} text forms;"
            f" load average {load} on {os.cpu_count()} cores)"
        )
        # CPU time does not depend on what else the machine runs: what 2 jobs cost over 1 job (the
        # parent's share, pipes, the second process) bounds the ratio an idle 2-core machine reaches.
        efficiency = cpu[1] / cpu[2]
        print(
            f"bulk:  CPU {cpu[1] / len(files) * 1000:6.2f} ms/form at 1 job, {cpu[2] / len(files) * 1000:6.2f} ms/form"
            f" at 2 jobs (parent and workers)   efficiency {efficiency:4.2f}   bound on an idle machine"
            f" {2 * efficiency:4.2f}×"
        )


def _cpu() -> float:
    """CPU seconds of this process and of its finished children (the worker processes)."""
    import resource

    mine = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return mine.ru_utime + mine.ru_stime + children.ru_utime + children.ru_stime


def main() -> None:
    if "--bulk" in sys.argv:
        bulk()
        return
    data = SEED_TEXT.read_bytes()
    n = 300
    read_only = timed(lambda: data.decode("utf-8").split("\n"), n)
    full = timed(lambda: read_bytes(data, "seed.txt"), n)
    print(
        f"text:  {1 / full:8.1f} forms/s  (goal ≥ 200)   baseline decode+split {1 / read_only:10.1f}/s   ratio {full / read_only:6.1f}×"
    )

    import pdfplumber

    from tests.ingest.test_pdf import seed_block_pdf

    pdf = seed_block_pdf()

    def plumb() -> None:
        with pdfplumber.open(io.BytesIO(pdf)) as document:
            for page in document.pages:
                page.chars  # noqa: B018 - parsing the page's characters is the baseline cost

    m = 20
    read_only = timed(plumb, m)
    full = timed(lambda: read_bytes(pdf, "seed.pdf"), m)
    print(
        f"pdf:   {1 / full:8.1f} pages/s              baseline open+chars {1 / read_only:12.1f} pages/s   ratio {full / read_only:6.1f}×"
    )

    from PIL import Image

    from tests.ingest.pages import draw_table, png_bytes, scanned

    image = png_bytes(scanned(draw_table()))
    read_only = timed(lambda: Image.open(io.BytesIO(image)).load(), 5)
    read_bytes(image, "warm.png")  # load the models once, as a server does
    full = timed(lambda: read_bytes(image, "scan.png"), 3)
    print(
        f"ocr:   {full:8.2f} s/page                baseline image decode {read_only * 1000:8.1f} ms          ratio {full / read_only:6.0f}×"
    )

    bulk()


if __name__ == "__main__":
    main()
