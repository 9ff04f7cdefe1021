"""compare_forms: numbers exact, texts without white space, review entries by path."""

from __future__ import annotations

import json
import subprocess
import sys

from jixiao.core.form import Form, Funds, ReviewItem, Task
from jixiao.ingest.compare import compare_forms
from tests.conftest import ROOT, SEED_JSON


def test_it_counts_numbers_equal_as_decimals_and_nothing_else() -> None:
    a = Form(funds=Funds(execution_rate="97.1", actual="9100.04"))
    b = Form(funds=Funds(execution_rate="97.10", actual="9100.4"))
    result = compare_forms(a, b)
    by_path = {f.path: f for f in result.fields}
    assert by_path["funds.execution_rate"].agrees
    assert not by_path["funds.actual"].agrees
    # year, eight funds figures and total_score: all agree (absent on both sides) but the actual
    assert result.tally("number") == (9, 10)


def test_it_ignores_white_space_in_texts_but_not_other_differences() -> None:
    a = Form(tasks=[Task(name="优化营商环境, 推进政务 服务"), Task(name="甲")])
    b = Form(tasks=[Task(name="优化营商环境,推进政务服务"), Task(name="乙")])
    result = compare_forms(a, b)
    by_path = {f.path: f for f in result.fields}
    assert by_path["tasks[0].name"].agrees
    assert not by_path["tasks[1].name"].agrees


def test_it_reports_missing_and_extra_review_entries_by_path() -> None:
    a = Form(review=[ReviewItem(path="funds.adjustment", problem="x"), ReviewItem(path="year", problem="y")])
    b = Form(
        review=[ReviewItem(path="funds.adjustment", problem="other"), ReviewItem(path="goals", problem="z")]
    )
    result = compare_forms(a, b)
    assert result.review_missing == ["goals"]
    assert result.review_extra == ["year"]
    assert not result.identical


def test_it_counts_a_missing_list_item_against_the_import() -> None:
    a = Form(problems=["甲"])
    b = Form(problems=["甲", "乙"])
    result = compare_forms(a, b)
    assert result.tally("text") == (1, 2)


def test_the_command_exits_1_on_a_difference_and_2_on_a_bad_file(tmp_path) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(SEED_JSON.read_text(encoding="utf-8"))
    data["funds"]["actual"] = "9100.05"
    changed = tmp_path / "changed.json"
    changed.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "jixiao", "compare", str(changed), str(SEED_JSON), "--only-diff"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert run.returncode == 1
    assert "✗ [数字] funds.actual: 9100.05  ≠ 应为 9100.04" in run.stdout
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "jixiao", "compare", str(broken), str(SEED_JSON)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert run.returncode == 2
    assert "broken.json" in run.stderr and "Traceback" not in run.stderr
