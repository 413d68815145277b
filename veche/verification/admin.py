"""Back office: verifications are read here; decisions go through the moderators' pages."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import Verification


@admin.register(Verification)
class VerificationAdmin(admin.ModelAdmin):
    list_display = ["user", "method", "status", "created_at", "decided_by", "decided_at"]
    list_filter = ["method", "status"]
    search_fields = ["user__email", "user__last_name", "phone", "oidc_subject"]
    list_select_related = ["user", "decided_by"]
    date_hierarchy = "created_at"
    # The document file is not a field here: it is reached only through the protected view.
    fields = [
        "user",
        "method",
        "status",
        "phone",
        "document_link",
        "document_type",
        "note",
        "oidc_issuer",
        "oidc_subject",
        "created_at",
        "decided_by",
        "decided_at",
        "revoked_by",
        "revoked_at",
        "reason",
        "decision_page",
    ]
    readonly_fields = fields

    @admin.display(description=_("document"))
    def document_link(self, obj: Verification) -> str:
        if not obj.document:
            return "—"
        url = reverse("verification:document", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Open the document"))

    @admin.display(description=_("decision"))
    def decision_page(self, obj: Verification) -> str:
        url = reverse("verification:detail", args=[obj.pk])
        return format_html(
            '<a href="{}">{}</a>', url, _("Decide or revoke on the moderators' page")
        )

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
