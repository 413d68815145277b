"""A resident's campaign data in his export (ratings, verdicts, memberships); on deletion his
ratings stay counted, his verdicts keep their choice without his words, and he judges nothing
more."""

import json

import pytest

from veche.accounts.privacy import deletion_hooks, export_sections
from veche.ideas import campaign_selectors
from veche.ideas.models import CampaignExpert, ExpertVerdict, IdeaRating, Stage
from veche.ideas.tests.campaign_factories import campaign_idea, campaign_in, expert_of

pytestmark = pytest.mark.django_db


def test_export_and_deletion_of_ratings_and_verdicts(world):
    campaign = campaign_in(Stage.SELECTION, municipality=world.surgut)
    idea = campaign_idea(campaign)
    expert = expert_of(world.surgut)
    CampaignExpert.objects.create(campaign=campaign, user=expert)
    IdeaRating.objects.create(idea=idea, user=expert, value=4)
    ExpertVerdict.objects.create(idea=idea, expert=expert, selected=True, comment="Мне нравится.")
    exported = json.loads(json.dumps(export_sections()["ideas"](expert)))
    assert [(r["idea"], r["value"]) for r in exported["idea_ratings"]] == [(idea.pk, 4)]
    assert [(v["idea"], v["selected"], v["comment"]) for v in exported["expert_verdicts"]] == [
        (idea.pk, True, "Мне нравится.")
    ]
    assert exported["expert_of_campaigns"] == [campaign.pk]

    deletion_hooks()["ideas"](expert)
    verdict = ExpertVerdict.objects.get()
    assert (verdict.selected, verdict.comment) == (True, "")
    assert not CampaignExpert.objects.exists()
    assert campaign_selectors.counters(campaign).ratings == 1
