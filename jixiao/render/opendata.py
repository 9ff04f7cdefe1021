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

from jixiao.core import fields, wording
from jixiao.core.compute import figure
from jixiao.core.findings import SEVERITIES
from jixiao.core.numbers import plain
from jixiao.core.spec import Context
from jixiao.render import results
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


_TYPES = {"decimal": "number", "int": "integer", "bool": "boolean"}
# The computed figures published beside the reported ones (``<name>_computed``).
COMPUTED_COLUMNS = ("adjustment", "execution_rate", "adjustment_rate")


def _title(field: fields.Field, *contexts: Context) -> str:
    """Return a column title: the field's label, with the other names the layouts print it under."""
    others = [field.printed(c) for c in contexts if field.printed(c) != field.label]
    title = field.label + (f"({'/'.join(dict.fromkeys(others))})" if others else "")
    return title + ("%" if field.spec.unit == "%" else "")


def _form_fields() -> list[tuple[str, fields.Field]]:
    """Return the form's one-value fields (no long texts, no lists) with their column names.

    A column is the field's name; one whose name is also an indicator column (分值, 得分) is prefixed
    with its part (``funds_weight``), so the two files can be joined without a clash.
    """
    indicator_names = {f.name for f in fields.children("indicators[]")}
    chosen = []
    for field in fields.leaves():
        if field.parent not in ("", "funds", "goals") or field.name == "schema":
            continue
        if field.shape == "texts" or field.input == "area":
            continue
        name = (
            f"{field.parent}_{field.name}" if field.parent and field.name in indicator_names else field.name
        )
        chosen.append((name, field))
    return chosen


def _form_columns() -> tuple[Column, ...]:
    columns = [Column("form_id", "string", "表标识", "文件名(不含扩展名)或表内容的摘要")]
    for name, field in _form_fields():
        project = field.printed("project")
        described = f"项目表为{project}" if project != field.label else ""
        kind = _TYPES.get(field.shape, "string")
        if field.name in COMPUTED_COLUMNS:
            columns.append(Column(name, kind, f"{_title(field)}(填报)", described))
            computed = figure(field.name)
            columns.append(Column(f"{name}_computed", kind, f"{_title(field)}(计算)", computed.formula))
        else:
            columns.append(Column(name, kind, _title(field), described))
    columns += [
        Column("tasks", "integer", "主要任务数"),
        Column("indicators", "integer", "指标数"),
        *(Column(f"verdict_{v}", "integer", f"指标{wording.VERDICTS[v]}数") for v in wording.VERDICT_ORDER),
        *(Column(f"findings_{s}", "integer", f"检查{wording.SEVERITIES[s]}数") for s in SEVERITIES),
        Column("review_items", "integer", "导入待核对项数"),
    ]
    return tuple(columns)


def _indicator_columns() -> tuple[Column, ...]:
    return (
        Column("form_id", "string", "表标识"),
        Column("year", "integer", fields.get("year").label),
        Column("department", "string", fields.get("department").label),
        Column("project", "string", fields.get("project").label),
        Column("path", "string", "路径", "FORMAT.md 路径,如 tasks[0].indicators[1]"),
        Column("task_number", "integer", "任务序号", "从 1 起;指标表(一级/二级/三级指标)中的指标为空"),
        Column("task", "string", fields.get("tasks").label),
        *(
            Column(field.name, _TYPES.get(field.shape, "string"), _title(field, "grid", "task"))
            for field in fields.children("indicators[]")
        ),
        Column("verdict", "string", "核验结论", " / ".join(wording.VERDICT_ORDER)),
        Column("verdict_label", "string", "核验结论(中文)"),
    )


FORM_COLUMNS = _form_columns()
INDICATOR_COLUMNS = _indicator_columns()


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
    counted: dict[str, int | None] = dict(results.verdict_counts(report))
    if not report.evaluations and form.all_indicators():
        counted = dict.fromkeys(counted)  # not evaluated: unknown counts, not zero
    row: dict[str, Any] = {"form_id": form_id}
    computed = report.computed.values()
    for name, field in _form_fields():
        part = getattr(form, field.parent) if field.parent else form
        row[name] = getattr(part, field.name)
        if field.name in COMPUTED_COLUMNS:
            row[f"{name}_computed"] = computed[field.name]
    row.update(
        tasks=len(form.tasks),
        indicators=len(form.all_indicators()),
        **{f"verdict_{v}": counted.get(v, 0) for v in wording.VERDICT_ORDER},
        **{f"findings_{s}": report.count(s) for s in SEVERITIES},
        review_items=len(form.review),
    )
    return row


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
                **{field.name: getattr(indicator, field.name) for field in fields.children("indicators[]")},
                "verdict": verdict,
                "verdict_label": wording.VERDICTS.get(verdict, verdict) if verdict else None,
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
