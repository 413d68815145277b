"""Back office: tokens are seen and revoked here; new ones come from the staff page or the
`create_api_token` command, since only they can show the plain key once."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import ApiToken
from .services import api_token_revoke, api_token_set_trusted


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "key_prefix",
        "user",
        "trusted",
        "created_at",
        "last_used_at",
        "expires_at",
    ]
    list_filter = ["trusted", ("revoked_at", admin.EmptyFieldListFilter)]
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
        "trusted",
    ]
    readonly_fields = fields
    actions = ["revoke", "trust", "distrust"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    @admin.action(description=_("Revoke selected tokens"), permissions=["delete"])
    def revoke(self, request, queryset) -> None:
        for token in queryset:
            api_token_revoke(token=token, revoked_by=request.user)
        self.message_user(request, _("The selected tokens are revoked."))

    def has_trust_permission(self, request) -> bool:
        return request.user.is_superuser

    @admin.action(
        description=_("Mark selected tokens trusted (skip pre-moderation)"), permissions=["trust"]
    )
    def trust(self, request, queryset) -> None:
        self._set_trusted(request, queryset, trusted=True)

    @admin.action(description=_("Mark selected tokens not trusted"), permissions=["trust"])
    def distrust(self, request, queryset) -> None:
        self._set_trusted(request, queryset, trusted=False)

    def _set_trusted(self, request, queryset, *, trusted: bool) -> None:
        for token in queryset:
            api_token_set_trusted(token=token, trusted=trusted, changed_by=request.user)
        self.message_user(request, _("The selected tokens are changed."))
