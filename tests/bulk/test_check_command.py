"""``jixiao check`` on many inputs: one JSON line per form, meaningful exit status."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jixiao.cli import main
from tests.bulk.conftest import fill
from tests.conftest import SEED_JSON


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def clean_form(tmp_path: Path) -> Path:
    from decimal import Decimal

    from jixiao.core.form import Form

    form = Form.from_json(SEED_JSON.read_text(encoding="utf-8"))
    for number, (_, indicator) in enumerate(form.all_indicators()):
        if not indicator.name or len(indicator.name) < 4:
            indicator.name = f"补全的第{number + 1}个指标≥1项"
    form.tasks[2].funds = Decimal("0.00")
    form.funds.execution_rate = Decimal("97.13")
    form.review = []
    path = tmp_path / "clean.json"
    path.write_text(form.to_json(), encoding="utf-8")
    return path


def test_jsonl_gives_one_line_per_form_and_one_per_unreadable_input(
    capsys: pytest.CaptureFixture[str], folder_of_forms: Path
) -> None:
    code, out, err = run(capsys, "check", str(folder_of_forms), "--format", "jsonl", "--jobs", "2")
    lines = [json.loads(line) for line in out.splitlines()]
    assert len(lines) == 30
    errors = [line for line in lines if "error" in line]
    assert len(errors) == 3 and all(set(line) == {"input", "error"} for line in errors)
    for line in lines:
        if "error" not in line:
            assert (
                line["form"] == 1 and line["layout"] and {"computed", "findings", "indicators"} <= set(line)
            )
    assert [line["input"] for line in lines] == sorted(line["input"] for line in lines)
    assert code == 2  # some input cannot be read
    assert err.startswith("检查完成:共 30 个文件,27 张自评表")


def test_the_exit_status_says_errors_when_every_input_reads(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    fill(tmp_path / "in", 5)
    code, _, _ = run(capsys, "check", str(tmp_path / "in"), "--format", "jsonl", "-j", "2", "--quiet")
    assert code == 1


def test_clean_forms_exit_zero(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = clean_form(tmp_path)
    code, out, err = run(capsys, "check", str(path), str(path), "--format", "jsonl", "--no-indicators")
    assert code == 0 and len(out.splitlines()) == 2 and "无错误的 2 张" in err


def test_text_reports_follow_one_another_with_their_file_named(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    fill(tmp_path / "in", 3)
    code, out, _ = run(capsys, "check", str(tmp_path / "in"), "--color", "never", "-j", "2", "--quiet")
    assert out.count("==> ") == 3 and out.count("检查结果:错误") == 3 and code == 1


def test_json_gives_an_array_of_reports(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    fill(tmp_path / "in", 3)
    _code, out, _ = run(capsys, "check", str(tmp_path / "in"), "--format", "json", "--quiet")
    document = json.loads(out)
    assert isinstance(document, list) and len(document) == 3 and document[0]["form"] == 1


def test_a_json_array_holds_several_forms(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    forms = tmp_path / "forms.json"
    seed = SEED_JSON.read_text(encoding="utf-8")
    forms.write_text(f"[{seed}, {seed}]", encoding="utf-8")
    code, out, _ = run(capsys, "check", str(forms), "--format", "jsonl")
    lines = [json.loads(line) for line in out.splitlines()]
    assert [line["form"] for line in lines] == [1, 2] and {line["layout"] for line in lines} == {
        "jixiao-json"
    }
    assert code == 1
    code, out, _ = run(capsys, "check", str(forms), "--format", "json")
    assert [report["form"] for report in json.loads(out)] == [1, 2]
    code, out, _ = run(capsys, "check", str(forms), "--color", "never")
    assert out.count("(第 1/2 张)") == 1 and out.count("(第 2/2 张)") == 1
