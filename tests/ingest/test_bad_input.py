"""Bad input stops with one Chinese sentence naming the file and the reason (exit 2), never a traceback."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from dataclasses import replace

import pytest

from jixiao.ingest import IngestError, IngestSettings, read_bytes, read_form
from tests.conftest import ROOT
from tests.ingest import pdfs


def refusal(data: bytes, name: str, settings: IngestSettings | None = None) -> str:
    with pytest.raises(IngestError) as caught:
        read_bytes(data, name, settings=settings)
    message = str(caught.value)
    assert isinstance(caught.value, ValueError)
    assert name in message and message.endswith("。") and "\n" not in message
    return message


def test_an_empty_file_is_refused() -> None:
    assert "文件是空的" in refusal(b"", "empty.txt")
    assert "文件是空的" in refusal(b"  \n\n", "blank.txt")


def test_a_binary_file_of_another_kind_is_refused() -> None:
    assert "二进制" in refusal(b"\x00\x01\x02" * 100, "data.bin")
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("a.txt", "x")
    assert "压缩包" in refusal(archive.getvalue(), "forms.zip")


def test_a_password_protected_pdf_is_refused() -> None:
    assert "密码" in refusal(pdfs.encrypted(), "secret.pdf")


def test_a_300_page_pdf_is_refused_by_the_page_limit() -> None:
    message = refusal(pdfs.blank_pages(300), "big.pdf")
    assert "300 页" in message and "60 页" in message
    settings = replace(IngestSettings(), max_pages=400)
    # Within a raised limit it is read, and refused for what it is: no form in it.
    assert "没有可读的文字" in refusal(pdfs.blank_pages(300), "big.pdf", replace(settings, ocr=False))


def test_a_zip_bomb_named_xlsx_is_refused_before_inflating() -> None:
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", "<workbook/>")
        zf.writestr("xl/worksheets/sheet1.xml", b"\x00" * (40 * 1024 * 1024))
    assert len(archive.getvalue()) < 200 * 1024
    assert "压缩炸弹" in refusal(archive.getvalue(), "bomb.xlsx")


def test_a_half_written_xlsx_is_refused_as_incomplete() -> None:
    from openpyxl import Workbook

    buffer = io.BytesIO()
    Workbook().save(buffer)
    data = buffer.getvalue()
    assert "不完整" in refusal(data[: len(data) // 2], "half.xlsx")


def test_the_size_limit_is_a_setting() -> None:
    settings = replace(IngestSettings(), max_bytes=100)
    assert "超过导入上限" in refusal("部门名称\t甲\n".encode() * 20, "large.txt", settings)


def test_an_undecodable_text_is_refused_with_its_encoding_problem() -> None:
    assert "编码" in refusal(b"\xff\xff\xfd\xfc" * 50 + "部门".encode(), "latin.txt")


def test_a_missing_file_and_a_folder_are_refused(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(IngestError, match="不存在"):
        read_form(tmp_path / "nothing.txt")
    with pytest.raises(IngestError, match="文件夹"):
        read_form(tmp_path)


def test_the_command_prints_one_line_and_exits_2(tmp_path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "secret.pdf"
    bad.write_bytes(pdfs.encrypted())
    run = subprocess.run(
        [sys.executable, "-m", "jixiao", "import", str(bad)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert run.returncode == 2
    assert (
        run.stderr.strip().count("\n") == 0 and "secret.pdf" in run.stderr and "Traceback" not in run.stderr
    )
    assert run.stdout == ""


def test_a_half_written_pdf_is_refused_as_incomplete() -> None:
    from tests.ingest.test_pdf import seed_block_pdf

    data = seed_block_pdf()
    assert "不完整" in refusal(data[: len(data) // 2], "half.pdf")
