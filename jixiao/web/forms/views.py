"""Form pages: parse the request, authorise (``accounts.policy``), call one service or selector, render."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jixiao.core import fields
from jixiao.core import form as core
from jixiao.render import formats
from jixiao.web.accounts import policy
from jixiao.web.forms import editing, exports, present, selectors, services, uploads
from jixiao.web.forms.models import Form, ImportJob
from jixiao.web.forms.templatetags.jx import path_label
from jixiao.web.orgs.selectors import open_years
from jixiao.web.params import year_param
from jixiao.web.workflow import present as workflow_present
from jixiao.web.workflow import selectors as workflow_selectors
from jixiao.web.workflow import transitions


def _page(form: Form, data: core.Form, *, errors: dict[str, str] | None = None) -> present.Page:
    report = services.run_check(data)
    pending = dict(form.pending or {})
    errors = dict(errors or {})
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
    forms = selectors.form_list(user=request.user, year=year)
    return render(
        request,
        "forms/list.html",
        {
            "forms": forms,
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
        },
    )


def _changed_by_someone_else(request: HttpRequest, form: Form) -> bool:
    """Return True when another person saved the form after the page posting now was loaded.

    The same person's own saves (another tab, or a save still in flight) are not a conflict: the
    latest of their posts wins, as they would expect.
    """
    posted = request.POST.get("revision", "")
    if not (posted.isascii() and posted.isdigit()) or int(posted) == form.revision:
        return False
    return form.updated_by_id is not None and form.updated_by_id != request.user.pk


@login_required
@require_POST
def form_save(request: HttpRequest, pk: int) -> HttpResponse:
    """Save the posted page, check the form and answer with the figures and findings (htmx)."""
    form = selectors.form_get(user=request.user, pk=pk, edit=True)
    stored = selectors.form_data(form)
    if _changed_by_someone_else(request, form):
        message = "另一位填报人刚刚修改了这张表,为免覆盖对方的内容,本次输入未保存。请先复制您刚填写的内容,刷新页面后再填写。"
        if request.htmx:
            return render(request, "forms/_stale.html", {"message": message}, status=409)
        messages.error(request, message)
        return redirect("forms:detail", pk=pk)
    if request.POST.get("structure") != editing.structure_token(stored):
        message = "这张表的行数已在别处改变(例如另一个窗口),请刷新页面后再填写。本次输入未保存。"
        if request.htmx:
            return render(request, "forms/_stale.html", {"message": message}, status=409)
        messages.error(request, message)
        return redirect("forms:detail", pk=pk)
    applied = editing.apply_post(stored, request.POST)
    too_large = fields.storage_problems(applied.form)
    if too_large:
        # Past what the database can hold (a 400-character name, 19 whole digits): nothing is
        # stored, the page keeps what was typed and says why next to each field.
        if not request.htmx:
            path, problem = next(iter(too_large.items()))
            messages.error(request, f"本次输入未保存:{path_label(path)}{problem}。")
            return redirect("forms:detail", pk=pk)
        return _live(request, form, applied.form, errors={**applied.errors, **too_large})
    services.form_update(form=form, data=applied.form, user=request.user, pending=applied.pending)
    if not request.htmx:
        messages.success(request, "已保存。")
        return redirect("forms:detail", pk=pk)
    return _live(request, form, applied.form, errors=applied.errors)


def _live(
    request: HttpRequest, form: Form, data: core.Form, *, errors: dict[str, str] | None = None
) -> HttpResponse:
    """Answer an htmx save with the figures, findings and verdicts, each swapped into its place."""
    page = _page(form, data, errors=errors)
    return render(
        request, "forms/_live.html", {"form": form, "form_pk": form.pk, "page": page, "d": page.data}
    )


@login_required
@require_POST
def form_structure(request: HttpRequest, pk: int) -> HttpResponse:
    """Save the posted page, then add or remove a line, task or indicator, and show the page again."""
    form = selectors.form_get(user=request.user, pk=pk, edit=True)
    stored = selectors.form_data(form)
    if _changed_by_someone_else(request, form) or request.POST.get("structure") != editing.structure_token(
        stored
    ):
        messages.error(request, "这张表已在别处修改,本次操作未执行。请刷新页面后重试。")
        return redirect("forms:detail", pk=pk)
    applied = editing.apply_post(stored, request.POST)
    operation, _, target = request.POST.get("op", "").partition(":")
    anchor = ""
    try:
        if operation == "add":
            data = services.structure_add(applied.form, target)
            anchor = present.slug(target)
        elif operation == "remove":
            path, _, index = target.rpartition("/")
            if not (index.isascii() and index.isdigit()):
                return HttpResponseBadRequest("无法识别要删除的行。")
            data = services.structure_remove(applied.form, path, int(index))
            anchor = present.slug(path)
        else:
            return HttpResponseBadRequest("无法识别的操作。")
        services.form_update(form=form, data=data, user=request.user, pending={})
    except services.FormError as exc:
        messages.error(request, str(exc))
    return redirect(reverse("forms:detail", kwargs={"pk": pk}) + (f"#sec-{anchor}" if anchor else ""))


@login_required
@require_POST
def review_resolve(request: HttpRequest, pk: int, item: int) -> HttpResponse:
    form = selectors.form_get(user=request.user, pk=pk, edit=True)
    try:
        services.review_item_resolve(form=form, item_id=item, user=request.user)
    except services.FormError as exc:
        messages.error(request, str(exc))
    if request.htmx:
        form = selectors.form_get(user=request.user, pk=pk, edit=True)
        return _live(request, form, selectors.form_data(form))
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
