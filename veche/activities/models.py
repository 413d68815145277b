"""The children's activities catalogue: organizations of additional education and their
programmes (docs/activities.md)."""

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from veche.territory.models import Municipality

MAX_AGE = 18


class Direction(models.TextChoices):
    """The six directions of additional education (Order of the Ministry of Education No. 629)."""

    TECHNICAL = "technical", _("technical")
    SCIENCE = "science", _("natural science")
    SPORT = "sport", _("physical culture and sport")
    ARTS = "arts", _("arts")
    TOURISM = "tourism", _("tourism and local history")
    SOCIAL = "social", _("social and humanitarian")


class Organization(models.Model):
    name = models.CharField(_("name"), max_length=300)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="activity_organizations",
        verbose_name=_("municipality"),
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    lat = models.FloatField(_("latitude"), null=True, blank=True)
    lon = models.FloatField(_("longitude"), null=True, blank=True)
    phone = models.CharField(_("phone"), max_length=60, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name"], name="activities_organization_key"
            ),
            models.CheckConstraint(
                condition=Q(lat__isnull=True, lon__isnull=True)
                | Q(lat__isnull=False, lon__isnull=False),
                name="activities_organization_point_whole",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def has_point(self) -> bool:
        return self.lat is not None and self.lon is not None


class Programme(models.Model):
    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        related_name="programmes",
        verbose_name=_("organization"),
    )
    title = models.CharField(_("title"), max_length=300)
    direction = models.CharField(_("direction"), max_length=20, choices=Direction.choices)
    age_from = models.PositiveSmallIntegerField(_("from age"))
    age_to = models.PositiveSmallIntegerField(_("to age"))
    # None: free of charge; otherwise roubles a month.
    price = models.DecimalField(
        _("price a month, ₽"), max_digits=9, decimal_places=2, null=True, blank=True
    )
    schedule = models.CharField(_("schedule"), max_length=300, blank=True)
    description = models.TextField(_("description"), max_length=5000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("children's programmes")
        ordering = ["title", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "title"], name="activities_programme_key"
            ),
            models.CheckConstraint(
                condition=Q(age_from__lte=F("age_to"), age_to__lte=MAX_AGE),
                name="activities_programme_ages",
            ),
            models.CheckConstraint(
                condition=Q(price__isnull=True) | Q(price__gt=0),
                name="activities_programme_price_positive",
            ),
            models.CheckConstraint(
                condition=Q(direction__in=Direction.values), name="activities_programme_direction"
            ),
        ]
        indexes = [models.Index(fields=["age_from", "age_to"], name="activities_programme_age")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("activities:detail", args=[self.pk])

    @property
    def is_free(self) -> bool:
        return self.price is None
