from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from frictionless import validate

from jixiao.core.form import Form
from jixiao.core.report import check
from jixiao.render import opendata


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_it_writes_one_row_per_form_with_written_and_computed_figures(seed: Form, seed_report) -> None:  # type: ignore[no-untyped-def]
    (row,) = _rows(opendata.forms_csv([("seed", seed, seed_report)]))
    assert row["department"] == "广州市天河区政务服务数据管理局" and row["year"] == "2021"
    assert row["adjusted_budget"] == "9368.62" and row["actual"] == "9100.04"
    assert (row["execution_rate"], row["execution_rate_computed"]) == ("97.10", "97.13")
    assert row["summary"] == "true" and row["tasks"] == "3" and row["indicators"] == "16"
    assert row["findings_error"] == str(seed_report.count("error"))
    assert row["review_items"] == "13"
    counted = sum(int(row[f"verdict_{v}"] or 0) for v in ("met", "not_met", "unverifiable", "unknown"))
    assert counted == len(seed_report.evaluations)


def test_it_writes_one_row_per_indicator(seed: Form, seed_report) -> None:  # type: ignore[no-untyped-def]
    rows = _rows(opendata.indicators_csv([("seed", seed, seed_report)]))
    assert len(rows) == 16
    assert rows[0]["task_number"] == "1" and rows[0]["task"] == seed.tasks[0].name
    assert rows[15]["path"] == "tasks[2].indicators[7]"
    assert [r["result"] for r in rows] == [i.result for _, i in seed.all_indicators()]
    verdicts = dict(seed_report.evaluations)
    for row in rows:
        if row["path"] in verdicts:
            assert row["verdict"] in ("met", "not_met", "unverifiable", "unknown")


def test_it_neutralises_texts_a_spreadsheet_would_run(seed: Form) -> None:
    form = seed.model_copy(deep=True)
    form.department = "=cmd|' /C calc'!A0"
    form.tasks[0].indicators[0].name = "＠SUM(1)"
    form.tasks[0].indicators[1].name = "\t=1"
    report = check(form)
    (row,) = _rows(opendata.forms_csv([("x", form, report)]))
    assert row["department"] == "'=cmd|' /C calc'!A0"
    rows = _rows(opendata.indicators_csv([("x", form, report)]))
    assert rows[0]["name"] == "'＠SUM(1)" and rows[1]["name"] == "'\t=1"
    assert rows[2]["name"] == "" and rows[0]["result"].startswith("完成目标")


def test_its_data_package_validates(seed: Form, project: Form, tmp_path: Path) -> None:
    entries = [("seed", seed, check(seed)), ("project", project, check(project))]
    opendata.write_datapackage(entries, tmp_path)
    report = validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    descriptor = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    assert [r["name"] for r in descriptor["resources"]] == ["forms", "indicators"]
    assert json.loads((tmp_path / "json" / "seed.json").read_text(encoding="utf-8")) == seed.to_dict()
    indicators = _rows((tmp_path / "indicators.csv").read_text(encoding="utf-8"))
    assert len(indicators) == 16 + len(project.indicators)


def test_a_broken_row_fails_validation(seed: Form, tmp_path: Path) -> None:
    opendata.write_datapackage([("seed", seed, check(seed))], tmp_path)
    forms = tmp_path / "forms.csv"
    forms.write_text(forms.read_text(encoding="utf-8").replace(",2021,", ",二〇二一,"), encoding="utf-8")
    assert not validate(str(tmp_path / "datapackage.json")).valid


def test_it_makes_form_ids_unique() -> None:
    assert opendata.unique_ids(["a", "b", "a", "a"]) == ["a", "b", "a-2", "a-3"]
