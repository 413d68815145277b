"""The demo campaigns: one in Surgut with its results published, one for the whole region in its
discussion stage now; their counters come from their rows; seeding again creates nothing."""

import pytest
from django.core.management import call_command

from veche.ideas import campaign_selectors
from veche.ideas.models import (
    Campaign,
    CampaignAward,
    CampaignExpert,
    ExpertVerdict,
    IdeaRating,
    Stage,
)


def counts() -> tuple:
    models = (Campaign, CampaignAward, CampaignExpert, ExpertVerdict, IdeaRating)
    return tuple(model.objects.count() for model in models)


@pytest.mark.django_db
def test_two_demo_campaigns_one_with_results_one_in_discussion():
    call_command("seed_demo", stdout=None)
    finished = Campaign.objects.get(title="Какой быть набережной Сургута")
    running = Campaign.objects.get(title="Зимняя Югра: чем заняться в городах округа зимой")
    assert finished.results_published_at and finished.stage == Stage.RESULTS
    assert running.stage == Stage.DISCUSSION and running.municipality is None
    assert finished.awards.count() == 3 and not running.awards.exists()
    assert finished.cover and running.cover
    for campaign in (finished, running):
        figures = campaign_selectors.counters(campaign)
        assert figures.ideas == 15
        assert figures.ratings == IdeaRating.objects.filter(idea__campaign=campaign).count() > 30
        assert figures.participants > 15
    assert ExpertVerdict.objects.filter(idea__campaign=finished).count() == 30
    assert finished.collecting_start < finished.ideas.earliest("created_at").created_at
    assert finished.ideas.latest("created_at").created_at < finished.collecting_end
    before = counts()
    call_command("seed_demo", stdout=None)
    assert counts() == before
