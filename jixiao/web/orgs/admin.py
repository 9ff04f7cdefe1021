from django.contrib import admin

from jixiao.web.orgs.models import EvaluationYear, Organisation, Region


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "parent", "region", "uscc"]
    list_filter = ["kind", "region"]
    search_fields = ["name", "uscc"]
    autocomplete_fields = ["parent"]


@admin.register(EvaluationYear)
class EvaluationYearAdmin(admin.ModelAdmin):
    list_display = ["region", "year", "deadline", "is_open"]
    list_filter = ["region", "is_open"]
