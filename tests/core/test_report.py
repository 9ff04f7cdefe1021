"""The report of ``check``: counts, the stated and computed figures, and its JSON form (README)."""

from __future__ import annotations

from decimal import Decimal

from jixiao.core.compute import FIGURES
from jixiao.core.form import Form, Funds
from jixiao.core.report import check


def test_it_counts_each_severity(seed_form: Form) -> None:
    report = check(seed_form)
    assert (report.count("error"), report.count("warning"), report.count("info")) == (6, 15, 10)
    assert report.has_errors
    assert not check(Form(funds=Funds())).count("nonsense")  # type: ignore[arg-type]


def test_its_json_has_the_documented_keys_and_values(seed_form: Form) -> None:
    data = check(seed_form).to_dict()
    assert list(data) == ["computed", "reported", "not_applicable", "counts", "findings", "indicators"]
    assert list(data["computed"]) == [f.name for f in FIGURES] == list(data["reported"])
    assert data["computed"]["execution_rate"] == "97.13" and data["reported"]["execution_rate"] == "97.10"
    assert data["computed"]["tasks_funds"] == "552.18" and data["reported"]["tasks_funds"] is None
    assert data["reported"]["adjustment"] == "174.76" and data["computed"]["execution_score"] is None
    assert data["counts"] == {"error": 6, "warning": 15, "info": 10}
    first = data["findings"][0]
    assert set(first) == {"code", "severity", "path", "message", "detail"} and first["severity"] == "error"
    assert (
        data["indicators"][0]["path"] == "tasks[0].indicators[0]"
        and data["indicators"][0]["verdict"] == "met"
    )
    assert data["not_applicable"] == {}


def test_a_figure_that_cannot_be_computed_is_null_with_its_reason() -> None:
    data = check(Form(funds=Funds(actual=Decimal("5"), adjusted_budget=Decimal("0")))).to_dict()
    assert data["computed"]["execution_rate"] is None
    assert data["not_applicable"]["execution_rate"] == "调整预算为零,执行率不适用"
    assert check(Form()).to_dict()["indicators"] == []
