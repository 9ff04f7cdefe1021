"""The public portal (no login): published forms by region, year and department, search, downloads.

Only forms in 已公开 are ever shown; any other id is answered with 404, like one that does not exist.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlencode

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from jixiao.render import formats
from jixiao.web.forms import convert
from jixiao.web.forms.models import Form
from jixiao.web.forms.services import run_check
from jixiao.web.portal import downloads as downloads_cache
from jixiao.web.portal import present, search, selectors

PAGE_SIZE = 20
MAX_QUERY_CHARS = 100


def _filters(request: HttpRequest) -> selectors.Filters:
    region = request.GET.get("region", "").strip()
    year = request.GET.get("year", "").strip()
    department = request.GET.get("department", "").strip()
    # ASCII digits only: str.isdigit() also admits "²", which int() refuses.
    return selectors.Filters(
        region=region if re.fullmatch(r"[0-9]{6}", region) else None,
        year=int(year) if re.fullmatch(r"[0-9]{4}", year) else None,
        department=int(department) if re.fullmatch(r"[0-9]{1,12}", department) else None,
    )


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """List the published forms, or those matching the search words, a page at a time."""
    filters = _filters(request)
    query = request.GET.get("q", "").strip()[:MAX_QUERY_CHARS]
    words = search.query_tokens(query) if query else []
    forms = selectors.portal_search(query, filters) if query else selectors.published_forms(filters)
    page = Paginator(forms, PAGE_SIZE).get_page(request.GET.get("page"))
    found = list(page.object_list)
    full = (
        {f.pk: f for f in convert.prefetched(Form.objects.filter(pk__in=[f.pk for f in found]))}
        if words
        else {}
    )
    rows = [
        {"form": f, "snippet": present.snippet(convert.to_core(full[f.pk]), words) if f.pk in full else None}
        for f in found
    ]
    kept = {
        key: value
        for key, value in (
            ("q", query),
            ("region", filters.region or ""),
            ("year", filters.year or ""),
            ("department", filters.department or ""),
        )
        if value
    }
    return render(
        request,
        "portal/index.html",
        {
            "page": page,
            "rows": rows,
            "query": query,
            "words": words,
            "filters": filters,
            "facets": selectors.facets(filters),
            "keep": urlencode(kept),
        },
    )


@require_GET
def form_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Show one published form as the official table, with its downloads."""
    form = selectors.published_form_get(pk)
    from jixiao.render.html import form_css, render_form_html

    def draw() -> str:
        data = convert.to_core(form)
        return render_form_html(data, run_check(data), standalone=False)

    official = downloads_cache.cached(form, "html", draw)
    downloads = formats.available(public=True)
    return render(
        request,
        "portal/form.html",
        {"form": form, "official": official, "form_css": form_css(), "downloads": downloads},
    )


@require_GET
def form_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """Send one published form in a public format (``jixiao.render.formats``: PDF, Excel, JSON, CSV)."""
    form = selectors.published_form_get(pk)
    spec = formats.BY_KEY.get(fmt)
    if spec is None or not spec.public or spec.writes == "folder" or formats.writer(fmt) is None:
        raise Http404("不提供这种格式的下载。")

    def draw() -> tuple[bytes, str]:
        data = convert.to_core(form)
        return formats.render(fmt, data, run_check(data)), formats.filename(data, fmt)

    body, name = downloads_cache.cached(form, fmt, draw)
    response = HttpResponse(body, content_type=spec.content_type)
    response["Content-Disposition"] = (
        f"attachment; filename=\"form.{fmt.rpartition('.')[2]}\"; filename*=UTF-8''{quote(name)}"
    )
    return response
