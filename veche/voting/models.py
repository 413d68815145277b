"""Voting points and their staff: the part of paper voting that polls, budgeting votes and
object votes share (docs/voting.md).

A voting point is a place where residents vote on paper (an exhibition stand, a МФЦ desk, a
meeting); its members are contact-centre operators who enter the paper ballots. Each module's
ballot table stores the `Channel` it came through and, for paper, the point.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from veche.territory.models import Municipality


class Channel(models.TextChoices):
    """How a ballot reached the portal. Ballot tables of polls, budgeting and object votes store
    it (max_length=10), so results can show each channel's count."""

    WEB = "web", _("on the portal")
    PAPER = "paper", _("on paper at a voting point")


TITLE_TAKEN = _("This municipality already has a voting point with this title.")
ALREADY_MEMBER = _("This person already enters ballots at this point.")


class VotingPoint(models.Model):
    title = models.CharField(_("title"), max_length=200)
    address = models.CharField(_("address"), max_length=300)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="voting_points",
        verbose_name=_("municipality"),
    )
    note = models.TextField(
        _("note"),
        max_length=1000,
        blank=True,
        help_text=_("Opening hours, where to find the desk, whom to ask."),
    )
    is_active = models.BooleanField(
        _("accepting ballots"),
        default=True,
        help_text=_("Its staff may enter paper ballots only while the point is active."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("voting point")
        verbose_name_plural = _("voting points")
        ordering = ["title", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "title"],
                name="voting_point_unique_title",
                violation_error_message=TITLE_TAKEN,
            ),
        ]

    def __str__(self) -> str:
        return self.title


class VotingPointMember(models.Model):
    """A person who enters paper ballots at a point. Granted only to an operator (the service
    checks the role); a person staffs a point once (database constraint)."""

    point = models.ForeignKey(
        VotingPoint, on_delete=models.CASCADE, related_name="members", verbose_name=_("point")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="voting_point_memberships",
        verbose_name=_("person"),
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("granted by"),
    )
    granted_at = models.DateTimeField(_("granted"), auto_now_add=True)

    class Meta:
        verbose_name = _("voting point member")
        verbose_name_plural = _("voting point members")
        ordering = ["point", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["point", "user"],
                name="voting_point_member_unique",
                violation_error_message=ALREADY_MEMBER,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.point}"
