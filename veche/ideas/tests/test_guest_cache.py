"""Guests' idea pages come from the cache (veche/core/pagecache.py) until the data changes: any
event (a support, a comment, a decision) gives the next guest a fresh page; each guest gets his
own CSRF token, which the form he posts passes with; signed-in residents never see a cached page."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from veche.ideas.services import idea_support
from veche.ideas.tests.factories import PublishedIdeaFactory

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"|"X-CSRFToken": "([^"]+)"')
SUPPORTS = re.compile(r'<p class="support-count"><strong>(\d+)</strong>')


@pytest.fixture(autouse=True)
def guest_cache(settings):
    settings.GUEST_PAGE_CACHE_SECONDS = 60
    cache.clear()
    yield
    cache.clear()


def _get(client: Client, url: str):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response, len(queries)


def test_a_second_guest_gets_the_page_without_rendering_it_again(world):
    idea = PublishedIdeaFactory(municipality=world.surgut, title="Сквер у школы")
    url = f"/ideas/{idea.pk}/"
    first, rendered = _get(Client(), url)
    second, served = _get(Client(), url)
    assert served == 1 < rendered  # only the data's version is read
    assert "Сквер у школы" in second.content.decode()
    # The same page but for the visitor's own token.
    assert TOKEN.sub("", first.content.decode()) == TOKEN.sub("", second.content.decode())
    assert TOKEN.findall(first.content.decode()) != TOKEN.findall(second.content.decode())


def test_a_change_with_an_event_gives_the_next_guest_a_fresh_page(world):
    idea = PublishedIdeaFactory(municipality=world.surgut)
    url = f"/ideas/{idea.pk}/"
    before, _ = _get(Client(), url)
    idea_support(user=world.neighbour, idea=idea)  # records "ideas.supported"
    after, rendered = _get(Client(), url)
    assert rendered > 1
    assert SUPPORTS.findall(before.content.decode()) == ["0"]
    assert SUPPORTS.findall(after.content.decode()) == ["1"]


def test_the_guest_posts_with_the_token_of_the_cached_page(world):
    idea = PublishedIdeaFactory(municipality=world.surgut)
    url = f"/ideas/{idea.pk}/"
    _get(Client(), url)  # fills the cache
    guest = Client(enforce_csrf_checks=True)
    page, served = _get(guest, url)
    assert served == 1
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())[1]
    response = guest.post(
        "/i18n/setlang/", {"language": "en", "next": url, "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302  # a stale or foreign token would be a 403


@pytest.mark.parametrize("url", ["/ideas/", "/ideas/map/"])
def test_the_list_and_the_map_are_cached_for_guests(world, url):
    PublishedIdeaFactory(municipality=world.surgut)
    _get(Client(), url)
    assert _get(Client(), url)[1] == 1


def test_a_signed_in_resident_always_gets_a_fresh_page(world):
    idea = PublishedIdeaFactory(municipality=world.surgut)
    url = f"/ideas/{idea.pk}/"
    _get(Client(), url)
    resident = Client()
    resident.force_login(world.neighbour)
    assert _get(resident, url)[1] > 1


def test_languages_and_low_vision_settings_get_pages_of_their_own(world):
    idea = PublishedIdeaFactory(municipality=world.surgut)
    url = f"/ideas/{idea.pk}/"
    russian, _ = _get(Client(), url)
    english = Client()
    english.cookies["veche_language"] = "en"
    page, rendered = _get(english, url)
    assert rendered > 1 and page.content != russian.content
    assert 'lang="en"' in page.content.decode()
