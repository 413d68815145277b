"""The campaign permissions as a matrix (STYLE.md, example 7): who may do what, before, during and
after each stage, with the clock moved. Rows are people, columns the moments."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from veche.ideas.models import CampaignExpert
from veche.ideas.tests.campaign_factories import (
    STAGE_DAYS,
    CampaignFactory,
    campaign_idea,
    expert_of,
    stage_dates,
)

pytestmark = pytest.mark.django_db

# Moments in days from the campaign's first stage: before it, in each stage, after the last.
MOMENTS = {
    "before": -1,
    "collecting": 1,
    "discussion": STAGE_DAYS + 1,
    "selection": 2 * STAGE_DAYS + 1,
    "results": 3 * STAGE_DAYS + 1,
    "after": 4 * STAGE_DAYS + 1,
}
RESIDENTS = {"neighbour", "author", "expert", "expert_without_membership", "mayor_office"}
RESIDENTS |= {"urai_mayor_office", "regional_admin"}  # staff are residents too


@pytest.fixture
def setting(world):
    start = timezone.now().replace(microsecond=0)
    campaign = CampaignFactory(municipality=world.surgut, organizer=world.mayor_office)
    campaign.__class__.objects.filter(pk=campaign.pk).update(**stage_dates(start))
    campaign.refresh_from_db()
    idea = campaign_idea(campaign, author=world.author)
    idea.campaign = campaign
    people = {
        "anonymous": AnonymousUser(),
        "unconfirmed": world.unconfirmed,
        "neighbour": world.neighbour,
        "author": world.author,
        "expert": expert_of(world.surgut),
        "expert_without_membership": expert_of(world.surgut),
        "mayor_office": world.mayor_office,
        "urai_mayor_office": world.urai_mayor_office,
        "regional_admin": world.regional_admin,
    }
    CampaignExpert.objects.create(campaign=campaign, user=people["expert"])
    return start, campaign, idea, people


def allowed(setting, perm: str, on: str) -> dict[str, set[str]]:
    """For each moment, the people who hold `perm` on the campaign or its idea."""
    start, campaign, idea, people = setting
    target = campaign if on == "campaign" else idea
    found = {}
    for moment, days in MOMENTS.items():
        with time_machine.travel(start + timedelta(days=days), tick=False):
            found[moment] = {name for name, user in people.items() if user.has_perm(perm, target)}
    return found


def only(when: set[str], who: set[str]) -> dict[str, set[str]]:
    return {moment: who if moment in when else set() for moment in MOMENTS}


def test_filing_is_open_to_residents_while_ideas_are_collected(setting):
    assert allowed(setting, "ideas.file_idea_in_campaign", "campaign") == only(
        {"collecting"}, RESIDENTS
    )


def test_rating_is_open_to_residents_but_the_author_during_the_discussion(setting):
    assert allowed(setting, "ideas.rate_idea", "idea") == only(
        {"discussion"}, RESIDENTS - {"author"}
    )


def test_selecting_is_open_to_the_campaigns_experts_during_the_selection(setting):
    assert allowed(setting, "ideas.judge_idea", "idea") == only({"selection"}, {"expert"})


def test_the_results_are_published_by_the_organizers_during_the_results(setting):
    assert allowed(setting, "ideas.publish_results", "campaign") == only(
        {"results"}, {"mayor_office", "regional_admin"}
    )


def test_the_organizers_manage_the_campaign_whatever_the_stage(setting):
    assert allowed(setting, "ideas.manage_campaign", "campaign") == only(
        set(MOMENTS), {"mayor_office", "regional_admin"}
    )


def test_the_verdicts_are_read_by_the_organizers_and_the_experts(setting):
    assert allowed(setting, "ideas.view_verdicts", "campaign") == only(
        set(MOMENTS), {"mayor_office", "regional_admin", "expert"}
    )


def test_a_draft_is_seen_by_its_organizers_only_and_takes_no_ideas(setting):
    _start, campaign, _idea, _people = setting
    campaign.is_published = False
    campaign.save()
    assert allowed(setting, "ideas.view_campaign", "campaign") == only(
        set(MOMENTS), {"mayor_office", "regional_admin"}
    )
    assert allowed(setting, "ideas.file_idea_in_campaign", "campaign") == only(set(), set())
