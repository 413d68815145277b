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
    # Exact searches only: the log is indexed by id alone (models.py), and filters or a date
    # hierarchy would scan the whole table on every page.
    search_fields = ["=kind", "=subject_id"]
    show_full_result_count = False


@admin.register(Cursor)
class CursorAdmin(ReadOnlyAdmin):
    list_display = ["consumer", "last_event_id", "updated_at"]
