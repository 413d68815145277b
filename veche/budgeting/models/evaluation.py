"""The expert commission and its signed evaluation sheet (issue 13, points 1–2).

- **Members** of a contest's commission — experts, its chair, the public jury — are memberships
  granted by the organizer (`CommissionMember`, audited). The chair is an expert who also
  generates and voids the sheet; the jury scores in its own stage and does not sign.
- **Assignments** give a member an admitted application to score (all to all, or by groups). A
  member declares a conflict of interest on an assignment; he then cannot score it.
- **Scores**: one per assignment and criterion scored by the experts, between 0 and the
  criterion's maximum (the service checks the maximum, the database that it is not negative),
  with a comment. Computed criteria are not stored: the selectors fill them.
- **The sheet** (`EvaluationSheet`) is a PDF generated once every input is final, stored in
  the database with its SHA-256; at most one sheet of a contest is not void (a partial unique
  constraint). Each commission member signs it (`SheetSignature`: a detached CMS signature, his
  certificate's SHA-256 fingerprint, the signed `signingTime`) or refuses (recorded, with his
  reason). A certificate is registered in the expert's profile (`ExpertCertificate`) before
  he signs with it.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .application import Application
from .contest import Contest
from .template import Criterion


class CommissionMember(models.Model):
    class Role(models.TextChoices):
        EXPERT = "expert", pgettext_lazy("commission role", "expert")
        CHAIR = "chair", pgettext_lazy("commission role", "chair")
        JURY = "jury", pgettext_lazy("commission role", "public jury")

    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="commission")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="commission_seats"
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("commission member")
        verbose_name_plural = _("commission members")
        ordering = ["contest", "role", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["contest", "user"], name="commission_member_once"),
            models.UniqueConstraint(
                fields=["contest"], condition=Q(role="chair"), name="commission_one_chair"
            ),
            models.CheckConstraint(
                condition=Q(role__in=["expert", "chair", "jury"]), name="commission_role_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.contest_id} · {self.user_id} · {self.role}"

    @property
    def signs(self) -> bool:
        """Experts and the chair sign the sheet; the public jury does not."""
        return self.role != self.Role.JURY


class Assignment(models.Model):
    """An application a commission member scores; a declared conflict of interest bars him."""

    member = models.ForeignKey(
        CommissionMember, on_delete=models.CASCADE, related_name="assignments"
    )
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="assignments"
    )
    conflict_declared_at = models.DateTimeField(null=True, blank=True)
    conflict_note = models.TextField(_("conflict of interest"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["member", "application"]
        constraints = [
            models.UniqueConstraint(fields=["member", "application"], name="assignment_once"),
            models.CheckConstraint(
                condition=Q(conflict_declared_at__isnull=True) | ~Q(conflict_note=""),
                name="assignment_conflict_explained",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member_id} · {self.application_id}"

    @property
    def has_conflict(self) -> bool:
        return self.conflict_declared_at is not None


class Score(models.Model):
    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores")
    value = models.DecimalField(_("score"), max_digits=6, decimal_places=2)
    comment = models.TextField(_("comment"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["assignment", "criterion"], name="score_once"),
            models.CheckConstraint(condition=Q(value__gte=0), name="score_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.assignment_id} · {self.criterion_id} · {self.value}"


class ExpertCertificate(models.Model):
    """A signing certificate an expert registered in his profile: only its fingerprint and what
    it says (the certificate and its key stay with him). One certificate belongs to one person."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="signing_certificates"
    )
    sha256 = models.CharField(_("SHA-256 fingerprint"), max_length=64, unique=True)
    subject = models.CharField(pgettext_lazy("certificate", "subject"), max_length=500)
    issuer = models.CharField(pgettext_lazy("certificate", "issuer"), max_length=500)
    not_after = models.DateTimeField(pgettext_lazy("certificate", "valid until"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("signing certificate")
        verbose_name_plural = _("signing certificates")
        ordering = ["user", "-created_at"]

    def __str__(self) -> str:
        return self.subject


class EvaluationSheet(models.Model):
    class Status(models.TextChoices):
        SIGNING = "signing", _("awaiting signatures")
        SIGNED = "signed", pgettext_lazy("evaluation sheet", "signed")
        VOID = "void", pgettext_lazy("evaluation sheet", "void")

    contest = models.ForeignKey(Contest, on_delete=models.PROTECT, related_name="sheets")
    number = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SIGNING)
    content = models.BinaryField()
    sha256 = models.CharField(max_length=64)
    # What the sheet says (scores, totals, ranking), as it was generated.
    snapshot = models.JSONField(default=dict)
    generated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    generated_at = models.DateTimeField()
    signed_at = models.DateTimeField(null=True, blank=True)
    void_reason = models.TextField(blank=True)
    voided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    voided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("evaluation sheet")
        verbose_name_plural = _("evaluation sheets")
        ordering = ["contest", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["contest", "number"], name="sheet_number"),
            models.UniqueConstraint(
                fields=["contest"], condition=~Q(status="void"), name="sheet_one_current"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["signing", "signed", "void"]), name="sheet_status_known"
            ),
            models.CheckConstraint(
                condition=~Q(status="void") | (Q(voided_at__isnull=False) & ~Q(void_reason="")),
                name="sheet_void_with_reason",
            ),
            models.CheckConstraint(
                condition=~Q(status="signed") | Q(signed_at__isnull=False),
                name="sheet_signed_moment",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.contest_id} · {self.number}"

    @property
    def file_name(self) -> str:
        return f"evaluation-sheet-{self.contest_id}-{self.number}.pdf"


class SheetSignature(models.Model):
    """A commission member's signature on a sheet, or his recorded refusal to sign."""

    sheet = models.ForeignKey(EvaluationSheet, on_delete=models.PROTECT, related_name="signatures")
    member = models.ForeignKey(CommissionMember, on_delete=models.PROTECT, related_name="+")
    refused = models.BooleanField(default=False)
    refusal_reason = models.TextField(blank=True)
    # The detached CMS signature as DER (a PEM upload is stored decoded).
    signature = models.BinaryField(null=True, blank=True)
    certificate_sha256 = models.CharField(max_length=64, blank=True)
    signer = models.CharField(max_length=500, blank=True)
    signing_time = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        ordering = ["sheet", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["sheet", "member"], name="signature_once"),
            models.CheckConstraint(
                condition=Q(refused=True, signature__isnull=True) & ~Q(refusal_reason="")
                | Q(refused=False, signature__isnull=False) & ~Q(certificate_sha256=""),
                name="signature_or_refusal",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.sheet_id} · {self.member_id}"
