"""Back office for ideas: the rejection reasons are edited here; ideas themselves change only
through their services, so the admin shows them read-only and its actions call the services
(publish; and the moderator's edit of the title and text, logged)."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _

from veche.core.forms import error_text

from . import admin_campaigns, services  # noqa: F401 - admin_campaigns registers campaigns
from .models import Idea, IdeaRejectionReason, IdeaTimelineEntry


@admin.register(IdeaRejectionReason)
class IdeaRejectionReasonAdmin(admin.ModelAdmin):
    list_display = ["text", "code", "order", "is_active"]
    list_editable = ["order", "is_active"]


class TimelineInline(admin.TabularInline):
    model = IdeaTimelineEntry
    fields = ["created_at", "kind", "status_from", "status_to", "text", "actor"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Idea)
class IdeaAdmin(admin.ModelAdmin):
    list_display = ["__str__", "category", "municipality", "status", "support_count", "created_at"]
    list_filter = ["status", "category", "municipality"]
    search_fields = ["=id", "title", "text"]
    date_hierarchy = "created_at"
    list_select_related = ["category", "municipality"]
    inlines = [TimelineInline]
    readonly_fields = [f.name for f in Idea._meta.fields if f.name not in ("title", "text")]
    fields = [
        "title",
        "text",
        "category",
        "municipality",
        "lat",
        "lon",
        "status",
        "agency",
        "planned_date",
        "support_count",
    ]
    actions = ["publish"]

    def has_add_permission(self, request) -> bool:
        return False  # ideas are proposed on the portal or through the API

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def save_model(self, request, obj: Idea, form, change: bool) -> None:
        """The only edit is the moderator's (title and text): through its service."""
        try:
            services.idea_edit_by_moderator(
                user=request.user, idea=obj, title=obj.title, text=obj.text
            )
        except (PermissionDenied, ValidationError) as error:
            self.message_user(request, error_text(error), messages.ERROR)

    @admin.action(description=_("Publish the chosen ideas"))
    def publish(self, request, queryset) -> None:
        done = 0
        for idea in queryset:
            try:
                services.idea_publish(user=request.user, idea=idea)
                done += 1
            except (PermissionDenied, ValidationError) as error:
                self.message_user(request, f"{idea}: {error_text(error)}", messages.WARNING)
        self.message_user(request, _("Published: %(count)d.") % {"count": done})
