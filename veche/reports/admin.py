"""Back office for the catalogue (spheres, topics, deadlines, routing, rejection reasons).
Reports themselves change only through their services, so the admin shows them read-only."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import (
    Category,
    RejectionReason,
    Report,
    RoutingRule,
    TimelineEntry,
    Topic,
    TopicAttribute,
)


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
