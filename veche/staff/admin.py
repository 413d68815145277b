"""Back office: role assignments go through the services (so each writes an audit row); the audit
log itself is read-only."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied

from . import services
from .models import RoleAssignment, StaffAuditLog


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "municipality", "agency", "created_at"]
    list_filter = ["role", "municipality"]
    search_fields = ["user__email", "user__last_name", "user__first_name"]
    list_select_related = ["user", "municipality", "agency"]
    raw_id_fields = ["user"]
    date_hierarchy = "created_at"

    def get_readonly_fields(self, request, obj=None):
        # An assignment is granted or revoked, never edited in place: the audit log stays true.
        if obj is not None:
            return ["user", "role", "municipality", "agency", "created_at"]
        return ["created_at"]

    def save_model(self, request, obj, form, change):
        if change:
            return
        saved = services.role_assign(
            actor=request.user,
            user=obj.user,
            role=obj.role,
            municipality=obj.municipality,
            agency=obj.agency,
        )
        obj.pk, obj.created_at = saved.pk, saved.created_at

    def delete_model(self, request, obj):
        services.role_revoke(actor=request.user, assignment=obj)

    def delete_queryset(self, request, queryset):
        for assignment in queryset.select_related("user", "municipality", "agency"):
            try:
                services.role_revoke(actor=request.user, assignment=assignment)
            except PermissionDenied as error:
                self.message_user(request, f"{assignment}: {error}", messages.ERROR)


@admin.register(StaffAuditLog)
class StaffAuditLogAdmin(admin.ModelAdmin):
    list_display = ["at", "actor", "action", "target_repr"]
    list_filter = ["action"]
    search_fields = ["action", "target_repr", "actor__email"]
    date_hierarchy = "at"
    readonly_fields = [
        "at",
        "actor",
        "action",
        "target_type",
        "target_id",
        "target_repr",
        "details",
    ]
    list_select_related = ["actor"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
