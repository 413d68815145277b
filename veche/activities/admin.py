from django.contrib import admin

from .models import Organization, Programme


class ProgrammeInline(admin.TabularInline):
    model = Programme
    extra = 0
    fields = ("title", "direction", "age_from", "age_to", "price", "schedule")


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ("name", "municipality", "address", "phone")
    list_filter = ("municipality",)
    search_fields = ("name", "address")
    inlines = [ProgrammeInline]


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ("title", "organization", "direction", "age_from", "age_to", "price")
    list_filter = ("direction", "organization__municipality")
    search_fields = ("title", "organization__name")
    list_select_related = ("organization",)
