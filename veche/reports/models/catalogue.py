"""The catalogue residents file into: categories (spheres) → topics, with deadlines and routing."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from veche.agencies.models import Agency
from veche.territory.models import Municipality

# The law on citizens' appeals (59-ФЗ, art. 12): an answer within 30 days of registration.
LEGAL_LIMIT_CALENDAR_DAYS = 30


class Category(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("code"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class Topic(models.Model):
    class DeadlineKind(models.TextChoices):
        WORKING = "working", _("working days")
        CALENDAR = "calendar", _("calendar days")

    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="topics", verbose_name=_("category")
    )
    name = models.CharField(_("name"), max_length=300)
    # Open311 service_code: stable, unique, a string.
    service_code = models.SlugField(_("service code"), max_length=64, unique=True)
    description = models.TextField(_("description"), blank=True)
    keywords = models.CharField(_("keywords"), max_length=300, blank=True)
    deadline_days = models.PositiveSmallIntegerField(_("answer deadline, days"), default=10)
    deadline_kind = models.CharField(
        _("deadline counted in"),
        max_length=10,
        choices=DeadlineKind.choices,
        default=DeadlineKind.WORKING,
    )
    is_open = models.BooleanField(_("open for new reports"), default=True)
    photos_required = models.BooleanField(_("photo required"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["category__order", "order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["category", "name"], name="topic_unique_name"),
            models.CheckConstraint(
                condition=Q(deadline_days__gte=1, deadline_days__lte=LEGAL_LIMIT_CALENDAR_DAYS),
                name="topic_deadline_within_legal_limit",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class TopicAttribute(models.Model):
    """An extra question of a topic, served as an Open311 service-definition attribute."""

    class Datatype(models.TextChoices):
        STRING = "string", _("string")
        NUMBER = "number", _("number")
        DATETIME = "datetime", _("date and time")
        TEXT = "text", _("text")
        SINGLE = "singlevaluelist", _("one of a list")
        MULTI = "multivaluelist", _("several of a list")

    topic = models.ForeignKey(
        Topic, on_delete=models.CASCADE, related_name="attributes", verbose_name=_("topic")
    )
    code = models.SlugField(_("code"), max_length=64)
    variable = models.BooleanField(_("asked of the resident"), default=True)
    datatype = models.CharField(_("type"), max_length=20, choices=Datatype.choices)
    required = models.BooleanField(_("required"), default=False)
    description = models.CharField(_("question"), max_length=300)
    datatype_description = models.CharField(_("hint"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    # For list types: [{"key": "...", "name": "..."}, ...]
    values = models.JSONField(_("values"), default=list, blank=True)

    class Meta:
        verbose_name = _("topic attribute")
        verbose_name_plural = _("topic attributes")
        ordering = ["order"]
        constraints = [
            models.UniqueConstraint(fields=["topic", "code"], name="topic_attribute_unique_code"),
        ]

    def __str__(self) -> str:
        return self.code


class RoutingRule(models.Model):
    """Topic × territory → agency. No municipality: the rule holds across the region.

    Routing takes the municipality's own rule first, then the region-wide one, then falls back to
    the municipality's administration.
    """

    topic = models.ForeignKey(
        Topic, on_delete=models.CASCADE, related_name="routing_rules", verbose_name=_("topic")
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="routing_rules",
        verbose_name=_("municipality"),
    )
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="routing_rules", verbose_name=_("agency")
    )

    class Meta:
        verbose_name = _("routing rule")
        verbose_name_plural = _("routing rules")
        constraints = [
            models.UniqueConstraint(
                fields=["topic", "municipality"],
                condition=Q(municipality__isnull=False),
                name="routing_unique_local",
            ),
            models.UniqueConstraint(
                fields=["topic"],
                condition=Q(municipality__isnull=True),
                name="routing_unique_region",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.topic} · {self.municipality or _('whole region')} → {self.agency}"


class RejectionReason(models.Model):
    """The listed reasons a moderator may reject a report with."""

    code = models.SlugField(_("code"), max_length=64, unique=True)
    text = models.CharField(_("reason"), max_length=300)
    is_active = models.BooleanField(_("active"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("rejection reason")
        verbose_name_plural = _("rejection reasons")
        ordering = ["order", "text"]

    def __str__(self) -> str:
        return self.text
