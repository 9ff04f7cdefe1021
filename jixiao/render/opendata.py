"""Published forms as open data: CSV, a Frictionless data package, the interchange JSON.

``forms.csv`` has one row per form (keys, funds as written and as computed, counts of verdicts and
findings); ``indicators.csv`` one row per indicator (form keys, task, name, target, result,
verdict). ``datapackage.json`` describes both with a Table Schema. Amounts are written with the digits
they were written with ("9368.62"), never through floating point. A text that a spreadsheet could
read as a formula (= + - @, full width too, tab, CR) is prefixed with an apostrophe.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jixiao.core.numbers import plain
from jixiao.render import labels, results
from jixiao.render.safety import neutralise

if TYPE_CHECKING:
    from jixiao.core.form import Form
    from jixiao.core.report import Report

ENCODING = "utf-8"
PACKAGE_NAME = "jixiao-self-evaluations"


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # Table Schema type: string, integer, number, boolean
    title: str
    description: str = ""


FORM_COLUMNS: tuple[Column, ...] = (
    Column("form_id", "string", "表标识", "文件名(不含扩展名)或表内容的摘要"),
    Column("kind", "string", "表类型", "department 部门整体 / project 项目支出"),
    Column("year", "integer", "被评价年度"),
    Column("department", "string", "部门名称", "项目表为主管部门"),
    Column("summary", "boolean", "汇总", "一级预算部门的汇总表"),
    Column("project", "string", "项目名称"),
    Column("implementing_unit", "string", "实施单位"),
    Column("amount_unit", "string", "金额单位"),
    Column("initial_budget", "number", "年初预算"),
    Column("adjusted_budget", "number", "调整预算(全年预算数)"),
    Column("actual", "number", "实际支出(全年执行数)"),
    Column("adjustment", "number", "年度预算调整数(填报)"),
    Column("adjustment_computed", "number", "年度预算调整数(计算)", "年初预算 − 调整预算"),
    Column("execution_rate", "number", "预算完成率%(填报)"),
    Column(
        "execution_rate_computed", "number", "预算完成率%(计算)", "实际支出 ÷ 调整预算 × 100,四舍五入两位"
    ),
    Column("adjustment_rate", "number", "预算调整率%(填报)"),
    Column(
        "adjustment_rate_computed", "number", "预算调整率%(计算)", "|调整数| ÷ 年初预算 × 100,四舍五入两位"
    ),
    Column("funds_weight", "number", "资金分值"),
    Column("funds_score", "number", "资金得分"),
    Column("total_score", "number", "总分"),
    Column("grade", "string", "自评等级"),
    Column("tasks", "integer", "主要任务数"),
    Column("indicators", "integer", "指标数"),
    Column("verdict_met", "integer", "指标达成数"),
    Column("verdict_not_met", "integer", "指标未达成数"),
    Column("verdict_unverifiable", "integer", "指标无法核验数"),
    Column("verdict_unknown", "integer", "指标未知数"),
    Column("findings_error", "integer", "检查错误数"),
    Column("findings_warning", "integer", "检查警告数"),
    Column("findings_info", "integer", "检查提示数"),
    Column("review_items", "integer", "导入待核对项数"),
)

INDICATOR_COLUMNS: tuple[Column, ...] = (
    Column("form_id", "string", "表标识"),
    Column("year", "integer", "被评价年度"),
    Column("department", "string", "部门名称"),
    Column("project", "string", "项目名称"),
    Column("path", "string", "路径", "FORMAT.md 路径,如 tasks[0].indicators[1]"),
    Column("task_number", "integer", "任务序号", "从 1 起;指标表(一级/二级/三级指标)中的指标为空"),
    Column("task", "string", "主要任务"),
    Column("level1", "string", "一级指标"),
    Column("level2", "string", "二级指标"),
    Column("name", "string", "指标名称(三级指标/关键指标)"),
    Column("target", "string", "指标值"),
    Column("result", "string", "指标完成情况(实际完成值)"),
    Column("weight", "number", "分值"),
    Column("score", "number", "得分"),
    Column("deviation", "string", "偏差原因分析及改进措施"),
    Column("verdict", "string", "核验结论", "met / not_met / unverifiable / unknown"),
    Column("verdict_label", "string", "核验结论(中文)"),
)


def form_id_for(form: Form) -> str:
    """Return a stable identifier for a form that came without a file name."""
    return "form-" + hashlib.sha256(form.to_json(indent=None).encode("utf-8")).hexdigest()[:16]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return plain(value)
    if isinstance(value, int):
        return str(value)
    return neutralise(str(value))


def form_row(form_id: str, form: Form, report: Report) -> dict[str, Any]:
    computed = report.computed
    counted: dict[str, int | None] = dict(results.verdict_counts(report))
    if not report.evaluations and form.all_indicators():
        counted = dict.fromkeys(counted)  # not evaluated: unknown counts, not zero
    verdicts = counted
    return {
        "form_id": form_id,
        "kind": form.kind,
        "year": form.year,
        "department": form.department,
        "summary": form.summary,
        "project": form.project,
        "implementing_unit": form.implementing_unit,
        "amount_unit": form.amount_unit,
        "initial_budget": form.funds.initial_budget,
        "adjusted_budget": form.funds.adjusted_budget,
        "actual": form.funds.actual,
        "adjustment": form.funds.adjustment,
        "adjustment_computed": computed.adjustment,
        "execution_rate": form.funds.execution_rate,
        "execution_rate_computed": computed.execution_rate,
        "adjustment_rate": form.funds.adjustment_rate,
        "adjustment_rate_computed": computed.adjustment_rate,
        "funds_weight": form.funds.weight,
        "funds_score": form.funds.score,
        "total_score": form.total_score,
        "grade": form.grade,
        "tasks": len(form.tasks),
        "indicators": len(form.all_indicators()),
        "verdict_met": verdicts.get("met", 0),
        "verdict_not_met": verdicts.get("not_met", 0),
        "verdict_unverifiable": verdicts.get("unverifiable", 0),
        "verdict_unknown": verdicts.get("unknown"),
        "findings_error": report.count("error"),
        "findings_warning": report.count("warning"),
        "findings_info": report.count("info"),
        "review_items": len(form.review),
    }


def indicator_rows(form_id: str, form: Form, report: Report) -> list[dict[str, Any]]:
    verdicts = {path: results.verdict_of(evaluation) for path, evaluation in report.evaluations}
    rows = []
    for path, indicator in form.all_indicators():
        task_number: int | None = None
        task_name: str | None = None
        if path.startswith("tasks["):
            index = int(path[len("tasks[") : path.index("]")])
            task_number = index + 1
            task_name = form.tasks[index].name
        verdict = verdicts.get(path)
        rows.append(
            {
                "form_id": form_id,
                "year": form.year,
                "department": form.department,
                "project": form.project,
                "path": path,
                "task_number": task_number,
                "task": task_name,
                "level1": indicator.level1,
                "level2": indicator.level2,
                "name": indicator.name,
                "target": indicator.target,
                "result": indicator.result,
                "weight": indicator.weight,
                "score": indicator.score,
                "deviation": indicator.deviation,
                "verdict": verdict,
                "verdict_label": labels.VERDICTS.get(verdict, verdict) if verdict else None,
            }
        )
    return rows


def _csv_text(columns: Sequence[Column], rows: Iterable[dict[str, Any]]) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([c.name for c in columns])
    for row in rows:
        writer.writerow([_cell(row.get(c.name)) for c in columns])
    return buffer.getvalue()


Entry = tuple[str, "Form", "Report"]


def unique_ids(names: Sequence[str]) -> list[str]:
    """Return ``names`` made unique by a suffix (a, a → a, a-2)."""
    seen: dict[str, int] = {}
    out = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name}-{seen[name]}")
    return out


def forms_csv(entries: Sequence[Entry]) -> str:
    """Return forms.csv: one row per form."""
    return _csv_text(FORM_COLUMNS, (form_row(i, f, r) for i, f, r in entries))


def indicators_csv(entries: Sequence[Entry]) -> str:
    """Return indicators.csv: one row per indicator."""
    return _csv_text(INDICATOR_COLUMNS, (row for i, f, r in entries for row in indicator_rows(i, f, r)))


def _schema(columns: Sequence[Column]) -> list[dict[str, Any]]:
    fields = []
    for column in columns:
        field: dict[str, Any] = {"name": column.name, "type": column.type, "title": column.title}
        if column.description:
            field["description"] = column.description
        if column.type == "boolean":
            field["trueValues"] = ["true"]
            field["falseValues"] = ["false"]
        fields.append(field)
    return fields


def datapackage(*, title: str = "预算绩效自评表") -> dict[str, Any]:
    """Return the datapackage.json descriptor of forms.csv and indicators.csv."""

    def resource(name: str, title: str, columns: Sequence[Column], keys: dict[str, Any]) -> dict[str, Any]:
        return {
            "name": name,
            "title": title,
            "path": f"{name}.csv",
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": ENCODING,
            "dialect": {"delimiter": ",", "lineTerminator": "\r\n", "quoteChar": '"', "header": True},
            "schema": {"fields": _schema(columns), "missingValues": [""], **keys},
        }

    return {
        "profile": "tabular-data-package",
        "name": PACKAGE_NAME,
        "title": title,
        "description": (
            "预算绩效自评表(jixiao.self-evaluation/1)的公开数据:forms.csv 每表一行,indicators.csv 每个指标一行。"
            "金额按原表所写数字给出(单位见 amount_unit),百分比为百分点,不含 % 号;以 = + - @ 开头的文本前加了单引号,"
            "以免电子表格将其当作公式执行。"
        ),
        "resources": [
            resource("forms", "自评表", FORM_COLUMNS, {"primaryKey": ["form_id"]}),
            resource(
                "indicators",
                "绩效指标",
                INDICATOR_COLUMNS,
                {
                    "primaryKey": ["form_id", "path"],
                    "foreignKeys": [
                        {"fields": ["form_id"], "reference": {"resource": "forms", "fields": ["form_id"]}}
                    ],
                },
            ),
        ],
    }


def write_csv(entries: Sequence[Entry], folder: str | Path) -> list[Path]:
    """Write forms.csv and indicators.csv into ``folder``; return their paths."""
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in (("forms.csv", forms_csv(entries)), ("indicators.csv", indicators_csv(entries))):
        path = target / name
        path.write_text(text, encoding=ENCODING, newline="")
        written.append(path)
    return written


def write_datapackage(entries: Sequence[Entry], folder: str | Path, *, with_json: bool = True) -> list[Path]:
    """Write the CSVs, datapackage.json and (``with_json``) each form's JSON under ``json/``."""
    target = Path(folder)
    written = write_csv(entries, target)
    descriptor = datapackage()
    if with_json:
        json_folder = target / "json"
        json_folder.mkdir(exist_ok=True)
        for form_id, form, _ in entries:
            path = json_folder / f"{form_id}.json"
            path.write_text(form.to_json() + "\n", encoding="utf-8")
            written.append(path)
        descriptor["description"] += "json/ 文件夹中是每张表的交换格式 JSON(jixiao.self-evaluation/1)。"
    package = target / "datapackage.json"
    package.write_text(json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    written.append(package)
    return written
