"""Verification of a resident's identity: a status with its method and evidence (SPEC §1, §9).

A resident becomes "verified" by one of three methods: a code sent to his phone, a document checked
by a moderator, or an external OpenID Connect identity provider. Every attempt is a `Verification`
row; the user's own `verified_at` / `verification_method` say which approved one counts.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from veche.accounts.models import VerificationMethod

from .storage import document_storage

MAX_CODE_ATTEMPTS = 5

# File extension by the type detected from the content (never from the uploaded name).
DOCUMENT_EXTENSIONS = {"image/jpeg": ".jpg", "image/png": ".png", "application/pdf": ".pdf"}


def document_upload_to(instance: "Verification", filename: str) -> str:
    """A random, non-guessable name; the resident's file name is not kept (it may hold his name)."""
    extension = DOCUMENT_EXTENSIONS.get(instance.document_type, "")
    return f"verification/{secrets.token_urlsafe(32)}{extension}"


class Verification(models.Model):
    Method = VerificationMethod  # the user's `verification_method` holds the same values

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")
        REVOKED = "revoked", _("revoked")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="verifications",
        verbose_name=_("user"),
    )
    method = models.CharField(_("method"), max_length=20, choices=Method.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    # Evidence, by method: the phone number; the uploaded document; the provider's issuer + subject.
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    document = models.FileField(
        _("document"), upload_to=document_upload_to, storage=document_storage, blank=True
    )
    document_type = models.CharField(_("document type"), max_length=50, blank=True)
    note = models.TextField(_("resident's note"), blank=True, max_length=1000)
    oidc_issuer = models.CharField(_("identity provider"), max_length=255, blank=True)
    oidc_subject = models.CharField(_("identifier at the provider"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revoked by"),
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    # Why it was rejected or revoked; shown to the resident.
    reason = models.TextField(_("reason"), blank=True, max_length=1000)

    class Meta:
        verbose_name = _("verification")
        verbose_name_plural = _("verifications")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "method"],
                condition=Q(status="pending"),
                name="verification_one_pending_per_method",
            ),
            # One external identity belongs to one account.
            models.UniqueConstraint(
                fields=["oidc_issuer", "oidc_subject"],
                condition=Q(method="oidc", status="approved"),
                name="verification_unique_oidc_identity",
            ),
            models.CheckConstraint(
                condition=~Q(method="phone") | ~Q(phone=""),
                name="verification_phone_has_number",
            ),
            models.CheckConstraint(
                condition=~Q(method="document") | ~Q(document=""),
                name="verification_document_has_file",
            ),
            models.CheckConstraint(
                condition=~Q(method="oidc") | (~Q(oidc_issuer="") & ~Q(oidc_subject="")),
                name="verification_oidc_has_identity",
            ),
            models.CheckConstraint(
                condition=Q(status="pending", decided_at__isnull=True)
                | (~Q(status="pending") & Q(decided_at__isnull=False)),
                name="verification_decided_unless_pending",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["rejected", "revoked"]) | ~Q(reason=""),
                name="verification_refusal_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(status="revoked") | Q(revoked_at__isnull=False),
                name="verification_revoked_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_method_display()} · {self.get_status_display()}"


class PhoneCode(models.Model):
    """A one-time code sent by SMS. Only a keyed hash of the code is stored, never the code."""

    verification = models.ForeignKey(
        Verification,
        on_delete=models.CASCADE,
        related_name="phone_codes",
        verbose_name=_("verification"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="phone_codes",
        verbose_name=_("user"),
    )
    phone = models.CharField(_("phone"), max_length=20)
    code_hash = models.CharField(_("code hash"), max_length=128)
    created_at = models.DateTimeField(
        _("created"), default=timezone.now, editable=False, db_index=True
    )
    expires_at = models.DateTimeField(_("expires"))
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    used_at = models.DateTimeField(_("used"), null=True, blank=True)

    class Meta:
        verbose_name = _("phone code")
        verbose_name_plural = _("phone codes")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(attempts__lte=MAX_CODE_ATTEMPTS), name="phone_code_attempts_capped"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.phone} · {self.created_at:%Y-%m-%d %H:%M}"
