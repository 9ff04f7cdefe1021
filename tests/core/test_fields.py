"""The field catalogue is the form model: every field has its Spec, a Chinese label and a place in
every derived list; next year's form and the storage limits follow the Specs."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from pydantic import BaseModel

from jixiao.core import fields
from jixiao.core.form import Form
from tests.fields_data import full_form

_CJK = re.compile(r"[\u4e00-\u9fff]")


def _model_paths(model: type[BaseModel], prefix: str = "") -> list[str]:
    """Walk the pydantic model itself, independently of the catalogue."""
    found = []
    for name, info in model.model_fields.items():
        key = info.alias or name
        path = f"{prefix}.{key}" if prefix else key
        found.append(path)
        annotation = info.annotation
        args = getattr(annotation, "__args__", ())
        inner = next((a for a in args if isinstance(a, type) and issubclass(a, BaseModel)), None)
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            found += _model_paths(annotation, path)
        elif inner is not None:
            found += _model_paths(inner, path + "[]")
    return found


def test_it_lists_every_field_of_the_model_once() -> None:
    patterns = [f.pattern for f in fields.catalogue()]
    assert patterns == _model_paths(Form)
    assert len(set(patterns)) == len(patterns)


@pytest.mark.parametrize("field", fields.catalogue(), ids=lambda f: f.pattern)
def test_every_field_has_a_chinese_label(field: fields.Field) -> None:
    assert _CJK.search(field.label), field.pattern
    for context in ("department", "project", "task", "grid"):
        assert _CJK.search(field.printed(context))  # type: ignore[arg-type]


@pytest.mark.parametrize("kind", ["department", "project"])
def test_every_path_of_a_full_form_reads_in_chinese(kind: str) -> None:
    form = full_form(kind)
    paths = [path for path, _field, _value in fields.values(form)]
    paths += [path for path, _field in fields.containers(form)]
    for path in paths:
        label = fields.path_label(path)
        assert not re.search(r"[A-Za-z]", label), (path, label)


def test_the_full_form_fills_every_leaf() -> None:
    department, project = full_form("department"), full_form("project")
    filled = {fields.pattern_of(p) for form in (department, project) for p, _f, v in fields.values(form) if v}
    assert filled >= {f.pattern for f in fields.leaves() if f.name != "summary"}


def test_a_concrete_path_finds_its_field() -> None:
    assert fields.find("tasks[2].indicators[0].name") == fields.get("tasks[].indicators[].name")
    assert fields.find("tasks[2]") == fields.get("tasks")
    assert fields.find("problems[1]") == fields.get("problems")
    assert fields.find("nowhere") is None
    assert fields.label("tasks[0].indicators[0].name") == "关键指标"
    assert fields.label("indicators[0].name") == "三级指标"
    assert fields.label("funds.actual", "project") == "全年执行数"
    assert fields.path_label("tasks[2].indicators[0].name") == "主要任务3·关键指标1·指标名称"
    assert fields.path_label("") == "全表"


def test_next_years_form_keeps_what_is_carried_and_nothing_else() -> None:
    form = full_form("project")
    kept = fields.carried(form)
    blank = {path: value for path, _field, value in fields.values(Form())}
    after = {path: value for path, _field, value in fields.values(kept)}
    for path, field, value in fields.values(form):
        new = after.get(path)
        carried = field.spec.carry and all(
            fields.get(p).spec.carry for p in _ancestors(field.pattern)
        )  # a field is kept when it and every part it is in are carried
        if carried:
            assert new == value, path
        else:
            assert new == blank.get(path), path


def _ancestors(pattern: str) -> list[str]:
    found = []
    while "." in pattern:
        pattern = pattern.rpartition(".")[0].removesuffix("[]")
        found.append(pattern)
    return found


def test_the_storage_limits_name_the_path_and_the_real_figure() -> None:
    form = full_form("project")
    form.department = "部" * 301
    form.funds.lines[0].source = "源" * 101
    form.tasks[0].indicators[0].level1 = "一" * 101
    form.funds.actual = Decimal("1" * 19)
    form.total_score = Decimal("1.1234567")
    form.problems = ["有\x00空字符"]
    assert fields.storage_problems(form) == {
        "department": "不能超过300个字(现有301个字)",
        "funds.actual": "整数部分不能超过18位",
        "funds.lines[0].source": "不能超过100个字(现有101个字)",
        "tasks[0].indicators[0].level1": "不能超过100个字(现有101个字)",
        "problems[0]": "不能含有空字符(\\u0000)",
        "total_score": "小数位数不能超过6位",
    }
    assert fields.storage_problems(full_form("department")) == {}


@pytest.mark.parametrize("field", [f for f in fields.leaves() if f.spec.max_length], ids=lambda f: f.pattern)
def test_every_bounded_text_is_refused_one_past_its_bound(field: fields.Field) -> None:
    form = full_form("project")
    limit = field.spec.max_length
    assert limit is not None
    for path, found, _value in fields.values(form):
        if found == field:
            data = form.to_dict()
            _set(data, path, "字" * limit)
            assert fields.storage_problems(Form.model_validate(data)) == {}
            _set(data, path, "字" * (limit + 1))
            assert path in fields.storage_problems(Form.model_validate(data))
            return
    raise AssertionError(f"{field.pattern} not in the full form")


def _set(data: dict, path: str, value: object) -> None:  # type: ignore[type-arg]
    steps = [int(i) if i else n for n, i in re.findall(r"([A-Za-z_0-9]+)|\[(\d+)\]", path)]
    node = data
    for step in steps[:-1]:
        node = node[step]
    node[steps[-1]] = value


def test_the_edit_page_shows_every_field_but_the_formats_own_and_the_review() -> None:
    hidden = [f.pattern for f in fields.catalogue() if not fields.on_page(f)]
    assert hidden == ["schema", "kind", "review", "review[].path", "review[].problem", "review[].source"]


def test_it_lists_the_parts_lists_and_rows_of_a_form() -> None:
    form = Form.model_validate(
        {"funds": {"lines": [{}]}, "tasks": [{"indicators": [{}, {}]}], "indicators": [{}], "review": []}
    )
    assert [path for path, _field in fields.containers(form)] == [
        "funds",
        "funds.lines",
        "funds.lines[0]",
        "goals",
        "tasks",
        "tasks[0]",
        "tasks[0].indicators",
        "tasks[0].indicators[0]",
        "tasks[0].indicators[1]",
        "indicators",
        "indicators[0]",
        "review",
    ]
    assert [field.pattern for _path, field in fields.containers(form)][2] == "funds.lines"


@pytest.mark.parametrize(
    ("path", "label"),
    [
        ("funds.lines", "资金情况·其中"),
        ("funds.lines[0].actual", "资金情况·其中1·实际支出"),
        ("tasks[1]", "主要任务2"),
        ("indicators[0].name", "绩效指标1·指标名称"),
        ("problems[0]", "存在问题1"),
        ("review[2].path", "待核对3·位置"),
        ("nowhere.else", "nowhere·else"),
        ("tasks[0].??", "主要任务1·??"),
    ],
)
def test_a_path_reads_in_chinese(path: str, label: str) -> None:
    assert fields.path_label(path) == label


def test_next_years_form_is_exactly_the_structure_and_targets() -> None:
    form = Form.model_validate(
        {
            "kind": "project",
            "year": 2021,
            "department": "局",
            "project": "项目",
            "funds": {"actual": "5", "weight": "10", "lines": [{"source": "当年财政拨款", "actual": "5"}]},
            "goals": {"expected": "目标"},
            "tasks": [
                {
                    "name": "任务",
                    "achieved": "完成",
                    "indicators": [
                        {"name": "指标", "target": "≥1个", "result": "2个", "weight": "5", "score": "5"}
                    ],
                }
            ],
            "problems": ["问题"],
            "notes": ["注一"],
            "review": [{"path": "year", "problem": "empty cell"}],
        }
    )
    kept = fields.carried(form).to_dict()
    assert kept["kind"] == "project" and kept["project"] == "项目" and kept["year"] is None
    assert kept["funds"] == {
        **Form().to_dict()["funds"],
        "lines": [
            {"source": "当年财政拨款", "initial_budget": None, "adjusted_budget": None, "actual": None}
        ],
    }
    assert kept["tasks"][0]["name"] == "任务" and kept["tasks"][0]["achieved"] is None
    assert kept["tasks"][0]["indicators"][0] | {} == {
        "level1": None, "level2": None, "name": "指标", "target": "≥1个", "result": None,
        "weight": "5", "score": None, "deviation": None,
    }  # fmt: skip
    assert (kept["goals"], kept["problems"], kept["notes"], kept["review"]) == (
        {"expected": None, "achieved": None},
        [],
        ["注一"],
        [],
    )
    assert fields.carried(form).notes is not form.notes  # a copy, not the same list
