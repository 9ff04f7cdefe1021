from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from jixiao.cli import main
from tests.conftest import SEED_JSON


@pytest.fixture
def seed_file(tmp_path: Path) -> Path:
    path = tmp_path / "tianhe-2021.json"
    path.write_text(SEED_JSON.read_text(encoding="utf-8"), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("fmt", "magic"),
    [("xlsx", b"PK"), ("docx", b"PK"), ("pdf", b"%PDF"), ("html", b"<!DOCTYPE html>"), ("json", b"{")],
)
def test_it_exports_one_form(seed_file: Path, tmp_path: Path, fmt: str, magic: bytes) -> None:
    out = tmp_path / "out" / f"form.{fmt}"
    assert main(["export", str(seed_file), "--to", fmt, "-o", str(out)]) == 0
    assert out.read_bytes().startswith(magic)


def test_its_json_is_the_interchange_format(seed_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "form.json"
    assert main(["export", str(seed_file), "--to", "json", "-o", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8")) == json.loads(SEED_JSON.read_text(encoding="utf-8"))


def test_it_writes_html_to_standard_output(seed_file: Path, capsysbinary) -> None:  # type: ignore[no-untyped-def]
    assert main(["export", str(seed_file), "--to", "html", "-o", "-", "--no-findings"]) == 0
    out = capsysbinary.readouterr().out.decode("utf-8")
    assert out.startswith("<!DOCTYPE html>") and "检查结果" not in out


def test_it_exports_a_folder_as_a_data_package(seed_file: Path, tmp_path: Path) -> None:
    second = seed_file.with_name("copy.json")
    second.write_bytes(seed_file.read_bytes())
    out = tmp_path / "package"
    assert main(["export", str(seed_file.parent), "--to", "datapackage", "-o", str(out)]) == 0
    assert {p.name for p in out.iterdir()} == {"datapackage.json", "forms.csv", "indicators.csv", "json"}
    forms = (out / "forms.csv").read_text(encoding="utf-8").splitlines()
    assert len(forms) == 3 and forms[1].startswith("copy,") and forms[2].startswith("tianhe-2021,")


def test_it_exports_several_files_as_csv(seed_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "csv"
    assert main(["export", str(seed_file), str(seed_file), "--to", "csv", "-o", str(out)]) == 0
    lines = (out / "forms.csv").read_text(encoding="utf-8").splitlines()
    assert [line.split(",")[0] for line in lines] == ["form_id", "tianhe-2021", "tianhe-2021-2"]


def test_it_refuses_several_forms_for_a_one_form_format(seed_file: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["export", str(seed_file), str(seed_file), "--to", "pdf", "-o", str(tmp_path / "x.pdf")]) == 2
    assert "一次只能导出一张表" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()


def test_it_names_an_unreadable_file_in_one_chinese_line(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    broken = tmp_path / "broken.json"
    broken.write_text('{"schema": "jixiao.self-evaluation/1", "year": "二〇二一"', encoding="utf-8")
    assert main(["export", str(broken), "--to", "xlsx", "-o", str(tmp_path / "x.xlsx")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("错误: ") and "broken.json" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    assert not (tmp_path / "x.xlsx").exists()


def test_it_refuses_a_folder_as_the_output_of_one_form(seed_file: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["export", str(seed_file), "--to", "xlsx", "-o", str(tmp_path)]) == 2
    assert "是文件夹" in capsys.readouterr().err


def test_its_workbook_opens_with_the_form_and_the_findings(seed_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "form.xlsx"
    assert main(["export", str(seed_file), "--to", "xlsx", "-o", str(out)]) == 0
    book = load_workbook(io.BytesIO(out.read_bytes()))
    assert book.sheetnames == ["自评表", "检查结果"]
