"""Reads of the direct line: its public questions and its figures (one query each)."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from .models import Campaign, Channel, Question, QuestionStatus


@dataclass(frozen=True)
class Figures:
    total: int  # every question not rejected
    by_channel: dict[str, int]
    answered: int
    through_portal: int  # text and video


def public_questions(campaign: Campaign) -> QuerySet[Question]:
    return campaign.questions.filter(status=QuestionStatus.PUBLISHED)


def figures(campaign: Campaign) -> Figures:
    rows = (
        campaign.questions.exclude(status=QuestionStatus.REJECTED)
        .values("channel")
        .annotate(n=Count("pk"), answered=Count("pk", filter=Q(answered_at__isnull=False)))
        .order_by()
    )
    by_channel = {channel: 0 for channel in Channel.values}
    answered = 0
    for row in rows:
        by_channel[row["channel"]] = row["n"]
        answered += row["answered"]
    portal = by_channel[Channel.PORTAL] + by_channel[Channel.VIDEO]
    return Figures(sum(by_channel.values()), by_channel, answered, portal)


def pending_for(user) -> list[Question]:
    """Questions awaiting moderation on the lines this user moderates, oldest first."""
    found = Question.objects.filter(status=QuestionStatus.PENDING).select_related(
        "campaign__municipality", "author"
    )
    return [
        q
        for q in found.order_by("created_at", "pk")
        if user.has_perm("directline.moderate_question", q.campaign)
    ]
