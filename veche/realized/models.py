"""The registry of realized initiative projects (issue 13, point 6; SPEC §7).

- A **project** is one initiative project of the registry: entered by staff, imported from a
  past year's table, or started from a contest's winning application (`application`, then the
  project is its implementation: in implementation → implemented, or not carried out).
- Its money is by source (region, municipality, residents, sponsors), each a Decimal the
  database keeps at or above zero; what residents and sponsors are owed back (a project not
  carried out, money left over) is recorded beside it and can never exceed what they gave.
- Its **timeline** (`ProjectUpdate`) is public: start, progress, completion, refunds.
- Its **photos** are before / during / after, processed by `veche.media`.
- `RealizedCount` is the figure of projects realized per municipality and year that admins
  enter (or import): the registry's completeness compares it with the projects entered.

The natural key of a project is (municipality, year, name): the import finds a row's project by
it, so importing the same file twice changes nothing (docs/realized.md, "Import").
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from veche.territory.models import Municipality, Settlement

MONEY = {"max_digits": 14, "decimal_places": 2}
FIRST_YEAR = 2017
LAST_YEAR = 2100
# The sources of money, in the order forms, tables and totals show them.
SOURCES = ("region", "municipality", "residents", "sponsors")
SOURCE_LABELS = {
    "region": pgettext_lazy("money source", "region"),
    "municipality": pgettext_lazy("money source", "municipality"),
    "residents": pgettext_lazy("money source", "residents"),
    "sponsors": pgettext_lazy("money source", "sponsors"),
}
# What may be owed back: only what residents and sponsors gave.
REFUNDABLE = ("residents", "sponsors")


class Direction(models.TextChoices):
    """The directions of initiative projects (docs/realized.md lists them with examples)."""

    ROADS = "roads", pgettext_lazy("project direction", "roads and pavements")
    YARDS = "yards", pgettext_lazy("project direction", "yards and public spaces")
    PLAYGROUNDS = "playgrounds", pgettext_lazy("project direction", "playgrounds")
    CULTURE = "culture", pgettext_lazy("project direction", "culture")
    SPORT = "sport", pgettext_lazy("project direction", "sport")
    EDUCATION = "education", pgettext_lazy("project direction", "education and youth")
    MEMORIALS = "memorials", pgettext_lazy("project direction", "memorials and history")
    LIGHTING = "lighting", pgettext_lazy("project direction", "street lighting")
    WATER = "water", pgettext_lazy("project direction", "water and utilities")
    SAFETY = "safety", pgettext_lazy("project direction", "fire safety")
    OTHER = "other", pgettext_lazy("project direction", "other")


class Status(models.TextChoices):
    IN_IMPLEMENTATION = "in_implementation", pgettext_lazy("project status", "in implementation")
    IMPLEMENTED = "implemented", pgettext_lazy("project status", "implemented")
    NOT_CARRIED_OUT = "not_carried_out", pgettext_lazy("project status", "not carried out")


def _money(label):
    return models.DecimalField(
        label, default=Decimal(0), validators=[MinValueValidator(Decimal(0))], **MONEY
    )


class Project(models.Model):
    name = models.CharField(pgettext_lazy("project", "name"), max_length=300)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="+", verbose_name=_("municipality")
    )
    settlement = models.ForeignKey(
        Settlement,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("settlement"),
    )
    # The project's own point; without it the map places it at its settlement's centre.
    lat = models.FloatField(
        _("latitude"),
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    lon = models.FloatField(
        _("longitude"),
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]
    )
    direction = models.CharField(_("direction"), max_length=20, choices=Direction.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.IMPLEMENTED
    )
    description = models.TextField(_("description"), blank=True)
    amount_region = _money(pgettext_lazy("money source", "region, ₽"))
    amount_municipality = _money(pgettext_lazy("money source", "municipality, ₽"))
    amount_residents = _money(pgettext_lazy("money source", "residents, ₽"))
    amount_sponsors = _money(pgettext_lazy("money source", "sponsors, ₽"))
    refund_residents = _money(_("due back to residents, ₽"))
    refund_sponsors = _money(_("due back to sponsors, ₽"))
    # The contest application this project implements, when it came from one.
    application = models.OneToOneField(
        "budgeting.Application",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("contest application"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("realized project")
        verbose_name_plural = _("realized projects")
        ordering = ["-year", "name", "pk"]
        indexes = [models.Index(fields=["year", "municipality"], name="realized_year_mo")]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "year", "name"], name="realized_natural_key"
            ),
            models.CheckConstraint(
                condition=Q(**{f"amount_{s}__gte": 0 for s in SOURCES}),
                name="realized_amounts_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(refund_residents__gte=0, refund_sponsors__gte=0),
                name="realized_refunds_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(refund_residents__lte=F("amount_residents"))
                & Q(refund_sponsors__lte=F("amount_sponsors")),
                name="realized_refunds_within_contributions",
            ),
            models.CheckConstraint(
                condition=Q(year__gte=FIRST_YEAR, year__lte=LAST_YEAR),
                name="realized_year_in_range",
            ),
            models.CheckConstraint(
                condition=Q(status__in=[s.value for s in Status]), name="realized_status_known"
            ),
            models.CheckConstraint(
                condition=Q(direction__in=[d.value for d in Direction]),
                name="realized_direction_known",
            ),
            models.CheckConstraint(
                condition=Q(lat__isnull=True, lon__isnull=True)
                | Q(lat__isnull=False, lon__isnull=False),
                name="realized_point_whole",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("realized:detail", args=[self.pk])

    @property
    def total(self) -> Decimal:
        return sum((getattr(self, f"amount_{s}") for s in SOURCES), Decimal(0))

    @property
    def refund_total(self) -> Decimal:
        return self.refund_residents + self.refund_sponsors

    def amounts(self) -> list[tuple[str, str, Decimal]]:
        return [(s, SOURCE_LABELS[s], getattr(self, f"amount_{s}")) for s in SOURCES]


class ProjectUpdate(models.Model):
    """One entry of the project's public timeline."""

    class Kind(models.TextChoices):
        ENTERED = "entered", pgettext_lazy("project timeline", "entered in the registry")
        STARTED = "started", pgettext_lazy("project timeline", "implementation started")
        PROGRESS = "progress", pgettext_lazy("project timeline", "progress")
        IMPLEMENTED = "implemented", pgettext_lazy("project timeline", "implemented")
        NOT_CARRIED_OUT = "not_carried_out", pgettext_lazy("project timeline", "not carried out")
        REFUND = "refund", pgettext_lazy("project timeline", "refund due")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="updates")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    text = models.TextField(_("text"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("project update")
        verbose_name_plural = _("project updates")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.project_id} · {self.kind}"


class ProjectPhoto(models.Model):
    class Stage(models.TextChoices):
        BEFORE = "before", pgettext_lazy("photo of a project", "before")
        DURING = "during", pgettext_lazy("photo of a project", "during")
        AFTER = "after", pgettext_lazy("photo of a project", "after")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="photos")
    update = models.ForeignKey(
        ProjectUpdate, on_delete=models.CASCADE, null=True, blank=True, related_name="photos"
    )
    stage = models.CharField(_("stage"), max_length=10, choices=Stage.choices)
    file = models.ImageField(_("file"), upload_to="realized/%Y/%m/")
    thumbnail = models.ImageField(_("thumbnail"), upload_to="realized/thumbs/%Y/%m/", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("project photo")
        verbose_name_plural = _("project photos")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.project_id} · {self.stage}"


class RealizedCount(models.Model):
    """How many projects a municipality realized in a year, as its admins report it: the
    registry's completeness is the projects entered against this figure."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="+", verbose_name=_("municipality")
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]
    )
    realized = models.PositiveIntegerField(_("projects realized"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("projects realized in a year")
        verbose_name_plural = _("projects realized by year")
        ordering = ["municipality__name", "year"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "year"], name="realized_count_once"),
            models.CheckConstraint(
                condition=Q(realized__gte=0), name="realized_count_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.municipality_id} · {self.year}: {self.realized}"
