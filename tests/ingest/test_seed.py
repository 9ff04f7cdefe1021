"""The seed form imports to seed.expected.json: every number, the texts, all 13 review entries."""

from __future__ import annotations

import json
import subprocess
import sys

from jixiao.core.form import Form
from jixiao.ingest import read_bytes, read_form
from jixiao.ingest.compare import compare_forms
from tests.conftest import ROOT, SEED_JSON, SEED_TEXT


def expected() -> Form:
    return Form.from_json(SEED_JSON.read_text(encoding="utf-8"))


def test_it_imports_the_seed_to_the_expected_form() -> None:
    result = read_form(SEED_TEXT)
    comparison = compare_forms(result.form, expected())
    assert comparison.tally("number")[0] == comparison.tally("number")[1] == 48
    agree, total = comparison.tally("text")
    assert agree / total >= 0.95
    assert comparison.review_missing == []
    assert result.layout == "guangzhou-department"
    assert result.pages == 2


def test_it_reproduces_the_expected_json_exactly() -> None:
    result = read_form(SEED_TEXT)
    assert result.form.to_dict() == json.loads(SEED_JSON.read_text(encoding="utf-8"))


def test_it_reads_the_seed_in_gbk_gb18030_and_with_a_bom() -> None:
    text = SEED_TEXT.read_text(encoding="utf-8")
    want = read_form(SEED_TEXT).form.to_dict()
    for data in (text.encode("gbk"), text.encode("gb18030"), b"\xef\xbb\xbf" + text.encode("utf-8")):
        assert read_bytes(data, "seed.txt").form.to_dict() == want


def test_it_imports_a_half_written_file_and_says_so() -> None:
    data = SEED_TEXT.read_bytes()
    cut = data[: len(data) - 2]  # ends inside the last character
    form = read_bytes(cut, "seed.txt").form
    assert form.funds.actual is not None
    assert any("half-written" in item.problem for item in form.review)


def test_the_cli_imports_and_compares(tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "seed.json"
    run = subprocess.run(
        [sys.executable, "-m", "jixiao", "import", str(SEED_TEXT), "-o", str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert "待核对 13 处" in run.stderr
    compare = subprocess.run(
        [sys.executable, "-m", "jixiao", "compare", str(out), str(SEED_JSON)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert compare.returncode == 0, compare.stdout
    assert "数字: 48/48 一致(100.0%)" in compare.stdout
    assert "待核对项: 找到 13/13" in compare.stdout
