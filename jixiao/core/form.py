"""The form model: ``jixiao.self-evaluation/1`` (../shared/spec/FORMAT.md) as pydantic v2 models.

Field names and their order are those of FORMAT.md, so a form dumps back to the same JSON it was
read from. Decimals travel as JSON strings and are ``Decimal`` in Python; a JSON number is refused
for them, because reading it would already have gone through binary floating point.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PlainSerializer, WithJsonSchema

SCHEMA_ID: Literal["jixiao.self-evaluation/1"] = "jixiao.self-evaluation/1"

_DECIMAL_TEXT = re.compile(r"^-?\d+(\.\d+)?$")
DECIMAL_PATTERN = _DECIMAL_TEXT.pattern


def _to_decimal(value: Any) -> Any:
    if value is None or isinstance(value, Decimal):
        return value
    if isinstance(value, bool):
        raise ValueError("应为数字字符串,不能是布尔值")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, str):
        text = value.strip()
        if not _DECIMAL_TEXT.match(text):
            raise ValueError(f'应为数字字符串(如 "9368.62"),实际为 {value!r}')
        try:
            return Decimal(text)
        except InvalidOperation as exc:  # pragma: no cover - the pattern admits only digits
            raise ValueError(f"无法读取数字 {value!r}") from exc
    raise ValueError(f'应为数字字符串(如 "9368.62"),实际为 {type(value).__name__}')


def _decimal_to_text(value: Decimal) -> str:
    return format(value, "f")


DecimalText = Annotated[
    Decimal,
    BeforeValidator(_to_decimal),
    PlainSerializer(_decimal_to_text, return_type=str, when_used="always"),
    WithJsonSchema({"type": "string", "pattern": DECIMAL_PATTERN}),
]
"""A decimal written as a JSON string: "9368.62", "97.10", "-3"."""

OptDecimal = Annotated[DecimalText | None, Field(default=None)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class FundLine(_Model):
    """A 其中 line: the funds of one source (一般公共预算, 政府性基金预算 …)."""

    source: str | None = None
    initial_budget: OptDecimal = None
    adjusted_budget: OptDecimal = None
    actual: OptDecimal = None


class Funds(_Model):
    """部门资金情况 / 项目资金: budgets, actual expenditure and the rates as reported."""

    initial_budget: OptDecimal = None
    adjusted_budget: OptDecimal = None
    actual: OptDecimal = None
    adjustment: OptDecimal = None
    execution_rate: OptDecimal = None
    adjustment_rate: OptDecimal = None
    weight: OptDecimal = None
    score: OptDecimal = None
    lines: list[FundLine] = Field(default_factory=list)


class Goals(_Model):
    """年度(总体)目标: what was expected, what was achieved."""

    expected: str | None = None
    achieved: str | None = None


class Indicator(_Model):
    """One performance indicator (关键指标 or a 三级指标 row of a grid)."""

    level1: str | None = None
    level2: str | None = None
    name: str | None = None
    target: str | None = None
    result: str | None = None
    weight: OptDecimal = None
    score: OptDecimal = None
    deviation: str | None = None


class Task(_Model):
    """One 主要任务 row of a department form."""

    name: str | None = None
    expected: str | None = None
    achieved: str | None = None
    funds: OptDecimal = None
    indicators: list[Indicator] = Field(default_factory=list)


class ReviewItem(_Model):
    """Something an importer could not read for sure, for a person to look at."""

    path: str
    problem: str
    source: str | None = None


class Form(_Model):
    """One self-evaluation form, department (部门整体) or project (项目支出)."""

    schema_: Literal["jixiao.self-evaluation/1"] = Field(default=SCHEMA_ID, alias="schema")
    kind: Literal["department", "project"] = "department"
    year: Annotated[int, Field(ge=1990, le=2100)] | None = None
    department: str | None = None
    summary: bool = False
    project: str | None = None
    implementing_unit: str | None = None
    amount_unit: Literal["万元", "元"] = "万元"
    funds: Funds = Field(default_factory=Funds)
    goals: Goals = Field(default_factory=Goals)
    tasks: list[Task] = Field(default_factory=list)
    indicators: list[Indicator] = Field(default_factory=list)
    key_project: str | None = None
    overall_performance: str | None = None
    problems: list[str] = Field(default_factory=list)
    improvements: list[str] = Field(default_factory=list)
    total_score: OptDecimal = None
    grade: str | None = None
    notes: list[str] = Field(default_factory=list)
    review: list[ReviewItem] = Field(default_factory=list)

    model_config = ConfigDict(extra="forbid", validate_assignment=True, populate_by_name=True)

    def to_dict(self) -> dict[str, Any]:
        """Return the form as FORMAT.md JSON data (decimals as strings)."""
        return self.model_dump(mode="json", by_alias=True)

    def to_json(self, indent: int | None = 2) -> str:
        """Serialise as FORMAT.md JSON, keys in the documented order, Chinese kept as is."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_json(cls, text: str | bytes) -> Form:
        """Parse FORMAT.md JSON; raises ``pydantic.ValidationError`` or ``ValueError``."""
        return cls.model_validate_json(text)

    def all_indicators(self) -> list[tuple[str, Indicator]]:
        """Return every indicator with its FORMAT.md path, tasks first, then the grid."""
        found = [
            (f"tasks[{t}].indicators[{i}]", indicator)
            for t, task in enumerate(self.tasks)
            for i, indicator in enumerate(task.indicators)
        ]
        found.extend((f"indicators[{i}]", indicator) for i, indicator in enumerate(self.indicators))
        return found


def json_schema() -> dict[str, Any]:
    """Return the JSON Schema of the interchange format."""
    schema = Form.model_json_schema(by_alias=True, mode="validation")
    schema["$id"] = "https://jixiao.example/schema/jixiao.self-evaluation-1.json"
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema
