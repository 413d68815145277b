"""Capital rules and projects in the back office. A project's money is read here and moves only
through the services (a rejection from the admin action returns every gift, audited)."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError

from veche.core.forms import error_text

from .models import CapitalRule, Project
from .services import project_reject


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
