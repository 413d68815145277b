"""Staff roles, each scoped to a municipality and/or an agency (SPEC §1).

A role without a municipality or agency covers the whole region. Residents and verified residents
are not assignments: they follow from the user's own state (confirmed e-mail, verification).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from veche.agencies.models import Agency
from veche.territory.models import Municipality


class Role(models.TextChoices):
    OPERATOR = "operator", _("contact-centre operator")
    MODERATOR = "moderator", _("moderator")
    OFFICIAL = "official", _("official")
    AGENCY_HEAD = "agency_head", _("agency head")
    EXPERT = "expert", _("expert")
    MUNICIPAL_ADMIN = "municipal_admin", _("municipal admin")
    REGIONAL_ADMIN = "regional_admin", _("regional admin")
    MUNICIPAL_HEAD = "municipal_head", _("head of municipality")
    REGIONAL_HEAD = "regional_head", _("head of region")


AGENCY_ROLES = [Role.OFFICIAL, Role.AGENCY_HEAD]
MUNICIPAL_ROLES = [Role.MUNICIPAL_ADMIN, Role.MUNICIPAL_HEAD]


DUPLICATE_ROLE = _("This user already holds this role in this scope.")


class RoleAssignment(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="role_assignments",
        verbose_name=_("user"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="role_assignments",
        verbose_name=_("municipality"),
    )
    agency = models.ForeignKey(
        Agency,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="role_assignments",
        verbose_name=_("agency"),
    )
    created_at = models.DateTimeField(_("assigned"), auto_now_add=True)

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [
            models.CheckConstraint(
                condition=~Q(role__in=AGENCY_ROLES) | Q(agency__isnull=False),
                name="role_agency_roles_need_agency",
                violation_error_message=_("An official or agency head needs an agency."),
            ),
            models.CheckConstraint(
                condition=~Q(role__in=MUNICIPAL_ROLES) | Q(municipality__isnull=False),
                name="role_municipal_roles_need_municipality",
                violation_error_message=_(
                    "A municipal admin or head of municipality needs a municipality."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(role__in=[Role.REGIONAL_ADMIN, Role.REGIONAL_HEAD])
                | (Q(municipality__isnull=True) & Q(agency__isnull=True)),
                name="role_regional_roles_unscoped",
                violation_error_message=_(
                    "A regional admin or head of region covers the whole region: "
                    "leave the municipality and agency empty."
                ),
            ),
            # NULL scopes are distinct in a plain unique index, hence one constraint per shape.
            models.UniqueConstraint(
                fields=["user", "role", "municipality", "agency"],
                name="role_unique_both",
                violation_error_message=DUPLICATE_ROLE,
            ),
            models.UniqueConstraint(
                fields=["user", "role", "municipality"],
                condition=Q(agency__isnull=True, municipality__isnull=False),
                name="role_unique_municipality",
                violation_error_message=DUPLICATE_ROLE,
            ),
            models.UniqueConstraint(
                fields=["user", "role", "agency"],
                condition=Q(municipality__isnull=True, agency__isnull=False),
                name="role_unique_agency",
                violation_error_message=DUPLICATE_ROLE,
            ),
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=Q(municipality__isnull=True, agency__isnull=True),
                name="role_unique_unscoped",
                violation_error_message=DUPLICATE_ROLE,
            ),
        ]

    def __str__(self) -> str:
        scope = self.agency or self.municipality or _("whole region")
        return f"{self.get_role_display()} · {scope}"


class StaffAuditLog(models.Model):
    """One staff action: who did what to which object. Rows are only ever added.

    The target is kept as type, id and text, so the row outlives the object it names.
    """

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("actor"),
    )
    action = models.CharField(_("action"), max_length=100)
    target_type = models.CharField(_("object type"), max_length=100, blank=True)
    target_id = models.CharField(_("object id"), max_length=64, blank=True)
    target_repr = models.CharField(_("object"), max_length=300, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)
    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("staff audit record")
        verbose_name_plural = _("staff audit log")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["target_type", "target_id"], name="staff_audit_target")]

    def __str__(self) -> str:
        return f"{self.action} · {self.target_repr}"
