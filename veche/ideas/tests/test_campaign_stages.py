"""Issue 9's acceptance for campaigns: the stages switch by date (the clock moves), and what a
resident or an expert may do follows them — filing after the collecting stage closes, rating
outside the discussion stage and selection by a non-expert are refused with a message, and
nothing changes; the counters equal what the database holds."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from veche.accounts.tests.factories import UserFactory
from veche.comments.models import Comment
from veche.events.models import Event
from veche.ideas import campaign_selectors, services
from veche.ideas.models import (
    Campaign,
    CampaignAward,
    ExpertVerdict,
    Idea,
    IdeaRating,
    Stage,
)
from veche.ideas.tests.campaign_factories import STAGE_DAYS, expert_of, stage_dates

pytestmark = pytest.mark.django_db


def _at(start, days: float):
    return time_machine.travel(start + timedelta(days=days), tick=False)


def _file(world, campaign, author=None, title="Скейт-площадка у реки"):
    return services.idea_submit(
        author=author or world.author,
        title=title,
        text="Построить скейт-площадку с освещением.",
        category=world.category,
        municipality=world.surgut,
        campaign=campaign,
    )


def _snapshot() -> tuple:
    return (
        list(Idea.objects.order_by("pk").values_list("pk", "status")),
        list(IdeaRating.objects.order_by("pk").values_list("pk", "value")),
        list(ExpertVerdict.objects.order_by("pk").values_list("pk", "selected", "comment")),
        Event.objects.count(),
    )


@pytest.fixture
def start():
    return timezone.now().replace(microsecond=0)


@pytest.fixture
def campaign(world, start):
    return services.campaign_create(
        user=world.mayor_office,
        title="Парк у реки",
        description="Что построить в новом парке?",
        municipality=world.surgut,
        stages=stage_dates(start),
        is_published=True,
    )


def test_the_stage_follows_the_calendar(campaign, start):
    expected = [
        (-1, None),
        (1, Stage.COLLECTING),
        (STAGE_DAYS + 1, Stage.DISCUSSION),
        (2 * STAGE_DAYS + 1, Stage.SELECTION),
        (3 * STAGE_DAYS + 1, Stage.RESULTS),
        (4 * STAGE_DAYS + 1, None),
    ]
    for days, stage in expected:
        with _at(start, days):
            assert Campaign.objects.get(pk=campaign.pk).stage == stage, days
    # A stage opens at its very start and closes at its very end.
    assert campaign.stage_at(campaign.discussion_start) == Stage.DISCUSSION
    assert campaign.stage_at(campaign.collecting_end) == Stage.DISCUSSION


def test_what_residents_and_experts_may_do_switches_with_the_stages(world, campaign, start):
    expert = expert_of(world.surgut)
    services.campaign_expert_add(user=world.mayor_office, campaign=campaign, expert=expert)
    with _at(start, 1):  # collecting ideas
        idea = _file(world, campaign)
        services.idea_publish(user=world.moderator, idea=idea)
        before = _snapshot()
        with pytest.raises(PermissionDenied, match="только на этапе обсуждения и оценки"):
            services.idea_rate(user=world.neighbour, idea=idea, value=4)
        assert _snapshot() == before

    with _at(start, STAGE_DAYS + 1):  # discussion and rating
        before = _snapshot()
        with pytest.raises(PermissionDenied) as refusal:
            _file(world, campaign, author=world.neighbour)
        assert str(refusal.value).startswith("Приём идей в этом конкурсе закрыт")
        with pytest.raises(PermissionDenied, match="только на этапе экспертного отбора"):
            services.idea_judge(user=expert, idea=idea, selected=True, comment="Хорошо.")
        assert _snapshot() == before
        services.idea_rate(user=world.neighbour, idea=idea, value=4)

    with _at(start, 2 * STAGE_DAYS + 1):  # expert selection
        before = _snapshot()
        with pytest.raises(PermissionDenied, match="только на этапе обсуждения и оценки"):
            services.idea_rate(user=UserFactory(), idea=idea, value=5)
        for outsider in (world.neighbour, expert_of(world.surgut), world.mayor_office):
            with pytest.raises(PermissionDenied, match="Только эксперты конкурса"):
                services.idea_judge(user=outsider, idea=idea, selected=True, comment="Да.")
        assert _snapshot() == before
        services.idea_judge(user=expert, idea=idea, selected=True, comment="Реалистично.")

    with _at(start, 3 * STAGE_DAYS + 1):  # results
        with pytest.raises(PermissionDenied, match="только на этапе экспертного отбора"):
            services.idea_judge(user=expert, idea=idea, selected=False, comment="Передумал.")
        award = services.AwardIn(idea=idea, award="Диплом I степени", reason="Лучшая оценка.")
        services.campaign_publish_results(
            user=world.mayor_office, campaign=campaign, awards=[award]
        )
        assert CampaignAward.objects.get().idea == idea

    assert ExpertVerdict.objects.get().selected is True
    assert IdeaRating.objects.get().value == 4


def test_filing_before_the_campaign_opens_says_when(world, campaign, start):
    with _at(start, -2), pytest.raises(PermissionDenied) as refusal:
        _file(world, campaign)
    assert str(refusal.value).startswith("Этот конкурс принимает идеи с ")
    assert not Idea.objects.exists()


def test_an_idea_of_a_municipal_campaign_is_for_its_municipality(world, campaign, start):
    with _at(start, 1), pytest.raises(ValidationError) as error:
        services.idea_submit(
            author=world.author,
            title="Сквер",
            text="Сквер у школы.",
            category=world.category,
            municipality=world.urai,
            campaign=campaign,
        )
    assert error.value.message_dict["municipality"] == [
        "Этот конкурс собирает идеи для муниципалитета Сургут."
    ]


def _comment(idea, author, status=Comment.Status.PUBLISHED):
    return Comment.objects.create(
        target_kind="ideas.idea",
        target_id=idea.pk,
        municipality=idea.municipality,
        author=author,
        text="Поддерживаю.",
        status=status,
        published_at=timezone.now() if status == Comment.Status.PUBLISHED else None,
    )


def test_the_counters_equal_what_the_database_holds(world, campaign, start):
    filers = UserFactory.create_batch(3)
    raters = UserFactory.create_batch(4)
    commenters = UserFactory.create_batch(2)
    with _at(start, 1):
        ideas = [_file(world, campaign, author=a, title=f"Идея {n}") for n, a in enumerate(filers)]
        for idea in ideas[:2]:
            services.idea_publish(user=world.moderator, idea=idea)
        _file(world, campaign, author=UserFactory())  # awaits moderation: not counted
    public = ideas[:2]
    for idea in public:
        _comment(idea, commenters[0])
    _comment(public[0], commenters[1])
    _comment(public[0], UserFactory(), status=Comment.Status.PENDING)  # not public: not counted
    _comment(public[1], filers[0])  # a filer who comments counts once
    with _at(start, STAGE_DAYS + 1):
        for rater in raters:
            services.idea_rate(user=rater, idea=public[0], value=5)
        services.idea_rate(user=raters[0], idea=public[1], value=3)
        services.idea_rate(user=filers[1], idea=public[0], value=4)  # a filer who rates
        services.idea_rate(user=raters[0], idea=public[1], value=2)  # again: one rating

    counted = campaign_selectors.counters(campaign)
    public_ids = [idea.pk for idea in public]
    comments = Comment.objects.filter(
        target_kind="ideas.idea", target_id__in=public_ids, status=Comment.Status.PUBLISHED
    )
    people = (
        {idea.author_id for idea in public}
        | set(comments.values_list("author_id", flat=True))
        | set(IdeaRating.objects.values_list("user_id", flat=True))
    )
    assert counted.ideas == Idea.objects.filter(campaign=campaign, pk__in=public_ids).count() == 2
    assert counted.comments == comments.count() == 4
    assert counted.ratings == IdeaRating.objects.count() == 6
    assert counted.participants == len(people) == 2 + 2 + 4
