"""Back office for the catalogue (spheres, topics, deadlines, routing, rejection reasons).
Reports and what residents add around them (follows, press links, catalogue proposals) change
only through their services, so the admin shows them read-only; its one action calls a service."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from veche.core.forms import error_text

from .models import (
    CatalogueProposal,
    Category,
    PressLink,
    RejectionReason,
    Report,
    ReportFollow,
    RoutingRule,
    TimelineEntry,
    Topic,
    TopicAttribute,
)
from .services import report_remove_press_link


class TopicInline(admin.TabularInline):
    model = Topic
    fields = ["name", "service_code", "deadline_days", "deadline_kind", "is_open", "order"]
    extra = 0
    show_change_link = True


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order", "is_active"]
    list_editable = ["order", "is_active"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [TopicInline]


class TopicAttributeInline(admin.StackedInline):
    model = TopicAttribute
    extra = 0


class RoutingRuleInline(admin.TabularInline):
    model = RoutingRule
    extra = 0
    autocomplete_fields = ["municipality", "agency"]


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "category", "service_code", "deadline_days", "deadline_kind", "is_open"]
    list_filter = ["category", "is_open", "deadline_kind", "photos_required"]
    list_editable = ["is_open"]
    search_fields = ["name", "service_code", "keywords"]
    inlines = [TopicAttributeInline, RoutingRuleInline]


@admin.register(RoutingRule)
class RoutingRuleAdmin(admin.ModelAdmin):
    list_display = ["topic", "municipality", "agency"]
    list_filter = ["topic__category", "municipality"]
    autocomplete_fields = ["topic", "municipality", "agency"]


@admin.register(RejectionReason)
class RejectionReasonAdmin(admin.ModelAdmin):
    list_display = ["text", "code", "order", "is_active"]
    list_editable = ["order", "is_active"]


class TimelineInline(admin.TabularInline):
    model = TimelineEntry
    fields = ["created_at", "kind", "status_from", "status_to", "text", "is_public", "actor"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["__str__", "topic", "municipality", "status", "agency", "due_at", "created_at"]
    list_filter = ["status", "channel", "topic__category", "municipality"]
    search_fields = ["=id", "text", "address"]
    date_hierarchy = "created_at"
    list_select_related = ["topic", "municipality", "agency"]
    inlines = [TimelineInline]
    readonly_fields = [f.name for f in Report._meta.fields]
    fieldsets = [
        (
            None,
            {"fields": ["topic", "text", "address", "lat", "lon", "municipality", "attributes"]},
        ),
        (_("Progress"), {"fields": ["status", "agency", "due_at", "support_count"]}),
    ]

    def has_add_permission(self, request) -> bool:
        return False  # reports are filed through the portal, the API or Open311

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows that only services write: seen here, never added, edited or deleted by hand."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(CatalogueProposal)
class CatalogueProposalAdmin(ReadOnlyAdmin):
    """Accepting needs a category, a name and a deadline, declining a reason told to the
    resident: both happen on the regional admin's review page, linked from here."""

    list_display = ["name", "kind", "category", "author", "state", "created_at", "reviewed_at"]
    list_filter = ["state", "kind"]
    search_fields = ["name", "reason", "author__email"]
    list_select_related = ["category", "author"]
    date_hierarchy = "created_at"
    fields = [
        "kind",
        "name",
        "category",
        "reason",
        "author",
        "created_at",
        "state",
        "topic",
        "decline_reason",
        "reviewed_by",
        "reviewed_at",
        "review_page",
    ]
    readonly_fields = fields

    @admin.display(description=_("review"))
    def review_page(self, obj: CatalogueProposal) -> str:
        if obj.state != CatalogueProposal.State.PENDING:
            return "—"
        url = reverse("reports:proposals")
        return format_html('<a href="{}">{}</a>', url, _("Accept or decline on the review page"))


@admin.register(PressLink)
class PressLinkAdmin(ReadOnlyAdmin):
    list_display = ["title", "outlet", "report", "published_on", "added_by", "created_at"]
    search_fields = ["title", "outlet", "url", "=report__id"]
    list_select_related = ["report", "added_by"]
    date_hierarchy = "published_on"
    fields = ["report", "url", "title", "outlet", "published_on", "added_by", "created_at"]
    readonly_fields = fields
    actions = ["remove"]

    def has_remove_permission(self, request) -> bool:
        # Who may remove which link is the service's rule (a moderator of the report's territory).
        return request.user.is_active and request.user.is_staff

    @admin.action(description=_("Remove selected publications"), permissions=["remove"])
    def remove(self, request, queryset) -> None:
        removed = 0
        for link in queryset.select_related("report"):
            try:
                report_remove_press_link(user=request.user, link=link)
            except PermissionDenied as error:
                self.message_user(request, f"{link}: {error_text(error)}", messages.ERROR)
            else:
                removed += 1
        if removed:
            self.message_user(request, _("Publications removed: %(count)d.") % {"count": removed})


@admin.register(ReportFollow)
class ReportFollowAdmin(ReadOnlyAdmin):
    """Following is the person's own choice: only he starts or stops it."""

    list_display = ["report", "user", "created_at"]
    search_fields = ["=report__id", "user__email"]
    list_select_related = ["report", "user"]
    fields = ["report", "user", "created_at"]
    readonly_fields = fields
