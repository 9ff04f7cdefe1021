"""A person's own password: change it, or reset a forgotten one (by mail, or by a link an administrator
issues on an intranet without mail). Django's views, with the pages in Chinese."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse


class PasswordResetView(auth_views.PasswordResetView):
    """Ask for a reset mail where a mail server is configured; otherwise say how to get a link."""

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["email_reset"] = settings.JIXIAO_EMAIL_RESET
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not settings.JIXIAO_EMAIL_RESET:
            return self.get(request, *args, **kwargs)
        return super().post(request, *args, **kwargs)
