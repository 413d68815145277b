"""The region's territory: region → municipalities → settlements, each with a boundary and a centre.

Boundaries are GeoJSON geometries (Polygon or MultiPolygon, WGS 84) kept in JSON fields, with a
bounding box stored beside them so that a point lookup reads only the few candidates it may hit.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .validators import validate_boundary


class Bounded(models.Model):
    """Boundary, centre and bounding box shared by every level of the territory."""

    boundary = models.JSONField(
        _("boundary (GeoJSON)"),
        null=True,
        blank=True,
        validators=[validate_boundary],
        help_text=_(
            "A GeoJSON Polygon or MultiPolygon in WGS 84, points as [longitude, latitude]."
        ),
    )
    centre_lat = models.FloatField(
        _("centre latitude"), validators=[MinValueValidator(-90), MaxValueValidator(90)]
    )
    centre_lon = models.FloatField(
        _("centre longitude"), validators=[MinValueValidator(-180), MaxValueValidator(180)]
    )
    min_lat = models.FloatField(null=True, blank=True, editable=False)
    min_lon = models.FloatField(null=True, blank=True, editable=False)
    max_lat = models.FloatField(null=True, blank=True, editable=False)
    max_lon = models.FloatField(null=True, blank=True, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        from .geometry import bbox

        box = bbox(self.boundary) if self.boundary else None
        self.min_lon, self.min_lat, self.max_lon, self.max_lat = box or (None, None, None, None)
        super().save(*args, **kwargs)


class Region(Bounded):
    name = models.CharField(pgettext_lazy("place", "name"), max_length=200, unique=True)
    slug = models.SlugField(_("code"), max_length=50, unique=True)
    timezone = models.CharField(_("time zone"), max_length=64, default="Asia/Yekaterinburg")

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return self.name


class Municipality(Bounded):
    class Kind(models.TextChoices):
        CITY_OKRUG = "city_okrug", _("city okrug")
        DISTRICT = "district", _("municipal district")
        MUNICIPAL_OKRUG = "municipal_okrug", _("municipal okrug")
        CITY = "city", _("city")

    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="municipalities", verbose_name=_("region")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(pgettext_lazy("place", "name"), max_length=200)
    slug = models.SlugField(_("code"), max_length=80)
    admin_centre = models.CharField(_("administrative centre"), max_length=200, blank=True)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["region", "name"], name="municipality_unique_name"),
            models.UniqueConstraint(fields=["region", "slug"], name="municipality_unique_slug"),
        ]

    def __str__(self) -> str:
        return self.name


class Settlement(Bounded):
    class Kind(models.TextChoices):
        CITY = "city", _("city")
        TOWN = "town", _("urban-type settlement")
        VILLAGE = "village", _("village")

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="settlements",
        verbose_name=_("municipality"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.VILLAGE)
    name = models.CharField(pgettext_lazy("place", "name"), max_length=200)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)

    class Meta:
        verbose_name = _("settlement")
        verbose_name_plural = _("settlements")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="settlement_unique_name"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.municipality.name})"


def search_key(text: str) -> str:
    """The form a gazetteer name is searched by: lower case, «ё» as «е», one space between
    words, punctuation as spaces. «Улица Мира» and «ул. мира» share the word «мира»."""
    cleaned = "".join(ch if ch.isalnum() else " " for ch in text.casefold().replace("ё", "е"))
    return " ".join(cleaned.split())


class Place(models.Model):
    """A named place of a settlement — a street, a square, a microdistrict — with one point (a
    street's is the centroid of its line), found by the filing form's search. Loaded by
    `manage.py import_gazetteer` (docs/territory.md)."""

    class Kind(models.TextChoices):
        STREET = "street", _("street")
        SQUARE = "square", _("square")
        DISTRICT = "district", _("microdistrict")
        LANDMARK = "landmark", _("landmark")

    settlement = models.ForeignKey(
        Settlement, on_delete=models.CASCADE, related_name="places", verbose_name=_("settlement")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.STREET)
    name = models.CharField(pgettext_lazy("place", "name"), max_length=200)
    lat = models.FloatField(
        _("latitude"), validators=[MinValueValidator(-90), MaxValueValidator(90)]
    )
    lon = models.FloatField(
        _("longitude"), validators=[MinValueValidator(-180), MaxValueValidator(180)]
    )
    key = models.CharField(max_length=400, editable=False, db_index=True)

    class Meta:
        verbose_name = _("gazetteer place")
        verbose_name_plural = _("gazetteer")
        ordering = ["key"]
        constraints = [
            models.UniqueConstraint(fields=["settlement", "name"], name="place_unique_name"),
        ]

    def __str__(self) -> str:
        return f"{self.name}, {self.settlement.name}"

    def save(self, *args, **kwargs):
        # The settlement's name is searched too: «мира урай» finds Urai's ulitsa Mira.
        self.key = search_key(f"{self.name} {self.settlement.name}")
        super().save(*args, **kwargs)
