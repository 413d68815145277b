"""The back office shows contests read-only: every change goes through the builder's services,
which check the organizer's rule, lock, audit and record the event."""

from django.contrib import admin

from .models import (
    Application,
    Contest,
    ContestDocument,
    ContestReviewer,
    ContestStage,
    Criterion,
    InitiativeGroup,
    RejectionReason,
    TemplateVersion,
)


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class StageInline(admin.TabularInline):
    model = ContestStage
    extra = 0
    can_delete = False
    readonly_fields = ("kind", "position", "starts_at", "ends_at")

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Contest)
class ContestAdmin(ReadOnly):
    list_display = ("title", "municipality", "status", "budget", "created_at")
    list_filter = ("status", "municipality")
    search_fields = ("title",)
    inlines = [StageInline]


@admin.register(ContestDocument)
class ContestDocumentAdmin(ReadOnly):
    list_display = ("title", "contest", "content_type", "size", "created_at")


@admin.register(TemplateVersion)
class TemplateVersionAdmin(ReadOnly):
    list_display = ("contest", "number", "published_at")


@admin.register(Criterion)
class CriterionAdmin(ReadOnly):
    list_display = ("title", "contest", "max_score", "weight", "source", "formula")


@admin.register(InitiativeGroup)
class InitiativeGroupAdmin(ReadOnly):
    list_display = ("name", "municipality", "leader", "created_at")


@admin.register(Application)
class ApplicationAdmin(ReadOnly):
    list_display = ("title", "contest", "kind", "municipality", "status", "cost", "submitted_at")
    list_filter = ("status", "kind")
    search_fields = ("title",)


@admin.register(ContestReviewer)
class ContestReviewerAdmin(ReadOnly):
    list_display = ("contest", "user", "added_by", "created_at")


@admin.register(RejectionReason)
class RejectionReasonAdmin(admin.ModelAdmin):
    """Reasons are plain data: an admin adds and retires them (retired ones stay on the
    applications rejected with them)."""

    list_display = ("text", "code", "is_active", "order")
    list_editable = ("is_active", "order")

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


# Public voting (issue 13): read-only; votes change only through the voting services. Individual
# votes and ballots are not listed: who voted for what stays out of the back office.
from .models import VoteTally, VotingResult, VotingTerms  # noqa: E402


@admin.register(VotingTerms)
class VotingTermsAdmin(ReadOnly):
    list_display = ("contest", "ballot_style", "min_choices", "max_choices", "winner_method")


@admin.register(VoteTally)
class VoteTallyAdmin(ReadOnly):
    list_display = ("application", "contest", "cost", "votes", "paper_votes", "status")
    list_filter = ("status",)


@admin.register(VotingResult)
class VotingResultAdmin(ReadOnly):
    list_display = ("contest", "method", "tie_rule", "computed_at")


# --- The expert commission and its sheets (issue 13): read-only, the services change them -------

from .models import CommissionMember, EvaluationSheet, ExpertCertificate, SheetSignature  # noqa: E402


@admin.register(CommissionMember)
class CommissionMemberAdmin(ReadOnly):
    list_display = ["contest", "user", "role", "created_at"]
    list_filter = ["role"]
    list_select_related = ["contest", "user"]


class SignatureInline(admin.TabularInline):
    model = SheetSignature
    fields = ["member", "refused", "refusal_reason", "certificate_sha256", "signing_time"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(EvaluationSheet)
class EvaluationSheetAdmin(ReadOnly):
    list_display = ["contest", "number", "status", "sha256", "generated_at"]
    list_filter = ["status"]
    exclude = ["content", "snapshot"]
    inlines = [SignatureInline]


@admin.register(ExpertCertificate)
class ExpertCertificateAdmin(ReadOnly):
    list_display = ["user", "subject", "not_after", "sha256"]
    list_select_related = ["user"]
