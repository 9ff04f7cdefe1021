"""The official form as PDF: WeasyPrint prints the standalone HTML on A4 landscape.

The CJK font is Noto Sans CJK SC from Debian's fonts-noto-cjk, embedded as a subset; with
libharfbuzz-subset0 installed WeasyPrint subsets it in C (about half a second per form), without it
in Python (over 20 s). A table that breaks across pages repeats its header row (``<thead>``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from jixiao.render.html import render_form_html

if TYPE_CHECKING:
    from jixiao.core.form import Form
    from jixiao.core.report import Report

PRINT_CSS = """
@page {
  size: A4 landscape;
  margin: 12mm 10mm 14mm;
  @bottom-center {
    content: "第 " counter(page) " 页 / 共 " counter(pages) " 页";
    font-family: "Noto Sans CJK SC", sans-serif;
    font-size: 8pt;
  }
}
html { font-family: "Noto Sans CJK SC", sans-serif; }
body { margin: 0; }
.jx-form { max-width: none; }
.jx-form .jx-block-tasks tr,
  .jx-form .jx-block-grid tr,
  .jx-form .jx-results-table tr { break-inside: avoid; }
.jx-form .jx-table thead { display: table-header-group; }
.jx-form .jx-results { break-before: page; }
.jx-form .jx-extra-title { break-before: page; }
"""


def render_pdf(form: Form, report: Report, *, findings: bool = True) -> bytes:
    """Return the PDF of the form (and, unless ``findings=False``, its 检查结果 page)."""
    from weasyprint import CSS, HTML

    document = HTML(string=render_form_html(form, report, standalone=True, findings=findings))
    pdf = document.write_pdf(stylesheets=[CSS(string=PRINT_CSS)])
    assert pdf is not None
    return bytes(pdf)


def write_pdf(form: Form, report: Report, out: str | Path | BinaryIO, *, findings: bool = True) -> None:
    data = render_pdf(form, report, findings=findings)
    if isinstance(out, (str, Path)):
        Path(out).write_bytes(data)
    else:
        out.write(data)
