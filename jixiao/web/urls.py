from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.urls import include, path
from django.views.generic import RedirectView

from jixiao.web.accounts.views import PasswordResetView


def healthz(request: HttpRequest) -> HttpResponse:
    """Answer "ok": for load balancers, and the baseline of bench/bench_web.py."""
    return HttpResponse("ok", content_type="text/plain")


# Django's form views also take PUT (as POST) and their pages any method; ours take what they need.
FORM = {"http_method_names": ["get", "post", "head"]}
PAGE = {"http_method_names": ["get", "head"]}

handler400 = "jixiao.web.security.bad_request"

admin.site.site_header = admin.site.site_title = "绩效自评系统管理"
admin.site.index_title = "系统管理"

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="forms:list", permanent=False), name="home"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True, **FORM),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", auth_views.PasswordChangeView.as_view(**FORM), name="password_change"),
    path(
        "accounts/password/done/",
        auth_views.PasswordChangeDoneView.as_view(**PAGE),
        name="password_change_done",
    ),
    path("accounts/password/reset/", PasswordResetView.as_view(**FORM), name="password_reset"),
    path(
        "accounts/password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(**PAGE),
        name="password_reset_done",
    ),
    path(
        "accounts/password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(**FORM),
        name="password_reset_confirm",
    ),
    path(
        "accounts/password/reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(**PAGE),
        name="password_reset_complete",
    ),
    path("forms/", include("jixiao.web.forms.urls")),
    path("review/", include("jixiao.web.workflow.urls")),
    path("dashboards/", include("jixiao.web.dashboards.urls")),
    path("public/", include("jixiao.web.portal.urls")),
    path("api/", include("jixiao.web.api.urls")),
    path("scoring/", include("jixiao.web.scoring.urls")),
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
]
