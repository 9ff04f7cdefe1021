"""Where the edit page shows each finding: at its FORMAT.md path, or at the nearest container."""

from __future__ import annotations

from jixiao.web.forms.present import highlight, parent_path, place, slug


def test_it_walks_a_path_up_to_its_containers():
    assert parent_path("tasks[1].indicators[2].name") == "tasks[1].indicators[2]"
    assert parent_path("tasks[1].indicators[2]") == "tasks[1].indicators"
    assert parent_path("tasks[1]") == "tasks"
    assert parent_path("tasks") == ""


def test_it_places_a_finding_at_the_nearest_slot():
    slots = {"problems", "tasks[0]", "tasks[0].funds"}
    assert place("tasks[0].funds", slots) == "tasks[0].funds"
    assert place("tasks[0].indicators[3].result", slots) == "tasks[0]"
    assert place("problems[1]", slots) == "problems"
    assert place("review[0]", slots) == ""


def test_it_makes_html_ids_from_paths():
    assert slug("tasks[0].indicators[2].name") == "tasks-0-indicators-2-name"
    assert slug("") == "form"


def test_it_marks_evidence_and_escapes_the_rest():
    text = "<b>好评率为97.55%。"
    start = text.index("97.55%")
    assert highlight(text, [(start, start + 6)]) == "&lt;b&gt;好评率为<mark>97.55%</mark>。"


def test_the_page_indexes_the_indicators_once_not_once_per_indicator(world, seed_form, monkeypatch):
    """Each indicator's verdict finds its indicator by path in one index: page time stays linear in the
    form's size (bench/bench_size.py measures it)."""
    from jixiao.core import form as core
    from jixiao.web.forms import convert
    from jixiao.web.forms.present import build_page
    from jixiao.web.forms.services import run_check

    report = run_check(convert.to_core(seed_form))
    assert len(report.evaluations) > 5
    calls = []
    original = core.Form.all_indicators

    def counted(self):  # type: ignore[no-untyped-def]
        calls.append(1)
        return original(self)

    monkeypatch.setattr(core.Form, "all_indicators", counted)
    build_page(report)
    assert len(calls) <= 1, len(calls)
