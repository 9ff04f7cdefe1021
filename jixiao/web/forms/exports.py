"""Downloads from the form page and the portal: the formats of ``jixiao.render.formats``, as responses."""

from __future__ import annotations

from urllib.parse import quote

from django.http import HttpResponse

from jixiao.core import form as core
from jixiao.render import formats
from jixiao.web.forms.services import run_check


def download(data: core.Form, key: str) -> HttpResponse | None:
    """Return the form in the format as a download, or None when the format is not one of a single file."""
    spec = formats.BY_KEY.get(key)
    if spec is None or spec.writes == "folder" or formats.writer(key) is None:
        return None
    response = HttpResponse(formats.render(key, data, run_check(data)), content_type=spec.content_type)
    name = formats.filename(data, key)
    response["Content-Disposition"] = (
        f"attachment; filename=\"form.{key.rpartition('.')[2]}\"; filename*=UTF-8''{quote(name)}"
    )
    return response
