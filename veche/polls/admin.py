"""Back office for polls: read-only. Polls, questions and options change on the organizer's
editor (/polls/manage/), which goes through the services (rules, events, audit log, frozen
questions); ballots and counters are never edited by hand, or the counts would stop matching
the rows."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import Ballot, Poll, Question


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class QuestionInline(admin.TabularInline):
    model = Question
    fields = ["position", "text", "kind", "is_required", "answer_count"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Poll)
class PollAdmin(ReadOnlyAdmin):
    list_display = [
        "title",
        "municipality",
        "status",
        "opens_at",
        "closes_at",
        "ballot_count",
        "editor",
    ]
    list_filter = ["status", "eligibility", "results_visibility", "is_satisfaction_survey"]
    search_fields = ["title"]
    list_select_related = ["municipality"]
    inlines = [QuestionInline]

    @admin.display(description=_("Editor"))
    def editor(self, poll: Poll) -> str:
        return format_html(
            '<a href="{}">{}</a>', reverse("polls:edit", args=[poll.pk]), _("open the editor")
        )


@admin.register(Ballot)
class BallotAdmin(ReadOnlyAdmin):
    # The voter is not shown: a ballot is secret even in the back office.
    list_display = ["pk", "poll", "cast_at", "channel", "voting_point", "municipality"]
    list_filter = ["channel"]
    list_select_related = ["poll", "municipality"]
    fields = [
        "poll",
        "cast_at",
        "channel",
        "voting_point",
        "municipality",
        "age_group",
        "sex",
        "settlement_kind",
    ]
    readonly_fields = fields
