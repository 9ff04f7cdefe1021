"""A missing optional part gives one Chinese line saying what to install, not a traceback.

Each case runs the command in a fresh process in which the module is made unimportable
(``sys.modules[name] = None``), as in an installation without that extra.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from jixiao.extras import missing
from tests.conftest import ROOT, SEED_JSON

RUN = (
    "import sys; [sys.modules.__setitem__(m, None) for m in sys.argv[1].split(',')]; "
    "from jixiao.cli import main; sys.exit(main(sys.argv[2:]))"
)


def _run(blocked: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", RUN, blocked, *args], cwd=ROOT, capture_output=True, text=True, timeout=300
    )


def _one_chinese_line(done: subprocess.CompletedProcess[str], package: str, extra: str) -> None:
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert package in lines[0] and f"pip install 'jixiao[{extra}]'" in lines[0]


def test_export_to_pdf_without_weasyprint(tmp_path):
    done = _run("weasyprint", "export", str(SEED_JSON), "--to", "pdf", "-o", str(tmp_path / "a.pdf"))
    _one_chinese_line(done, "weasyprint", "app")
    assert "导出 PDF" in done.stderr and not (tmp_path / "a.pdf").exists()


def test_import_of_a_pdf_without_pdfplumber(tmp_path):
    from tests.ingest import pdfs

    path = tmp_path / "form.pdf"
    path.write_bytes(pdfs.blank_pages(1))
    done = _run("pdfplumber", "import", str(path))
    _one_chinese_line(done, "pdfplumber", "app")


def test_ocr_without_rapidocr(tmp_path):
    from tests.ingest.pages import draw_table, png_bytes

    path = tmp_path / "scan.png"
    path.write_bytes(png_bytes(draw_table()))
    done = _run("rapidocr", "import", str(path))
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "rapidocr" in done.stderr and "pip install 'jixiao[ocr]'" in done.stderr


def test_serve_without_django():
    done = _run("django", "serve", "--no-migrate")
    _one_chinese_line(done, "django", "app")


def test_a_module_that_is_not_optional_is_a_real_error():
    assert missing(ImportError("x", name="jixiao.core")) is None
    assert missing(ModuleNotFoundError("x", name="weasyprint.css")) is not None


@pytest.mark.parametrize("module", ["weasyprint", "cv2", "django"])
def test_every_message_names_its_extra(module):
    message = missing(ModuleNotFoundError("x", name=module))
    assert message is not None and "pip install 'jixiao[" in message
