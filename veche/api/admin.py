"""Back office: tokens are seen and revoked here; new ones come from the staff page or the
`create_api_token` command, since only they can show the plain key once."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import ApiToken
from .services import api_token_revoke


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "key_prefix", "user", "created_at", "last_used_at", "expires_at"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "key_prefix", "user__email"]
    fields = [
        "name",
        "user",
        "key_prefix",
        "key_hash",
        "created_by",
        "created_at",
        "last_used_at",
        "expires_at",
        "revoked_at",
    ]
    readonly_fields = fields
    actions = ["revoke"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    @admin.action(description=_("Revoke selected tokens"), permissions=["delete"])
    def revoke(self, request, queryset) -> None:
        for token in queryset:
            api_token_revoke(token=token, revoked_by=request.user)
        self.message_user(request, _("The selected tokens are revoked."))
