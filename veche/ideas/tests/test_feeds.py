"""RSS and Atom feeds of new ideas (all, per municipality, per category) and of an idea's
progress, parsed as a feed reader parses them: titles, links, dates; nothing personal."""

from datetime import timedelta

import feedparser
import pytest
from django.utils import timezone

from veche.ideas import services
from veche.ideas.tests.factories import IdeaFactory, PublishedIdeaFactory
from veche.reports.tests.factories import CategoryFactory

pytestmark = pytest.mark.django_db
FEEDS = ["/ideas/feeds/new.rss", "/ideas/feeds/new.atom"]


def parsed(client, url, params=None):
    response = client.get(url, params or {})
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    return feed


def numbers(feed) -> list[int]:
    return [int(entry.link.split("/ideas/")[1].split("/")[0]) for entry in feed.entries]


@pytest.mark.parametrize("url", FEEDS)
def test_new_ideas_are_the_published_ones_newest_first(client, world, url):
    older = PublishedIdeaFactory(municipality=world.surgut, title="Каток во дворе")
    newer = PublishedIdeaFactory(municipality=world.urai, title="Сквер у школы")
    IdeaFactory(municipality=world.surgut)  # awaiting moderation: never in a feed
    feed = parsed(client, url)
    assert feed.feed.title == "Новые идеи"
    assert numbers(feed) == [newer.pk, older.pk]
    assert feed.entries[0].title == "Сквер у школы · Урай"
    assert feed.entries[0].link.startswith("http") and feed.entries[0].link.endswith(
        f"/ideas/{newer.pk}/"
    )
    assert feed.entries[0].published_parsed or feed.entries[0].updated_parsed


@pytest.mark.parametrize("url", FEEDS)
def test_new_ideas_per_municipality_and_category(client, world, url):
    parks = CategoryFactory(name="Парки")
    surgut = PublishedIdeaFactory(municipality=world.surgut, category=parks)
    PublishedIdeaFactory(municipality=world.urai, category=parks)
    PublishedIdeaFactory(municipality=world.surgut)
    feed = parsed(client, url, {"municipality": world.surgut.pk, "category": parks.pk})
    assert numbers(feed) == [surgut.pk]
    assert feed.feed.title == "Новые идеи · Сургут · Парки"


@pytest.mark.parametrize("suffix", ["rss", "atom"])
def test_an_ideas_progress(client, world, suffix):
    idea = PublishedIdeaFactory(municipality=world.surgut, author=world.author)
    services.idea_take(
        user=world.mayor_office,
        idea=idea,
        agency=world.parks,
        planned_date=timezone.localdate() + timedelta(days=30),
        answer="Сделаем к лету.",
    )
    services.idea_add_progress(user=world.parks_official, idea=idea, text="Высадили деревья.")
    feed = parsed(client, f"/ideas/{idea.pk}/progress.{suffix}")
    assert feed.feed.title.startswith(f"Ход реализации идеи № {idea.pk}")
    titles = [entry.title for entry in feed.entries]
    assert titles == ["Ход реализации", "Взята в реализацию"]
    assert "Высадили деревья." in feed.entries[0].summary
    assert all(f"/ideas/{idea.pk}/#entry-" in entry.link for entry in feed.entries)
    assert all(entry.published_parsed or entry.updated_parsed for entry in feed.entries)


@pytest.mark.parametrize("url", FEEDS)
def test_no_personal_data_in_the_feeds(client, world, url):
    PublishedIdeaFactory(municipality=world.surgut, author=world.author)
    body = client.get(url).content.decode()
    assert world.author.email not in body and world.author.last_name not in body


def test_an_unpublished_ideas_progress_is_not_found(client, world):
    idea = IdeaFactory(municipality=world.surgut)
    assert client.get(f"/ideas/{idea.pk}/progress.rss").status_code == 404
