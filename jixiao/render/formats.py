"""The export formats: one registry, one meaning per name, read by ``jixiao export``, the form page's
downloads and the public portal's.

A format writes one form to a file (pdf, xlsx, docx, html, json), several forms to one file
(forms.csv, indicators.csv: one row per form or per indicator) or several forms to a folder (csv:
both CSV files; datapackage: the CSVs, their Frictionless descriptor and each form's JSON).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from jixiao.core.form import Form
    from jixiao.core.report import Report

Entry = tuple[str, "Form", "Report"]  # (form id, form, its report)
Writes = Literal["file", "rows", "folder"]


@dataclass(frozen=True)
class Format:
    """One export format: its name, what it writes, how it is offered and which function writes it."""

    key: str
    label: str
    writes: Writes
    content_type: str = ""
    suffix: str = ""  # the end of a download's name: "pdf", "指标.csv"
    screens: bool = True  # offered on the form page
    public: bool = False  # offered on the public portal
    function: str = ""  # "module:function"

    @property
    def many(self) -> bool:
        """Return True when the format takes several forms (one CSV, or a folder)."""
        return self.writes != "file"


def _here(name: str) -> str:
    return f"jixiao.render.formats:{name}"


FORMATS: tuple[Format, ...] = (
    Format(
        "pdf", "PDF", "file", "application/pdf", "pdf", public=True, function="jixiao.render.pdf:render_pdf"
    ),
    Format(
        "xlsx",
        "Excel",
        "file",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "xlsx",
        public=True,
        function="jixiao.render.xlsx:render_xlsx",
    ),
    Format(
        "docx",
        "Word",
        "file",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "docx",
        function="jixiao.render.docx:render_docx",
    ),
    Format(
        "html",
        "网页",
        "file",
        "text/html; charset=utf-8",
        "html",
        screens=False,
        function=_here("render_html"),
    ),
    Format(
        "json",
        "JSON",
        "file",
        "application/json; charset=utf-8",
        "json",
        public=True,
        function=_here("render_json"),
    ),
    Format(
        "indicators.csv",
        "CSV(指标)",
        "rows",
        "text/csv; charset=utf-8",
        "指标.csv",
        public=True,
        function=_here("indicators_csv"),
    ),
    Format(
        "forms.csv",
        "CSV(表)",
        "rows",
        "text/csv; charset=utf-8",
        "表.csv",
        public=True,
        function=_here("forms_csv"),
    ),
    Format(
        "csv", "公开数据(forms.csv 与 indicators.csv)", "folder", screens=False, function=_here("write_csv")
    ),
    Format(
        "datapackage",
        "公开数据包(Frictionless)",
        "folder",
        screens=False,
        function=_here("write_datapackage"),
    ),
)
BY_KEY = {f.key: f for f in FORMATS}


@cache
def writer(key: str) -> Callable[..., Any] | None:
    """Return the function writing a format, or None when this installation cannot write it."""
    found = BY_KEY.get(key)
    if found is None:
        return None
    module, _, name = found.function.partition(":")
    try:
        return getattr(importlib.import_module(module), name)  # type: ignore[no-any-return]
    except ImportError:
        return None


def available(*, screens: bool = False, public: bool = False) -> list[Format]:
    """Return the formats this installation can write (those offered on the screens or the portal)."""
    return [
        f
        for f in FORMATS
        if (not screens or f.screens) and (not public or f.public) and writer(f.key) is not None
    ]


def render(key: str, form: Form, report: Report, *, findings: bool = True, form_id: str = "") -> bytes:
    """Return one form in a format that writes a file or rows."""
    spec, write = BY_KEY[key], writer(key)
    if write is None or spec.writes == "folder":
        raise ValueError(f"{key} 不能导出为单个文件")
    if spec.writes == "rows":
        from jixiao.render import opendata

        return write([(form_id or opendata.form_id_for(form), form, report)])  # type: ignore[no-any-return]
    if key in ("pdf", "docx", "html"):
        return write(form, report, findings=findings)  # type: ignore[no-any-return]
    return write(form, report)  # type: ignore[no-any-return]


def filename(form: Form, key: str) -> str:
    """Return a download name such as ``广州市天河区政务服务数据管理局_2021_自评表.pdf``."""
    name = form.department or form.project or "自评表"
    safe = "".join(c for c in name if c not in '\\/:*?"<>|').strip() or "自评表"
    return f"{safe}_{form.year or ''}_自评表.{BY_KEY[key].suffix}"


# --- the writers that are not a renderer of their own ---------------------------------------------


def render_html(form: Form, report: Report, *, findings: bool = True) -> bytes:
    from jixiao.render.html import render_form_html

    return render_form_html(form, report, standalone=True, findings=findings).encode("utf-8")


def render_json(form: Form, report: Report) -> bytes:
    """Return the form as FORMAT.md JSON (the interchange format and open-data download)."""
    return (form.to_json() + "\n").encode("utf-8")


def indicators_csv(entries: Sequence[Entry]) -> bytes:
    from jixiao.render import opendata

    return opendata.indicators_csv(entries).encode("utf-8")


def forms_csv(entries: Sequence[Entry]) -> bytes:
    from jixiao.render import opendata

    return opendata.forms_csv(entries).encode("utf-8")


def write_csv(entries: Sequence[Entry], folder: Path) -> list[Path]:
    from jixiao.render import opendata

    return opendata.write_csv(entries, folder)


def write_datapackage(entries: Sequence[Entry], folder: Path) -> list[Path]:
    from jixiao.render import opendata

    return opendata.write_datapackage(entries, folder)
