"""Limits on what a file will cost: each hostile file is refused with the limit and its value named,
before the cost is spent, and the importing process stays small while refusing it."""

from __future__ import annotations

from dataclasses import replace

import pytest

from jixiao.ingest import IngestError, IngestSettings, read_bytes
from jixiao.ingest.limits import sizes
from jixiao.ingest.pdf import render_resolution
from tests.ingest import hostile, pdfs

# For each hostile file: words its refusal must hold (the limit and its value).
EXPECTED = {
    "huge-page.pdf": ("页面面积上限 1 平方米", "5,080 × 5,080 毫米"),
    "lying-page-count.pdf": ("导入上限 60 页",),
    "flate-bomb.pdf": ("解压上限 100.0 MB", "压缩炸弹"),
    "flate-chain.pdf": ("解压上限 100.0 MB",),
    "huge-image.pdf": ("100,000 × 100,000 像素", "图片像素上限 50,000,000"),
    "far-cell.xlsx": ("1,048,576 行", "XFD", "5,000 行 × 200 列"),
    "far-cell-undeclared.xlsx": ("超过 5,000 行",),
    "far-cell-lying.xlsx": ("超过 5,000 行",),
    "far-cell.xls": ("65,536 行", "IV 列", "5,000 行 × 200 列"),
    "wide-table.docx": ("16,384 列", "列数上限 200 列"),
    "many-parts.xlsx": ("20,002 个部件", "上限 10,000 个"),
    "big-part.xlsx": ("sharedStrings.xml", "单个部件的上限 20.0 MB"),
    "huge.png": ("10,000 × 10,000 像素", "图片像素上限 50,000,000"),
}


def refusal(data: bytes, name: str, settings: IngestSettings | None = None) -> str:
    with pytest.raises(IngestError) as caught:
        read_bytes(data, name, settings=settings)
    return str(caught.value)


@pytest.mark.parametrize("name", sorted(hostile.HOSTILE))
def test_it_refuses_each_hostile_file_naming_the_limit(name: str) -> None:
    message = refusal(hostile.HOSTILE[name](), name)
    assert name in message
    for words in EXPECTED[name]:
        assert words in message, message


def test_the_huge_page_pdf_is_a_few_hundred_bytes() -> None:
    assert len(pdfs.huge_page()) < 400


def test_a_page_within_the_area_limit_is_read() -> None:
    a0 = pdfs.huge_page(2384, 3370)
    assert "没有可读的文字" in refusal(a0, "a0.pdf", replace(IngestSettings(), ocr=False))


def test_the_area_limit_is_a_setting() -> None:
    a4 = pdfs.huge_page(595, 842)
    assert "页面面积上限 0.01 平方米" in refusal(
        a4, "a4.pdf", replace(IngestSettings(), max_page_area=10_000)
    )


def test_a_large_page_is_rendered_within_the_pixel_limit() -> None:
    settings = IngestSettings()
    assert render_resolution(595, 842, settings) == 200  # A4 keeps the configured resolution
    a0 = render_resolution(2384, 3370, settings)
    assert a0 < 200
    assert (2384 / 72 * a0) * (3370 / 72 * a0) <= settings.max_render_pixels * 1.0001


def test_a_large_scan_is_reduced_for_ocr() -> None:
    from PIL import Image

    from jixiao.ingest.ocr import reduce_to

    image = Image.new("L", (6000, 4000))
    reduced = reduce_to(image, 16_000_000)
    assert reduced.size[0] * reduced.size[1] <= 16_000_000
    assert reduce_to(Image.new("L", (100, 100)), 16_000_000).size == (100, 100)


def test_the_time_limit_stops_a_slow_read() -> None:
    settings = replace(IngestSettings(), max_seconds=0.0)
    message = refusal(pdfs.blank_pages(3), "slow.pdf", settings)
    assert "时间上限 0 秒" in message


def test_the_sheet_limits_are_settings() -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.active["A1"] = "部门名称"
    book.active["Z30"] = "x"
    import io

    buffer = io.BytesIO()
    book.save(buffer)
    settings = replace(IngestSettings(), max_columns=10)
    assert "上限 5,000 行 × 10 列" in refusal(buffer.getvalue(), "wide.xlsx", settings)


def test_refusals_state_true_figures() -> None:
    assert sizes(50 * 1024 * 1024 + 1, 50 * 1024 * 1024) == (
        "50.0 MB(52,428,801 字节)",
        "50.0 MB(52,428,800 字节)",
    )
    assert sizes(60 * 1024 * 1024, 50 * 1024 * 1024) == ("60.0 MB", "50.0 MB")


def test_the_importing_process_stays_under_500_mb_on_every_hostile_file() -> None:
    for name in hostile.HOSTILE:
        result = hostile.measure(name)
        assert str(result["outcome"]).startswith("无法导入"), (name, result)
        assert int(result["peak_kb"]) < 500 * 1024, (name, result)  # type: ignore[call-overload]
