"""Reads of the direct line: its public questions and its figures (one query each)."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from .models import Campaign, Channel, Question, QuestionStatus, QuestionSupport


@dataclass(frozen=True)
class Figures:
    total: int  # every question not rejected
    by_channel: dict[str, int]
    answered: int
    through_portal: int  # text and video


def public_questions(campaign: Campaign) -> QuerySet[Question]:
    return campaign.questions.filter(status=QuestionStatus.PUBLISHED)


def campaigns() -> QuerySet[Campaign]:
    """Every line, newest event first, with its public figures (one query)."""
    live = ~Q(questions__status=QuestionStatus.REJECTED)
    return Campaign.objects.select_related("municipality").annotate(
        question_count=Count("questions", filter=live),
        answered_count=Count("questions", filter=live & Q(questions__answered_at__isnull=False)),
    )


def campaign(pk: int) -> Campaign:
    return Campaign.objects.select_related("municipality").get(pk=pk)


def supported_ids(user, campaign: Campaign) -> set[int]:
    if not getattr(user, "is_authenticated", False):
        return set()
    return set(
        QuestionSupport.objects.filter(user=user, question__campaign=campaign).values_list(
            "question_id", flat=True
        )
    )


def staff_questions(campaign: Campaign) -> list[Question]:
    """Every question not rejected, pending first, then the unanswered, for the staff page."""
    found = campaign.questions.exclude(status=QuestionStatus.REJECTED).select_related("author")
    return sorted(
        found, key=lambda q: (q.status != QuestionStatus.PENDING, q.is_answered, -q.support_count)
    )


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


def my_questions(user) -> QuerySet[Question]:
    """The resident's own questions, newest first, with their lines (the cabinet)."""
    return (
        Question.objects.filter(author=user)
        .select_related("campaign")
        .order_by("-created_at", "-pk")
    )
