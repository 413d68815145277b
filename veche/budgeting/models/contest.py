"""Initiative-budgeting contests (SPEC §7): a regional or a municipal contest with its money, its
co-financing terms, who may apply, its documents and its dated stages.

The database checks what one row can tell: a positive budget, shares between 0 and 100 % that
add up to at most 100 %, a subsidy cap within the budget, a quota only for a regional contest
(where municipalities apply), municipalities as applicants only in a regional contest, at least
one kind of applicant; each stage ends after it starts, a contest has each kind of stage once
and each position once. That stages do not overlap spans rows: the service checks it under the
contest's row lock (docs/budgeting.md, "Decisions").
"""

from datetime import datetime
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from veche.territory.models import Municipality

from ..stages import stage_label

MONEY = {"max_digits": 14, "decimal_places": 2}
SHARE = {
    "max_digits": 5,
    "decimal_places": 2,
    "default": Decimal(0),
    "validators": [MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
}
# The sources of co-financing, in the order forms and tables show them (issue 12, point 4).
SOURCES = ("region", "municipality", "residents", "businesses", "in_kind")
SOURCE_LABELS = {
    "region": pgettext_lazy("co-financing source", "region"),
    "municipality": pgettext_lazy("co-financing source", "municipality"),
    "residents": pgettext_lazy("co-financing source", "residents"),
    "businesses": pgettext_lazy("co-financing source", "businesses"),
    "in_kind": pgettext_lazy("co-financing source", "in kind"),
}


def share_field(source: str) -> str:
    return f"min_share_{source}"


def _share_constraints() -> list[models.CheckConstraint]:
    """Each minimum share lies between 0 and 100 %."""
    return [
        models.CheckConstraint(
            condition=Q(**{f"{share_field(s)}__gte": 0, f"{share_field(s)}__lte": 100}),
            name=f"contest_{s}_share_0_100",
        )
        for s in SOURCES
    ]


class Contest(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", pgettext_lazy("contest status", "published")

    title = models.CharField(_("title"), max_length=200)
    # Sanitized HTML (veche.core.sanitize): the service cleans it before saving.
    rules = models.TextField(_("rules"), blank=True)
    # None: a regional contest (the whole region), where municipalities are the applicants.
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="budgeting_contests",
        verbose_name=_("territory"),
    )
    organizer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="organized_contests",
        verbose_name=_("organizer"),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    budget = models.DecimalField(_("budget, ₽"), **MONEY)
    subsidy_cap = models.DecimalField(
        _("subsidy cap per project, ₽"), null=True, blank=True, **MONEY
    )
    min_share_region = models.DecimalField(_("minimum share of the region, %"), **SHARE)
    min_share_municipality = models.DecimalField(_("minimum share of the municipality, %"), **SHARE)
    min_share_residents = models.DecimalField(_("minimum share of residents, %"), **SHARE)
    min_share_businesses = models.DecimalField(_("minimum share of businesses, %"), **SHARE)
    min_share_in_kind = models.DecimalField(_("minimum share in kind, %"), **SHARE)
    quota_per_municipality = models.PositiveSmallIntegerField(
        _("applications per municipality"), null=True, blank=True
    )
    accepts_groups = models.BooleanField(_("initiative groups apply"), default=True)
    accepts_municipalities = models.BooleanField(_("municipalities apply"), default=False)
    accepts_individuals = models.BooleanField(_("individuals apply"), default=False)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("contest")
        verbose_name_plural = _("contests")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(budget__gt=0), name="contest_budget_positive"),
            models.CheckConstraint(
                condition=Q(subsidy_cap__isnull=True)
                | Q(subsidy_cap__gt=0, subsidy_cap__lte=F("budget")),
                name="contest_subsidy_cap_within_budget",
            ),
            *_share_constraints(),
            models.CheckConstraint(
                condition=Q(
                    min_share_region__lte=100
                    - F("min_share_municipality")
                    - F("min_share_residents")
                    - F("min_share_businesses")
                    - F("min_share_in_kind")
                ),
                name="contest_shares_le_100",
            ),
            models.CheckConstraint(
                condition=Q(quota_per_municipality__isnull=True)
                | Q(quota_per_municipality__gte=1, municipality__isnull=True),
                name="contest_quota_regional_only",
            ),
            models.CheckConstraint(
                condition=Q(accepts_municipalities=False) | Q(municipality__isnull=True),
                name="contest_municipal_applicants_regional_only",
            ),
            models.CheckConstraint(
                condition=Q(accepts_groups=True)
                | Q(accepts_municipalities=True)
                | Q(accepts_individuals=True),
                name="contest_some_applicant",
            ),
            models.CheckConstraint(
                condition=Q(status="draft", published_at__isnull=True)
                | Q(status="published", published_at__isnull=False),
                name="contest_published_has_moment",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("budgeting:contest", args=[self.pk])

    @property
    def is_regional(self) -> bool:
        return self.municipality_id is None

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    def min_shares(self) -> dict[str, Decimal]:
        return {source: getattr(self, share_field(source)) for source in SOURCES}

    def ordered_stages(self) -> list["ContestStage"]:
        """The stages in order (reads `stages` prefetched by the selectors: no query then)."""
        return sorted(self.stages.all(), key=lambda stage: stage.position)

    def stage_at(self, moment: datetime | None = None) -> "ContestStage | None":
        """The stage open at `moment` (now by default); None before, between and after them."""
        moment = moment or timezone.now()
        return next((s for s in self.ordered_stages() if s.starts_at <= moment < s.ends_at), None)

    @property
    def current_stage(self) -> "ContestStage | None":
        return self.stage_at()

    def stage_of_kind(self, kind: str) -> "ContestStage | None":
        return next((s for s in self.ordered_stages() if s.kind == kind), None)

    @property
    def starts_at(self) -> datetime | None:
        stages = self.ordered_stages()
        return stages[0].starts_at if stages else None

    @property
    def ends_at(self) -> datetime | None:
        stages = self.ordered_stages()
        return stages[-1].ends_at if stages else None

    @property
    def has_started(self) -> bool:
        start = self.starts_at
        return start is not None and timezone.now() >= start


class ContestStage(models.Model):
    """One dated stage of a contest, of a registered kind (stages.py)."""

    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="stages")
    kind = models.CharField(_("kind"), max_length=40)
    position = models.PositiveSmallIntegerField(_("order"))
    starts_at = models.DateTimeField(_("start"))
    ends_at = models.DateTimeField(_("end"))

    class Meta:
        verbose_name = _("stage")
        verbose_name_plural = _("stages")
        ordering = ["contest", "position"]
        constraints = [
            models.UniqueConstraint(fields=["contest", "position"], name="contest_stage_position"),
            models.UniqueConstraint(fields=["contest", "kind"], name="contest_stage_kind_once"),
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="contest_stage_ends_after_start"
            ),
            models.CheckConstraint(condition=Q(position__gte=1), name="contest_stage_position_1"),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return stage_label(self.kind)


class ContestDocument(models.Model):
    """A document of a contest (its regulation, forms to fill), cleaned by veche.media and served
    only as a download (media.responses.attachment)."""

    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(upload_to="budgeting/documents/%Y/%m/")
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("contest document")
        verbose_name_plural = _("contest documents")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.title
