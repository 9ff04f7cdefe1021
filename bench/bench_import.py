"""Import speed: forms/s for extracted text, pages/s for text-layer PDF, s/page for OCR.

Each figure is printed with the cost of only reading the same input in the same run (decoding the
text; opening the PDF and extracting its characters; decoding the image), so the ratio says what
the importer adds. Run: ``.venv/bin/python bench/bench_import.py`` (one core: ``taskset -c 0``).
"""

from __future__ import annotations

import io
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


def main() -> None:
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


if __name__ == "__main__":
    main()
