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
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [
            models.CheckConstraint(
                condition=~Q(role__in=AGENCY_ROLES) | Q(agency__isnull=False),
                name="role_agency_roles_need_agency",
            ),
            models.CheckConstraint(
                condition=~Q(role__in=MUNICIPAL_ROLES) | Q(municipality__isnull=False),
                name="role_municipal_roles_need_municipality",
            ),
            models.CheckConstraint(
                condition=~Q(role__in=[Role.REGIONAL_ADMIN, Role.REGIONAL_HEAD])
                | (Q(municipality__isnull=True) & Q(agency__isnull=True)),
                name="role_regional_roles_unscoped",
            ),
            # NULL scopes are distinct in a plain unique index, hence one constraint per shape.
            models.UniqueConstraint(
                fields=["user", "role", "municipality", "agency"], name="role_unique_both"
            ),
            models.UniqueConstraint(
                fields=["user", "role", "municipality"],
                condition=Q(agency__isnull=True, municipality__isnull=False),
                name="role_unique_municipality",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "agency"],
                condition=Q(municipality__isnull=True, agency__isnull=False),
                name="role_unique_agency",
            ),
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=Q(municipality__isnull=True, agency__isnull=True),
                name="role_unique_unscoped",
            ),
        ]

    def __str__(self) -> str:
        scope = self.agency or self.municipality or _("whole region")
        return f"{self.get_role_display()} · {scope}"
