"""Crowdsourcing campaigns (SPEC §4): an organizer asks residents for ideas on a theme, in four
dated stages — collecting ideas → discussion and rating → expert selection → results.

The stages are columns of the campaign, so the database itself checks that each one ends after
it starts and starts no earlier than the previous one ends. What a resident may do follows the
stage by date: the rules (campaign_rules.py) ask `stage_at(timezone.now())`.
"""

from datetime import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from veche.territory.models import Municipality

from .idea import Idea


class Stage(models.TextChoices):
    COLLECTING = "collecting", _("collecting ideas")
    DISCUSSION = "discussion", _("discussion and rating")
    SELECTION = "selection", _("expert selection")
    RESULTS = "results", _("results")


STAGES = list(Stage)


def start_field(stage: str) -> str:
    return f"{stage}_start"


def end_field(stage: str) -> str:
    return f"{stage}_end"


STAGE_FIELDS = [name for stage in STAGES for name in (start_field(stage), end_field(stage))]


def _stage_constraints() -> list[models.CheckConstraint]:
    """Each stage ends after it starts; each starts at or after the previous one ends."""
    checks = [
        models.CheckConstraint(
            condition=Q(**{f"{end_field(stage)}__gt": F(start_field(stage))}),
            name=f"campaign_{stage}_ends_after_start",
        )
        for stage in STAGES
    ]
    checks += [
        models.CheckConstraint(
            condition=Q(**{f"{start_field(stage)}__gte": F(end_field(before))}),
            name=f"campaign_{stage}_after_{before}",
        )
        for before, stage in zip(STAGES, STAGES[1:], strict=False)
    ]
    return checks


class Campaign(models.Model):
    title = models.CharField(_("theme"), max_length=200)
    description = models.TextField(_("description"))
    # A municipal admin of the campaign's municipality or a regional admin (campaign_rules.py).
    organizer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="organized_campaigns",
        verbose_name=_("organizer"),
    )
    # None: the whole region.
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="campaigns",
        verbose_name=_("territory"),
    )
    cover = models.ImageField(_("cover image"), upload_to="ideas/campaigns/%Y/%m/", blank=True)
    cover_thumbnail = models.ImageField(upload_to="ideas/campaigns/thumbs/%Y/%m/", blank=True)
    is_published = models.BooleanField(_("published"), default=False)

    collecting_start = models.DateTimeField(_("collecting ideas: start"))
    collecting_end = models.DateTimeField(_("collecting ideas: end"))
    discussion_start = models.DateTimeField(_("discussion and rating: start"))
    discussion_end = models.DateTimeField(_("discussion and rating: end"))
    selection_start = models.DateTimeField(_("expert selection: start"))
    selection_end = models.DateTimeField(_("expert selection: end"))
    results_start = models.DateTimeField(_("results: start"))
    results_end = models.DateTimeField(_("results: end"))

    results_published_at = models.DateTimeField(_("results published"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-collecting_start", "-pk"]
        constraints = _stage_constraints()

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("ideas:campaign", args=[self.pk])

    def dates(self, stage: str) -> tuple[datetime, datetime]:
        return getattr(self, start_field(stage)), getattr(self, end_field(stage))

    def stage_at(self, moment: datetime | None = None) -> Stage | None:
        """The stage open at `moment` (now by default); None before, between and after them."""
        moment = moment or timezone.now()
        for stage in STAGES:
            start, end = self.dates(stage)
            if start <= moment < end:
                return stage
        return None

    @property
    def stage(self) -> Stage | None:
        return self.stage_at()

    @property
    def has_started(self) -> bool:
        return timezone.now() >= self.collecting_start

    @property
    def has_ended(self) -> bool:
        return timezone.now() >= self.results_end

    def next_stage(self, moment: datetime | None = None) -> Stage | None:
        """The first stage that has not started yet at `moment`."""
        moment = moment or timezone.now()
        return next((s for s in STAGES if self.dates(s)[0] > moment), None)


class CampaignExpert(models.Model):
    """An expert of one campaign (docs/permissions.md, "Roles on objects"): the organizer adds a
    person who holds the platform role «expert» covering the campaign's territory; the rules
    check both, so a membership without its role grants nothing."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="experts")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="campaign_memberships"
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("campaign expert")
        verbose_name_plural = _("campaign experts")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "user"], name="campaign_expert_once"),
        ]

    def __str__(self) -> str:
        return f"{self.campaign_id} · {self.user_id}"


class IdeaRating(models.Model):
    """A resident's rating (1–5) of an idea of a campaign, given in its discussion stage; rating
    again changes it, so each person counts once."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="ratings")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="idea_ratings"
    )
    value = models.PositiveSmallIntegerField(_("rating"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        constraints = [
            models.UniqueConstraint(fields=["idea", "user"], name="idea_rating_once"),
            models.CheckConstraint(
                condition=Q(value__gte=1, value__lte=5), name="idea_rating_one_to_five"
            ),
        ]

    def __str__(self) -> str:
        return f"№ {self.idea_id} · {self.value}"


class ExpertVerdict(models.Model):
    """An expert's choice about one idea of his campaign: selected or not, and why."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="verdicts")
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="expert_verdicts"
    )
    selected = models.BooleanField(_("selected"))
    comment = models.TextField(_("comment"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("expert verdict")
        verbose_name_plural = _("expert verdicts")
        constraints = [
            models.UniqueConstraint(fields=["idea", "expert"], name="expert_verdict_once"),
        ]

    def __str__(self) -> str:
        return f"№ {self.idea_id} · {self.expert_id} · {self.selected}"


class CampaignAward(models.Model):
    """A winner of a campaign's results: the idea, what it receives and why."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="awards")
    idea = models.ForeignKey(Idea, on_delete=models.PROTECT, related_name="awards")
    award = models.CharField(_("award"), max_length=300)
    reason = models.TextField(_("why"))
    order = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("award")
        verbose_name_plural = _("awards")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "idea"], name="campaign_award_once"),
        ]

    def __str__(self) -> str:
        return f"{self.award} · № {self.idea_id}"
