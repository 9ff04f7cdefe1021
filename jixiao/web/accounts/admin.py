from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from jixiao.web.accounts.models import User


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
