import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from jixiao.cli import main
from tests.conftest import SEED_JSON


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_it_reports_the_seed_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", str(SEED_JSON), "--format", "json")
    report = json.loads(out)
    assert code == 1  # the seed has empty indicator names: errors
    assert report["computed"]["execution_rate"] == "97.13"
    assert report["computed"]["adjustment_rate"] == "1.83"
    assert report["computed"]["adjustment"] == "174.76"
    assert report["reported"]["execution_rate"] == "97.10"
    assert set(report) >= {"computed", "reported", "not_applicable", "counts", "findings", "indicators"}
    [warning] = [
        f
        for f in report["findings"]
        if f["path"] == "funds.execution_rate" and f["code"].startswith("arithmetic")
    ]
    assert (
        warning["severity"] == "warning" and "97.10" in warning["message"] and "97.13" in warning["message"]
    )
    assert set(warning) == {"code", "severity", "path", "message", "detail"}
    assert any(f["path"] == "tasks[2].funds" for f in report["findings"])
    assert any(f["severity"] == "info" and "84.34" in f["message"] for f in report["findings"])


def test_it_writes_a_readable_chinese_report(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", str(SEED_JSON), "--color", "never")
    assert code == 1
    assert "广州市天河区政务服务数据管理局(汇总)" in out
    row = next(line for line in out.splitlines() if line.startswith("预算完成率"))
    assert "97.10%" in row and "97.13%" in row and "相差" in row
    assert out.index("错误(") < out.index("警告(") < out.index("提示(")
    assert "\033[" not in out


def test_it_colours_on_request(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "check", str(SEED_JSON), "--color", "always")
    assert "\033[31m" in out


def test_a_clean_form_exits_zero(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from decimal import Decimal

    from jixiao.core.form import Form

    form = Form.from_json(SEED_JSON.read_text(encoding="utf-8"))
    for number, (_, indicator) in enumerate(form.all_indicators()):
        if not indicator.name or len(indicator.name) < 4:
            indicator.name = f"补全的第{number + 1}个指标≥1项"
    form.tasks[2].funds = Decimal("0.00")
    form.funds.execution_rate = Decimal("97.13")
    form.review = []
    target = tmp_path / "clean.json"
    target.write_text(form.to_json(), encoding="utf-8")
    code, out, _ = run(capsys, "check", str(target), "--format", "json", "--no-indicators")
    report = json.loads(out)
    assert code == 0, report["findings"]
    assert report["counts"]["error"] == 0 and report["counts"]["warning"] == 0


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "文件为空"),
        (b'{"schema": "jixiao.self-evaluation/1", "funds": {', "不是有效的 JSON"),
        (b'{"year": "twenty"}', "字段 year"),
        (b'{"funds": {"actual": 9100.04}}', "字段 funds.actual"),
        (b"[1, 2]", "JSON 数组的第 1 项应为对象"),
        (b'"text"', "顶层应为对象"),
        (b'{"schema": "other/9"}', "不支持的格式版本"),
    ],
)
def test_bad_input_exits_two_with_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: bytes, reason: str
) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    code, out, err = run(capsys, "check", str(path))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and str(path) in err and reason in err
    assert "Traceback" not in err


def test_a_random_ten_megabyte_file_exits_two(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "random.json"
    path.write_bytes(os.urandom(10 * 1024 * 1024))
    code, _, err = run(capsys, "check", str(path))
    assert code == 2 and str(path) in err and err.count("\n") == 1


def test_a_missing_file_exits_two(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "check", "/nonexistent/form.json")
    assert code == 2 and "文件不存在" in err


def test_a_gbk_encoded_form_is_read_correctly(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "gbk.json"
    path.write_bytes(SEED_JSON.read_text(encoding="utf-8").encode("gbk"))
    code, out, _ = run(capsys, "check", str(path), "--format", "json")
    assert code == 1 and json.loads(out)["computed"]["execution_rate"] == "97.13"


def test_a_utf8_bom_is_accepted(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + SEED_JSON.read_bytes())
    code, _, _ = run(capsys, "check", str(path), "--format", "json")
    assert code == 1


def test_the_installed_command_prints_no_traceback_for_bad_json(tmp_path: Path) -> None:
    path = tmp_path / "truncated.json"
    path.write_bytes(SEED_JSON.read_bytes()[:500])
    done = subprocess.run(
        [sys.executable, "-m", "jixiao", "check", str(path)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 2 and "Traceback" not in done.stderr and str(path) in done.stderr


def test_schema_prints_the_committed_schema(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "schema")
    committed = (
        Path(__file__).resolve().parents[2] / "schema" / "jixiao.self-evaluation-1.schema.json"
    ).read_text(encoding="utf-8")
    assert code == 0 and out == committed


def test_it_checks_an_extracted_text_form_through_the_importer(capsys: pytest.CaptureFixture[str]) -> None:
    from tests.conftest import SEED_TEXT

    code, out, _ = run(capsys, "check", str(SEED_TEXT), "--format", "json")
    report = json.loads(out)
    assert code == 1
    assert report["computed"]["execution_rate"] == "97.13"
    assert sum(f["code"] == "review.import_damage" for f in report["findings"]) == 13


def test_a_file_that_is_no_form_exits_two(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("今天天气很好。\n", encoding="utf-8")
    code, _, err = run(capsys, "check", str(path))
    assert code == 2 and str(path) in err and err.count("\n") == 1


def test_a_text_form_whose_first_line_starts_with_a_bracket_is_imported_not_read_as_json(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from tests.conftest import SEED_TEXT

    path = tmp_path / "bracket.txt"
    path.write_text(
        "[附件2] 2021年度部门整体支出绩效自评表\n" + SEED_TEXT.read_text(encoding="utf-8"), encoding="utf-8"
    )
    code, out, err = run(capsys, "check", str(path), "--format", "json")
    assert "JSON" not in err, err
    assert code == 1 and json.loads(out)["computed"]["execution_rate"] == "97.13"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b'[{"schema": "jixiao.self-evaluation/1", ', "不是有效的 JSON"),  # broken JSON stays a JSON error
        (b'{"schema": ', "不是有效的 JSON"),
        (b"[]", "JSON 数组是空的"),
        (b'[{"year": "twenty"}]', "第 1 项:不符合自评表格式"),
    ],
)
def test_broken_json_without_the_json_name_is_still_a_json_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: bytes, reason: str
) -> None:
    path = tmp_path / "form.txt"
    path.write_bytes(content)
    code, _, err = run(capsys, "check", str(path))
    assert code == 2 and reason in err
