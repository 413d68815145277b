"""The search page for a guest: a form that works without JavaScript, kinds as tabs with counts,
hits a guest may see only; the header links to it from every page."""

import pytest
from django.core.management import call_command

from veche.ideas.tests.factories import IdeaFactory, PublishedIdeaFactory
from veche.reports.tests.factories import RoutedReportFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def indexed(world):
    report = RoutedReportFactory(topic=world.topic, municipality=world.surgut, text="Яма у дома 7")
    idea = PublishedIdeaFactory(
        category=world.category, municipality=world.surgut, title="Засыпать ямы", text="Дорога"
    )
    hidden = IdeaFactory(
        category=world.category, municipality=world.surgut, title="Тайные ямы", text="На модерации"
    )
    call_command("reindex_search", verbosity=0)
    return report, idea, hidden


def test_the_header_has_the_search_form(client, db):
    page = client.get("/").content.decode()
    assert 'action="/search/"' in page and 'role="search"' in page


def test_without_a_query_the_page_offers_the_form(client, db):
    response = client.get("/search/")
    assert response.status_code == 200
    page = response.content.decode()
    assert 'name="q"' in page
    assert "results-title" not in page


def test_a_guest_finds_public_items_only(client, indexed):
    report, idea, hidden = indexed
    page = client.get("/search/", {"q": "ямами"}).content.decode()
    assert f'href="/reports/{report.pk}/"' in page
    assert f'href="/ideas/{idea.pk}/"' in page
    assert "Тайные ямы" not in page
    assert "kind=ideas.idea" in page  # the ideas' tab


def test_a_kind_tab_shows_that_kind(client, indexed):
    report, idea, _ = indexed
    page = client.get("/search/", {"q": "ямы", "kind": "ideas.idea"}).content.decode()
    assert f'href="/ideas/{idea.pk}/"' in page
    assert f'href="/reports/{report.pk}/"' not in page
    assert 'aria-current="page"' in page


def test_nothing_found_says_so(client, indexed):
    response = client.get("/search/", {"q": "космодром", "page": "x"})
    assert response.status_code == 200
    assert "empty-state" in response.content.decode()


def test_post_is_refused(client, db):
    assert client.post("/search/", {"q": "яма"}).status_code == 405
