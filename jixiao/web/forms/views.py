"""Form pages: parse the request, authorise (``accounts.policy``), call one service or selector, render."""

from __future__ import annotations

import datetime
import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jixiao.core import fields, wording
from jixiao.core import form as core
from jixiao.core.report import Report
from jixiao.render import formats
from jixiao.web import paging
from jixiao.web.accounts import policy
from jixiao.web.forms import editing, exports, present, selectors, services, uploads
from jixiao.web.forms.models import Form, ImportJob
from jixiao.web.forms.templatetags.jx import path_label
from jixiao.web.orgs.selectors import open_years
from jixiao.web.params import year_param
from jixiao.web.scoring.selectors import form_scoring
from jixiao.web.workflow import present as workflow_present
from jixiao.web.workflow import selectors as workflow_selectors
from jixiao.web.workflow import transitions


def _page(
    form: Form,
    data: core.Form,
    *,
    errors: dict[str, str] | None = None,
    typed: dict[str, str] | None = None,
    report: Report | None = None,
) -> present.Page:
    report = report if report is not None else services.run_check(data)
    pending = dict(form.pending or {})
    errors = dict(errors or {})
    for path, raw in (typed or {}).items():  # typed and not stored: shown in the input, the reason beside
        pending[path] = raw
        errors.setdefault(path, wording.save_phrase("field_unsaved"))
    for path in pending:
        errors.setdefault(path, "请填写数字,如 9368.62(可带千分位逗号或 %)")
    page = present.build_page(report, review=selectors.review_open(form), errors=errors, pending=pending)
    if form.status == Form.RETURNED:
        workflow_present.add_comments(page, workflow_selectors.latest_comments(form))
    return page


@login_required
@require_GET
def form_list(request: HttpRequest) -> HttpResponse:
    year_text = request.GET.get("year", "")
    year = year_param(year_text)
    paged = paging.paginate(request, selectors.form_list(user=request.user, year=year))
    return render(
        request,
        "forms/list.html",
        {
            "forms": paged.items,
            "paged": paged,
            "years": selectors.form_years(user=request.user),
            "year": year,
            "can_create": policy.fillable_organisations(request.user).exists(),
            "rates": selectors.execution_rates(user=request.user, year=year),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def form_create(request: HttpRequest) -> HttpResponse:
    organisations = list(policy.fillable_organisations(request.user))
    if not organisations:
        raise PermissionDenied("只有填报人可以新建自评表。")
    years = list(open_years(organisations[0]))
    context: dict[str, Any] = {"organisations": organisations, "years": years}
    if request.method != "POST":
        return render(request, "forms/create.html", context)
    org = next((o for o in organisations if str(o.pk) == request.POST.get("organisation")), None)
    year_text = request.POST.get("year", "")
    source = request.POST.get("source", "empty")
    if org is None or year_param(year_text) not in {y.year for y in years}:
        context["error"] = "请选择填报单位和开放填报的年度。"
        return render(request, "forms/create.html", context, status=400)
    year = int(year_text)
    try:
        if source == "import":
            upload = request.FILES.get("file")
            if upload is None:
                raise services.FormError("请选择要导入的文件。")
            job = services.import_job_create(
                user=request.user,
                organisation=org,
                year=year,
                form=None,
                filename=upload.name,
                data=uploads.upload_bytes(upload),
            )
            _enqueue(job)
            return redirect("forms:import_job", pk=job.pk)
        if source == "last_year":
            last = selectors.last_year_form(organisation=org, year=year)
            if last is None:
                raise services.FormError(f"{org.name}没有{year - 1}年度的自评表,无法以上年为基础。")
            data = services.starting_point(selectors.form_data(last), year)
        else:
            data = services.empty_form(org, year)
        form = services.form_create(organisation=org, year=year, data=data, user=request.user)
    except services.FormError as exc:
        context["error"] = str(exc)
        return render(request, "forms/create.html", context, status=400)
    messages.success(request, f"已新建 {year} 年度自评表。")
    return redirect("forms:detail", pk=form.pk)


@login_required
@require_GET
def form_detail(request: HttpRequest, pk: int) -> HttpResponse:
    form = selectors.form_get(user=request.user, pk=pk)
    data = selectors.form_data(form)
    if not policy.can_edit_form(request.user, form):
        return _official_view(request, form, data)
    return render(request, "forms/edit.html", _edit_context(form, data, _page(form, data)))


def _edit_context(form: Form, data: core.Form, page: present.Page) -> dict[str, Any]:
    return {
        "form": form,
        "form_pk": form.pk,
        "page": page,
        "d": page.data,
        "structure": editing.structure_token(data),
        "exports": formats.available(screens=True),
        "deadline": _deadline(form),
        "comments": workflow_selectors.latest_comments(form) if form.status == Form.RETURNED else [],
        "save_words": wording.SAVES,
    }


def _deadline(form: Form) -> datetime.date | None:
    year = form.organisation.region.years.filter(year=form.year).first()
    return year.deadline if year else None


@login_required
@require_GET
def form_view(request: HttpRequest, pk: int) -> HttpResponse:
    form = selectors.form_get(user=request.user, pk=pk)
    return _official_view(request, form, selectors.form_data(form))


def _official_view(request: HttpRequest, form: Form, data: core.Form) -> HttpResponse:
    report = services.run_check(data)
    try:
        from jixiao.render.html import form_css, render_form_html
    except ImportError:
        official, official_css = None, ""
    else:
        official, official_css = render_form_html(data, report, standalone=False), form_css()
    page = present.build_page(report, review=selectors.review_open(form))
    return render(
        request,
        "forms/view.html",
        {
            "form": form,
            "page": page,
            "official": official,
            "official_css": official_css,
            "exports": formats.available(screens=True),
            "can_edit": policy.can_edit_form(request.user, form),
            "steps": transitions.available(request.user, form),
            "scoring": form_scoring(form, data, report),
        },
    )


def _now() -> str:
    return timezone.localtime().strftime("%H:%M:%S")


def _status_line(result: services.FieldSave | None) -> tuple[str, str]:
    """Return the status line after a save and its class: "已保存" only for what was stored."""
    if result is not None and result.conflicts:
        text = wording.save_phrase("conflicts", count=len(result.conflicts))
        if len(result.saved) > 0:
            text += ";" + wording.save_phrase("conflicts_rest", time=_now())
        return text, "error"
    if result is not None and result.too_large:
        return wording.save_phrase("too_large", count=len(result.too_large)), "error"
    return wording.save_phrase("saved", time=_now()), "ok"


def _shown_value(text: str, path: str) -> str:
    """Return a field's text as a conflict note shows it (a check box as 勾选/未勾选, nothing as (空))."""
    found = fields.find(path)
    if found is not None and found.input == "check":
        return wording.save_phrase("checked" if text == "on" else "unchecked")
    return text if text.strip() else wording.save_phrase("empty")


def _conflicts(result: services.FieldSave | None) -> list[dict[str, str]]:
    return [
        {
            "path": c.path,
            "slot": present.slug(c.path),
            "label": path_label(c.path),
            "mine": c.mine,
            "stored": c.stored,
            "mine_shown": _shown_value(c.mine, c.path),
            "stored_shown": _shown_value(c.stored, c.path),
        }
        for c in (result.conflicts if result is not None else [])
    ]


def _refused(request: HttpRequest, reason: str, *, status: int) -> HttpResponse:
    """Answer an htmx save that stored nothing: the reason, for the status line (the page keeps the text)."""
    return render(
        request,
        "forms/_stale.html",
        {"message": wording.save_phrase("unsaved", reason=reason), "reason": reason},
        status=status,
    )


def _page_with_typed(request: HttpRequest, form: Form, result: services.FieldSave) -> HttpResponse:
    """Show the edit page again (a post without script) with what was typed and not stored in its
    inputs, and beside each why: nothing typed is lost."""
    posted = editing.posted_fields(result.data, request.POST)
    typed = {path: posted[path].raw for path in result.unsaved if path in posted}
    errors = dict(result.errors)
    for c in result.conflicts:
        errors[c.path] = wording.save_phrase(
            "conflict_again",
            title=wording.SAVES["conflict_title"],
            stored=wording.SAVES["stored"],
            value=_shown_value(c.stored, c.path),
        )
    page = _page(result.form, result.data, errors=errors, typed=typed)
    context = _edit_context(result.form, result.data, page)
    return render(request, "forms/edit.html", context, status=409 if result.conflicts else 200)


@login_required
@require_POST
def form_save(request: HttpRequest, pk: int) -> HttpResponse:
    """Save the fields the page sent, each only where nobody changed it since the page had it
    (``services.form_save_fields``); answer with the figures and findings (htmx), the conflicts
    beside their fields (409), or why nothing was stored (403, 409)."""
    try:
        # Only who may save here: the form and its rows are read under the lock by the save itself.
        form = selectors.form_row_get(user=request.user, pk=pk, edit=True)
        result = services.form_save_fields(form=form, user=request.user, post=request.POST)
    except PermissionDenied as exc:
        if not request.htmx:
            raise
        return _refused(request, str(exc) or wording.save_phrase("locked"), status=403)
    except services.RowsChanged as exc:
        if request.htmx:
            return _refused(request, str(exc), status=409)
        messages.error(request, str(exc))
        return redirect("forms:detail", pk=pk)
    except services.FormError as exc:  # submitted while this save waited for the lock
        if request.htmx:
            return _refused(request, str(exc), status=403)
        raise PermissionDenied(str(exc)) from None
    if not request.htmx:
        if result.unsaved:
            return _page_with_typed(request, form, result)
        messages.success(request, "已保存。")
        return redirect("forms:detail", pk=pk)
    response = _live(request, result.form, result.data, errors=result.errors, result=result)
    if result.conflicts:
        response.status_code = 409
    response["X-Jixiao-Saved"] = str(result.form.revision)
    response["X-Jixiao-Unsaved"] = json.dumps(result.unsaved)
    return response


def _live(
    request: HttpRequest,
    form: Form,
    data: core.Form,
    *,
    errors: dict[str, str] | None = None,
    result: services.FieldSave | None = None,
    take_revision: bool = False,
) -> HttpResponse:
    """Answer an htmx save with the figures, findings and verdicts, each swapped into its place.

    The page takes the new revision only when it was in step with the stored form before this save
    (else fields it shows may be older than what is stored, and their saves must be compared)."""
    page = _page(form, data, errors=errors, report=None if result is None else result.report)
    state, state_class = _status_line(result)
    return render(
        request,
        "forms/_live.html",
        {
            "form": form,
            "form_pk": form.pk,
            "page": page,
            "d": page.data,
            "state": state,
            "state_class": state_class,
            "conflicts": _conflicts(result),
            "take_revision": take_revision or (result is not None and result.in_sync),
            "save_words": wording.SAVES,
        },
    )


@login_required
@require_POST
def form_structure(request: HttpRequest, pk: int) -> HttpResponse:
    """Add or remove a line, task or indicator (``services.form_structure_change``), then show the page."""
    form = selectors.form_get(user=request.user, pk=pk, edit=True)
    op = request.POST.get("op", "")
    try:
        result = services.form_structure_change(form=form, user=request.user, op=op, post=request.POST)
    except services.FormError as exc:
        messages.error(request, str(exc))
        return redirect("forms:detail", pk=pk)
    if result.unsaved:
        return _page_with_typed(request, form, result)
    operation, _, target = op.partition(":")
    anchor = present.slug(target if operation == "add" else target.rpartition("/")[0])
    return redirect(reverse("forms:detail", kwargs={"pk": pk}) + f"#sec-{anchor}")


@login_required
@require_POST
def review_resolve(request: HttpRequest, pk: int, item: int) -> HttpResponse:
    form = selectors.form_get(user=request.user, pk=pk, edit=True)
    try:
        with transaction.atomic():
            # Under the row lock: was the page in step before this change (it then takes the new revision)?
            stored = Form.objects.select_for_update().only("revision").get(pk=pk)
            in_step = services.posted_revision(request.POST) == stored.revision
            services.review_item_resolve(form=form, item_id=item, user=request.user)
    except services.FormError as exc:
        if request.htmx:
            return _refused(request, str(exc), status=409)
        messages.error(request, str(exc))
        return redirect("forms:detail", pk=pk)
    if request.htmx:
        form = selectors.form_get(user=request.user, pk=pk, edit=True)
        return _live(request, form, selectors.form_data(form), take_revision=in_step)
    return redirect("forms:detail", pk=pk)


@login_required
@require_GET
def form_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    form = selectors.form_get(user=request.user, pk=pk)
    spec = formats.BY_KEY.get(fmt)
    response = exports.download(selectors.form_data(form), fmt) if spec is not None and spec.screens else None
    if response is None:
        return HttpResponse("不支持导出此格式。", status=404, content_type="text/plain; charset=utf-8")
    return response


@login_required
@require_POST
def form_import(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload a file that replaces this form's content (the previous content is kept with the job)."""
    form = selectors.form_get(user=request.user, pk=pk, edit=True)
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, "请选择要导入的文件。")
        return redirect("forms:detail", pk=pk)
    try:
        job = services.import_job_create(
            user=request.user,
            organisation=form.organisation,
            year=form.year,
            form=form,
            filename=upload.name,
            data=uploads.upload_bytes(upload),
        )
    except services.FormError as exc:
        messages.error(request, str(exc))
        return redirect("forms:detail", pk=pk)
    _enqueue(job)
    return redirect("forms:import_job", pk=job.pk)


def _enqueue(job: ImportJob) -> None:
    from jixiao.web.forms.tasks import import_file

    import_file(job.pk)


@login_required
@require_GET
def import_job(request: HttpRequest, pk: int) -> HttpResponse:
    job = selectors.import_job_get(user=request.user, pk=pk)
    template = "forms/_import_progress.html" if request.htmx else "forms/import_job.html"
    return render(request, template, {"job": job})
