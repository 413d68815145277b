"""API tokens: how an app (a city's mobile app, a contact-centre system) acts as one user.

Only a SHA-256 hash of the key is stored, with a short visible prefix so people can tell keys
apart; the plain key is shown once, when the token is created.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import pgettext_lazy


class ApiToken(models.Model):
    name = models.CharField(pgettext_lazy("api token", "name"), max_length=100)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=pgettext_lazy("api token", "acts as user"),
    )
    key_prefix = models.CharField(pgettext_lazy("api token", "key prefix"), max_length=16)
    key_hash = models.CharField(
        pgettext_lazy("api token", "key hash (SHA-256)"), max_length=64, unique=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=pgettext_lazy("api token", "created by"),
    )
    created_at = models.DateTimeField(pgettext_lazy("api token", "created"), default=timezone.now)
    last_used_at = models.DateTimeField(
        pgettext_lazy("api token", "last used"), null=True, blank=True
    )
    expires_at = models.DateTimeField(pgettext_lazy("api token", "expires"), null=True, blank=True)
    revoked_at = models.DateTimeField(pgettext_lazy("api token", "revoked"), null=True, blank=True)
    # The region's own contact centre or app: its Open311 filings skip pre-moderation.
    trusted = models.BooleanField(
        pgettext_lazy("api token", "trusted"),
        default=False,
        help_text=pgettext_lazy(
            "api token",
            "The region's own contact centre or app: reports it files on residents' behalf are "
            "published and routed at once, without waiting for a moderator.",
        ),
    )

    class Meta:
        verbose_name = pgettext_lazy("api token", "API token")
        verbose_name_plural = pgettext_lazy("api token", "API tokens")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(expires_at__isnull=True)
                | models.Q(expires_at__gt=models.F("created_at")),
                name="api_token_expires_after_creation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.key_prefix}…)"

    def is_expired(self, now=None) -> bool:
        return self.expires_at is not None and self.expires_at <= (now or timezone.now())

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def is_active(self) -> bool:
        return not self.is_revoked and not self.is_expired()
