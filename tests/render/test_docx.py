from __future__ import annotations

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn

from jixiao.core.form import Form
from jixiao.core.report import check
from jixiao.render.docx import render_docx


def _document(form: Form, **kwargs):  # type: ignore[no-untyped-def]
    return Document(io.BytesIO(render_docx(form, check(form), **kwargs)))


def test_it_draws_the_department_form_as_word_tables(seed: Form) -> None:
    document = _document(seed, findings=False)
    assert document.sections[0].orientation == WD_ORIENT.LANDSCAPE
    assert document.paragraphs[0].text == "部门整体支出绩效自评表"
    info, tasks, texts = document.tables
    assert info.cell(0, 1).text == "广州市天河区政务服务数据管理局"
    assert info.cell(0, 1)._tc is info.cell(0, 3)._tc  # merged across three columns
    assert info.cell(1, 2).text == "9368.62"
    assert info.cell(4, 2).text == "97.10%\n(计算值 97.13%)"
    assert [tasks.cell(0, c).text for c in range(6)] == [
        "主要任务",
        "预期目标",
        "目标完成情况",
        "关键指标",
        "指标完成情况",
        "任务涉及资金",
    ]
    assert tasks.cell(1, 0)._tc is tasks.cell(3, 0)._tc  # task 1 spans its three indicators
    results = [tasks.cell(1 + i, 4).text for i in range(16)]
    assert results == [indicator.result for _, indicator in seed.all_indicators()]
    assert texts.cell(2, 1).text.startswith("1. 个别预算执行偏低")


def test_it_repeats_the_tasks_header_row_on_every_page(seed: Form) -> None:
    tasks = _document(seed, findings=False).tables[1]
    header = tasks.rows[0]._tr.trPr
    assert header is not None and header.find(qn("w:tblHeader")) is not None
    assert tasks.rows[1]._tr.trPr is None or tasks.rows[1]._tr.trPr.find(qn("w:tblHeader")) is None


def test_it_appends_the_findings(seed: Form, seed_report) -> None:  # type: ignore[no-untyped-def]
    document = _document(seed)
    text = "\n".join(cell.text for table in document.tables for row in table.rows for cell in row.cells)
    for finding in seed_report.findings:
        assert finding.message in text


def test_it_draws_the_project_grid(project: Form) -> None:
    document = _document(project, findings=False)
    grid = document.tables[1]
    assert grid.cell(0, 1).text == "一级指标" and grid.cell(0, 8).text == "偏差原因分析及改进措施"
    assert grid.cell(1, 1).text == "产出指标" and grid.cell(1, 1)._tc is grid.cell(4, 1)._tc
