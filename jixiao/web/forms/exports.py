"""Downloads from the form page: every format ``jixiao.render`` writes, and the FORMAT.md JSON."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from jixiao.core import form as core
from jixiao.core.report import Report


@dataclass(frozen=True)
class ExportFormat:
    key: str
    label: str
    content_type: str
    module: str
    function: str


FORMATS = (
    ExportFormat("pdf", "PDF", "application/pdf", "jixiao.render.pdf", "render_pdf"),
    ExportFormat(
        "xlsx",
        "Excel",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "jixiao.render.xlsx",
        "render_xlsx",
    ),
    ExportFormat(
        "docx",
        "Word",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "jixiao.render.docx",
        "render_docx",
    ),
    ExportFormat(
        "csv", "CSV(指标)", "text/csv; charset=utf-8", "jixiao.web.forms.exports", "render_indicators_csv"
    ),
    ExportFormat(
        "forms.csv", "CSV(表)", "text/csv; charset=utf-8", "jixiao.web.forms.exports", "render_form_csv"
    ),
    ExportFormat(
        "json", "JSON", "application/json; charset=utf-8", "jixiao.web.forms.exports", "render_json"
    ),
)
BY_KEY = {f.key: f for f in FORMATS}


def render_json(form: core.Form, report: Report) -> bytes:
    """Return the form as FORMAT.md JSON (the interchange format and open-data download)."""
    return form.to_json().encode("utf-8")


def render_indicators_csv(form: core.Form, report: Report) -> str:
    """Return the open-data indicators.csv rows of this one form."""
    from jixiao.render import opendata

    return opendata.indicators_csv([(opendata.form_id_for(form), form, report)])


def render_form_csv(form: core.Form, report: Report) -> str:
    """Return the open-data forms.csv row of this one form."""
    from jixiao.render import opendata

    return opendata.forms_csv([(opendata.form_id_for(form), form, report)])


@cache
def renderer(key: str) -> Callable[[core.Form, Report], bytes | str] | None:
    """Return the function writing a format, or None when this installation cannot write it."""
    spec = BY_KEY.get(key)
    if spec is None:
        return None
    try:
        module = importlib.import_module(spec.module)
        if spec.key in ("csv", "forms.csv"):
            importlib.import_module("jixiao.render.opendata")
    except ImportError:
        return None
    return getattr(module, spec.function, None)


def available() -> list[ExportFormat]:
    """Return the formats this installation can write."""
    return [spec for spec in FORMATS if renderer(spec.key) is not None]


def filename(form: core.Form, key: str) -> str:
    """Return a download name such as ``广州市天河区政务服务数据管理局_2021_自评表.pdf``."""
    name = form.department or form.project or "自评表"
    safe = "".join(c for c in name if c not in '\\/:*?"<>|').strip() or "自评表"
    suffix = "指标.csv" if key == "csv" else "表.csv" if key == "forms.csv" else key
    return f"{safe}_{form.year or ''}_自评表.{suffix}"
