"""Points in the back office: rules and the catalogue are plain data edited here; orders are
read here and decided at the rewards desk (/points/desk/), through the services; grants are
read-only (the ledger's admin shows the money)."""

from django.contrib import admin

from .models import DeskMember, Grant, Order, Reward, Rule


@admin.register(Rule)
class RuleAdmin(admin.ModelAdmin):
    list_display = [
        "action",
        "label",
        "grant_kind",
        "points",
        "daily_cap",
        "approved_first",
        "active",
    ]
    list_editable = ["points", "daily_cap", "active"]
    list_filter = ["active", "approved_first"]


@admin.register(Reward)
class RewardAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "price", "stock", "active"]
    list_filter = ["kind", "active"]
    search_fields = ["title"]


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Order)
class OrderAdmin(ReadOnly):
    list_display = ["id", "reward", "user", "price", "status", "created_at", "decided_by"]
    list_filter = ["status"]
    list_select_related = ["reward", "user", "decided_by"]
    search_fields = ["=id", "reward__title"]


@admin.register(Grant)
class GrantAdmin(ReadOnly):
    list_display = [
        "id",
        "rule",
        "user",
        "points",
        "subject_type",
        "subject_id",
        "day",
        "revoked_at",
    ]
    list_filter = ["rule"]
    list_select_related = ["rule", "user"]
    search_fields = ["=subject_id", "=event_id"]
    show_full_result_count = False


@admin.register(DeskMember)
class DeskMemberAdmin(ReadOnly):
    list_display = ["user", "added_by", "added_at"]
