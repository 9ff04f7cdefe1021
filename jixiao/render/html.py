"""The official form as HTML: an embeddable fragment for the web system and the portal, or a full page.

``render_form_html(form, report, standalone=False)`` returns ``<div class="jx-form">…</div>``, styled
by ``jixiao/render/static/jixiao/form.css`` (every rule scoped to ``.jx-form``); ``standalone=True``
returns a whole page with that CSS inlined, which is also what the PDF is printed from. Jinja2 with
autoescaping; no Django.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from jixiao.core import wording
from jixiao.render import layout, results
from jixiao.render.layout import Block, Cell, Layout

if TYPE_CHECKING:
    from jixiao.core.form import Form
    from jixiao.core.report import Report

HERE = Path(__file__).resolve().parent
CSS_PATH = HERE / "static" / "jixiao" / "form.css"
STATIC_NAME = "jixiao/form.css"  # the path under a static root (Django's STATICFILES_DIRS → render/static)


@dataclass
class _Table:
    name: str
    widths: list[float]
    head: list[list[Cell]]
    body: list[list[Cell]]


@cache
def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(HERE / "templates")),
        autoescape=select_autoescape(["html"]),
        trim_blocks=False,
        lstrip_blocks=False,
    )
    env.globals["render_cell"] = render_cell
    env.globals["severity_class"] = _severity_class
    return env


@cache
def form_css() -> str:
    """Return the form's CSS (the file the fragment expects on the page)."""
    return CSS_PATH.read_text(encoding="utf-8")


def render_cell(cell: Cell, tag: str) -> Markup:
    """Return one ``<td>``/``<th>``: spans, a class by role, the text, the computed note."""
    classes = [f"jx-{cell.role}"]
    if cell.align == "center" and cell.role != "label":
        classes.append("jx-center")
    if cell.computed:
        classes.append("jx-computed")
    attrs = f' class="{" ".join(classes)}"'
    if cell.rowspan > 1:
        attrs += f' rowspan="{cell.rowspan}"'
    if cell.colspan > 1:
        attrs += f' colspan="{cell.colspan}"'
    body = escape(cell.text)
    if cell.note:
        if cell.computed:
            body += Markup('<span class="jx-note">({})</span>').format(cell.note)
        else:
            body += Markup('<span class="jx-note jx-note-beside">({})</span>').format(cell.note)
    return Markup("<{tag}{attrs}>{body}</{tag}>").format(tag=Markup(tag), attrs=Markup(attrs), body=body)


def _severity_class(label: str) -> str:
    return {v: k for k, v in wording.SEVERITIES.items()}.get(label, "info")


def _percentages(widths: tuple[int, ...]) -> list[float]:
    total = sum(widths)
    return [round(100 * w / total, 2) for w in widths]


def split_block(block: Block) -> tuple[list[list[Cell]], list[list[Cell]]]:
    """Return a block's header rows and body rows.

    A cell that starts in the header and reaches into the body (the 绩效指标 label of the project
    grid) is cut at the header, and an empty cell takes its place in the body, because a repeated
    ``<thead>`` cannot span into the body.
    """
    rows = block.rows_of_cells()
    head = [list(r) for r in rows[: block.header_rows]]
    body = [list(r) for r in rows[block.header_rows :]]
    for row in head:
        for i, cell in enumerate(row):
            end = cell.row + cell.rowspan
            if end > block.header_rows:
                kept = block.header_rows - cell.row
                row[i] = Cell(**{**cell.__dict__, "rowspan": kept})
                filler = Cell(
                    row=block.header_rows,
                    col=cell.col,
                    rowspan=end - block.header_rows,
                    colspan=cell.colspan,
                    role="text",
                )
                if body:
                    body[0].append(filler)
                    body[0].sort(key=lambda c: c.col)
    return head, body


def _tables(page: Layout) -> list[_Table]:
    widths = _percentages(page.widths)
    found = []
    for block in page.blocks:
        head, body = split_block(block)
        found.append(_Table(name=block.name, widths=widths, head=head, body=body))
    return found


def render_form_html(form: Form, report: Report, *, standalone: bool, findings: bool = True) -> str:
    """Return the form as HTML: a ``<div class="jx-form">`` fragment, or a whole page when ``standalone``.

    ``findings`` adds the 检查结果 section (findings, indicator verdicts, import review items).
    """
    page = layout.build(form, report)
    extras: list[dict[str, Any]] = []
    grid = layout.grid_layout(form)
    if grid is not None:
        extras.append({"title": grid.title, "tables": _tables(grid)})
    context: dict[str, Any] = {"page": page, "tables": _tables(page), "extras": extras, "results": None}
    if findings:
        tables = results.tables(form, report)
        context["results"] = tables
        context["results_sections"] = [
            {
                "title": "检查发现",
                "headers": results.FINDING_HEADERS,
                "rows": tables.findings,
                "empty": "未发现问题。",
                "severity_col": 1,
                "widths": (5, 6, 17, 19, 39, 14),
            },
            {
                "title": "指标核验",
                "headers": results.VERDICT_HEADERS,
                "rows": tables.verdicts,
                "empty": "未做指标核验。",
                "severity_col": None,
                "widths": (5, 8, 15, 19, 25, 28),
            },
            {
                "title": "导入时待核对的内容",
                "headers": results.REVIEW_HEADERS,
                "rows": tables.review,
                "empty": "无。",
                "severity_col": None,
                "widths": (5, 10, 17, 19, 49),
            },
        ]
    fragment = _environment().get_template("jixiao/form.html").render(context)
    if not standalone:
        return fragment
    title = f"{form.department or ''} {form.year or ''}年度{page.title}".strip()
    return (
        _environment()
        .get_template("jixiao/page.html")
        .render(title=title, css=Markup(form_css()), fragment=Markup(fragment))
    )
