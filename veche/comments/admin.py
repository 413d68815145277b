"""Back office: the listed removal reasons are edited here; comments change only through their
services (the thread and the moderation queue), so the admin shows them read-only."""

from django.contrib import admin

from .models import Comment, CommentComplaint, RemovalReason


@admin.register(RemovalReason)
class RemovalReasonAdmin(admin.ModelAdmin):
    list_display = ["text", "code", "order", "is_active"]
    list_editable = ["order", "is_active"]
    search_fields = ["text", "code"]


class ReadOnly:
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class ComplaintInline(ReadOnly, admin.TabularInline):
    model = CommentComplaint
    fields = ["user", "reason", "created_at"]
    readonly_fields = fields
    extra = 0


@admin.register(Comment)
class CommentAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["excerpt", "target_kind", "target_id", "status", "like_count", "created_at"]
    list_filter = ["status", "target_kind", "municipality"]
    search_fields = ["text"]
    list_select_related = ["author"]
    inlines = [ComplaintInline]
