"""The score sheets of the seed, the clean form and six synthetic forms (frozen in
tests/data/score_forms.json: a department, a unit and a project, each with and without planted
mistakes, each under both built-in schemes) are a golden expectation: every line's points, its
explanation, every category and the total, as the reviewer reads them (tests/data/score_sheets.json).
A changed figure or sentence fails with the difference line by line; after a deliberate change,
regenerate with ``JIXIAO_UPDATE_GOLDEN=1 pytest tests/core/test_score_golden.py`` and review the diff."""

from __future__ import annotations

import difflib
import json
import os
from pathlib import Path

from jixiao.core.form import Form
from jixiao.core.report import check
from jixiao.core.scoring import BUILT_IN, score_form
from tests.conftest import SEED_JSON

DATA = Path(__file__).resolve().parents[1] / "data"
GOLDEN = DATA / "score_sheets.json"
FORMS = {"seed": SEED_JSON, "clean_form": DATA / "clean_form.json"}
SYNTHETIC = DATA / "score_forms.json"


def _sheets() -> str:
    sheets = {
        name: score_form(Form.from_json(path.read_text(encoding="utf-8"))).to_dict()
        for name, path in FORMS.items()
    }
    for item in json.loads(SYNTHETIC.read_text(encoding="utf-8")):
        form = Form.model_validate(item["form"])
        for scheme_name, scheme in BUILT_IN.items():
            sheets[f"{item['id']} {scheme_name}"] = score_form(form, scheme).to_dict()
    return json.dumps(sheets, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def test_the_score_sheets_are_as_written() -> None:
    got = _sheets()
    if os.environ.get("JIXIAO_UPDATE_GOLDEN"):
        GOLDEN.write_text(got, encoding="utf-8")
    expected = GOLDEN.read_text(encoding="utf-8")
    if got != expected:
        diff = "\n".join(
            difflib.unified_diff(
                expected.splitlines(), got.splitlines(), "expected (golden)", "found now", lineterm=""
            )
        )
        raise AssertionError(f"the score sheets changed (- before, + now):\n{diff}")


def test_passing_the_reports_evaluations_changes_no_score_sheet() -> None:
    forms = [Form.from_json(path.read_text(encoding="utf-8")) for path in FORMS.values()]
    forms += [Form.model_validate(item["form"]) for item in json.loads(SYNTHETIC.read_text(encoding="utf-8"))]
    for form in forms:
        for scheme in BUILT_IN.values():
            given = check(form).evaluations
            assert score_form(form, scheme, evaluations=given).to_dict() == score_form(form, scheme).to_dict()
