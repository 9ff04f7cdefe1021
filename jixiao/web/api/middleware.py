"""Every answer under ``/api/`` is JSON with a Chinese ``detail``, also where Django or ninja would
answer for the API: an unknown path (Django's HTML 404 page), a wrong method (ninja's "Method not
allowed"), an error inside the server (the HTML 500 page)."""

from __future__ import annotations

import json
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from jixiao.web.api.cache import private

PREFIX = "/api/"
DETAILS = {
    404: "没有这个接口地址。接口说明见 /api/docs(OpenAPI:/api/openapi.json)。",
    405: "这个接口地址不接受 {method} 请求,可用的方法:{allowed}。",
    500: "服务器内部错误,请稍后重试;如仍出错,请把请求的时间告诉系统管理员。",
}


class ApiJsonErrors:
    """Turn the non-JSON refusals of ``/api/`` into ``{"detail": "<中文>"}`` with the same status."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not request.path.startswith(PREFIX) or response.status_code not in DETAILS:
            return response
        if response.get("Content-Type", "").startswith("application/json"):
            return response
        allowed = response.get("Allow", "")
        detail = DETAILS[response.status_code].format(method=request.method, allowed=allowed or "无")
        answer = HttpResponse(
            json.dumps({"detail": detail}, ensure_ascii=False),
            status=response.status_code,
            content_type="application/json; charset=utf-8",
        )
        if allowed:
            answer["Allow"] = allowed
        private(answer)
        return answer
