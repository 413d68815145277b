"""The event log in the back office: to read, never to write (it is append-only)."""

from django.contrib import admin

from .models import Cursor, Event


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Event)
class EventAdmin(ReadOnlyAdmin):
    list_display = ["id", "kind", "subject_type", "subject_id", "territory", "occurred_at"]
    list_filter = ["kind", "subject_type"]
    search_fields = ["kind", "subject_id"]
    date_hierarchy = "occurred_at"


@admin.register(Cursor)
class CursorAdmin(ReadOnlyAdmin):
    list_display = ["consumer", "last_event_id", "updated_at"]
