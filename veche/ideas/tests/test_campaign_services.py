"""The campaign services one by one: the organizer is told what is wrong with the stages, field by
field; the database backs the stages' order, the ratings' range and one rating per person;
experts need the platform role; the results are published once, recorded and told."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from veche.accounts.tests.factories import UserFactory
from veche.events.models import Event
from veche.ideas import services
from veche.ideas.models import Campaign, CampaignAward, CampaignExpert, IdeaRating, Stage
from veche.ideas.tests.campaign_factories import (
    campaign_idea,
    campaign_in,
    expert_of,
    stage_dates,
)
from veche.media.tests.files import fake_jpeg, jpeg_with_gps
from veche.notifications.models import Notification
from veche.staff.models import RoleAssignment, StaffAuditLog

pytestmark = pytest.mark.django_db


def _create(world, user=None, **overrides):
    fields = {
        "user": user or world.mayor_office,
        "title": "Парк у реки",
        "description": "Что построить в новом парке?",
        "municipality": world.surgut,
        "stages": stage_dates(timezone.now()),
        **overrides,
    }
    return services.campaign_create(**fields)


# --- Creating and editing ---------------------------------------------------------------------


def test_the_organizer_starts_a_campaign_recorded_and_audited(world):
    campaign = _create(world, cover=jpeg_with_gps("cover.jpg"), is_published=True)
    assert campaign.organizer == world.mayor_office and campaign.is_published
    assert campaign.cover.name and campaign.cover_thumbnail.name
    assert Event.objects.get().kind == "ideas.campaign_created"
    assert StaffAuditLog.objects.get().action == "ideas.campaign_create"


def test_a_cover_that_is_not_an_image_is_refused(world):
    with pytest.raises(ValidationError) as error:
        _create(world, cover=fake_jpeg())
    assert error.value.message_dict == {
        "cover": ["Приложите обложку в формате JPEG, PNG или WebP."]
    }
    assert not Campaign.objects.exists()


def test_overlapping_stages_are_refused_with_the_field_named(world):
    dates = stage_dates(timezone.now())
    dates["discussion_start"] = dates["collecting_end"] - timedelta(hours=1)
    with pytest.raises(ValidationError) as error:
        _create(world, stages=dates)
    assert error.value.message_dict == {
        "discussion_start": [
            "Этап «обсуждение и оценка» должен начинаться не раньше окончания этапа «сбор идей»: "
            "этапы идут друг за другом и не пересекаются."
        ]
    }
    assert not Campaign.objects.exists()


def test_a_stage_ending_before_it_starts_and_a_missing_date_are_named(world):
    dates = stage_dates(timezone.now())
    dates["selection_end"] = dates["selection_start"]
    dates["results_start"] = None
    with pytest.raises(ValidationError) as error:
        _create(world, stages=dates, title=" ")
    assert error.value.message_dict == {
        "title": ["Укажите тему конкурса."],
        "selection_end": ["Этап «экспертный отбор» должен заканчиваться позже, чем начинается."],
        "results_start": ["Укажите начало этапа «подведение итогов»."],
    }


def test_gaps_between_stages_are_allowed(world):
    dates = stage_dates(timezone.now())
    dates["results_start"] += timedelta(days=3)
    dates["results_end"] += timedelta(days=3)
    assert _create(world, stages=dates).results_start == dates["results_start"]


@pytest.mark.parametrize(
    "change",
    [
        {"collecting_end": "collecting_start"},  # ends when it starts
        {"discussion_start": "collecting_start"},  # overlaps the previous stage
    ],
)
def test_the_database_refuses_stages_out_of_order(world, change):
    dates = stage_dates(timezone.now())
    for field, same_as in change.items():
        dates[field] = dates[same_as]
    with pytest.raises(IntegrityError), transaction.atomic():
        Campaign.objects.create(title="Т", description="О", organizer=world.mayor_office, **dates)


@pytest.mark.parametrize(
    ("who", "municipality", "allowed"),
    [
        ("mayor_office", "surgut", True),
        ("urai_mayor_office", "surgut", False),
        ("mayor_office", None, False),  # the whole region: the regional admin only
        ("regional_admin", None, True),
        ("regional_admin", "urai", True),
        ("moderator", "surgut", False),
        ("author", "surgut", False),
    ],
)
def test_who_organizes_a_campaign(world, who, municipality, allowed):
    place = getattr(world, municipality) if municipality else None
    if allowed:
        assert _create(world, user=getattr(world, who), municipality=place).pk
        return
    with pytest.raises(PermissionDenied, match="Конкурс проводит администрация"):
        _create(world, user=getattr(world, who), municipality=place)
    assert not Campaign.objects.exists()


def test_editing_changes_dates_and_is_audited(world):
    campaign = _create(world)
    dates = stage_dates(timezone.now() + timedelta(days=1))
    services.campaign_update(
        user=world.regional_admin,
        campaign=campaign,
        title="Парк у реки — 2",
        description="Новое описание.",
        municipality=world.surgut,
        stages=dates,
        is_published=True,
    )
    campaign.refresh_from_db()
    assert campaign.collecting_start == dates["collecting_start"] and campaign.is_published
    audit = StaffAuditLog.objects.get(action="ideas.campaign_update")
    assert "collecting_start" in audit.details["dates"]


def test_the_territory_stays_once_ideas_are_filed(world):
    campaign = campaign_in(Stage.COLLECTING, municipality=world.surgut)
    campaign_idea(campaign)
    with pytest.raises(ValidationError) as error:
        services.campaign_update(
            user=world.regional_admin,
            campaign=campaign,
            title=campaign.title,
            description=campaign.description,
            municipality=world.urai,
            stages={f: getattr(campaign, f) for f in stage_dates(timezone.now())},
            is_published=True,
        )
    assert "municipality" in error.value.message_dict


# --- Ratings ----------------------------------------------------------------------------------


def test_rating_again_changes_ones_rating_counted_once(world):
    campaign = campaign_in(Stage.DISCUSSION)
    idea = campaign_idea(campaign)
    rating, created = services.idea_rate(user=world.neighbour, idea=idea, value=2)
    assert created and rating.value == 2
    rating, created = services.idea_rate(user=world.neighbour, idea=idea, value=5)
    assert not created
    assert list(IdeaRating.objects.values_list("user_id", "value")) == [(world.neighbour.pk, 5)]
    assert [e.payload["changed"] for e in Event.objects.filter(kind="ideas.rated")] == [
        False,
        True,
    ]


def test_the_database_keeps_one_rating_per_person(world):
    idea = campaign_idea(campaign_in(Stage.DISCUSSION))
    IdeaRating.objects.create(idea=idea, user=world.neighbour, value=3)
    with pytest.raises(IntegrityError), transaction.atomic():
        IdeaRating.objects.create(idea=idea, user=world.neighbour, value=4)


@pytest.mark.parametrize("value", [0, 6, -1])
def test_a_rating_outside_one_to_five_is_refused(world, value):
    idea = campaign_idea(campaign_in(Stage.DISCUSSION))
    with pytest.raises(ValidationError) as error:
        services.idea_rate(user=world.neighbour, idea=idea, value=value)
    assert error.value.message_dict == {"value": ["Оцените идею от 1 до 5."]}
    with pytest.raises(IntegrityError), transaction.atomic():
        IdeaRating.objects.create(idea=idea, user=world.neighbour, value=value)
    assert not IdeaRating.objects.exists()


def test_the_author_and_an_unconfirmed_resident_cannot_rate(world):
    idea = campaign_idea(campaign_in(Stage.DISCUSSION), author=world.author)
    with pytest.raises(PermissionDenied, match="Свою идею оценивать нельзя"):
        services.idea_rate(user=world.author, idea=idea, value=5)
    with pytest.raises(PermissionDenied, match="Подтвердите адрес"):
        services.idea_rate(user=world.unconfirmed, idea=idea, value=5)
    assert not IdeaRating.objects.exists()


# --- Experts and verdicts ---------------------------------------------------------------------


def test_experts_need_the_platform_role_covering_the_territory(world):
    campaign = campaign_in(Stage.COLLECTING, municipality=world.surgut)
    for person in (world.neighbour, expert_of(world.urai)):
        with pytest.raises(ValidationError) as error:
            services.campaign_expert_add(user=world.mayor_office, campaign=campaign, expert=person)
        assert "expert" in error.value.message_dict
    expert = expert_of(world.surgut)
    services.campaign_expert_add(user=world.mayor_office, campaign=campaign, expert=expert)
    services.campaign_expert_add(user=world.mayor_office, campaign=campaign, expert=expert)
    services.campaign_expert_add(
        user=world.mayor_office, campaign=campaign, expert=expert_of(None)
    )  # a region-wide expert covers every municipality
    assert CampaignExpert.objects.filter(campaign=campaign).count() == 2
    assert StaffAuditLog.objects.filter(action="ideas.campaign_expert_add").count() == 2
    with pytest.raises(PermissionDenied):
        services.campaign_expert_add(
            user=world.urai_mayor_office, campaign=campaign, expert=expert_of(world.surgut)
        )


def test_a_revoked_expert_role_ends_the_membership_rights(world):
    campaign = campaign_in(Stage.SELECTION, municipality=world.surgut)
    idea = campaign_idea(campaign)
    expert = expert_of(world.surgut)
    CampaignExpert.objects.create(campaign=campaign, user=expert)
    RoleAssignment.objects.filter(user=expert).delete()
    with pytest.raises(PermissionDenied, match="Только эксперты конкурса"):
        services.idea_judge(user=expert, idea=idea, selected=True, comment="Да.")


def test_an_expert_judges_again_and_needs_a_comment(world):
    campaign = campaign_in(Stage.SELECTION, municipality=world.surgut)
    idea = campaign_idea(campaign)
    expert = expert_of(world.surgut)
    CampaignExpert.objects.create(campaign=campaign, user=expert)
    with pytest.raises(ValidationError) as error:
        services.idea_judge(user=expert, idea=idea, selected=True, comment="  ")
    assert error.value.message_dict == {"comment": ["Объясните своё решение в комментарии."]}
    services.idea_judge(user=expert, idea=idea, selected=True, comment="Полезно.")
    verdict, created = services.idea_judge(
        user=expert, idea=idea, selected=False, comment="Дорого."
    )
    assert not created and (verdict.selected, verdict.comment) == (False, "Дорого.")
    assert idea.verdicts.count() == 1
    assert StaffAuditLog.objects.filter(action="ideas.judged").count() == 2


# --- Results ----------------------------------------------------------------------------------


def test_publishing_the_results_records_and_tells_winners_and_participants(world):
    campaign = campaign_in(Stage.RESULTS, municipality=world.surgut, organizer=world.mayor_office)
    winner = campaign_idea(campaign, author=world.author)
    other = campaign_idea(campaign, author=UserFactory())
    rater = UserFactory()
    IdeaRating.objects.create(idea=winner, user=rater, value=5)
    IdeaRating.objects.create(idea=winner, user=world.mayor_office, value=4)  # the organizer
    services.campaign_publish_results(
        user=world.mayor_office,
        campaign=campaign,
        awards=[services.AwardIn(idea=winner, award="Диплом", reason="Лучшая оценка жителей.")],
    )
    campaign.refresh_from_db()
    assert campaign.results_published_at is not None
    assert CampaignAward.objects.get().award == "Диплом"
    assert Event.objects.get().kind == "ideas.campaign_results_published"
    assert StaffAuditLog.objects.get().details == {"winners": [winner.pk]}
    kinds = {
        user.pk: list(Notification.objects.filter(user=user).values_list("kind", flat=True))
        for user in (world.author, other.author, rater, world.mayor_office)
    }
    assert kinds == {
        world.author.pk: ["ideas.campaign_winner"],
        other.author.pk: ["ideas.campaign_results"],
        rater.pk: ["ideas.campaign_results"],
        world.mayor_office.pk: [],
    }
    with pytest.raises(PermissionDenied, match="уже опубликованы"):
        services.campaign_publish_results(
            user=world.mayor_office,
            campaign=campaign,
            awards=[services.AwardIn(idea=other, award="Приз", reason="За смелость.")],
        )
    assert CampaignAward.objects.count() == 1


def test_results_need_the_results_stage_and_valid_winners(world):
    campaign = campaign_in(Stage.SELECTION, municipality=world.surgut)
    idea = campaign_idea(campaign)
    award = services.AwardIn(idea=idea, award="Диплом", reason="Хорошая идея.")
    with pytest.raises(PermissionDenied, match="на этапе подведения итогов"):
        services.campaign_publish_results(
            user=world.mayor_office, campaign=campaign, awards=[award]
        )
    Campaign.objects.filter(pk=campaign.pk).update(
        **stage_dates(timezone.now() - timedelta(days=31))
    )
    stranger = campaign_idea(campaign_in(Stage.RESULTS))
    with pytest.raises(ValidationError) as error:
        services.campaign_publish_results(
            user=world.mayor_office,
            campaign=campaign,
            awards=[
                services.AwardIn(idea=idea, award=" ", reason=""),
                services.AwardIn(idea=stranger, award="Приз", reason="Просто так."),
            ],
        )
    assert error.value.message_dict == {
        f"award_{idea.pk}": ["Укажите, что получает победитель."],
        f"reason_{idea.pk}": ["Объясните, за что идея награждается."],
        "awards": ["Победителей выбирают среди опубликованных идей этого конкурса."],
    }
    assert not CampaignAward.objects.exists()
    campaign.refresh_from_db()
    assert campaign.results_published_at is None
