"""Checks of a request's shape made before a view runs, so that a malformed request gets a clear
Chinese 400 and never reaches the code that changes a form."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest

# What the edit page's add/remove buttons post: ``add:<list>`` or ``remove:<list>/<index>``.
_LIST = r"(?:funds\.lines|tasks|indicators|tasks\[[0-9]{1,6}\]\.indicators)"
STRUCTURE_OP = re.compile(rf"add:{_LIST}|remove:{_LIST}/[0-9]{{1,6}}", re.ASCII)
MALFORMED_OP = "无法识别的操作:请在表页上用“添加”“删除”按钮修改行数。"


def structure_op_checked(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Answer 400 to a structure change whose ``op`` is not one the edit page posts."""

    @wraps(view)
    def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method == "POST" and not STRUCTURE_OP.fullmatch(request.POST.get("op", "")):
            return HttpResponseBadRequest(MALFORMED_OP, content_type="text/plain; charset=utf-8")
        return view(request, *args, **kwargs)

    return checked
