"""The campaign pages as the W3C validator sees them, in every stage and for every role that
sees a form there: no `hx-*` attribute, every `<time datetime>` valid, ids unique on the page."""

import re
from collections import Counter

import pytest

from veche.ideas.models import CampaignExpert, Stage
from veche.ideas.tests.campaign_factories import campaign_idea, campaign_in, expert_of
from veche.reports.tests.test_html_validity import HTML_DATETIME, attributes_of

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("stage", list(Stage))
def test_campaign_pages_have_valid_attributes_and_unique_ids(client, world, stage):
    campaign = campaign_in(stage, municipality=world.surgut)
    for _ in range(3):
        campaign_idea(campaign)
    expert = expert_of(world.surgut)
    CampaignExpert.objects.create(campaign=campaign, user=expert)
    detail = f"/ideas/campaigns/{campaign.pk}/"
    pages = [
        (None, ["/ideas/campaigns/", detail]),
        (world.neighbour, [detail, f"/ideas/new/?campaign={campaign.pk}"]),
        (expert, [detail]),
        (
            world.mayor_office,
            [detail, f"/ideas/campaigns/{campaign.pk}/edit/", "/ideas/campaigns/new/"],
        ),
    ]
    if stage == Stage.RESULTS:
        pages.append((world.mayor_office, [f"/ideas/campaigns/{campaign.pk}/results/"]))
    for who, paths in pages:
        client.logout()
        if who:
            client.force_login(who)
        for path in paths:
            found = attributes_of(client, path)
            assert [n for n in found.names if n.startswith("hx-")] == [], path
            assert all(HTML_DATETIME.fullmatch(v) for v in found.datetimes), path
            ids = re.findall(r'\sid="([^"]+)"', client.get(path).content.decode())
            assert [i for i, n in Counter(ids).items() if n > 1] == [], path
