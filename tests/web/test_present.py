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
