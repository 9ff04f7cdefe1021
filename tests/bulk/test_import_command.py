"""``jixiao import`` on many files, folders and archives: one JSON per form, a report line per input."""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from jixiao.cli import main
from tests.bulk.conftest import fill, forms, negatives
from tests.conftest import SEED_TEXT


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def report(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "report.jsonl").read_text(encoding="utf-8").splitlines()]


def test_a_folder_gives_one_json_per_form_and_one_report_line_per_file(
    capsys: pytest.CaptureFixture[str], folder_of_forms: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    code, stdout, err = run(capsys, "import", str(folder_of_forms), "-o", str(out), "--jobs", "2")
    lines = report(out)
    assert len(lines) == 30
    assert [line["input"] for line in lines] == sorted(line["input"] for line in lines)  # input order
    refused = [line for line in lines if line["status"] == "refused"]
    assert {Path(line["input"]).name.split("_", 1)[1] for line in refused} == {p.name for p in negatives()}
    for line in refused:
        assert line["reason"] and line["forms"] == [] and line["layout"] is None
    imported = [line for line in lines if line["status"] == "imported"]
    assert len(imported) == 30 - len(refused)
    for line in imported:
        [name] = line["forms"]
        assert name == Path(line["input"]).stem + ".json"
        form = json.loads((out / name).read_text(encoding="utf-8"))
        assert form["schema"] == "jixiao.self-evaluation/1"
        assert line["review"] == len(form["review"]) and line["layout"] and line["seconds"] >= 0
    assert set(lines[0]) == {"input", "status", "reason", "forms", "layout", "review", "seconds"}
    # Refused inputs make the exit status 1; the summary is Chinese and there is no progress bar off a terminal.
    assert code == 1 and stdout == ""
    assert err.startswith("导入完成:共 30 个文件,已导入 ")
    assert "按版式:" in err and "拒绝的原因:" in err and "report.jsonl" in err
    assert "\r" not in err and "━" not in err


def test_one_job_and_two_jobs_write_the_same(
    capsys: pytest.CaptureFixture[str], folder_of_forms: Path, tmp_path: Path
) -> None:
    run(capsys, "import", str(folder_of_forms), "-o", str(tmp_path / "one"), "--jobs", "1")
    run(capsys, "import", str(folder_of_forms), "-o", str(tmp_path / "two"), "--jobs", "2")
    one = sorted(p.name for p in (tmp_path / "one").iterdir())
    assert one == sorted(p.name for p in (tmp_path / "two").iterdir())
    for name in one:
        if name.endswith(".json"):
            assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()
    strip = lambda lines: [{k: v for k, v in line.items() if k != "seconds"} for line in lines]  # noqa: E731
    assert strip(report(tmp_path / "one")) == strip(report(tmp_path / "two"))


def test_files_folders_and_an_archive_together(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    archive = tmp_path / "forms.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as handle:
        for path in forms()[:3]:
            handle.writestr(f"2022/{path.name}", path.read_bytes())
        handle.writestr("../evil.txt", b"x")
    folder = tmp_path / "2021"
    fill(folder, 3)
    out = tmp_path / "out"
    code, _, _err = run(
        capsys, "import", str(SEED_TEXT), str(folder), str(archive), "-o", str(out), "-j", "2"
    )
    lines = report(out)
    assert next(line["input"] for line in lines) == str(SEED_TEXT)
    assert any(line["input"] == f"{archive}!2022/{forms()[0].name}" for line in lines)
    [evil] = [line for line in lines if line["input"].endswith("!../evil.txt")]
    assert evil["status"] == "refused" and "不安全" in evil["reason"]
    assert sum(line["status"] == "imported" for line in lines) == 7 and code == 1


def test_inputs_with_the_same_name_are_renamed_and_it_is_said(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    for year in ("2021", "2022"):
        (tmp_path / "in" / year).mkdir(parents=True)
        (tmp_path / "in" / year / "form.txt").write_bytes(SEED_TEXT.read_bytes())
    out = tmp_path / "out"
    code, _, err = run(capsys, "import", str(tmp_path / "in"), "-o", str(out))
    lines = report(out)
    assert [line["forms"] for line in lines] == [["2021_form.json"], ["2022_form.json"]]
    assert all("同名" in line["note"] for line in lines)
    assert code == 0 and "改名:2 个文件" in err


def test_several_forms_in_one_input_are_numbered(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jixiao import ingest

    real = ingest.read_bytes_all

    def twice(data: bytes, filename: str, *, settings: object = None) -> list:
        return real(data, filename, settings=settings) * 2  # type: ignore[arg-type]

    monkeypatch.setattr(ingest, "read_bytes_all", twice)
    folder = tmp_path / "in"
    fill(folder, 2)
    out = tmp_path / "out"
    code, _, err = run(capsys, "import", str(folder), "-o", str(out), "--jobs", "1")
    lines = report(out)
    stems = [Path(line["input"]).stem for line in lines]
    assert [line["forms"] for line in lines] == [[f"{s}-1.json", f"{s}-2.json"] for s in stems]
    assert all((out / name).exists() for line in lines for name in line["forms"])
    assert code == 0 and "4 张自评表" in err


def test_bulk_import_needs_an_output_folder(
    capsys: pytest.CaptureFixture[str], folder_of_forms: Path
) -> None:
    code, _, err = run(capsys, "import", str(folder_of_forms))
    assert code == 2 and "-o" in err


def test_an_empty_folder_exits_two(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    code, _, err = run(capsys, "import", str(tmp_path / "empty"), "-o", str(tmp_path / "out"))
    assert code == 2 and "没有文件" in err
    assert not (tmp_path / "out" / "report.jsonl").exists()


def test_one_file_into_a_folder_is_a_bulk_run(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    code, _, _ = run(capsys, "import", str(SEED_TEXT), "-o", str(out))
    assert code == 0 and (out / f"{SEED_TEXT.stem}.json").exists() and len(report(out)) == 1


def test_one_file_into_a_json_file_works_as_before(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "seed.json"
    code, out, err = run(capsys, "import", str(SEED_TEXT), "-o", str(target))
    assert code == 0 and out == "" and target.exists() and not (tmp_path / "report.jsonl").exists()
    assert err.startswith(f"已导入“{SEED_TEXT.name}”(版式 ") and "待核对 13 处" in err


def test_a_thousand_files_complete_with_a_thousand_report_lines(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    fill(folder, 1000)
    out = tmp_path / "out"
    code, _, err = run(capsys, "import", str(folder), "-o", str(out), "--jobs", "2")
    lines = report(out)
    assert len(lines) == 1000 and code == 0
    assert {line["status"] for line in lines} == {"imported"}
    assert len({name for line in lines for name in line["forms"]}) == 1000
    assert "共 1000 个文件,已导入 1000 个(1000 张自评表)" in err


def test_a_terminal_sees_a_progress_bar(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    fill(folder, 40)
    leader, follower = pty.openpty()
    env = {**os.environ, "COLUMNS": "100", "TERM": "xterm"}
    process = subprocess.Popen(
        [sys.executable, "-m", "jixiao", "import", str(folder), "-o", str(tmp_path / "out"), "-j", "2"],
        stdout=subprocess.DEVNULL,
        stderr=follower,
        env=env,
    )
    os.close(follower)
    shown = b""
    while True:
        ready, _, _ = select.select([leader], [], [], 30)
        if not ready:
            break
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    process.wait(timeout=60)
    text = shown.decode("utf-8", "replace")
    assert "导入" in text and "/40" in text  # the bar's "n/40" counter
    assert "导入完成:共 40 个文件" in text
