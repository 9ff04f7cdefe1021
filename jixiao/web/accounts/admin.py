from typing import Any

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest

from jixiao.web.accounts.models import User
from jixiao.web.accounts.services import password_reset_link


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "display_name", "role", "organisation", "is_active"]
    list_filter = ["role", "organisation__region", "is_active"]
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        ("角色与单位", {"fields": ("display_name", "role", "organisation")}),
    )
    add_fieldsets = (
        *BaseUserAdmin.add_fieldsets,
        ("角色与单位", {"fields": ("display_name", "role", "organisation")}),
    )
    autocomplete_fields = ["organisation"]
    actions = ["issue_reset_link"]

    @admin.action(description="生成重置密码链接(交给本人,24 小时内有效,只能使用一次)")
    def issue_reset_link(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        base = request.build_absolute_uri("/")
        for user in queryset:
            link = password_reset_link(user=user, base_url=base)
            messages.success(request, f"{user.username} 的重置密码链接:{link}")
