"""Residents on the registry's objects (issue 14, point 4; docs/infrastructure.md, "Residents").

- A **rating** of a completed object's works, 1–5 with an optional comment: one per person and
  object (a database constraint), so rating again replaces one's own rating and counts once.
  The comment is one of the shared comments (veche/comments), passed by a moderator in the
  shared queue before it is shown.
- A **proposal** of a new object (a category and a point with the reason) or of a new category:
  a moderator publishes it (or declines it with a reason); residents support a published one
  through the shared supports (`ProposalSupport`, one per person, a database constraint); the
  administration accepts it into the programme or declines it with a reason.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop, pgettext_lazy

from veche.supports.models import SupportBase
from veche.territory.models import Municipality
from veche.voting.models import Channel, VotingPoint

SCORES = range(1, 6)


# The removal reason the data migration gives the comments moderators had rejected before
# ratings' comments moved to the shared comments (migrations/0007): not offered to moderators.
REJECTED_BEFORE_MOVE = gettext_noop("Rejected by a moderator")


class Rating(models.Model):
    facility = models.ForeignKey(
        "infrastructure.Facility", on_delete=models.CASCADE, related_name="ratings"
    )
    # Null once the author's account is deleted: the score stays in the object's figures.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="infrastructure_ratings",
    )
    score = models.PositiveSmallIntegerField(_("score"))
    # The rating's one comment, in the shared comments (kind "infrastructure.rating", its target
    # this rating): moderated in the shared queue, exported and erased with the author's comments.
    comment = models.OneToOneField(
        "comments.Comment",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="infrastructure_rating",
        verbose_name=_("comment"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("object rating")
        verbose_name_plural = _("object ratings")
        ordering = ["-updated_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["facility", "user"], name="infrastructure_rating_once"),
            models.CheckConstraint(
                condition=Q(score__gte=1, score__lte=5), name="infrastructure_rating_1_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.facility_id}: {self.score}"

    def get_absolute_url(self) -> str:
        """The object's page (the comments' notices add "#comment-<id>", which it carries)."""
        return reverse("infrastructure:detail", args=[self.facility_id])

    @property
    def comment_status(self) -> str:
        """ "none" without a comment, else the shared comment's status (pending, published,
        hidden, removed)."""
        return self.comment.status if self.comment_id else "none"


class ProposalStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("proposal status", "awaiting moderation")
    PUBLISHED = "published", pgettext_lazy("proposal status", "open for support")
    ACCEPTED = "accepted", pgettext_lazy("proposal status", "accepted into the programme")
    DECLINED = "declined", pgettext_lazy("proposal status", "declined")


class Proposal(models.Model):
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="infrastructure_proposals",
    )
    title = models.CharField(_("what to build or repair"), max_length=200)
    # An object of a known category, or a new category by its proposed name (one of the two).
    category = models.ForeignKey(
        "infrastructure.Category",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="proposals",
        verbose_name=_("category"),
    )
    new_category = models.CharField(_("new category"), max_length=200, blank=True)
    reason = models.TextField(_("reason"), max_length=4000)
    lat = models.FloatField(_("latitude"))
    lon = models.FloatField(_("longitude"))
    address = models.CharField(_("address"), max_length=300, blank=True)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="+", verbose_name=_("municipality")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ProposalStatus.choices, default=ProposalStatus.PENDING
    )
    support_count = models.PositiveIntegerField(_("supports"), default=0)
    decision_reason = models.TextField(_("reason of the decision"), blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    # The object an accepted proposal became: a draft created on acceptance, or an existing one.
    facility = models.ForeignKey(
        "infrastructure.Facility",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposals",
        verbose_name=_("object in the registry"),
    )
    # The category an accepted proposal of a new category created (or found by its name); every
    # proposal of that name links to it.
    category_created = models.ForeignKey(
        "infrastructure.Category",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposed_by",
        verbose_name=_("category created"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("object proposal")
        verbose_name_plural = _("object proposals")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(category__isnull=False) & Q(new_category=""))
                | (Q(category__isnull=True) & ~Q(new_category="")),
                name="infrastructure_proposal_category_or_new",
            ),
            models.CheckConstraint(
                condition=Q(status__in=ProposalStatus.values),
                name="infrastructure_proposal_status",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "created_at"], name="proposal_status"),
            models.Index(fields=["category", "created_at"], name="proposal_category"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("infrastructure:proposal", args=[self.pk])

    @property
    def category_name(self) -> str:
        return self.category.name if self.category_id else self.new_category


class ProposalSupport(SupportBase):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="supports")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "user"], name="infrastructure_proposal_support_once"
            )
        ]


class FacilityVote(SupportBase):
    """A resident's vote for an object the administration put to the vote: one per person and
    object whatever the channel (the shared supports mechanism; a database constraint), so a
    resident who voted on the portal cannot vote again on paper, nor the other way round."""

    facility = models.ForeignKey(
        "infrastructure.Facility", on_delete=models.CASCADE, related_name="votes"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="infrastructure_votes"
    )
    # The shared supports' INSERT names only the item, the user and the time: the database
    # fills in the web channel.
    channel = models.CharField(
        _("channel"), max_length=10, choices=Channel.choices, db_default=Channel.WEB
    )
    voting_point = models.ForeignKey(
        VotingPoint,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("voting point"),
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entered by"),
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["facility", "user"], name="infrastructure_facility_vote_once"
            ),
            models.CheckConstraint(
                condition=Q(channel=Channel.WEB, voting_point__isnull=True)
                | Q(channel=Channel.PAPER, voting_point__isnull=False),
                name="infrastructure_vote_paper_has_point",
            ),
        ]
