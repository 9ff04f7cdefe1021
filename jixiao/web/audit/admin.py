"""The audit log in the admin: searchable, never changed."""

from typing import Any

from django.contrib import admin

from jixiao.web.audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["at", "actor_name", "actor_role", "action", "form_label", "status_before", "status_after"]
    list_filter = ["action", "actor_role"]
    search_fields = ["actor_name", "form_label", "comment"]
    readonly_fields = [f.name for f in AuditEntry._meta.fields]
    date_hierarchy = "at"

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False
