"""The Guangzhou department form (the seed) read from the serialisations a published page takes:
one cell per line and one cell per paragraph, where the table's rows and empty cells are lost."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from jixiao.core.form import Form
from jixiao.ingest import read_bytes
from tests.conftest import SEED_JSON, SEED_TEXT
from tests.ingest.wild_score import Page, score_page


def cell_per_line(lines: list[str]) -> str:
    out: list[str] = []
    for line in lines:
        if "\t" in line:
            out += [cell + " |" for cell in line.split("\t")] + ["|||||"]
        else:
            out.append(line)
    return "\n".join(out)


def paragraphs(lines: list[str]) -> str:
    out: list[str] = []
    for line in lines:
        for cell in line.split("\t") if "\t" in line else [line]:
            out += [cell if cell.strip() else "\xa0", ""]
    return "\n".join(out)


@pytest.mark.parametrize("serialise", [cell_per_line, paragraphs], ids=["cell-per-line", "paragraph"])
def test_the_seed_one_cell_per_line_reads_like_the_seed(serialise) -> None:  # type: ignore[no-untyped-def]
    expected = Form.model_validate(json.loads(SEED_JSON.read_text(encoding="utf-8")))
    text = serialise(SEED_TEXT.read_text(encoding="utf-8").split("\n"))
    result = read_bytes(text.encode(), "seed.txt")
    assert result.layout == "guangzhou-department"
    tally = score_page(Page(id="seed", text=SEED_TEXT, expected=[expected], meta={}), [result.form]).tally
    assert (tally.amounts_right, tally.texts_right, tally.invented) == (tally.amounts, tally.texts, 0)
    assert [task.funds for task in result.form.tasks] == [task.funds for task in expected.tasks]


def test_the_seed_flattened_with_spaces_gives_its_funds_and_invents_nothing() -> None:
    expected = Form.model_validate(json.loads(SEED_JSON.read_text(encoding="utf-8")))
    lines = SEED_TEXT.read_text(encoding="utf-8").split("\n")
    text = " ".join(" ".join(cell for cell in line.split("\t") if cell.strip()) for line in lines)
    form = read_bytes(text.encode(), "seed.txt").form
    funds = form.funds
    assert form.department == "广州市天河区政务服务数据管理局" and form.summary
    assert (funds.adjusted_budget, funds.initial_budget, funds.actual) == (
        expected.funds.adjusted_budget,
        expected.funds.initial_budget,
        expected.funds.actual,
    )
    assert (funds.execution_rate, funds.adjustment_rate) == (Decimal("97.10"), Decimal("1.83"))
    tally = score_page(Page(id="seed", text=SEED_TEXT, expected=[expected], meta={}), [form]).tally
    assert tally.invented == 0
