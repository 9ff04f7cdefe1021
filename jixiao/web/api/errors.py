"""Every refusal of the API as ``{"detail": "<中文>"}`` with the right status code.

404 a form the person may not see (as on the screens, its existence is not revealed), 403 a step
their role may not take, 409 a step the form's state does not allow, 412 a stale ``If-Match``,
428 an update without ``If-Match``, 422 content that is not a valid FORMAT.md form.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from jixiao.core import fields
from jixiao.web.forms.services import FormError
from jixiao.web.workflow import errors as workflow


class ApiError(Exception):
    """A refusal with its status code and Chinese sentence."""

    def __init__(self, status: int, detail: str, *, errors: list[str] | None = None) -> None:
        super().__init__(detail)
        self.status, self.detail, self.errors = status, detail, errors or []


# The workflow's reasons, by the status code a client should act on.
_WORKFLOW_STATUS: tuple[tuple[type[workflow.WorkflowError], int], ...] = (
    (workflow.NotAllowed, 403),
    (workflow.CommentRequired, 422),
    (workflow.InvalidScore, 422),
)

_PYDANTIC_TYPES = {
    "missing": "缺少此项",
    "extra_forbidden": "不认识的字段",
    "string_type": "应为文字",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "bool_type": "应为 true 或 false",
    "bool_parsing": "应为 true 或 false",
    "list_type": "应为数组",
    "dict_type": "应为对象",
    "model_type": "应为对象",
    "model_attributes_type": "应为对象",
    "literal_error": "取值不在允许的范围内",
    "enum": "取值不在允许的范围内",
    "greater_than_equal": "数值太小",
    "less_than_equal": "数值太大",
    "string_too_short": "不能为空",
    "string_too_long": "太长",
    "string_pattern_mismatch": "格式不对",
    "json_invalid": "不是有效的 JSON",
}


def _where(loc: Any) -> str:
    """Return a FORMAT.md-style path from a pydantic location: ``funds.lines[0].actual``, ``year``."""
    parts = [str(p) for p in (loc or ())]
    if parts[:1] == ["body"]:
        parts = parts[2:]  # "body", then the parameter's name
    elif parts[:1] and parts[0] in ("query", "path", "header", "cookie", "form", "file"):
        parts = parts[1:]
    path = ""
    for part in parts:
        path += f"[{part}]" if part.isdigit() else (f".{part}" if path else part)
    return path or "请求内容"


def _message(error: dict[str, Any]) -> str:
    kind = str(error.get("type", ""))
    text = _PYDANTIC_TYPES.get(kind)
    if kind == "value_error":  # our own validators already speak Chinese
        text = str(error.get("msg", "")).removeprefix("Value error, ")
    where = _where(error.get("loc"))
    found = fields.find(where.removeprefix("form."))
    named = f"{where}({fields.path_label(where.removeprefix('form.'))})" if found is not None else where
    return f"{named}:{text or error.get('msg', '格式不对')}"


def validation_messages(errors: list[dict[str, Any]]) -> list[str]:
    """Return one Chinese line per pydantic error: where, and what is wrong."""
    return [_message(error) for error in errors]


def install(api: NinjaAPI) -> None:
    """Answer every refusal of the API in JSON with a Chinese ``detail``."""

    def reply(request: HttpRequest, status: int, detail: str, **extra: Any) -> HttpResponse:
        response = api.create_response(request, {"detail": detail, **extra}, status=status)
        if status == 401:
            response["WWW-Authenticate"] = 'Bearer realm="jixiao"'
        return response

    @api.exception_handler(ApiError)
    def api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
        return reply(request, exc.status, exc.detail, errors=exc.errors)

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return reply(
            request, 401, "需要接口令牌:请在请求头中加入 Authorization: Bearer <令牌>,令牌向系统管理员申请。"
        )

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        # ninja's own refusals, in English: a body it cannot parse is the one a client meets.
        if exc.status_code == 400:
            return reply(
                request, 400, "请求内容无法解析:应为 UTF-8 编码的 JSON(上传文件时为 multipart/form-data)。"
            )
        return reply(request, exc.status_code, str(exc))

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        message = str(exc) if exc.args and str(exc) else "没有找到,或您无权查看。"
        return reply(request, 404, message)

    @api.exception_handler(PermissionDenied)
    def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return reply(request, 403, str(exc) or "您无权进行这项操作。")

    @api.exception_handler(ValidationError)
    def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        messages = validation_messages(list(exc.errors))
        head = messages[0] if messages else "请求内容不符合格式"
        more = f"(共 {len(messages)} 处)" if len(messages) > 1 else ""
        return reply(request, 422, f"请求内容不符合格式:{head}{more}", errors=messages)

    @api.exception_handler(workflow.WorkflowError)
    def refused(request: HttpRequest, exc: workflow.WorkflowError) -> HttpResponse:
        status = next((code for kind, code in _WORKFLOW_STATUS if isinstance(exc, kind)), 409)
        extra = {
            name: getattr(exc, name) for name in ("findings", "missing", "units") if getattr(exc, name, None)
        }
        return reply(request, status, str(exc), **extra)

    @api.exception_handler(FormError)
    def form_refused(request: HttpRequest, exc: FormError) -> HttpResponse:
        return reply(request, 409, str(exc))
