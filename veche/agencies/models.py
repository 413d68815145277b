"""Agencies that answer residents: regional departments, municipal administrations, service
companies, each with the territory it serves.

Staff are linked through role assignments (staff app).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from veche.territory.models import Municipality, Region


class Agency(models.Model):
    class Kind(models.TextChoices):
        REGIONAL_DEPARTMENT = "regional_department", _("regional department")
        MUNICIPAL_ADMINISTRATION = "municipal_administration", _("municipal administration")
        UTILITY = "utility", _("utility company")
        MANAGEMENT_COMPANY = "management_company", _("management company")
        OTHER = "other", _("other organization")

    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="agencies", verbose_name=_("region")
    )
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    name = models.CharField(pgettext_lazy("organization", "name"), max_length=300, unique=True)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    # Russian sentences need the name's case: «направлено в Администрацию города Сургута».
    name_accusative = models.CharField(
        _("name in the accusative"),
        max_length=300,
        blank=True,
        help_text=_(
            "As it stands after «направлено в»: «Администрацию города Сургута». Leave empty "
            "when it is the same as the name or unknown: sentences then name the agency in the "
            "nominative."
        ),
    )
    # The municipalities it serves; none means the whole region (a regional department).
    municipalities = models.ManyToManyField(
        Municipality, blank=True, related_name="agencies", verbose_name=_("territory served")
    )
    # A municipal administration administers exactly one municipality; routing reads it from here.
    administers = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="administrations",
        verbose_name=_("administers municipality"),
        help_text=_("Only for a municipal administration: the municipality it heads."),
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    is_active = models.BooleanField(pgettext_lazy("organization", "active"), default=True)

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="municipal_administration", administers__isnull=False)
                | (~Q(kind="municipal_administration") & Q(administers__isnull=True)),
                name="agency_administration_has_municipality",
                violation_error_message=_(
                    "Only a municipal administration names the municipality it heads, and it must."
                ),
            ),
            models.UniqueConstraint(
                fields=["administers"],
                condition=Q(is_active=True),
                name="agency_one_active_administration",
                violation_error_message=_(
                    "This municipality already has an active administration."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.short_name or self.name

    def clean(self) -> None:
        if self.administers_id and self.region_id and self.administers.region_id != self.region_id:
            raise ValidationError(
                {"administers": _("The municipality must be in the agency's region.")}
            )
