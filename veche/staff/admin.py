"""Back office: role assignments go through the services (so each writes an audit row); the audit
log itself is read-only; an agency's page lists, read-only, its staff."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from veche.agencies.admin import AgencyAdmin
from veche.agencies.models import Agency

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


class AgencyStaffInline(admin.TabularInline):
    model = RoleAssignment
    verbose_name = _("staff member")
    verbose_name_plural = _("staff (role assignments are managed in the staff section)")
    fields = ("person", "user", "role", "municipality", "created_at")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user", "municipality")

    @admin.display(description=_("full name"))
    def person(self, obj: RoleAssignment) -> str:
        return obj.user.get_full_name()


# The agencies' page gains its staff here: agencies sits below staff and cannot name roles.
admin.site.unregister(Agency)


@admin.register(Agency)
class AgencyWithStaffAdmin(AgencyAdmin):
    inlines = [*AgencyAdmin.inlines, AgencyStaffInline]
