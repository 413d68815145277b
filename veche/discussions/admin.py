"""Discussions in the admin: read only. Every change goes through the organizer's pages and
their services (rules, events, audit log), so the admin offers no second way to write."""

from django.contrib import admin

from .models import Draft


@admin.register(Draft)
class DraftAdmin(admin.ModelAdmin):
    list_display = (
        "title",
        "municipality",
        "agency",
        "opens_at",
        "closes_at",
        "status",
        "current_version",
        "report_published_at",
    )
    list_filter = ("status", "municipality")
    search_fields = ("title",)
    readonly_fields = [f.name for f in Draft._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
