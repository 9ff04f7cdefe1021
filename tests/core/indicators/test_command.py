"""``jixiao indicators [FILE|-]``: JSON lines in, one verdict line out for each."""

import io
import json
import sys
from pathlib import Path

import pytest

from jixiao.cli import main


def run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, stdin: str, *args: str):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin.encode("utf-8")), encoding="utf-8"))
    code = main(["indicators", *args])
    captured = capsys.readouterr()
    return code, [json.loads(line) for line in captured.out.splitlines()], captured.err


def test_it_answers_each_line_with_a_verdict(capsys, monkeypatch) -> None:
    lines = [
        {
            "name": "实现“跨域通办”事项数≥200项;",
            "target": None,
            "result": "截至2021年12月31日,实现“跨域通办”事项344项。",
        },
        {"name": "项目总成本", "target": "≤90万元", "result": "95万元", "weight": "8"},
    ]
    code, out, _ = run(
        capsys, monkeypatch, "\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n", "-"
    )
    assert code == 0
    assert out[0]["verdict"] == "met" and out[0]["conditions"] == [
        {"operator": "≥", "value": "200", "unit": "项"}
    ]
    start, end = out[0]["actual"][0]["evidence"]
    assert lines[0]["result"][start:end] == "344项"
    assert out[1] == {
        "verdict": "not_met",
        "conditions": [{"operator": "≤", "value": "90", "unit": "万元"}],
        "actual": [{"value": "95", "unit": "万元", "evidence": [0, 4]}],
        "score": "7.58",
        "flags": [],
        "reason": out[1]["reason"],
    }
    assert "95万元高于目标90万元" in out[1]["reason"]


def test_a_bad_line_gets_an_error_line_and_the_rest_still_answered(capsys, monkeypatch) -> None:
    text = '不是JSON\n{"name": "x", "target": "≥1项", "result": "2项", "weight": "abc"}\n{"name": "满意度", "target": "≥90%", "result": "95%"}\n'
    code, out, _ = run(capsys, monkeypatch, text)
    assert code == 1
    assert out[0]["line"] == 1 and "不是有效的 JSON" in out[0]["error"]
    assert out[1]["line"] == 2 and "weight" in out[1]["error"]
    assert out[2]["verdict"] == "met"


def test_it_reads_a_file_and_the_ambition_margin(capsys, tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text(
        json.dumps({"name": "事项数", "target": "≥200项", "result": "344项"}, ensure_ascii=False), "utf-8"
    )
    assert main(["indicators", str(path)]) == 0
    assert "ambition" in json.loads(capsys.readouterr().out)["flags"]
    assert main(["indicators", str(path), "--ambition-margin", "100"]) == 0
    assert "ambition" not in json.loads(capsys.readouterr().out)["flags"]


def test_a_missing_file_is_one_chinese_line(capsys, tmp_path: Path) -> None:
    code = main(["indicators", str(tmp_path / "nope.jsonl")])
    err = capsys.readouterr().err
    assert code == 2 and "文件不存在" in err and "Traceback" not in err
