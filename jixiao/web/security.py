"""Request-level protections that hold for every page and API route.

- ``client_address``: the address of the person, not of the reverse proxy in front of the server.
  ``X-Forwarded-For`` is believed only when the request comes from an address listed in
  ``JIXIAO_TRUSTED_PROXIES``, and then only up to the first address that is not a trusted proxy
  (the right-most untrusted one): a client cannot choose its own address by sending the header.
  The lock-out after failed logins (django-axes, by user name + address) uses it, so that behind a
  proxy a stranger's failures do not lock a named user out everywhere.
- ``ClientAddressMiddleware`` puts that address in ``REMOTE_ADDR`` for everything after it (logs).
- ``NulByteMiddleware``: a NUL character in any text submitted to a page (a query parameter, a form
  field) is answered with a clear Chinese 400. PostgreSQL cannot store NUL in text, and no form
  field needs one. Uploaded files are not looked at: binary files contain NULs. The JSON API checks
  its bodies itself (422 naming the field, ``jixiao.web.forms.limits``), so ``/api/`` is left to it.
- ``bad_request``: the 400 answer (``handler400``) says in Chinese which limit a request passed: its
  body over ``DATA_UPLOAD_MAX_MEMORY_SIZE`` (``JIXIAO_MAX_BODY_MB``), more inputs than
  ``DATA_UPLOAD_MAX_NUMBER_FIELDS``; as JSON under ``/api/``, as a fragment for htmx.
- ``SessionTimeoutMiddleware``: a session ends after ``JIXIAO_SESSION_IDLE_MINUTES`` without a
  request, and in any case ``SESSION_COOKIE_AGE`` after login.
"""

from __future__ import annotations

import ipaddress
import time
from collections.abc import Callable
from functools import cache

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest

NUL_MESSAGE = "提交的内容中含有空字符(NUL,\\x00),无法保存;请删除从其他文件复制来的不可见字符后重新提交。"


@cache
def _trusted() -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    return tuple(
        ipaddress.ip_network(item.strip(), strict=False)
        for item in settings.JIXIAO_TRUSTED_PROXIES
        if item.strip()
    )


def _is_trusted(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in _trusted())


def client_address(request: HttpRequest) -> str | None:
    """Return the address of the client: behind a trusted proxy, the one the proxy saw."""
    remote = request.META.get("REMOTE_ADDR") or None
    if remote is None or not _is_trusted(remote):
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    for address in reversed([part for part in forwarded if part]):
        if not _is_trusted(address):
            try:
                return str(ipaddress.ip_address(address))
            except ValueError:
                return remote  # a malformed header: keep the proxy's address, never the header's text
    return remote


class ClientAddressMiddleware:
    """Set ``REMOTE_ADDR`` to the client's address when the request came through a trusted proxy."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        address = client_address(request)
        if address:
            request.META["REMOTE_ADDR"] = address
        return self.get_response(request)


def _has_nul(request: HttpRequest) -> bool:
    sources = [request.GET, request.POST] if request.method == "POST" else [request.GET]
    for values in sources:
        for key, items in values.lists():
            if "\x00" in key or any("\x00" in item for item in items):
                return True
    return False


class NulByteMiddleware:
    """Answer a request carrying a NUL character in its text with a Chinese 400."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith("/api/"):
            return self.get_response(request)
        if "\x00" in request.path or _has_nul(request):
            if request.headers.get("HX-Request"):
                return HttpResponseBadRequest(
                    f'<p class="jx-error" role="alert">{NUL_MESSAGE}</p>',
                    content_type="text/html; charset=utf-8",
                )
            return HttpResponseBadRequest(NUL_MESSAGE, content_type="text/plain; charset=utf-8")
        return self.get_response(request)


class SessionTimeoutMiddleware:
    """End a session after a spell without requests, and at the latest a fixed time after login."""

    TOUCH_EVERY = 60  # seconds: the session is written at most once a minute, not on every request

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            session = request.session
            seen = session.get("jx_seen")
            started = session.get("jx_started")
            idle = settings.JIXIAO_SESSION_IDLE_SECONDS
            if (seen is not None and now - seen > idle) or (
                started is not None and now - started > settings.SESSION_COOKIE_AGE
            ):
                logout(request)
            else:
                if started is None:
                    session["jx_started"] = now
                if seen is None or now - seen >= self.TOUCH_EVERY:
                    session["jx_seen"] = now
        return self.get_response(request)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """Django's 400 (a request it refused before any view), said in Chinese with the limit passed."""
    from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent

    from jixiao.ingest.limits import size_text

    if isinstance(exception, RequestDataTooBig):
        limit = size_text(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
        message = f"请求内容超过上限 {limit}(JIXIAO_MAX_BODY_MB),没有读取,也没有保存。"
    elif isinstance(exception, TooManyFieldsSent):
        message = f"提交的输入项超过上限 {settings.DATA_UPLOAD_MAX_NUMBER_FIELDS:,} 个,没有保存。"
    else:
        message = "请求无法识别,没有处理。"
    if request.path.startswith("/api/"):
        import json

        return HttpResponseBadRequest(
            json.dumps({"detail": message}, ensure_ascii=False),
            content_type="application/json; charset=utf-8",
        )
    if request.headers.get("HX-Request"):
        return HttpResponseBadRequest(
            f'<p class="jx-error" role="alert">{message}</p>', content_type="text/html; charset=utf-8"
        )
    return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
