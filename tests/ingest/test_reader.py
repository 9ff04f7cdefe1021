"""The format is told from the content, never the name; every reader ends in the same parser."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from jixiao.ingest import IngestError, read_bytes, read_form
from jixiao.ingest.sniff import sniff
from tests.conftest import SEED_JSON, SEED_TEXT

LAYOUTS = Path(__file__).resolve().parents[1] / "data" / "layouts"


def test_the_name_does_not_decide_the_format() -> None:
    data = SEED_TEXT.read_bytes()
    assert read_bytes(data, "form.pdf").form.to_dict() == read_bytes(data, "form.txt").form.to_dict()
    assert sniff(b"%PDF-1.7\n") == "pdf" and sniff(b"\x89PNG\r\n\x1a\n....") == "image"
    assert sniff("部门".encode()) == "text" and sniff(b"   ") == "empty"


def test_a_jixiao_json_form_is_read_as_it_is() -> None:
    result = read_form(SEED_JSON)
    assert result.layout == "jixiao-json"
    assert result.form.to_json() == read_form(SEED_TEXT).form.to_json()


def test_invalid_jixiao_json_names_the_field() -> None:
    with pytest.raises(IngestError, match="year"):
        read_bytes(b'{"schema": "jixiao.self-evaluation/1", "year": "twenty"}', "bad.json")


def test_web_page_wrapper_lines_are_skipped_and_noted() -> None:
    noisy = read_form(LAYOUTS / "p1_web_page_noise.txt").form
    clean = read_form(LAYOUTS / "p1_yunnan_14.txt").form
    assert noisy.indicators == clean.indicators and noisy.funds == clean.funds
    assert [item.path for item in noisy.review] == ["document"]
    assert noisy.review[0].problem.startswith("web page or document wrapper lines skipped (7)")


def test_a_word_document_is_read_from_its_tables() -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("2021年度项目支出绩效自评表(公开14表)")
    lines = (LAYOUTS / "p1_yunnan_14.txt").read_text(encoding="utf-8").splitlines()[2:]
    rows = [line.split("\t") for line in lines]
    table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            table.cell(r, c).text = text
    buffer = io.BytesIO()
    document.save(buffer)
    result = read_bytes(buffer.getvalue(), "yunnan.docx")
    text_form = read_form(LAYOUTS / "p1_yunnan_14.txt").form
    assert result.medium == "docx"
    assert result.form.indicators == text_form.indicators
    assert result.form.funds == text_form.funds
