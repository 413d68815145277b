"""Reads of crowdsourcing campaigns, each page at a constant number of queries.

The counters come from the rows, never from stored numbers: ideas are the campaign's published
ideas; comments the published comments on them (the shared comments app, kind "ideas.idea");
ratings the rows of IdeaRating; participants the distinct people who filed one of those ideas,
commented on one or rated one."""

from dataclasses import dataclass

from django.db.models import (
    Avg,
    Count,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from veche.accounts.models import User
from veche.comments.models import Comment

from .models import (
    STAGES,
    UNPUBLISHED,
    Campaign,
    CampaignAward,
    ExpertVerdict,
    Idea,
    IdeaRating,
)
from .selectors import with_first_photo

IDEA_KIND = "ideas.idea"


def campaigns_for(user) -> QuerySet[Campaign]:
    """Published campaigns, and the drafts this user may manage; with their published ideas'
    number (`idea_total`). Running ones first, then upcoming, then finished, newest first."""
    visible = Q(is_published=True)
    if user.has_perm("ideas.organize_campaigns"):
        drafts = Campaign.objects.filter(is_published=False).select_related("municipality")
        visible |= Q(pk__in=[c.pk for c in drafts if user.has_perm("ideas.manage_campaign", c)])
    ideas = (
        Idea.objects.filter(campaign=OuterRef("pk"))
        .exclude(status__in=UNPUBLISHED)
        .order_by()
        .values("campaign")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        Campaign.objects.filter(visible)
        .select_related("municipality")
        .annotate(idea_total=Coalesce(Subquery(ideas, output_field=IntegerField()), Value(0)))
        .order_by("-results_end", "-pk")
    )


def split_by_time(campaigns) -> dict[str, list[Campaign]]:
    """Running (between the first stage's start and the last one's end), upcoming, finished."""
    now = timezone.now()
    groups: dict[str, list[Campaign]] = {"running": [], "upcoming": [], "finished": []}
    for campaign in campaigns:
        if now < campaign.collecting_start:
            groups["upcoming"].append(campaign)
        elif now >= campaign.results_end:
            groups["finished"].append(campaign)
        else:
            groups["running"].append(campaign)
    return groups


def campaign_detail(pk: int) -> Campaign:
    return Campaign.objects.select_related("municipality", "organizer").get(pk=pk)


def public_campaign_ideas(campaign: Campaign) -> QuerySet[Idea]:
    return Idea.objects.filter(campaign=campaign).exclude(status__in=UNPUBLISHED)


def _ratings_of_idea():
    return IdeaRating.objects.filter(idea=OuterRef("pk")).order_by().values("idea")


def with_ratings(ideas: QuerySet[Idea]) -> QuerySet[Idea]:
    """Each idea's average rating (`rating_avg`, None without ratings) and `rating_count`."""
    average = _ratings_of_idea().annotate(a=Avg("value")).values("a")
    count = _ratings_of_idea().annotate(n=Count("pk")).values("n")
    return ideas.annotate(
        rating_avg=Subquery(average),
        rating_count=Coalesce(Subquery(count, output_field=IntegerField()), Value(0)),
    )


ORDERS = {
    "new": ["-created_at", "-pk"],
    "rating": [
        Coalesce("rating_avg", Value(0.0)).desc(),
        "-rating_count",
        "-created_at",
        "-pk",
    ],
    "support": ["-support_count", "-created_at", "-pk"],
}


def campaign_ideas(campaign: Campaign, *, order: str = "new") -> QuerySet[Idea]:
    """The campaign's published ideas with their ratings and first photo (two queries a page)."""
    ideas = with_ratings(public_campaign_ideas(campaign)).select_related(
        "category", "municipality", "author"
    )
    return with_first_photo(ideas.order_by(*ORDERS.get(order, ORDERS["new"])))


@dataclass(frozen=True)
class Counters:
    participants: int
    ideas: int
    comments: int
    ratings: int


def _comments_on(campaign: Campaign) -> QuerySet[Comment]:
    ids = public_campaign_ideas(campaign).values("pk")
    return Comment.objects.filter(
        target_kind=IDEA_KIND, target_id__in=Subquery(ids), status=Comment.Status.PUBLISHED
    )


def participant_ids(campaign: Campaign) -> QuerySet:
    """The distinct ids of the people who filed, commented on or rated its published ideas."""
    authors = public_campaign_ideas(campaign).order_by().values_list("author_id")
    commenters = _comments_on(campaign).order_by().values_list("author_id")
    raters = IdeaRating.objects.filter(idea__campaign=campaign).order_by().values_list("user_id")
    return authors.union(commenters, raters)


def counters(campaign: Campaign) -> Counters:
    """The campaign's figures as the database holds them (four queries)."""
    return Counters(
        participants=participant_ids(campaign).count(),
        ideas=public_campaign_ideas(campaign).count(),
        comments=_comments_on(campaign).count(),
        ratings=IdeaRating.objects.filter(idea__in=public_campaign_ideas(campaign)).count(),
    )


def participants(campaign: Campaign) -> list[User]:
    """The participants as users able to hear of the results (active, not deleted)."""
    users = User.objects.filter(
        pk__in=[row[0] for row in participant_ids(campaign)],
        is_active=True,
        deleted_at__isnull=True,
    )
    return list(users.order_by("pk"))


def my_ratings(user, ideas) -> dict[int, int]:
    """The user's rating of each of these ideas (one query)."""
    if not user.is_authenticated:
        return {}
    rows = IdeaRating.objects.filter(user=user, idea__in=list(ideas))
    return dict(rows.values_list("idea_id", "value"))


def my_verdicts(user, ideas) -> dict[int, ExpertVerdict]:
    if not user.is_authenticated:
        return {}
    rows = ExpertVerdict.objects.filter(expert=user, idea__in=list(ideas))
    return {verdict.idea_id: verdict for verdict in rows}


def verdicts_by_idea(ideas) -> dict[int, list[ExpertVerdict]]:
    """Every expert's verdict on each of these ideas, for the organizer (one query)."""
    found: dict[int, list[ExpertVerdict]] = {}
    rows = ExpertVerdict.objects.filter(idea__in=list(ideas)).select_related("expert")
    for verdict in rows.order_by("created_at", "pk"):
        found.setdefault(verdict.idea_id, []).append(verdict)
    return found


def experts_of(campaign: Campaign) -> list[User]:
    return list(User.objects.filter(campaign_memberships__campaign=campaign).order_by("pk"))


def awards(campaign: Campaign) -> list[CampaignAward]:
    return list(
        campaign.awards.select_related("idea", "idea__author", "idea__municipality").order_by(
            "order", "pk"
        )
    )


def shortlist(campaign: Campaign) -> QuerySet[Idea]:
    """The ideas the organizer chooses winners from: the most selected by the experts first,
    then the best rated, with the number of experts' selections (`selected_by`)."""
    ideas = with_ratings(public_campaign_ideas(campaign)).select_related("author")
    ideas = ideas.annotate(selected_by=Count("verdicts", filter=Q(verdicts__selected=True)))
    return ideas.order_by(
        "-selected_by", Coalesce("rating_avg", Value(0.0)).desc(), "-rating_count", "pk"
    )


def stage_progress(campaign: Campaign) -> list[tuple]:
    """(stage, start, end, state) for each stage: "done", "current" or "upcoming"."""
    now = timezone.now()
    rows = []
    for stage in STAGES:
        start, end = campaign.dates(stage)
        state = "done" if now >= end else "current" if now >= start else "upcoming"
        rows.append((stage, start, end, state))
    return rows
