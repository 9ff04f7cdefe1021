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

from jixiao.core.spec import Spec

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

    source: Annotated[str | None, Spec("资金来源", max_length=100, carry=True)] = None
    initial_budget: Annotated[OptDecimal, Spec("年初预算", project="年初预算数", unit="amount")] = None
    adjusted_budget: Annotated[OptDecimal, Spec("调整预算", project="全年预算数", unit="amount")] = None
    actual: Annotated[OptDecimal, Spec("实际支出", project="全年执行数", unit="amount")] = None


class Funds(_Model):
    """部门资金情况 / 项目资金: budgets, actual expenditure and the rates as reported."""

    initial_budget: Annotated[
        OptDecimal,
        Spec("年初预算", department="部门年初预算收入", project="年初预算数", unit="amount", rollup="sum"),
    ] = None
    adjusted_budget: Annotated[
        OptDecimal,
        Spec("调整预算", department="部门调整预算收入", project="全年预算数", unit="amount", rollup="sum"),
    ] = None
    actual: Annotated[
        OptDecimal,
        Spec("实际支出", department="实际支出数", project="全年执行数", unit="amount", rollup="sum"),
    ] = None
    adjustment: Annotated[
        OptDecimal,
        Spec("年度预算调整数", unit="amount", signed=True, rollup="sum", hint="默认为年初预算 − 调整预算"),
    ] = None
    execution_rate: Annotated[OptDecimal, Spec("预算完成率", project="执行率", unit="%", rollup="rate")] = (
        None
    )
    adjustment_rate: Annotated[OptDecimal, Spec("预算调整率", unit="%", rollup="rate")] = None
    weight: Annotated[OptDecimal, Spec("分值", unit="分", hint="表上有分值时填写")] = None
    score: Annotated[OptDecimal, Spec("得分", unit="分")] = None
    lines: Annotated[list[FundLine], Spec("其中", item="其中", carry=True, rollup="lines")] = Field(
        default_factory=list
    )


class Goals(_Model):
    """年度(总体)目标: what was expected, what was achieved."""

    expected: Annotated[
        str | None, Spec("预期目标", department="部门整体支出的预期目标", input="area", rollup="join")
    ] = None
    achieved: Annotated[
        str | None,
        Spec(
            "目标完成情况",
            department="部门整体支出的目标完成情况",
            project="实际完成情况",
            input="area",
            rollup="join",
        ),
    ] = None


class Indicator(_Model):
    """One performance indicator (关键指标 or a 三级指标 row of a grid)."""

    level1: Annotated[str | None, Spec("一级指标", max_length=100, carry=True)] = None
    level2: Annotated[str | None, Spec("二级指标", max_length=100, carry=True)] = None
    name: Annotated[
        str | None, Spec("指标名称", task="关键指标", grid="三级指标", input="area", carry=True)
    ] = None
    target: Annotated[
        str | None,
        Spec("指标值", grid="年度指标值", carry=True, hint="如 ≥200项、95%以上;与名称写在一起时可留空"),
    ] = None
    result: Annotated[str | None, Spec("完成情况", task="指标完成情况", grid="实际完成值", input="area")] = (
        None
    )
    weight: Annotated[OptDecimal, Spec("分值", unit="分", carry=True)] = None
    score: Annotated[OptDecimal, Spec("得分", unit="分")] = None
    deviation: Annotated[str | None, Spec("偏差原因", grid="偏差原因分析及改进措施", input="area")] = None


class Task(_Model):
    """One 主要任务 row of a department form."""

    name: Annotated[str | None, Spec("任务名称", input="area", carry=True)] = None
    expected: Annotated[str | None, Spec("预期目标", input="area", carry=True)] = None
    achieved: Annotated[str | None, Spec("目标完成情况", input="area")] = None
    funds: Annotated[OptDecimal, Spec("任务涉及资金", unit="amount")] = None
    indicators: Annotated[list[Indicator], Spec("关键指标", item="关键指标", carry=True)] = Field(
        default_factory=list
    )


class ReviewItem(_Model):
    """Something an importer could not read for sure, for a person to look at."""

    path: Annotated[str, Spec("位置", max_length=200)]
    problem: Annotated[str, Spec("问题")]
    source: Annotated[str | None, Spec("来源", max_length=200)] = None


class Form(_Model):
    """One self-evaluation form, department (部门整体) or project (项目支出)."""

    schema_: Annotated[Literal["jixiao.self-evaluation/1"], Spec("格式", input="none", rollup="given")] = (
        Field(default=SCHEMA_ID, alias="schema")
    )
    kind: Annotated[
        Literal["department", "project"], Spec("表式", input="none", carry=True, rollup="given")
    ] = "department"
    year: Annotated[
        int | None, Field(ge=1990, le=2100), Spec("被评价年度", input="static", rollup="given")
    ] = None
    department: Annotated[
        str | None, Spec("部门名称", project="主管部门", max_length=300, carry=True, rollup="given")
    ] = None
    summary: Annotated[
        bool, Spec("汇总", hint="一级预算部门汇总下属单位的表", carry=True, rollup="given")
    ] = False
    project: Annotated[str | None, Spec("项目名称", kinds=("project",), max_length=300, carry=True)] = None
    implementing_unit: Annotated[
        str | None, Spec("实施单位", kinds=("project",), max_length=300, carry=True)
    ] = None
    amount_unit: Annotated[Literal["万元", "元"], Spec("金额单位", carry=True, rollup="same")] = "万元"
    funds: Annotated[Funds, Spec("资金情况", department="部门资金情况", project="项目资金", carry=True)] = (
        Field(default_factory=Funds)
    )
    goals: Annotated[Goals, Spec("年度目标", project="年度总体目标")] = Field(default_factory=Goals)
    tasks: Annotated[list[Task], Spec("主要任务", item="主要任务", carry=True, rollup="rows")] = Field(
        default_factory=list
    )
    indicators: Annotated[list[Indicator], Spec("绩效指标", item="绩效指标", carry=True, rollup="rows")] = (
        Field(default_factory=list)
    )
    key_project: Annotated[str | None, Spec("重点项目绩效情况", input="area", rollup="join")] = None
    overall_performance: Annotated[
        str | None, Spec("部门整体绩效", project="评价结论", input="area", rollup="join")
    ] = None
    problems: Annotated[list[str], Spec("存在问题", item="存在问题", rollup="named")] = Field(
        default_factory=list
    )
    improvements: Annotated[
        list[str], Spec("改进措施", department="改进措施或下一步计划", item="改进措施", rollup="named")
    ] = Field(default_factory=list)
    total_score: Annotated[OptDecimal, Spec("总分", unit="分")] = None
    grade: Annotated[str | None, Spec("自评等级", max_length=20)] = None
    notes: Annotated[list[str], Spec("注", item="注", carry=True, rollup="first")] = Field(
        default_factory=list
    )
    review: Annotated[list[ReviewItem], Spec("待核对", item="待核对", input="none", rollup="review")] = Field(
        default_factory=list
    )

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
