"""A correct form stays clean: no check may find anything in it, and small true variations of it
(figures equal up to rounding, a gross 调整数, lines that add up exactly) stay clean too."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.core.form import Form
from jixiao.core.report import check

CLEAN = Path(__file__).resolve().parents[1] / "data" / "clean_form.json"


@pytest.fixture
def clean() -> Form:
    return Form.from_json(CLEAN.read_text(encoding="utf-8"))


def _findings(form: Form) -> list[str]:
    return [f"{f.code} {f.path}: {f.message}" for f in check(form).findings]


def test_the_clean_form_has_no_finding(clean: Form) -> None:
    assert _findings(clean) == []
    assert [e.verdict for _, e in check(clean).evaluations] == ["met", "met"]


def test_the_seed_figures_are_not_blamed(clean: Form) -> None:
    # The seed's correct task funds and 其中 lines: neither above the budget nor above the total.
    clean.tasks[0].funds = Decimal("9368.62")  # equal to the budget is allowed
    clean.funds.lines[0].actual = Decimal("9100.04")  # equal to the total
    clean.funds.lines[0].initial_budget = Decimal("9543.38")
    assert _findings(clean) == []


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("execution_rate", "97.1"),  # fewer decimals, equal at its own precision
        ("execution_rate", "97.125"),  # within the tolerance
        ("adjustment_rate", "1.8"),
        ("adjustment", "200.00"),  # a gross 调整数 (财预〔2013〕53号) may differ from the net one ...
    ],
)
def test_true_variations_stay_clean(clean: Form, field: str, value: str) -> None:
    setattr(clean.funds, field, Decimal(value))
    found = _findings(clean)
    if field == "adjustment":
        # ... it is shown for an explanation (a warning), and the rate is then computed from it.
        assert [f.split(" ")[0] for f in found] == ["arithmetic.adjustment", "arithmetic.adjustment_rate"]
    else:
        assert found == []


def test_lines_that_add_up_exactly_stay_clean(clean: Form) -> None:
    line = clean.funds.lines[0]
    second = line.model_copy(update={"source": "政府性基金预算", "actual": Decimal("100.04")})
    line.actual = Decimal("9000.00")
    line.initial_budget = line.adjusted_budget = None
    clean.funds.lines.append(second.model_copy(update={"initial_budget": None, "adjusted_budget": None}))
    assert _findings(clean) == []
    line.actual = Decimal("9000.01")  # now one cent above the total
    assert [f.split(" ")[0] for f in _findings(clean)] == ["arithmetic.lines_exceed_total"]
