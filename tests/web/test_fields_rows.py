"""Every field of the form is stored, read back, offered on the edit page, taken from its POST and has
a place for its notes: a field added to ``jixiao.core.form`` and left out of any of these fails here."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import call_command

from jixiao.core import fields
from jixiao.web.forms import convert, editing, present, services
from jixiao.web.forms.models import Form as FormRow
from jixiao.web.forms.templatetags.jx import value_at
from tests.fields_data import full_form

KINDS = ["department", "project"]


def _stored(form: FormRow):  # type: ignore[no-untyped-def]
    return convert.to_core(convert.prefetched(FormRow.objects.filter(pk=form.pk)).get())


def test_every_field_has_a_column() -> None:
    stored = {f.pattern for f, _column in convert.form_columns()}
    for pattern, model in convert.ROW_MODELS.items():
        for field, column in convert.row_columns(pattern):
            model._meta.get_field(column)  # raises for a missing column
            stored.add(field.pattern)
    for _field, column in convert.form_columns():
        FormRow._meta.get_field(column)
    expected = {f.pattern for f in fields.leaves() if f.name not in convert.NOT_STORED}
    assert stored == expected
    rows = {f.pattern + "[]" for f in fields.catalogue() if f.shape == "rows"}
    assert rows == set(convert.ROW_MODELS)


def test_the_models_and_their_migrations_agree(db) -> None:  # type: ignore[no-untyped-def]
    out = io.StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)


@pytest.mark.parametrize("kind", KINDS)
def test_a_full_form_round_trips_through_the_rows(world, kind) -> None:  # type: ignore[no-untyped-def]
    data = full_form(kind)
    row = services.form_create(
        organisation=world["bureau"], year=2021, data=data, user=world["filler"], kind=kind
    )
    assert _stored(row).to_json() == data.to_json()


def _post(page_html: str, data) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Return what the browser posts: every input of the page, filled with the full form's values."""
    names = set(re.findall(r'<(?:input|textarea|select)[^>]*\bname="([^"]+)"', page_html))
    posted: dict[str, str] = {}
    content = data.to_dict()
    for path, field, _value in fields.values(data):
        if not fields.on_page(field) or field.input == "static" or not fields.on_form(field, data.kind):
            continue
        assert path in names, f"the edit page has no input named {path}"
        value = value_at(content, path)
        if field.input == "lines":
            posted[path] = "\n".join(value)
        elif field.input == "check":
            posted[path + editing.PRESENT] = "1"
            if value:
                posted[path] = "on"
        else:
            posted[path] = "" if value is None else str(value)
    return posted


@pytest.mark.parametrize("kind", KINDS)
def test_every_field_is_taken_from_the_edit_page(world, login, kind) -> None:  # type: ignore[no-untyped-def]
    data = full_form(kind)
    shape = fields.carried(data).model_copy(update={"year": 2021, "review": data.review})  # same rows, blank
    row = services.form_create(
        organisation=world["bureau"], year=2021, data=shape, user=world["filler"], kind=kind
    )
    client = login(world["filler"])
    page = client.get(f"/forms/{row.pk}/").content.decode()
    posted = _post(page, data)
    posted["structure"] = editing.structure_token(_stored(row))
    posted["revision"] = re.search(r'name="revision" id="revision" value="(\d+)"', page).group(1)
    response = client.post(f"/forms/{row.pk}/save/", posted, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert _stored(row).to_json() == data.model_copy(update={"year": 2021}).to_json()


@pytest.mark.parametrize("kind", KINDS)
def test_every_path_has_a_slot_on_the_edit_page(world, login, kind) -> None:  # type: ignore[no-untyped-def]
    data = full_form(kind)
    row = services.form_create(
        organisation=world["bureau"], year=2021, data=data, user=world["filler"], kind=kind
    )
    page = login(world["filler"]).get(f"/forms/{row.pk}/").content.decode()
    slots = present.slot_paths(data)
    paths = [p for p, f, _v in fields.values(data) if fields.on_page(f) and fields.on_form(f, kind)]
    paths += [p for p, f in fields.containers(data) if fields.on_page(f)]
    for path in paths:
        assert present.place(path, set(slots)) == path, f"{path} has no slot"
        assert f'id="n-{present.slug(path)}"' in page, f"{path}: no notes on the page"


def test_a_field_save_rewrites_only_the_rows_it_changed(world, seed_form, login) -> None:  # type: ignore[no-untyped-def]
    """A save of a few fields updates those rows in place (the others keep their identity) and keeps
    every value exactly, the decimals as written included ("9100.040" is not "9100.04")."""
    before = _stored(seed_form)
    ids = {
        name: list(getattr(seed_form, name).order_by("pk").values_list("pk", flat=True))
        for name in ("fund_lines", "tasks", "indicators")
    }
    post = {
        "structure": editing.structure_token(before),
        "revision": str(FormRow.objects.get(pk=seed_form.pk).revision),
        "tasks[1].achieved": "第二项任务已完成",
        "base:tasks[1].achieved": before.tasks[1].achieved or "",
        "funds.lines[0].actual": "9100.040",
        "base:funds.lines[0].actual": "9100.04",
        "tasks[0].indicators[1].result": "指标结果已改",
        "base:tasks[0].indicators[1].result": before.tasks[0].indicators[1].result or "",
    }
    response = login(world["filler"]).post(f"/forms/{seed_form.pk}/save/", post, HTTP_HX_REQUEST="true")
    assert response.status_code == 200, response.content[:500]
    expected = before.to_dict()
    expected["tasks"][1]["achieved"] = "第二项任务已完成"
    expected["funds"]["lines"][0]["actual"] = "9100.040"
    expected["tasks"][0]["indicators"][1]["result"] = "指标结果已改"
    after = _stored(seed_form)
    assert after.to_dict() == expected
    assert str(after.funds.lines[0].actual) == "9100.040"
    for name, kept in ids.items():
        assert list(getattr(seed_form, name).order_by("pk").values_list("pk", flat=True)) == kept, name
