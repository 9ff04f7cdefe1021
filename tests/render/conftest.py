"""Forms for the exporter tests: the real seed, and a project form built from corpus rows."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from jixiao.core.form import Form, FundLine, Funds, Goals, Indicator
from jixiao.core.report import Report, check
from tests.conftest import SEED_JSON, SHARED

CORPUS_INDICATORS = SHARED / "corpus" / "indicators.jsonl"


@pytest.fixture(scope="session")
def seed() -> Form:
    return Form.from_json(SEED_JSON.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seed_report(seed: Form) -> Report:
    return check(seed)


def _corpus_rows(source: str) -> list[dict[str, str]]:
    rows = [json.loads(line) for line in CORPUS_INDICATORS.read_text(encoding="utf-8").splitlines() if line]
    return [row for row in rows if row["source"] == source]


def project_form() -> Form:
    """A 财预〔2020〕10号 project form whose indicator rows are those of one real published form."""
    rows = _corpus_rows("http://www.anthempetcare.com/upload_cz/download?id=502364&siteId=2")
    assert len(rows) >= 5
    levels = [("产出指标", "数量指标")] * 2 + [("产出指标", "质量指标")] * 2
    levels += [("效益指标", "社会效益指标")] * (len(rows) - 5) + [("满意度指标", "服务对象满意度指标")]
    indicators = [
        Indicator(
            level1=level1,
            level2=level2,
            name=row["name"],
            target=row["target"],
            result=row["result"],
            weight=Decimal(row["weight"]) if row["weight"] else None,
            score=Decimal(row["score"]) if row["score"] else None,
        )
        for (level1, level2), row in zip(levels, rows, strict=True)
    ]
    return Form(
        kind="project",
        year=2022,
        department="某市住房和城乡建设局",
        project="基建工程委托业务经费",
        implementing_unit="某市建设工程服务中心",
        funds=Funds(
            initial_budget=Decimal("90.00"),
            adjusted_budget=Decimal("90.00"),
            actual=Decimal("89.974"),
            weight=Decimal("10"),
            lines=[
                FundLine(
                    source="当年财政拨款",
                    initial_budget=Decimal("90.00"),
                    adjusted_budget=Decimal("90.00"),
                    actual=Decimal("89.974"),
                ),
                FundLine(
                    source="上年结转资金",
                    initial_budget=Decimal("0"),
                    adjusted_budget=Decimal("0"),
                    actual=Decimal("0"),
                ),
            ],
        ),
        goals=Goals(
            expected="完成基建工程委托业务不少于50个,报告合格率100%。",
            achieved="完成委托业务50个,报告全部合格。",
        ),
        indicators=indicators,
        total_score=Decimal("99.97"),
        grade="优",
    )


@pytest.fixture
def project() -> Form:
    return project_form()
