"""Agencies that answer residents: regional departments, municipal administrations, service
companies, each with the territory it serves. Staff are linked through role assignments (staff app)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

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
    name = models.CharField(_("name"), max_length=300, unique=True)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    # The municipalities it serves; none means the whole region (a regional department).
    municipalities = models.ManyToManyField(
        Municipality, blank=True, related_name="agencies", verbose_name=_("territory served")
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.short_name or self.name
