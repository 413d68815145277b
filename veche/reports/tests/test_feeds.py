"""RSS and Atom feeds of new reports and of answers, per municipality, category and area, parsed
as a feed reader parses them (feedparser); nothing personal in them."""

import feedparser
import pytest

from veche.reports import services
from veche.reports.tests.factories import (
    CategoryFactory,
    ReportFactory,
    RoutedReportFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db

FEEDS = ["/reports/feeds/new.rss", "/reports/feeds/new.atom"]
ANSWER_FEEDS = ["/reports/feeds/answers.rss", "/reports/feeds/answers.atom"]


def parsed(client, url, params=None):
    response = client.get(url, params or {})
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    return feed


def numbers(feed) -> list[int]:
    return [int(entry.link.split("/reports/")[1].split("/")[0]) for entry in feed.entries]


@pytest.mark.parametrize("url", FEEDS)
def test_new_reports_are_the_published_ones_newest_first(client, world, url):
    older = RoutedReportFactory(municipality=world.surgut)
    newer = RoutedReportFactory(municipality=world.urai)
    ReportFactory(municipality=world.surgut)  # awaiting moderation: never in a feed
    feed = parsed(client, url)
    assert numbers(feed) == [newer.pk, older.pk]
    assert feed.feed.title == "Новые сообщения"
    assert newer.topic.name in feed.entries[0].title


@pytest.mark.parametrize("url", FEEDS)
def test_new_reports_per_municipality(client, world, url):
    surgut = RoutedReportFactory(municipality=world.surgut)
    RoutedReportFactory(municipality=world.urai)
    feed = parsed(client, url, {"municipality": world.surgut.pk})
    assert numbers(feed) == [surgut.pk]
    assert "Сургут" in feed.feed.title


@pytest.mark.parametrize("url", FEEDS)
def test_new_reports_per_category(client, world, url):
    roads = CategoryFactory(name="Дороги")
    pothole = RoutedReportFactory(municipality=world.surgut, topic=TopicFactory(category=roads))
    RoutedReportFactory(municipality=world.surgut)
    feed = parsed(client, url, {"category": roads.pk})
    assert numbers(feed) == [pothole.pk]
    assert "Дороги" in feed.feed.title


@pytest.mark.parametrize("url", FEEDS)
def test_new_reports_per_area(client, world, url):
    inside = RoutedReportFactory(municipality=world.surgut)
    RoutedReportFactory(municipality=world.urai)
    lat, lon = world.surgut.centre_lat, world.surgut.centre_lon
    bbox = f"{lon - 0.1},{lat - 0.1},{lon + 0.1},{lat + 0.1}"
    assert numbers(parsed(client, url, {"bbox": bbox})) == [inside.pk]


@pytest.mark.parametrize("url", FEEDS + ANSWER_FEEDS)
def test_a_malformed_area_is_a_clear_400(client, world, url):
    response = client.get(url, {"bbox": "1,2,3"})
    assert response.status_code == 400
    assert "min_lon,min_lat,max_lon,max_lat" in response.content.decode()


@pytest.mark.parametrize("url", FEEDS + ANSWER_FEEDS)
def test_no_personal_data_in_the_feeds(client, world, url):
    report = RoutedReportFactory(municipality=world.surgut, author=world.author)
    services.report_answer(official=world.official, report=report, kind="resolved", text="Сделано.")
    body = client.get(url).content.decode()
    for private in (world.author.email, world.official.email, world.author.last_name or "@"):
        assert private not in body


def answer(world, official, municipality, text):
    report = RoutedReportFactory(municipality=municipality)
    services.report_answer(official=official, report=report, kind="resolved", text=text)
    return report


@pytest.mark.parametrize("url", ANSWER_FEEDS)
def test_answers_per_municipality(client, world, url):
    surgut = answer(world, world.official, world.surgut, "Яму заделали.")
    urai = answer(world, world.urai_official, world.urai, "Фонарь починили.")
    RoutedReportFactory(municipality=world.surgut)  # no answer yet
    everything = parsed(client, url)
    assert numbers(everything) == [urai.pk, surgut.pk]
    feed = parsed(client, url, {"municipality": world.surgut.pk})
    assert numbers(feed) == [surgut.pk]
    assert "Яму заделали." in feed.entries[0].summary
    assert feed.feed.title.startswith("Ответы на сообщения")


@pytest.mark.parametrize("url", ANSWER_FEEDS)
def test_answers_per_category_and_area(client, world, url):
    roads = CategoryFactory(name="Дороги")
    road = RoutedReportFactory(municipality=world.surgut, topic=TopicFactory(category=roads))
    services.report_answer(official=world.official, report=road, kind="resolved", text="Да.")
    answer(world, world.urai_official, world.urai, "Другое.")
    assert numbers(parsed(client, url, {"category": roads.pk})) == [road.pk]
    lat, lon = world.surgut.centre_lat, world.surgut.centre_lon
    bbox = f"{lon - 0.1},{lat - 0.1},{lon + 0.1},{lat + 0.1}"
    assert numbers(parsed(client, url, {"bbox": bbox})) == [road.pk]


def test_the_list_links_the_feeds_of_its_filters(client, world):
    html = client.get("/reports/", {"municipality": world.surgut.pk}).content.decode()
    query = f"?municipality={world.surgut.pk}"
    assert (
        f'<link rel="alternate" type="application/rss+xml" title="Новые сообщения (RSS)" '
        f'href="/reports/feeds/new.rss{query}">'
    ) in html
    assert f'href="/reports/feeds/answers.atom{query}"' in html
    assert f'href="/reports/export.xlsx{query}"' in html
