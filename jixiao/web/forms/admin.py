"""The forms in Django's admin: for administrators to find a form and look at imports, not to fill in."""

from django.contrib import admin

from jixiao.web.forms.models import Form, ImportJob


@admin.register(Form)
class FormAdmin(admin.ModelAdmin):
    list_display = ["organisation", "year", "kind", "status", "updated_at", "updated_by"]
    list_filter = ["year", "kind", "status", "organisation__region"]
    search_fields = ["organisation__name", "department", "project"]
    # Content is edited on the form page (checked as it is typed) and status changes only through
    # the workflow services, never here.
    readonly_fields = [f.name for f in Form._meta.fields]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    list_display = ["filename", "organisation", "year", "state", "progress", "created_by", "created_at"]
    list_filter = ["state"]
    exclude = ["data"]
    readonly_fields = [
        "created_by",
        "organisation",
        "year",
        "form",
        "filename",
        "state",
        "progress",
        "message",
        "previous_json",
        "finished_at",
    ]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False
