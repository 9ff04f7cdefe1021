from django.contrib import admin

from jixiao.web.workflow.models import Deadline


@admin.register(Deadline)
class DeadlineAdmin(admin.ModelAdmin):
    list_display = ["year", "unit_deadline", "department_deadline"]
