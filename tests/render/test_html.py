from __future__ import annotations

import re
from html.parser import HTMLParser

from jixiao.core.form import Form
from jixiao.core.report import check
from jixiao.render.html import CSS_PATH, render_form_html


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.thead_text: list[str] = []
        self.cells: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack.append(tag)
        if tag in ("td", "th"):
            self.cells.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        while self.stack and self.stack.pop() != tag:
            pass

    def handle_data(self, data: str) -> None:
        if "thead" in self.stack:
            self.thead_text.append(data)


def test_it_returns_an_embeddable_fragment_without_a_page_around_it(seed: Form, seed_report) -> None:  # type: ignore[no-untyped-def]
    html = render_form_html(seed, seed_report, standalone=False)
    assert html.lstrip().startswith('<div class="jx-form jx-form--department"')
    assert "<html" not in html and "<style" not in html
    assert "广州市天河区政务服务数据管理局" in html


def test_it_returns_a_whole_page_with_the_css_inlined(seed: Form, seed_report) -> None:  # type: ignore[no-untyped-def]
    html = render_form_html(seed, seed_report, standalone=True)
    assert html.startswith("<!DOCTYPE html>") and '<html lang="zh-CN">' in html
    assert CSS_PATH.read_text(encoding="utf-8").strip() in html
    assert "http://" not in html and "https://" not in html  # nothing from the network


def test_its_css_touches_nothing_outside_the_form() -> None:
    css = re.sub(r"/\*.*?\*/", "", CSS_PATH.read_text(encoding="utf-8"), flags=re.S)
    css = re.sub(r"@media[^{]*{", "", css)
    for selectors in re.findall(r"([^{}]+){", css):
        for selector in selectors.split(","):
            assert selector.strip().startswith(".jx-form"), selector


def test_it_shows_the_written_and_the_computed_rate(seed: Form, seed_report) -> None:  # type: ignore[no-untyped-def]
    html = render_form_html(seed, seed_report, standalone=False)
    assert re.search(r"97\.10%<span class=\"jx-note jx-note-beside\">\(计算值 97\.13%\)</span>", html)


def test_it_marks_a_computed_figure_where_the_form_left_it_blank(seed: Form) -> None:
    form = seed.model_copy(deep=True)
    form.funds.adjustment_rate = None
    html = render_form_html(form, check(form), standalone=False)
    assert re.search(
        r'class="jx-figure jx-computed"[^>]*>1\.83%<span class="jx-note">\(计算值\)</span>', html
    )


def test_it_escapes_what_the_form_says(seed: Form) -> None:
    form = seed.model_copy(deep=True)
    form.department = '<script>alert("x")</script>'
    form.problems = ["<img src=x onerror=alert(1)>"]
    html = render_form_html(form, check(form), standalone=True)
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;" in html


def test_it_puts_each_header_row_in_a_thead_that_repeats(seed: Form, seed_report) -> None:  # type: ignore[no-untyped-def]
    parser = _Collect()
    parser.feed(render_form_html(seed, seed_report, standalone=False, findings=False))
    header = "".join(parser.thead_text)
    assert "主要任务" in header and "关键指标" in header and "任务涉及资金" in header


def test_it_spans_each_task_over_its_indicator_rows(seed: Form, seed_report) -> None:  # type: ignore[no-untyped-def]
    parser = _Collect()
    parser.feed(render_form_html(seed, seed_report, standalone=False, findings=False))
    spans = [int(attrs["rowspan"] or 1) for _, attrs in parser.cells if attrs.get("rowspan")]
    assert spans.count(3) >= 4 and spans.count(5) >= 4 and spans.count(8) >= 4


def test_it_cuts_the_grid_label_at_the_header_of_the_project_form(project: Form) -> None:
    html = render_form_html(project, check(project), standalone=False)
    head = html[html.index("jx-block-grid") :]
    thead = head[head.index("<thead>") : head.index("</thead>")]
    assert "绩效指标" in thead and "rowspan" not in thead
    assert "基建工程委托业务项目数量" in html and "自评等级:优" in html


def test_it_lists_findings_unless_asked_not_to(seed: Form, seed_report) -> None:  # type: ignore[no-untyped-def]
    with_findings = render_form_html(seed, seed_report, standalone=False)
    assert "检查结果" in with_findings
    for finding in seed_report.findings:
        assert finding.path in with_findings
    assert "检查结果" not in render_form_html(seed, seed_report, standalone=False, findings=False)
