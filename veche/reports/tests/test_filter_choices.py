"""The filters' option lists are cached, and a change to the catalogue shows at once."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from veche.reports.tests.factories import CategoryFactory, TopicFactory
from veche.territory.models import Municipality

pytestmark = pytest.mark.django_db


@pytest.fixture
def cached(settings):
    settings.REPORT_FILTER_CHOICES_CACHE_SECONDS = 60
    cache.clear()
    yield
    cache.clear()


def queries_of(client, url="/reports/") -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_lists_are_read_once_then_from_the_cache(client, world, cached):
    TopicFactory(name="Яма на дороге")
    first, second = queries_of(client), queries_of(client)
    assert first - second == 3  # categories, topics, municipalities


def test_a_new_topic_and_a_renamed_municipality_show_at_once(client, world, cached):
    queries_of(client)
    TopicFactory(name="Сосульки на крыше", category=CategoryFactory(name="Крыши"))
    Municipality.objects.filter(pk=world.surgut.pk).first().save()  # a save drops the lists too
    world.urai.name = "Урай (город)"
    world.urai.save()
    html = client.get("/reports/").content.decode()
    assert "Сосульки на крыше" in html and '<optgroup label="Крыши">' in html
    assert "Урай (город)" in html


def test_with_the_cache_off_every_page_reads_the_lists(client, world, settings):
    settings.REPORT_FILTER_CHOICES_CACHE_SECONDS = 0
    assert queries_of(client) == queries_of(client)
