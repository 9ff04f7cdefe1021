"""What every resource of the API shares: finding a form the person may see, its representation and
ETag, If-Match, and the storage limits."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse

from jixiao.core import fields
from jixiao.core import form as core
from jixiao.web.accounts import policy
from jixiao.web.api import present, schemas
from jixiao.web.api.errors import ApiError
from jixiao.web.forms import convert
from jixiao.web.forms.models import Form as FormRow

ERRORS: dict[int, Any] = {code: schemas.Error for code in (400, 401, 403, 404, 409, 412, 422, 428)}


def visible(request: HttpRequest, form_id: int) -> FormRow:
    return policy.form_for_user(request.user, form_id, queryset=convert.prefetched(FormRow.objects.all()))


def respond(response: HttpResponse, form: FormRow) -> dict[str, Any]:
    """Return the form's full representation and set its ETag on the response."""
    fresh = convert.prefetched(FormRow.objects.filter(pk=form.pk)).get()
    response["ETag"] = present.etag(fresh)
    return present.full(fresh)


def match(if_match: str | None, form: FormRow, *, required: bool) -> None:
    """Refuse with 428 when ``If-Match`` is required and missing, 412 when it names another version."""
    if not if_match or not if_match.strip():
        if required:
            raise ApiError(
                428,
                "修改前请先读取这张表(GET),并在 If-Match 请求头中带上它的 ETag,以免覆盖别人的修改。",
            )
        return
    wanted = [tag.strip() for tag in if_match.split(",") if tag.strip()]
    if "*" in wanted or present.etag(form) in wanted:
        return
    raise ApiError(
        412,
        "这张表在您读取之后已被修改(或状态已变化),本次修改未保存。请重新读取(GET)后再修改。",
        errors=[f"当前 ETag:{present.etag(form)}"],
    )


def storable(data: core.Form) -> None:
    found = [
        f"{path}:{problem}" if path else f"全表{problem}"
        for path, problem in fields.storage_problems(data).items()
    ]
    if found:
        raise ApiError(
            422,
            f"内容无法保存:{found[0]}" + (f"(共 {len(found)} 处)" if len(found) > 1 else ""),
            errors=found,
        )


def keeps_what_was_typed(form: FormRow, data: core.Form) -> None:
    """Refuse (400) a change that would drop a number typed on the screens that could not be read.

    The edit page keeps such text (``Form.pending``) until the filler corrects it; a change through
    the API that gives the field no number would lose it without a word, so it is refused instead,
    naming the field and what was typed. Giving the field a number resolves it.
    """
    pending = form.pending or {}
    if not pending:
        return
    given = {path for path, _field, value in fields.values(data) if value is not None and value != ""}
    lost = [
        f"{path}({fields.path_label(path)}):页面上填写的“{typed}”无法读取为数字,尚未改正"
        for path, typed in pending.items()
        if path not in given
    ]
    if lost:
        raise ApiError(
            400,
            f"本次修改未保存:{lost[0]}。请在本次修改中写明这一项的数字,或先在页面上改正。"
            + (f"(共 {len(lost)} 处)" if len(lost) > 1 else ""),
            errors=lost,
        )


def locked_for_edit(request: HttpRequest, form_id: int) -> FormRow:
    """Return the form for a change by this person, its row locked until the transaction ends."""
    form = visible(request, form_id)
    list(FormRow.objects.select_for_update(of=("self",)).filter(pk=form.pk).values_list("pk"))
    return policy.form_for_user(
        request.user, form_id, edit=True, queryset=convert.prefetched(FormRow.objects.all())
    )
