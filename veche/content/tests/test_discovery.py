"""Feeds parse with feedparser; the sitemap lists public pages only and becomes an index past
its limit; robots.txt; Open Graph tags; the manifest, the service worker and the offline page."""

import json
import xml.etree.ElementTree as ET

import feedparser
import pytest
from django.contrib.sitemaps import Sitemap
from django.contrib.staticfiles import finders

from veche.content.models import Status
from veche.core.sitemaps import register_sitemap, unregister_sitemap

from .factories import EventFactory, NewsFactory, ThemeFactory

pytestmark = pytest.mark.django_db
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.mark.parametrize("path", ["/news/rss/", "/news/atom/"])
def test_news_feeds_parse(world, client, path):
    news = NewsFactory(title="Открыт приём заявок", theme=ThemeFactory(name="Бюджет"))
    NewsFactory(title="Черновик", status=Status.DRAFT, published_at=None)
    feed = feedparser.parse(client.get(path).content)
    assert not feed.bozo, feed.bozo_exception
    assert [e.title for e in feed.entries] == ["Открыт приём заявок"]
    assert feed.entries[0].link.endswith(f"/news/{news.pk}/")
    assert feed.entries[0].tags[0].term == "Бюджет"


@pytest.mark.parametrize("path", ["/events/rss/", "/events/atom/"])
def test_events_feeds_parse(world, client, path):
    EventFactory(title="Публичные слушания")
    feed = feedparser.parse(client.get(path).content)
    assert not feed.bozo, feed.bozo_exception
    assert "Публичные слушания" in feed.entries[0].title


def test_the_sitemap_lists_public_pages_only(world, client):
    visible = NewsFactory()
    draft = NewsFactory(status=Status.DRAFT, published_at=None)
    root = ET.fromstring(client.get("/sitemap.xml").content)
    locations = [loc.text for loc in root.findall("s:url/s:loc", NS)]
    assert any(loc.endswith(visible.get_absolute_url()) for loc in locations)
    assert not any(loc.endswith(draft.get_absolute_url()) for loc in locations)
    assert any(loc.endswith("/events/") for loc in locations)


class _Many(Sitemap):
    def items(self):
        return list(range(5))

    def location(self, item):
        return f"/fake/{item}/"


def test_past_its_limit_the_sitemap_is_an_index(world, client, settings):
    settings.SITEMAP_MAX_URLS = 4
    register_sitemap("many", _Many())
    try:
        root = ET.fromstring(client.get("/sitemap.xml").content)
        assert root.tag.endswith("sitemapindex")
        parts = [loc.text for loc in root.findall("s:sitemap/s:loc", NS)]
        assert any("sitemap-many.xml?p=2" in p for p in parts)
        second = ET.fromstring(client.get("/sitemap-many.xml?p=2").content)
        assert [loc.text[-8:] for loc in second.findall("s:url/s:loc", NS)] == ["/fake/4/"]
    finally:
        unregister_sitemap("many")


def test_robots_txt_points_to_the_sitemap_and_keeps_out_staff_pages(client, db):
    body = client.get("/robots.txt").content.decode()
    assert "Disallow: /staff/" in body and "Disallow: /content/work/" in body
    assert "Sitemap: " in body and body.rstrip().endswith("/sitemap.xml")


def test_public_pages_carry_open_graph_tags(world, client):
    news = NewsFactory(title="Новый сквер в Сургуте", lead="Жители выбрали проект.")
    page = client.get(news.get_absolute_url()).content.decode()
    assert '<meta property="og:title" content="Новый сквер в Сургуте">' in page
    assert 'property="og:description" content="Жители выбрали проект."' in page
    assert 'property="og:url"' in page
    home = client.get("/").content.decode()
    assert 'property="og:type" content="website"' in home


def test_the_manifest_service_worker_and_offline_page(client, db):
    manifest = json.loads(client.get("/manifest.webmanifest").content)
    assert manifest["display"] == "standalone" and manifest["start_url"].startswith("/")
    assert {icon["sizes"] for icon in manifest["icons"]} >= {"192x192", "512x512"}
    for icon in manifest["icons"]:
        assert finders.find(icon["src"].removeprefix("/static/"))
    worker = client.get("/sw.js")
    assert worker["Content-Type"].startswith("application/javascript")
    assert worker["Service-Worker-Allowed"] == "/"
    assert b"/offline/" in worker.content
    assert client.get("/offline/").status_code == 200
    assert 'rel="manifest"' in client.get("/").content.decode()


def test_published_reports_and_ideas_are_in_the_sitemap_and_unpublished_are_not(world, client):
    from veche.ideas.tests.factories import IdeaFactory
    from veche.reports.tests.factories import ReportFactory, RoutedReportFactory

    public_report = RoutedReportFactory(municipality=world.surgut)
    pending_report = ReportFactory(status="submitted", municipality=world.surgut)
    public_idea = IdeaFactory(status="published", municipality=world.surgut)
    pending_idea = IdeaFactory(status="submitted", municipality=world.surgut)
    root = ET.fromstring(client.get("/sitemap.xml").content)
    locations = {loc.text.split("testserver")[-1] for loc in root.findall("s:url/s:loc", NS)}
    assert f"/reports/{public_report.pk}/" in locations
    assert f"/ideas/{public_idea.pk}/" in locations
    assert f"/reports/{pending_report.pk}/" not in locations
    assert f"/ideas/{pending_idea.pk}/" not in locations
