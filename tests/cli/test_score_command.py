"""``jixiao score``: the computed score explained, beside the reported one; exit status by agreement."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jixiao.cli import main
from tests.conftest import SEED_JSON


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def grid_form(total: str) -> dict[str, object]:
    return {
        "schema": "jixiao.self-evaluation/1",
        "kind": "project",
        "year": 2022,
        "department": "某局",
        "project": "某项目",
        "funds": {"adjusted_budget": "100", "actual": "100", "weight": "10", "score": "10"},
        "indicators": [
            {
                "level1": "产出指标",
                "name": "数量",
                "target": "≥10个",
                "result": "10个",
                "weight": "90",
                "score": "90",
            }
        ],
        "total_score": total,
        "grade": "优",
    }


def test_it_explains_the_seed_score_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "score", str(SEED_JSON))
    assert code == 0
    assert "总分 67.57 分  等级 中" in out
    assert "10 × 97.13% = 9.71 分" in out and "本表没有效益指标(30分)" in out


def test_it_prints_the_score_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "score", str(SEED_JSON), "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["total"] == "67.57" and data["file"] == str(SEED_JSON)


def test_a_reported_total_that_differs_exits_one(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    good, bad = tmp_path / "good.json", tmp_path / "bad.json"
    good.write_text(json.dumps(grid_form("100")), encoding="utf-8")
    bad.write_text(json.dumps(grid_form("95")), encoding="utf-8")
    assert run(capsys, "score", str(good))[0] == 0
    code, out, _ = run(capsys, "score", str(bad))
    assert code == 1 and "与表中填报不一致:total_score" in out


def test_an_array_of_forms_is_scored_form_by_form(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "page.expected.json"
    path.write_text(json.dumps([grid_form("100"), grid_form("100")]), encoding="utf-8")
    code, out, _ = run(capsys, "score", str(path), "--format", "json")
    lines = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and [line["file"] for line in lines] == [f"{path}[0]", f"{path}[1]"]


def test_a_scheme_file_is_read(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    scheme = tmp_path / "scheme.json"
    scheme.write_text(
        json.dumps(
            {
                "name": "二八开",
                "execution_weight": "20",
                "categories": [{"key": "all", "label": "绩效指标", "weight": "80"}],
            }
        ),
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "score", str(SEED_JSON), "--scheme", str(scheme), "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["scheme"] == "二八开" and data["execution"]["score"] == "19.43"


@pytest.mark.parametrize(
    ("scheme", "message"),
    [("nope", "既不是内置方案"), ('{"execution_weight": "30"}', "合计应为 100 分"), ("{", "无法读取")],
)
def test_a_bad_scheme_exits_two_with_a_chinese_message(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, scheme: str, message: str
) -> None:
    if scheme != "nope":
        path = tmp_path / "scheme.json"
        path.write_text(scheme, encoding="utf-8")
        scheme = str(path)
    code, _, err = run(capsys, "score", str(SEED_JSON), "--scheme", scheme)
    assert code == 2 and message in err


def test_an_unreadable_file_exits_two(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "score", str(tmp_path / "missing.json"))
    assert code == 2 and "文件不存在" in err
