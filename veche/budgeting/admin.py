"""The back office shows contests read-only: every change goes through the builder's services,
which check the organizer's rule, lock, audit and record the event."""

from django.contrib import admin

from .models import Contest, ContestDocument, ContestStage


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class StageInline(admin.TabularInline):
    model = ContestStage
    extra = 0
    can_delete = False
    readonly_fields = ("kind", "position", "starts_at", "ends_at")

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Contest)
class ContestAdmin(ReadOnly):
    list_display = ("title", "municipality", "status", "budget", "created_at")
    list_filter = ("status", "municipality")
    search_fields = ("title",)
    inlines = [StageInline]


@admin.register(ContestDocument)
class ContestDocumentAdmin(ReadOnly):
    list_display = ("title", "contest", "content_type", "size", "created_at")
