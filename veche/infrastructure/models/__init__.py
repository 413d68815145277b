"""The infrastructure programme's registry (issue 14; SPEC §8; docs/infrastructure.md).

- A **category** groups objects (roads, yards, schools, …; 32 in the demo).
- An **object** (`Facility`) is one thing the programme builds or repairs: a point, a line (a
  road) or a polygon (a park) stored as GeoJSON in a JSON column, as the territory stores its
  boundaries (no GIS extension). Beside it: the representative point (`lat`, `lon`) the map and
  the municipality are read from, the geometry's bounding box (the map's bbox query), the
  municipality holding the point and every municipality the geometry crosses
  (`FacilityMunicipality`, for filters).
- Its money (planned, spent) and progress are kept at or above zero and 0–100 by the database;
  payments by date (`Payment`) where the source gives them.
- Every change of status, progress or money leaves one **history** row (`HistoryEntry`) with the
  changed fields' old and new values; the services write it, never a signal.
- Photos (`FacilityPhoto`) and project documents (`FacilityDocument`) pass through `veche.media`.
- `source_id` is the object's id in the source registry: the import finds a row's object by it,
  so importing the same file twice changes nothing.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from veche.agencies.models import Agency
from veche.territory.models import Municipality

MONEY = {"max_digits": 14, "decimal_places": 2}
FIRST_YEAR = 2000
LAST_YEAR = 2100


class Status(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("object status", "planned")
    IN_PROGRESS = "in_progress", pgettext_lazy("object status", "in progress")
    COMPLETED = "completed", pgettext_lazy("object status", "completed")
    SUSPENDED = "suspended", pgettext_lazy("object status", "suspended")


class WorkType(models.TextChoices):
    CONSTRUCTION = "construction", pgettext_lazy("work type", "construction")
    RECONSTRUCTION = "reconstruction", pgettext_lazy("work type", "reconstruction")
    REPAIR = "repair", pgettext_lazy("work type", "repair")
    CAPITAL_REPAIR = "capital_repair", pgettext_lazy("work type", "capital repair")
    LANDSCAPING = "landscaping", pgettext_lazy("work type", "landscaping")


class Shape(models.TextChoices):
    POINT = "point", pgettext_lazy("geometry", "point")
    LINE = "line", pgettext_lazy("geometry", "line")
    POLYGON = "polygon", pgettext_lazy("geometry", "polygon")


class Category(models.Model):
    name = models.CharField(pgettext_lazy("category", "name"), max_length=200, unique=True)
    slug = models.SlugField(_("code"), max_length=80, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    # The report topics a resident is offered first when he reports a problem on an object of
    # this category (the regional admin maps them in the admin); none → the general category's.
    report_topics = models.ManyToManyField(
        "reports.Topic", blank=True, related_name="+", verbose_name=_("report topics")
    )

    class Meta:
        verbose_name = _("object category")
        verbose_name_plural = _("object categories")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


def _money(label):
    return models.DecimalField(
        label, default=Decimal(0), validators=[MinValueValidator(Decimal(0))], **MONEY
    )


class Facility(models.Model):
    source_id = models.CharField(
        _("id in the source registry"), max_length=64, unique=True, null=True, blank=True
    )
    name = models.CharField(pgettext_lazy("object", "name"), max_length=300)
    address = models.CharField(_("address"), max_length=300, blank=True)
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="facilities", verbose_name=_("category")
    )
    shape = models.CharField(_("geometry"), max_length=10, choices=Shape.choices)
    geometry = models.JSONField(_("geometry (GeoJSON)"))
    # The representative point: a point's own, a line's middle vertex, a polygon's interior.
    lat = models.FloatField(_("latitude"))
    lon = models.FloatField(_("longitude"))
    min_lat = models.FloatField(editable=False)
    min_lon = models.FloatField(editable=False)
    max_lat = models.FloatField(editable=False)
    max_lon = models.FloatField(editable=False)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="+", verbose_name=_("municipality")
    )
    crossed = models.ManyToManyField(
        Municipality,
        through="FacilityMunicipality",
        related_name="+",
        verbose_name=_("municipalities crossed"),
    )
    programme = models.CharField(_("programme"), max_length=300, blank=True)
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]
    )
    work_type = models.CharField(_("work type"), max_length=20, choices=WorkType.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    planned_start = models.DateField(_("planned start"), null=True, blank=True)
    planned_end = models.DateField(_("planned end"), null=True, blank=True)
    actual_start = models.DateField(_("actual start"), null=True, blank=True)
    actual_end = models.DateField(_("actual end"), null=True, blank=True)
    contractor = models.CharField(_("contractor"), max_length=300, blank=True)
    agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responsible agency"),
    )
    budget_planned = _money(_("budget planned, ₽"))
    budget_spent = _money(_("spent, ₽"))
    progress = models.PositiveSmallIntegerField(
        _("progress, %"), default=0, validators=[MaxValueValidator(100)]
    )
    description = models.TextField(_("description"), blank=True)
    # Put to the residents' vote by the administration (docs/infrastructure.md, "Votes"): open
    # between the two moments; residents of the object's municipality vote unless `vote_anyone`.
    vote_opens = models.DateTimeField(_("vote opens"), null=True, blank=True)
    vote_closes = models.DateTimeField(_("vote closes"), null=True, blank=True)
    vote_anyone = models.BooleanField(_("any resident of the region may vote"), default=False)
    vote_count = models.PositiveIntegerField(_("votes"), default=0)
    # Snowball stems of the name, address and contractor (veche/search/text.py): Russian search.
    search_stems = models.TextField(default="", editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("infrastructure object")
        verbose_name_plural = _("infrastructure objects")
        ordering = ["-year", "name", "pk"]
        indexes = [
            models.Index(fields=["lat", "lon"], name="infra_point"),
            # The map's bbox query and its filters read this index alone (covering), never the
            # rows with their GeoJSON: clustering 22,000 objects falls from ~160 to ~20 ms.
            models.Index(
                fields=[
                    "min_lat",
                    "max_lat",
                    "min_lon",
                    "max_lon",
                    "lat",
                    "lon",
                    "category",
                    "status",
                    "year",
                ],
                name="infra_map_cover",
            ),
            models.Index(fields=["category", "status", "year"], name="infra_filters"),
            models.Index(fields=["municipality", "year"], name="infra_mo_year"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__gte=0, progress__lte=100), name="infra_progress_0_100"
            ),
            models.CheckConstraint(
                condition=Q(vote_opens__isnull=True)
                | Q(vote_closes__isnull=True)
                | Q(vote_closes__gt=F("vote_opens")),
                name="infra_vote_period",
            ),
            models.CheckConstraint(
                condition=Q(budget_planned__gte=0, budget_spent__gte=0),
                name="infra_money_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(status__in=Status.values), name="infra_status_known"
            ),
            models.CheckConstraint(
                condition=Q(work_type__in=WorkType.values), name="infra_work_type_known"
            ),
            models.CheckConstraint(condition=Q(shape__in=Shape.values), name="infra_shape_known"),
            models.CheckConstraint(
                condition=Q(year__gte=FIRST_YEAR, year__lte=LAST_YEAR), name="infra_year_range"
            ),
            models.CheckConstraint(
                condition=Q(lat__gte=F("min_lat"), lat__lte=F("max_lat"))
                & Q(lon__gte=F("min_lon"), lon__lte=F("max_lon")),
                name="infra_point_in_bbox",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("infrastructure:detail", args=[self.pk])


class FacilityMunicipality(models.Model):
    """A municipality the object's geometry crosses (its own municipality included)."""

    facility = models.ForeignKey(Facility, on_delete=models.CASCADE, related_name="+")
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["municipality", "facility"], name="infra_crossed_once")
        ]

    def __str__(self) -> str:
        return f"{self.facility_id} · {self.municipality_id}"


class Payment(models.Model):
    facility = models.ForeignKey(Facility, on_delete=models.CASCADE, related_name="payments")
    paid_on = models.DateField(_("date"))
    amount = _money(_("amount, ₽"))

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["paid_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="infra_payment_not_negative"),
            models.UniqueConstraint(fields=["facility", "paid_on"], name="infra_payment_per_day"),
        ]

    def __str__(self) -> str:
        return f"{self.facility_id} · {self.paid_on} · {self.amount}"


class HistoryEntry(models.Model):
    """One change of an object's status, progress or money: {field: [old, new]} as text."""

    class Source(models.TextChoices):
        CREATED = "created", pgettext_lazy("object history", "entered in the registry")
        IMPORT = "import", pgettext_lazy("object history", "import")
        STAFF = "staff", pgettext_lazy("object history", "edited by staff")

    facility = models.ForeignKey(Facility, on_delete=models.CASCADE, related_name="history")
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    changes = models.JSONField(_("changes"), default=dict)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("history entry")
        verbose_name_plural = _("object history")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.facility_id} · {self.source}"


class FacilityPhoto(models.Model):
    facility = models.ForeignKey(Facility, on_delete=models.CASCADE, related_name="photos")
    file = models.ImageField(_("file"), upload_to="infrastructure/%Y/%m/")
    thumbnail = models.ImageField(_("thumbnail"), upload_to="infrastructure/thumbs/%Y/%m/")
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("object photo")
        verbose_name_plural = _("object photos")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.facility_id} · {self.file.name}"


class FacilityDocument(models.Model):
    facility = models.ForeignKey(Facility, on_delete=models.CASCADE, related_name="documents")
    file = models.FileField(_("file"), upload_to="infrastructure/docs/%Y/%m/")
    name = models.CharField(_("name"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("project document")
        verbose_name_plural = _("project documents")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.name


class ImportJob(models.Model):
    """An upload from the admin, imported by a background task; its page shows how it went."""

    class State(models.TextChoices):
        WAITING = "waiting", pgettext_lazy("import", "waiting")
        RUNNING = "running", pgettext_lazy("import", "running")
        DONE = "done", pgettext_lazy("import", "done")
        REFUSED = "refused", pgettext_lazy("import", "refused")

    file = models.FileField(_("file"), upload_to="infrastructure/imports/")
    filename = models.CharField(_("file name"), max_length=200)
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.WAITING
    )
    rows_total = models.PositiveIntegerField(_("rows"), default=0)
    rows_done = models.PositiveIntegerField(_("rows checked"), default=0)
    result = models.JSONField(_("result"), default=dict, blank=True)
    errors = models.JSONField(_("errors"), default=list, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("object import")
        verbose_name_plural = _("object imports")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.filename


from .residents import FacilityVote, Proposal, ProposalSupport, Rating  # noqa: E402

__all__ = [
    "Category",
    "Facility",
    "FacilityDocument",
    "FacilityMunicipality",
    "FacilityPhoto",
    "FacilityVote",
    "HistoryEntry",
    "ImportJob",
    "Payment",
    "Proposal",
    "ProposalSupport",
    "Rating",
    "Shape",
    "Status",
    "WorkType",
]
