"""Capital rules and projects in the back office. A project's money is read here and moves only
through the services (a rejection from the admin action returns every gift, audited)."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError

from veche.core.forms import error_text

from .models import (
    Activist,
    CapitalFreeze,
    CapitalRule,
    GrantApplication,
    GrantContest,
    Link,
    News,
    Organization,
    Project,
)
from .services import entry_review, project_reject


@admin.register(CapitalRule)
class CapitalRuleAdmin(admin.ModelAdmin):
    list_display = ["label", "kind", "amount", "grant_on", "active"]


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ["title", "owner", "goal", "collected", "backers", "deadline", "status"]
    list_filter = ["status"]
    search_fields = ["title"]
    readonly_fields = ["collected", "backers", "status"]
    raw_id_fields = ["owner"]
    actions = ["reject"]

    @admin.action(description="Reject and return every gift")
    def reject(self, request, queryset):
        for project in queryset:
            try:
                project_reject(moderator=request.user, project=project)
            except (PermissionDenied, ValidationError) as refusal:
                self.message_user(request, f"{project}: {error_text(refusal)}", messages.ERROR)


class _ReadOnly(admin.ModelAdmin):
    """Rows the services write (with their events and audit rows): read here, changed there."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class _Reviewed(_ReadOnly):
    list_filter = ["status", "direction", "municipality"]
    actions = ["approve"]

    @admin.action(description="Approve (into the public registry)")
    def approve(self, request, queryset):
        for entry in queryset:
            try:
                entry_review(moderator=request.user, entry=entry, approve=True)
            except (PermissionDenied, ValidationError) as refusal:
                self.message_user(request, f"{entry}: {error_text(refusal)}", messages.ERROR)


@admin.register(Organization)
class OrganizationAdmin(_Reviewed):
    list_display = ["name", "kind", "direction", "municipality", "status", "verified_at"]
    list_filter = ["status", "kind", "direction", "municipality"]
    search_fields = ["name"]


@admin.register(Activist)
class ActivistAdmin(_Reviewed):
    list_display = ["name", "direction", "municipality", "status", "verified_at"]
    search_fields = ["name"]


@admin.register(Link)
class LinkAdmin(_ReadOnly):
    list_display = ["a_kind", "a_id", "b_kind", "b_id", "note", "created_at"]


@admin.register(News)
class NewsAdmin(_ReadOnly):
    list_display = ["title", "owner_kind", "owner_id", "published_at"]


@admin.register(CapitalFreeze)
class CapitalFreezeAdmin(_ReadOnly):
    list_display = ["user", "reason", "frozen_at", "lifted_at"]


@admin.register(GrantContest)
class GrantContestAdmin(admin.ModelAdmin):
    list_display = ["contest", "min_age", "public_until", "goal"]
    raw_id_fields = ["contest"]


@admin.register(GrantApplication)
class GrantApplicationAdmin(_ReadOnly):
    list_display = ["grant_contest", "applicant", "direction", "created_at"]
    exclude = ["date_of_birth"]
