"""The JSON API (django-ninja) under ``/api/``; its OpenAPI document is ``/api/openapi.json``."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.renderers import JSONRenderer

from jixiao.web.api import errors
from jixiao.web.api.auth import TokenAuth
from jixiao.web.api.cache import private
from jixiao.web.api.routes import router


class ChineseJSONRenderer(JSONRenderer):
    """JSON with Chinese as it is (UTF-8), not as \\u escapes, so that a person can read a reply."""

    json_dumps_params = {"ensure_ascii": False}


class Api(NinjaAPI):
    """The API, every answer marked private (``jixiao.web.api.cache``)."""

    def create_response(self, request: HttpRequest, data: Any, **kwargs: Any) -> HttpResponse:
        response = super().create_response(request, data, **kwargs)
        private(response)
        return response


api = Api(
    renderer=ChineseJSONRenderer(),
    title="预算绩效自评系统接口",
    version="1",
    description=(
        "自评表以 FORMAT.md 规定的 JSON(jixiao.self-evaluation/1)读写。"
        "每个请求带 Authorization: Bearer <令牌>;权限与网页相同。"
        "修改(PUT/PATCH/导入替换)须在 If-Match 中带上读取时的 ETag:缺少返回 428,已过时返回 412。"
        '出错时返回 {"detail": "中文原因"}。'
    ),
    auth=TokenAuth(),
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url="/docs",
)
errors.install(api)
api.add_router("", router)
