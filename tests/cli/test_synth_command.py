"""``jixiao synth``: the files it writes, and its errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jixiao.cli import main
from jixiao.core.form import Form
from jixiao.core.uscc import is_valid_uscc


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_it_writes_the_region_the_forms_and_a_summary(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, _ = run(
        capsys, "synth", "-o", str(tmp_path), "--seed", "3", "--years", "2023-2024", "--forms", "120"
    )
    assert code == 0 and "已生成 1 个行政区、120 张自评表" in out
    lines = (tmp_path / "forms.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 120
    record = json.loads(lines[0])
    assert set(record) >= {"id", "region", "year", "org", "role", "planted", "expected", "continuity", "form"}
    Form.model_validate(record["form"])
    [region] = json.loads((tmp_path / "regions.json").read_text(encoding="utf-8"))
    assert region["name"] == "广州市天河区" and is_valid_uscc(region["finance"]["uscc"])
    summary = json.loads((tmp_path / "summary.json").read_text(encoding="utf-8"))
    assert summary["forms"] == 120 and summary["seed"] == 3 and summary["years"] == [2023, 2024]


def test_the_same_seed_writes_the_same_files(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    for name in ("a", "b"):
        run(capsys, "synth", "-o", str(tmp_path / name), "--seed", "9", "--years", "2024", "--forms", "50")
    assert (tmp_path / "a" / "forms.jsonl").read_bytes() == (tmp_path / "b" / "forms.jsonl").read_bytes()


def test_one_file_per_form_with_a_manifest(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, _ = run(
        capsys, "synth", "-o", str(tmp_path), "--years", "2024", "--forms", "20", "--format", "files"
    )
    manifest = [
        json.loads(line) for line in (tmp_path / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    assert code == 0 and len(manifest) == 20 and "form" not in manifest[0]
    form = Form.from_json((tmp_path / manifest[0]["file"]).read_text(encoding="utf-8"))
    assert form.year == 2024


def test_clean_forms_have_nothing_planted(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    run(capsys, "synth", "-o", str(tmp_path), "--years", "2024", "--forms", "60", "--clean")
    records = [
        json.loads(line) for line in (tmp_path / "forms.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    assert all(not record["planted"] for record in records)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--years", "2024-2022"), "从小到大"),
        (("--years", "今年"), "2022-2024"),
        (("--regions", "0"), "--regions"),
    ],
)
def test_bad_arguments_exit_two(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    code, _, err = run(capsys, "synth", "-o", str(tmp_path), *args)
    assert code == 2 and message in err
