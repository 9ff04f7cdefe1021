"""Everything a user reads is Chinese: the CLI's text report and, for every importer fixture, its review
list and its findings (the seed's edit page: tests/web/test_wording_web.py)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from jixiao.commands.check import write_text
from jixiao.core import wording
from jixiao.core.report import check
from jixiao.ingest import read_form
from tests.conftest import SEED_JSON, SEED_TEXT
from tests.wording_check import english

LAYOUTS = Path(__file__).resolve().parent / "data" / "layouts"
FIXTURES = [SEED_TEXT, *sorted(p for p in LAYOUTS.iterdir() if not p.name.startswith("neg_"))]


def test_the_cli_text_report_is_chinese() -> None:
    from jixiao.core.form import Form

    form = Form.from_json(SEED_JSON.read_text(encoding="utf-8"))
    out = io.StringIO()
    write_text(check(form), out, colour=False)
    assert english(out.getvalue(), form) == []


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_every_review_entry_and_finding_of_an_import_is_chinese(path: Path) -> None:
    form = read_form(path).form
    shown = [wording.review_problem(item.problem) for item in form.review]
    shown += [wording.review_source(item.source) for item in form.review if item.source]
    shown += [finding.message for finding in check(form).findings]
    leaks = {text: words for text in shown if (words := english(text, form))}
    assert leaks == {}


def test_every_finding_template_and_review_sentence_is_chinese() -> None:
    for key, template in wording.FINDINGS.items():
        assert english(re.sub(r"\{\w+\}", " ", template)) == [], key
    for _pattern, sentence in wording.REVIEW_PROBLEMS:
        assert english(sentence) == []


def test_every_saving_phrase_of_the_edit_page_is_chinese() -> None:
    for key, phrase in wording.SAVES.items():
        assert english(re.sub(r"\{\w+\}", " ", phrase)) == [], key
