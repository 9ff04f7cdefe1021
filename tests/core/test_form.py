import json
from decimal import Decimal

import pytest
from pydantic import ValidationError

from jixiao.core.form import Form, Indicator, json_schema
from tests.conftest import ROOT


def test_it_loads_the_seed_and_dumps_it_back_identically(seed_json_text: str) -> None:
    form = Form.from_json(seed_json_text)
    assert form.to_json() + "\n" == seed_json_text


def test_it_holds_amounts_as_decimals(seed_form: Form) -> None:
    assert seed_form.funds.execution_rate == Decimal("97.10")
    assert isinstance(seed_form.funds.actual, Decimal)
    assert seed_form.to_dict()["funds"]["execution_rate"] == "97.10"  # precision as written


def test_it_refuses_json_numbers_for_decimals() -> None:
    with pytest.raises(ValidationError) as error:
        Form.model_validate({"funds": {"actual": 9100.04}})
    assert error.value.errors()[0]["loc"] == ("funds", "actual")


@pytest.mark.parametrize("text", ["9,100.04", "97.10%", "abc", ""])
def test_it_refuses_decimal_strings_that_are_not_plain(text: str) -> None:
    with pytest.raises(ValidationError):
        Form.model_validate({"funds": {"actual": text}})


def test_it_refuses_unknown_fields_and_wrong_kinds() -> None:
    with pytest.raises(ValidationError):
        Form.model_validate({"fundz": {}})
    with pytest.raises(ValidationError):
        Form.model_validate({"kind": "company"})
    with pytest.raises(ValidationError):
        Form.model_validate({"schema": "jixiao.self-evaluation/2"})


def test_an_empty_form_has_every_field_with_absent_values() -> None:
    data = Form().to_dict()
    assert data["schema"] == "jixiao.self-evaluation/1"
    assert data["funds"]["lines"] == [] and data["funds"]["actual"] is None


def test_it_keeps_the_documented_field_order(seed_json_text: str) -> None:
    assert list(Form().to_dict()) == list(json.loads(seed_json_text))
    assert list(Indicator().model_dump()) == [
        "level1",
        "level2",
        "name",
        "target",
        "result",
        "weight",
        "score",
        "deviation",
    ]


def test_it_lists_indicators_with_their_paths(seed_form: Form) -> None:
    paths = [path for path, _ in seed_form.all_indicators()]
    assert len(paths) == 16
    assert paths[0] == "tasks[0].indicators[0]" and paths[-1] == "tasks[2].indicators[7]"


def test_the_committed_schema_matches_the_model() -> None:
    committed = json.loads(
        (ROOT / "schema" / "jixiao.self-evaluation-1.schema.json").read_text(encoding="utf-8")
    )
    assert committed == json_schema(), (
        "schema drifted: run `jixiao schema > schema/jixiao.self-evaluation-1.schema.json`"
    )


def test_the_schema_describes_decimals_as_strings() -> None:
    funds = json_schema()["$defs"]["Funds"]["properties"]["actual"]
    assert {"type": "string", "pattern": r"^-?\d+(\.\d+)?$"} in funds["anyOf"]
