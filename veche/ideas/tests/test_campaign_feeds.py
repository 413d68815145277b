"""RSS and Atom feeds of a campaign's new ideas, parsed as a feed reader parses them: the
campaign's published ideas only, newest first, with titles, links and dates."""

import feedparser
import pytest

from veche.ideas.models import Stage
from veche.ideas.tests.campaign_factories import campaign_idea, campaign_in
from veche.ideas.tests.factories import IdeaFactory, PublishedIdeaFactory

pytestmark = pytest.mark.django_db


def parsed(client, url):
    response = client.get(url)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    return feed


@pytest.mark.parametrize("suffix", ["rss", "atom"])
def test_a_campaigns_new_ideas(client, world, suffix):
    campaign = campaign_in(Stage.COLLECTING, municipality=world.surgut, title="Парк у реки")
    older = campaign_idea(campaign, title="Скейт-площадка")
    newer = campaign_idea(campaign, title="Летняя сцена")
    IdeaFactory(municipality=world.surgut, campaign=campaign)  # awaits moderation
    PublishedIdeaFactory(municipality=world.surgut)  # outside the campaign
    feed = parsed(client, f"/ideas/campaigns/{campaign.pk}/ideas.{suffix}")
    assert feed.feed.title == "Новые идеи конкурса «Парк у реки»"
    assert feed.feed.link.endswith(f"/ideas/campaigns/{campaign.pk}/")
    assert [entry.title for entry in feed.entries] == [
        "Летняя сцена · Сургут",
        "Скейт-площадка · Сургут",
    ]
    assert feed.entries[0].link.endswith(f"/ideas/{newer.pk}/")
    assert feed.entries[1].link.endswith(f"/ideas/{older.pk}/")
    assert all(entry.published_parsed or entry.updated_parsed for entry in feed.entries)


def test_the_new_ideas_feed_takes_the_campaign_filter(client, world):
    campaign = campaign_in(Stage.COLLECTING, title="Парк у реки")
    inside = campaign_idea(campaign)
    PublishedIdeaFactory()
    feed = parsed(client, f"/ideas/feeds/new.rss?campaign={campaign.pk}")
    assert feed.feed.title == "Новые идеи · Парк у реки"
    assert [entry.link.rsplit("/ideas/", 1)[1] for entry in feed.entries] == [f"{inside.pk}/"]


def test_a_draft_has_no_feed(client, world):
    draft = campaign_in(Stage.COLLECTING, is_published=False)
    assert client.get(f"/ideas/campaigns/{draft.pk}/ideas.rss").status_code == 404
